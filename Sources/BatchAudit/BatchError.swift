/// Why a batch, a merge or an analysis stopped, with the path and the cause.
///
/// A file that fails to screen is never one of these: it becomes a row and a line with its error.
public enum BatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An INPUT that does not exist or is neither a folder nor a regular file.
    case inputNotFound(path: String, reason: String)
    /// A manifest that could not be opened or read to its end.
    case manifestUnreadable(path: String, reason: String)
    /// A system call on the results file failed (`operation`: open, read, write, fsync, truncate).
    case results(path: String, operation: String, error: Errno)
    /// A complete line of an existing results file that is not a scan result object (line from 1).
    case resultsCorrupt(path: String, line: Int)
    /// The audit store could not be opened, migrated, read or written.
    case store(path: String, message: String)
    /// The audit store was written by a newer DocScreen (a migration this one does not know).
    case storeTooNew(path: String, unknownMigrations: [String])
    /// The shard could not be determined.
    case shard(ShardError)

    /// The failure as one line.
    public var description: String {
        switch self {
        case .inputNotFound(let path, let reason): "input \(path): \(reason)"
        case .manifestUnreadable(let path, let reason): "manifest \(path): \(reason)"
        case .results(let path, let operation, let error): "results \(path): \(operation) failed: \(error)"
        case .resultsCorrupt(let path, let line): "results \(path): line \(line) is not a scan result object"
        case .store(let path, let message): "audit store \(path): \(message)"
        case .storeTooNew(let path, let unknown): "audit store \(path) has migrations this version does not know: \(unknown.joined(separator: ", "))"
        case .shard(let error): "\(error)"
        }
    }
}
