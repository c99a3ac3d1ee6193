import Foundation
import Testing
@testable import Watchlist

/// The three list formats: rows that load, rows reported by line, the header, format detection.
@Suite struct LoaderTests {
    static let header = "id,surname,given_names,birth_date,nationality,sex,list\n"

    @Test func goodRowsLoad() throws {
        let csv = Self.header + """
            W1,Nguyễn,Văn Đức,1980-04-07,VNM,M,wanted
            W2,"Rodríguez, de la Peña","María ""Pili"" José",1972,ESP,F,sanctions
            W3,Smith,,,,,

            W4,Müller,Jörg,1975-11,DEU,X,wanted\r
            """
        let loaded = try PersonListCSV.load(Array(csv.utf8))
        #expect(loaded.problems.isEmpty)
        #expect(loaded.records.map(\.id) == ["W1", "W2", "W3", "W4"])
        #expect(loaded.records[1].names[0] == PersonName(surname: "Rodríguez, de la Peña", givenNames: "María \"Pili\" José"))
        #expect(loaded.records[1].birthDate == PartialDate(year: 1972))
        #expect(loaded.records[2].birthDate == nil && loaded.records[2].sex == nil && loaded.records[2].nationalities.isEmpty)
        #expect(loaded.records[2].list == "watchlist")
        #expect(loaded.records[3].birthDate == PartialDate(year: 1975, month: 11))
        #expect(loaded.records[3].nationalities == ["D"])  // DEU is Germany's ISO code; the MRZ writes D
        #expect(loaded.records[3].sex == .unspecified)
        #expect(loaded.records[3].list == "wanted")
    }

    struct BadRow: CustomTestStringConvertible, Sendable {
        var label: String
        var row: [UInt8]
        var problem: RowProblem
        var testDescription: String { label }
    }

    static let badRows: [BadRow] = [
        BadRow(label: "too few columns", row: Array("W9,Doe,John,1970-01-01,USA,M".utf8), problem: .wrongColumnCount(expected: 7, found: 6)),
        BadRow(label: "too many columns", row: Array("W9,Doe,John,1970-01-01,USA,M,wanted,extra".utf8),
               problem: .wrongColumnCount(expected: 7, found: 8)),
        BadRow(label: "broken UTF-8", row: Array("W9,Do".utf8) + [0xC3, 0x28] + Array(",John,1970-01-01,USA,M,wanted".utf8),
               problem: .invalidUTF8(byteOffset: 5)),
        BadRow(label: "30 February", row: Array("W9,Doe,John,1990-02-30,USA,M,wanted".utf8),
               problem: .impossibleDate(field: "birth_date", text: "1990-02-30")),
        BadRow(label: "month 13", row: Array("W9,Doe,John,1990-13-01,USA,M,wanted".utf8),
               problem: .impossibleDate(field: "birth_date", text: "1990-13-01")),
        BadRow(label: "29 February of a common year", row: Array("W9,Doe,John,1900-02-29,USA,M,wanted".utf8),
               problem: .impossibleDate(field: "birth_date", text: "1900-02-29")),
        BadRow(label: "not a date", row: Array("W9,Doe,John,07/04/1990,USA,M,wanted".utf8),
               problem: .impossibleDate(field: "birth_date", text: "07/04/1990")),
        BadRow(label: "sex", row: Array("W9,Doe,John,1970,USA,Q,wanted".utf8), problem: .invalidValue(field: "sex", text: "Q")),
        BadRow(label: "nationality", row: Array("W9,Doe,John,1970,U5A,M,wanted".utf8), problem: .invalidValue(field: "nationality", text: "U5A")),
        BadRow(label: "no id", row: Array(",Doe,John,1970,USA,M,wanted".utf8), problem: .missingValue(field: "id")),
        BadRow(label: "no name", row: Array("W9,,,1970,USA,M,wanted".utf8), problem: .missingValue(field: "surname")),
        BadRow(label: "a name without letters", row: Array("W9,123,,1970,USA,M,wanted".utf8), problem: .invalidValue(field: "surname", text: "123 ")),
    ]

    @Test(arguments: badRows)
    func badRowIsReportedByLineAndTheRestLoads(_ bad: BadRow) throws {
        let bytes = Array((Self.header + "W1,Smith,Anna,1970-01-01,USA,F,wanted\n").utf8) + bad.row
            + Array("\nW2,Jones,Bob,1971,GBR,M,wanted\n".utf8)
        let loaded = try PersonListCSV.load(bytes)
        #expect(loaded.records.map(\.id) == ["W1", "W2"])
        #expect(loaded.problems == [.badRow(line: 3, problem: bad.problem)])
    }

    @Test func lineNumbersCountLineBreaksInsideQuotes() throws {
        let csv = Self.header + "W1,\"Smith\nJones\",Anna,1970,USA,F,wanted\nW2,Doe,John,1970-02-31,USA,M,wanted\n"
        let loaded = try PersonListCSV.load(Array(csv.utf8))
        #expect(loaded.records.map(\.id) == ["W1"])
        #expect(loaded.problems == [.badRow(line: 4, problem: .impossibleDate(field: "birth_date", text: "1970-02-31"))])
    }

    @Test func unterminatedQuoteIsReported() throws {
        let loaded = try PersonListCSV.load(Array((Self.header + "W1,Smith,Anna,1970,USA,F,wanted\nW2,\"Doe,John,1970,USA,M,wanted\n").utf8))
        #expect(loaded.records.map(\.id) == ["W1"])
        #expect(loaded.problems == [.badRow(line: 3, problem: .unterminatedQuote)])
    }

    @Test func repeatedIdAddsAnAliasOrConflicts() throws {
        let csv = Self.header + """
            W1,Ivanov,Sergey,1969-02-14,RUS,M,wanted
            W1,Иванов,Сергей,,,,wanted
            W1,Ivanoff,Serge,1970-01-01,,,wanted
            """
        let loaded = try PersonListCSV.load(Array(csv.utf8))
        #expect(loaded.records.count == 1)
        #expect(loaded.records[0].names.map(\.surname) == ["Ivanov", "Иванов"])
        #expect(loaded.problems == [.badRow(line: 4, problem: .conflictingDuplicate(id: "W1", field: "birth_date"))])
    }

    @Test(arguments: ["", "id,surname,given_names\nW1,A,B\n", "surname,id,given_names,birth_date,nationality,sex,list\n"])
    func wrongHeaderThrows(text: String) {
        #expect(throws: WatchlistLoadError.self) { try PersonListCSV.load(Array(text.utf8)) }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let loaded = try PersonListCSV.load([0xEF, 0xBB, 0xBF] + Array((Self.header + "W1,Smith,Anna,,,,\n").utf8))
        #expect(loaded.records.count == 1)
    }

    @Test func problemDescriptionsCarryNoPersonalData() {
        let problem = WatchlistLoadError.badRow(line: 7, problem: .impossibleDate(field: "birth_date", text: "1990-02-30"))
        #expect(problem.description == "line 7: birth_date is not a real date (YYYY-MM-DD, YYYY-MM or YYYY)")
        #expect(!RowProblem.invalidValue(field: "surname", text: "Secret Name").description.contains("Secret"))
    }

    @Test func documentList() throws {
        let csv = """
            issuing_state,document_number,document_type,reported
            NLD,SPECI2014,P,2024-03-01
            D,c01x-00t47,P,
            UTO,L898902C3<<,I,2025
            NLD,,P,
            NLD,ABC$123,P,
            NL1,ABC123,P,
            NLD,ABC123,P,2024-02-30
            """
        let loaded = try DocumentListCSV.load(Array(csv.utf8))
        #expect(loaded.records.map(\.documentNumber) == ["SPECI2014", "C01X00T47", "L898902C3"])
        #expect(loaded.records.map(\.issuingState) == ["NLD", "D", "UTO"])
        #expect(loaded.records[2].reported == PartialDate(year: 2025))
        #expect(loaded.problems == [
            .badRow(line: 5, problem: .missingValue(field: "document_number")),
            .badRow(line: 6, problem: .invalidValue(field: "document_number", text: "ABC$123")),
            .badRow(line: 7, problem: .invalidValue(field: "issuing_state", text: "NL1")),
            .badRow(line: 8, problem: .impossibleDate(field: "reported", text: "2024-02-30")),
        ])
    }

    @Test func followTheMoney() {
        let lines = [
            #"{"id":"os-1","schema":"Person","properties":{"name":["Sergey Ivanov"],"firstName":["Sergey"],"lastName":["Ivanov"],"#
                + #""alias":["Иванов Сергей"],"weakAlias":["Serge"],"birthDate":["1969-02-14","1969"],"nationality":["ru","ua"],"#
                + #""gender":["male"]},"datasets":["eu_fsf"]}"#,
            #"{"id":"os-2","schema":"Company","properties":{"name":["ACME Ltd"]}}"#,
            #"{"id":"os-3","schema":"Person","properties":{"name":["Anna Schmidt"],"nationality":["de"],"birthDate":["1980-13-01"]}}"#,
            "not json",
            "",
            #"{"id":"os-4","schema":"Person","properties":{"name":["Lê Văn Tám"],"birthDate":["1950-05"],"citizenship":["vn"]}}"#,
            #"{"id":"os-5","schema":"Person","properties":{"notes":["no name"]}}"#,
        ].joined(separator: "\n")
        let loaded = FollowTheMoneyJSON.load(Array(lines.utf8))
        #expect(loaded.ignored == 1)
        #expect(loaded.result.records.map(\.id) == ["os-1", "os-4"])
        let first = loaded.result.records[0]
        #expect(first.names == [PersonName(surname: "Ivanov", givenNames: "Sergey"), PersonName(unsplit: "Sergey Ivanov"),
                                PersonName(unsplit: "Иванов Сергей")])
        #expect(first.birthDate == PartialDate(year: 1969, month: 2, day: 14))
        #expect(first.nationalities == ["RUS", "UKR"])
        #expect(first.sex == .male)
        #expect(first.list == "eu_fsf")
        #expect(loaded.result.records[1].nationalities == ["VNM"])
        #expect(loaded.result.records[1].birthDate == PartialDate(year: 1950, month: 5))
        #expect(loaded.result.problems == [
            .badRow(line: 3, problem: .impossibleDate(field: "birthDate", text: "1980-13-01")),
            .badRow(line: 4, problem: .invalidJSON(detail: "not a JSON object")),
            .badRow(line: 7, problem: .missingValue(field: "name")),
        ])
    }

    @Test func followTheMoneyPersonsAreFound() throws {
        let line = #"{"id":"os-9","schema":"Person","properties":{"name":["Nguyễn Thị Minh Khai"],"birthDate":["1910"],"gender":["female"]}}"#
        var builder = WatchlistIndexBuilder()
        builder.add(persons: FollowTheMoneyJSON.load(Array(line.utf8)).result.records)
        let index = try WatchlistIndex(bytes: builder.build())
        // A whole name: the query's split into surname and given names does not matter.
        let best = try #require(index.screen(person: PersonQuery(surname: "NGUYEN", givenNames: "THI MINH KHAI",
                                                                 birthDate: PartialDate(text: "1910-01-01"), sex: .female)).first)
        #expect(best.id == "os-9")
        #expect(best.explanation.name?.similarity == 1)
    }

    @Test(arguments: [
        ("id,surname,given_names,birth_date,nationality,sex,list\n", WatchlistSourceFormat.personCSV),
        ("\u{FEFF}issuing_state,document_number,document_type,reported\r\n", .documentCSV),
        ("\n  {\"id\":\"x\",\"schema\":\"Person\"}\n", .followTheMoney),
    ])
    func formatDetection(text: String, format: WatchlistSourceFormat) {
        #expect(WatchlistSourceFormat.detect(Array(text.utf8)) == format)
    }

    @Test func unknownFormat() {
        #expect(WatchlistSourceFormat.detect(Array("name,dob\nA,1970\n".utf8)) == nil)
        #expect(WatchlistSourceFormat.detect([UInt8]()) == nil)
    }
}
