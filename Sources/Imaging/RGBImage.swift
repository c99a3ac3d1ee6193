/// One 8-bit-per-channel colour.
public struct RGBColor: Sendable, Equatable, Hashable {
    /// Red, 0...255.
    public var red: UInt8
    /// Green, 0...255.
    public var green: UInt8
    /// Blue, 0...255.
    public var blue: UInt8

    /// A colour from its three channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Pure red, for marking findings.
    public static let red = RGBColor(red: 255, green: 0, blue: 0)
    /// Pure green.
    public static let green = RGBColor(red: 0, green: 255, blue: 0)
    /// Pure blue.
    public static let blue = RGBColor(red: 0, green: 0, blue: 255)
}

/// An 8-bit RGB image (interleaved `R G B`, rows of `width × 3` bytes), for annotated output.
public struct RGBImage: Sendable, Equatable, CustomStringConvertible {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The samples, `width × height × 3` bytes, row-major from the top-left.
    public private(set) var pixels: [UInt8]

    /// A `width` × `height` image filled with `fill`. O(width × height).
    public init(width: Int, height: Int, fill: RGBColor = RGBColor(red: 0, green: 0, blue: 0)) {
        precondition(width >= 0 && height >= 0, "negative image size")
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: pixels.count, by: 3) {
            pixels[i] = fill.red
            pixels[i + 1] = fill.green
            pixels[i + 2] = fill.blue
        }
        self.pixels = pixels
    }

    /// An image over interleaved samples; `pixels.count` must be `width × height × 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(ImageError) {
        guard width >= 0, height >= 0, pixels.count == width * height * 3 else {
            throw .invalidArgument("\(pixels.count) bytes cannot hold \(width)x\(height) RGB pixels")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The gray image as RGB (each channel equal to the luma). O(width × height).
    public init(_ gray: GrayImage) {
        width = gray.width
        height = gray.height
        var pixels = [UInt8](repeating: 0, count: gray.width * gray.height * 3)
        for y in 0..<gray.height {
            for x in 0..<gray.width {
                let v = gray.pixels[y * gray.rowStride + x], i = (y * gray.width + x) * 3
                pixels[i] = v
                pixels[i + 1] = v
                pixels[i + 2] = v
            }
        }
        self.pixels = pixels
    }

    /// A short summary (size only).
    public var description: String { "RGBImage(\(width)x\(height))" }

    /// The colour at column `x`, row `y`. Traps outside the image.
    public subscript(x: Int, y: Int) -> RGBColor {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel outside the image")
            let i = (y * width + x) * 3
            return RGBColor(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2])
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel outside the image")
            let i = (y * width + x) * 3
            pixels[i] = newValue.red
            pixels[i + 1] = newValue.green
            pixels[i + 2] = newValue.blue
        }
    }

    /// Draws the outline of `region` (clipped to the image) `thickness` pixels wide, inside the region. O(perimeter × thickness).
    public mutating func strokeRectangle(_ region: PixelRegion, color: RGBColor, thickness: Int = 2) {
        guard let r = region.clamped(width: width, height: height), thickness > 0 else { return }
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) {
                let inside = x - r.x >= thickness && r.x + r.width - 1 - x >= thickness
                    && y - r.y >= thickness && r.y + r.height - 1 - y >= thickness
                if !inside { self[x, y] = color }
            }
        }
    }

    /// The luma of each pixel (BT.601 weights, as JPEG uses). O(width × height).
    public func luma() -> GrayImage {
        var out = [UInt8](repeating: 0, count: width * height)
        for i in 0..<(width * height) {
            let r = UInt32(pixels[3 * i]), g = UInt32(pixels[3 * i + 1]), b = UInt32(pixels[3 * i + 2])
            out[i] = UInt8((19595 * r + 38470 * g + 7471 * b + 32768) >> 16)
        }
        return GrayImage(unchecked: out, width: width, height: height)
    }
}
