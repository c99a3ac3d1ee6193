import Foundation
import Testing
@testable import Watchlist

/// The generator: reproducible, varied, Vietnamese with every tone mark, queries with truth the matcher finds.
@Suite struct SyntheticWatchlistTests {
    @Test func sameSeedSameData() {
        #expect(SyntheticWatchlist.persons(count: 300, seed: 5) == SyntheticWatchlist.persons(count: 300, seed: 5))
        #expect(SyntheticWatchlist.persons(count: 300, seed: 5) != SyntheticWatchlist.persons(count: 300, seed: 6))
    }

    @Test func listLooksLikeAList() {
        let persons = SyntheticWatchlist.persons(count: 20_000, seed: 11)
        let text = persons.flatMap(\.names).map { $0.surname + " " + $0.givenNames }.joined(separator: " ")
        // Every Vietnamese tone mark (on some vowel) and Đ occur.
        for tone: UInt32 in [0x300, 0x301, 0x303, 0x309, 0x323] {
            #expect(text.decomposedStringWithCanonicalMappingScalars.contains(tone), "tone U+\(String(tone, radix: 16))")
        }
        #expect(text.contains("Đ"))
        #expect(text.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) })  // Cyrillic
        let yearOnly = persons.filter { $0.birthDate != nil && $0.birthDate?.month == nil }.count
        let undated = persons.filter { $0.birthDate == nil }.count
        #expect((1_500...2_500).contains(yearOnly))
        #expect((200...700).contains(undated))
        #expect(persons.filter { $0.names.count > 1 }.count > 1_000)
        #expect(Set(persons.compactMap(\.nationalities.first)).count > 40)
    }

    @Test func queriesCarryTruthAndTheMatcherFindsThem() throws {
        let persons = SyntheticWatchlist.persons(count: 20_000, seed: 11)
        let queries = SyntheticWatchlist.personQueries(count: 400, from: persons, seed: 12)
        var builder = WatchlistIndexBuilder()
        builder.add(persons: persons)
        let index = try WatchlistIndex(bytes: builder.build())
        let ids = Set(persons.map(\.id))
        var positives = 0, found = 0, negatives = 0, alerts = 0
        for q in queries {
            let matches = index.screen(person: q.query)
            if let truth = q.truth {
                #expect(ids.contains(truth))
                positives += 1
                found += matches.contains { $0.id == truth } ? 1 : 0
            } else {
                negatives += 1
                alerts += matches.contains { $0.decision == .alert } ? 1 : 0
            }
        }
        #expect(positives > 150 && negatives > 150)
        #expect(Double(found) >= 0.97 * Double(positives))
        #expect(Double(alerts) <= 0.02 * Double(negatives))
        let operations = Set(queries.flatMap(\.operations))
        #expect(operations.isSuperset(of: ["none", "transliteration", "typo", "transposition", "swap", "drop_middle", "truncate", "ocr"]))
    }

    @Test func writersRoundTripThroughTheLoaders() throws {
        let persons = SyntheticWatchlist.persons(count: 500, seed: 13)
        let csv = try PersonListCSV.load(Array(SyntheticWatchlist.personCSV(persons).utf8))
        #expect(csv.problems.isEmpty)
        #expect(csv.records == persons)
        let ftm = FollowTheMoneyJSON.load(Array(SyntheticWatchlist.followTheMoney(persons).utf8))
        #expect(ftm.result.problems.isEmpty)
        #expect(ftm.result.records.map(\.id) == persons.map(\.id))
        #expect(ftm.result.records.map(\.birthDate) == persons.map(\.birthDate))
        let documents = SyntheticWatchlist.documents(count: 200, seed: 13)
        let loaded = try DocumentListCSV.load(Array(SyntheticWatchlist.documentCSV(documents).utf8))
        #expect(loaded.records == documents)
    }

    @Test func documentQueriesFindTheirDocuments() throws {
        let documents = SyntheticWatchlist.documents(count: 2_000, seed: 17)
        var builder = WatchlistIndexBuilder()
        builder.add(documents: documents)
        let index = try WatchlistIndex(bytes: builder.build())
        for q in SyntheticWatchlist.documentQueries(count: 300, from: documents, seed: 17) {
            let matches = index.screen(document: q.query)
            if let truth = q.truth {
                #expect(matches.contains { $0.id == truth })
                #expect(matches.first { $0.id == truth }?.decision == (q.operations == ["ocr"] ? .refer : .alert))
            } else {
                #expect(matches.isEmpty)
            }
        }
    }
}

extension String {
    /// Scalar values of the canonical decomposition.
    fileprivate var decomposedStringWithCanonicalMappingScalars: Set<UInt32> {
        Set(decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value))
    }
}
