import Testing
@testable import Watchlist

/// Each kind of name difference between an MRZ and a list, through the whole matcher.
@Suite struct NameMatchingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var surname: String
        var given: String
        var born: String
        var nationality: String
        var sex: Sex
        var expected: String
        var decision: WatchlistDecision
        var kind: TokenMatchKind?
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "exact, diacritics dropped", surname: "NGUYEN", given: "VAN DUC", born: "1980-04-07", nationality: "VNM", sex: .male,
             expected: "T1", decision: .alert, kind: .exact),
        Case(label: "typo", surname: "NGUYEM", given: "VAN DUC", born: "1980-04-07", nationality: "VNM", sex: .male,
             expected: "T1", decision: .alert, kind: .typo),
        Case(label: "transposition", surname: "KOWALCZKY", given: "MALGORZATA", born: "1985-06-21", nationality: "POL", sex: .female,
             expected: "T5", decision: .alert, kind: .transposition),
        Case(label: "missing middle name", surname: "MUELLER", given: "JOERG", born: "1975-11-30", nationality: "D", sex: .male,
             expected: "T2", decision: .alert, kind: .exact),
        Case(label: "swapped order", surname: "JOERG HEINRICH", given: "MUELLER", born: "1975-11-30", nationality: "D", sex: .male,
             expected: "T2", decision: .alert, kind: .exact),
        Case(label: "MRZ truncation", surname: "RODRIGUEZ SANCHEZ", given: "MARIA JOS", born: "1972-09-03", nationality: "ESP", sex: .female,
             expected: "T6", decision: .alert, kind: .truncated),
        Case(label: "truncation with a typo", surname: "KOWALCZYK", given: "MALGROZA", born: "1985-06-21", nationality: "POL", sex: .female,
             expected: "T5", decision: .alert, kind: .truncated),
        Case(label: "OCR look-alike digits", surname: "K0WALCZYK", given: "MA1GORZATA", born: "1985-06-21", nationality: "POL", sex: .female,
             expected: "T5", decision: .alert, kind: .lookAlike),
        Case(label: "alternative transliteration", surname: "MULLER", given: "JORG HEINRICH", born: "1975-11-30", nationality: "D", sex: .male,
             expected: "T2", decision: .alert, kind: .exact),
        Case(label: "Cyrillic list, ICAO MRZ", surname: "IVANOV", given: "SERGEI", born: "1969-02-14", nationality: "RUS", sex: .male,
             expected: "T3", decision: .alert, kind: .exact),
        Case(label: "surname written as one word", surname: "VANDENBERG", given: "JOHANNA MARIA", born: "1990-05-05", nationality: "NLD", sex: .female,
             expected: "T4", decision: .refer, kind: .exact),
        Case(label: "day and month swapped", surname: "PHAM", given: "THI HUONG", born: "1991-01-12", nationality: "VNM", sex: .female,
             expected: "T7", decision: .alert, kind: .exact),
        Case(label: "one-word name", surname: "SUKARNOPUTRA", given: "", born: "1958-01-01", nationality: "IDN", sex: .male,
             expected: "T10", decision: .alert, kind: .exact),
        Case(label: "no birth date listed", surname: "SOENDERGAARD", given: "BJOERN", born: "1961-03-03", nationality: "DNK", sex: .male,
             expected: "T8", decision: .refer, kind: .exact),
    ]

    @Test(arguments: cases)
    func findsTheListedPerson(_ c: Case) throws {
        let query = PersonQuery(surname: c.surname, givenNames: c.given, birthDate: PartialDate(text: c.born),
                                nationality: c.nationality, sex: c.sex)
        let matches = TestLists.index.screen(person: query)
        let best = try #require(matches.first)
        #expect(best.id == c.expected)
        #expect(best.decision == c.decision)
        let kinds = best.explanation.name?.parts.map(\.match) ?? []
        if let kind = c.kind { #expect(kinds.contains(kind), "\(kinds)") }
        // The reference: scoring every entry gives the same answer.
        #expect(TestLists.index.screenExhaustively(person: query) == matches)
    }

    @Test func sameNameDifferentBirthDateRanksTheRightPersonFirst() throws {
        // T1 and T9 share surname, middle name, birth date; the given name decides.
        let matches = TestLists.index.screen(person: PersonQuery(surname: "NGUYEN", givenNames: "VAN DAT",
                                                                 birthDate: PartialDate(text: "1980-04-07"), nationality: "VNM", sex: .male))
        #expect(matches.first?.id == "T9")
        #expect(matches.first?.decision == .alert)
        #expect(matches.dropFirst().allSatisfy { $0.decision == .refer })
    }

    @Test func onlyTheSurnameInCommonIsNotAMatch() {
        let matches = TestLists.index.screen(person: PersonQuery(surname: "KOWALCZYK", givenNames: "ZUZANNA",
                                                                 birthDate: PartialDate(text: "1985-06-21"), nationality: "POL", sex: .female))
        #expect(!matches.contains { $0.id == "T5" })
    }

    @Test func birthYearsTwoApartRuleOutTheEntry() {
        let matches = TestLists.index.screen(person: PersonQuery(surname: "KOWALCZYK", givenNames: "MALGORZATA",
                                                                 birthDate: PartialDate(text: "1987-06-21"), nationality: "POL", sex: .female))
        #expect(!matches.contains { $0.id == "T5" })
        let oneApart = TestLists.index.screen(person: PersonQuery(surname: "KOWALCZYK", givenNames: "MALGORZATA",
                                                                  birthDate: PartialDate(text: "1986-06-21"), nationality: "POL", sex: .female))
        #expect(oneApart.first?.id == "T5")
        #expect(oneApart.first?.decision == .refer)
    }

    @Test func aYearOnlyListDateRefersButDoesNotAlert() throws {
        let best = try #require(TestLists.index.screen(person: PersonQuery(
            surname: "VAN DEN BERG", givenNames: "JOHANNA MARIA", birthDate: PartialDate(text: "1990-02-02"),
            nationality: "NLD", sex: .female)).first)
        #expect(best.id == "T4")
        #expect(best.score >= MatchScorer.alertThreshold)
        #expect(best.decision == .refer)
        #expect(best.explanation.birthDate?.match == .sameYear)
    }

    @Test func explanationAccountsForTheScore() throws {
        let best = try #require(TestLists.index.screen(person: PersonQuery(
            surname: "MUELER", givenNames: "JOERG", birthDate: PartialDate(text: "1975-11-30"), nationality: "D", sex: .male)).first)
        let name = try #require(best.explanation.name)
        #expect(best.id == "T2")
        #expect(name.listedName == "primary")
        #expect(name.transliteration == "recommended")
        #expect(name.listedForm == "MUELLER<<JOERG<HEINRICH")
        #expect(name.parts.map(\.listed) == ["MUELLER", "JOERG"])
        #expect(name.parts.map(\.match) == [.typo, .exact])
        #expect(name.missingFromQuery == ["HEINRICH"])
        #expect(name.dropped == ["HEINRICH"])
        #expect(!name.capped)
        #expect(abs(name.parts.map(\.points).reduce(0, +) - name.points) < 0.2)
        let fields = [best.explanation.birthDate?.points, best.explanation.nationality?.points, best.explanation.sex?.points]
        #expect(fields == [20, 6, 4])
        #expect(abs(name.points + 30 - best.score) < 0.2)
        #expect(best.explanation.birthDate?.listed == "1975-11-30")
        #expect(best.explanation.nationality?.listed == "D")
    }

    @Test func aliasesExplainWhichNameMatched() throws {
        // Sergey is how English-language lists spell Сергей; ICAO writes SERGEI.
        let best = try #require(TestLists.index.screen(person: PersonQuery(
            surname: "IVANOV", givenNames: "SERGEY", birthDate: PartialDate(text: "1969-02-14"), nationality: "RUS", sex: .male)).first)
        #expect(best.id == "T3")
        #expect(best.explanation.name?.listedName == "alias 1")
        #expect(best.explanation.name?.similarity == 1)
    }

    @Test func limitAndOrder() {
        let query = PersonQuery(surname: "NGUYEN", givenNames: "VAN", birthDate: PartialDate(text: "1980-04-07"), nationality: "VNM", sex: .male)
        let three = TestLists.index.screen(person: query, limit: 3)
        #expect(three.count <= 3)
        #expect(zip(three, three.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(TestLists.index.screen(person: query, limit: 0).isEmpty)
    }
}
