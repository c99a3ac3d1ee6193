#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The RESULTS file: JSON Lines, only ever appended to, one whole line per `write(2)`.
///
/// Opened with `O_APPEND`, so every write lands at the end whatever else happened. A process killed during
/// a write can leave at most one unterminated last line; ``removePartialLastLine()`` cuts it on the next
/// start. Not thread-safe: one writer.
final class ResultsFile {
    let path: String
    private let descriptor: Int32
    private var unsyncedLines = 0

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Opens (creating it, mode 0644) the results file at `path` for appending.
    static func opening(path: String) throws(BatchError) -> ResultsFile {
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .results(path: path, operation: "open", error: Errno(errno)) }
        return ResultsFile(path: path, descriptor: fd)
    }

    /// Cuts an unterminated last line (what a kill during a write leaves) and returns how many bytes were cut.
    /// Reads backwards from the end in 64 KiB steps: O(last line).
    func removePartialLastLine() throws(BatchError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .results(path: path, operation: "stat", error: Errno(errno)) }
        let size = Int(info.st_size)
        guard size > 0 else { return 0 }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var end = size
        var keep = 0
        search: while end > 0 {
            let start = max(0, end - chunk.count)
            let count = end - start
            var got = 0
            while got < count {
                let n = chunk.withUnsafeMutableBufferPointer { pread(descriptor, $0.baseAddress! + got, count - got, off_t(start + got)) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw .results(path: path, operation: "read", error: Errno(n < 0 ? errno : EIO)) }
                got += n
            }
            if end == size, chunk[count - 1] == UInt8(ascii: "\n") { return 0 }
            if let newline = chunk[0..<count].lastIndex(of: UInt8(ascii: "\n")) {
                keep = start + newline + 1
                break search
            }
            end = start
        }
        guard ftruncate(descriptor, off_t(keep)) == 0 else { throw .results(path: path, operation: "truncate", error: Errno(errno)) }
        try sync()
        return size - keep
    }

    /// Appends `line` (which must end with `\n` and hold no other) with one `write(2)`; should the system
    /// write only part of it (a signal, a full disk), the rest follows at once. Counts towards the next
    /// ``syncIfDue(every:)``.
    func append(_ line: [UInt8]) throws(BatchError) {
        var written = 0
        while written < line.count {
            let n = line.withUnsafeBufferPointer { write(descriptor, $0.baseAddress! + written, line.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw .results(path: path, operation: "write", error: Errno(n < 0 ? errno : EIO)) }
            written += n
        }
        unsyncedLines += 1
    }

    /// `fsync`s when at least `lines` lines were appended since the last one.
    func syncIfDue(every lines: Int) throws(BatchError) {
        if unsyncedLines >= lines { try sync() }
    }

    /// `fsync`s the file.
    func sync() throws(BatchError) {
        guard fsync(descriptor) == 0 else { throw .results(path: path, operation: "fsync", error: Errno(errno)) }
        unsyncedLines = 0
    }
}
