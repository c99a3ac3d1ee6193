import BatchAudit
import Foundation
import Testing
@testable import RecordExchange

@Suite struct RecordBatchTests {
    static func scan(gate: String?, id: String = UUID().uuidString) -> AuditRecord {
        AuditRecord(recordID: id, gate: gate, path: "upload.jpg", sha256: nil, engineVersion: "t", watchlistVersion: "none",
                    policyVersion: "p", scannedAt: "2026-11-22T10:00:00.000Z", verdict: "clear", findings: "[]", result: "{}",
                    format: nil, documentCode: nil, issuingState: nil, documentNumber: nil, documentNumberValid: nil, surname: nil,
                    givenNames: nil, holderName: nil, birthDate: nil, nationality: nil, sex: nil, expiryDate: nil, errorCode: nil)
    }

    @Test func acceptsTheSendersOwnRows() throws {
        let scan = Self.scan(gate: "g1")
        let decision = DecisionRecord(recordID: scan.recordID, gate: "g1", decision: .refused, note: "", decidedAt: "2026-11-22T10:01:00.000Z")
        try RecordBatch(gate: "g1", scans: [scan], decisions: [decision]).validate(sentBy: "g1", maximumRows: 10)
    }

    @Test func namesTheFieldOfAForeignRow() {
        let batch = RecordBatch(gate: "g1", scans: [Self.scan(gate: "g1"), Self.scan(gate: "g2")], decisions: [])
        #expect(throws: RecordBatchError.foreignGate(field: "scans[1].gate", expected: "g1", found: "g2")) {
            try batch.validate(sentBy: "g1", maximumRows: 10)
        }
        #expect(throws: RecordBatchError.foreignGate(field: "gate", expected: "g2", found: "g1")) {
            try batch.validate(sentBy: "g2", maximumRows: 10)
        }
        let batchRow = RecordBatch(gate: "g1", scans: [Self.scan(gate: nil)], decisions: [])
        #expect(throws: RecordBatchError.foreignGate(field: "scans[0].gate", expected: "g1", found: nil)) {
            try batchRow.validate(sentBy: "g1", maximumRows: 10)
        }
    }

    @Test func refusesIdentifiersThatAreNotUUIDs() {
        let batch = RecordBatch(gate: "g1", scans: [Self.scan(gate: "g1", id: "1; DROP TABLE scan")], decisions: [])
        #expect(throws: RecordBatchError.invalidIdentifier(field: "scans[0].recordID", found: "1; DROP TABLE scan")) {
            try batch.validate(sentBy: "g1", maximumRows: 10)
        }
    }

    @Test func refusesAVerdictNoScanGives() {
        var scan = Self.scan(gate: "g1")
        scan.verdict = "maybe"
        #expect(throws: RecordBatchError.invalidContent(field: "scans[0].verdict", reason: "clear, refer or alert")) {
            try RecordBatch(gate: "g1", scans: [scan], decisions: []).validate(sentBy: "g1", maximumRows: 10)
        }
    }

    @Test func refusesTooManyRows() {
        let batch = RecordBatch(gate: "g1", scans: (0..<3).map { _ in Self.scan(gate: "g1") }, decisions: [])
        #expect(throws: RecordBatchError.tooManyRows(limit: 2, found: 3)) { try batch.validate(sentBy: "g1", maximumRows: 2) }
    }

    @Test(arguments: [
        ("123E4567-E89B-12D3-A456-426614174000", true),
        ("123e4567-e89b-12d3-a456-426614174000", true),
        ("123E4567E89B12D3A456426614174000", false),
        ("123E4567-E89B-12D3-A456-42661417400G", false),
        ("", false),
    ])
    func uuidText(text: String, valid: Bool) {
        #expect(UUIDText.isValid(text) == valid)
    }

    @Test func batchesRoundTripThroughJSON() throws {
        let scan = Self.scan(gate: "g1")
        let batch = RecordBatch(gate: "g1", scans: [scan],
                                decisions: [DecisionRecord(recordID: scan.recordID, gate: "g1", decision: .admitted, note: "ổn", decidedAt: "x")])
        let decoded = try JSONDecoder().decode(RecordBatch.self, from: JSONEncoder().encode(batch))
        #expect(decoded == batch)
    }
}

@Suite struct JSONBodyTests {
    struct Body: Decodable {
        struct Item: Decodable { var id: String }
        var name: String
        var items: [Item]

        enum CodingKeys: String, CodingKey { case name, items }

        init(from decoder: any Decoder) throws {
            try UnknownKeys.refuse(in: decoder, allowed: ["name", "items"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            items = try c.decode([Item].self, forKey: .items)
        }
    }

    @Test(arguments: [
        ("", "body"),
        ("not json", "body"),
        ("[1,2]", "body"),
        (#"{"items": []}"#, "name"),
        (#"{"name": 3, "items": []}"#, "name"),
        (#"{"name": null, "items": []}"#, "name"),
        (#"{"name": "a", "items": [{"id": "x"}, {}]}"#, "items[1].id"),
        (#"{"name": "a", "items": [], "extra": 1}"#, "extra"),
    ])
    func namesTheFieldAtFault(text: String, field: String) {
        do {
            _ = try JSONBody.decode(Body.self, from: Array(text.utf8))
            Issue.record("decoded \(text)")
        } catch {
            #expect(error.status == 400)
            #expect(error.field == field)
        }
    }

    @Test func problemBodyIsTheDocumentedEnvelope() throws {
        let problem = APIProblem.badRequest("wrong", field: "scans[0].gate")
        let object = try JSONSerialization.jsonObject(with: Data(problem.body)) as? [String: [String: String]]
        #expect(object?["error"] == ["code": "bad_request", "message": "wrong", "field": "scans[0].gate"])
    }
}
