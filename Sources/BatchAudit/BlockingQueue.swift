import Foundation

/// A bounded first-in first-out queue between threads: `put` waits while it is full, `take` while it is
/// empty, so a fast producer can never hold more than `capacity` elements in memory.
///
/// The queue is closed when each of its `producers` has called ``finishProducing()``; takers then drain it
/// and get `nil`. ``cancel()`` wakes everyone at once: puts fail and takes return `nil`.
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is locked.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element?]
    private var head = 0
    private var count = 0
    private var producers: Int
    private var cancelled = false

    /// A queue holding at most `capacity` elements, closed after `producers` calls of ``finishProducing()``.
    init(capacity: Int, producers: Int) {
        items = Array(repeating: nil, count: max(capacity, 1))
        self.producers = producers
    }

    /// Appends `element`, waiting while the queue is full. Returns `false` (dropping it) once cancelled.
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == items.count, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items[(head + count) % items.count] = element
        count += 1
        condition.broadcast()
        return true
    }

    /// The oldest element, waiting while the queue is empty and open; `nil` once closed and drained, or cancelled.
    func take() -> Element? {
        takeBatch(maximum: 1).first
    }

    /// Up to `maximum` of the oldest elements: waits for the first, takes the rest only if already there.
    /// Empty once the queue is closed and drained, or cancelled.
    func takeBatch(maximum: Int) -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        while count == 0, producers > 0, !cancelled { condition.wait() }
        guard !cancelled else { return [] }
        var batch: [Element] = []
        while count > 0, batch.count < maximum {
            if let element = items[head] { batch.append(element) }
            items[head] = nil
            head = (head + 1) % items.count
            count -= 1
        }
        if !batch.isEmpty { condition.broadcast() }
        return batch
    }

    /// One producer is done; the last one closes the queue.
    func finishProducing() {
        condition.lock()
        producers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the queue: waiting puts and takes return at once, and every later one fails.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
