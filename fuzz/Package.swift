// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets over DocScreen's decoders and readers (decode, mrz, watchlist). Not part of the main
// build: `fuzz/run decode 600` builds one with -sanitize=fuzzer,address and runs it over the committed seeds.
let package = Package(
    name: "DocScreenFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "DocScreen", path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver for Swift.
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "FuzzDecode",
            dependencies: ["CFuzzDriver", .product(name: "Imaging", package: "DocScreen")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "FuzzMRZ",
            dependencies: ["CFuzzDriver", .product(name: "MRZText", package: "DocScreen")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "FuzzWatchlist",
            dependencies: ["CFuzzDriver", .product(name: "Watchlist", package: "DocScreen")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
