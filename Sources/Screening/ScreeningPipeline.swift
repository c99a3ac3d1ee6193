import Findings
import Foundation
import Imaging
import MRZReader
import MRZText
import Watchlist

/// Options for one scan.
public struct ScanOptions: Sendable {
    /// "Today" for expiry and birth-date centuries.
    public var referenceDate: CalendarDate
    /// Image limits: pixel count checked from the header before any allocation, and file size.
    public var decode: DecodeOptions
    /// The watchlist index to screen the holder and the document against, if any.
    public var watchlist: WatchlistIndex?

    public init(referenceDate: CalendarDate, decode: DecodeOptions = DecodeOptions(), watchlist: WatchlistIndex? = nil) {
        self.referenceDate = referenceDate
        self.decode = decode
        self.watchlist = watchlist
    }
}

/// Screens one document image end to end: decode → read the MRZ → validate → verdict.
///
/// Never throws: an unreadable image or a missing MRZ is a result with an `error` and the verdict `refer`.
public enum ScreeningPipeline {
    /// Scans the file at `path`.
    public static func scan(path: String, options: ScanOptions) -> ScanResult {
        scan(file: path, options: options) { () throws(ImageError) in try ImageDecoder.decode(path: path, options: options.decode) }
    }

    /// Scans an image given as bytes (`label` names it in the result).
    public static func scan(bytes: [UInt8], label: String, options: ScanOptions) -> ScanResult {
        scan(file: label, options: options) { () throws(ImageError) in try ImageDecoder.decode(bytes: bytes, options: options.decode) }
    }

    static func scan(file: String, options: ScanOptions, decode: () throws(ImageError) -> DecodedImage) -> ScanResult {
        let clock = ContinuousClock()
        let start = clock.now
        var timings = ScanTimings()
        let decoded: DecodedImage
        do {
            decoded = try decode()
        } catch {
            timings.total = milliseconds(clock.now - start)
            return unreadable(file, error, timings)
        }
        timings.decode = milliseconds(clock.now - start)
        return scan(decoded.image, file: file, options: options, timings: timings, start: start)
    }

    static func scan(_ image: GrayImage, file: String, options: ScanOptions, timings: ScanTimings,
                     start: ContinuousClock.Instant) -> ScanResult {
        let clock = ContinuousClock()
        var timings = timings
        let readStart = clock.now
        let candidates = MRZReader.locate(image)
        timings.locate = milliseconds(clock.now - readStart)
        let readerOptions = MRZReaderOptions(referenceDate: options.referenceDate)
        let outcome = MRZReader.read(candidates, in: image, options: readerOptions)
        timings.read = milliseconds(clock.now - readStart) - timings.locate
        var result = ScanResult(file: file, verdict: .refer, mrz: nil, findings: [], reasons: [], error: nil, timings: timings)
        switch outcome {
        case .success(let reading):
            result.mrz = reading
            result.findings = reading.document.findings
            if let index = options.watchlist, let fields = reading.document.fields {
                result.findings += WatchlistFindings.findings(person: PersonQuery(mrz: fields), document: DocumentQuery(mrz: fields), in: index)
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
        (result.verdict, result.reasons) = VerdictPolicy.default.decide(result.findings)
        result.timings.total = milliseconds(clock.now - start)
        return result
    }

    static func unreadable(_ file: String, _ error: ImageError, _ timings: ScanTimings) -> ScanResult {
        let message = "\(error)"
        let finding = Finding(code: "image.unreadable", severity: .refer, message: "The image could not be decoded: \(message)")
        return ScanResult(file: file, verdict: .refer, mrz: nil, findings: [finding], reasons: [finding],
                          error: ScanError(code: "image.unreadable", message: message), timings: timings)
    }

    static func milliseconds(_ d: Duration) -> Double {
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
        return (ms * 1000).rounded() / 1000
    }
}

/// Turns findings into a verdict. The default: the strongest severity among the findings decides
/// (`alert` → alert, `refer` → refer, else clear), and the reasons are the findings of that severity.
public struct VerdictPolicy: Sendable {
    public static let `default` = VerdictPolicy()

    public func decide(_ findings: [Finding]) -> (Verdict, [Finding]) {
        guard let strongest = findings.strongestSeverity, strongest != .info else { return (.clear, []) }
        let verdict: Verdict = strongest == .alert ? .alert : .refer
        return (verdict, findings.filter { $0.severity == strongest })
    }
}
