import Foundation
import Testing
@testable import Watchlist

/// The compiled index: file round trip through a memory map, corrupt files, documents, findings.
@Suite struct IndexTests {
    static let queries: [PersonQuery] = SyntheticWatchlist.personQueries(count: 150, from: TestLists.persons, seed: 7).map(\.query)

    @Test func roundTripThroughAMappedFileGivesTheSameAnswers() throws {
        var builder = WatchlistIndexBuilder()
        builder.add(persons: TestLists.persons)
        builder.add(documents: TestLists.documents)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("watchlist-\(UUID().uuidString).index").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try builder.write(to: path)
        let mapped = try WatchlistIndex.load(path: path)
        #expect(mapped.personCount == TestLists.persons.count)
        #expect(mapped.documentCount == TestLists.documents.count)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(mapped.byteCount == size)
        var nonEmpty = 0
        for query in Self.queries {
            let answer = mapped.screen(person: query)
            #expect(answer == TestLists.index.screen(person: query))
            nonEmpty += answer.isEmpty ? 0 : 1
        }
        #expect(nonEmpty > Self.queries.count / 3)
        for document in TestLists.documents {
            let query = DocumentQuery(issuingState: document.issuingState, documentNumber: document.documentNumber)
            #expect(mapped.screen(document: query) == TestLists.index.screen(document: query))
        }
    }

    @Test func indexAgreesWithScoringEveryEntry() {
        for query in Self.queries {
            #expect(TestLists.index.screen(person: query) == TestLists.index.screenExhaustively(person: query))
        }
    }

    @Test func buildingTwiceGivesTheSameBytes() {
        var a = WatchlistIndexBuilder(), b = WatchlistIndexBuilder()
        a.add(persons: Array(TestLists.persons.prefix(500)))
        b.add(persons: Array(TestLists.persons.prefix(500)))
        #expect(a.build() == b.build())
    }

    @Test func corruptFilesAreRejected() throws {
        var builder = WatchlistIndexBuilder()
        builder.add(persons: Array(TestLists.persons.prefix(200)))
        builder.add(documents: TestLists.documents)
        let good = builder.build()
        #expect(throws: Never.self) { try WatchlistIndex(bytes: good) }

        var wrongMagic = good
        wrongMagic[0] = UInt8(ascii: "X")
        #expect(throws: WatchlistIndexError.notAnIndex(reason: "no DSWLIDX1 signature")) { try WatchlistIndex(bytes: wrongMagic) }

        var wrongVersion = good
        wrongVersion[8] = 9
        #expect(throws: WatchlistIndexError.unsupportedVersion(found: 9, expected: 1)) { try WatchlistIndex(bytes: wrongVersion) }

        for length in [0, 10, 64, good.count / 2, good.count - 1] {
            #expect(throws: WatchlistIndexError.self) { try WatchlistIndex(bytes: Array(good.prefix(length))) }
        }
        // Flipping bytes anywhere in the sections must never crash: either the validator notices or the file still
        // describes a well-formed index.
        var random = SyntheticRandom(seed: 3)
        for _ in 0..<300 {
            var damaged = good
            let at = 8 + random.below(good.count - 8)
            damaged[at] ^= UInt8(1 + random.below(255))
            if let index = try? WatchlistIndex(bytes: damaged) {
                _ = index.screen(person: Self.queries[0])
                _ = index.screen(document: DocumentQuery(issuingState: "NLD", documentNumber: "SPECI2014"))
            }
        }
    }

    @Test("birth years past a packed date's range are refused, not trapped on",
          arguments: [UInt32(0xFFFF_FF00), UInt32(1 << 23), UInt32((1 << 23) - 1), UInt32(0x0080_0000 - 5)])
    func hostileBirthYears(firstYear: UInt32) throws {
        var builder = WatchlistIndexBuilder()
        builder.add(persons: Array(TestLists.persons.prefix(50)))
        var bytes = builder.build()
        // The header's firstYear field (little-endian UInt32 at byte 32); the year count (byte 36) is left as built.
        let yearCount = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[36 + $1]) << (8 * UInt32($1)) }
        try #require(yearCount > 5)
        for b in 0..<4 { bytes[32 + b] = UInt8(truncatingIfNeeded: firstYear >> (8 * UInt32(b))) }
        #expect(throws: WatchlistIndexError.self) { try WatchlistIndex(bytes: bytes) }
    }

    @Test func missingFileIsAnError() {
        #expect(throws: WatchlistIndexError.self) { try WatchlistIndex.load(path: "/nonexistent/watchlist.index") }
    }

    @Test(arguments: [
        ("NLD", "SPECI2014", "NLD:SPECI2014", TokenMatchKind.exact, WatchlistDecision.alert, [Int]()),
        ("NLD", "SPEC12O14", "NLD:SPECI2014", .lookAlike, .refer, [5, 7]),
        ("D", "C01X00T47", "D:C01X00T47", .exact, .alert, []),
        ("D", "CO1XOOT47", "D:C01X00T47", .lookAlike, .refer, [2, 5, 6]),
        ("UTO", "L898902C3<<", "UTO:L898902C3", .exact, .alert, []),
        ("UTO", "D23I45B90", "UTO:D23145890", .lookAlike, .refer, [4, 7]),
    ])
    func documentNumbers(state: String, number: String, id: String, kind: TokenMatchKind, decision: WatchlistDecision, positions: [Int]) throws {
        let matches = TestLists.index.screen(document: DocumentQuery(issuingState: state, documentNumber: number))
        let match = try #require(matches.first)
        #expect(matches.count == 1)
        #expect(match.id == id)
        #expect(match.decision == decision)
        #expect(match.explanation.document?.match == kind)
        #expect(match.explanation.document?.differingPositions == positions)
        #expect(match.list == "lost-stolen-documents")
    }

    @Test(arguments: [("FRA", "SPECI2014"), ("NLD", "SPECI2015"), ("NLD", "SPECI201"), ("NLD", "##"), ("", "SPECI2014")])
    func documentsOnlyMatchWithinTheirState(state: String, number: String) {
        #expect(TestLists.index.screen(document: DocumentQuery(issuingState: state, documentNumber: number)).isEmpty)
    }

    @Test func findings() throws {
        let person = PersonQuery(surname: "NGUYEN", givenNames: "VAN DUC", birthDate: PartialDate(text: "1980-04-07"),
                                 nationality: "VNM", sex: .male)
        let document = DocumentQuery(issuingState: "NLD", documentNumber: "SPEC12014")
        let findings = WatchlistFindings.findings(person: person, document: document, in: TestLists.index)
        let first = try #require(findings.first)
        #expect(first.code == "watchlist.person")
        #expect(first.severity == .alert)
        #expect(first.message.contains("T1"))
        #expect(!first.message.contains("NGUYEN") && !first.message.contains("1980"))
        let documentFinding = try #require(findings.last)
        #expect(documentFinding.code == "watchlist.document")
        #expect(documentFinding.severity == .refer)
        #expect(documentFinding.evidence?.measured == "look-alike characters at 5")
        #expect(WatchlistFindings.findings(person: nil, document: nil, in: TestLists.index).isEmpty)
    }
}
