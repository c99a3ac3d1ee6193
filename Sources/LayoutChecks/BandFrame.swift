import Imaging

/// The MRZ band as measured from its glyphs, in a frame along (`u`) and across (`v`, down the page) the lines:
/// from the first glyph's left edge to the last glyph's right edge, from the top of the first line's glyphs
/// to the bottom of the last line's.
struct BandFrame: Sendable {
    var u: SIMD2<Double>
    var v: SIMD2<Double>
    /// Extent along `u`, pixels (projections of image points on `u`).
    var start: Double
    var end: Double
    /// Extent across, pixels (projections on `v`).
    var top: Double
    var bottom: Double
    /// Character pitch and letter height, pixels.
    var pitch: Double
    var height: Double

    init?(_ lines: [MeasuredLine]) {
        guard let first = lines.first, let last = lines.last, !first.glyphs.isEmpty, !last.glyphs.isEmpty else { return nil }
        u = first.frame.u
        v = first.frame.v
        let u = self.u, v = self.v
        start = lines.compactMap { $0.glyphs.first.map { ($0.box.corners[0].simd * u).sum() } }.min() ?? 0
        end = lines.compactMap { $0.glyphs.last.map { ($0.box.corners[1].simd * u).sum() } }.max() ?? 0
        top = RobustStatistics.median(first.glyphs.map { ($0.box.corners[0].simd * v).sum() })
        bottom = RobustStatistics.median(last.glyphs.map { ($0.box.corners[3].simd * v).sum() })
        pitch = RobustStatistics.median(lines.map(\.frame.pitch))
        height = RobustStatistics.median(lines.map(\.letterHeight))
        guard end - start > 4 * pitch, bottom > top else { return nil }
    }

    /// The image point `along` pixels along and `across` pixels across.
    func point(along: Double, across: Double) -> SIMD2<Double> { u * along + v * across }

    /// The quadrilateral between the given extents, corners as the document reads.
    func quad(start: Double, end: Double, top: Double, bottom: Double) -> ImageQuad {
        ImageQuad(corners: [point(along: start, across: top), point(along: end, across: top),
                            point(along: end, across: bottom), point(along: start, across: bottom)].map { ImagePoint($0) })
    }
}
