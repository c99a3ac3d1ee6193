/// How strongly a finding argues against letting the document through.
///
/// Ordered: `info` < `refer` < `alert`, so the strongest of a list is its `max()`.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Worth recording; no action needed.
    case info
    /// A person should look at the document (second-line inspection).
    case refer
    /// Stop: the document or its holder must not pass unchecked.
    case alert

    private var rank: Int {
        switch self {
        case .info: 0
        case .refer: 1
        case .alert: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One measured fact behind a finding: what was measured, what was expected, and where.
///
/// Values are kept as text so that a finding can carry any kind of evidence (a character, a date,
/// a pitch in pixels) without a type per check.
public struct Evidence: Sendable, Hashable, Codable {
    /// What was measured, in the unit the check uses.
    public var measured: String?
    /// What a genuine document would show.
    public var expected: String?
    /// Where: a line and column of the MRZ (`line:column`, both from 1) or a box in image coordinates.
    public var location: String?

    public init(measured: String? = nil, expected: String? = nil, location: String? = nil) {
        self.measured = measured
        self.expected = expected
        self.location = location
    }
}

/// A single observation about a document, with a stable machine code and a plain message.
///
/// Codes are dotted and stable (`mrz.check_digit`, `layout.pitch`); other tools match on them.
public struct Finding: Sendable, Hashable, Codable {
    /// Stable machine-readable code, e.g. `mrz.check_digit`.
    public var code: String
    /// How strongly the finding argues against the document.
    public var severity: Severity
    /// The field concerned (`birthDate`, `documentNumber`), when there is one.
    public var field: String?
    /// A plain sentence for the officer. Never contains more personal data than the field name.
    public var message: String
    /// What was measured against what was expected, and where.
    public var evidence: Evidence?

    public init(code: String, severity: Severity, field: String? = nil, message: String, evidence: Evidence? = nil) {
        self.code = code
        self.severity = severity
        self.field = field
        self.message = message
        self.evidence = evidence
    }
}

extension Sequence where Element == Finding {
    /// The strongest severity among the findings, or `nil` when there are none.
    public var strongestSeverity: Severity? { self.map(\.severity).max() }
}
