import Foundation
import MRZText
import Screening

/// The console's languages.
public enum ConsoleLanguage: String, Sendable, Hashable, CaseIterable, Codable {
    /// English.
    case en
    /// Vietnamese.
    case vi
}

/// Where a gate sends its records and fetches watchlist releases.
public struct CentreLink: Sendable, Hashable {
    /// The centre's base URL (`http://centre.example:8090`).
    public var url: String
    /// The gate's bearer token.
    public var token: String
    /// The centre's Ed25519 public key file (``RecordExchange/SigningKeyFile``); without it no watchlist release is
    /// taken.
    public var publicKeyPath: String?
    /// How often the gate asks for a newer watchlist release.
    public var watchlistPollInterval: Duration

    /// A link from its parts.
    public init(url: String, token: String, publicKeyPath: String? = nil, watchlistPollInterval: Duration = .seconds(60)) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.token = token
        self.publicKeyPath = publicKeyPath
        self.watchlistPollInterval = watchlistPollInterval
    }
}

/// Everything `docscreen serve` is told.
public struct GateConfiguration: Sendable {
    /// The gate's id (``RecordExchange/GateName``), written on every row.
    public var gate: String
    /// The gate's audit store (SQLite), created or reopened.
    public var storePath: String
    /// The address to listen on; `127.0.0.1` unless the operator binds another.
    public var host: String
    /// The port (0 picks a free one; the bound port is reported through ``GateServer/run(onListening:)``).
    public var port: Int
    /// A local watchlist index screened against until a newer signed release arrives.
    public var watchlistPath: String?
    /// The reference date of every scan; `nil` takes the UTC date at each scan.
    public var referenceDate: CalendarDate?
    /// The console's default language.
    public var language: ConsoleLanguage
    /// The verdict policy and its text (for the version every row records).
    public var policy: VerdictPolicy
    /// The policy's version name (``BatchAudit/AuditVersions/policy(text:)``).
    public var policyVersion: String
    /// Whether scans read the printed page.
    public var readsVIZ: Bool
    /// The largest request body taken, in bytes (larger ones are answered 413).
    public var maximumUploadBytes: Int
    /// A scanner's output folder whose new images are screened as they appear.
    public var watchDirectory: String?
    /// How often the watched folder is listed.
    public var watchInterval: Duration
    /// The centre, when records are pushed and watchlist releases fetched.
    public var centre: CentreLink?
    /// Where accepted watchlist releases are kept (so a restart keeps the newest).
    public var releaseDirectory: String
    /// The DocScreen version.
    public var engineVersion: String
    /// How many recent scans keep their page for `annotated.png`.
    public var annotationCacheSize: Int

    /// A configuration with the defaults: loopback, English, the embedded policy, VIZ on, 32 MiB uploads, releases
    /// kept beside the store (`STORE.releases/`), 16 annotated pages (a page of a 600-dpi capture is tens of MB).
    public init(gate: String, storePath: String, port: Int, engineVersion: String, host: String = "127.0.0.1",
                policy: VerdictPolicy = .default, policyVersion: String) {
        self.gate = gate
        self.storePath = storePath
        self.host = host
        self.port = port
        self.watchlistPath = nil
        self.referenceDate = nil
        self.language = .en
        self.policy = policy
        self.policyVersion = policyVersion
        self.readsVIZ = true
        self.maximumUploadBytes = 32 << 20
        self.watchDirectory = nil
        self.watchInterval = .seconds(1)
        self.centre = nil
        self.releaseDirectory = storePath + ".releases"
        self.engineVersion = engineVersion
        self.annotationCacheSize = 16
    }
}
