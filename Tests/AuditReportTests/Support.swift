import AuditReport
import Findings
import Foundation
import GRDB
@testable import BatchAudit

/// A temporary folder removed when the value is released.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("docscreen-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// `name` inside the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A small deterministic generator (SplitMix64) for constructed rows.
struct TestRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// A store of constructed rows: what was put in, to compute expectations from independently of the report's SQL.
struct Fixture: Sendable, CustomStringConvertible {
    var name: String
    var count: Int
    var spanDays: Int
    var gates: Bool
    var seed: UInt64
    /// The period the report must choose for the span.
    var period: ReportPeriod
    var description: String { name }

    static let hostilePath = "/archive/<script>alert(1)</script>&\"'.jpg"
    static let hostileState = "\"><img src=x onerror=alert(2)>"
    static let hostileCode = "x.<b>bold</b>&amp;"
    static let hostileGate = "gate-<script>alert(3)</script>"
    static let surnames = ["ERIKSSON", "NGUYEN", "OKONKWO", "TANAKA", "MUELLER", "DUBOIS"]
    static let givenNames = ["ANNA", "VAN AN", "CHIDI", "YUKI", "KLARA", "LUC"]
    static let codes: [(String, Severity)] = [
        ("mrz.check_digit", .alert), ("mrz.expired", .refer), ("layout.pitch", .refer), ("mrz.corrected", .info), (hostileCode, .info),
        ("watchlist.person", .alert),
    ]

    /// The day every fixture starts on (a Monday), as the store writes times.
    static let start = Date(timeIntervalSince1970: 1_767_571_200)  // 2026-01-05T00:00:00Z

    /// The rows, in insertion order.
    func records() -> [AuditRecord] {
        var random = TestRandom(state: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
        var out: [AuditRecord] = []
        for i in 0..<count {
            let day = spanDays == 0 ? 0 : (i == 0 ? 0 : i == count - 1 ? spanDays : random.below(spanDays + 1))
            let seconds = Double(day * 86_400 + random.below(86_400))
            let scannedAt = (Self.start + seconds).formatted(style)
            let gate: String? = gates ? random.pick(["gate-A", "gate-B", Self.hostileGate, nil]) : nil
            let path = i == 1 ? Self.hostilePath : "/archive/\(i % 7)/doc\(i).jpg"
            let kind = random.below(12)
            var record = AuditRecord(
                recordID: UUID().uuidString, gate: gate, path: path, sha256: String(repeating: "a", count: 64), engineVersion: i % 5 == 0 ? "0.1.0" : "0.2.0",
                watchlistVersion: i % 3 == 0 ? "none" : "sha256:0123456789abcdef", policyVersion: "sha256:fedcba9876543210", scannedAt: scannedAt,
                verdict: "refer", findings: "[]", result: "{}", format: nil, documentCode: nil, issuingState: nil, documentNumber: nil,
                documentNumberValid: nil, surname: nil, givenNames: nil, holderName: nil, birthDate: nil, nationality: nil, sex: nil,
                expiryDate: nil, errorCode: nil)
            if kind == 0 {
                record.errorCode = "image.unreadable"
            } else if kind == 1 {
                record.errorCode = "mrz.not_found"
            } else {
                let n = random.below(6)
                let surname = Self.surnames[n], given = Self.givenNames[(n + random.below(2)) % Self.givenNames.count]
                record.format = random.pick(["TD1", "TD2", "TD3", "MRVA", "MRVB"])
                record.documentCode = "P"
                record.issuingState = random.pick(["UTO", "UTO", "D", "FRA", "NLD", Self.hostileState])
                record.documentNumber = "X\(random.below(25))"
                record.documentNumberValid = random.below(8) != 0
                record.surname = surname
                record.givenNames = given
                record.holderName = HolderName.normalized(surname: surname, givenNames: given)
                record.birthDate = "19\(70 + n)-0\(1 + random.below(2))-15"
                record.nationality = random.pick(["UTO", "UTO", "D"])
                record.sex = "F"
                record.expiryDate = "2031-01-01"
                var findings: [Finding] = []
                for _ in 0..<random.below(4) {
                    let (code, severity) = random.pick(Self.codes)
                    findings.append(Finding(code: code, severity: severity, message: "constructed \(code)"))
                }
                record.findings = String(decoding: try! encoder.encode(findings), as: UTF8.self)
                record.verdict = switch findings.strongestSeverity {
                case .alert?: "alert"
                case .refer?: "refer"
                default: random.below(10) == 0 ? "refer" : "clear"
                }
            }
            out.append(record)
        }
        return out
    }

    /// A store at `path` holding ``records()``, analysed across documents.
    func makeStore(at path: String) throws -> (AuditStore, [AuditRecord]) {
        let store = try AuditStore(path: path)
        let records = records()
        let inserted = try store.insert(records)
        precondition(inserted.allSatisfy { $0 }, "every constructed row is new")
        _ = try CrossDocumentAnalysis.run(on: store, now: { Date(timeIntervalSince1970: 1_800_000_000) })
        return (store, records)
    }
}

/// The period key of a scan time, computed with Foundation's ISO 8601 calendar (not the report's arithmetic).
func expectedPeriodKey(_ scannedAt: String, _ period: ReportPeriod) -> String {
    switch period {
    case .day: return String(scannedAt.prefix(10))
    case .month: return String(scannedAt.prefix(7))
    case .week:
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = try! Date(scannedAt, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let monday = calendar.dateInterval(of: .weekOfYear, for: date)!.start
        return String(monday.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)).prefix(10))
    }
}

/// Every period key from the first to the last, with Foundation's calendar.
func expectedPeriods(from first: String, to last: String, _ period: ReportPeriod) -> [String] {
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parse = { (key: String) -> Date in
        try! Date(key.count == 7 ? key + "-01T00:00:00Z" : key + "T00:00:00Z", strategy: Date.ISO8601FormatStyle())
    }
    let step: DateComponents = switch period {
    case .day: DateComponents(day: 1)
    case .week: DateComponents(day: 7)
    case .month: DateComponents(month: 1)
    }
    var out: [String] = []
    var date = parse(first)
    let end = parse(last)
    while date <= end {
        let text = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
        out.append(String(text.prefix(period == .month ? 7 : 10)))
        date = calendar.date(byAdding: step, to: date)!
    }
    return out
}

/// Counts by an independent query on the store's file.
func count(_ path: String, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    return try queue.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
}
