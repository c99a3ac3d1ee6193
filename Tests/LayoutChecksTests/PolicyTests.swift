import Findings
import Testing
@testable import Screening

/// The verdict policy: the shipped text, the rule language and its typed errors, and how findings decide.
@Suite("Verdict policy")
struct PolicyTests {
    static func finding(_ code: String, _ severity: Severity = .info) -> Finding {
        Finding(code: code, severity: severity, message: code)
    }

    @Test("the shipped policy parses and rates the codes it names",
          arguments: [("mrz.check_digit", Severity.alert), ("mrz.corrected", .info), ("mrz.not_found", .refer),
                      ("layout.pitch", .refer), ("layout.font", .refer), ("layout.pasted_region", .alert),
                      ("image.recompressed", .refer)])
    func shippedPolicy(code: String, severity: Severity) throws {
        let policy = try VerdictPolicy(text: VerdictPolicy.defaultText)
        #expect(policy == VerdictPolicy.default)
        #expect(policy.rate([Self.finding(code)]).first?.severity == severity)
    }

    @Test("a code no rule names keeps the severity its check gave it")
    func unmatchedCodeKeepsSeverity() {
        let rated = VerdictPolicy.default.rate([Self.finding("watchlist.person", .alert), Self.finding("watchlist.document", .refer)])
        #expect(rated.map(\.severity) == [.alert, .refer])
    }

    struct Refusal: Sendable, CustomStringConvertible {
        var text: String
        var error: PolicyError
        var description: String { text }
    }

    @Test("malformed policies are refused with the line at fault", arguments: [
        Refusal(text: "severity layout.pitch\n", error: .wrongArgumentCount(line: 1, rule: "severity", expected: 2, found: 1)),
        Refusal(text: "# comment\nseverity layout.pitch loud\n", error: .unknownLevel(line: 2, value: "loud")),
        Refusal(text: "verdict alert\n", error: .unknownRule(line: 1, word: "verdict")),
        Refusal(text: "severity lay*out refer\n", error: .invalidPattern(line: 1, pattern: "lay*out")),
        Refusal(text: "escalate 0 layout.* alert\n", error: .invalidCount(line: 1, value: "0")),
        Refusal(text: "escalate 2 layout.* info\n", error: .unknownLevel(line: 1, value: "info")),
        Refusal(text: "\n# nothing but comments\n\n", error: .empty),
    ])
    func refusals(r: Refusal) {
        #expect(throws: r.error) { try VerdictPolicy(text: r.text) }
    }

    struct Decision: Sendable, CustomStringConvertible {
        var name: String
        var findings: [Finding]
        var verdict: Verdict
        var reasons: [String]
        var description: String { name }
    }

    static let policyText = """
        severity mrz.corrected info
        severity layout.* refer
        severity layout.pasted_region alert   # a pasted MRZ stops the document
        escalate 2 layout.* alert
        """

    @Test("findings decide the verdict and its reasons", arguments: [
        Decision(name: "nothing found", findings: [], verdict: .clear, reasons: []),
        Decision(name: "information only", findings: [finding("mrz.corrected", .alert)], verdict: .clear, reasons: []),
        Decision(name: "one layout finding", findings: [finding("layout.pitch"), finding("mrz.corrected")],
                 verdict: .refer, reasons: ["layout.pitch"]),
        Decision(name: "the same code twice does not escalate", findings: [finding("layout.alignment"), finding("layout.alignment")],
                 verdict: .refer, reasons: ["layout.alignment", "layout.alignment"]),
        Decision(name: "two layout codes escalate", findings: [finding("layout.pitch"), finding("layout.font")],
                 verdict: .alert, reasons: ["layout.pitch", "layout.font"]),
        Decision(name: "an alert decides alone", findings: [finding("layout.pasted_region"), finding("watchlist.person", .refer)],
                 verdict: .alert, reasons: ["layout.pasted_region"]),
    ])
    func decisions(d: Decision) throws {
        let policy = try VerdictPolicy(text: Self.policyText)
        let (verdict, reasons) = policy.decide(policy.rate(d.findings))
        #expect(verdict == d.verdict)
        #expect(reasons.map(\.code) == d.reasons)
    }
}
