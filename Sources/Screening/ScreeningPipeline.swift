import Findings
import Foundation
import Imaging
import LayoutChecks
import MRZReader
import MRZText
import VIZReader
import Watchlist

/// Options for one scan.
public struct ScanOptions: Sendable {
    /// "Today" for expiry and birth-date centuries.
    public var referenceDate: CalendarDate
    /// Image limits: pixel count checked from the header before any allocation, and file size.
    public var decode: DecodeOptions
    /// The watchlist index to screen the holder and the document against, if any.
    public var watchlist: WatchlistIndex?
    /// The policy that rates the findings and decides the verdict (the embedded default unless replaced).
    public var policy: VerdictPolicy
    /// Whether the layout and image checks run on a read MRZ.
    public var runsLayoutChecks: Bool
    /// The layout checks' tolerances.
    public var layout: LayoutOptions
    /// Whether the layout checks' independent parts run side by side on the machine's cores (the same
    /// findings, sooner). Right for one scan at a time; a batch that keeps every core busy with scans of its
    /// own turns it off.
    public var checksSideBySide: Bool
    /// Whether the result keeps the decoded image (for an annotation).
    public var keepsImage: Bool
    /// Whether the printed page (VIZ) is read and cross-checked against a read MRZ (`--no-viz` turns it off).
    public var readsVIZ: Bool
    /// The VIZ cross-check's tolerances.
    public var viz: VIZCrossCheckOptions

    /// Options from their parts; by default the embedded policy, the layout checks on with their standard
    /// tolerances and run side by side, the printed page read, and no image kept.
    public init(referenceDate: CalendarDate, decode: DecodeOptions = DecodeOptions(), watchlist: WatchlistIndex? = nil,
                policy: VerdictPolicy = .default, runsLayoutChecks: Bool = true, layout: LayoutOptions = .standard, keepsImage: Bool = false,
                readsVIZ: Bool = true, viz: VIZCrossCheckOptions = VIZCrossCheckOptions(), checksSideBySide: Bool = true) {
        self.referenceDate = referenceDate
        self.decode = decode
        self.watchlist = watchlist
        self.policy = policy
        self.runsLayoutChecks = runsLayoutChecks
        self.layout = layout
        self.keepsImage = keepsImage
        self.readsVIZ = readsVIZ
        self.viz = viz
        self.checksSideBySide = checksSideBySide
    }
}

/// Screens one document image end to end: decode → read the MRZ → validate → verdict.
///
/// Never throws: an unreadable image or a missing MRZ is a result with an `error` and the verdict `refer`.
public enum ScreeningPipeline {
    /// Scans the file at `path`. O(file size + image area).
    public static func scan(path: String, options: ScanOptions) -> ScanResult {
        let clock = ContinuousClock()
        let start = clock.now
        let bytes: [UInt8]
        do {
            bytes = try ImageDecoder.readFile(path: path, limit: options.decode.maximumFileBytes)
        } catch {
            var timings = ScanTimings()
            timings.total = milliseconds(clock.now - start)
            return unreadable(path, error, timings, options.policy)
        }
        return scan(file: path, bytes: bytes, options: options, start: start)
    }

    /// Scans an image given as bytes (`label` names it in the result). O(bytes + image area).
    public static func scan(bytes: [UInt8], label: String, options: ScanOptions) -> ScanResult {
        scan(file: label, bytes: bytes, options: options, start: ContinuousClock().now)
    }

    static func scan(file: String, bytes: [UInt8], options: ScanOptions, start: ContinuousClock.Instant) -> ScanResult {
        let clock = ContinuousClock()
        var timings = ScanTimings()
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(bytes: bytes, options: options.decode)
        } catch {
            timings.total = milliseconds(clock.now - start)
            return unreadable(file, error, timings, options.policy)
        }
        timings.decode = milliseconds(clock.now - start)
        // The DCT grid is the image's only for a whole, full-scale JPEG that was not turned.
        let gridIntact = decoded.format == .jpeg && decoded.scale == .full && decoded.orientationApplied == .up
            && decoded.region == PixelRegion(x: 0, y: 0, width: decoded.fullWidth, height: decoded.fullHeight)
        // A colour file whose MRZ reads badly is decoded again to its brightest channel: a stamp or a mark drawn over
        // the zone in colour pales there, while the black print stays.
        var brightest: (() -> GrayImage?)?
        if [.rgb, .rgba, .palette, .ycbcr].contains(decoded.info.colorModel), options.decode.grayConversion == .luma {
            var recolour = options.decode
            recolour.grayConversion = .brightestChannel
            brightest = { [recolour] in try? ImageDecoder.decode(bytes: bytes, options: recolour).image }
        }
        return scan(decoded.image, jpeg: gridIntact ? bytes : nil, brightest: brightest, file: file, options: options, timings: timings,
                    start: start)
    }

    /// Scans `image` (decoded from `jpeg` where the checks may read its DCT grid). `brightest` decodes the file
    /// again to its brightest channel: when the MRZ is not found, or fewer of its check digits hold than in that
    /// image, the MRZ is read from that image (same pixels, so the same geometry); the checks and the printed page
    /// look at `image` all the same.
    static func scan(_ image: GrayImage, jpeg: [UInt8]?, brightest: (() -> GrayImage?)? = nil, file: String,
                     options: ScanOptions, timings: ScanTimings, start: ContinuousClock.Instant) -> ScanResult {
        let clock = ContinuousClock()
        var timings = timings
        let readStart = clock.now
        // The checks' work that needs no characters on the other core while the MRZ is read: the page's DCT
        // histograms, then the glyphs along the located lines.
        let preparation = options.runsLayoutChecks && options.checksSideBySide
            ? LayoutPreparation(image: image, jpeg: jpeg, options: options.layout) : nil
        let candidates = MRZReader.locate(image)
        timings.locate = milliseconds(clock.now - readStart)
        let readerOptions = MRZReaderOptions(referenceDate: options.referenceDate)
        if let preparation, let band = candidates.first { preparation.measureGlyphs(of: band, options: readerOptions) }
        var outcome = MRZReader.read(candidates, in: image, options: readerOptions)
        // Only a reading that is missing, of no known format or with a check digit failing can be beaten by more
        // check digits holding. (The read's time then includes the second decode.)
        if let brightest, (try? outcome.get().document.valid) != true, let other = brightest() {
            let otherOutcome = MRZReader.read(other, options: readerOptions)
            let better: Bool
            switch (outcome, otherOutcome) {
            case (.failure, .success): better = true
            case (.success(let first), .success(let second)):
                better = second.document.checks.filter(\.valid).count > first.document.checks.filter(\.valid).count
            default: better = false
            }
            if better { outcome = otherOutcome }
        }
        timings.read = milliseconds(clock.now - readStart) - timings.locate
        var result = ScanResult(file: file, verdict: .refer, mrz: nil, findings: [], reasons: [], error: nil, timings: timings)
        switch outcome {
        case .success(let reading):
            result.mrz = reading
            result.findings = reading.document.findings
            if let index = options.watchlist, let fields = reading.document.fields {
                result.findings += WatchlistFindings.findings(person: PersonQuery(mrz: fields), document: DocumentQuery(mrz: fields), in: index)
            }
            if options.runsLayoutChecks {
                let checksStart = clock.now
                let report = LayoutChecks.run(LayoutInput(image: image, jpeg: jpeg, reading: reading, preparation: preparation),
                                              options: options.layout,
                                              concurrently: options.checksSideBySide)
                result.findings += report.findings
                result.layout = report
                result.timings.checks = milliseconds(clock.now - checksStart)
            }
            if options.readsVIZ, let fields = reading.document.fields {
                let vizStart = clock.now
                let report = VIZReport.check(image, reading: reading, fields: fields, options: options.viz)
                result.findings += report.findings
                result.viz = report
                result.timings.viz = milliseconds(clock.now - vizStart)
            }
        case .failure(let failure):
            let message: String
            switch failure {
            case .notFound: message = "No machine-readable zone found in the image."
            case .illegible(let c): message = "A machine-readable zone was found but is not legible (mean confidence \(Int(c * 100))%)."
            }
            result.error = ScanError(code: "mrz.not_found", message: message)
            result.findings = [Finding(code: "mrz.not_found", severity: .refer, message: message)]
        }
        result.findings = options.policy.rate(result.findings)
        (result.verdict, result.reasons) = options.policy.decide(result.findings)
        if options.keepsImage { result.image = image }
        result.timings.total = milliseconds(clock.now - start)
        return result
    }

    static func unreadable(_ file: String, _ error: ImageError, _ timings: ScanTimings, _ policy: VerdictPolicy) -> ScanResult {
        let message = "\(error)"
        let findings = policy.rate([Finding(code: "image.unreadable", severity: .refer, message: "The image could not be decoded: \(message)")])
        let (verdict, reasons) = policy.decide(findings)
        return ScanResult(file: file, verdict: verdict, mrz: nil, findings: findings, reasons: reasons,
                          error: ScanError(code: "image.unreadable", message: message), timings: timings)
    }

    static func milliseconds(_ d: Duration) -> Double {
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
        return (ms * 1000).rounded() / 1000
    }
}
