import Findings

/// Findings for the screening verdict: `watchlist.person` and `watchlist.document`.
///
/// One finding per match, strongest first, severity `alert` or `refer` as the match decided. Messages name the
/// list and the entry id, never a name or a date; the evidence carries the score against the threshold.
public enum WatchlistFindings {
    /// Finding code for a listed person resembling the holder.
    public static let personCode = "watchlist.person"
    /// Finding code for a listed lost or stolen document.
    public static let documentCode = "watchlist.document"

    /// Findings for `person` and `document` screened against `index` (either may be `nil`), at most `limit` each.
    /// O(one query each).
    public static func findings(person: PersonQuery?, document: DocumentQuery?, in index: WatchlistIndex, limit: Int = 3) -> [Finding] {
        var out: [Finding] = []
        if let person { out += findings(personMatches: index.screen(person: person, limit: limit)) }
        if let document { out += findings(documentMatches: index.screen(document: document, limit: limit)) }
        return out
    }

    /// `watchlist.person` findings for person matches.
    public static func findings(personMatches matches: [WatchlistMatch]) -> [Finding] {
        matches.map { m in
            var parts: [String] = []
            if let name = m.explanation.name { parts.append("name \(signed(name.points))") }
            if let date = m.explanation.birthDate { parts.append("birth date \(date.match.rawValue) \(signed(date.points))") }
            if let n = m.explanation.nationality { parts.append("nationality \(n.match.rawValue) \(signed(n.points))") }
            if let s = m.explanation.sex { parts.append("sex \(s.match.rawValue) \(signed(s.points))") }
            return Finding(
                code: personCode, severity: severity(m.decision), field: "name",
                message: "The holder resembles entry \(m.id) of the list '\(m.list)' (score \(m.score) of 100).",
                evidence: Evidence(measured: "score \(m.score): " + parts.joined(separator: ", "),
                                   expected: m.decision == .alert
                                       ? "alert from \(MatchScorer.alertThreshold) with an agreeing complete birth date"
                                       : "refer from \(MatchScorer.referThreshold)"))
        }
    }

    /// `watchlist.document` findings for document matches.
    public static func findings(documentMatches matches: [WatchlistMatch]) -> [Finding] {
        matches.map { m in
            let exact = m.explanation.document?.match == .exact
            let positions = m.explanation.document?.differingPositions.map(String.init).joined(separator: ",") ?? ""
            return Finding(
                code: documentCode, severity: severity(m.decision), field: "documentNumber",
                message: exact ? "The document is listed as lost or stolen (\(m.list))."
                               : "The document number differs from a lost or stolen one only by OCR look-alikes (\(m.list)).",
                evidence: Evidence(measured: exact ? "same number" : "look-alike characters at \(positions)",
                                   expected: "not on the list"))
        }
    }

    private static func severity(_ decision: WatchlistDecision) -> Severity {
        decision == .alert ? .alert : .refer
    }

    private static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + String(value) }
}
