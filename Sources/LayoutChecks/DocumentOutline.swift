import Imaging

/// The document's edges around the MRZ, found from the band outwards: the left, right and bottom edges
/// (the sides the MRZ is printed against); the top is placed from the format's proportions.
public struct DocumentOutline: Sendable, Hashable {
    /// The outline in image coordinates, corners as the document reads (the top edge estimated).
    public var quad: ImageQuad
    /// Width of the document along the MRZ lines, pixels.
    public var width: Double
    /// Distance from the first glyph's left edge out to the document's left edge, pixels.
    public var leftMargin: Double
    /// Distance from the last glyph's right edge out to the document's right edge, pixels.
    public var rightMargin: Double
    /// Distance from the bottom line's glyphs down to the document's bottom edge, pixels.
    public var bottomMargin: Double

    /// Finds the three edges: on each side the strongest straight, sustained step in the paper level
    /// (at least `minimumStep` grey levels) between 0.3 and `reach` pitches out. `nil` unless all three
    /// are found. O(reach × band length).
    static func find(_ image: GrayImage, band: BandFrame, pageAspect: Double, options: LayoutOptions) -> DocumentOutline? {
        let p = band.pitch
        // Profiles step `grain` pixels outwards: distances below are in steps.
        let grain = p >= 24 ? 2.0 : 1.0
        let width = max(2, Int((0.12 * p / grain).rounded()))
        let depth = Int(options.outlineReach * p / grain)
        let from = max(2, Int(0.3 * p / grain))
        let sideFrom = max(from, Int(options.outlineMinimumSideMargin * p / grain))
        func edge(_ profile: EdgeProfile?, from: Int) -> Int? {
            guard let profile, let d = profile.strongestStep(from: from, to: depth - width, width: width, minimum: options.outlineMinimumStep) else { return nil }
            let s = profile.describe(at: d, width: width, slack: max(2, Int(0.3 * p / grain)))
            guard s.agreement >= 0.75, s.sustained, s.straightness <= max(2, 0.15 * p / grain) else { return nil }
            return Int(Double(d) * grain)
        }
        let across = band.bottom - band.top
        guard let left = edge(EdgeProfile.sample(image, origin: band.point(along: band.start, across: band.top - 0.5 * p), along: band.v, outward: -band.u * grain,
                                                 length: across + p, depth: depth, segments: 4, step: 2 * grain), from: sideFrom),
              let right = edge(EdgeProfile.sample(image, origin: band.point(along: band.end, across: band.top - 0.5 * p), along: band.v, outward: band.u * grain,
                                                  length: across + p, depth: depth, segments: 4, step: 2 * grain), from: sideFrom),
              let bottom = edge(EdgeProfile.sample(image, origin: band.point(along: band.start + p, across: band.bottom), along: band.u, outward: band.v * grain,
                                                   length: band.end - band.start - 2 * p, depth: depth, segments: 8, step: max(2, p / 2)), from: from)
        else { return nil }
        let x0 = band.start - Double(left), x1 = band.end + Double(right)
        let y1 = band.bottom + Double(bottom)
        let width_ = x1 - x0
        let quad = band.quad(start: x0, end: x1, top: y1 - width_ * pageAspect, bottom: y1)
        return DocumentOutline(quad: quad, width: width_, leftMargin: Double(left), rightMargin: Double(right), bottomMargin: Double(bottom))
    }
}
