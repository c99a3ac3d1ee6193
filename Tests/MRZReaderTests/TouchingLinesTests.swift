import DocumentSamples
import Imaging
import MRZText
import Testing
@testable import MRZReader

/// An MRZ line moved onto its neighbour (a misaligned line, tampering): glyphs of both lines join into single
/// components, and the band must still be found so that the layout checks can report the misalignment.
@Suite struct TouchingLinesTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// A clean generated page with its first MRZ line moved down by `fraction` of the line spacing, printed over what
    /// lies there (the darker pixel wins), and the moved line's centre height.
    static func movedFirstLine(format: SampleFormat, fraction: Double) throws -> (GrayImage, movedCentreY: Double, pitch: Double) {
        let sample = try SampleGenerator().generate(SampleRequest(format: format, kind: .clean, capture: .flat, dpi: 300, seed: 41,
                                                                  referenceDate: today, name: "touching"))
        let image = try ImageDecoder.decode(bytes: sample.image).image
        let geometry = sample.truth.geometry
        let first = geometry.mrzCharacterCentres[0], second = geometry.mrzCharacterCentres[1]
        let spacing = second[0].y - first[0].y
        let shift = Int((fraction * spacing).rounded())
        let height = geometry.mrzCharacterHeight
        let y0 = Int(first.map(\.y).min()! - 0.7 * height), y1 = Int(first.map(\.y).max()! + 0.7 * height)
        let x0 = Int(first.first!.x - geometry.mrzPitch), x1 = Int(first.last!.x + geometry.mrzPitch)
        var pixels = image.pixels
        var moved = [UInt8](repeating: 255, count: (y1 - y0 + 1) * (x1 - x0 + 1))
        // The line lifted off the page (paper left behind), then printed lower.
        for y in y0...y1 {
            for x in x0...x1 {
                moved[(y - y0) * (x1 - x0 + 1) + (x - x0)] = pixels[y * image.rowStride + x]
                pixels[y * image.rowStride + x] = max(pixels[y * image.rowStride + x], 230)
            }
        }
        for y in y0...y1 where y + shift < image.height {
            for x in x0...x1 {
                let i = (y + shift) * image.rowStride + x
                pixels[i] = min(pixels[i], moved[(y - y0) * (x1 - x0 + 1) + (x - x0)])
            }
        }
        let out = try GrayImage(width: image.width, height: image.height, pixels: pixels)
        return (out, first[0].y + Double(shift), geometry.mrzPitch)
    }

    @Test("a first line moved onto the second is found, where it lies, once joined glyphs are cut apart",
          arguments: [(SampleFormat.td3, 0.6), (.mrvA, 0.67), (.td3, 0.72)] as [(SampleFormat, Double)])
    func movedOntoNeighbour(format: SampleFormat, fraction: Double) throws {
        // Moved by 0.6-0.72 of the line spacing, the glyphs of the two lines touch or overlap.
        let (image, movedY, pitch) = try Self.movedFirstLine(format: format, fraction: fraction)
        // Without cutting joined glyphs apart no band is found at the first pass's scale and contrast.
        let factor = max(1, Int((Float(max(image.width, image.height)) / 900).rounded(.up)))
        let work = factor > 1 ? image.downscaled(by: factor) : image
        #expect(MRZLocator.locate(work: work, factor: factor, contrast: 0.12).isEmpty)
        let cut = MRZLocator.locate(work: work, factor: factor, contrast: 0.12, splittingJoinedLines: true)
        #expect(!cut.isEmpty)
        // The reader finds the band, with its first line where it was moved to.
        let reading = try MRZReader.read(image, options: MRZReaderOptions(referenceDate: Self.today)).get()
        #expect(reading.geometry.lines.count == 2)
        let top = reading.geometry.lines.map { $0.characters[0].center.y }.min()!
        #expect(abs(top - movedY) < pitch / 2, "first line at \(top), moved to \(movedY)")
    }
}
