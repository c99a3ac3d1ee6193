import ArgumentParser
import Foundation
import Imaging

/// `docscreen image FILE ... [--json] [--scale N]`: decodes each image and reports its format,
/// size, orientation and decode time. A file that fails is reported and the others go on; the
/// exit status is 0 unless the arguments are wrong.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Decode JPEG/PNG images and report format, size, orientation and decode time.",
        discussion: "The format comes from the file's first bytes, not its name. With --json prints one JSON object per file per line: the facts, or an error object.")

    @Argument(help: "Image files (JPEG or PNG).")
    var files: [String]

    @Flag(help: "One JSON object per file per line (JSON Lines).")
    var json = false

    @Option(help: "Decode at 1/N of full size: 1, 2, 4 or 8.")
    var scale: Int = 1

    @Option(help: "Largest image accepted, in megapixels.")
    var maxMegapixels: Int = 100

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one image file") }
        guard DecodeScale(rawValue: scale) != nil else { throw ValidationError("--scale must be 1, 2, 4 or 8") }
        guard maxMegapixels > 0 else { throw ValidationError("--max-megapixels must be positive") }
    }

    func run() async throws {
        let options = DecodeOptions(maximumPixels: maxMegapixels * 1_000_000, scale: DecodeScale(rawValue: scale) ?? .full)
        let output = OutputSink()
        let clock = ContinuousClock()
        for file in files {
            var result: Result<DecodedImage, ImageError> = .failure(.empty)
            let elapsed = clock.measure {
                result = Result { () throws(ImageError) in try ImageDecoder.decode(path: file, options: options) }
            }
            let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
            switch result {
            case .success(let decoded):
                let facts = ImageFacts(file: file, decoded: decoded, milliseconds: milliseconds)
                output.write(json ? try JSONLine.encode(facts) : facts.text)
            case .failure(let error):
                let failure = ImageFailure(file: file, error: .init(code: "image.unreadable", reason: error.reason, message: error.description))
                output.write(json ? try JSONLine.encode(failure) : "\(file): error image.unreadable (\(error.reason)): \(error.description)")
            }
        }
        output.flush()
    }
}

/// What `docscreen image` reports about a decoded file.
struct ImageFacts: Encodable {
    var file: String
    var format: String
    /// Size of the decoded image as displayed (after orientation and scaling), in pixels.
    var width: Int
    var height: Int
    /// Size as stored in the file, in pixels.
    var storedWidth: Int
    var storedHeight: Int
    var orientation: Int
    var orientationApplied: Bool
    var colorModel: String
    var bitDepth: Int
    var progressive: Bool
    var scale: Int
    var decodeMs: Double
    var warningCount: Int
    var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case file, format, width, height, orientation, scale, progressive, warnings
        case storedWidth = "stored_width", storedHeight = "stored_height", orientationApplied = "orientation_applied"
        case colorModel = "color_model", bitDepth = "bit_depth", decodeMs = "decode_ms", warningCount = "warning_count"
    }

    init(file: String, decoded: DecodedImage, milliseconds: Double) {
        self.file = file
        format = decoded.format.rawValue
        width = decoded.image.width
        height = decoded.image.height
        storedWidth = decoded.info.width
        storedHeight = decoded.info.height
        orientation = decoded.info.orientation.rawValue
        orientationApplied = decoded.orientationApplied != .up
        colorModel = decoded.info.colorModel.rawValue
        bitDepth = decoded.info.bitDepth
        progressive = decoded.info.progressive
        scale = decoded.scale.denominator
        decodeMs = (milliseconds * 1000).rounded() / 1000
        warningCount = decoded.warningCount
        warnings = decoded.warnings
    }

    var text: String {
        var line = "\(file): \(format) \(width)x\(height)"
        if storedWidth != width || storedHeight != height { line += " (stored \(storedWidth)x\(storedHeight))" }
        line += ", orientation \(orientation)\(orientationApplied ? " applied" : "")"
        line += ", \(colorModel) \(bitDepth)-bit\(progressive ? (format == "png" ? " interlaced" : " progressive") : "")"
        if scale > 1 { line += ", 1/\(scale) scale" }
        line += ", decoded in " + String(format: "%.2f", decodeMs) + " ms"
        if warningCount > 0 { line += ", \(warningCount) warning(s): " + warnings.joined(separator: "; ") }
        return line
    }
}

/// What `docscreen image --json` reports about a file that could not be decoded.
struct ImageFailure: Encodable {
    struct Detail: Encodable {
        /// Always `image.unreadable`; `reason` tells which kind of failure.
        var code: String
        var reason: String
        var message: String
    }

    var file: String
    var error: Detail
}
