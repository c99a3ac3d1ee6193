/// Why an image could not be read, decoded or encoded. Every case carries its evidence.
///
/// Nothing in `Imaging` prints or exits: every failure of libjpeg or libpng ends up here.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input holds no bytes at all.
    case empty
    /// The first bytes match no supported format; `magic` holds up to the first 8 of them.
    case unsupportedFormat(magic: [UInt8])
    /// The data ended before the image did: `bytesRead` of the input were consumed and
    /// `rowsDecoded` of `rowsExpected` output rows were finished before the end was noticed.
    case truncated(bytesRead: Int, rowsDecoded: Int, rowsExpected: Int)
    /// The header declares `width` × `height` pixels, more than the `limit` (pixels) allowed.
    case tooLarge(width: Int, height: Int, limit: Int)
    /// The file holds `bytes` bytes, more than the `limit` (bytes) allowed.
    case fileTooLarge(bytes: Int, limit: Int)
    /// The codec `library` (`"libjpeg"`, `"libpng"`) rejected the data with `message`.
    case corrupt(library: String, message: String)
    /// A safety limit inside the codec (scan count, chunk size, dimensions) was exceeded.
    case limitExceeded(library: String, message: String)
    /// The codec could not get the memory it needed.
    case outOfMemory(library: String, message: String)
    /// The file at `path` could not be opened or read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The requested region does not overlap the `width` × `height` image.
    case invalidRegion(PixelRegion, width: Int, height: Int)
    /// An argument that can never work, e.g. a quality outside 1...100 or a pixel buffer of the wrong size.
    case invalidArgument(String)
    /// The encoder of `library` failed with `message`.
    case encodingFailed(library: String, message: String)

    /// A short stable identifier of the case, for machine-readable output (e.g. `"truncated"`).
    public var reason: String {
        switch self {
        case .empty: "empty"
        case .unsupportedFormat: "unsupported_format"
        case .truncated: "truncated"
        case .tooLarge: "too_large"
        case .fileTooLarge: "file_too_large"
        case .corrupt: "corrupt"
        case .limitExceeded: "limit_exceeded"
        case .outOfMemory: "out_of_memory"
        case .unreadable: "unreadable"
        case .invalidRegion: "invalid_region"
        case .invalidArgument: "invalid_argument"
        case .encodingFailed: "encoding_failed"
        }
    }

    /// A one-line English explanation with the evidence.
    public var description: String {
        switch self {
        case .empty:
            return "the input is empty"
        case .unsupportedFormat(let magic):
            let hex = magic.map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined(separator: " ")
            return "not a JPEG or PNG (first bytes: \(hex.isEmpty ? "none" : hex))"
        case .truncated(let bytesRead, let rowsDecoded, let rowsExpected):
            return "data ends early: \(bytesRead) bytes read, \(rowsDecoded) of \(rowsExpected) rows decoded"
        case .tooLarge(let width, let height, let limit):
            return "\(width)x\(height) pixels exceeds the limit of \(limit) pixels"
        case .fileTooLarge(let bytes, let limit):
            return "file of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .corrupt(let library, let message):
            return "\(library): \(message)"
        case .limitExceeded(let library, let message):
            return "\(library) limit exceeded: \(message)"
        case .outOfMemory(let library, let message):
            return "\(library) out of memory: \(message)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidRegion(let region, let width, let height):
            return "region \(region.x),\(region.y) \(region.width)x\(region.height) lies outside the \(width)x\(height) image"
        case .invalidArgument(let message):
            return "invalid argument: \(message)"
        case .encodingFailed(let library, let message):
            return "\(library) encoder: \(message)"
        }
    }
}
