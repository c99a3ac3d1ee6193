import Testing
@testable import Watchlist

/// Token similarity and the score's parts.
@Suite struct ScorerTests {
    @Test(arguments: [
        ("NGUYEN", "NGUYEN", false, Float(1)),
        ("NGUYNE", "NGUYEN", false, 1 - Float(1) / 6),     // transposition: one edit
        ("NGUYEM", "NGUYEN", false, 1 - Float(1) / 6),     // substitution
        ("NGUEN", "NGUYEN", false, 1 - Float(1) / 6),      // deletion
        ("DOMINGO", "OOMINGO", false, 1 - Float(0.5) / 7), // look-alike D/O costs half
        ("JAROSLAV", "JAROSLAW", false, 1 - Float(1) / 8),
        ("KOWALSKA", "KOWALSKI", false, 1 - Float(1) / 8),
        ("SCHMIDT", "SHCMIT", false, 1 - Float(2) / 7),    // two edits allowed from six letters
        ("ANNA", "ANNE", false, 1 - Float(1) / 4),
        ("LE", "LA", false, Float(0)),                     // two letters: no edit allowed
        ("ANH", "ANN", false, 1 - Float(1) / 3),
        ("ANH", "ABC", false, Float(0)),
        ("SCHMIDT", "SMITH", false, Float(0)),             // three edits
        ("GABRI", "GABRIEL", true, 0.75 + 0.2 * Float(5) / 7),  // cut by the MRZ
        ("GABRI", "GABRIEL", false, Float(0)),             // only the last token may be cut
        ("GA", "GABRIEL", true, Float(0)),                 // too short to be read as cut
        ("GABIR", "GABRIEL", true, 0.65 + 0.2 * Float(5) / 7),  // cut, with a transposition
        ("NGUYEM", "NGUYEN", true, 1 - Float(1) / 6),      // same length: a typo, not a cut
    ])
    func tokenSimilarity(query: String, listed: String, cut: Bool, expected: Float) {
        #expect(abs(TokenSimilarity.similarity(query, listed, queryMayBeCut: cut) - expected) < 1e-5)
    }

    @Test(arguments: [
        ("NGUYEN", "NGUYEN", TokenMatchKind.exact),
        ("NGUYNE", "NGUYEN", .transposition),
        ("NGUYEM", "NGUYEN", .typo),
        ("DOMINGO", "OOMINGO", .lookAlike),
        ("GABRI", "GABRIEL", .truncated),
    ])
    func tokenKinds(query: String, listed: String, kind: TokenMatchKind) {
        #expect(TokenSimilarity.kind(read: query, normalized: query, listed: listed, queryMayBeCut: true) == kind)
    }

    @Test func readDigitsAreLookAlikes() {
        #expect(TokenSimilarity.kind(read: "JAR0SLAV", normalized: "JAROSLAV", listed: "JAROSLAV", queryMayBeCut: false) == .lookAlike)
    }

    @Test(arguments: [
        ("1980-04-07", "1980-04-07", BirthDateAgreement.exact, 20.0),
        ("1980-07-04", "1980-04-07", .dayMonthSwapped, 14),
        ("1980-04-07", "1980-04", .sameYearAndMonth, 12),
        ("1980-04-07", "1980", .sameYear, 10),
        ("1980", "1980-04-07", .sameYear, 10),
        ("1980-05-07", "1980-04-07", .sameYearOtherDay, 0),
        ("1981-04-07", "1980-04-07", .oneYearApart, -10),
        ("1979", "1980-04-07", .oneYearApart, -10),
        ("1982-04-07", "1980-04-07", .different, -30),
    ])
    func birthDates(query: String, listed: String, agreement: BirthDateAgreement, points: Double) throws {
        let q = try #require(PartialDate(text: query)), l = try #require(PartialDate(text: listed))
        #expect(MatchScorer.compare(query: q, listed: l) == agreement)
        #expect(MatchScorer.compare(packedQuery: q.packed, packedListed: l.packed) == agreement)
        #expect(MatchScorer.points(agreement) == points)
    }

    @Test func unknownDatesAreNeutral() {
        #expect(MatchScorer.compare(query: nil, listed: PartialDate(year: 1980)) == .unknown)
        #expect(MatchScorer.points(.unknown) == 0)
    }

    @Test(arguments: [
        (95.0, BirthDateAgreement.exact, WatchlistDecision?.some(.alert)),
        (85.0, .dayMonthSwapped, .alert),
        (90.0, .sameYear, .refer),          // a year-only date cannot alert
        (84.9, .exact, .refer),
        (65.0, .unknown, .refer),
        (64.9, .exact, nil),
    ])
    func decisions(score: Double, date: BirthDateAgreement, decision: WatchlistDecision?) {
        #expect(MatchScorer.decision(score: score, birthDate: date) == decision)
    }

    /// The bound the index relies on: two or more birth years apart never reaches `refer`.
    @Test func distantBirthYearsCannotBeReported() {
        let best = MatchScorer.namePoints + MatchScorer.points(.different) + MatchScorer.points(nationality: .same) + MatchScorer.points(sex: .same)
        #expect(best < MatchScorer.referThreshold)
        let capped = MatchScorer.namePoints * Double(MatchScorer.singleTokenCap) + MatchScorer.points(.exact)
            + MatchScorer.points(nationality: .same) + MatchScorer.points(sex: .same)
        #expect(capped < MatchScorer.referThreshold)
    }

    @Test(arguments: ["1990-02-30", "1990-13-01", "1990-00-10", "199", "1990-1-01", "abcd", "0000", "1990-02-29"])
    func impossibleDates(text: String) {
        #expect(PartialDate(text: text) == nil)
    }

    @Test(arguments: ["1992-02-29", "2000-02-29", "1990", "1990-12", "1990-12-31"])
    func possibleDates(text: String) throws {
        #expect(try #require(PartialDate(text: text)).description == text)
    }
}
