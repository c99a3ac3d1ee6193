#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the stored samples describe colour, as read from the file's header.
public enum ColorModel: String, Sendable, Equatable, Hashable, Codable {
    /// One luma channel.
    case gray
    /// Luma and alpha (PNG).
    case grayAlpha = "gray_alpha"
    /// Red, green, blue.
    case rgb
    /// Red, green, blue, alpha (PNG).
    case rgba
    /// Indexes into a palette (PNG).
    case palette
    /// JPEG's luma and two chroma channels.
    case ycbcr
    /// Cyan, magenta, yellow, black (JPEG, usually from print workflows).
    case cmyk
    /// JPEG's YCbCr-coded CMYK.
    case ycck
    /// Anything else.
    case unknown
}

/// Facts from an image's header, before any pixel is decoded.
public struct ImageInfo: Sendable, Equatable {
    /// The container format.
    public var format: ImageFormat
    /// Width as stored, in pixels (before orientation).
    public var width: Int
    /// Height as stored, in pixels (before orientation).
    public var height: Int
    /// The stored colour model.
    public var colorModel: ColorModel
    /// Bits per sample as stored (8 for JPEG; 1, 2, 4, 8 or 16 for PNG).
    public var bitDepth: Int
    /// A progressive JPEG or an interlaced (Adam7) PNG.
    public var progressive: Bool
    /// The EXIF orientation found in the file (`.up` when there is none).
    public var orientation: ExifOrientation

    /// Header facts from their values.
    public init(format: ImageFormat, width: Int, height: Int, colorModel: ColorModel, bitDepth: Int, progressive: Bool, orientation: ExifOrientation) {
        self.format = format
        self.width = width
        self.height = height
        self.colorModel = colorModel
        self.bitDepth = bitDepth
        self.progressive = progressive
        self.orientation = orientation
    }
}

/// A decoded image and what is known about how it was made.
public struct DecodedImage: Sendable {
    /// The luma pixels, scaled, cropped and oriented as requested.
    public var image: GrayImage
    /// Header facts (stored size, colour model, progressive/interlaced, orientation found).
    public var info: ImageInfo
    /// The orientation that was applied to `image` (`.up` when none was, or orientation was not requested).
    public var orientationApplied: ExifOrientation
    /// Full-resolution width of the image as `image` shows it (after any orientation applied), in pixels.
    public var fullWidth: Int
    /// Full-resolution height of the image as `image` shows it, in pixels.
    public var fullHeight: Int
    /// The full-resolution area `image` covers, in the same coordinates as `fullWidth` × `fullHeight`.
    public var region: PixelRegion
    /// The scale decoded at: `image` is about `region` divided by `scale.denominator`.
    public var scale: DecodeScale
    /// How many warnings the codec raised (corrupt data it recovered from).
    public var warningCount: Int
    /// The first and (when different) last warning's text.
    public var warnings: [String]
    /// The container format.
    public var format: ImageFormat { info.format }
}

/// Decodes JPEG and PNG files to 8-bit luma through libjpeg-turbo and libpng, safely: any input
/// gives either an image or an `ImageError`; nothing crashes, exits or prints, and the pixel and
/// file-size limits hold before memory is committed.
///
/// Stateless and thread-safe: every call uses its own codec objects.
public enum ImageDecoder {
    /// Reads the file at `path` (checked against `options.maximumFileBytes` first) and decodes it.
    /// O(file size + decoded pixels).
    public static func decode(path: String, options: DecodeOptions = DecodeOptions()) throws(ImageError) -> DecodedImage {
        let bytes = try readFile(path: path, limit: options.maximumFileBytes)
        return try decode(bytes: bytes, options: options)
    }

    /// Decodes an image held in memory; the format is sniffed from the first bytes. O(bytes + decoded pixels).
    public static func decode(bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(ImageError) -> DecodedImage {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= options.maximumFileBytes else { throw .fileTooLarge(bytes: bytes.count, limit: options.maximumFileBytes) }
        guard options.maximumPixels > 0 else { throw .invalidArgument("maximumPixels must be positive") }
        switch ImageFormat.sniff(bytes) {
        case .jpeg: return try JPEGDecoding.decode(bytes, options: options)
        case .png: return try PNGDecoding.decode(bytes, options: options)
        case nil: throw .unsupportedFormat(magic: Array(bytes.prefix(8)))
        }
    }

    /// Reads only the header of an image in memory: format, stored size, colour model, orientation.
    /// Allocates no pixel memory. O(header size).
    public static func info(bytes: [UInt8]) throws(ImageError) -> ImageInfo {
        guard !bytes.isEmpty else { throw .empty }
        switch ImageFormat.sniff(bytes) {
        case .jpeg: return try JPEGDecoding.info(bytes)
        case .png: return try PNGDecoding.info(bytes)
        case nil: throw .unsupportedFormat(magic: Array(bytes.prefix(8)))
        }
    }

    /// The whole file at `path` (a symbolic link is followed), refusing anything but a regular file and files
    /// over `limit` bytes before reading them. Never blocks on a FIFO or a device. O(file size).
    public static func readFile(path: String, limit: Int) throws(ImageError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .unreadable(path: path, reason: systemMessage(errno)) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(path: path, reason: systemMessage(errno)) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let size = Int(status.st_size)
        guard size <= limit else { throw .fileTooLarge(bytes: size, limit: limit) }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                done += n
            }
            count = done
        }
        if failure != 0 { throw .unreadable(path: path, reason: systemMessage(failure)) }
        guard bytes.count == size else { throw .unreadable(path: path, reason: "file changed while being read") }
        return bytes
    }

    static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// The request mapped to stored coordinates: the stored full-resolution region to decode,
    /// the orientation to apply, and the displayed full size.
    struct Plan {
        var stored: PixelRegion
        var orientation: ExifOrientation
        var displayWidth: Int
        var displayHeight: Int
    }

    static func plan(width: Int, height: Int, found: ExifOrientation, options: DecodeOptions) throws(ImageError) -> Plan {
        let orientation = options.appliesOrientation ? found : .up
        let display = orientation.displaySize(width: width, height: height)
        var stored = PixelRegion(x: 0, y: 0, width: width, height: height)
        if let requested = options.region {
            guard let inside = requested.clamped(width: display.width, height: display.height) else {
                throw .invalidRegion(requested, width: display.width, height: display.height)
            }
            stored = orientation.storedRegion(inside, width: width, height: height)
        }
        return Plan(stored: stored, orientation: orientation, displayWidth: display.width, displayHeight: display.height)
    }

    /// The scaled-pixel range covering stored full-resolution pixels `start ..< start + count`.
    static func scaledRange(start: Int, count: Int, denominator: Int, full: Int) -> (start: Int, count: Int) {
        let scaledFull = (full + denominator - 1) / denominator
        let first = start / denominator
        let end = min(scaledFull, (start + count + denominator - 1) / denominator)
        return (first, end - first)
    }

    /// Assembles the result once the stored region `covered` (full resolution) has been decoded to `stored`.
    static func finish(
        stored: GrayImage, covered: PixelRegion, info: ImageInfo, plan: Plan, scale: DecodeScale,
        warningCount: Int, warnings: [String]
    ) -> DecodedImage {
        let region = plan.orientation.displayedRegion(covered, width: info.width, height: info.height)
        return DecodedImage(
            image: plan.orientation == .up ? stored : stored.applying(plan.orientation),
            info: info,
            orientationApplied: plan.orientation,
            fullWidth: plan.displayWidth,
            fullHeight: plan.displayHeight,
            region: region,
            scale: scale,
            warningCount: warningCount,
            warnings: warnings
        )
    }

    static func warningList(count: Int, first: UnsafePointer<CChar>?, last: UnsafePointer<CChar>?) -> [String] {
        guard count > 0 else { return [] }
        let a = first.map { String(cString: $0) } ?? "", b = last.map { String(cString: $0) } ?? ""
        var list: [String] = []
        if !a.isEmpty { list.append(a) }
        if !b.isEmpty && b != a { list.append(b) }
        return list
    }
}
