import Findings

/// Why a policy text was refused, with the line (from 1) and the text at fault.
public enum PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line starts with a word that is not `severity` or `escalate`.
    case unknownRule(line: Int, word: String)
    /// The rule has the wrong number of arguments.
    case wrongArgumentCount(line: Int, rule: String, expected: Int, found: Int)
    /// A level other than `info`, `refer` or `alert` (escalations: `refer` or `alert`).
    case unknownLevel(line: Int, value: String)
    /// A code pattern that is empty, has a `*` other than at its end, or contains characters codes never have.
    case invalidPattern(line: Int, pattern: String)
    /// An escalation count that is not a whole number from 1 to 100.
    case invalidCount(line: Int, value: String)
    /// The text has no rule at all.
    case empty

    /// The refusal as one line naming the policy line at fault.
    public var description: String {
        switch self {
        case .unknownRule(let line, let word): "line \(line): unknown rule '\(word)' (expected 'severity' or 'escalate')"
        case .wrongArgumentCount(let line, let rule, let expected, let found):
            "line \(line): '\(rule)' takes \(expected) arguments, found \(found)"
        case .unknownLevel(let line, let value): "line \(line): unknown level '\(value)' (expected info, refer or alert)"
        case .invalidPattern(let line, let pattern): "line \(line): invalid code pattern '\(pattern)'"
        case .invalidCount(let line, let value): "line \(line): invalid count '\(value)' (expected 1-100)"
        case .empty: "the policy has no rules"
        }
    }
}

/// Turns findings into a verdict, as a readable policy text says (see `default.policy`, embedded in the
/// binary: `severity CODE LEVEL` sets the severity of matching findings, `escalate COUNT CODE LEVEL` raises
/// the verdict when findings of COUNT different matching codes are present).
///
/// The verdict is `alert` when any finding or escalation is alert, else `refer` when any is refer, else
/// `clear`; the reasons are the findings of the deciding level. A value type; deciding is O(findings × rules).
public struct VerdictPolicy: Sendable, Hashable {
    /// A code or a prefix ending in `*`.
    public struct Pattern: Sendable, Hashable, CustomStringConvertible {
        /// The pattern as written: a code, or a prefix followed by `*`.
        public var text: String

        /// Whether `code` matches: equal, or starting with the part before a trailing `*`.
        public func matches(_ code: String) -> Bool {
            text.hasSuffix("*") ? code.hasPrefix(text.dropLast()) : code == text
        }

        /// The pattern as written.
        public var description: String { text }
    }

    /// `severity PATTERN LEVEL`.
    public struct SeverityRule: Sendable, Hashable {
        /// The codes the rule applies to.
        public var pattern: Pattern
        /// The severity those findings get.
        public var severity: Severity
    }

    /// `escalate COUNT PATTERN LEVEL`.
    public struct Escalation: Sendable, Hashable {
        /// Different matching codes needed.
        public var count: Int
        /// The codes counted.
        public var pattern: Pattern
        /// The least verdict level when enough are present.
        public var severity: Severity
    }

    /// The severity rules in file order (the last match wins).
    public var severities: [SeverityRule]
    /// The escalations in file order.
    public var escalations: [Escalation]

    /// The policy shipped in the binary (`Sources/Screening/default.policy`).
    public static let `default`: VerdictPolicy = {
        // The shipped text is checked by the tests; should it ever fail to parse, no finding is re-rated.
        (try? VerdictPolicy(text: defaultText)) ?? VerdictPolicy(severities: [], escalations: [])
    }()

    /// The text of the shipped policy.
    public static var defaultText: String { String(decoding: PackageResources.default_policy, as: UTF8.self) }

    /// A policy from its rules.
    public init(severities: [SeverityRule], escalations: [Escalation]) {
        self.severities = severities
        self.escalations = escalations
    }

    /// Parses a policy text. O(length).
    public init(text: String) throws(PolicyError) {
        var severities: [SeverityRule] = []
        var escalations: [Escalation] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = number + 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let rule = words.first else { continue }
            switch rule {
            case "severity":
                guard words.count == 3 else { throw .wrongArgumentCount(line: line, rule: rule, expected: 2, found: words.count - 1) }
                severities.append(SeverityRule(pattern: try Self.pattern(words[1], line: line), severity: try Self.level(words[2], line: line)))
            case "escalate":
                guard words.count == 4 else { throw .wrongArgumentCount(line: line, rule: rule, expected: 3, found: words.count - 1) }
                guard let count = Int(words[1]), (1...100).contains(count) else { throw .invalidCount(line: line, value: words[1]) }
                let level = try Self.level(words[3], line: line)
                guard level != .info else { throw .unknownLevel(line: line, value: words[3]) }
                escalations.append(Escalation(count: count, pattern: try Self.pattern(words[2], line: line), severity: level))
            default:
                throw .unknownRule(line: line, word: rule)
            }
        }
        guard !severities.isEmpty || !escalations.isEmpty else { throw .empty }
        self.init(severities: severities, escalations: escalations)
    }

    private static func level(_ word: String, line: Int) throws(PolicyError) -> Severity {
        guard let level = Severity(rawValue: word) else { throw .unknownLevel(line: line, value: word) }
        return level
    }

    private static func pattern(_ word: String, line: Int) throws(PolicyError) -> Pattern {
        let body = word.hasSuffix("*") ? word.dropLast() : Substring(word)
        let allowed = body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
        guard allowed, !body.contains("*"), !word.isEmpty else { throw .invalidPattern(line: line, pattern: word) }
        return Pattern(text: word)
    }

    /// `findings` with the severities this policy gives them (unmatched codes keep theirs).
    public func rate(_ findings: [Finding]) -> [Finding] {
        findings.map { finding in
            var f = finding
            if let rule = severities.last(where: { $0.pattern.matches(f.code) }) { f.severity = rule.severity }
            return f
        }
    }

    /// The verdict on already rated findings, and the findings that decided it.
    public func decide(_ findings: [Finding]) -> (Verdict, [Finding]) {
        var level = findings.map(\.severity).max() ?? .info
        var escalated: [Finding] = []
        for e in escalations {
            let matching = findings.filter { e.pattern.matches($0.code) }
            guard Set(matching.map(\.code)).count >= e.count, e.severity >= level else { continue }
            if e.severity > level { escalated = [] }
            level = e.severity
            escalated += matching
        }
        guard level != .info else { return (.clear, []) }
        var reasons = findings.filter { $0.severity == level }
        for f in escalated where !reasons.contains(f) { reasons.append(f) }
        return (level == .alert ? .alert : .refer, reasons)
    }
}
