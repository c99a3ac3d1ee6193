import BatchAudit
import CentreService
import CentreStore
import Crypto
import Foundation
import GateService
import Hummingbird
import HummingbirdTesting
import Logging
import MRZText
import RecordExchange
import Testing
import Watchlist

/// A gate fetching signed watchlist releases from a live centre: a newer signed release is swapped in and kept for
/// a restart; unsigned, tampered, foreign-key and older releases are refused and the current index kept.
@Suite struct WatchlistUpdaterTests {
    static let token = "token-of-the-test-gate-0123456789"

    struct Fixture {
        let dir: String
        let key: Curve25519.Signing.PrivateKey
        let keyPath: String
        let publicKeyPath: String
        let releases: WatchlistReleaseDirectory
        let indexPath: String
    }

    static func fixture() throws -> Fixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("updater-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let (privatePath, publicPath) = try SigningKeyFile.generate(directory: dir)
        var builder = WatchlistIndexBuilder()
        builder.add(persons: SyntheticWatchlist.persons(count: 40, seed: 11))
        let indexPath = dir + "/list.idx"
        try builder.write(to: indexPath)
        return Fixture(dir: dir, key: try SigningKeyFile.readPrivate(path: privatePath), keyPath: privatePath, publicKeyPath: publicPath,
                       releases: WatchlistReleaseDirectory(path: dir + "/releases"), indexPath: indexPath)
    }

    static func gate(_ f: Fixture, port: Int) throws -> (GateState, WatchlistUpdater) {
        var configuration = GateConfiguration(gate: "gate-a", storePath: f.dir + "/gate.sqlite", port: 0, engineVersion: "test",
                                              policyVersion: "default")
        configuration.referenceDate = CalendarDate(year: 2026, month: 11, day: 22)
        configuration.centre = CentreLink(url: "http://127.0.0.1:\(port)", token: token, publicKeyPath: f.publicKeyPath)
        let server = try GateServer(configuration: configuration, logger: Logger(label: "test"))
        let updater = WatchlistUpdater(state: server.state, client: CentreClient(link: configuration.centre!),
                                       key: try SigningKeyFile.readPublic(path: f.publicKeyPath), logger: Logger(label: "test"))
        return (server.state, updater)
    }

    static func centre(_ f: Fixture) throws -> Application<RouterResponder<BasicRequestContext>> {
        let store = try SQLiteCentreStore(path: f.dir + "/centre.sqlite")
        let configuration = CentreConfiguration(port: 0, storeLocation: f.dir + "/centre.sqlite",
                                                tokens: try GateTokenTable(text: "gate-a \(token)\n"), releases: f.releases, engineVersion: "test")
        return Application(router: CentreRoutes.router(configuration: configuration, store: store))
    }

    @Test func signedReleasesAreTakenAndEveryBadOneRefused() async throws {
        let f = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        try await Self.centre(f).test(.live) { client in
            let port = try #require(client.port)
            let (state, updater) = try Self.gate(f, port: port)
            #expect(state.currentWatchlist == nil)
            // Nothing published: nothing changes.
            #expect(await updater.update() == nil)
            #expect(state.currentWatchlist == nil)

            // Release 1, signed: taken.
            _ = try f.releases.publish(indexPath: f.indexPath, keyPath: f.keyPath)
            #expect(await updater.update() == nil)
            #expect(state.currentWatchlist?.release == 1)
            #expect(state.currentWatchlist?.version == "release 1")
            #expect(state.currentWatchlist?.index.personCount == 40)

            // Release 2 with its index bytes changed after signing: refused, release 1 kept.
            _ = try f.releases.publish(indexPath: f.indexPath, keyPath: f.keyPath)
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: f.releases.indexPath(version: 2))))
            bytes[bytes.count - 3] ^= 0x40
            try Data(bytes).write(to: URL(fileURLWithPath: f.releases.indexPath(version: 2)))
            let refused = await updater.update()
            #expect(refused?.version == 2)
            #expect(state.currentWatchlist?.release == 1)

            // Release 3 unsigned: refused.
            try Self.rewriteRelease(f, version: 3) { $0.signature = nil }
            #expect(await updater.update()?.version == 3)
            #expect(state.currentWatchlist?.release == 1)

            // Release 4 signed by another key: refused.
            try Self.rewriteRelease(f, version: 4) { release in
                release.signature = try Curve25519.Signing.PrivateKey().signature(for: release.signedMessage).base64EncodedString()
            }
            #expect(await updater.update()?.version == 4)
            #expect(state.currentWatchlist?.release == 1)

            // Release 5 properly signed: taken.
            _ = try f.releases.publish(indexPath: f.indexPath, keyPath: f.keyPath)
            #expect(await updater.update() == nil)
            #expect(state.currentWatchlist?.release == 5)

            // A restarted gate starts from the kept release 5.
            let (restarted, _) = try Self.gate(f, port: port)
            #expect(restarted.currentWatchlist?.release == 5)

            // The centre rolled back to an older release (newest files removed): the gate keeps 5.
            for v in [5] {
                try FileManager.default.removeItem(atPath: f.releases.releasePath(version: v))
            }
            #expect(await updater.update() == nil)
            #expect(state.currentWatchlist?.release == 5)
        }
    }

    /// Publishes `version` properly, then rewrites its release file through `change`.
    static func rewriteRelease(_ f: Fixture, version: Int, _ change: (inout WatchlistRelease) throws -> Void) throws {
        var release = try f.releases.publish(indexPath: f.indexPath, keyPath: f.keyPath)
        #expect(release.version == version)
        try change(&release)
        try JSONEncoder().encode(release).write(to: URL(fileURLWithPath: f.releases.releasePath(version: version)))
    }
}
