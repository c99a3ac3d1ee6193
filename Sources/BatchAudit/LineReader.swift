#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line through a fixed buffer: memory O(buffer + longest line), whatever the file size.
///
/// Lines end at `\n`; a trailing `\r` is removed. Whether the last line was ended by a `\n` is reported
/// (``lastLineComplete``), so that a writer killed mid-line can be recognised.
final class LineReader {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var exhausted = false
    /// Lines returned so far.
    private(set) var lineNumber = 0
    /// Whether the line last returned ended with `\n` (false only for an unterminated last line).
    private(set) var lastLineComplete = true
    /// The `errno` of a failed read, if one happened (the reader then stops).
    private(set) var readError: Int32?

    /// A reader of the open descriptor `fd`, from its current offset; `owns` closes it on `deinit`.
    init(descriptor fd: Int32, owns: Bool, bufferSize: Int = 1 << 16) {
        descriptor = fd
        ownsDescriptor = owns
        buffer = [UInt8](repeating: 0, count: max(bufferSize, 4096))
    }

    /// Opens `path` for reading, or returns the `errno` of the failure.
    static func opening(path: String) -> Result<LineReader, Errno> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Errno(errno)) }
        return .success(LineReader(descriptor: fd, owns: true))
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The next line's bytes without its terminator, or `nil` at the end of the file (or after a read error).
    func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[start..<newline])
                start = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                lineNumber += 1
                lastLineComplete = true
                return line
            }
            if exhausted {
                guard start < end else { return nil }
                var line = Array(buffer[start..<end])
                start = end
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                lineNumber += 1
                lastLineComplete = false
                return line
            }
            // Move the partial line to the front, grow the buffer if the line fills it, and read more.
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start)
                }
                end -= start
                start = 0
            }
            if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBufferPointer { b in read(descriptor, b.baseAddress! + end, b.count - end) }
            if n < 0 {
                if errno == EINTR { continue }
                readError = errno
                exhausted = true
            } else if n == 0 {
                exhausted = true
            } else {
                end += n
            }
        }
    }
}

/// A POSIX error number, with its message.
public struct Errno: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `errno` value.
    public var code: Int32

    /// The error `code`.
    public init(_ code: Int32) { self.code = code }

    /// `strerror`'s message.
    public var description: String { String(cString: strerror(code)) }
}
