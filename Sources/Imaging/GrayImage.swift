/// An 8-bit grayscale (luma) image: `height` rows of `rowStride` bytes in one contiguous array,
/// of which the first `width` bytes of each row are pixels. 0 is black, 255 white.
public struct GrayImage: Sendable, Equatable, CustomStringConvertible {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Bytes from one row to the next (≥ `width`).
    public let rowStride: Int
    /// The samples, `rowStride × height` bytes, row-major from the top-left.
    public private(set) var pixels: [UInt8]

    /// A `width` × `height` image filled with `fill`. O(width × height).
    public init(width: Int, height: Int, fill: UInt8 = 0) {
        precondition(width >= 0 && height >= 0, "negative image size")
        self.width = width
        self.height = height
        self.rowStride = width
        self.pixels = [UInt8](repeating: fill, count: width * height)
    }

    /// An image over existing samples; `pixels.count` must be `rowStride × height`.
    public init(width: Int, height: Int, rowStride: Int? = nil, pixels: [UInt8]) throws(ImageError) {
        let stride = rowStride ?? width
        guard width >= 0, height >= 0, stride >= width, pixels.count == stride * height else {
            throw .invalidArgument("\(pixels.count) bytes cannot hold \(width)x\(height) pixels with row stride \(stride)")
        }
        self.width = width
        self.height = height
        self.rowStride = stride
        self.pixels = pixels
    }

    /// Internal: an image over samples already known to be `width × height` bytes.
    init(unchecked pixels: [UInt8], width: Int, height: Int) {
        self.width = width
        self.height = height
        self.rowStride = width
        self.pixels = pixels
    }

    /// A short summary (size only; the pixels are too many to print).
    public var description: String { "GrayImage(\(width)x\(height), stride \(rowStride))" }

    /// The pixel at column `x`, row `y` (both from 0). Traps outside the image.
    public subscript(x: Int, y: Int) -> UInt8 {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel outside the image")
            return pixels[y * rowStride + x]
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel outside the image")
            pixels[y * rowStride + x] = newValue
        }
    }

    /// The `width` pixels of row `y`. O(1) (a slice of the storage).
    public func row(_ y: Int) -> ArraySlice<UInt8> {
        precondition(y >= 0 && y < height, "row outside the image")
        return pixels[(y * rowStride)..<(y * rowStride + width)]
    }

    /// The pixels of `region` (clamped to the image) as a new image; `nil` when they do not overlap. O(region area).
    public func cropped(to region: PixelRegion) -> GrayImage? {
        guard let r = region.clamped(width: width, height: height) else { return nil }
        var out = [UInt8](repeating: 0, count: r.width * r.height)
        for row in 0..<r.height {
            let source = (r.y + row) * rowStride + r.x
            out.replaceSubrange((row * r.width)..<((row + 1) * r.width), with: pixels[source..<(source + r.width)])
        }
        return GrayImage(unchecked: out, width: r.width, height: r.height)
    }

    /// The image at twice its width and height, bilinear: output pixel `(X, Y)` is the image sampled at
    /// `((X + 0.5) / 2 − 0.5, (Y + 0.5) / 2 − 0.5)`, clamped to the edge pixels. A point `p` of the output lies
    /// at `p / 2 − 0.25` in the image. O(width × height).
    public func doubled() -> GrayImage {
        let w = width, h = height, stride = rowStride
        let outWidth = 2 * w, outHeight = 2 * h
        guard w > 0, h > 0 else { return GrayImage(unchecked: [], width: outWidth, height: outHeight) }
        // Along each axis an output pixel weighs its two nearest inputs 3:1 (the nearer) or takes the edge one.
        @inline(__always) func taps(_ o: Int, _ n: Int) -> (Int, Int, Int) {
            // (first input, second input, weight of the first in quarters)
            let i = o / 2
            if o % 2 == 0 { return i == 0 ? (0, 0, 4) : (i, i - 1, 3) }
            return i == n - 1 ? (i, i, 4) : (i, i + 1, 3)
        }
        let out = [UInt8](unsafeUninitializedCapacity: outWidth * outHeight) { dst, initialized in
            pixels.withUnsafeBufferPointer { px in
                for oy in 0..<outHeight {
                    let (y0, y1, wy) = taps(oy, h)
                    let r0 = y0 * stride, r1 = y1 * stride
                    for ox in 0..<outWidth {
                        let (x0, x1, wx) = taps(ox, w)
                        let top = wx * Int(px[r0 + x0]) + (4 - wx) * Int(px[r0 + x1])
                        let bottom = wx * Int(px[r1 + x0]) + (4 - wx) * Int(px[r1 + x1])
                        dst[oy * outWidth + ox] = UInt8((wy * top + (4 - wy) * bottom + 8) / 16)
                    }
                }
            }
            initialized = outWidth * outHeight
        }
        return GrayImage(unchecked: out, width: outWidth, height: outHeight)
    }

    /// The image shrunk by `factor` on each side by averaging each `factor × factor` block (partial
    /// blocks at the right and bottom edges average the pixels they have). Output is
    /// `ceil(width / factor) × ceil(height / factor)`. O(width × height).
    public func downscaled(by factor: Int) -> GrayImage {
        precondition(factor >= 1, "factor must be at least 1")
        if factor == 1 { return self }
        let outWidth = (width + factor - 1) / factor, outHeight = (height + factor - 1) / factor
        let stride = rowStride, w = width, h = height
        let whole = w / factor  // complete blocks per row; a partial one may follow
        let out = [UInt8](unsafeUninitializedCapacity: outWidth * outHeight) { dst, initialized in
            pixels.withUnsafeBufferPointer { source in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: outWidth) { acc in
                    guard let src = source.baseAddress, let sums = acc.baseAddress, let target = dst.baseAddress else { return }
                    if factor == 2 {
                        // Whole 2 × 2 blocks straight from two rows (no running sums: the loop vectorises).
                        for oy in 0..<(h / 2) {
                            let r0 = src + 2 * oy * stride, r1 = r0 + stride
                            let line = target + oy * outWidth
                            // Four blocks at a time from 8 bytes of each row, as 16-bit lanes of one word; the rest one by one.
                            let vectorBlocks = whole / 4 * 4
                            let bytes: UInt64 = 0x00FF_00FF_00FF_00FF
                            var ox = 0
                            while ox < vectorBlocks {
                                let a = UInt64(littleEndian: UnsafeRawPointer(r0 + 2 * ox).loadUnaligned(as: UInt64.self))
                                let b = UInt64(littleEndian: UnsafeRawPointer(r1 + 2 * ox).loadUnaligned(as: UInt64.self))
                                let sums = (a & bytes) &+ ((a &>> 8) & bytes) &+ (b & bytes) &+ ((b &>> 8) & bytes)
                                let means = ((sums &+ 0x0002_0002_0002_0002) &>> 2) & bytes
                                let packed = means | (means &>> 8)
                                let four = UInt32(truncatingIfNeeded: packed & 0xFFFF) | UInt32(truncatingIfNeeded: (packed &>> 16) & 0xFFFF_0000)
                                UnsafeMutableRawPointer(line + ox).storeBytes(of: UInt32(littleEndian: four), as: UInt32.self)
                                ox += 4
                            }
                            for ox in vectorBlocks..<whole {
                                let sum = UInt16(r0[2 * ox]) &+ UInt16(r0[2 * ox + 1]) &+ UInt16(r1[2 * ox]) &+ UInt16(r1[2 * ox + 1])
                                line[ox] = UInt8(truncatingIfNeeded: (sum &+ 2) &>> 2)
                            }
                        }
                    } else if factor == 4 {
                        // Whole blocks of the common powers of two: sums of rows of pairs, a shift for the mean.
                        let shift = UInt32(factor == 2 ? 2 : 4)
                        let wholeRows = h / factor
                        for oy in 0..<wholeRows {
                            sums.initialize(repeating: 0, count: whole)
                            for y in (oy * factor)..<(oy * factor + factor) {
                                let row = src + y * stride
                                if factor == 2 {
                                    for ox in 0..<whole { sums[ox] &+= UInt32(row[2 * ox]) &+ UInt32(row[2 * ox + 1]) }
                                } else {
                                    for ox in 0..<whole {
                                        let q = row + 4 * ox
                                        sums[ox] &+= UInt32(q[0]) &+ UInt32(q[1]) &+ UInt32(q[2]) &+ UInt32(q[3])
                                    }
                                }
                            }
                            let line = target + oy * outWidth
                            let half = UInt32(1) << (shift - 1)
                            for ox in 0..<whole { line[ox] = UInt8(truncatingIfNeeded: (sums[ox] &+ half) >> shift) }
                        }
                    }
                    // Everything else (other factors, the bottom partial row, the right partial column).
                    let fastRows = factor == 2 || factor == 4 ? h / factor : 0
                    for oy in 0..<outHeight {
                        let firstBlock = oy < fastRows ? whole : 0
                        if firstBlock == outWidth { continue }
                        sums.initialize(repeating: 0, count: outWidth)
                        let y0 = oy * factor, y1 = min(h, y0 + factor)
                        for y in y0..<y1 {
                            let row = src + y * stride
                            for ox in firstBlock..<whole {
                                let block = row + ox * factor
                                var sum: UInt32 = 0
                                for k in 0..<factor { sum &+= UInt32(block[k]) }
                                sums[ox] &+= sum
                            }
                            if whole < outWidth {
                                var sum: UInt32 = 0
                                for x in (whole * factor)..<w { sum &+= UInt32(row[x]) }
                                sums[whole] &+= sum
                            }
                        }
                        let rows = Float(y1 - y0)
                        let line = target + oy * outWidth
                        for ox in firstBlock..<whole { line[ox] = UInt8(Float(sums[ox]) / (rows * Float(factor)) + 0.5) }
                        if whole < outWidth {
                            line[whole] = UInt8(Float(sums[whole]) / (rows * Float(w - whole * factor)) + 0.5)
                        }
                    }
                }
            }
            initialized = outWidth * outHeight
        }
        return GrayImage(unchecked: out, width: outWidth, height: outHeight)
    }

    /// Mean of |a − b| over all pixels of two images of the same size (0...255); `nil` if the sizes differ. O(width × height).
    public func meanAbsoluteDifference(to other: GrayImage) -> Double? {
        guard width == other.width, height == other.height else { return nil }
        guard width > 0, height > 0 else { return 0 }
        var total = 0
        for y in 0..<height {
            let a = y * rowStride, b = y * other.rowStride
            for x in 0..<width { total += abs(Int(pixels[a + x]) - Int(other.pixels[b + x])) }
        }
        return Double(total) / Double(width * height)
    }

    /// The image as displayed when its EXIF orientation is `orientation` (rotated/mirrored). O(width × height).
    public func applying(_ orientation: ExifOrientation) -> GrayImage {
        if orientation == .up && rowStride == width { return self }
        let w = width, h = height, s = rowStride
        let swaps = orientation.swapsAxes
        let outWidth = swaps ? h : w, outHeight = swaps ? w : h
        // For display row dy: the storage index of display pixel (0, dy) and the step per dx.
        let start: (Int) -> Int
        let step: Int
        switch orientation {
        case .up: start = { $0 * s }; step = 1
        case .upMirrored: start = { $0 * s + w - 1 }; step = -1
        case .down: start = { (h - 1 - $0) * s + w - 1 }; step = -1
        case .downMirrored: start = { (h - 1 - $0) * s }; step = 1
        case .leftMirrored: start = { $0 }; step = s
        case .right: start = { (h - 1) * s + $0 }; step = -s
        case .rightMirrored: start = { (h - 1) * s + w - 1 - $0 }; step = -s
        case .left: start = { w - 1 - $0 }; step = s
        }
        var out = [UInt8](repeating: 0, count: outWidth * outHeight)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for dy in 0..<outHeight {
                    var index = start(dy)
                    let row = dy * outWidth
                    for dx in 0..<outWidth {
                        dst[row + dx] = src[index]
                        index += step
                    }
                }
            }
        }
        return GrayImage(unchecked: out, width: outWidth, height: outHeight)
    }

    /// Turned a quarter turn clockwise. O(width × height).
    public func rotated90() -> GrayImage { applying(.right) }
    /// Turned half a turn. O(width × height).
    public func rotated180() -> GrayImage { applying(.down) }
    /// Turned three quarter turns clockwise (a quarter turn anticlockwise). O(width × height).
    public func rotated270() -> GrayImage { applying(.left) }
    /// Mirrored left to right. O(width × height).
    public func mirroredHorizontally() -> GrayImage { applying(.upMirrored) }
    /// Mirrored top to bottom. O(width × height).
    public func mirroredVertically() -> GrayImage { applying(.downMirrored) }
}
