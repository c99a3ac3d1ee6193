import Dispatch

/// Independent pieces of work run side by side on the machine's cores, each result in its own slot.
enum SideBySide {
    /// Slots written by one piece each, read after all have finished.
    private final class Slots<T>: @unchecked Sendable {
        let values: UnsafeMutableBufferPointer<T?>
        init(_ count: Int) {
            values = .allocate(capacity: count)
            values.initialize(repeating: nil)
        }
        deinit {
            values.deinitialize()
            values.deallocate()
        }
    }

    /// `[body(0), …, body(count − 1)]`: side by side when `concurrently` (Dispatch's `concurrentPerform`, which
    /// returns when every piece has), else in order on the calling thread.
    static func map<T: Sendable>(_ count: Int, concurrently: Bool, _ body: @Sendable (Int) -> T) -> [T] {
        guard concurrently, count > 1 else { return (0..<count).map { body($0) } }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.values[$0] = body($0) }
        return slots.values.map { $0! }
    }
}
