import ArgumentParser
import BatchAudit
import Foundation
import GateService
import Logging
import RecordExchange
import Screening

/// `docscreen serve`: the gate service with its officer console.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a gate: the officer console and scan API, records pushed to the centre.",
        discussion: """
            Listens on 127.0.0.1 unless --bind names another address. Every scan and decision is a row in the gate's
            audit store (--db) and in its outbox; with --centre the outbox is pushed continuously (with backoff) and
            signed watchlist releases are fetched (with --centre-key). Prints `listening on http://HOST:PORT` on
            standard output once the port is bound. Stops on SIGINT or SIGTERM.
            """)

    @Option(help: "The port (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The gate's audit store (SQLite), created if missing.")
    var db: String

    @Option(help: "This gate's id (A-Z a-z 0-9 . _ -), written on every record.")
    var gate: String

    @Option(help: "The address to listen on. Anything but loopback exposes the console: only on a trusted network.")
    var bind: String = "127.0.0.1"

    @Option(help: "A watchlist index (docscreen watchlist build) until a newer signed release arrives.")
    var watchlist: String?

    @Option(help: "Reference date (YYYY-MM-DD) for every scan; default the UTC date of each scan.")
    var today: ReferenceDate?

    @Option(help: "The console's default language: en or vi.")
    var lang: ConsoleLanguage = .en

    @Option(help: "A scanner's output folder: new images in it are screened and shown.")
    var watch: String?

    @Option(help: "The centre's base URL (http://HOST:PORT) to push records to.")
    var centre: String?

    @Option(help: "The file holding this gate's bearer token for the centre.")
    var tokenFile: String?

    @Option(help: "The centre's public key (docscreen keys): watchlist releases are taken only when signed by it.")
    var centreKey: String?

    @Option(help: "Seconds between checks for a newer watchlist release.")
    var watchlistPoll: Int = 60

    @Option(help: "A verdict policy file replacing the embedded default.")
    var policy: String?

    @Option(help: "The largest upload taken, in MiB (larger ones are answered 413).")
    var maxUploadMib: Int = 32

    @Flag(help: "Skip reading the printed page (VIZ).")
    var noViz = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard GateName.isValid(gate) else { throw ValidationError("--gate must be 1-64 characters of A-Z a-z 0-9 . _ -") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0-65535") }
        guard (centre == nil) == (tokenFile == nil) else { throw ValidationError("--centre and --token-file go together") }
        guard centreKey == nil || centre != nil else { throw ValidationError("--centre-key needs --centre") }
        guard maxUploadMib >= 1 else { throw ValidationError("--max-upload-mib must be at least 1") }
        guard watchlistPoll >= 1 else { throw ValidationError("--watchlist-poll must be at least 1 second") }
    }

    func run() async throws {
        let logger = ServiceLogging.logger("docscreen.gate", level: logLevel)
        let (policyValue, policyText) = try PolicyFile.load(policy)
        var configuration = GateConfiguration(gate: gate, storePath: db, port: port, engineVersion: DocScreen.configuration.version,
                                              host: bind, policy: policyValue, policyVersion: AuditVersions.policy(text: policyText))
        configuration.watchlistPath = watchlist
        configuration.referenceDate = today?.date
        configuration.language = lang
        configuration.watchDirectory = watch
        configuration.readsVIZ = !noViz
        configuration.maximumUploadBytes = maxUploadMib << 20
        if let centre, let tokenFile {
            let token: String
            do {
                token = try BearerToken.read(path: tokenFile)
            } catch {
                throw ValidationError("\(error)")
            }
            configuration.centre = CentreLink(url: centre, token: token, publicKeyPath: centreKey,
                                              watchlistPollInterval: .seconds(watchlistPoll))
        }
        let server: GateServer
        do {
            server = try GateServer(configuration: configuration, logger: logger)
        } catch {
            throw ValidationError("\(error)")
        }
        let host = bind
        try await server.run { port in
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }
    }
}

extension ConsoleLanguage: ExpressibleByArgument {}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Loggers of the services: swift-log to standard error, never with personal data (the libraries log codes,
/// counts and versions only).
enum ServiceLogging {
    static func logger(_ label: String, level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
