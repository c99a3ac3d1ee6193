import DocumentSamples
import Findings
import Imaging
import LayoutChecks
import MRZText
import Testing
@testable import Screening

/// Pages from the project's own generator: each layout tampering is found where the truth says it was done,
/// and genuine pages under every capture stay `clear`.
@Suite("Layout checks on generated pages")
struct GeneratedPageChecks {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    static let options = ScanOptions(referenceDate: today)

    /// The page of `request` screened, with its truth.
    static func screen(_ request: SampleRequest) throws -> (ScanResult, SampleTruth) {
        let sample = try SampleGenerator().generate(request)
        return (ScreeningPipeline.scan(bytes: sample.image, label: sample.truth.file, options: options), sample.truth)
    }

    struct Tampered: Sendable, CustomStringConvertible {
        var tampering: TamperKind
        var format: SampleFormat
        var seed: UInt64
        var code: String
        var description: String { "\(tampering.rawValue) \(format.rawValue) #\(seed)" }
    }

    static let tampered: [Tampered] = [
        Tampered(tampering: .pitchAnomaly, format: .td1, seed: 8_270_703_150_953_954_751, code: LayoutCode.pitch),
        Tampered(tampering: .pitchAnomaly, format: .td3, seed: 12_376_175_261_775_773_439, code: LayoutCode.pitch),
        Tampered(tampering: .lineMisalignment, format: .td1, seed: 12_376_175_261_775_773_439, code: LayoutCode.alignment),
        Tampered(tampering: .lineMisalignment, format: .td3, seed: 8_270_703_150_953_954_751, code: LayoutCode.alignment),
        Tampered(tampering: .fontSubstitution, format: .td1, seed: 7_548_016_066_336_275_738, code: LayoutCode.font),
        Tampered(tampering: .fontSubstitution, format: .td3, seed: 11_831_370_011_260_320_080, code: LayoutCode.font),
        Tampered(tampering: .mrzPasted, format: .td1, seed: 5_080_073_275_953_576_488, code: LayoutCode.pastedRegion),
        Tampered(tampering: .mrzPasted, format: .td3, seed: 8_270_703_150_953_954_751, code: LayoutCode.pastedRegion),
    ]

    @Test("each tampering is found, with evidence where it was done", arguments: tampered)
    func tamperingIsFound(c: Tampered) throws {
        let request = SampleRequest(format: c.format, kind: .fraud, tampering: c.tampering, capture: .scan, encoding: .jpeg,
                                    dpi: 300, seed: c.seed, referenceDate: Self.today, name: "t")
        let (result, truth) = try Self.screen(request)
        try Self.expectFound(c.code, in: result, truth: truth, "\(c)")
    }

    /// Runs of characters shifted off the pitch grid by about half a pitch, at a line's start or within it,
    /// on every capture: a block that large pulled a least-squares parabola towards itself, halving its
    /// offset, before the robust reweighting could set it aside (pages of the seed-37 fraud batch). On page 38 the
    /// run's first glyph runs into its neighbour (a blob 1.13 pitches wide, the line a glyph short): counted as
    /// one glyph, it put every glyph before it a cell out.
    @Test("a run shifted off the pitch grid is found wherever it is on the line",
          arguments: [20, 38, 47, 101, 110].map { BatchPage(seed: 37, index: $0) })
    func shiftedRunIsFound(c: BatchPage) throws {
        let request = c.request
        let (result, truth) = try Self.screen(request)
        let record = try #require(truth.tampering.first)
        #expect(record.kind == .pitchAnomaly && record.detail.contains("shifted"), "\(record.detail)")
        try Self.expectFound(LayoutCode.pitch, in: result, truth: truth, "\(request.name)")
    }

    /// A page of the fraud batch of `seed`, by index.
    struct BatchPage: Sendable, CustomStringConvertible {
        var seed: UInt64
        var index: Int
        var description: String { "seed \(seed) page \(index)" }
        /// The page's request, as `samples generate --seed SEED --kinds fraud` makes it.
        var request: SampleRequest {
            SampleGenerator.batch(count: index + 1, seed: seed, kinds: [.fraud], referenceDate: GeneratedPageChecks.today)[index]
        }
    }

    /// Substituted runs on clean captures that were missed. Seed 37, pages 55 and 190: the run holds most
    /// instances of its characters (`117<<<<<<<` where the line's other `1`s and `<`s are fewer; `3F26120` where
    /// two of the three `1`s are genuine), so the genuine instances, compared with substituted peers, looked
    /// anomalous too, and the run was taken for a noisy document's. Seed 41, page 55: one substituted glyph of
    /// eight scores like OCR-B, splitting the run in two.
    @Test("a substituted run is found on a clean capture", arguments: [
        BatchPage(seed: 37, index: 55), BatchPage(seed: 37, index: 190), BatchPage(seed: 41, index: 55),
    ])
    func substitutedRunIsFound(c: BatchPage) throws {
        let request = c.request
        let (result, truth) = try Self.screen(request)
        let record = try #require(truth.tampering.first)
        #expect(record.kind == .fontSubstitution)
        try Self.expectFound(LayoutCode.font, in: result, truth: truth, "\(request.name)")
        // The run reported lies within the substituted columns (give or take one), not among the genuine instances.
        let finding = try #require(result.findings.first { $0.code == LayoutCode.font })
        let columns = try #require(record.columns)
        let reported = finding.message.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let first = try #require(reported.first) - 1, last = try #require(reported.dropFirst().first) - 1
        #expect(first >= (columns.first ?? 0) - 1 && last <= (columns.last ?? 0) + 1 && last > first, "\(finding.message) against \(columns)")
    }

    /// A TD1 line moved about half a millimetre up or down (of the 4.23 mm between lines): the two spacings
    /// differ by 10% (seed 41, page 12, a phone capture; missed while 12% was allowed) and 14% (seed 37, page 12).
    @Test("a TD1 line moved half a millimetre is found by the uneven spacing", arguments: [
        BatchPage(seed: 41, index: 12), BatchPage(seed: 37, index: 12),
    ])
    func unevenSpacingIsFound(c: BatchPage) throws {
        let request = c.request
        let (result, truth) = try Self.screen(request)
        let record = try #require(truth.tampering.first)
        #expect(record.kind == .lineMisalignment && record.detail.contains("vertically") && request.format == .td1, "\(record.detail)")
        let shift = try #require(record.amount)
        #expect(abs(shift) < 0.5, "a shift of \(shift) mm")
        let finding = try #require(result.findings.first { $0.code == LayoutCode.alignment }, "\(result.findings.map(\.code))")
        #expect(finding.message.contains("not evenly spaced"), "\(finding.message)")
        #expect(result.verdict != .clear)
    }

    /// The finding `code` is in `result`, with evidence where the truth says the tampering was done, and decides
    /// the verdict unless a stronger finding did.
    static func expectFound(_ code: String, in result: ScanResult, truth: SampleTruth, _ what: String) throws {
        let finding = try #require(result.findings.first { $0.code == code }, "\(what): \(result.findings.map(\.code))")
        let evidence = try #require(finding.evidence)
        #expect(!(evidence.measured ?? "").isEmpty && !(evidence.expected ?? "").isEmpty)
        let location = try #require(evidence.location.flatMap(EvidenceLocation.quad(from:)), "location \(evidence.location ?? "nil")")
        let record = try #require(truth.tampering.first)
        if let region = record.region {
            // The patch found overlaps the patch pasted.
            #expect(Self.overlap(location, region) > 0.5, "\(location) against \(region)")
        } else if let line = record.line {
            // A tampered character lies in the box the finding points at.
            let centres = truth.geometry.mrzCharacterCentres[line]
            let columns = record.columns ?? Array(centres.indices)
            #expect(columns.contains { Self.contains(location, centres[$0]) }, "\(location) misses line \(line + 1) columns \(columns)")
        }
        // The policy rates the finding and the verdict follows.
        #expect(finding.severity >= .refer)
        #expect(result.verdict != .clear)
        // The layout finding is among the reasons unless a stronger finding (an MRZ misread by the reader
        // because of the very tampering) decided alone.
        #expect(result.reasons.contains { $0.code.hasPrefix("layout.") } || result.reasons.allSatisfy { $0.severity > finding.severity })
    }

    struct Genuine: Sendable, CustomStringConvertible {
        var format: SampleFormat
        var capture: CaptureMode
        var seed: UInt64
        var description: String { "\(format.rawValue) \(capture.rawValue) #\(seed)" }
    }

    @Test("genuine pages under every capture have no layout finding and are cleared", arguments: [
        Genuine(format: .td3, capture: .flat, seed: 31), Genuine(format: .td1, capture: .scan, seed: 32),
        Genuine(format: .td2, capture: .phone, seed: 33), Genuine(format: .mrvA, capture: .phone, seed: 34),
    ])
    func genuineIsClear(c: Genuine) throws {
        let request = SampleRequest(format: c.format, kind: c.capture == .phone ? .degraded : .clean, capture: c.capture,
                                    dpi: 300, seed: c.seed, referenceDate: Self.today, name: "t")
        let (result, truth) = try Self.screen(request)
        #expect(result.mrz?.document.lines == truth.mrz)
        let layout = try #require(result.layout)
        #expect(layout.measurements.linesComplete == truth.mrz.count)
        #expect(layout.findings.isEmpty, "\(layout.findings.map { "\($0.code): \($0.evidence?.measured ?? "")" })")
        #expect(result.verdict == .clear)
        // The glyphs measured are the characters printed, each within a fifth of a pitch of its truth centre.
        let pitch = truth.geometry.mrzPitch
        for (line, centres) in zip(layout.lines, truth.geometry.mrzCharacterCentres) {
            #expect(line.glyphs.count == centres.count)
            for (glyph, centre) in zip(line.glyphs, centres) {
                let c = glyph.box.corners.reduce(SIMD2<Double>.zero) { $0 + SIMD2($1.x, $1.y) } / 4
                let d = ((c.x - centre.x) * (c.x - centre.x) + (c.y - centre.y) * (c.y - centre.y)).squareRoot()
                #expect(d < pitch / 5, "glyph at \(c) is \(d) px from \(centre)")
            }
        }
    }

    /// Whether `p` lies inside the convex quadrilateral `q`.
    static func contains(_ q: ImageQuad, _ p: ImagePoint) -> Bool {
        var sign = 0.0
        for i in 0..<q.corners.count {
            let a = q.corners[i], b = q.corners[(i + 1) % q.corners.count]
            let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
            if cross != 0 {
                if sign == 0 { sign = cross } else if (cross > 0) != (sign > 0) { return false }
            }
        }
        return true
    }

    /// Intersection over union of the axis-aligned boxes around two quadrilaterals.
    static func overlap(_ a: ImageQuad, _ b: ImageQuad) -> Double {
        let p = a.bounds, q = b.bounds
        let w = max(0, min(p.maxX, q.maxX) - max(p.minX, q.minX)), h = max(0, min(p.maxY, q.maxY) - max(p.minY, q.minY))
        let union = (p.maxX - p.minX) * (p.maxY - p.minY) + (q.maxX - q.minX) * (q.maxY - q.minY) - w * h
        return union > 0 ? w * h / union : 0
    }
}
