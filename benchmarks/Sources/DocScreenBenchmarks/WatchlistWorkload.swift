import Foundation
import Watchlist

/// `watchlist`: person screening on a generated list of 1,000,000 persons (200,000 with `--quick`), one core.
///
/// The list and queries come from ``SyntheticWatchlist`` (seeded): half the queries are listed persons with realistic
/// damage (transliteration, typo, transposition, swapped order, dropped middle name, MRZ truncation, OCR look-alikes),
/// half true non-matches. Metrics:
/// - `build_seconds`: what `docscreen watchlist build` does — parse the person CSV (held in memory), compile, write.
/// - `load_ms`: `WatchlistIndex.load(path:)` (memory map and full validation), median of 5.
/// - `index_megabytes`: the index file, which is what a process maps.
/// - `query_p50_us`, `query_p99_us`: latency of `screen(person:)` per query (median of 3 rounds per query).
/// - `queries_per_second`: one pass over all queries.
/// - `recall_at_10`: listed queries whose true entry is among the ≤ 10 matches; `false_alert_rate`: non-matches with
///   an `alert` among their matches.
/// - `mean_query_us` on a subset, against `brute-force`: ``WatchlistIndex/screenExhaustively(person:limit:)``, the same
///   scorer over every entry (the recall reference); `brute_force_speedup` the ratio; `brute_force_agreement` the
///   share of the subset where both return identical matches; `brute_force_recall_at_10` its recall on the subset.
/// - `candidates_p99`: entries scored per query, 99th percentile.
let watchlistWorkload = Workload(name: "watchlist") { quick in
    let count = quick ? 200_000 : 1_000_000
    let queryCount = quick ? 2_000 : 4_000
    let bruteForceCount = quick ? 60 : 60
    let persons = SyntheticWatchlist.persons(count: count, seed: 6)
    let queries = SyntheticWatchlist.personQueries(count: queryCount, from: persons, seed: 7)
    let csv = Array(SyntheticWatchlist.personCSV(persons).utf8)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("docscreen-bench-watchlist-\(getpid()).index").path
    defer { try? FileManager.default.removeItem(atPath: path) }

    let build = try Stopwatch.seconds {
        let loaded = try PersonListCSV.load(csv)
        var builder = WatchlistIndexBuilder()
        builder.add(persons: loaded.records)
        try builder.write(to: path)
    }
    var index = try WatchlistIndex.load(path: path)
    let load = try Stopwatch.median(rounds: 5) { index = try WatchlistIndex.load(path: path) }

    // Latency: each query three times, its median kept (a noisy neighbour cannot make one query slow).
    let clock = ContinuousClock()
    var rounds = [[Double]](repeating: [], count: queries.count)
    var answers: [[WatchlistMatch]] = []
    for round in 0..<3 {
        for (k, q) in queries.enumerated() {
            let started = clock.now
            let matches = index.screen(person: q.query)
            rounds[k].append((clock.now - started).microseconds)
            if round == 0 { answers.append(matches) }
        }
    }
    let latencies = rounds.map { $0.sorted()[1] }.sorted()
    let pass = Stopwatch.seconds { for q in queries { blackHole(index.screen(person: q.query)) } }

    var positives = 0, found = 0, negatives = 0, alerts = 0
    for (q, matches) in zip(queries, answers) {
        if let truth = q.truth {
            positives += 1
            found += matches.contains { $0.id == truth } ? 1 : 0
        } else {
            negatives += 1
            alerts += matches.contains { $0.decision == .alert } ? 1 : 0
        }
    }
    let candidates = queries.map { index.candidateStatistics(person: $0.query).candidates }.sorted()

    // The brute-force reference on an evenly spread subset.
    let subset = stride(from: 0, to: queries.count, by: max(1, queries.count / bruteForceCount)).prefix(bruteForceCount).map { $0 }
    var bruteTime = 0.0, indexTime = 0.0, agree = 0, subsetPositives = 0, bruteFound = 0
    for k in subset {
        var exhaustive: [WatchlistMatch] = []
        bruteTime += Stopwatch.seconds { exhaustive = index.screenExhaustively(person: queries[k].query) }
        indexTime += Stopwatch.seconds { blackHole(index.screen(person: queries[k].query)) }
        agree += exhaustive == answers[k] ? 1 : 0
        if let truth = queries[k].truth {
            subsetPositives += 1
            bruteFound += exhaustive.contains { $0.id == truth } ? 1 : 0
        }
    }
    let size = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? index.byteCount)
    func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    return [
        Measurement(name: "watchlist", metric: "build_seconds", value: build, unit: "s", higherIsBetter: false),
        Measurement(name: "watchlist", metric: "load_ms", value: load * 1e3, unit: "ms", higherIsBetter: false),
        Measurement(name: "watchlist", metric: "index_megabytes", value: size / 1_048_576, unit: "MiB", higherIsBetter: false),
        Measurement(name: "watchlist", metric: "entries", value: Double(index.personCount), unit: "persons", higherIsBetter: true),
        Measurement(name: "watchlist", metric: "query_p50_us", value: percentile(latencies, 0.5), unit: "µs", higherIsBetter: false),
        Measurement(name: "watchlist", metric: "query_p99_us", value: percentile(latencies, 0.99), unit: "µs", higherIsBetter: false),
        Measurement(name: "watchlist", metric: "queries_per_second", value: Double(queries.count) / pass, unit: "queries/s", higherIsBetter: true),
        Measurement(name: "watchlist", metric: "recall_at_10", value: Double(found) / Double(max(1, positives)), unit: "fraction", higherIsBetter: true),
        Measurement(name: "watchlist", metric: "false_alert_rate", value: Double(alerts) / Double(max(1, negatives)), unit: "fraction", higherIsBetter: false),
        Measurement(name: "watchlist", metric: "candidates_p99", value: Double(percentile(candidates.map(Double.init), 0.99)), unit: "entries", higherIsBetter: false),
        Measurement(name: "watchlist", metric: "mean_query_us", value: indexTime / Double(subset.count) * 1e6, unit: "µs", higherIsBetter: false,
                    referenceName: "brute-force", reference: bruteTime / Double(subset.count) * 1e6),
        Measurement(name: "watchlist", metric: "brute_force_speedup", value: bruteTime / max(indexTime, 1e-9), unit: "x", higherIsBetter: true),
        Measurement(name: "watchlist", metric: "brute_force_agreement", value: Double(agree) / Double(subset.count), unit: "fraction", higherIsBetter: true),
        Measurement(name: "watchlist", metric: "brute_force_recall_at_10", value: Double(bruteFound) / Double(max(1, subsetPositives)),
                    unit: "fraction", higherIsBetter: true),
    ]
}

extension Duration {
    /// The duration in microseconds.
    fileprivate var microseconds: Double { Double(components.seconds) * 1e6 + Double(components.attoseconds) * 1e-12 }
}
