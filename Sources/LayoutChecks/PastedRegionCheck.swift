import Findings
import Imaging

/// `layout.pasted_region`: the MRZ sits on a patch whose paper level differs from the page around it,
/// behind hard straight edges close around the band.
///
/// Grey-level profiles are taken outwards from each side of the band (medians along the side, so print
/// and noise drop out). A pasted patch shows as a sustained step at the same distance all along the top
/// side, and on at least one end, within a margin narrower than any document leaves between the MRZ and its
/// edge; the patch is lighter (or darker) than the page on every side that shows it. A page edge is further
/// out, a lighting gradient has no step, a ruled line comes back to the paper level.
enum PastedRegionCheck {
    static func run(_ image: GrayImage, band: BandFrame, options: LayoutOptions, measurements: inout LayoutMeasurements) -> [Finding] {
        let p = band.pitch
        let width = max(3, Int((0.15 * p).rounded()))
        let step = max(2, p / 3)
        let length = band.end - band.start
        let acrossLength = band.bottom - band.top
        let topDepth = Int(options.pasteTopReach * p) + 3 * width
        let endDepth = Int(options.pasteEndReach * p) + 3 * width
        let innerGap = max(3, Int((options.pasteMinimumMargin * p).rounded())) + width

        func examine(_ profile: EdgeProfile?, reach: Double) -> EdgeProfile.Step? {
            guard let profile, let d = profile.firstStep(from: innerGap, to: Int(reach * p), width: width,
                                                         minimum: options.pasteMinimumStep, noiseFactor: options.pasteNoiseFactor)
            else { return nil }
            return profile.describe(at: d, width: width, slack: max(2, Int(0.3 * p)))
        }
        func qualifies(_ s: EdgeProfile.Step?) -> Bool {
            guard let s else { return false }
            return s.agreement >= options.pasteAgreement && s.sustained && s.straightness <= max(options.pasteStraightnessFloor, options.pasteStraightness * p)
        }
        // The top first: without an edge there, there is no patch (and nothing else to sample).
        let top = examine(EdgeProfile.sample(image, origin: band.point(along: band.start + p, across: band.top), along: band.u, outward: -band.v,
                                             length: length - 2 * p, depth: topDepth, segments: 8, step: step), reach: options.pasteTopReach)
        measurements.pasteTopStep = top.map { abs($0.height) } ?? 0
        guard let t = top, qualifies(t) else { return [] }
        let endStep = max(1, p / 10)
        let left = examine(EdgeProfile.sample(image, origin: band.point(along: band.start, across: band.top), along: band.v, outward: -band.u,
                                              length: acrossLength, depth: endDepth, segments: 3, step: endStep), reach: options.pasteEndReach)
        let right = examine(EdgeProfile.sample(image, origin: band.point(along: band.end, across: band.top), along: band.v, outward: band.u,
                                               length: acrossLength, depth: endDepth, segments: 3, step: endStep), reach: options.pasteEndReach)
        let bottom = examine(EdgeProfile.sample(image, origin: band.point(along: band.start + p, across: band.bottom), along: band.u, outward: band.v,
                                                length: length - 2 * p, depth: topDepth, segments: 8, step: step), reach: options.pasteTopReach)
        // The patch is on the inside: every qualifying side sees the same sign (inside lighter or darker).
        let sign = t.height > 0
        let ends = [("left", left), ("right", right)].filter { qualifies($0.1) && ($0.1!.height > 0) == sign }
        guard !ends.isEmpty else { return [] }
        let bottomAgrees = qualifies(bottom) && (bottom!.height > 0) == sign
        // The patch's extent: the sides found, the others at the band's edge.
        let leftReach = ends.first(where: { $0.0 == "left" })?.1?.distance ?? 0
        let rightReach = ends.first(where: { $0.0 == "right" })?.1?.distance ?? 0
        let quad = band.quad(start: band.start - Double(leftReach), end: band.end + Double(rightReach),
                             top: band.top - Double(t.distance), bottom: band.bottom + Double(bottomAgrees ? bottom!.distance : 0))
        measurements.pasteEdges = 1 + ends.count + (bottomAgrees ? 1 : 0)
        let sides = ["top"] + ends.map(\.0) + (bottomAgrees ? ["bottom"] : [])
        return [Finding(
            code: LayoutCode.pastedRegion, severity: .alert, field: nil,
            message: "The MRZ sits on a patch with straight edges whose background differs from the page around it.",
            evidence: Evidence(
                measured: "background \(EvidenceLocation.number(t.inside, 0)) inside vs \(EvidenceLocation.number(t.outside, 0)) outside (step \(EvidenceLocation.number(t.height, 1)) grey levels); straight edges at \(sides.joined(separator: ", ")), \(EvidenceLocation.number(Double(t.distance) / p, 2)) pitch above the characters",
                expected: "one paper level from the MRZ to the page around it, with no edge closer than the document's margins",
                location: EvidenceLocation.text(quad)))]
    }
}
