import BatchAudit
import Foundation
import GateService
import Hummingbird
import HummingbirdTesting
import MRZText
import Testing

/// The gate's API in process (HummingbirdTesting's router mode): real scans of the repository's synthetic sample
/// pages, decisions, the record list, the outbox, every refusal answered 4xx with the field named.
@Suite struct GateRoutesTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/pages")

    static func state(maximumUpload: Int = 32 << 20) throws -> (GateState, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var configuration = GateConfiguration(gate: "test-gate", storePath: dir + "/gate.sqlite", port: 0, engineVersion: "test",
                                              policyVersion: "default")
        configuration.referenceDate = CalendarDate(year: 2026, month: 11, day: 22)
        configuration.readsVIZ = false
        configuration.maximumUploadBytes = maximumUpload
        return (try GateState(configuration: configuration, initialWatchlist: nil), dir)
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    static func errorField(_ buffer: ByteBuffer) throws -> String? {
        (try json(buffer)["error"] as? [String: Any])?["field"] as? String
    }

    @Test func scanDecideAndList() async throws {
        let (state, dir) = try Self.state()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let app = Application(router: GateRoutes.router(state: state))
        let page = try Data(contentsOf: Self.samples.appendingPathComponent("td3-clean-00000.jpg"))
        try await app.test(.router) { client in
            var record = ""
            try await client.execute(uri: "/api/v1/scan?name=td3.jpg", method: .post, body: ByteBuffer(bytes: page)) { response in
                #expect(response.status == .ok)
                let object = try Self.json(response.body)
                record = try #require(object["record"] as? String)
                #expect(object["verdict"] as? String == "clear")
                #expect(object["file"] as? String == "td3.jpg")
                let mrz = try #require(object["mrz"] as? [String: Any])
                #expect(mrz["format"] as? String == "TD3")
            }
            #expect(try state.store.outboxCount() == 1)
            try await client.execute(uri: "/api/v1/records/\(record)/decision", method: .post,
                                     body: ByteBuffer(string: #"{"decision":"referred","note":"ảnh mờ"}"#)) { response in
                #expect(response.status == .created)
                let object = try Self.json(response.body)
                #expect(object["recordID"] as? String == record)
                #expect(object["decision"] as? String == "referred")
                #expect(object["note"] as? String == "ảnh mờ")
                #expect(object["gate"] as? String == "test-gate")
            }
            #expect(try state.store.outboxCount() == 2)
            try await client.execute(uri: "/api/v1/records/\(record)", method: .get) { response in
                #expect(response.status == .ok)
                let object = try Self.json(response.body)
                #expect((object["decision"] as? [String: Any])?["decision"] as? String == "referred")
                #expect((object["result"] as? [String: Any])?["verdict"] as? String == "clear")
            }
            try await client.execute(uri: "/api/v1/records", method: .get) { response in
                let object = try Self.json(response.body)
                #expect((object["records"] as? [Any])?.count == 1)
                #expect(object["last"] as? String == record)
            }
            try await client.execute(uri: "/api/v1/records?after=\(record)", method: .get) { response in
                let records = try Self.json(response.body)["records"] as? [Any]
                #expect(records?.count == 0)
            }
            try await client.execute(uri: "/api/v1/records/\(record)/annotated.png", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            }
            try await client.execute(uri: "/api/v1/health", method: .get) { response in
                let object = try Self.json(response.body)
                #expect(object["outbox"] as? Int == 2)
                #expect(object["records"] as? Int == 1)
                #expect(object["gate"] as? String == "test-gate")
                #expect(object["lastRecord"] as? String == record)
            }
        }
    }

    @Test func aNonImageIsScreenedAsUnreadableNotRefused() async throws {
        let (state, dir) = try Self.state()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Application(router: GateRoutes.router(state: state)).test(.router) { client in
            try await client.execute(uri: "/api/v1/scan", method: .post, body: ByteBuffer(string: "GIF89a not a passport")) { response in
                #expect(response.status == .ok)
                let object = try Self.json(response.body)
                #expect((object["error"] as? [String: Any])?["code"] as? String == "image.unreadable")
                #expect(object["verdict"] as? String == "refer")
                #expect(object["file"] as? String == "upload")
            }
        }
    }

    @Test func refusalsAre4xxNamingTheField() async throws {
        let (state, dir) = try Self.state(maximumUpload: 1000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unknown = UUID().uuidString
        try await Application(router: GateRoutes.router(state: state)).test(.router) { client in
            try await client.execute(uri: "/api/v1/scan", method: .post, body: ByteBuffer()) { response in
                #expect(response.status == .badRequest)
                let field = try Self.errorField(response.body)
                #expect(field == "body")
            }
            try await client.execute(uri: "/api/v1/scan", method: .post, body: ByteBuffer(bytes: [UInt8](repeating: 0xFF, count: 5000))) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/v1/scan?name=\(String(repeating: "a", count: 300))", method: .post, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .badRequest)
                let field = try Self.errorField(response.body)
                #expect(field == "name")
            }
            try await client.execute(uri: "/api/v1/records/not-a-uuid/decision", method: .post, body: ByteBuffer(string: #"{"decision":"admitted"}"#)) { response in
                #expect(response.status == .badRequest)
                let field = try Self.errorField(response.body)
                #expect(field == "id")
            }
            try await client.execute(uri: "/api/v1/records/\(unknown)/decision", method: .post, body: ByteBuffer(string: #"{"decision":"admitted"}"#)) { response in
                #expect(response.status == .notFound)
            }
            for (body, expected) in [(#"{"note":"x"}"#, "decision"), (#"{"decision":"waved"}"#, "decision"), (#"{"decision":"admitted","officer":"x"}"#, "officer"),
                                  ("{", "body"), (#"{"decision":"admitted","note":7}"#, "note")] {
                try await client.execute(uri: "/api/v1/records/\(unknown)/decision", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    let field = try Self.errorField(response.body)
                    #expect(field == expected, "\(body)")
                }
            }
            try await client.execute(uri: "/api/v1/records?after=\(unknown)", method: .get) { response in
                #expect(response.status == .notFound)
                let field = try Self.errorField(response.body)
                #expect(field == "after")
            }
            try await client.execute(uri: "/api/v1/records?limit=0", method: .get) { response in
                #expect(response.status == .badRequest)
                let field = try Self.errorField(response.body)
                #expect(field == "limit")
            }
            try await client.execute(uri: "/api/v1/records/\(unknown)/annotated.png", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/scan", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            // Limits count Unicode scalars, as the spec's maxLength does: 1001 two-scalar emoji are over 2000.
            try await client.execute(uri: "/api/v1/records/\(unknown)/decision", method: .post,
                                     body: ByteBuffer(string: #"{"decision":"admitted","note":""# + String(repeating: "👍🏽", count: 1001) + #""}"#)) { response in
                #expect(response.status == .badRequest)
                let field = try Self.errorField(response.body)
                #expect(field == "note")
            }
            try await client.execute(uri: "/no/such/path", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try Self.json(response.body)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "not_found")
            }
        }
        #expect(try state.store.outboxCount() == 0)
    }

    @Test func theConsoleIsServedFromTheBinaryWithNothingExternal() async throws {
        let (state, dir) = try Self.state()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Application(router: GateRoutes.router(state: state)).test(.router) { client in
            for path in ["/", "/console.js", "/console.css", "/api/v1/openapi.yaml"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    let text = String(buffer: response.body)
                    #expect(text.count > 500, "\(path)")
                    // Every absolute address is an XML namespace name (never fetched) or the spec's example server.
                    let addresses = text.matches(of: /https?:\/\/[^\s"'<>)]+/).map { String($0.output) }
                    let allowed: Set<String> = ["http://www.w3.org/2000/svg", "http://127.0.0.1:8080"]
                    #expect(addresses.allSatisfy(allowed.contains), "\(path) refers to \(addresses)")
                    #expect(!text.contains("@import"), "\(path) imports a style sheet")
                }
            }
        }
    }
}
