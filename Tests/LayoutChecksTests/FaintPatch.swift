import DocumentSamples
import Imaging
import LayoutChecks
import MRZText
import Testing
@testable import Screening

/// A patch whose paper is only a couple of grey levels off the page's is still a patch when its edge runs
/// straight and sustained along the band; a smooth change of lighting of the same size is not, and nor is a
/// boundary of the same size that wanders along the band (paper texture, print), however sharp.
@Suite("Faint pasted patches")
struct FaintPatch {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    enum Change: String, Sendable, CaseIterable, CustomStringConvertible {
        /// The band on a rectangle 2 grey levels darker, edges 0.85 pitch above and below the band and one beyond its ends.
        case patch
        /// The same 2 levels, as a smooth ramp across the band (lighting).
        case ramp
        /// The same 2 levels behind sharp edges in the same places that wander 2 px in and out, eight times along
        /// each side.
        case wandering
        var description: String { rawValue }
    }

    @Test("a faint patch is found, a ramp or a wandering edge of the same size is not", arguments: Change.allCases)
    func faint(change: Change) throws {
        let request = SampleRequest(format: .td3, kind: .clean, capture: .flat, encoding: .png, dpi: 300, seed: 71,
                                    referenceDate: Self.today, name: "t")
        let rendered = try SampleGenerator().render(request)
        var page = rendered.image.luma()
        let band = rendered.truth.geometry.mrzBand.bounds
        let pitch = rendered.truth.geometry.mrzPitch
        let x0 = Int(band.minX - pitch), x1 = Int(band.maxX + pitch)
        let y0 = Int(band.minY - 0.85 * pitch), y1 = Int(band.maxY + 0.85 * pitch)
        for y in max(0, y0 - 3 * Int(pitch))..<min(page.height, y1 + 3 * Int(pitch)) {
            for x in 0..<page.width {
                let delta: Double
                switch change {
                case .patch: delta = x >= x0 && x < x1 && y >= y0 && y < y1 ? -2 : 0
                case .wandering:
                    let across = ((y - y0) * 8 / max(1, y1 - y0)) % 2 == 0 ? -2 : 2
                    let along = ((x - x0) * 8 / max(1, x1 - x0)) % 2 == 0 ? -2 : 2
                    delta = x >= x0 + across && x < x1 - across && y >= y0 + along && y < y1 - along ? -2 : 0
                case .ramp: delta = -2 * min(max(Double(y - y0 + Int(pitch)) / Double(y1 - y0 + 2 * Int(pitch)), 0), 1)
                }
                page[x, y] = UInt8(min(max((Double(page[x, y]) + delta).rounded(), 0), 255))
            }
        }
        let bytes = try JPEGEncoder.encode(page, quality: 75)
        let result = ScreeningPipeline.scan(bytes: bytes, label: "t", options: ScanOptions(referenceDate: Self.today))
        #expect(result.mrz?.document.lines == rendered.truth.mrz)
        let found = result.findings.filter { $0.code == LayoutCode.pastedRegion }
        switch change {
        case .patch:
            let finding = try #require(found.first, "\(result.layout?.measurements.pasteTopStep ?? -1) \(result.findings.map(\.code))")
            let location = try #require(finding.evidence?.location.flatMap(EvidenceLocation.quad(from:))).bounds
            // The top edge found is the patch's.
            #expect(abs(location.minY - Double(y0)) < 0.3 * pitch, "\(location) against the patch's top \(y0)")
        case .ramp, .wandering:
            #expect(found.isEmpty, "\(found.map { $0.evidence?.measured ?? "" })")
            #expect(result.verdict == .clear)
        }
    }
}
