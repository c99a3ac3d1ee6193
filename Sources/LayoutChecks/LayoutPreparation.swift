import Dispatch
import Imaging
import MRZReader
import Synchronization

/// The checks' work that can start before the MRZ is read, started on another core while it is read and collected
/// by ``LayoutChecks/run(_:options:concurrently:)``: the DCT histograms of the page's sample of blocks (for a
/// JPEG), which need no MRZ, and the glyphs along the located lines (``measureGlyphs(of:options:)``), which need no
/// characters and are used when the reading's lines lie where they were located.
///
/// Never waits on work that has not started: whoever comes first (the other core, or the checks asking for
/// the result) does it, so a busy machine costs the time of doing it in line, never a stall.
public final class LayoutPreparation: Sendable {
    private let image: GrayImage
    private let jpeg: [UInt8]?
    private let options: LayoutOptions
    private let page: SharedWork<RecompressionCheck.PageSample?>?
    private let glyphs = Mutex<SharedWork<[GlyphMeasurement.FoundGlyphs?]>?>(nil)

    /// Starts the page-wide work for `image`, decoded from the JPEG file `jpeg` (`nil` for another format: there
    /// is no page-wide work then), on a global queue.
    public init(image: GrayImage, jpeg: [UInt8]?, options: LayoutOptions = .standard) {
        self.image = image
        self.jpeg = jpeg
        self.options = options
        page = jpeg.map { jpeg in SharedWork { RecompressionCheck.pageSample(image, jpeg: jpeg, options: options) } }
    }

    /// Starts finding the glyphs along the lines of `candidate` (the band the reader is about to read) where the
    /// reader will place them if it reads them left to right (``MRZReader/provisionalPlacements(_:in:options:)``),
    /// on a global queue.
    public func measureGlyphs(of candidate: MRZBandCandidate, options reader: MRZReaderOptions) {
        let image = image
        let work = SharedWork<[GlyphMeasurement.FoundGlyphs?]> {
            let placements = MRZReader.provisionalPlacements(candidate, in: image, options: reader) ?? []
            return placements.map { placement in LineFrame(placement).flatMap { GlyphMeasurement.glyphs(image, frame: $0) } }
        }
        glyphs.withLock { $0 = work }
    }

    /// The page sample, for `image` and `jpeg` as checked; done here if no other core has started it, awaited
    /// if one has, and measured afresh if this preparation was made for another image, file or options. `nil`
    /// when the check cannot run on the page.
    func pageSample(image: GrayImage, jpeg: [UInt8], options: LayoutOptions) -> RecompressionCheck.PageSample? {
        guard let page, jpeg == self.jpeg, options == self.options, image.width == self.image.width, image.height == self.image.height
        else { return RecompressionCheck.pageSample(image, jpeg: jpeg, options: options) }
        return page.value()
    }

    /// The glyphs found along `frame` of `image` while the MRZ was read, when a line was measured there (the same
    /// as ``GlyphMeasurement/glyphs(_:frame:)`` would find now), else `nil`; found here if no other core has
    /// started on them.
    func foundGlyphs(image: GrayImage, frame: LineFrame) -> GlyphMeasurement.FoundGlyphs? {
        guard image.sharesPixels(with: self.image), let work = glyphs.withLock({ $0 }) else { return nil }
        return work.value().lazy.compactMap { $0 }.first { $0.frame == frame }
    }
}

/// Work done once by whoever comes first: a global queue's thread, or a caller asking for the value.
final class SharedWork<Value: Sendable>: Sendable {
    private enum State: Sendable {
        case waiting
        case running
        case done(Value)
    }

    private let state = Mutex(State.waiting)
    private let finished = DispatchSemaphore(value: 0)
    private let body: @Sendable () -> Value

    /// Starts `body` on a global queue.
    init(_ body: @escaping @Sendable () -> Value) {
        self.body = body
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            guard claim() else { return }
            complete(body())
        }
    }

    /// Whether the work was still waiting (it is now the caller's).
    private func claim() -> Bool {
        state.withLock { state in
            guard case .waiting = state else { return false }
            state = .running
            return true
        }
    }

    private func complete(_ value: Value) {
        state.withLock { $0 = .done(value) }
        finished.signal()
    }

    /// The value: computed here if no thread has started it, awaited if one has.
    func value() -> Value {
        if claim() { complete(body()) }
        while true {
            if case .done(let value) = state.withLock({ $0 }) { return value }
            // Its end is signalled once, and passed on for any later caller.
            finished.wait()
            finished.signal()
        }
    }
}

extension GrayImage {
    /// Whether `other` is this very image (the same pixel storage): O(1), where `==` compares every pixel.
    func sharesPixels(with other: GrayImage) -> Bool {
        guard width == other.width, height == other.height, rowStride == other.rowStride else { return false }
        return pixels.withUnsafeBufferPointer { a in
            other.pixels.withUnsafeBufferPointer { b in a.baseAddress != nil && a.baseAddress == b.baseAddress }
        }
    }
}
