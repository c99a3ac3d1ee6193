/// The four pixels around each of four sample positions, and the positions' fractional parts: the gather
/// shared by the vectorised bilinear samplers of the reader and the checks, each of which combines them in the
/// order of its own scalar path.
@frozen
public struct BilinearCorners {
    /// Top-left, top-right, bottom-left and bottom-right pixels, one lane per position.
    public var a: SIMD4<Float>, b: SIMD4<Float>, c: SIMD4<Float>, d: SIMD4<Float>
    /// The positions less their floors.
    public var fx: SIMD4<Float>, fy: SIMD4<Float>

    /// Gathers around (`x`, `y`), which must lie in [0, 2²²) and at least one pixel short of the last column
    /// and row of the 8-bit image at `pixels` (`stride` bytes a row). The floor of a position comes from the
    /// bits of `position + 2²³` (its nearest integer), less one where that is above it; the two pixels of each
    /// row pair are read as one 16-bit load.
    @inlinable @inline(__always)
    public init(x: SIMD4<Float>, y: SIMD4<Float>, pixels: UnsafeRawPointer, stride: Int) {
        let magic = SIMD4<Float>(repeating: 0x1p23)
        var xi = unsafeBitCast(x + magic, to: SIMD4<Int32>.self) & 0x7F_FFFF
        var yi = unsafeBitCast(y + magic, to: SIMD4<Int32>.self) & 0x7F_FFFF
        var xf = SIMD4<Float>(xi), yf = SIMD4<Float>(yi)
        let xAbove = x .< xf, yAbove = y .< yf
        xi = xi.replacing(with: xi &- 1, where: xAbove)
        yi = yi.replacing(with: yi &- 1, where: yAbove)
        xf = xf.replacing(with: xf - 1, where: xAbove)
        yf = yf.replacing(with: yf - 1, where: yAbove)
        fx = x - xf
        fy = y - yf
        let index = yi &* Int32(stride) &+ xi
        var upper = SIMD4<Int32>(), lower = SIMD4<Int32>()
        for l in 0..<4 {
            let i = Int(index[l])
            upper[l] = Int32(UInt16(littleEndian: pixels.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
            lower[l] = Int32(UInt16(littleEndian: pixels.loadUnaligned(fromByteOffset: i &+ stride, as: UInt16.self)))
        }
        a = SIMD4<Float>(upper & 0xFF)
        b = SIMD4<Float>(upper &>> 8)
        c = SIMD4<Float>(lower & 0xFF)
        d = SIMD4<Float>(lower &>> 8)
    }
}

extension BilinearCorners {
    /// Whether positions anywhere in an image of `width` × `height` pixels with rows `stride` bytes apart can
    /// be gathered: coordinates below 2²² and every byte offset within `Int32`.
    @inlinable
    public static func canGather(width: Int, height: Int, stride: Int) -> Bool {
        width < 1 << 22 && height < 1 << 22 && height * stride < Int(Int32.max)
    }
}
