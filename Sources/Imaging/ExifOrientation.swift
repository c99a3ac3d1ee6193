/// The EXIF orientation tag (0x0112): how the stored pixels must be turned to be displayed upright.
///
/// Raw values are the tag's 1...8. Names follow where the stored image's top row ends up.
public enum ExifOrientation: Int, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirrored left to right.
    case upMirrored = 2
    /// 3: turned half a turn.
    case down = 3
    /// 4: mirrored top to bottom.
    case downMirrored = 4
    /// 5: transposed (stored row 0 is the displayed left column, stored column 0 the top row).
    case leftMirrored = 5
    /// 6: display by turning a quarter turn clockwise (the usual portrait phone capture).
    case right = 6
    /// 7: transversed (stored row 0 is the displayed right column, stored column 0 the bottom row).
    case rightMirrored = 7
    /// 8: display by turning a quarter turn anticlockwise.
    case left = 8

    /// Whether displaying swaps width and height (orientations 5...8).
    public var swapsAxes: Bool { rawValue >= 5 }

    /// The displayed size of a stored `width` × `height` image.
    public func displaySize(width: Int, height: Int) -> (width: Int, height: Int) {
        swapsAxes ? (height, width) : (width, height)
    }

    /// The stored pixel shown at displayed (`x`, `y`) of a stored `width` × `height` image.
    public func storedPoint(x: Int, y: Int, width: Int, height: Int) -> (x: Int, y: Int) {
        switch self {
        case .up: (x, y)
        case .upMirrored: (width - 1 - x, y)
        case .down: (width - 1 - x, height - 1 - y)
        case .downMirrored: (x, height - 1 - y)
        case .leftMirrored: (y, x)
        case .right: (y, height - 1 - x)
        case .rightMirrored: (width - 1 - y, height - 1 - x)
        case .left: (width - 1 - y, x)
        }
    }

    /// The displayed position of stored pixel (`x`, `y`) of a stored `width` × `height` image.
    public func displayedPoint(x: Int, y: Int, width: Int, height: Int) -> (x: Int, y: Int) {
        switch self {
        case .up: (x, y)
        case .upMirrored: (width - 1 - x, y)
        case .down: (width - 1 - x, height - 1 - y)
        case .downMirrored: (x, height - 1 - y)
        case .leftMirrored: (y, x)
        case .right: (height - 1 - y, x)
        case .rightMirrored: (height - 1 - y, width - 1 - x)
        case .left: (y, width - 1 - x)
        }
    }

    /// The stored rectangle whose pixels are displayed in `region` (displayed coordinates, inside the image).
    public func storedRegion(_ region: PixelRegion, width: Int, height: Int) -> PixelRegion {
        let a = storedPoint(x: region.x, y: region.y, width: width, height: height)
        let b = storedPoint(x: region.x + region.width - 1, y: region.y + region.height - 1, width: width, height: height)
        return PixelRegion(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x) + 1, height: abs(a.y - b.y) + 1)
    }

    /// The displayed rectangle showing the stored `region` (stored coordinates, inside the image).
    public func displayedRegion(_ region: PixelRegion, width: Int, height: Int) -> PixelRegion {
        let a = displayedPoint(x: region.x, y: region.y, width: width, height: height)
        let b = displayedPoint(x: region.x + region.width - 1, y: region.y + region.height - 1, width: width, height: height)
        return PixelRegion(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x) + 1, height: abs(a.y - b.y) + 1)
    }

    /// The orientation in EXIF data: `bytes` is either an APP1 payload starting `Exif\0\0` or bare
    /// TIFF data (a PNG eXIf chunk). `nil` when absent, malformed or out of 1...8. Bounds-checked; O(entries of IFD0).
    public init?<Bytes: Collection>(exif bytes: Bytes) where Bytes.Element == UInt8 {
        var data = Array(bytes)
        if data.count >= 6, data[0...5].elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) { data.removeFirst(6) }
        guard data.count >= 8 else { return nil }
        let little: Bool
        switch (data[0], data[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= data.count else { return nil }
            return little ? Int(data[at]) | Int(data[at + 1]) << 8 : Int(data[at]) << 8 | Int(data[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<count {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at), let type = u16(at + 2) else { return nil }
            guard tag == 0x0112 else { continue }
            let value: Int?
            switch type {
            case 3: value = u16(at + 8)  // SHORT, as the standard says
            case 4: value = u32(at + 8)  // LONG, seen in the wild
            default: value = nil
            }
            guard let value, let orientation = ExifOrientation(rawValue: value) else { return nil }
            self = orientation
            return
        }
        return nil
    }

    /// A minimal APP1 payload (`Exif\0\0`, little-endian TIFF, IFD0 with only this orientation),
    /// for writing with `JPEGEncoder` (tests, sample generation).
    public var exifPayload: [UInt8] {
        var bytes: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]
        bytes += [0x49, 0x49, 42, 0, 8, 0, 0, 0]                  // TIFF header, IFD0 at offset 8
        bytes += [1, 0]                                           // one entry
        bytes += [0x12, 0x01, 3, 0, 1, 0, 0, 0, UInt8(rawValue), 0, 0, 0]
        bytes += [0, 0, 0, 0]                                     // no next IFD
        return bytes
    }
}
