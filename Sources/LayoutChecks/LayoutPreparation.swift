import Dispatch
import Imaging
import Synchronization

/// The checks' work that needs the page but not the MRZ (the DCT histograms of the page's sample of blocks,
/// for a JPEG), started on another core while the MRZ is read and collected by ``LayoutChecks/run(_:options:concurrently:)``.
///
/// Never waits on work that has not started: whoever comes first (the other core, or the checks asking for
/// the result) does it, so a busy machine costs the time of doing it in line, never a stall.
public final class LayoutPreparation: Sendable {
    private enum State: Sendable {
        case waiting
        case running
        case done(RecompressionCheck.PageSample?)
    }

    private let state = Mutex(State.waiting)
    private let finished = DispatchSemaphore(value: 0)
    private let image: GrayImage
    private let jpeg: [UInt8]
    private let options: LayoutOptions

    /// Starts the page-wide work for `image`, decoded from the JPEG file `jpeg`, on a global queue.
    public init(image: GrayImage, jpeg: [UInt8], options: LayoutOptions = .standard) {
        self.image = image
        self.jpeg = jpeg
        self.options = options
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            guard claim() else { return }
            let page = RecompressionCheck.pageSample(image, jpeg: jpeg, options: options)
            state.withLock { $0 = .done(page) }
            finished.signal()
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

    /// The page sample, for `image` and `jpeg` as checked; done here if no other core has started it, awaited
    /// if one has, and measured afresh if this preparation was made for another image, file or options. `nil`
    /// when the check cannot run on the page.
    func pageSample(image: GrayImage, jpeg: [UInt8], options: LayoutOptions) -> RecompressionCheck.PageSample? {
        if claim() {
            let page = RecompressionCheck.pageSample(self.image, jpeg: self.jpeg, options: self.options)
            state.withLock { $0 = .done(page) }
            finished.signal()
        }
        var result: RecompressionCheck.PageSample?
        while true {
            if case .done(let page) = state.withLock({ $0 }) {
                result = page
                break
            }
            // Started on the other core: its end is signalled once, and passed on for any later caller.
            finished.wait()
            finished.signal()
        }
        guard jpeg == self.jpeg, options == self.options, image.width == self.image.width, image.height == self.image.height
        else { return RecompressionCheck.pageSample(image, jpeg: jpeg, options: options) }
        return result
    }
}
