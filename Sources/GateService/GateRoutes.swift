import BatchAudit
import Foundation
import Hummingbird
import NIOCore
import RecordExchange
import Screening
import ServiceHTTP

/// The gate's HTTP routes: the console's files, the scan API, decisions, the record list.
public enum GateRoutes {
    /// A router for `state`, every error answered as JSON by ``ServiceHTTP/ProblemMiddleware``.
    public static func router(state: GateState) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ProblemMiddleware(methods: AllowedMethods([
            "/": [.get], "/console.js": [.get], "/console.css": [.get], "/api/v1/openapi.yaml": [.get], "/api/v1/health": [.get],
            "/api/v1/scan": [.post], "/api/v1/records": [.get], "/api/v1/records/:id": [.get], "/api/v1/records/:id/annotated.png": [.get],
            "/api/v1/records/:id/decision": [.post],
        ])))
        let limit = state.configuration.maximumUploadBytes

        router.get("/") { _, _ in ConsoleFiles.response(.index) }
        router.get("/console.js") { _, _ in ConsoleFiles.response(.script) }
        router.get("/console.css") { _, _ in ConsoleFiles.response(.style) }
        router.get("/api/v1/openapi.yaml") { _, _ in ConsoleFiles.response(.openAPI) }

        router.get("/api/v1/health") { _, _ in
            try JSONResponse.encode(try health(state))
        }

        router.post("/api/v1/scan") { request, context in
            let name = try scanName(request.uri.queryParameters.get("name"))
            let bytes = try await RequestBodyReader.collect(request, upTo: limit)
            guard !bytes.isEmpty else { throw APIProblem.badRequest("the body is empty; send the image's bytes", field: "body") }
            let (_, record): (ScanResult, AuditRecord)
            do {
                (_, record) = try await state.screenOffPool(bytes: bytes, name: name)
            } catch {
                context.logger.error("scan not stored", metadata: ["error": "\(error)"])
                throw APIProblem.unavailable
            }
            return JSONResponse.raw(ScanJSON.withRecord(record))
        }

        router.get("/api/v1/records") { request, _ in
            let after = request.uri.queryParameters.get("after")
            if let after, !UUIDText.isValid(after) { throw APIProblem.badRequest("not a UUID", field: "after") }
            var limit = 100
            if let text = request.uri.queryParameters.get("limit") {
                guard let n = Int(text), (1...500).contains(n) else { throw APIProblem.badRequest("an integer from 1 to 500", field: "limit") }
                limit = n
            }
            guard let entries = try state.store.gateRecords(after: after?.uppercased(), limit: limit) else {
                throw APIProblem.notFound("record \(after ?? "")", field: "after")
            }
            return JSONResponse.raw(ScanJSON.list(entries))
        }

        router.get("/api/v1/records/:id") { _, context in
            let id = try recordID(context)
            guard let entry = try state.store.gateRecord(id: id) else { throw APIProblem.notFound("record", field: "id") }
            return JSONResponse.raw(ScanJSON.entry(entry))
        }

        router.get("/api/v1/records/:id/annotated.png") { _, context in
            let id = try recordID(context)
            guard let png = state.annotatedPNG(recordID: id) else { throw APIProblem.notFound("annotated page of the record", field: "id") }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
        }

        router.post("/api/v1/records/:id/decision") { request, context in
            let id = try recordID(context)
            let body = try await RequestBodyReader.collect(request, upTo: 64 << 10)
            let input = try JSONBody.decode(DecisionRequest.self, from: body)
            let note = input.note ?? ""
            guard note.unicodeScalars.count <= 2000 else { throw APIProblem.badRequest("at most 2000 characters", field: "note") }
            let decision = DecisionRecord(recordID: id, gate: state.configuration.gate, decision: input.decision, note: note,
                                          decidedAt: AuditTimestamp.text(Date()))
            guard try state.store.recordDecision(decision) else { throw APIProblem.notFound("record", field: "id") }
            return try JSONResponse.encode(decision, status: .created)
        }
        return router
    }

    /// The body of `POST /api/v1/records/{id}/decision`; other keys are refused.
    struct DecisionRequest: Decodable {
        var decision: OfficerDecision
        var note: String?

        enum CodingKeys: String, CodingKey { case decision, note }

        init(from decoder: any Decoder) throws {
            try UnknownKeys.refuse(in: decoder, allowed: ["decision", "note"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            decision = try container.decode(OfficerDecision.self, forKey: .decision)
            note = try container.decodeIfPresent(String.self, forKey: .note)
        }
    }

    /// The gate's status.
    struct Health: Encodable {
        var status = "ok"
        var gate: String
        var version: String
        var watchlistVersion: String
        var outbox: Int
        var records: Int
        var lastRecord: String?
        var language: String

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(status, forKey: .status)
            try c.encode(gate, forKey: .gate)
            try c.encode(version, forKey: .version)
            try c.encode(watchlistVersion, forKey: .watchlistVersion)
            try c.encode(outbox, forKey: .outbox)
            try c.encode(records, forKey: .records)
            try c.encode(lastRecord, forKey: .lastRecord)
            try c.encode(language, forKey: .language)
        }

        enum CodingKeys: String, CodingKey { case status, gate, version, watchlistVersion, outbox, records, lastRecord, language }
    }

    static func health(_ state: GateState) throws -> Health {
        Health(gate: state.configuration.gate, version: state.configuration.engineVersion,
               watchlistVersion: state.currentWatchlist?.version ?? "none", outbox: try state.store.outboxCount(),
               records: try state.store.recordCount(), lastRecord: try state.store.lastGateRecordID(),
               language: state.configuration.language.rawValue)
    }

    /// The path's record id, upper-cased; 400 when it is not a UUID.
    static func recordID(_ context: BasicRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), UUIDText.isValid(id) else { throw APIProblem.badRequest("not a UUID", field: "id") }
        return id.uppercased()
    }

    /// The recorded file name: `upload` by default, at most 255 characters (Unicode scalars, as JSON Schema counts),
    /// no control characters, no folders (the last path component; `upload` when that is empty, `.` or `..`).
    static func scanName(_ name: String?) throws -> String {
        guard let name, !name.isEmpty else { return "upload" }
        guard name.unicodeScalars.count <= 255 else { throw APIProblem.badRequest("at most 255 characters", field: "name") }
        guard !name.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) else {
            throw APIProblem.badRequest("control characters are not allowed", field: "name")
        }
        let last = (name as NSString).lastPathComponent
        return ["", ".", "..", "/"].contains(last) ? "upload" : last
    }
}

/// The JSON the gate answers with, built around the stored scan object (the row's `result`, exactly the object
/// of `docscreen scan --json`) so that it is not encoded twice.
enum ScanJSON {
    /// The scan object with `"record"` added first.
    static func withRecord(_ record: AuditRecord) -> [UInt8] {
        var out = Array("{\"record\":\"\(record.recordID)\"".utf8)
        let object = Array(record.result.utf8)
        if object.count > 2 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: object.dropFirst())
        return out
    }

    /// One entry of the record list: `{"decision", "file", "record", "result", "scannedAt", "verdict"}`.
    static func entry(_ entry: GateRecordEntry) -> [UInt8] {
        struct Head: Encodable {
            var decision: DecisionRecord?
            var file: String
            var record: String
            var scannedAt: String
            var verdict: String
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(decision, forKey: .decision)
                try c.encode(file, forKey: .file)
                try c.encode(record, forKey: .record)
                try c.encode(scannedAt, forKey: .scannedAt)
                try c.encode(verdict, forKey: .verdict)
            }
            enum CodingKeys: String, CodingKey { case decision, file, record, scannedAt, verdict }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let r = entry.record
        var head = Array((try? encoder.encode(Head(decision: entry.decision, file: r.path, record: r.recordID, scannedAt: r.scannedAt,
                                                   verdict: r.verdict))) ?? Data("{}".utf8))
        head.removeLast()
        head.append(contentsOf: Array(",\"result\":".utf8))
        head.append(contentsOf: Array(r.result.utf8))
        head.append(UInt8(ascii: "}"))
        return head
    }

    /// `{"last": ID or null, "records": [...]}`.
    static func list(_ entries: [GateRecordEntry]) -> [UInt8] {
        var out = Array("{\"last\":".utf8)
        out.append(contentsOf: Array((entries.last.map { "\"\($0.record.recordID)\"" } ?? "null").utf8))
        out.append(contentsOf: Array(",\"records\":[".utf8))
        for (i, entry) in entries.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Self.entry(entry))
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }
}
