import AuditReport
import BatchAudit
import Foundation
import Testing

/// Rows written by something other than DocScreen (a store filled by hand, an old tool) never stop a report: findings
/// elements that are not objects, and findings that are not JSON at all, are counted as no findings.
@Suite struct ForeignRowsTests {
    static func row(findings: String, verdict: String = "refer") -> AuditRecord {
        AuditRecord(recordID: UUID().uuidString, gate: "g", path: "p.jpg", sha256: nil, engineVersion: "x", watchlistVersion: "none",
                    policyVersion: "p", scannedAt: "2026-11-22T10:00:00.000Z", verdict: verdict, findings: findings, result: "{}",
                    format: nil, documentCode: nil, issuingState: nil, documentNumber: nil, documentNumberValid: nil, surname: nil,
                    givenNames: nil, holderName: nil, birthDate: nil, nationality: nil, sex: nil, expiryDate: nil, errorCode: nil)
    }

    @Test func nonObjectFindingsAreNotCounted() throws {
        let rows = [
            Self.row(findings: #"["abc", 1, null, [2]]"#),
            Self.row(findings: "not json"),
            Self.row(findings: #"[{"code":"mrz.expired","severity":"alert","message":"m"}, "x"]"#, verdict: "alert"),
        ]
        let report = try ReportData(records: rows)
        #expect(report.totals.files == 3)
        #expect(report.totals.findings == 1)
        #expect(report.totals.filesWithFindings == 1)
        #expect(report.findingCodes.map(\.code) == ["mrz.expired"])
    }
}
