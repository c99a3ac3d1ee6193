import BatchAudit
import Logging
import RecordExchange
import ServiceLifecycle

/// What one ``OutboxPusher/drain(until:)`` achieved.
public struct DrainSummary: Sendable, Hashable {
    /// Batches the centre acknowledged.
    public var batches = 0
    /// Rows the centre acknowledged.
    public var rows = 0
    /// Rows it already held (resent).
    public var duplicates = 0
    /// Failed attempts (each followed by a backoff).
    public var failures = 0
    /// The last failure, if the outbox is not empty at the end.
    public var lastError: String?
    /// Outbox entries left.
    public var remaining = 0
}

/// Pushes a gate's outbox to the centre: oldest rows first, a batch at a time; a batch leaves the outbox only
/// once the centre's receipt says every row of it is stored. A lost answer means the batch is sent again, and the
/// centre, storing by UUID, keeps one copy: at-least-once sending, exactly-once storing.
///
/// Failures back off exponentially from 250 ms to 30 s with jitter; a 413 halves the batch.
public struct OutboxPusher: Service {
    let store: AuditStore
    let client: CentreClient
    let gate: String
    let logger: Logger
    let idleInterval: Duration
    let maximumBatch: Int

    /// A pusher of `store`'s outbox to `client`'s centre, as `gate`.
    public init(store: AuditStore, client: CentreClient, gate: String, logger: Logger, idleInterval: Duration = .milliseconds(200),
                maximumBatch: Int = 200) {
        self.store = store
        self.client = client
        self.gate = gate
        self.logger = logger
        self.idleInterval = idleInterval
        self.maximumBatch = max(1, maximumBatch)
    }

    /// Pushes until the service is cancelled (`serve --centre`).
    public func run() async throws {
        await cancelWhenGracefulShutdown { await loop() }
    }

    func loop() async {
        var backoff = Backoff()
        var batchSize = maximumBatch
        while !Task.isCancelled {
            switch await pushOnce(batchSize: batchSize) {
            case .empty:
                try? await Task.sleep(for: idleInterval)
            case .sent:
                backoff.reset()
                batchSize = min(maximumBatch, batchSize * 2)
            case .failed(let error):
                if error.isTooLarge { batchSize = max(1, batchSize / 2) }
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// Pushes until the outbox is empty (true) or `deadline` passes (false): `docscreen sync`.
    public func drain(until deadline: ContinuousClock.Instant) async -> DrainSummary {
        var summary = DrainSummary()
        var backoff = Backoff()
        var batchSize = maximumBatch
        while ContinuousClock.now < deadline, !Task.isCancelled {
            let outcome = await pushOnce(batchSize: batchSize, summary: &summary)
            if case .empty = outcome { break }
            if case .failed(let error) = outcome {
                summary.failures += 1
                summary.lastError = error.description
                if error.isTooLarge { batchSize = max(1, batchSize / 2) }
                let pause = min(backoff.next(), deadline - ContinuousClock.now)
                if pause > .zero { try? await Task.sleep(for: pause) }
            } else {
                backoff.reset()
            }
        }
        summary.remaining = (try? store.outboxCount()) ?? -1
        if summary.remaining == 0 { summary.lastError = nil }
        return summary
    }

    enum Outcome {
        case empty, sent, failed(CentreLinkError)
    }

    func pushOnce(batchSize: Int) async -> Outcome {
        var summary = DrainSummary()
        return await pushOnce(batchSize: batchSize, summary: &summary)
    }

    func pushOnce(batchSize: Int, summary: inout DrainSummary) async -> Outcome {
        let page: OutboxBatch
        do {
            page = try store.outbox(limit: batchSize)
        } catch {
            logger.error("outbox unreadable", metadata: ["error": "\(error)"])
            return .failed(.unreachable(reason: "the gate's store is unreadable"))
        }
        guard !page.isEmpty else { return .empty }
        let batch = RecordBatch(gate: gate, scans: page.scans, decisions: page.decisions)
        do {
            let receipt = try await client.send(batch)
            try store.acknowledge(sequence: page.sequence)
            summary.batches += 1
            summary.rows += batch.rowCount
            summary.duplicates += receipt.duplicates
            logger.debug("outbox batch acknowledged", metadata: ["rows": "\(batch.rowCount)", "duplicates": "\(receipt.duplicates)"])
            return .sent
        } catch let error as CentreLinkError {
            logger.warning("outbox push failed", metadata: ["reason": "\(error)", "rows": "\(batch.rowCount)"])
            return .failed(error)
        } catch {
            logger.error("outbox acknowledgement not stored", metadata: ["error": "\(error)"])
            return .failed(.unreachable(reason: "the acknowledgement could not be stored"))
        }
    }
}

/// Exponential backoff with full jitter: 250 ms doubling to 30 s.
struct Backoff {
    var attempt = 0

    mutating func next() -> Duration {
        let ceiling = min(30_000.0, 250.0 * Double(1 << min(attempt, 8)))
        attempt += 1
        return .milliseconds(Int64(Double.random(in: ceiling / 2...ceiling)))
    }

    mutating func reset() { attempt = 0 }
}
