import BatchAudit
import Crypto
import Foundation
import Hummingbird
import Logging
import RecordExchange
import ServiceLifecycle
import Watchlist

/// Why the gate could not start.
public enum GateStartError: Error, Sendable, CustomStringConvertible {
    /// The local watchlist index could not be loaded.
    case watchlist(path: String, reason: String)
    /// The centre's public key could not be read.
    case key(String)
    /// The audit store could not be opened.
    case store(String)

    public var description: String {
        switch self {
        case .watchlist(let path, let reason): "watchlist index \(path): \(reason)"
        case .key(let reason): reason
        case .store(let reason): reason
        }
    }
}

/// `docscreen serve`: the gate's HTTP server with its console, and the services beside it (outbox push, watchlist
/// updates, the watched folder), stopped together on SIGINT or SIGTERM.
public struct GateServer: Sendable {
    /// The gate's state.
    public let state: GateState
    let logger: Logger
    let centreKey: Curve25519.Signing.PublicKey?

    /// Opens the store and the watchlist: the newest of the local index (`--watchlist`) and a kept signed release.
    public init(configuration: GateConfiguration, logger: Logger) throws(GateStartError) {
        self.logger = logger
        var initial: GateWatchlist?
        if let path = configuration.watchlistPath {
            do {
                let index = try WatchlistIndex.load(path: path)
                initial = GateWatchlist(index: index, version: AuditVersions.watchlist(indexPath: path) ?? "unknown", release: 0)
            } catch {
                throw .watchlist(path: path, reason: "\(error)")
            }
        }
        var key: Curve25519.Signing.PublicKey?
        if let keyPath = configuration.centre?.publicKeyPath {
            do {
                key = try SigningKeyFile.readPublic(path: keyPath)
            } catch {
                throw .key("\(error)")
            }
        }
        centreKey = key
        if let key {
            let (kept, refusal) = KeptReleases(directory: configuration.releaseDirectory).load(key: key)
            if let kept { initial = kept }
            if let refusal { logger.error("kept watchlist release not used", metadata: ["reason": "\(refusal)"]) }
        }
        do {
            state = try GateState(configuration: configuration, initialWatchlist: initial)
        } catch {
            throw .store("\(error)")
        }
    }

    /// Serves until SIGINT or SIGTERM. `onListening` receives the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let configuration = state.configuration
        var services: [any Service] = []
        if let link = configuration.centre {
            let client = CentreClient(link: link)
            services.append(OutboxPusher(store: state.store, client: client, gate: configuration.gate, logger: logger))
            if let centreKey {
                services.append(WatchlistUpdater(state: state, client: client, key: centreKey, logger: logger))
            }
        }
        if let directory = configuration.watchDirectory {
            services.append(FolderWatcher(state: state, directory: directory, logger: logger))
        }
        let app = Application(
            router: GateRoutes.router(state: state),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "docscreen-gate"),
            services: services,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        try await app.runService()
    }
}
