import Foundation
import Imaging

/// `decode`: luma decoding of a 300-dpi TD3 page scan (125 × 88 mm → 1476 × 1039 px), a YCbCr
/// JPEG at quality 90 as a flatbed scanner writes it, generated in memory and written to a temp file.
///
/// Metrics (milliseconds per decode, medians, lower is better):
/// - `ms_full_luma`: `ImageDecoder.decode(path:)` at full size, against `bare_libjpeg`: libjpeg-turbo
///   driven by a plain C loop in-process (stdio source, one row buffer, JCS_GRAYSCALE), which is
///   what `djpeg -grayscale` does minus writing the output. Rounds alternate ours/reference.
/// - `ms_full_luma_vs_djpeg`: the same figure against the `djpeg -grayscale -outfile /dev/null`
///   process, net of process start-up (the same command on a 1 × 1 JPEG); only when djpeg exists.
/// - `ms_scale_1_2`, `ms_scale_1_4`, `ms_scale_1_8`: DCT-domain scaled decodes.
/// - `ms_band_bottom_fifth`: only the bottom fifth (the MRZ band) at full resolution.
/// - `ms_eighth_then_band`: a 1/8 decode (to find the band) plus the band at full size.
/// - `ms_full_then_downscale_8`: one full decode plus a 1/8 box downscale in memory, the other way
///   to get both (Huffman decoding dominates, and scaled or skipped rows must still be entropy-decoded).
///
/// `DOCSCREEN_DECODE_PAGE_OUT=FILE` also writes the generated page to FILE.
let decodeWorkload = Workload(name: "decode") { quick in
    let page = DecodeBenchmarkPage.make(width: 1476, height: 1039)
    let jpeg = try JPEGEncoder.encode(page, quality: 90)
    let directory = FileManager.default.temporaryDirectory
    let path = directory.appendingPathComponent("docscreen-bench-page-\(getpid()).jpg").path
    let tinyPath = directory.appendingPathComponent("docscreen-bench-1x1-\(getpid()).jpg").path
    try Data(jpeg).write(to: URL(fileURLWithPath: path))
    if let keep = ProcessInfo.processInfo.environment["DOCSCREEN_DECODE_PAGE_OUT"] {
        try Data(jpeg).write(to: URL(fileURLWithPath: keep))  // for looking at the page or timing other tools on it
    }
    try Data(JPEGEncoder.encode(RGBImage(width: 1, height: 1), quality: 90)).write(to: URL(fileURLWithPath: tinyPath))
    defer {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: tinyPath)
    }
    let rounds = quick ? 9 : 41
    let height = page.height, bandTop = height - height / 5

    func ours(_ options: DecodeOptions) throws -> () throws -> Void {
        { blackHole(try ImageDecoder.decode(path: path, options: options)) }
    }
    func bare() throws {
        guard let sum = CodecReference.libjpegGrayDecode(path: path) else { throw DecodeBenchmarkError.referenceFailed }
        blackHole(sum)
    }
    // Warm the page cache and the allocator.
    for _ in 0..<3 {
        try ours(DecodeOptions())()
        try bare()
    }
    // Alternate the two so that a noisy neighbour hurts both alike.
    let full = try ours(DecodeOptions())
    var oursTimes: [Double] = [], bareTimes: [Double] = []
    for _ in 0..<rounds {
        oursTimes.append(try Stopwatch.seconds(full))
        bareTimes.append(try Stopwatch.seconds(bare))
    }
    let oursMs = DecodeBenchmarkPage.median(oursTimes) * 1e3
    var results = [Measurement(name: "decode", metric: "ms_full_luma", value: oursMs, unit: "ms", higherIsBetter: false,
                               referenceName: "bare_libjpeg", reference: DecodeBenchmarkPage.median(bareTimes) * 1e3)]

    if let djpeg = DecodeBenchmarkPage.djpegNetMilliseconds(page: path, tiny: tinyPath, runs: quick ? 15 : 41) {
        results.append(Measurement(name: "decode", metric: "ms_full_luma_vs_djpeg", value: oursMs, unit: "ms", higherIsBetter: false,
                                   referenceName: "djpeg_grayscale_net", reference: djpeg))
    }
    for (scale, metric) in [(DecodeScale.half, "ms_scale_1_2"), (.quarter, "ms_scale_1_4"), (.eighth, "ms_scale_1_8")] {
        let body = try ours(DecodeOptions(scale: scale))
        results.append(Measurement(name: "decode", metric: metric, value: try Stopwatch.median(rounds: rounds, body) * 1e3,
                                   unit: "ms", higherIsBetter: false))
    }
    let band = DecodeOptions(region: PixelRegion(x: 0, y: bandTop, width: page.width, height: height - bandTop))
    results.append(Measurement(name: "decode", metric: "ms_band_bottom_fifth", value: try Stopwatch.median(rounds: rounds, ours(band)) * 1e3,
                               unit: "ms", higherIsBetter: false))
    let small = try ours(DecodeOptions(scale: .eighth)), bandOnly = try ours(band)
    let both = try Stopwatch.median(rounds: rounds) {
        try small()
        try bandOnly()
    }
    results.append(Measurement(name: "decode", metric: "ms_eighth_then_band", value: both * 1e3, unit: "ms", higherIsBetter: false,
                               referenceName: "ms_full_luma", reference: oursMs))
    // The alternative for find-then-read: one full decode, shrunk in memory for the search.
    let fullThenShrink = try Stopwatch.median(rounds: rounds) {
        let decoded = try ImageDecoder.decode(path: path)
        blackHole(decoded.image.downscaled(by: 8))
    }
    results.append(Measurement(name: "decode", metric: "ms_full_then_downscale_8", value: fullThenShrink * 1e3, unit: "ms",
                               higherIsBetter: false, referenceName: "ms_full_luma", reference: oursMs))
    return results
}

enum DecodeBenchmarkError: Error { case referenceFailed }

/// The synthetic page and the djpeg timing.
enum DecodeBenchmarkPage {
    /// A deterministic scan-like passport data page: off-white paper with a fine guilloche, a photo
    /// with soft gradients, dark text lines of glyph-like strokes, the two-line MRZ at the bottom,
    /// and sensor noise on every channel.
    static func make(width: Int, height: Int) -> RGBImage {
        var state: UInt64 = 0x9303_2026
        func random() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: (state >> 33) & 0x7FFF_FFFF)
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var ink = [UInt8](repeating: 0, count: width * height)  // 0 = paper, 255 = solid ink
        func stroke(_ x0: Int, _ y0: Int, _ w: Int, _ h: Int) {
            for y in max(0, y0)..<min(height, y0 + h) {
                for x in max(0, x0)..<min(width, x0 + w) { ink[y * width + x] = 230 }
            }
        }
        // A glyph: a few random strokes in a cell.
        func glyph(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ t: Int) {
            let shape = random() % 64
            if shape & 1 != 0 { stroke(x, y, t, h) }
            if shape & 2 != 0 { stroke(x + w - t, y, t, h) }
            if shape & 4 != 0 { stroke(x, y, w, t) }
            if shape & 8 != 0 { stroke(x, y + h / 2, w, t) }
            if shape & 16 != 0 { stroke(x, y + h - t, w, t) }
            if shape & 32 != 0 { stroke(x + w / 2 - t / 2, y, t, h) }
        }
        // Text fields to the right of the photo: labels (small) and values (larger).
        var y = 90
        while y < height * 3 / 4 - 40 {
            let label = random() % 3 == 0
            let h = label ? 14 : 26, w = label ? 9 : 16, t = label ? 2 : 3
            var x = 470
            let end = 470 + 200 + random() % 700
            while x + w < min(end, width - 40) {
                if random() % 7 != 0 { glyph(x, y, w, h, t) }
                x += w + 4 + (random() % 9 == 0 ? w : 0)
            }
            y += h + 18
        }
        // The MRZ: two lines of 44 OCR-B-sized characters (2.54 mm pitch = 30 px at 300 dpi).
        for line in 0..<2 {
            let top = height - 170 + line * 75
            for c in 0..<44 { glyph(60 + c * 30, top, 22, 38, 4) }
        }
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                // Paper with a faint two-tone guilloche.
                let wave = sin(Double(x) * 0.045 + sin(Double(y) * 0.02) * 3) * cos(Double(y) * 0.037)
                var r = 236 + Int(wave * 9), g = 232 + Int(wave * 6), b = 220 - Int(wave * 8)
                // Photo: a soft ellipse on a gradient.
                if x >= 60 && x < 420 && y >= 120 && y < 600 {
                    let dx = Double(x - 240) / 130, dy = Double(y - 330) / 170
                    let face = dx * dx + dy * dy < 1
                    let shade = face ? 170 - Int(dy * 40) : 110 + (y - 120) / 6
                    r = shade + 20; g = shade; b = shade - 15
                }
                let k = Int(ink[i])
                r = r * (255 - k) / 255 + 30 * k / 255
                g = g * (255 - k) / 255 + 32 * k / 255
                b = b * (255 - k) / 255 + 45 * k / 255
                let noise = random() % 13 - 6
                pixels[3 * i] = UInt8(clamping: r + noise)
                pixels[3 * i + 1] = UInt8(clamping: g + noise + random() % 3 - 1)
                pixels[3 * i + 2] = UInt8(clamping: b + noise + random() % 3 - 1)
            }
        }
        return (try? RGBImage(width: width, height: height, pixels: pixels)) ?? RGBImage(width: width, height: height)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// Median milliseconds of `djpeg -grayscale -outfile /dev/null page` minus the median for the
    /// 1 × 1 JPEG (process start-up), the two alternated; `nil` when djpeg is not installed.
    static func djpegNetMilliseconds(page: String, tiny: String, runs: Int) -> Double? {
        guard let djpeg = ["/usr/bin/djpeg", "/usr/local/bin/djpeg"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            FileHandle.standardError.write(Data("decode: djpeg not found (apt-get install libjpeg-turbo-progs); skipping ms_full_luma_vs_djpeg\n".utf8))
            return nil
        }
        // posix_spawn + waitpid: Foundation's Process waits by polling its run loop, too coarse for milliseconds.
        func run(_ file: String) -> Double? {
            let arguments = [djpeg, "-grayscale", "-outfile", "/dev/null", file]
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var pid: pid_t = 0
            var status: Int32 = 0
            var spawned = false
            let seconds = Stopwatch.seconds {
                guard posix_spawn(&pid, djpeg, nil, nil, &argv, environ) == 0 else { return }
                spawned = true
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
            return spawned && status == 0 ? seconds : nil
        }
        var pageTimes: [Double] = [], tinyTimes: [Double] = []
        for _ in 0..<runs {
            guard let p = run(page), let t = run(tiny) else { return nil }
            pageTimes.append(p)
            tinyTimes.append(t)
        }
        return max(0, median(pageTimes) - median(tinyTimes)) * 1e3
    }
}
