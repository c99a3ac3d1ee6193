import DocumentSamples
import Imaging
import MRZText
import Testing
@testable import Screening

/// A mark drawn in colour over the MRZ (a red ring around it on a specimen, crossing the lines' ends): the scan
/// reads the zone from the file's brightest channel, where the mark pales and the black print stays.
@Suite struct ColourOverprintTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// A clean generated page as a colour JPEG with a red ring drawn around its MRZ, through the first and last
    /// characters of each line, and the page's MRZ text.
    static func ringedPage(format: SampleFormat, seed: UInt64) throws -> (jpeg: [UInt8], mrz: [String]) {
        let sample = try SampleGenerator().generate(SampleRequest(format: format, kind: .clean, capture: .flat, dpi: 300, seed: seed,
                                                                  referenceDate: today, name: "ring"))
        let gray = try ImageDecoder.decode(bytes: sample.image).image
        var pixels = RGBImage(gray).pixels
        let centres = sample.truth.geometry.mrzCharacterCentres
        let pitch = sample.truth.geometry.mrzPitch, height = sample.truth.geometry.mrzCharacterHeight
        let left = centres[0][0].x - 0.2 * pitch, right = centres[0].last!.x + 0.2 * pitch
        let top = centres[0][0].y - 1.6 * height, bottom = centres.last!.last!.y + 1.6 * height
        let cx = (left + right) / 2, cy = (top + bottom) / 2, rx = (right - left) / 2, ry = (bottom - top) / 2
        // The ring: points whose distance from the ellipse is under a third of a pitch, in a strong red printed over
        // the page (the inks multiply: paper turns red, black print stays black).
        let band = 0.35 * pitch
        for y in 0..<gray.height {
            for x in 0..<gray.width {
                let dx = (Double(x) - cx) / rx, dy = (Double(y) - cy) / ry
                let r = (dx * dx + dy * dy).squareRoot()
                guard abs(r - 1) * min(rx, ry) < band / 2 else { continue }
                let i = (y * gray.width + x) * 3
                for (k, ink) in [230, 20, 20].enumerated() { pixels[i + k] = UInt8(Int(pixels[i + k]) * ink / 255) }
            }
        }
        let ringed = try RGBImage(width: gray.width, height: gray.height, pixels: pixels)
        return (try JPEGEncoder.encode(ringed, quality: 92), sample.truth.mrz)
    }

    @Test("the MRZ is read through a red ring drawn over it", arguments: [(SampleFormat.td3, UInt64(41)), (.td1, 7)] as [(SampleFormat, UInt64)])
    func ringedZoneIsRead(format: SampleFormat, seed: UInt64) throws {
        let (jpeg, mrz) = try Self.ringedPage(format: format, seed: seed)
        let options = ScanOptions(referenceDate: Self.today, readsVIZ: false)
        let result = ScreeningPipeline.scan(bytes: jpeg, label: "ring", options: options)
        #expect(result.mrz?.document.lines == mrz)
        // In luma alone the ring is as dark as the print: the same page read without the brightest channel is not
        // read right, so the test needs the fallback to pass.
        let luma = try ImageDecoder.decode(bytes: jpeg).image
        let alone = ScreeningPipeline.scan(luma, jpeg: jpeg, file: "ring", options: options, timings: ScanTimings(), start: .now)
        #expect(alone.mrz?.document.lines != mrz)
    }
}
