import Foundation

/// One figure a workload reports, with the reference measured in the same run where there is one.
struct Measurement: Encodable, Sendable {
    /// Workload name (`mrz-text`, `decode`, ...); the baseline is keyed by `name` and `metric`.
    var name: String
    /// What was measured, e.g. `docs_per_second` or `ms_full_decode`.
    var metric: String
    /// The figure, in `unit`.
    var value: Double
    var unit: String
    /// Whether a larger value is better (throughput) or worse (latency).
    var higherIsBetter: Bool
    /// The reference's name and figure, measured in the same run (same unit).
    var referenceName: String? = nil
    var reference: Double? = nil
    /// `value / reference`, the figure `--check` compares when present: it holds on a noisy machine.
    var ratio: Double? { reference.map { value / $0 } }

    enum CodingKeys: String, CodingKey { case name, metric, value, unit, higherIsBetter, referenceName, reference, ratio }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(metric, forKey: .metric)
        try c.encode(value, forKey: .value)
        try c.encode(unit, forKey: .unit)
        try c.encode(higherIsBetter, forKey: .higherIsBetter)
        try c.encodeIfPresent(referenceName, forKey: .referenceName)
        try c.encodeIfPresent(reference, forKey: .reference)
        try c.encodeIfPresent(ratio, forKey: .ratio)
    }
}

/// A workload: a name and a function that measures it.
struct Workload: Sendable {
    var name: String
    var run: @Sendable (_ quick: Bool) throws -> [Measurement]
}

/// Timing helpers shared by the workloads.
enum Stopwatch {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// The median of `rounds` timings of `body`, in seconds: robust against a noisy neighbour.
    static func median(rounds: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, rounds) { times.append(try seconds(body)) }
        times.sort()
        return times[times.count / 2]
    }

    /// The fastest of `rounds` timings of `body`, in seconds: the round least disturbed by other work.
    static func fastest(rounds: Int, _ body: () throws -> Void) rethrows -> Double {
        var fastest = Double.infinity
        for _ in 0..<max(1, rounds) { fastest = min(fastest, try seconds(body)) }
        return fastest
    }

    /// The fastest of `rounds` timings of each of two bodies, in seconds, run in turn (`a`, `b`, `a`, `b`, …).
    ///
    /// For a ratio of one to the other: a neighbour's burst lands on single rounds of either, not on all of
    /// one, and the fastest round is the one least disturbed.
    static func fastestInterleaved(rounds: Int, _ a: () throws -> Void, _ b: () throws -> Void) rethrows -> (a: Double, b: Double) {
        var fastestA = Double.infinity, fastestB = Double.infinity
        for _ in 0..<max(1, rounds) {
            fastestA = min(fastestA, try seconds(a))
            fastestB = min(fastestB, try seconds(b))
        }
        return (fastestA, fastestB)
    }

    /// The same for any number of bodies, taken in turn each round: the fastest round of each, in order.
    static func fastestInterleaved(rounds: Int, _ bodies: [() -> Void]) -> [Double] {
        var fastest = [Double](repeating: .infinity, count: bodies.count)
        for _ in 0..<max(1, rounds) {
            for (i, body) in bodies.enumerated() { fastest[i] = min(fastest[i], seconds(body)) }
        }
        return fastest
    }
}

/// Keeps a value alive so the optimiser cannot delete the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
