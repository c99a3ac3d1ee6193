import DocumentSamples
import Findings
import Imaging
import LayoutChecks
import MRZText
import Testing
@testable import Screening

/// JPEG recompression traces, evidence locations and the annotated page.
@Suite("Forensic checks and evidence")
struct ForensicChecks {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// A clean TD3 page rendered, its luma, and the truth.
    static func page(seed: UInt64) throws -> (GrayImage, SampleTruth) {
        let request = SampleRequest(format: .td3, kind: .clean, capture: .flat, encoding: .png, dpi: 300, seed: seed,
                                    referenceDate: today, name: "t")
        let rendered = try SampleGenerator().render(request)
        return (rendered.image.luma(), rendered.truth)
    }

    enum History: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Saved once: nothing to find.
        case once
        /// Saved twice, the whole page alike: no region differs.
        case twiceWhole
        /// Saved at quality 60, the MRZ band replaced by never-compressed pixels, saved again at 90.
        case bandPastedBetweenSaves
        var description: String { rawValue }
    }

    @Test("double compression is reported only where one region's history differs", arguments: History.allCases)
    func recompression(history: History) throws {
        let (original, truth) = try Self.page(seed: 41)
        var bytes: [UInt8]
        switch history {
        case .once:
            bytes = try JPEGEncoder.encode(original, quality: 90)
        case .twiceWhole:
            let first = try ImageDecoder.decode(bytes: try JPEGEncoder.encode(original, quality: 60)).image
            bytes = try JPEGEncoder.encode(first, quality: 90)
        case .bandPastedBetweenSaves:
            var first = try ImageDecoder.decode(bytes: try JPEGEncoder.encode(original, quality: 60)).image
            let band = truth.geometry.mrzBand.bounds
            for y in max(0, Int(band.minY) - 20)..<min(first.height, Int(band.maxY) + 20) {
                for x in max(0, Int(band.minX) - 20)..<min(first.width, Int(band.maxX) + 20) { first[x, y] = original[x, y] }
            }
            bytes = try JPEGEncoder.encode(first, quality: 90)
        }
        let result = ScreeningPipeline.scan(bytes: bytes, label: "page", options: ScanOptions(referenceDate: Self.today))
        #expect(result.mrz?.document.lines == truth.mrz)
        let found = result.findings.filter { $0.code == LayoutCode.recompressed }
        if history == .bandPastedBetweenSaves {
            let finding = try #require(found.first, "\(result.findings.map(\.code))")
            let location = try #require(finding.evidence?.location.flatMap(EvidenceLocation.quad(from:)))
            let b = location.bounds, band = truth.geometry.mrzBand.bounds
            #expect(b.minX <= band.minX + 20 && b.maxX >= band.maxX - 20 && b.minY <= band.minY + 20 && b.maxY >= band.maxY - 20,
                    "\(location) does not cover the band \(truth.geometry.mrzBand)")
            #expect(finding.evidence?.measured?.contains("after") == true)
        } else {
            #expect(found.isEmpty, "\(found.map { $0.evidence?.measured ?? "" })")
        }
    }

    /// Phone captures saved once, framed by flat surroundings: the flat blocks' noise fills bins 0 and 1 of the
    /// page's DCT histograms and the print the rest, so bin 2 falls short of its neighbours, a single "hole" that
    /// a first compression at a coarser step would also leave. Holes are periodic: one is not a trace.
    @Test("a genuine page saved once is not taken for recompressed by one short bin", arguments: [(UInt64(13), 60), (2026, 237)])
    func singleShortBin(seed: UInt64, index: Int) throws {
        let request = SampleGenerator.batch(count: index + 1, seed: seed, kinds: [.clean, .degraded], referenceDate: Self.today)[index]
        let sample = try SampleGenerator().generate(request)
        #expect(sample.truth.capture.mode == .phone && sample.truth.capture.encoding == .jpeg)
        var options = ScanOptions(referenceDate: Self.today)
        options.readsVIZ = false
        let result = ScreeningPipeline.scan(bytes: sample.image, label: "page", options: options)
        #expect(result.mrz?.document.lines == sample.truth.mrz)
        #expect(!result.findings.contains { $0.code == LayoutCode.recompressed }, "\(result.findings.map { $0.evidence?.measured ?? "" })")
        #expect(result.verdict == .clear)
    }

    @Test("a PNG page is not examined for JPEG traces")
    func pngIsNotExamined() throws {
        let (original, _) = try Self.page(seed: 42)
        let result = ScreeningPipeline.scan(bytes: try PNGEncoder.encode(original), label: "page", options: ScanOptions(referenceDate: Self.today))
        #expect(result.layout?.measurements.recompressionModes == 0)
        #expect(!result.findings.contains { $0.code == LayoutCode.recompressed })
    }

    @Test("evidence locations read back as the quadrilateral written",
          arguments: [[(0.0, 0.0), (10.5, 0.25), (10.5, 7.0), (0.0, 7.25)], [(1204.04, 88.96), (1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]])
    func locationRoundTrip(points: [(Double, Double)]) throws {
        let quad = ImageQuad(corners: points.map { ImagePoint(x: $0.0, y: $0.1) })
        let back = try #require(EvidenceLocation.quad(from: EvidenceLocation.text(quad)))
        for (a, b) in zip(quad.corners, back.corners) {
            #expect(abs(a.x - b.x) <= 0.05 && abs(a.y - b.y) <= 0.05)
        }
        #expect(EvidenceLocation.quad(from: "2:14") == nil)
    }

    @Test("the annotation draws the band and each finding at its location")
    func annotation() throws {
        let request = SampleRequest(format: .td1, kind: .fraud, tampering: .mrzPasted, capture: .scan, encoding: .jpeg,
                                    dpi: 300, seed: 5_080_073_275_953_576_488, referenceDate: Self.today, name: "t")
        let sample = try SampleGenerator().generate(request)
        var options = ScanOptions(referenceDate: Self.today)
        options.keepsImage = true
        let result = ScreeningPipeline.scan(bytes: sample.image, label: "page", options: options)
        let canvas = try #require(ScanAnnotation.render(result))
        let finding = try #require(result.findings.first { $0.code == LayoutCode.pastedRegion })
        let quad = try #require(finding.evidence?.location.flatMap(EvidenceLocation.quad(from:)))
        // The finding's first corner is drawn in the alert colour.
        let corner = quad.corners[0]
        var red = 0
        for dy in -3...3 {
            for dx in -3...3 {
                let x = Int(corner.x) + dx, y = Int(corner.y) + dy
                if x >= 0, y >= 0, x < canvas.width, y < canvas.height, canvas[x, y] == RGBColor(red: 230, green: 0, blue: 0) { red += 1 }
            }
        }
        #expect(red > 0)
        // Without a kept image there is nothing to draw.
        #expect(ScanAnnotation.render(ScreeningPipeline.scan(bytes: sample.image, label: "page", options: ScanOptions(referenceDate: Self.today))) == nil)
    }
}
