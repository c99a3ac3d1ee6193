import BatchAudit
import Foundation
import Imaging
import MRZText
import Screening
import Synchronization
import Watchlist

/// The watchlist a gate screens against, and its version as rows record it.
public struct GateWatchlist: Sendable {
    /// The index.
    public var index: WatchlistIndex
    /// `sha256:…` of a local index, or `release N`.
    public var version: String
    /// The release number (0 for a local index).
    public var release: Int
}

/// A gate's shared state: the audit store, the current watchlist (swapped atomically when a release is
/// accepted), the recent pages kept for annotation. Scans are screened here and recorded with their outbox entry.
public final class GateState: Sendable {
    /// The configuration.
    public let configuration: GateConfiguration
    /// The gate's audit store.
    public let store: AuditStore
    let watchlist: Mutex<GateWatchlist?>
    let recent: Mutex<RecentPages>

    /// Opens the store and loads the newest watchlist: a kept release newer than the local index, or the local index.
    public init(configuration: GateConfiguration, initialWatchlist: GateWatchlist?) throws(BatchError) {
        self.configuration = configuration
        store = try AuditStore(path: configuration.storePath)
        watchlist = Mutex(initialWatchlist)
        recent = Mutex(RecentPages(capacity: configuration.annotationCacheSize))
    }

    /// The watchlist in use.
    public var currentWatchlist: GateWatchlist? { watchlist.withLock { $0 } }

    /// Replaces the watchlist (scans already running finish with the old one).
    public func swapWatchlist(_ new: GateWatchlist) {
        watchlist.withLock { $0 = new }
    }

    /// Screens `bytes` as the file `name`, stores the row with its outbox entry, keeps the page for annotation.
    /// Returns the result and the row.
    public func screen(bytes: [UInt8], name: String) throws(BatchError) -> (ScanResult, AuditRecord) {
        let current = currentWatchlist
        var options = ScanOptions(referenceDate: configuration.referenceDate ?? Self.utcToday(), watchlist: current?.index,
                                  policy: configuration.policy)
        options.readsVIZ = configuration.readsVIZ
        options.keepsImage = true
        let result = ScreeningPipeline.scan(bytes: bytes, label: name, options: options)
        let versions = AuditVersions(engine: configuration.engineVersion, watchlist: current?.version ?? "none",
                                     policy: configuration.policyVersion)
        guard let record = AuditStore.gateRecord(of: result, gate: configuration.gate, sha256: SHA256Digest.hex(bytes),
                                                 versions: versions, scannedAt: Date()) else {
            throw .store(path: configuration.storePath, message: "the scan result could not be encoded")
        }
        try store.recordGateScan(record)
        recent.withLock { $0.insert(record.recordID, result) }
        return (result, record)
    }

    /// ``screen(bytes:name:)`` on a Dispatch worker thread, so that a scan (tens to hundreds of milliseconds of
    /// CPU) never holds one of the few threads Swift concurrency runs every request on.
    public func screenOffPool(bytes: [UInt8], name: String) async throws(BatchError) -> (ScanResult, AuditRecord) {
        let outcome: Result<(ScanResult, AuditRecord), BatchError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do throws(BatchError) {
                    continuation.resume(returning: .success(try self.screen(bytes: bytes, name: name)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try outcome.get()
    }

    /// The annotated page of a recent scan as PNG, or `nil` when it is no longer kept or has no image.
    public func annotatedPNG(recordID: String) -> [UInt8]? {
        guard let result = recent.withLock({ $0.result(recordID) }), let image = ScanAnnotation.render(result) else { return nil }
        return try? PNGEncoder.encode(image, compression: 3)
    }

    /// Today's date in UTC.
    static func utcToday() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }
}

/// The last few scan results with their pages, oldest evicted first. O(capacity) per operation.
struct RecentPages: Sendable {
    let capacity: Int
    var entries: [(id: String, result: ScanResult)] = []

    init(capacity: Int) { self.capacity = max(0, capacity) }

    mutating func insert(_ id: String, _ result: ScanResult) {
        guard capacity > 0 else { return }
        if entries.count >= capacity { entries.removeFirst(entries.count - capacity + 1) }
        entries.append((id, result))
    }

    func result(_ id: String) -> ScanResult? { entries.last(where: { $0.id == id })?.result }
}
