/// Why a report could not be made, with the path and the evidence.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No file at the store's path.
    case storeNotFound(path: String)
    /// The file is not a DocScreen audit store: not SQLite, or without the store's migrations and tables.
    case notAuditStore(path: String, reason: String)
    /// The store was written by a newer DocScreen (migrations this version does not know).
    case storeTooNew(path: String, unknownMigrations: [String])
    /// A query on the store failed.
    case query(path: String, message: String)
    /// A report file could not be written.
    case write(path: String, message: String)

    /// The failure as one line.
    public var description: String {
        switch self {
        case .storeNotFound(let path): "audit store \(path): no such file"
        case .notAuditStore(let path, let reason): "\(path) is not a DocScreen audit store: \(reason)"
        case .storeTooNew(let path, let unknown):
            "audit store \(path) has migrations this version does not know (\(unknown.joined(separator: ", "))): use a newer docscreen"
        case .query(let path, let message): "audit store \(path): query failed: \(message)"
        case .write(let path, let message): "report file \(path): \(message)"
        }
    }
}
