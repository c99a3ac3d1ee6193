import Imaging
import MRZText
import Synchronization
@testable import DocumentSamples

/// The reference date every test judges documents on.
let reference = CalendarDate(year: 2026, month: 11, day: 22)!

/// One generator for all tests (it holds only font paths).
let generator = SampleGenerator()

/// A sample at a low resolution so that the debug build stays quick.
func sample(_ format: SampleFormat, _ kind: SampleKind = .clean, tampering: TamperKind? = nil, capture: CaptureMode = .flat,
            encoding: ImageEncoding? = nil, dpi: Int = 150, seed: UInt64 = 42) throws -> RenderedSample {
    try generator.render(SampleRequest(format: format, kind: kind, tampering: tampering, capture: capture, encoding: encoding,
                                       dpi: dpi, seed: seed, referenceDate: reference, name: "test"))
}

/// Genuine flat pages already rendered, by format and seed: every tampering test compares against them.
private let genuinePages = Mutex<[String: RenderedSample]>([:])

/// The genuine flat PNG page of `format` and `seed` (rendered once per test run).
func genuinePage(_ format: SampleFormat, seed: UInt64) throws -> RenderedSample {
    let key = "\(format.rawValue)-\(seed)"
    if let cached = genuinePages.withLock({ $0[key] }) { return cached }
    let page = try sample(format, .clean, capture: .flat, encoding: .png, seed: seed)
    genuinePages.withLock { $0[key] = page }
    return page
}

/// The MRZ of a truth, parsed and validated on the reference date.
func parse(_ truth: SampleTruth) -> MRZDocument {
    MRZParser.parse(lines: truth.mrz, options: MRZParseOptions(referenceDate: reference))
}

/// Pixels (x, y) where two images of the same size differ.
func differingPixels(_ a: RGBImage, _ b: RGBImage) -> [(x: Int, y: Int)] {
    var out: [(x: Int, y: Int)] = []
    for i in 0..<(a.width * a.height) where a.pixels[3 * i] != b.pixels[3 * i] || a.pixels[3 * i + 1] != b.pixels[3 * i + 1]
        || a.pixels[3 * i + 2] != b.pixels[3 * i + 2] {
        out.append((i % a.width, i / a.width))
    }
    return out
}

/// Whether `p` lies inside the convex quadrilateral `quad` (corners in order), with `tolerance` pixels of slack.
func inside(_ p: ImagePoint, _ q: ImageQuad, tolerance: Double = 0) -> Bool {
    let quad = q.corners
    var sign = 0.0
    for i in 0..<quad.count {
        let a = quad[i], b = quad[(i + 1) % quad.count]
        let ex = b.x - a.x, ey = b.y - a.y
        let length = (ex * ex + ey * ey).squareRoot()
        let cross = (ex * (p.y - a.y) - ey * (p.x - a.x)) / length
        if sign == 0, abs(cross) > tolerance { sign = cross > 0 ? 1 : -1 }
        if sign != 0, cross * sign < -tolerance { return false }
    }
    return true
}
