import DocumentSamples
import Imaging
import MRZText
import Testing
@testable import MRZReader

/// A page photographed at a slant: its characters grow along each line towards the nearer end, by a fifth from
/// one end of the page to the other. Each cell is sampled at its own pitch (the located grid's slope there), not
/// the line's one pitch, which reads the cells at the far end a size too large and those at the near end a size
/// too small.
@Suite struct PerspectiveTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    struct Case: Sendable, CustomStringConvertible {
        var format: SampleFormat
        var seed: UInt64
        var upsideDown: Bool
        var description: String { "\(format.rawValue) #\(seed)\(upsideDown ? " upside down" : "")" }
    }

    static let cases: [Case] = [
        Case(format: .td3, seed: 65, upsideDown: false), Case(format: .td1, seed: 66, upsideDown: false),
        Case(format: .td2, seed: 65, upsideDown: true), Case(format: .mrvA, seed: 66, upsideDown: true),
        Case(format: .td3, seed: 67, upsideDown: true),
        // The second line starts with a narrow `N` at the far end: judged against the near end's height it
        // was a speck, and the line started a cell late.
        Case(format: .td3, seed: 66, upsideDown: false),
    ]

    @Test("a page with a fifth's keystone is read exactly", arguments: cases)
    func keystone(c: Case) throws {
        let request = SampleRequest(format: c.format, kind: .clean, capture: .flat, encoding: .png, dpi: 300, seed: c.seed,
                                    referenceDate: Self.today, name: "t")
        let rendered = try SampleGenerator().render(request)
        var page = rendered.image.luma().keystoned(growth: 1.2)
        if c.upsideDown { page = page.rotated180() }
        let reading = try MRZReader.read(page, options: MRZReaderOptions(referenceDate: Self.today)).get()
        #expect(reading.document.lines == rendered.truth.mrz)
        // The located cells' pitches follow the print: larger at the page's right (its near end). Along the line
        // perspective scales as the square of across it: 1.2² over the page's width, 1.37 over a line's.
        let band = try #require(MRZReader.locate(page).first).band
        for line in band.lines {
            let xs = line.centers.map(\.x)
            let right = try #require(xs.indices.max { xs[$0] < xs[$1] }), left = try #require(xs.indices.min { xs[$0] < xs[$1] })
            let growth = c.upsideDown ? line.pitch(ofCell: left) / line.pitch(ofCell: right) : line.pitch(ofCell: right) / line.pitch(ofCell: left)
            #expect(growth > 1.25 && growth < 1.5, "pitch grows \(growth) times along the line")
        }
    }

    /// The glyphs of a 44-character line whose pitch grows by half from one end to the other (6.5 to 9.75 pixels;
    /// glyphs blurred to 0.8 of the pitch wide, 1.1 of it tall), as the locator's components: a passport
    /// photographed obliquely at 150 dpi.
    static func steepLine() -> (line: MRZLocator.Line, centres: [Float]) {
        var components: [TextComponent] = []
        var centres: [Float] = []
        var x: Float = 80
        for k in 0..<44 {
            let pitch = 6.5 + 3.25 * Float(k) / 43
            let width = Int32((0.8 * pitch).rounded()), height = Int32((1.1 * pitch).rounded())
            let minX = Int32(x.rounded()) - width / 2
            components.append(TextComponent(minX: minX, minY: 200 - height / 2, maxX: minX + width - 1, maxY: 200 - height / 2 + height - 1,
                                            count: width * height / 2, sumX: 0, sumY: 0))
            centres.append(components[k].centerX)
            x += pitch
        }
        return (MRZLocator.Line(components: components), centres)
    }

    @Test("a line whose pitch grows by half along it is one cell per glyph, from its first glyph")
    func steepLineCells() throws {
        let (line, centres) = Self.steepLine()
        let measured = try #require(MRZLocator.measure(line))
        #expect(measured.count == 44)
        #expect(abs(measured.first - centres[0]) < 1)
        #expect(abs(measured.grid.value(43) - centres[43]) < 1.5)
    }
}
