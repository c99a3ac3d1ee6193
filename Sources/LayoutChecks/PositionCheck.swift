import Findings
import Imaging

/// `layout.position`: the MRZ band placed where the format does not put it, measured from the document's
/// outline in millimetres (the characters' own 2.54 mm pitch is the ruler, so perspective and resolution
/// do not matter): the left margin of the first character and the height of the bottom line above the
/// bottom edge. The tolerances are wide (printers differ from Doc 9303's nominal positions by millimetres);
/// what is caught is a band in the wrong place, not a badly set printer. The band's size against the
/// document's width is `layout.pitch`'s document-scale comparison.
enum PositionCheck {
    static func run(outline: DocumentOutline, band: BandFrame, lines: [MeasuredLine], layout: ICAOLayout, options: LayoutOptions,
                    measurements: inout LayoutMeasurements) -> [Finding] {
        let pixelsPerMillimetre = band.pitch / ICAOLayout.pitch
        guard pixelsPerMillimetre > 0 else { return [] }
        var findings: [Finding] = []
        let bandQuad = band.quad(start: band.start, end: band.end, top: band.top, bottom: band.bottom)
        let left = outline.leftMargin / pixelsPerMillimetre
        measurements.leftMarginMillimetres = left
        if abs(left - layout.leftMargin) > options.horizontalPositionTolerance {
            findings.append(Finding(
                code: LayoutCode.position, severity: .refer, field: nil,
                message: "The MRZ does not start where the format puts it from the document's left edge.",
                evidence: Evidence(
                    measured: "first character \(EvidenceLocation.number(left, 1)) mm from the left edge",
                    expected: "\(EvidenceLocation.number(layout.leftMargin, 1)) mm ±\(EvidenceLocation.number(options.horizontalPositionTolerance, 1)) mm",
                    location: EvidenceLocation.text(bandQuad))))
        }
        if let last = lines.last, let nominal = layout.centreLinesFromBottom.last {
            let centre = (outline.bottomMargin + 0.5 * last.letterHeight) / pixelsPerMillimetre
            measurements.bottomLineMillimetres = centre
            if abs(centre - nominal) > options.verticalPositionTolerance {
                findings.append(Finding(
                    code: LayoutCode.position, severity: .refer, field: nil,
                    message: "The MRZ's bottom line is not at the height the format puts it above the document's bottom edge.",
                    evidence: Evidence(
                        measured: "bottom line centred \(EvidenceLocation.number(centre, 1)) mm above the bottom edge",
                        expected: "\(EvidenceLocation.number(nominal, 2)) mm ±\(EvidenceLocation.number(options.verticalPositionTolerance, 1)) mm",
                        location: EvidenceLocation.text(bandQuad))))
            }
        }
        return findings
    }
}
