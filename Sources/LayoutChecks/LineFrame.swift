import Imaging
import MRZReader

/// One MRZ line's coordinate frame, taken from the reader's cell grid: `k` counts cells along the line
/// (cell `i` is centred at `k = i`), `t` is the distance across it in pixels (positive towards the next
/// line, i.e. down the page). Between cell centres the frame follows the reader's centres, so a
/// perspective-distorted line stays straight in `k`; beyond the ends it extrapolates the end cells.
struct LineFrame: Sendable, Equatable {
    /// The reader's cell centres, image pixels.
    var centres: [SIMD2<Double>]
    /// Unit vector along the line (reading direction) and across it, image coordinates.
    var u: SIMD2<Double>
    var v: SIMD2<Double>
    /// The reader's pitch and character height, pixels.
    var pitch: Double
    var height: Double

    /// The frame of a line read by the MRZ reader, or `nil` for fewer than two cells.
    init?(_ line: MRZLineGeometry) {
        self.init(line.placement)
    }

    /// The frame of a line's cells as the MRZ reader places them, or `nil` for fewer than two cells.
    init?(_ line: MRZLinePlacement) {
        guard line.centres.count >= 2 else { return nil }
        centres = line.centres.map { SIMD2($0.x, $0.y) }
        let start = SIMD2(line.baselineStart.x, line.baselineStart.y), end = SIMD2(line.baselineEnd.x, line.baselineEnd.y)
        var direction = end - start
        let length = (direction * direction).sum().squareRoot()
        if length < 1 {
            direction = centres[centres.count - 1] - centres[0]
        }
        let norm = max((direction * direction).sum().squareRoot(), 1e-9)
        u = direction / norm
        v = SIMD2(-u.y, u.x)
        pitch = max(line.pitch, 1)
        height = max(line.characterHeight, 1)
    }

    /// A frame through the given centres (at least two), with the reader's pitch and character height.
    init?(centres: [SIMD2<Double>], pitch: Double, height: Double) {
        guard centres.count >= 2 else { return nil }
        self.centres = centres
        let d = centres[centres.count - 1] - centres[0]
        let norm = max((d * d).sum().squareRoot(), 1e-9)
        u = d / norm
        v = SIMD2(-u.y, u.x)
        self.pitch = pitch
        self.height = height
    }

    /// The centre-line point at cell coordinate `k` (fractional), image pixels.
    func centre(at k: Double) -> SIMD2<Double> {
        let n = centres.count
        if k <= 0 { return centres[0] + (centres[1] - centres[0]) * k }
        if k >= Double(n - 1) { return centres[n - 1] + (centres[n - 1] - centres[n - 2]) * (k - Double(n - 1)) }
        let i = Int(k.rounded(.down)), f = k - Double(i)
        return centres[i] * (1 - f) + centres[i + 1] * f
    }

    /// The image point at cell coordinate `k`, `t` pixels across the line.
    func point(k: Double, t: Double) -> SIMD2<Double> { centre(at: k) + v * t }

    /// The local pitch at cell coordinate `k`, pixels per cell.
    func localPitch(at k: Double) -> Double {
        let d = centre(at: k + 0.5) - centre(at: k - 0.5)
        return (d * d).sum().squareRoot()
    }
}

extension ImagePoint {
    init(_ p: SIMD2<Double>) { self.init(x: p.x, y: p.y) }
    var simd: SIMD2<Double> { SIMD2(x, y) }
}
