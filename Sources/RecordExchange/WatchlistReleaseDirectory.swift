import Foundation
import Watchlist

/// The centre's folder of published watchlist releases: `watchlist-N.idx` with `watchlist-N.json` (its
/// ``WatchlistRelease``) for each version N.
public struct WatchlistReleaseDirectory: Sendable {
    /// The folder.
    public let path: String

    /// The folder at `path` (created on first publication).
    public init(path: String) {
        self.path = path
    }

    /// The index file of `version`.
    public func indexPath(version: Int) -> String { (path as NSString).appendingPathComponent("watchlist-\(version).idx") }
    /// The release file of `version`.
    public func releasePath(version: Int) -> String { (path as NSString).appendingPathComponent("watchlist-\(version).json") }

    /// The published versions, ascending (those with both files). O(files).
    public func versions() -> [Int] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        return names.compactMap { name -> Int? in
            guard name.hasPrefix("watchlist-"), name.hasSuffix(".json") else { return nil }
            guard let v = Int(name.dropFirst("watchlist-".count).dropLast(".json".count)), v > 0 else { return nil }
            return FileManager.default.fileExists(atPath: indexPath(version: v)) ? v : nil
        }.sorted()
    }

    /// The newest release, or `nil` when none is published or its file is unreadable.
    public func latest() -> WatchlistRelease? {
        guard let v = versions().last else { return nil }
        return release(version: v)
    }

    /// The release of `version`, or `nil`.
    public func release(version: Int) -> WatchlistRelease? {
        guard let data = FileManager.default.contents(atPath: releasePath(version: version)) else { return nil }
        return try? JSONDecoder().decode(WatchlistRelease.self, from: data)
    }

    /// Publishes the index file at `indexPath` as the next version (one above the newest), signed with the key
    /// file at `keyPath`. The index is written first and the release last, each to a temporary name then renamed,
    /// so a reader never sees a release without its index.
    public func publish(indexPath source: String, keyPath: String, now: Date = Date()) throws -> WatchlistRelease {
        let key = try SigningKeyFile.readPrivate(path: keyPath)
        guard let data = FileManager.default.contents(atPath: source) else {
            throw SigningKeyError.io(path: source, reason: "cannot read the index")
        }
        let bytes = [UInt8](data)
        _ = try WatchlistIndex(bytes: bytes)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let version = (versions().last ?? 0) + 1
        let release = try WatchlistReleaseSigning.release(index: bytes, version: version, key: key, publishedAt: now)
        try data.write(to: URL(fileURLWithPath: indexPath(version: version)), options: .atomic)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(release).write(to: URL(fileURLWithPath: releasePath(version: version)), options: .atomic)
        return release
    }
}

