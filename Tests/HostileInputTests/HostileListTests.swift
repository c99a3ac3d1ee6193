import Foundation
import Testing
import Watchlist

/// Deeply broken watchlist files: every bad row is reported by line with its problem, the good rows still
/// load, a wrong file is a header or format error, and nothing crashes or takes long.
@Suite("Hostile lists")
struct HostileListTests {
    static let personHeader = "id,surname,given_names,birth_date,nationality,sex,list\n"
    static let documentHeader = "issuing_state,document_number,document_type,reported\n"
    static let goodPerson = "G1,ERIKSSON,ANNA MARIA,1974-08-12,UTO,F,wanted\n"

    static func persons(_ body: [UInt8]) throws -> WatchlistLoadResult<WatchlistPerson> {
        try withinTimeLimit("person CSV") { try PersonListCSV.load(Array(personHeader.utf8) + body) }
    }

    static func problems(_ result: WatchlistLoadResult<some Sendable>) -> [Int: RowProblem] {
        var out: [Int: RowProblem] = [:]
        for case .badRow(let line, let problem) in result.problems { out[line] = problem }
        return out
    }

    static let megabyte = String(repeating: "A", count: 1 << 20)

    enum BrokenRow: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case unterminatedQuote, tenThousandColumns, megabyteBirthDate, megabyteNationality, megabyteQuotedSex
        case nulInSex, invalidUTF8, overlongUTF8, loneSurrogate, truncatedUTF8, quoteInsideField

        var testDescription: String { rawValue }

        /// The row (line 3 of the file, after the header and a good row) and the problem it must give.
        var row: ([UInt8], RowProblem) {
            switch self {
            case .unterminatedQuote:
                return (Array("B1,\"ROE,RICHARD,1980,,M,wanted\nB2,DOE,JANE,,,,\n".utf8), .unterminatedQuote)
            case .tenThousandColumns:
                return (Array(("B1" + String(repeating: ",x", count: 9_999) + "\n").utf8), .wrongColumnCount(expected: 7, found: 10_000))
            case .megabyteBirthDate:
                return (Array("B1,ROE,RICHARD,\(megabyte),,M,wanted\n".utf8), .impossibleDate(field: "birth_date", text: megabyte))
            case .megabyteNationality:
                return (Array("B1,ROE,RICHARD,1980,\(megabyte),M,wanted\n".utf8), .invalidValue(field: "nationality", text: megabyte))
            case .megabyteQuotedSex:
                let field = String(repeating: "a,\"\"\n", count: 1 << 18)
                let text = String(repeating: "a,\"\n", count: 1 << 18)
                return (Array("B1,ROE,RICHARD,1980,,\"\(field)\",wanted\n".utf8), .invalidValue(field: "sex", text: text))
            case .nulInSex:
                return (Array("B1,ROE,RICHARD,1980,,M\0,wanted\n".utf8), .invalidValue(field: "sex", text: "M\0"))
            case .invalidUTF8:
                return (Array("B1,RO".utf8) + [0xFF, 0xFE] + Array("E,RICHARD,,,,\n".utf8), .invalidUTF8(byteOffset: 5))
            case .overlongUTF8:
                return (Array("B1,".utf8) + [0xC0, 0xAF] + Array(",X,,,,\n".utf8), .invalidUTF8(byteOffset: 3))
            case .loneSurrogate:
                return (Array("B1,R".utf8) + [0xED, 0xA0, 0x80] + Array(",X,,,,\n".utf8), .invalidUTF8(byteOffset: 4))
            case .truncatedUTF8:
                return (Array("B1,ROE,RICHARD,,,,wanted".utf8) + [0xE2, 0x82], .invalidUTF8(byteOffset: 24))
            case .quoteInsideField:
                return (Array("B1,RO\"E,RICHARD,1980-02-30,,,\n".utf8), .impossibleDate(field: "birth_date", text: "1980-02-30"))
            }
        }
    }

    @Test("a broken person row is reported by line and the good rows load", arguments: BrokenRow.allCases)
    func brokenPersonRow(_ c: BrokenRow) throws {
        let (row, problem) = c.row
        let result = try Self.persons(Array(Self.goodPerson.utf8) + row)
        #expect(result.records.map(\.id).first == "G1")
        #expect(Self.problems(result)[3] == problem)
        #expect(!result.problems.isEmpty)
        // The description names the fault, never the (possibly megabyte-long) value.
        for p in result.problems { #expect(p.description.utf8.count < 200) }
    }

    @Test("a megabyte name or id loads as a value, quickly")
    func megabyteValues() throws {
        let result = try Self.persons(Array("\(Self.megabyte),ROE,RICHARD,,,,\nB2,\(Self.megabyte),RICHARD,,,,\n".utf8))
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.id.utf8.count) == [1 << 20, 2])
    }

    @Test("a broken document row is reported by line")
    func brokenDocumentRows() throws {
        let body = Self.documentHeader + "UTO,L898902C3,P,\n" + "UTO,\(Self.megabyte),P,\n" + "UTO,L898902C3,P\0,2025-02-30\n"
            + "\"UTO,L898,P,\n"
        let result = try withinTimeLimit("document CSV") { try DocumentListCSV.load(Array(body.utf8)) }
        #expect(result.records.map(\.documentNumber) == ["L898902C3"])
        let problems = Self.problems(result)
        #expect(problems[3] == .invalidValue(field: "document_number", text: Self.megabyte))
        #expect(problems[4] == .impossibleDate(field: "reported", text: "2025-02-30"))
        #expect(problems[5] == .unterminatedQuote)
    }

    enum WrongFile: String, CaseIterable, Sendable { case empty, blank, png, binary, documentHeaderOnly, personHeaderWithNUL }

    @Test("a file that is not the list is a header error, whatever it holds", arguments: WrongFile.allCases)
    func wrongFile(_ c: WrongFile) throws {
        let bytes: [UInt8]
        switch c {
        case .empty: bytes = []
        case .blank: bytes = Array("\n\r\n   \n".utf8)
        case .png: bytes = try Hostile.pagePNG()
        case .binary:
            var rng = SplitMix64(seed: 5)
            bytes = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case .documentHeaderOnly: bytes = Array(Self.documentHeader.utf8)
        case .personHeaderWithNUL: bytes = Array("id,surname,given_names,birth_date,nationality\0,sex,list\nP1,A,B,,,,\n".utf8)
        }
        #expect(WatchlistSourceFormat.detect(bytes) == (c == .documentHeaderOnly ? .documentCSV : nil))
        #expect { try PersonListCSV.load(bytes) } throws: { error in
            guard case WatchlistLoadError.badHeader(let expected, _) = error else { return false }
            return expected == PersonListCSV.header.joined(separator: ",")
        }
        let json = FollowTheMoneyJSON.load(bytes)
        #expect(json.result.records.isEmpty)
        #expect(json.ignored == 0)
    }

    static let brokenUTF8Prefix = #"{"id":"os-4","schema":"Person","properties":{"name":["A"#

    @Test("hostile JSON Lines: each bad line is reported, the good ones load")
    func hostileJSONLines() throws {
        let good = #"{"id":"os-1","schema":"Person","properties":{"name":["Anna Eriksson"]},"datasets":["x"]}"#
        let lines: [[UInt8]] = [
            Array(good.utf8),
            Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8),
            Array(("{\"id\":\"os-2\",\"schema\":\"Person\",\"properties\":" + String(repeating: "{\"a\":", count: 50_000) + "1"
                + String(repeating: "}", count: 50_001)).utf8),
            Array(#"{"id":"os-3","schema":"Person","properties":{"name":[""#.utf8) + Array(Self.megabyte.utf8),
            Array(Self.brokenUTF8Prefix.utf8) + [0xC3] + Array(#""]}}"#.utf8),
            Array(#"{"id":"os-5\u0000","schema":"Person","properties":{"name":["Nul\u0000Name"],"birthDate":[1e400]}}"#.utf8),
            [0, 0, 0, 0],
            Array(good.utf8),
        ]
        let bytes = lines.joined(separator: [0x0A]).map { $0 }
        let loaded = withinTimeLimit("JSON Lines") { FollowTheMoneyJSON.load(bytes) }
        let problems = Self.problems(loaded.result)
        #expect(loaded.result.records.count + problems.count == lines.count)
        #expect(loaded.result.records.first?.id == "os-1")
        #expect(loaded.result.records.last?.id == "os-1")
        for line in [2, 3, 4, 7] { #expect(problems[line] != nil, "line \(line)") }
        #expect(problems[5] == .invalidUTF8(byteOffset: Self.brokenUTF8Prefix.utf8.count))
    }

    @Test("a damaged index is refused or still answers queries safely")
    func damagedIndex() throws {
        var builder = WatchlistIndexBuilder()
        let loaded = try PersonListCSV.load(Array((Self.personHeader + Self.goodPerson + "G2,NGUYEN,VAN DUC,1980,VNM,M,x\n").utf8))
        builder.add(persons: loaded.records)
        builder.add(documents: try DocumentListCSV.load(Array((Self.documentHeader + "UTO,L898902C3,P,\n").utf8)).records)
        let good = builder.build()
        let query = PersonQuery(surname: "ERIKSSON", givenNames: "ANNA MARIA")
        #expect(try WatchlistIndex(bytes: good).screen(person: query).first?.id == "G1")

        var rng = SplitMix64(seed: 9)
        var refused = 0
        var damaged: [[UInt8]] = [[], Array(good.prefix(8)), Array(good.prefix(good.count / 2)), Array(good.dropLast()), good + [0]]
        for round in 0..<200 { damaged.append(Hostile.flipped(good, bits: 1 + round % 4, rng: &rng)) }
        withinTimeLimit("damaged indexes") {
            for bytes in damaged {
                do {
                    let index = try WatchlistIndex(bytes: bytes)
                    _ = index.screen(person: query)
                    _ = index.screenExhaustively(person: PersonQuery(surname: "NGUYEN", givenNames: "VAN DUC"))
                    _ = index.screen(document: DocumentQuery(issuingState: "UTO", documentNumber: "L898902C3"))
                } catch {
                    refused += 1
                    #expect(!String(describing: error).isEmpty)
                }
            }
        }
        #expect(refused >= 5 + 100)  // every cut, and most flips, are caught by the validator

        for content in [[UInt8](), Array("not an index".utf8)] {
            let path = Hostile.temporaryPath("list.dswl")
            try Data(content).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(throws: WatchlistIndexError.self) { try WatchlistIndex.load(path: path) }
        }
        #expect { try WatchlistIndex.load(path: "/nonexistent/list.dswl") } throws: { error in
            if case WatchlistIndexError.unreadable = error { return true } else { return false }
        }
    }
}
