// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets over DocScreen's decoders. Not part of the main build: `fuzz/run decode 600`
// builds them with -sanitize=fuzzer,address and runs them over the committed seed corpus.
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
    ]
)
