import DocumentSamples
import Imaging
import MRZReader
import MRZText
import Screening

/// Generated 300-dpi pages (JPEG, as a scanner writes them) shared by the reader and pipeline workloads.
struct GeneratedPages {
    var files: [[UInt8]]
    var truths: [[String]]

    static func make(count: Int, formats: [SampleFormat], kinds: [SampleKind] = [.clean]) throws -> GeneratedPages {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        let generator = SampleGenerator()
        var pages = GeneratedPages(files: [], truths: [])
        for request in SampleGenerator.batch(count: count, seed: 0xD0C5, formats: formats, kinds: kinds, dpi: 300, referenceDate: today) {
            var r = request
            if r.kind == .clean { r.capture = .scan; r.encoding = .jpeg }
            let sample = try generator.generate(r)
            pages.files.append(sample.image)
            pages.truths.append(sample.truth.mrz)
        }
        return pages
    }

    /// Decodes every page (full-size luma): the reference the reader and the pipeline are timed against.
    func decodeAll() {
        for file in files { blackHole(try? ImageDecoder.decode(bytes: file)) }
    }

    /// Scans every page with `options`.
    func scanAll(_ options: ScanOptions) {
        for (i, file) in files.enumerated() { blackHole(ScreeningPipeline.scan(bytes: file, label: "page\(i)", options: options)) }
    }
}

/// `mrz-read`: locate + read + validate on generated 300-dpi TD3 pages against a bare full-size decode of
/// the same files, in the same run; and the exact-read rate on generated pages of every format and kind.
let mrzReadWorkload = Workload(name: "mrz-read") { quick in
    let today = CalendarDate(year: 2026, month: 11, day: 22)!
    let options = MRZReaderOptions(referenceDate: today)
    let td3 = try GeneratedPages.make(count: quick ? 6 : 20, formats: [.td3])
    let images = try td3.files.map { try ImageDecoder.decode(bytes: $0).image }
    let rounds = quick ? 9 : 21
    // The read and its reference decode taken in turn, the fastest round of each.
    let timings = Stopwatch.fastestInterleaved(rounds: rounds,
                                               { td3.decodeAll() },
                                               { for image in images { blackHole(MRZReader.read(image, options: options)) } })
    let decode = timings.a / Double(td3.files.count), read = timings.b / Double(images.count)
    // The two halves of the read, reported apart so that a regression names its stage.
    let locate = Stopwatch.fastest(rounds: rounds) {
        for image in images { blackHole(MRZReader.locate(image)) }
    } / Double(images.count)
    let bands = images.map { MRZReader.locate($0) }
    let recognise = Stopwatch.fastest(rounds: rounds) {
        for (image, candidates) in zip(images, bands) { blackHole(MRZReader.read(candidates, in: image, options: options)) }
    } / Double(images.count)
    let mixed = try GeneratedPages.make(count: quick ? 24 : 120, formats: [.td1, .td2, .td3, .mrvA], kinds: [.clean, .degraded])
    var exact = 0
    for (file, truth) in zip(mixed.files, mixed.truths) {
        guard let image = try? ImageDecoder.decode(bytes: file).image else { continue }
        if case .success(let reading) = MRZReader.read(image, options: options), reading.document.lines == truth { exact += 1 }
    }
    return [
        Measurement(name: "mrz-read", metric: "ms_locate_read_validate_td3", value: read * 1000, unit: "ms", higherIsBetter: false,
                    referenceName: "full_luma_decode", reference: decode * 1000),
        Measurement(name: "mrz-read", metric: "ms_locate_td3", value: locate * 1000, unit: "ms", higherIsBetter: false,
                    referenceName: "full_luma_decode", reference: decode * 1000),
        Measurement(name: "mrz-read", metric: "ms_recognise_validate_td3", value: recognise * 1000, unit: "ms", higherIsBetter: false,
                    referenceName: "full_luma_decode", reference: decode * 1000),
        Measurement(name: "mrz-read", metric: "exact_fraction_generated", value: Double(exact) / Double(max(mixed.files.count, 1)),
                    unit: "fraction", higherIsBetter: true),
    ]
}

/// `pipeline`: `scan` end to end (decode, locate, read, validate, checks, verdict) on generated 300-dpi TD3
/// JPEGs, against a bare full-size decode of the same files in the same run: without the printed-page read
/// (`scan --no-viz`, the MRZ path the reader's speed bar is about; also without the layout checks) and with
/// it (the default `scan`), and what the printed-page read adds (`ms_viz_added_td3`, the two scans timed in turn).
let pipelineWorkload = Workload(name: "pipeline") { quick in
    let today = CalendarDate(year: 2026, month: 11, day: 22)!
    let td3 = try GeneratedPages.make(count: quick ? 6 : 20, formats: [.td3])
    // The MRZ path and its reference decode taken in turn, so that a busy spell weighs on both alike.
    let timings = Stopwatch.fastestInterleaved(rounds: quick ? 7 : 15,
                                               { td3.decodeAll() },
                                               { td3.scanAll(ScanOptions(referenceDate: today, readsVIZ: false)) })
    let decode = timings.a / Double(td3.files.count), scan = timings.b / Double(td3.files.count)
    // The MRZ path alone (decode, locate, read, validate, verdict): the layout checks left out.
    var mrzOnly = ScanOptions(referenceDate: today, readsVIZ: false)
    mrzOnly.runsLayoutChecks = false
    let scanMRZ = Stopwatch.fastest(rounds: quick ? 7 : 15) { td3.scanAll(mrzOnly) } / Double(td3.files.count)
    // The printed-page engine loads its models once per process: one scan first, outside the timing.
    let withVIZ = ScanOptions(referenceDate: today)
    blackHole(ScreeningPipeline.scan(bytes: td3.files[0], label: "warm-up", options: withVIZ))
    // The scan with the printed-page read and the same scan without it, taken in turn: what the VIZ adds is their
    // difference in the same rounds (issue #10's bar is on it).
    let vizTimings = Stopwatch.fastestInterleaved(rounds: quick ? 3 : 5,
                                                  { td3.scanAll(ScanOptions(referenceDate: today, readsVIZ: false)) },
                                                  { td3.scanAll(withVIZ) })
    let scanVIZ = vizTimings.b / Double(td3.files.count)
    let vizAdded = (vizTimings.b - vizTimings.a) / Double(td3.files.count)
    return [
        Measurement(name: "pipeline", metric: "ms_scan_td3", value: scan * 1000, unit: "ms", higherIsBetter: false,
                    referenceName: "full_luma_decode", reference: decode * 1000),
        Measurement(name: "pipeline", metric: "ms_scan_td3_without_checks", value: scanMRZ * 1000, unit: "ms", higherIsBetter: false,
                    referenceName: "full_luma_decode", reference: decode * 1000),
        Measurement(name: "pipeline", metric: "ms_scan_td3_with_viz", value: scanVIZ * 1000, unit: "ms", higherIsBetter: false,
                    referenceName: "full_luma_decode", reference: decode * 1000),
        Measurement(name: "pipeline", metric: "ms_viz_added_td3", value: vizAdded * 1000, unit: "ms", higherIsBetter: false,
                    referenceName: "full_luma_decode", reference: decode * 1000),
    ]
}
