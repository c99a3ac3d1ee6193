/// Where a running batch stands, handed to the caller's progress callback (the library never prints).
public struct BatchProgress: Sendable, Hashable {
    /// Files screened and written in this run.
    public var done: Int
    /// Files of this shard skipped because an earlier run finished them.
    public var alreadyDone: Int
    /// Files this run has to screen in all (its shard less what earlier runs finished), once the counting
    /// walk has finished; `nil` before, or when counting is off.
    public var total: Int?
    /// Time since the first file was handed to a worker.
    public var elapsed: Duration
    /// Files per second in this run (`done / elapsed`), 0 before the first one.
    public var rate: Double
    /// `(total − done) / rate`, when both are known.
    public var estimatedRemaining: Duration?
    /// Whether this is the last report (the input is exhausted and everything written).
    public var finished: Bool

    /// A report from its parts.
    public init(done: Int, alreadyDone: Int, total: Int?, elapsed: Duration, rate: Double, estimatedRemaining: Duration?, finished: Bool) {
        self.done = done
        self.alreadyDone = alreadyDone
        self.total = total
        self.elapsed = elapsed
        self.rate = rate
        self.estimatedRemaining = estimatedRemaining
        self.finished = finished
    }

    /// The report for `done` files after `elapsed`, estimating the time left from the rate so far.
    static func make(done: Int, alreadyDone: Int, total: Int?, elapsed: Duration, finished: Bool) -> BatchProgress {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var remaining: Duration?
        if let total, rate > 0 {
            remaining = .milliseconds(Int64((Double(max(0, total - done)) / rate * 1000).rounded()))
        }
        return BatchProgress(done: done, alreadyDone: alreadyDone, total: total, elapsed: elapsed, rate: rate,
                             estimatedRemaining: remaining, finished: finished)
    }
}
