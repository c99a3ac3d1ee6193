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

    /// An input from its parts.
    public init(image: GrayImage, jpeg: [UInt8]? = nil, reading: MRZReading) {
        self.image = image
        self.jpeg = jpeg
        self.reading = reading
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
/// profiles, O(sampled 8 × 8 blocks) for the DCT histograms — a few milliseconds on a 300-dpi page.
public enum LayoutChecks {
    /// Runs every check on `input`.
    public static func run(_ input: LayoutInput, options: LayoutOptions = .standard) -> LayoutReport {
        let clock = ContinuousClock()
        let start = clock.now
        var measurements = LayoutMeasurements()
        var stage = clock.now
        func lap(_ name: String) { measurements.stages[name] = Double((clock.now - stage).components.attoseconds) * 1e-15; stage = clock.now }
        let lines = input.reading.geometry.lines.enumerated().compactMap { index, line in
            GlyphMeasurement.measure(input.image, line: line, index: index)
        }
        lap("glyphs")
        measurements.linesMeasured = lines.count
        measurements.linesComplete = lines.filter(\.isComplete).count
        var findings: [Finding] = []
        let format = input.reading.document.format
        let layout = format.map(ICAOLayout.of)
        let band = lines.count == input.reading.geometry.lines.count ? BandFrame(lines) : nil
        var outline: DocumentOutline?
        if let band, let layout {
            outline = DocumentOutline.find(input.image, band: band, pageAspect: layout.pageHeight / (layout.pageWidths.first ?? 1), options: options)
            measurements.outlineFound = outline != nil
        }
        lap("glyphs+outline")
        if !lines.isEmpty {
            findings += PitchCheck.run(lines, outline: outline, layout: layout, options: options, measurements: &measurements)
            findings += AlignmentCheck.run(lines, layout: layout, options: options, measurements: &measurements)
            lap("pitch+align")
            findings += FontCheck.run(lines, image: input.image, reading: input.reading, options: options, measurements: &measurements)
            lap("font")
        }
        if let band {
            if let outline, let layout {
                findings += PositionCheck.run(outline: outline, band: band, lines: lines, layout: layout, options: options, measurements: &measurements)
            }
            findings += PastedRegionCheck.run(input.image, band: band, options: options, measurements: &measurements)
            lap("paste")
            if let jpeg = input.jpeg {
                findings += RecompressionCheck.run(input.image, jpeg: jpeg, band: band, options: options, measurements: &measurements)
                lap("dct")
            }
        }
        let elapsed = (clock.now - start).components
        measurements.milliseconds = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) * 1e-15
        return LayoutReport(findings: findings, lines: lines, outline: outline, measurements: measurements)
    }
}
