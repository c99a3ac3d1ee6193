// swift-tools-version: 6.1
import PackageDescription

/// DocScreen: travel-document fraud screening (ICAO Doc 9303).
///
/// Dependencies point one way: CLI → pipeline → parts → imaging / C shims.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "DocScreen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "docscreen", targets: ["DocScreenCLI"]),
        .library(name: "MRZText", targets: ["MRZText"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "Watchlist", targets: ["Watchlist"]),
        .library(name: "MRZReader", targets: ["MRZReader"]),
        .library(name: "Screening", targets: ["Screening"]),
        .library(name: "LayoutChecks", targets: ["LayoutChecks"]),
        .library(name: "DocumentSamples", targets: ["DocumentSamples"]),
        .library(name: "VIZReader", targets: ["VIZReader"]),
        .library(name: "BatchAudit", targets: ["BatchAudit"]),
        .library(name: "AuditReport", targets: ["AuditReport"]),
        .library(name: "RecordExchange", targets: ["RecordExchange"]),
        .library(name: "CentreStore", targets: ["CentreStore"]),
        .library(name: "ServiceHTTP", targets: ["ServiceHTTP"]),
        .library(name: "GateService", targets: ["GateService"]),
        .library(name: "CentreService", targets: ["CentreService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The batch audit store (SQLite, through Debian's libsqlite3-dev) and SHA-256 of the scanned bytes.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // The gate console and the central unit: HTTP servers, the gate's client, PostgreSQL at the centre, logs.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Findings shared by every check: code, severity, evidence.
        .target(name: "Findings", swiftSettings: strict),
        // ICAO Doc 9303 MRZ text: formats, check digits, fields, OCR-aware correction.
        .target(name: "MRZText", dependencies: ["Findings"], swiftSettings: strict),

        // Thin C shims owning setjmp/longjmp over the system codecs.
        .target(name: "CDocScreenJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        .target(name: "CDocScreenPNG", linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]),
        // 8-bit grayscale images, decoders and encoders.
        .target(name: "Imaging", dependencies: ["CDocScreenJPEG", "CDocScreenPNG"], swiftSettings: strict),

        // Reads the MRZ from a document image: locate, segment, recognise OCR-B, validate.
        .target(name: "MRZReader", dependencies: ["Imaging", "MRZText", "Findings"], swiftSettings: strict),

        // Layout heuristics and forensic checks on a read MRZ: pitch, alignment, typeface, position, pasted patches, recompression.
        .target(name: "LayoutChecks", dependencies: ["Imaging", "MRZText", "MRZReader", "Findings"], swiftSettings: strict),

        // Tesseract (Debian's libtesseract-dev) behind a silent C shim: never prints, never exits.
        .target(name: "CDocScreenTesseract", linkerSettings: [.linkedLibrary("tesseract"), .linkedLibrary("dl")]),
        // Reads the printed data page (VIZ) above the MRZ and cross-checks it against the MRZ.
        .target(name: "VIZReader", dependencies: ["CDocScreenTesseract", "Imaging", "MRZText", "MRZReader", "Findings"], swiftSettings: strict),

        // The screening pipeline: decode, read, check, verdict (the default policy is embedded at build).
        .target(name: "Screening", dependencies: ["Imaging", "MRZText", "MRZReader", "Findings", "Watchlist", "LayoutChecks", "VIZReader"],
                resources: [.embedInCode("default.policy")], swiftSettings: strict),

        // FreeType 2 for glyph rendering (Debian's libfreetype-dev), seen through pkg-config.
        .systemLibrary(name: "CDocScreenFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        // Synthetic travel-document data pages with ground truth: render, capture, tamper.
        .target(name: "DocumentSamples", dependencies: ["Imaging", "MRZText", "CDocScreenFreeType"], swiftSettings: strict),

        // Watchlist screening: persons of interest, lost and stolen documents.
        .target(name: "Watchlist", dependencies: ["MRZText", "Findings"], swiftSettings: strict),

        // Batch re-screening of archives: input walk, shards, the resumable runner, the audit store, cross-document analysis, merge.
        .target(
            name: "BatchAudit",
            dependencies: [
                "Screening", "Findings", "Imaging", "MRZText", "MRZReader", "Watchlist",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),

        // Reports over the audit store: aggregates by SQL, a self-contained HTML page with inline SVG charts, CSV tables.
        .target(
            name: "AuditReport",
            dependencies: ["BatchAudit", "Findings", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),

        // What gates and the centre exchange: record batches and receipts, gate tokens, signed watchlist releases.
        .target(
            name: "RecordExchange",
            dependencies: [
                "BatchAudit", "Watchlist",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),

        // The centre's record store: every gate's records exactly once, in SQLite (embedded) or PostgreSQL.
        .target(
            name: "CentreStore",
            dependencies: [
                "RecordExchange", "BatchAudit", "AuditReport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // HTTP plumbing both services share: the JSON error body for every failure, JSON responses.
        .target(
            name: "ServiceHTTP",
            dependencies: [
                "RecordExchange",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        // The gate service: scan API, officer console, outbox push to the centre, signed watchlist updates.
        .target(
            name: "GateService",
            dependencies: [
                "Screening", "BatchAudit", "RecordExchange", "ServiceHTTP", "Watchlist", "Imaging", "Findings", "MRZText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [
                .embedInCode("Console/index.html"), .embedInCode("Console/console.js"), .embedInCode("Console/console.css"),
                .embedInCode("gate-openapi.yaml"),
            ],
            swiftSettings: strict
        ),

        // The central unit's service: record ingest from gates, statistics, the trend report, watchlist releases.
        .target(
            name: "CentreService",
            dependencies: [
                "CentreStore", "RecordExchange", "ServiceHTTP", "AuditReport", "BatchAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            resources: [.embedInCode("centre-openapi.yaml")],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "DocScreenCLI",
            dependencies: [
                "MRZText", "Imaging", "Findings", "Watchlist", "MRZReader", "Screening", "DocumentSamples", "BatchAudit", "AuditReport",
                "RecordExchange", "CentreStore", "GateService", "CentreService",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "MRZTextTests", dependencies: ["MRZText"], swiftSettings: strict),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"], swiftSettings: strict),
        .testTarget(name: "MRZReaderTests", dependencies: ["MRZReader", "Imaging", "MRZText", "DocumentSamples"], swiftSettings: strict),
        .testTarget(name: "WatchlistTests", dependencies: ["Watchlist"], swiftSettings: strict),
        .testTarget(name: "DocumentSamplesTests", dependencies: ["DocumentSamples", "Imaging", "MRZText"], swiftSettings: strict),
        .testTarget(name: "LayoutChecksTests", dependencies: ["LayoutChecks", "Screening", "DocumentSamples", "Imaging", "MRZReader", "MRZText", "Findings"], swiftSettings: strict),
        .testTarget(name: "VIZReaderTests", dependencies: ["VIZReader", "Screening", "DocumentSamples", "Imaging", "MRZReader", "MRZText", "Findings"], swiftSettings: strict),
        .testTarget(name: "BatchAuditTests", dependencies: [
            "BatchAudit", "Screening", "Findings", "MRZText", "DocumentSamples",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        .testTarget(name: "AuditReportTests", dependencies: [
            "AuditReport", "BatchAudit", "Findings",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        .testTarget(name: "RecordExchangeTests", dependencies: [
            "RecordExchange", "BatchAudit", "Watchlist", .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .testTarget(name: "GateServiceTests", dependencies: [
            "GateService", "CentreService", "CentreStore", "RecordExchange", "BatchAudit", "MRZText", "Watchlist",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "CentreServiceTests", dependencies: [
            "CentreService", "CentreStore", "RecordExchange", "BatchAudit", "AuditReport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ], swiftSettings: strict),
        .testTarget(name: "HostileInputTests", dependencies: ["Imaging", "MRZText", "Watchlist", "Screening"], swiftSettings: strict),
    ]
)
