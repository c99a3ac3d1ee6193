import DocumentSamples
import MRZText
import Screening

/// `checks`: the time the layout and image checks add to a `scan`, on generated 300-dpi JPEG pages of every
/// format (clean scans and phone captures): the same files scanned with the checks and without, in the same
/// run, taken in turn, the fastest round of each. The bar: at most 20% added. `added_fraction` is against
/// `scan --no-viz` (the MRZ path alone); `added_fraction_of_default_scan` against a default `scan`, which also reads
/// the printed page.
let checksWorkload = Workload(name: "checks") { quick in
    let today = CalendarDate(year: 2026, month: 11, day: 22)!
    let pages = try GeneratedPages.make(count: quick ? 8 : 24, formats: [.td1, .td2, .td3, .mrvA], kinds: [.clean, .degraded])
    // The printed-page (VIZ) read is left out of both: it would swamp what the checks add.
    let with = ScanOptions(referenceDate: today, readsVIZ: false)
    var without = with
    without.runsLayoutChecks = false
    var sequential = with
    sequential.checksSideBySide = false
    let timings = Stopwatch.fastestInterleaved(rounds: quick ? 9 : 21, [{ pages.scanAll(without) }, { pages.scanAll(with) }, { pages.scanAll(sequential) }])
    let perPage = timings.map { $0 / Double(pages.files.count) }
    let base = perPage[0], full = perPage[1], oneCore = perPage[2]
    // The same pages scanned as `docscreen scan` does by default, the printed page read too: what the checks add
    // to that (the engine's models loaded first, outside the timing).
    let scan = ScanOptions(referenceDate: today)
    blackHole(ScreeningPipeline.scan(bytes: pages.files[0], label: "warm-up", options: scan))
    let byDefault = Stopwatch.fastest(rounds: quick ? 2 : 3) { pages.scanAll(scan) } / Double(pages.files.count)
    return [
        Measurement(name: "checks", metric: "ms_scan_with_checks", value: full * 1000, unit: "ms", higherIsBetter: false,
                    referenceName: "scan_without_checks", reference: base * 1000),
        Measurement(name: "checks", metric: "added_fraction", value: (full - base) / base, unit: "fraction", higherIsBetter: false),
        Measurement(name: "checks", metric: "added_fraction_one_core", value: (oneCore - base) / base,
                    unit: "fraction", higherIsBetter: false),
        Measurement(name: "checks", metric: "added_fraction_of_default_scan", value: (full - base) / byDefault, unit: "fraction",
                    higherIsBetter: false),
    ]
}
