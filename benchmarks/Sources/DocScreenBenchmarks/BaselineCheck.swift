import Foundation

/// Compares measurements against the committed baseline (`benchmarks/baseline.json`).
///
/// Each baseline entry names a workload and metric, the figure to hold (`ratio` when the metric has a
/// reference measured in the same run, otherwise `value`), and a relative tolerance. A throughput may not
/// fall below `baseline × (1 − tolerance)`; a latency or ratio-to-reference where lower is better may not
/// rise above `baseline × (1 + tolerance)`.
enum BaselineCheck {
    struct Entry: Codable {
        var name: String
        var metric: String
        /// `ratio` or `value`.
        var compare: String
        var baseline: Double
        var tolerance: Double
        var higherIsBetter: Bool
    }

    struct File: Codable {
        var note: String?
        var entries: [Entry]
    }

    static func compare(_ results: [Measurement], baselineAt path: String) throws -> [String] {
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        var failures: [String] = []
        for entry in file.entries {
            guard let m = results.first(where: { $0.name == entry.name && $0.metric == entry.metric }) else { continue }
            let figure = entry.compare == "ratio" ? (m.ratio ?? m.value) : m.value
            if entry.higherIsBetter {
                let floor = entry.baseline * (1 - entry.tolerance)
                if figure < floor {
                    failures.append("\(entry.name) \(entry.metric) \(entry.compare) \(figure) < \(floor) (baseline \(entry.baseline), tolerance \(entry.tolerance))")
                }
            } else {
                let ceiling = entry.baseline * (1 + entry.tolerance)
                if figure > ceiling {
                    failures.append("\(entry.name) \(entry.metric) \(entry.compare) \(figure) > \(ceiling) (baseline \(entry.baseline), tolerance \(entry.tolerance))")
                }
            }
        }
        return failures
    }
}
