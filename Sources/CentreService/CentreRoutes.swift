import AuditReport
import BatchAudit
import CentreStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import RecordExchange
import ServiceHTTP

/// What `docscreen centre` is told.
public struct CentreConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port (0 picks a free one).
    public var port: Int
    /// The store: `postgres://…` or an SQLite file.
    public var storeLocation: String
    /// The gates' bearer tokens.
    public var tokens: GateTokenTable
    /// Published watchlist releases, if the centre distributes them.
    public var releases: WatchlistReleaseDirectory?
    /// The largest `POST /api/v1/records` body, in bytes.
    public var maximumBodyBytes: Int
    /// The most rows in one batch.
    public var maximumRows: Int
    /// The DocScreen version.
    public var engineVersion: String

    /// A configuration with 16 MiB bodies and 2,000 rows per batch.
    public init(host: String = "127.0.0.1", port: Int, storeLocation: String, tokens: GateTokenTable,
                releases: WatchlistReleaseDirectory? = nil, engineVersion: String) {
        self.host = host
        self.port = port
        self.storeLocation = storeLocation
        self.tokens = tokens
        self.releases = releases
        self.maximumBodyBytes = 16 << 20
        self.maximumRows = 2000
        self.engineVersion = engineVersion
    }
}

/// The centre's HTTP routes: record ingest (per-gate bearer tokens), statistics, the trend report over all gates,
/// watchlist releases.
public enum CentreRoutes {
    /// A router over `store`.
    public static func router(configuration: CentreConfiguration, store: any CentreRecordStore) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ProblemMiddleware(methods: AllowedMethods([
            "/api/v1/health": [.get], "/api/v1/openapi.yaml": [.get], "/api/v1/records": [.post], "/api/v1/stats": [.get],
            "/report": [.get], "/api/v1/watchlist": [.get], "/api/v1/watchlist/:version": [.get],
        ])))

        router.get("/api/v1/health") { _, _ in
            try JSONResponse.encode(["status": "ok", "version": configuration.engineVersion])
        }
        router.get("/api/v1/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: PackageResources.centre_openapi_yaml)))
        }

        router.post("/api/v1/records") { request, context in
            let gate = try authenticate(request, tokens: configuration.tokens)
            let body = try await RequestBodyReader.collect(request, upTo: configuration.maximumBodyBytes)
            let batch = try JSONBody.decode(RecordBatch.self, from: body)
            do {
                try batch.validate(sentBy: gate, maximumRows: configuration.maximumRows)
            } catch let error as RecordBatchError {
                if case .foreignGate = error { throw APIProblem(status: 403, code: "forbidden", message: error.description, field: error.field) }
                throw APIProblem(status: 400, code: "bad_request", message: error.description, field: error.field)
            }
            let counts: IngestCounts
            do {
                counts = try await store.ingest(batch)
            } catch {
                context.logger.error("batch not stored", metadata: ["gate": "\(gate)", "error": "\(error)"])
                throw APIProblem.unavailable
            }
            context.logger.debug("batch stored", metadata: ["gate": "\(gate)", "rows": "\(batch.rowCount)", "duplicates": "\(counts.duplicates)"])
            return try JSONResponse.encode(RecordReceipt(received: batch.rowCount, scansStored: counts.scansStored,
                                                         decisionsStored: counts.decisionsStored, duplicates: counts.duplicates))
        }

        router.get("/api/v1/stats") { _, context in
            do {
                return try JSONResponse.encode(try await store.stats())
            } catch {
                context.logger.error("stats failed", metadata: ["error": "\(error)"])
                throw APIProblem.unavailable
            }
        }

        router.get("/report") { request, context in
            var options = ReportOptions()
            if let text = request.uri.queryParameters.get("period") {
                guard let period = ReportPeriod(rawValue: text) else { throw APIProblem.badRequest("day, week or month", field: "period") }
                options.period = period
            }
            let data: ReportData
            do {
                data = try await store.report(options: options)
            } catch {
                context.logger.error("report failed", metadata: ["error": "\(error)"])
                throw APIProblem.unavailable
            }
            let html = ReportRenderer.html(data, context: ReportContext(title: "DocScreen centre: all gates", source: "centre store",
                                                                        generatedAt: AuditTimestamp.text(Date())))
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        }

        router.get("/api/v1/watchlist") { request, _ in
            _ = try authenticate(request, tokens: configuration.tokens)
            guard let release = configuration.releases?.latest() else { throw APIProblem.notFound("watchlist release") }
            return try JSONResponse.encode(release)
        }

        router.get("/api/v1/watchlist/:version") { request, context in
            _ = try authenticate(request, tokens: configuration.tokens)
            guard let text = context.parameters.get("version"), !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  text.contains(where: { $0 != "0" }) else {
                throw APIProblem.badRequest("a positive integer", field: "version")
            }
            // A number beyond any published release (past Int) is simply not published.
            guard let version = Int(text) else { throw APIProblem.notFound("watchlist release \(text)", field: "version") }
            guard let releases = configuration.releases, releases.release(version: version) != nil,
                  let data = FileManager.default.contents(atPath: releases.indexPath(version: version)) else {
                throw APIProblem.notFound("watchlist release \(version)", field: "version")
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                            body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
        }
        return router
    }

    /// The gate whose bearer token the request carries; 401 otherwise.
    static func authenticate(_ request: Request, tokens: GateTokenTable) throws -> String {
        guard let header = request.headers[.authorization] else { throw APIProblem.unauthorized }
        let prefix = "Bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix.lowercased() else { throw APIProblem.unauthorized }
        guard let gate = tokens.gate(presenting: Array(header.utf8.dropFirst(prefix.utf8.count))) else { throw APIProblem.unauthorized }
        return gate
    }
}

/// `docscreen centre`: the centre's HTTP server, until SIGINT or SIGTERM.
public struct CentreServer: Sendable {
    let configuration: CentreConfiguration
    let store: any CentreRecordStore
    let logger: Logger

    /// A server over an open store.
    public init(configuration: CentreConfiguration, store: any CentreRecordStore, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
    }

    /// Serves until SIGINT or SIGTERM; `onListening` receives the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let port = configuration.port
        let app = Application(
            router: CentreRoutes.router(configuration: configuration, store: store),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "docscreen-centre"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService()
        await store.close()
    }
}
