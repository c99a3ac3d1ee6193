import ArgumentParser
import BatchAudit
import CentreService
import CentreStore
import Foundation
import GateService
import Logging
import RecordExchange

/// `docscreen centre`: the central unit's service.
struct CentreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centre",
        abstract: "Run the central unit: receive every gate's records exactly once, answer stats and the trend report.",
        discussion: """
            --db is a PostgreSQL URL (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or ?host=/run/postgresql for
            a Unix socket) for a national deployment, or an SQLite file (the embedded default). --tokens has one
            `GATE TOKEN` pair per line. With --releases DIR the newest signed watchlist release in DIR (docscreen
            watchlist publish) is offered to gates. Prints `listening on http://HOST:PORT` once bound.
            """)

    @Option(help: "The port (0 picks a free one).")
    var port: Int = 8090

    @Option(help: "postgres://… or an SQLite file.")
    var db: String

    @Option(help: "The gates' bearer tokens: one `GATE TOKEN` pair per line.")
    var tokens: String

    @Option(help: "The address to listen on.")
    var bind: String = "127.0.0.1"

    @Option(help: "A folder of signed watchlist releases (docscreen watchlist publish) offered to the gates.")
    var releases: String?

    @Option(help: "The largest batch body taken, in MiB.")
    var maxBodyMib: Int = 16

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let logger = ServiceLogging.logger("docscreen.centre", level: logLevel)
        let table: GateTokenTable
        do {
            table = try GateTokenTable(path: tokens)
        } catch {
            throw ValidationError("\(error)")
        }
        guard !table.gates.isEmpty else { throw ValidationError("token file \(tokens) names no gate") }
        let store: any CentreRecordStore
        do {
            store = try await CentreStoreLocation.open(db)
        } catch {
            throw ValidationError("\(error)")
        }
        var configuration = CentreConfiguration(host: bind, port: port, storeLocation: db, tokens: table,
                                                releases: releases.map(WatchlistReleaseDirectory.init(path:)),
                                                engineVersion: DocScreen.configuration.version)
        configuration.maximumBodyBytes = max(1, maxBodyMib) << 20
        let host = bind
        try await CentreServer(configuration: configuration, store: store, logger: logger).run { port in
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }
    }
}

/// `docscreen sync`: pushes a gate's outbox once.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Push a gate's outbox to the centre once; exit 0 when everything is acknowledged.",
        discussion: "Retries with backoff until --timeout; exits 1 with the last reason when rows remain.")

    @Option(help: "The gate's audit store.")
    var db: String

    @Option(help: "The centre's base URL.")
    var to: String

    @Option(help: "The file holding this gate's bearer token.")
    var tokenFile: String

    @Option(help: "This gate's id; default the gate of the store's rows.")
    var gate: String?

    @Option(help: "Give up after this many seconds.")
    var timeout: Int = 120

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() async throws {
        let token: String
        let store: AuditStore
        do {
            token = try BearerToken.read(path: tokenFile)
            store = try AuditStore(path: db)
        } catch {
            throw ValidationError("\(error)")
        }
        let gateName: String
        if let gate {
            gateName = gate
        } else if let found = try store.outbox(limit: 1).scans.first?.gate ?? store.outbox(limit: 1).decisions.first?.gate {
            gateName = found
        } else {
            print(json ? #"{"batches":0,"remaining":0,"rows":0}"# : "outbox empty: nothing to send")
            return
        }
        let pusher = OutboxPusher(store: store, client: CentreClient(link: CentreLink(url: to, token: token)), gate: gateName,
                                  logger: ServiceLogging.logger("docscreen.sync", level: .warning))
        let summary = await pusher.drain(until: .now + .seconds(max(1, timeout)))
        if json {
            print(try JSONLine.encode(SyncSummary(summary)))
        } else {
            print("sent \(summary.rows) rows in \(summary.batches) batches (\(summary.duplicates) already at the centre), \(summary.remaining) left")
            if let error = summary.lastError { print("last failure: \(error)") }
        }
        if summary.remaining != 0 { throw ExitCode(1) }
    }

    struct SyncSummary: Encodable {
        var batches, rows, duplicates, failures, remaining: Int
        var lastError: String?
        init(_ s: DrainSummary) {
            batches = s.batches
            rows = s.rows
            duplicates = s.duplicates
            failures = s.failures
            remaining = s.remaining
            lastError = s.lastError
        }
    }
}

/// `docscreen keys`: the centre's signing key pair, and gate tokens.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate the centre's Ed25519 signing key pair (and gate tokens).",
        discussion: """
            Writes DIR/centre.key (private, mode 0600: keep it on the centre) and DIR/centre.pub (give it to every
            gate, --centre-key). With --gate NAME (repeatable) also writes DIR/tokens (GATE TOKEN lines, for
            `docscreen centre --tokens`) and DIR/NAME.token for each gate (`docscreen serve --token-file`).
            Never overwrites a file.
            """)

    @Option(help: "The folder to write to (created if missing).")
    var out: String

    @Option(help: "A gate to make a token for (repeatable).")
    var gate: [String] = []

    func run() async throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let (privatePath, publicPath) = try SigningKeyFile.generate(directory: out)
        print("private key: \(privatePath)\npublic key:  \(publicPath)")
        guard !gate.isEmpty else { return }
        for name in gate where !GateName.isValid(name) { throw ValidationError("gate name \(name): 1-64 characters of A-Z a-z 0-9 . _ -") }
        let tablePath = (out as NSString).appendingPathComponent("tokens")
        guard !FileManager.default.fileExists(atPath: tablePath) else { throw ValidationError("\(tablePath) exists; not overwritten") }
        var lines: [String] = []
        for name in gate {
            let token = BearerToken.generate()
            let path = (out as NSString).appendingPathComponent("\(name).token")
            guard FileManager.default.createFile(atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ValidationError("cannot write \(path)")
            }
            lines.append("\(name) \(token)")
            print("gate token:  \(path)")
        }
        guard FileManager.default.createFile(atPath: tablePath, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write \(tablePath)")
        }
        print("token table: \(tablePath)")
    }
}

/// `docscreen watchlist publish`: a signed release for the centre to offer.
struct WatchlistPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a watchlist index as the next signed release in the centre's releases folder.")

    @Argument(help: "The index file (docscreen watchlist build).")
    var index: String

    @Option(help: "The centre's private key (docscreen keys).")
    var key: String

    @Option(help: "The releases folder (docscreen centre --releases).")
    var releases: String

    func run() async throws {
        do {
            let release = try WatchlistReleaseDirectory(path: releases).publish(indexPath: index, keyPath: key)
            print("published release \(release.version): \(release.size) bytes, sha256 \(release.sha256)")
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
