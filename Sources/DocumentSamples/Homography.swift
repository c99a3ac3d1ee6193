import Imaging

/// A plane projective map, row-major 3 × 3 with the last entry normalised to 1 where possible.
struct Homography: Sendable {
    var m: [Double]

    static let identity = Homography(m: [1, 0, 0, 0, 1, 0, 0, 0, 1])

    /// The point `(x, y)` mapped.
    func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        let w = m[6] * x + m[7] * y + m[8]
        return ((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w)
    }

    /// The inverse map (adjugate over determinant), or `nil` when singular.
    func inverse() -> Homography? {
        let a = m
        let c00 = a[4] * a[8] - a[5] * a[7], c01 = a[5] * a[6] - a[3] * a[8], c02 = a[3] * a[7] - a[4] * a[6]
        let det = a[0] * c00 + a[1] * c01 + a[2] * c02
        guard abs(det) > 1e-12 else { return nil }
        let inv = [
            c00, a[2] * a[7] - a[1] * a[8], a[1] * a[5] - a[2] * a[4],
            c01, a[0] * a[8] - a[2] * a[6], a[2] * a[3] - a[0] * a[5],
            c02, a[1] * a[6] - a[0] * a[7], a[0] * a[4] - a[1] * a[3],
        ].map { $0 / det }
        return Homography(m: inv)
    }

    /// The map taking each of four `source` points to the matching `target` point (direct linear
    /// transform, Gaussian elimination with partial pivoting), or `nil` for degenerate quadrilaterals.
    static func mapping(from source: [(x: Double, y: Double)], to target: [(x: Double, y: Double)]) -> Homography? {
        guard source.count == 4, target.count == 4 else { return nil }
        var a = [[Double]](repeating: [Double](repeating: 0, count: 9), count: 8)
        for i in 0..<4 {
            let (x, y) = source[i], (u, v) = target[i]
            a[2 * i] = [x, y, 1, 0, 0, 0, -u * x, -u * y, u]
            a[2 * i + 1] = [0, 0, 0, x, y, 1, -v * x, -v * y, v]
        }
        for col in 0..<8 {
            var pivot = col
            for r in (col + 1)..<8 where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
            guard abs(a[pivot][col]) > 1e-12 else { return nil }
            a.swapAt(col, pivot)
            for r in 0..<8 where r != col {
                let f = a[r][col] / a[col][col]
                if f == 0 { continue }
                for c in col..<9 { a[r][c] -= f * a[col][c] }
            }
        }
        var h = (0..<8).map { a[$0][8] / a[$0][$0] }
        h.append(1)
        return Homography(m: h)
    }
}

extension GrayImage {
    /// The page as photographed at a slant about an upright axis: its right edge `growth` times as tall as its
    /// left (a keystone, both edges centred), as a page whose right end was nearer the camera. The print grows
    /// towards the right by `growth` across the lines and by about its square along them (1.15 is a passport
    /// held 20° off square at 30 cm). `growth` is taken within 1…4; at 1, or for an image under 2 × 2 pixels,
    /// the page is returned as it is. Paper white above and below the page, sampled as the generator's captures
    /// are. For tests of readers and checks under perspective. O(pixels).
    public func keystoned(growth: Double) -> GrayImage {
        guard width >= 2, height >= 2, growth.isFinite else { return self }
        let w = Double(width), h = Double(height)
        let spread = (min(growth, 4) - 1) / 2 * h
        guard spread > 0,
              let back = Homography.mapping(from: [(0, 0), (w, 0), (w, h), (0, h)],
                                            to: [(0, spread), (w, 0), (w, h + 2 * spread), (0, h + spread)])?.inverse()
        else { return self }
        let outHeight = height + Int((2 * spread).rounded(.up))
        var out = Canvas(width: width, height: outHeight, fill: RGBColor(red: 255, green: 255, blue: 255))
        Capture.warp(Canvas(width: width, height: height, pixels: RGBImage(self).pixels), factor: 1, outputPerSource: 1,
                     inverse: back, into: &out)
        return (try? out.rgbImage().luma()) ?? self
    }
}
