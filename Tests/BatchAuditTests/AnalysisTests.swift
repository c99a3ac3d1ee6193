import Foundation
import Testing
@testable import BatchAudit

/// Cross-document analysis on constructed readings and rows.
@Suite struct AnalysisTests {
    typealias Reading = CrossDocumentAnalysis.Reading

    static func reading(_ id: String, state: String = "UTO", number: String, name: String, born: String?, nationality: String = "UTO") -> Reading {
        Reading(recordID: id, path: "/archive/\(id).jpg", issuingState: state, documentNumber: number, holderName: name,
                birthDate: born, nationality: nationality)
    }

    @Test(arguments: [
        ("ERIKSSON ANNA MARIA", "ERIKSSON ANNA MARIA", true), ("ERIKSSON ANNA MARIA", "ERIKSON ANNA MARIA", true),
        ("ERIKSSON ANNA MARIA", "ERIKSSON ANNA MARIAX", true), ("ERIKSSON ANNA MARIA", "ERIKSSEN ANNA MARIA", true),
        ("ERIKSSON ANNA MARIA", "ERIKSEN ANNA MARIA", false), ("ERIKSSON ANNA", "ANNA ERIKSSON", false), ("", "A", true), ("", "AB", false),
    ])
    func withinOneEdit(a: String, b: String, expected: Bool) {
        #expect(CrossDocumentAnalysis.withinOneEdit(Array(a.utf8), Array(b.utf8)) == expected)
        #expect(CrossDocumentAnalysis.withinOneEdit(Array(b.utf8), Array(a.utf8)) == expected)
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var readings: [Reading]
        var duplicates: Int
        var reuse: Int
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "one document scanned twice", readings: [
            reading("a", number: "L898902C3", name: "ERIKSSON ANNA MARIA", born: "1974-08-12"),
            reading("b", number: "L898902C3", name: "ERIKSSON ANNA MARIA", born: "1974-08-12"),
        ], duplicates: 0, reuse: 0),
        Case(name: "one document, an OCR slip in the name", readings: [
            reading("a", number: "L898902C3", name: "ERIKSSON ANNA MARIA", born: "1974-08-12"),
            reading("b", number: "L898902C3", name: "ERIKSS0N ANNA MARIA", born: "1974-08-12"),
        ], duplicates: 0, reuse: 0),
        Case(name: "one number, two holders", readings: [
            reading("a", number: "L898902C3", name: "ERIKSSON ANNA MARIA", born: "1974-08-12"),
            reading("b", number: "L898902C3", name: "NGUYEN VAN AN", born: "1980-01-01"),
        ], duplicates: 1, reuse: 0),
        Case(name: "one number, same name, other birth date", readings: [
            reading("a", number: "L898902C3", name: "ERIKSSON ANNA MARIA", born: "1974-08-12"),
            reading("b", number: "L898902C3", name: "ERIKSSON ANNA MARIA", born: "1975-08-12"),
        ], duplicates: 1, reuse: 0),
        Case(name: "one number in two issuing states is two documents", readings: [
            reading("a", state: "UTO", number: "X1234567", name: "ERIKSSON ANNA MARIA", born: "1974-08-12"),
            reading("b", state: "D", number: "X1234567", name: "NGUYEN VAN AN", born: "1980-01-01"),
        ], duplicates: 0, reuse: 0),
        Case(name: "one holder, two document numbers", readings: [
            reading("a", number: "L898902C3", name: "ERIKSSON ANNA MARIA", born: "1974-08-12"),
            reading("b", number: "K123456", name: "ERIKSSON ANNA MARIA", born: "1974-08-12"),
        ], duplicates: 0, reuse: 1),
        Case(name: "one holder (a typo apart), two nationalities", readings: [
            reading("a", number: "L898902C3", name: "ERIKSSON ANNA MARIA", born: "1974-08-12", nationality: "UTO"),
            reading("b", number: "L898902C3", name: "ERIKSON ANNA MARIA", born: "1974-08-12", nationality: "SWE"),
        ], duplicates: 0, reuse: 1),
        Case(name: "same name, other birth dates: different people", readings: [
            reading("a", number: "A1", name: "NGUYEN VAN AN", born: "1980-01-01"),
            reading("b", number: "B2", name: "NGUYEN VAN AN", born: "1981-01-01"),
        ], duplicates: 0, reuse: 0),
        Case(name: "same birth date, names two edits apart: different people", readings: [
            reading("a", number: "A1", name: "NGUYEN VAN AN", born: "1980-01-01"),
            reading("b", number: "B2", name: "NGUYEN VAN ANH X", born: "1980-01-01"),
        ], duplicates: 0, reuse: 0),
        Case(name: "a ring: one number, three holders; one of them with a second document", readings: [
            reading("a", number: "P100", name: "TRAN THI BICH", born: "1990-05-05"),
            reading("b", number: "P100", name: "LE VAN CUONG", born: "1985-02-02"),
            reading("c", number: "P100", name: "PHAM DUC DUNG", born: "1970-03-03"),
            reading("d", number: "P200", name: "LE VAN CUONG", born: "1985-02-02"),
        ], duplicates: 1, reuse: 1),
    ]

    @Test(arguments: cases)
    func findsWhatNoSingleDocumentShows(c: Case) throws {
        let folder = try TemporaryFolder("analysis")
        let store = try AuditStore(path: folder.file("a.sqlite"))
        try store.insert(c.readings.map(Self.record))
        // Rows whose document number fails its check digit never take part.
        try store.insert([Self.record(Self.reading("z", number: c.readings[0].documentNumber, name: "SOMEONE ELSE", born: "2001-01-01"), valid: false)])

        let findings = try CrossDocumentAnalysis.run(on: store)
        let duplicates = findings.filter { $0.finding.code == "batch.duplicate_document" }
        let reuse = findings.filter { $0.finding.code == "batch.identity_reuse" }
        #expect(duplicates.count == c.duplicates)
        #expect(reuse.count == c.reuse)
        #expect(duplicates.allSatisfy { $0.finding.severity == .alert })
        #expect(reuse.allSatisfy { $0.finding.severity == .refer })
        #expect(findings.allSatisfy { !$0.paths.contains("/archive/z.jpg") })
        // Messages carry counts, never names or numbers.
        for f in findings {
            for r in c.readings {
                #expect(!f.finding.message.contains(r.holderName) && !f.finding.message.contains(r.documentNumber))
            }
        }
        // The analysis table holds the same findings, and a second run replaces rather than adds.
        #expect(try CrossDocumentAnalysis.stored(in: store) == findings)
        _ = try CrossDocumentAnalysis.run(on: store)
        #expect(try CrossDocumentAnalysis.stored(in: store) == findings)
    }

    @Test func aRingNamesItsFiles() throws {
        let ring = Self.cases.last!.readings
        let duplicate = CrossDocumentAnalysis.duplicateDocuments(in: ring.filter { $0.documentNumber == "P100" })
        #expect(duplicate.first?.paths == ["/archive/a.jpg", "/archive/b.jpg", "/archive/c.jpg"])
        #expect(duplicate.first?.finding.evidence?.measured == "3 holders in 3 files")
        let reuse = CrossDocumentAnalysis.identityReuse(in: ring.filter { $0.birthDate == "1985-02-02" })
        #expect(reuse.first?.recordIDs == ["b", "d"])
        #expect(reuse.first?.finding.message.contains("2 document numbers") == true)
    }

    static func record(_ r: Reading) -> AuditRecord { record(r, valid: true) }

    static func record(_ r: Reading, valid: Bool) -> AuditRecord {
        let parts = r.holderName.split(separator: " ", maxSplits: 1).map(String.init)
        return AuditRecord(
            recordID: r.recordID, gate: nil, path: r.path, sha256: String(repeating: "0", count: 64), engineVersion: "test",
            watchlistVersion: "none", policyVersion: "p", scannedAt: "2026-11-22T00:00:00.000Z", verdict: "clear", findings: "[]",
            result: "{}", format: "TD3", documentCode: "P", issuingState: r.issuingState, documentNumber: r.documentNumber,
            documentNumberValid: valid, surname: parts.first, givenNames: parts.count > 1 ? parts[1] : "", holderName: r.holderName,
            birthDate: r.birthDate, nationality: r.nationality, sex: "F", expiryDate: "2030-01-01", errorCode: nil)
    }
}
