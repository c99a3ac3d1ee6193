import Findings
import Foundation
import GRDB
import Screening

/// One screened file in the audit store (table `scan`): what was read, what was decided, by which engine,
/// watchlist and policy, when, and the RESULTS line itself.
///
/// Holder fields are those cross-document analysis needs; they are what the MRZ says. A batch row has
/// `gate == nil` and is unique by `path`; a gate service's rows carry their gate id. `recordID` is a UUID
/// (text) naming the row across stores (merges keep it).
public struct AuditRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// The table.
    public static let databaseTableName = "scan"

    /// The row's UUID, upper-case text.
    public var recordID: String
    /// The gate that scanned the document (a later gate service), `nil` for a batch.
    public var gate: String?
    /// The file as given to the batch (`file` in its RESULTS line).
    public var path: String
    /// SHA-256 of the bytes screened (64 lower-case hexadecimal digits); `nil` when they could not be read.
    public var sha256: String?
    /// The DocScreen version that screened the file.
    public var engineVersion: String
    /// The watchlist index screened against (``AuditVersions``), `none` without one.
    public var watchlistVersion: String
    /// The verdict policy applied (``AuditVersions``).
    public var policyVersion: String
    /// When the screening finished: ISO 8601, UTC, milliseconds (`2026-11-22T09:15:02.120Z`).
    public var scannedAt: String
    /// `clear`, `refer` or `alert`.
    public var verdict: String
    /// The findings, as the JSON array of the RESULTS line.
    public var findings: String
    /// The RESULTS line, without its newline: the object of `docscreen scan --json`.
    public var result: String
    /// `TD1`, `TD2`, `TD3`, `MRVA`, `MRVB`, or `nil` when no MRZ was read.
    public var format: String?
    /// The document code (`P`, `I`, `V`, ...), `nil` when no MRZ was read (so for every MRZ field below).
    public var documentCode: String?
    /// The issuing state or organisation (`UTO`, `D`).
    public var issuingState: String?
    /// The document number, filler removed.
    public var documentNumber: String?
    /// Whether the document number's check digit holds.
    public var documentNumberValid: Bool?
    /// The primary identifier, name parts separated by spaces.
    public var surname: String?
    /// The secondary identifier, name parts separated by spaces.
    public var givenNames: String?
    /// Surname and given names in upper case, A-Z and single spaces (``HolderName``).
    public var holderName: String?
    /// `YYYY-MM-DD`, `nil` when the printed date is not a real day.
    public var birthDate: String?
    /// The nationality code.
    public var nationality: String?
    /// `M`, `F`, `X` or `<`.
    public var sex: String?
    /// `YYYY-MM-DD`, `nil` when the printed date is not a real day.
    public var expiryDate: String?
    /// `image.unreadable` or `mrz.not_found` when the file produced no reading.
    public var errorCode: String?

    /// A row from its columns.
    public init(recordID: String, gate: String?, path: String, sha256: String?, engineVersion: String, watchlistVersion: String,
                policyVersion: String, scannedAt: String, verdict: String, findings: String, result: String, format: String?,
                documentCode: String?, issuingState: String?, documentNumber: String?, documentNumberValid: Bool?, surname: String?,
                givenNames: String?, holderName: String?, birthDate: String?, nationality: String?, sex: String?, expiryDate: String?,
                errorCode: String?) {
        self.recordID = recordID
        self.gate = gate
        self.path = path
        self.sha256 = sha256
        self.engineVersion = engineVersion
        self.watchlistVersion = watchlistVersion
        self.policyVersion = policyVersion
        self.scannedAt = scannedAt
        self.verdict = verdict
        self.findings = findings
        self.result = result
        self.format = format
        self.documentCode = documentCode
        self.issuingState = issuingState
        self.documentNumber = documentNumber
        self.documentNumberValid = documentNumberValid
        self.surname = surname
        self.givenNames = givenNames
        self.holderName = holderName
        self.birthDate = birthDate
        self.nationality = nationality
        self.sex = sex
        self.expiryDate = expiryDate
        self.errorCode = errorCode
    }
}

/// What an audit row records besides the scan itself.
public struct AuditVersions: Sendable, Hashable {
    /// The DocScreen version (`docscreen --version`).
    public var engine: String
    /// The watchlist index, as ``watchlist(indexBytes:)`` names it, or `none`.
    public var watchlist: String
    /// The verdict policy, as ``policy(text:)`` names it.
    public var policy: String

    /// Versions from their names.
    public init(engine: String, watchlist: String = "none", policy: String) {
        self.engine = engine
        self.watchlist = watchlist
        self.policy = policy
    }

    /// `sha256:` and the first 16 hex digits of the index file's digest. Reads the file in 1 MiB steps:
    /// O(file) time, O(1) memory. Returns `nil` when the file cannot be read.
    public static func watchlist(indexPath: String) -> String? {
        guard let digest = SHA256Digest.hex(fileAt: indexPath) else { return nil }
        return "sha256:" + digest.prefix(16)
    }

    /// `sha256:` and the first 16 hex digits of the policy text's digest (the embedded policy's text for the
    /// default). O(text).
    public static func policy(text: String) -> String {
        "sha256:" + SHA256Digest.hex(Array(text.utf8)).prefix(16)
    }
}

/// The RESULTS line of a scan, and the audit row it makes.
enum ResultLine {
    /// The compact JSON object of `docscreen scan --json` (sorted keys, slashes unescaped), without newline.
    static func encode(_ result: ScanResult) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return Array(try encoder.encode(result))
    }

    /// The parts of a line an audit row keeps.
    struct Parts: Decodable {
        struct ErrorPart: Decodable { var code: String }
        struct Check: Decodable {
            var name: String
            var valid: Bool
        }
        struct Fields: Decodable {
            var documentCode: String?
            var issuingState: String?
            var documentNumber: String?
            var birthDate: String?
            var sex: String?
            var expiryDate: String?
            var nationality: String?
            var surname: String?
            var givenNames: String?
        }
        struct MRZPart: Decodable {
            var format: String?
            var fields: Fields?
            var checks: [Check]?
        }
        var file: String
        var verdict: String
        var findings: [Finding]
        var error: ErrorPart?
        var mrz: MRZPart?
    }

    /// The `file` of a line, or `nil` when the line is not a scan result object.
    static func file(of line: [UInt8]) -> String? {
        struct Head: Decodable { var file: String; var verdict: String }
        return try? JSONDecoder().decode(Head.self, from: Data(line)).file
    }

    /// The audit row of a line (`line` without its newline), or `nil` when it is not a scan result object.
    /// O(line).
    static func record(line: [UInt8], sha256: String?, versions: AuditVersions, scannedAt: String, gate: String? = nil) -> AuditRecord? {
        guard let parts = try? JSONDecoder().decode(Parts.self, from: Data(line)) else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let findings = (try? encoder.encode(parts.findings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let fields = parts.mrz?.fields
        let numberValid = fields == nil ? nil : parts.mrz?.checks?.first(where: { $0.name == "documentNumber" })?.valid
        return AuditRecord(
            recordID: UUID().uuidString, gate: gate, path: parts.file, sha256: sha256,
            engineVersion: versions.engine, watchlistVersion: versions.watchlist, policyVersion: versions.policy,
            scannedAt: scannedAt, verdict: parts.verdict, findings: findings, result: String(decoding: line, as: UTF8.self),
            format: parts.mrz?.format, documentCode: fields?.documentCode, issuingState: fields?.issuingState,
            documentNumber: fields?.documentNumber, documentNumberValid: numberValid,
            surname: fields?.surname, givenNames: fields?.givenNames,
            holderName: fields.map { HolderName.normalized(surname: $0.surname ?? "", givenNames: $0.givenNames ?? "") },
            birthDate: fields?.birthDate, nationality: fields?.nationality, sex: fields?.sex, expiryDate: fields?.expiryDate,
            errorCode: parts.error?.code)
    }
}

/// The holder's name as cross-document analysis compares it.
public enum HolderName {
    /// Surname then given names, upper case, every run of characters other than A-Z turned into one space,
    /// trimmed (`"O'NEIL<<ANNE  MARIE"` → `"O NEIL ANNE MARIE"`). O(name).
    public static func normalized(surname: String, givenNames: String) -> String {
        var out: [UInt8] = []
        var gap = false
        for byte in (surname + " " + givenNames).uppercased().utf8 {
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                if gap, !out.isEmpty { out.append(UInt8(ascii: " ")) }
                out.append(byte)
                gap = false
            } else {
                gap = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The audit store's timestamps: ISO 8601 in UTC with milliseconds.
enum AuditTime {
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .current))
    }
}
