import Testing
@testable import Watchlist

/// Query lines of `docscreen watchlist query`: persons, documents, and malformed lines.
@Suite struct QueryLineTests {
    @Test func personQuery() throws {
        let line = #"{"surname":"NGUYEN","givenNames":"VAN DUC","birthDate":"1980-04-07","nationality":"vnm","sex":"M","extra":1}"#
        guard case .person(let query) = try WatchlistQueryLine.parse(line).get() else {
            Issue.record("not a person query")
            return
        }
        #expect(query == PersonQuery(surname: "NGUYEN", givenNames: "VAN DUC", birthDate: PartialDate(year: 1980, month: 4, day: 7),
                                     nationality: "VNM", sex: .male))
    }

    @Test func optionalFieldsMayBeEmptyOrNull() throws {
        let line = #"{"surname":"SMITH","givenNames":null,"birthDate":"","nationality":"","sex":"<"}"#
        guard case .person(let query) = try WatchlistQueryLine.parse(line).get() else {
            Issue.record("not a person query")
            return
        }
        #expect(query.birthDate == nil && query.nationality == nil && query.sex == .unspecified)
    }

    @Test func documentQuery() throws {
        let parsed = try WatchlistQueryLine.parse(#"{"issuingState":"NLD","documentNumber":"SPECI2014"}"#).get()
        #expect(parsed == .document(DocumentQuery(issuingState: "NLD", documentNumber: "SPECI2014")))
    }

    @Test(arguments: [
        ("", QueryLineError.notAnObject),
        ("[1,2]", .notAnObject),
        ("{\"surname\":", .notAnObject),
        (#"{"surname":42,"givenNames":"A"}"#, .wrongType(field: "surname", expected: "a string")),
        (#"{"surname":"","givenNames":""}"#, .missingName),
        (#"{"surname":"--","givenNames":"<<"}"#, .missingName),
        (#"{"surname":"347","givenNames":""}"#, .missingName),  // digits without a look-alike letter
        (#"{"surname":"A","birthDate":"1990-02-30"}"#, .invalidBirthDate),
        (#"{"surname":"A","birthDate":"900207"}"#, .invalidBirthDate),
        (#"{"surname":"A","sex":"Q"}"#, .invalidSex),
        (#"{"surname":"A","nationality":"N1D"}"#, .invalidNationality),
        (#"{"issuingState":"NLD"}"#, .invalidDocument(field: "documentNumber")),
        (#"{"documentNumber":"X1"}"#, .invalidDocument(field: "issuingState")),
    ])
    func malformedLines(line: String, error: QueryLineError) {
        guard case .failure(let found) = WatchlistQueryLine.parse(line) else {
            Issue.record("parsed: \(line)")
            return
        }
        #expect(found == error)
        #expect(found.code.hasPrefix("query."))
    }
}
