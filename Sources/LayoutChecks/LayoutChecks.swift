import Findings
import Imaging
import MRZReader
import MRZText

/// What the layout checks look at.
public struct LayoutInput: Sendable {
    /// The decoded page (luma), as the reader saw it.
    public var image: GrayImage
    /// The file's bytes when it is a JPEG decoded whole, at full scale and without reorientation (so that its
    /// 8 × 8 grid is the image's); `nil` otherwise (then `image.recompressed` is not examined).
    public var jpeg: [UInt8]?
    /// The MRZ reading with its geometry.
    public var reading: MRZReading
    /// The work started for the same image and file while the MRZ was read, if it was.
    public var preparation: LayoutPreparation?

    /// An input from its parts.
    public init(image: GrayImage, jpeg: [UInt8]? = nil, reading: MRZReading, preparation: LayoutPreparation? = nil) {
        self.image = image
        self.jpeg = jpeg
        self.reading = reading
        self.preparation = preparation
    }
}

/// What the layout checks found, and what they measured to decide.
public struct LayoutReport: Sendable {
    /// `layout.*` and `image.recompressed` findings, with evidence in image coordinates. Severities are the
    /// checks' defaults; the screening policy replaces them.
    public var findings: [Finding]
    /// The glyphs measured on each MRZ line (for the annotation).
    public var lines: [MeasuredLine]
    /// The document outline around the MRZ, where its edges were found.
    public var outline: DocumentOutline?
    /// The statistics behind the findings.
    public var measurements: LayoutMeasurements
}

/// The layout heuristics and forensic checks on an MRZ that has been read: pitch, alignment, typeface,
/// position, pasted patches and JPEG recompression (see each check for what it measures).
///
/// Stateless, thread-safe; never throws, prints or exits: a measurement that cannot be made gives no finding.
/// Cost: O(MRZ band area × a few) for the glyph measurements, O(band perimeter × reach) for the edge
/// profiles, O(sampled 8 × 8 blocks) for the DCT histograms — about 2 ms of processor time on a 300-dpi page.
public enum LayoutChecks {
    /// Runs every check on `input`.
    ///
    /// With `concurrently`, independent work runs side by side on the machine's cores: the lines' glyphs first,
    /// then the typeface check beside the others (outline, pitch, alignment, position, pasted patch, DCT
    /// histograms). The findings and measurements are the same either way; only the time differs (a gate's
    /// single scan wants it, a batch already busy on every core does not).
    public static func run(_ input: LayoutInput, options: LayoutOptions = .standard, concurrently: Bool = false) -> LayoutReport {
        let clock = ContinuousClock()
        let start = clock.now
        let image = input.image, reading = input.reading, jpeg = input.jpeg, preparation = input.preparation
        let geometry = reading.geometry.lines
        let measured = SideBySide.map(geometry.count, concurrently: concurrently) { index -> MeasuredLine? in
            // Found while the MRZ was read where the reader's line lies as it was located, else found now.
            let line = geometry[index]
            guard let frame = LineFrame(line),
                  let found = preparation?.foundGlyphs(image: image, frame: frame) ?? GlyphMeasurement.glyphs(image, frame: frame)
            else { return nil }
            return GlyphMeasurement.finish(found, characters: line.characters.map(\.character), index: index)
        }
        let lines = measured.compactMap { $0 }
        let glyphStage = milliseconds(clock.now - start)
        let format = reading.document.format
        let layout = format.map(ICAOLayout.of)
        let band = lines.count == geometry.count ? BandFrame(lines) : nil

        // Independent parts, each with its own findings and measurements (each writes fields no other does).
        struct Part: Sendable {
            var findings: [Finding] = []
            var measurements = LayoutMeasurements()
            var outline: DocumentOutline?
            var milliseconds = 0.0
        }
        let parts = SideBySide.map(2, concurrently: concurrently) { task -> Part in
            let begun = clock.now
            var part = Part()
            switch task {
            case 0:
                // The typeface: template distances, then each glyph against them and against its peers.
                if !lines.isEmpty {
                    part.findings = FontCheck.run(lines, image: image, reading: reading, options: options, measurements: &part.measurements)
                }
            default:
                // The outline, the geometric checks that use it, the pasted patch and the DCT histograms.
                if let band, let layout {
                    part.outline = DocumentOutline.find(image, band: band, pageAspect: layout.pageHeight / (layout.pageWidths.first ?? 1), options: options)
                    part.measurements.outlineFound = part.outline != nil
                }
                if !lines.isEmpty {
                    part.findings += PitchCheck.run(lines, outline: part.outline, layout: layout, options: options, measurements: &part.measurements)
                    part.findings += AlignmentCheck.run(lines, layout: layout, options: options, measurements: &part.measurements)
                }
                if let band {
                    if let outline = part.outline, let layout {
                        part.findings += PositionCheck.run(outline: outline, band: band, lines: lines, layout: layout, options: options,
                                                           measurements: &part.measurements)
                    }
                    part.findings += PastedRegionCheck.run(image, band: band, options: options, measurements: &part.measurements)
                    if let jpeg {
                        let page = preparation?.pageSample(image: image, jpeg: jpeg, options: options)
                        part.findings += RecompressionCheck.run(image, jpeg: jpeg, band: band, page: page, options: options,
                                                                measurements: &part.measurements)
                    }
                }
            }
            part.milliseconds = milliseconds(clock.now - begun)
            return part
        }
        let typeface = parts[0], geometric = parts[1]
        var measurements = geometric.measurements
        measurements.takeTypeface(from: typeface.measurements)
        measurements.linesMeasured = lines.count
        measurements.linesComplete = lines.filter { $0.isComplete }.count
        measurements.stages = ["glyphs": glyphStage, "font": typeface.milliseconds, "outline+geometry+paste+dct": geometric.milliseconds]
        // In the order the checks were listed before they ran side by side.
        let geometricCodes: Set<String> = [LayoutCode.pitch, LayoutCode.alignment]
        var findings = geometric.findings.filter { geometricCodes.contains($0.code) }
        findings += typeface.findings
        findings += geometric.findings.filter { !geometricCodes.contains($0.code) }
        measurements.milliseconds = milliseconds(clock.now - start)
        return LayoutReport(findings: findings, lines: lines, outline: geometric.outline, measurements: measurements)
    }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
    }
}

extension LayoutMeasurements {
    /// Takes the fields the typeface check sets from `other` (where it ran on its own copy).
    mutating func takeTypeface(from other: LayoutMeasurements) {
        fontRunScore = other.fontRunScore
        fontTemplateDistance = other.fontTemplateDistance
        fontTemplateMisread = other.fontTemplateMisread
        fontCapitalHeight = other.fontCapitalHeight
        fontAnomalousElsewhere = other.fontAnomalousElsewhere
    }
}
