// swift-tools-version: 6.1
import PackageDescription

// The benchmark harness: a plain release executable over the DocScreen libraries.
// `benchmarks/run` builds and runs it; see the README ("Benchmarks") for why it is not package-benchmark.
let package = Package(
    name: "DocScreenBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "DocScreen", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "DocScreenBenchmarks",
            dependencies: [
                .product(name: "MRZText", package: "DocScreen"),
                .product(name: "Imaging", package: "DocScreen"),
                .product(name: "Watchlist", package: "DocScreen"),
                .product(name: "MRZReader", package: "DocScreen"),
                .product(name: "Screening", package: "DocScreen"),
                .product(name: "DocumentSamples", package: "DocScreen"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
