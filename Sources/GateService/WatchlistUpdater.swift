import Crypto
import Foundation
import Logging
import RecordExchange
import ServiceLifecycle
import Watchlist

/// Fetches the centre's newest watchlist release, verifies it (Ed25519 signature with the centre's key, size,
/// SHA-256, newer than the one held, a readable index), keeps it beside the store and swaps it in atomically.
/// A refused release is logged with its reason and the current index kept.
public struct WatchlistUpdater: Service {
    let state: GateState
    let client: CentreClient
    let key: Curve25519.Signing.PublicKey
    let keptReleases: KeptReleases
    let logger: Logger

    /// An updater for `state` from `client`'s centre, trusting `key`.
    public init(state: GateState, client: CentreClient, key: Curve25519.Signing.PublicKey, logger: Logger) {
        self.state = state
        self.client = client
        self.key = key
        keptReleases = KeptReleases(directory: state.configuration.releaseDirectory)
        self.logger = logger
    }

    /// Polls at the link's interval until cancelled.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var refused: WatchlistRelease?
            while !Task.isCancelled {
                refused = await self.update(skipping: refused)
                try? await Task.sleep(for: self.client.link.watchlistPollInterval)
            }
        }
    }

    /// One poll. Returns the release refused this time (not fetched again while the centre offers the same).
    @discardableResult
    public func update(skipping refused: WatchlistRelease? = nil) async -> WatchlistRelease? {
        let release: WatchlistRelease
        do {
            guard let latest = try await client.latestRelease() else { return nil }
            release = latest
        } catch {
            logger.warning("watchlist release not fetched", metadata: ["reason": "\(error)"])
            return refused
        }
        let current = state.currentWatchlist?.release ?? 0
        guard release.version > current else { return nil }
        if release == refused { return refused }
        let bytes: [UInt8]
        do {
            bytes = try await client.releaseIndex(version: release.version, limit: max(release.size, 0) + 1)
        } catch {
            logger.warning("watchlist release not downloaded", metadata: ["version": "\(release.version)", "reason": "\(error)"])
            return refused
        }
        do {
            let index = try WatchlistReleaseSigning.verify(release, index: bytes, key: key, current: current)
            try keptReleases.keep(release, index: bytes)
            state.swapWatchlist(GateWatchlist(index: index, version: "release \(release.version)", release: release.version))
            logger.notice("watchlist release accepted", metadata: ["version": "\(release.version)", "persons": "\(index.personCount)"])
            return nil
        } catch let refusal as WatchlistReleaseRefusal {
            logger.error("watchlist release refused; current index kept", metadata: ["reason": "\(refusal)", "current": "\(current)"])
            return release
        } catch {
            logger.error("watchlist release not kept; current index kept", metadata: ["reason": "\(error)"])
            return release
        }
    }
}

/// Accepted releases kept beside the gate's store (`release-N.idx`, then `current.json` naming it), so that a
/// restarted gate screens against the newest release it accepted. Each file is written by rename, the index first.
public struct KeptReleases: Sendable {
    /// The folder.
    public let directory: String

    /// The folder at `directory` (created when a release is kept).
    public init(directory: String) {
        self.directory = directory
    }

    var releasePath: String { (directory as NSString).appendingPathComponent("current.json") }

    func keep(_ release: WatchlistRelease, index: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let versionedIndex = (directory as NSString).appendingPathComponent("release-\(release.version).idx")
        try Data(index).write(to: URL(fileURLWithPath: versionedIndex), options: .atomic)
        try encoder.encode(release).write(to: URL(fileURLWithPath: releasePath), options: .atomic)
        // Older kept indexes are no longer needed.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where
            name.hasPrefix("release-") && name.hasSuffix(".idx") && name != "release-\(release.version).idx" {
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// The kept release, verified again with `key` (as if newer than nothing); `nil` when none is kept or it does not
    /// verify (the reason in `refusal`).
    public func load(key: Curve25519.Signing.PublicKey) -> (GateWatchlist?, String?) {
        guard let data = FileManager.default.contents(atPath: releasePath) else { return (nil, nil) }
        guard let release = try? JSONDecoder().decode(WatchlistRelease.self, from: data) else {
            return (nil, "kept release \(releasePath) is unreadable")
        }
        let indexFile = (directory as NSString).appendingPathComponent("release-\(release.version).idx")
        guard let bytes = FileManager.default.contents(atPath: indexFile) else { return (nil, "kept index \(indexFile) is missing") }
        do {
            let index = try WatchlistReleaseSigning.verify(release, index: [UInt8](bytes), key: key, current: 0)
            return (GateWatchlist(index: index, version: "release \(release.version)", release: release.version), nil)
        } catch {
            return (nil, "kept release refused: \(error)")
        }
    }
}
