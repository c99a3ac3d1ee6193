import Imaging
import MRZText
import Testing
@testable import DocumentSamples

@Suite struct GeometryTests {
    @Test("The MRZ band and the page lie inside the image; every cell centre lies in the band",
          arguments: SampleFormat.allCases, CaptureMode.allCases)
    func bandInsideImage(format: SampleFormat, capture: CaptureMode) throws {
        for seed in UInt64(20)...21 {
            let truth = try sample(format, capture: capture, seed: seed).truth
            let g = truth.geometry
            for p in g.mrzBand.corners + g.documentOutline.corners {
                #expect(p.x >= 0 && p.y >= 0 && p.x <= Double(truth.width) && p.y <= Double(truth.height),
                         "\(p) outside \(truth.width)x\(truth.height), rotation \(truth.capture.rotation)")
            }
            #expect(g.mrzCharacterCentres.map(\.count) == truth.mrz.map(\.count))
            for line in g.mrzCharacterCentres {
                for c in line { #expect(inside(c, g.mrzBand, tolerance: 0.5)) }
            }
            for p in g.mrzBand.corners { #expect(inside(p, g.documentOutline, tolerance: 0.5)) }
            for (field, box) in g.vizFields {
                for p in box.corners { #expect(inside(p, g.documentOutline, tolerance: 0.5), "\(field)") }
            }
        }
    }

    @Test("Flat pages put the MRZ where Doc 9303 does: pitch 2.54 mm, first cell at the left margin, centre lines from the bottom edge",
          arguments: SampleFormat.allCases, [150, 300])
    func icaoPosition(format: SampleFormat, dpi: Int) throws {
        let truth = try sample(format, dpi: dpi, seed: 2).truth
        let mm = Double(dpi) / 25.4
        let g = truth.geometry
        #expect(truth.width == Int((format.pageSize.width * mm).rounded()))
        #expect(abs(g.mrzPitch - 2.54 * mm) < 1e-9)
        let bottom = Double(truth.height)
        let expectedFromBottom = format == .td1 ? [11.5, 7.27, 3.04] : [15.75, 9.40]
        for (l, line) in g.mrzCharacterCentres.enumerated() {
            #expect(abs(line[0].x - (format.mrzLeftMargin + 1.27) * mm) < 0.01)
            #expect(abs((bottom - line[0].y) / mm - expectedFromBottom[l]) < 0.02 + 1 / mm)
            for i in 1..<line.count { #expect(abs(line[i].x - line[i - 1].x - 2.54 * mm) < 0.02) }
        }
        // The band spans exactly the cells and the printing zones.
        let band = g.mrzBand.corners
        #expect(abs(band[0].x - format.mrzLeftMargin * mm) < 0.01)
        #expect(abs(band[1].x - band[0].x - Double(format.mrzFormat.lineLength) * 2.54 * mm) < 0.01)
        #expect(abs(band[3].y - band[0].y - ((format == .td1 ? 8.46 : 6.35) + format.printingZoneHeight) * mm) < 0.01)
    }

    @Test("Phone captures turn the page: the outline's first corner follows the recorded rotation")
    func phoneRotation() throws {
        var quarterTurns = Set<Int>()
        for seed in UInt64(1)...24 {
            let truth = try sample(.td1, .degraded, capture: .phone, seed: seed).truth
            let o = truth.geometry.documentOutline.corners
            let angle = atan2Degrees(o[1].y - o[0].y, o[1].x - o[0].x)
            var difference = angle - truth.capture.rotation
            while difference > 180 { difference -= 360 }
            while difference < -180 { difference += 360 }
            #expect(abs(difference) < 8, "top edge at \(angle)°, recorded rotation \(truth.capture.rotation)°")
            #expect(truth.capture.dpi >= 150 && truth.capture.dpi <= 250)
            quarterTurns.insert(Int(((truth.capture.rotation + 45 + 360).truncatingRemainder(dividingBy: 360)) / 90))
        }
        #expect(quarterTurns == [0, 1, 2, 3])
    }

    private func atan2Degrees(_ y: Double, _ x: Double) -> Double {
        // atan2 without Foundation: through the library's own helper.
        arcTangent2(y, x) * 180 / Double.pi
    }
}
