/// A rectangle of pixels: `x`, `y` of the top-left corner and `width` × `height`, in pixels.
public struct PixelRegion: Sendable, Equatable, Hashable, Codable {
    /// Left edge, pixels from the image's left.
    public var x: Int
    /// Top edge, pixels from the image's top.
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// A region from its top-left corner and size, in pixels.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The region's part inside a `width` × `height` image, or `nil` when they do not overlap.
    public func clamped(width imageWidth: Int, height imageHeight: Int) -> PixelRegion? {
        let left = max(0, x), top = max(0, y)
        let right = min(imageWidth, x + max(0, width)), bottom = min(imageHeight, y + max(0, height))
        guard right > left, bottom > top else { return nil }
        return PixelRegion(x: left, y: top, width: right - left, height: bottom - top)
    }
}

/// How much to shrink while decoding. JPEG shrinks in the DCT domain (much cheaper than a full
/// decode); PNG is decoded at full size and box-averaged. Output sides are `ceil(side / denominator)`.
public enum DecodeScale: Int, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Full resolution.
    case full = 1
    /// 1/2 of each side.
    case half = 2
    /// 1/4 of each side.
    case quarter = 4
    /// 1/8 of each side.
    case eighth = 8

    /// The divisor of each side: 1, 2, 4 or 8.
    public var denominator: Int { rawValue }
}

/// How a colour image becomes the 8-bit grey image decoders return.
public enum GrayConversion: Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Luma (BT.601 weights): what the eye sees as lightness.
    case luma
    /// The brightest of each pixel's red, green and blue: black print stays dark, while coloured print over it
    /// (a red stamp, a mark drawn on a specimen) pales to the paper. Grey images are unaffected.
    case brightestChannel
}

/// What to decode and the limits that protect the process.
public struct DecodeOptions: Sendable, Equatable {
    /// Largest `width × height` (pixels, full resolution) accepted; checked from the header before any pixel memory is allocated.
    public var maximumPixels: Int
    /// Largest input accepted, in bytes; a file is checked by its size before it is read.
    public var maximumFileBytes: Int
    /// Shrink factor applied while decoding.
    public var scale: DecodeScale
    /// Part of the image to decode, in full-resolution pixels of the image as displayed (after
    /// orientation when `appliesOrientation`); `nil` decodes everything. Clamped to the image.
    /// Only the data up to the region's last row is read (JPEG rows above it are entropy-decoded
    /// but not rendered), so damage below the region goes unnoticed.
    public var region: PixelRegion?
    /// Rotate/mirror the result as the EXIF orientation says (phone captures need it).
    public var appliesOrientation: Bool
    /// Most scans a progressive JPEG may have: a defence against files built to take forever.
    public var maximumProgressiveScans: Int
    /// How colour becomes grey.
    public var grayConversion: GrayConversion

    /// Options with the defaults: 100 megapixels, 256 MiB files, full scale, whole image, orientation applied, 500 scans, luma.
    public init(
        maximumPixels: Int = 100_000_000,
        maximumFileBytes: Int = 256 << 20,
        scale: DecodeScale = .full,
        region: PixelRegion? = nil,
        appliesOrientation: Bool = true,
        maximumProgressiveScans: Int = 500,
        grayConversion: GrayConversion = .luma
    ) {
        self.maximumPixels = maximumPixels
        self.maximumFileBytes = maximumFileBytes
        self.scale = scale
        self.region = region
        self.appliesOrientation = appliesOrientation
        self.maximumProgressiveScans = maximumProgressiveScans
        self.grayConversion = grayConversion
    }
}
