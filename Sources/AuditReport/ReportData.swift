import Findings

/// Files counted by verdict.
public struct VerdictCounts: Sendable, Hashable, Codable {
    /// Files with verdict `clear`.
    public var clear: Int
    /// Files with verdict `refer`.
    public var refer: Int
    /// Files with verdict `alert`.
    public var alert: Int
    /// Files with any other verdict text (none in a store DocScreen wrote; kept so that the counts add up).
    public var other: Int

    /// Counts from their parts.
    public init(clear: Int = 0, refer: Int = 0, alert: Int = 0, other: Int = 0) {
        self.clear = clear
        self.refer = refer
        self.alert = alert
        self.other = other
    }

    /// Every file counted.
    public var total: Int { clear + refer + alert + other }

    /// The counts in chart order: clear, refer, alert, other.
    public var values: [Int] { [clear, refer, alert, other] }

    /// Adds `count` files of verdict `verdict` (`clear`, `refer`, `alert`; anything else is `other`).
    public mutating func add(verdict: String, count: Int) {
        switch verdict {
        case "clear": clear += count
        case "refer": refer += count
        case "alert": alert += count
        default: other += count
        }
    }
}

/// Findings counted by severity.
public struct SeverityCounts: Sendable, Hashable, Codable {
    /// Findings of severity `info`.
    public var info: Int
    /// Findings of severity `refer`.
    public var refer: Int
    /// Findings of severity `alert`.
    public var alert: Int

    /// Counts from their parts.
    public init(info: Int = 0, refer: Int = 0, alert: Int = 0) {
        self.info = info
        self.refer = refer
        self.alert = alert
    }

    /// Every finding counted.
    public var total: Int { info + refer + alert }

    /// The counts in chart order: info, refer, alert.
    public var values: [Int] { [info, refer, alert] }

    /// Adds `count` findings of `severity`.
    public mutating func add(_ severity: Severity, count: Int) {
        switch severity {
        case .info: info += count
        case .refer: refer += count
        case .alert: alert += count
        }
    }
}

/// One line of a breakdown of files by verdict: a period, an issuing state, a format or a gate.
public struct VerdictBreakdownRow: Sendable, Hashable, Codable {
    /// The period, state, format or gate; `nil` for files without one (no MRZ read, a batch row, no valid date).
    public var key: String?
    /// The files of that key by verdict.
    public var counts: VerdictCounts

    /// A row from its parts.
    public init(key: String?, counts: VerdictCounts) {
        self.key = key
        self.counts = counts
    }
}

/// Findings of one period by severity.
public struct SeverityPeriodRow: Sendable, Hashable, Codable {
    /// The period (see ``ReportPeriod``), `nil` for files whose scan time is not a date.
    public var period: String?
    /// The findings of files scanned in that period.
    public var counts: SeverityCounts

    /// A row from its parts.
    public init(period: String?, counts: SeverityCounts) {
        self.period = period
        self.counts = counts
    }
}

/// One finding code: how often it was reported, at which severity, in how many files.
public struct FindingCodeRow: Sendable, Hashable, Codable {
    /// The stable finding code (`mrz.check_digit`).
    public var code: String
    /// Its findings by severity.
    public var counts: SeverityCounts
    /// The files with at least one finding of the code.
    public var files: Int

    /// A row from its parts.
    public init(code: String, counts: SeverityCounts, files: Int) {
        self.code = code
        self.counts = counts
        self.files = files
    }
}

/// Cross-document findings (table `analysis`) of one code and severity.
public struct AnalysisCodeRow: Sendable, Hashable, Codable {
    /// `batch.duplicate_document`, `batch.identity_reuse`.
    public var code: String
    /// The findings' severity.
    public var severity: Severity
    /// How many findings.
    public var findings: Int
    /// The files they name, summed over findings (a file in two findings counts twice).
    public var files: Int

    /// A row from its parts.
    public init(code: String, severity: Severity, findings: Int, files: Int) {
        self.code = code
        self.severity = severity
        self.findings = findings
        self.files = files
    }
}

/// One cross-document finding as the report lists it: no holder data (the store's `subject` is left out),
/// only the message, the measured evidence and where to look.
public struct AnalysisRow: Sendable, Hashable, Codable {
    /// `batch.duplicate_document`, `batch.identity_reuse`.
    public var code: String
    /// The finding's severity.
    public var severity: Severity
    /// The field concerned (`documentNumber`, `nationality`), when there is one.
    public var field: String?
    /// The finding's message (holds no personal data).
    public var message: String
    /// The evidence's measured value (`2 holders in 3 files`), when there is one.
    public var measured: String?
    /// The rows concerned (``BatchAudit/AuditRecord/recordID``).
    public var recordIDs: [String]
    /// The files concerned.
    public var paths: [String]

    /// A row from its parts.
    public init(code: String, severity: Severity, field: String?, message: String, measured: String?, recordIDs: [String], paths: [String]) {
        self.code = code
        self.severity = severity
        self.field = field
        self.message = message
        self.measured = measured
        self.recordIDs = recordIDs
        self.paths = paths
    }
}

/// One combination of engine, watchlist and policy versions seen in the store.
public struct VersionRow: Sendable, Hashable, Codable {
    /// The DocScreen version.
    public var engine: String
    /// The watchlist index (`sha256:…` or `none`).
    public var watchlist: String
    /// The verdict policy (`sha256:…`).
    public var policy: String
    /// The files screened with them.
    public var files: Int
    /// The first scan time with them (ISO 8601, UTC).
    public var firstScan: String
    /// The last scan time with them (ISO 8601, UTC).
    public var lastScan: String

    /// A row from its parts.
    public init(engine: String, watchlist: String, policy: String, files: Int, firstScan: String, lastScan: String) {
        self.engine = engine
        self.watchlist = watchlist
        self.policy = policy
        self.files = files
        self.firstScan = firstScan
        self.lastScan = lastScan
    }
}

/// The store's totals.
public struct ReportTotals: Sendable, Hashable, Codable {
    /// Every row (batch and gate).
    public var files: Int
    /// The rows by verdict.
    public var verdicts: VerdictCounts
    /// Rows whose MRZ was read (a format is known).
    public var mrzRead: Int
    /// Rows whose image could not be decoded (`image.unreadable`).
    public var unreadable: Int
    /// Rows whose image showed no legible MRZ (`mrz.not_found`).
    public var mrzNotFound: Int
    /// Findings over all rows.
    public var findings: Int
    /// Rows with at least one finding.
    public var filesWithFindings: Int
    /// Batch rows (no gate).
    public var batchFiles: Int
    /// Distinct gates.
    public var gates: Int
    /// Cross-document findings (table `analysis`).
    public var analysisFindings: Int
    /// When the cross-document analysis ran last, `nil` when the table is empty.
    public var analysedAt: String?
    /// The first scan time (ISO 8601, UTC), `nil` for an empty store.
    public var firstScan: String?
    /// The last scan time (ISO 8601, UTC), `nil` for an empty store.
    public var lastScan: String?

    /// Totals from their parts.
    public init(files: Int = 0, verdicts: VerdictCounts = VerdictCounts(), mrzRead: Int = 0, unreadable: Int = 0, mrzNotFound: Int = 0,
                findings: Int = 0, filesWithFindings: Int = 0, batchFiles: Int = 0, gates: Int = 0, analysisFindings: Int = 0,
                analysedAt: String? = nil, firstScan: String? = nil, lastScan: String? = nil) {
        self.files = files
        self.verdicts = verdicts
        self.mrzRead = mrzRead
        self.unreadable = unreadable
        self.mrzNotFound = mrzNotFound
        self.findings = findings
        self.filesWithFindings = filesWithFindings
        self.batchFiles = batchFiles
        self.gates = gates
        self.analysisFindings = analysisFindings
        self.analysedAt = analysedAt
        self.firstScan = firstScan
        self.lastScan = lastScan
    }
}

/// The length of one bar of the charts over time.
public enum ReportPeriod: String, Sendable, Hashable, Codable, CaseIterable {
    /// A UTC day, keyed `YYYY-MM-DD`.
    case day
    /// An ISO week (Monday to Sunday, UTC), keyed by its Monday `YYYY-MM-DD`.
    case week
    /// A calendar month (UTC), keyed `YYYY-MM`.
    case month

    /// The period for scans spanning `days` days: days up to 92 days, weeks up to two years, months beyond.
    public static func automatic(spanDays days: Int) -> ReportPeriod {
        days <= 92 ? .day : days <= 730 ? .week : .month
    }
}

/// The aggregates of an audit store that a report shows: counts only, except for the cross-document findings,
/// which name record ids and files (never holder names).
///
/// Computed with SQL by ``ReportQuery``; every breakdown counts every row once, so each adds up to
/// ``ReportTotals/files`` (findings: to ``ReportTotals/findings``).
public struct ReportData: Sendable, Hashable, Codable {
    /// The totals.
    public var totals: ReportTotals
    /// The length of the periods of ``verdictsOverTime`` and ``findingsOverTime``.
    public var period: ReportPeriod
    /// Files per period by verdict, oldest first, with empty periods between the first and the last; rows whose
    /// scan time is not a date come last with a `nil` key.
    public var verdictsOverTime: [VerdictBreakdownRow]
    /// Findings per period by severity, on the same periods as ``verdictsOverTime``.
    public var findingsOverTime: [SeverityPeriodRow]
    /// Files per issuing state by verdict, most files first; `nil` (no MRZ read) last.
    public var byIssuingState: [VerdictBreakdownRow]
    /// Files per MRZ format by verdict (TD1, TD2, TD3, MRVA, MRVB, others); `nil` (no MRZ read) last.
    public var byFormat: [VerdictBreakdownRow]
    /// Files per gate by verdict, most files first, batch rows (`nil`) last; empty when no row has a gate.
    public var byGate: [VerdictBreakdownRow]
    /// Findings per code by severity, most findings first.
    public var findingCodes: [FindingCodeRow]
    /// Cross-document findings per code and severity.
    public var analysisCodes: [AnalysisCodeRow]
    /// The strongest cross-document findings (alert first, then most files), at most the limit asked for.
    public var topAnalysis: [AnalysisRow]
    /// The engine, watchlist and policy versions seen, first used first.
    public var versions: [VersionRow]

    /// Report data from its parts.
    public init(totals: ReportTotals, period: ReportPeriod, verdictsOverTime: [VerdictBreakdownRow], findingsOverTime: [SeverityPeriodRow],
                byIssuingState: [VerdictBreakdownRow], byFormat: [VerdictBreakdownRow], byGate: [VerdictBreakdownRow],
                findingCodes: [FindingCodeRow], analysisCodes: [AnalysisCodeRow], topAnalysis: [AnalysisRow], versions: [VersionRow]) {
        self.totals = totals
        self.period = period
        self.verdictsOverTime = verdictsOverTime
        self.findingsOverTime = findingsOverTime
        self.byIssuingState = byIssuingState
        self.byFormat = byFormat
        self.byGate = byGate
        self.findingCodes = findingCodes
        self.analysisCodes = analysisCodes
        self.topAnalysis = topAnalysis
        self.versions = versions
    }
}
