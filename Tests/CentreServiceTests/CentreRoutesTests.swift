import BatchAudit
import CentreService
import CentreStore
import Foundation
import Hummingbird
import HummingbirdTesting
import RecordExchange
import Testing

@Suite struct CentreRoutesTests {
    static let tokenA = "token-of-gate-a-0123456789abcdef"
    static let tokenB = "token-of-gate-b-0123456789abcdef"

    static func centre(maximumBody: Int = 16 << 20) throws -> (Application<RouterResponder<BasicRequestContext>>, SQLiteCentreStore, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("centre-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try SQLiteCentreStore(path: dir + "/centre.sqlite")
        var configuration = CentreConfiguration(port: 0, storeLocation: dir + "/centre.sqlite",
                                                tokens: try GateTokenTable(text: "gate-a \(tokenA)\ngate-b \(tokenB)\n"), engineVersion: "test")
        configuration.maximumBodyBytes = maximumBody
        return (Application(router: CentreRoutes.router(configuration: configuration, store: store)), store, dir)
    }

    static func scan(gate: String, verdict: String = "clear") -> AuditRecord {
        AuditRecord(recordID: UUID().uuidString, gate: gate, path: "upload.jpg", sha256: nil, engineVersion: "t", watchlistVersion: "none",
                    policyVersion: "p", scannedAt: "2026-11-22T10:00:00.000Z", verdict: verdict, findings: "[]", result: "{}",
                    format: "TD3", documentCode: "P", issuingState: "UTO", documentNumber: "L898902C3", documentNumberValid: true,
                    surname: "ERIKSSON", givenNames: "ANNA MARIA", holderName: "ERIKSSON ANNA MARIA", birthDate: "1974-08-12",
                    nationality: "UTO", sex: "F", expiryDate: "2032-04-15", errorCode: nil)
    }

    static func body(_ batch: RecordBatch) throws -> ByteBuffer { ByteBuffer(bytes: Array(try JSONEncoder().encode(batch))) }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    static func errorField(_ buffer: ByteBuffer) throws -> String? {
        (try json(buffer)["error"] as? [String: Any])?["field"] as? String
    }

    @Test func aResentBatchIsStoredOnce() async throws {
        let (app, store, dir) = try Self.centre()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scans = (0..<5).map { _ in Self.scan(gate: "gate-a") }
        let decision = DecisionRecord(recordID: scans[0].recordID, gate: "gate-a", decision: .admitted, note: "", decidedAt: "2026-11-22T10:05:00.000Z")
        let batch = RecordBatch(gate: "gate-a", scans: scans, decisions: [decision])
        try await app.test(.router) { client in
            for attempt in 0..<3 {
                try await client.execute(uri: "/api/v1/records", method: .post, headers: [.authorization: "Bearer \(Self.tokenA)"],
                                         body: try Self.body(batch)) { response in
                    #expect(response.status == .ok)
                    let receipt = try JSONDecoder().decode(RecordReceipt.self, from: Data(response.body.readableBytesView))
                    #expect(receipt.received == 6)
                    #expect(receipt.scansStored == (attempt == 0 ? 5 : 0))
                    #expect(receipt.decisionsStored == (attempt == 0 ? 1 : 0))
                    #expect(receipt.duplicates == (attempt == 0 ? 0 : 6))
                }
            }
            let other = RecordBatch(gate: "gate-b", scans: [Self.scan(gate: "gate-b", verdict: "alert")], decisions: [])
            try await client.execute(uri: "/api/v1/records", method: .post, headers: [.authorization: "Bearer \(Self.tokenB)"],
                                     body: try Self.body(other)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/stats", method: .get) { response in
                let stats = try JSONDecoder().decode(CentreStats.self, from: Data(response.body.readableBytesView))
                #expect(stats == CentreStats(records: 6, byGate: ["gate-a": 5, "gate-b": 1], decisions: 1))
            }
            try await client.execute(uri: "/report", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("gate-a") && html.contains("gate-b"))
                #expect(!html.contains("ERIKSSON"), "the trend report carries counts, no holder names")
            }
        }
        #expect(Set(try await store.recordIDs()) == Set(scans.map(\.recordID) + [try #require(try await store.recordIDs().last)]))
    }

    @Test func refusalsAre4xxNamingTheField() async throws {
        let (app, store, dir) = try Self.centre(maximumBody: 4096)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = RecordBatch(gate: "gate-a", scans: [Self.scan(gate: "gate-a")], decisions: [])
        try await app.test(.router) { client in
            for headers: HTTPFields in [[:], [.authorization: "Bearer nope-nope-nope-nope"], [.authorization: "Basic \(Self.tokenA)"],
                                        [.authorization: "Bearer \(Self.tokenA)x"]] {
                try await client.execute(uri: "/api/v1/records", method: .post, headers: headers, body: try Self.body(good)) { response in
                    #expect(response.status == .unauthorized)
                }
            }
            // gate-b's token with gate-a's rows.
            try await client.execute(uri: "/api/v1/records", method: .post, headers: [.authorization: "Bearer \(Self.tokenB)"],
                                     body: try Self.body(good)) { response in
                #expect(response.status == .forbidden)
                let field = try Self.errorField(response.body)
                #expect(field == "gate")
            }
            let mixed = RecordBatch(gate: "gate-a", scans: [Self.scan(gate: "gate-a"), Self.scan(gate: "gate-b")], decisions: [])
            try await client.execute(uri: "/api/v1/records", method: .post, headers: [.authorization: "Bearer \(Self.tokenA)"],
                                     body: try Self.body(mixed)) { response in
                #expect(response.status == .forbidden)
                let field = try Self.errorField(response.body)
                #expect(field == "scans[1].gate")
            }
            for (text, expected) in [(#"{"gate":"gate-a","scans":[]}"#, "decisions"), ("[]", "body"), (#"{"gate":"gate-a","scans":[{}],"decisions":[]}"#, "scans[0].recordID")] {
                try await client.execute(uri: "/api/v1/records", method: .post, headers: [.authorization: "Bearer \(Self.tokenA)"],
                                         body: ByteBuffer(string: text)) { response in
                    #expect(response.status == .badRequest, "\(text)")
                    let field = try Self.errorField(response.body)
                    #expect(field == expected, "\(text)")
                }
            }
            let big = RecordBatch(gate: "gate-a", scans: (0..<40).map { _ in Self.scan(gate: "gate-a") }, decisions: [])
            try await client.execute(uri: "/api/v1/records", method: .post, headers: [.authorization: "Bearer \(Self.tokenA)"],
                                     body: try Self.body(big)) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/v1/watchlist", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/watchlist", method: .get, headers: [.authorization: "Bearer \(Self.tokenA)"]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/report?period=year", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/records", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/api/v1/watchlist/99999999999999999999999", method: .get, headers: [.authorization: "Bearer \(Self.tokenA)"]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/watchlist/-1", method: .get, headers: [.authorization: "Bearer \(Self.tokenA)"]) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try await store.recordIDs().isEmpty, "nothing refused was stored")
    }
}
