import GRDB

/// Read access to the audit store for other modules (reports), without reaching into its internals.
extension AuditStore {
    /// The identifiers of the schema migrations this version of the store knows, in order (`v1`, …). A reader that
    /// opens a database file itself (read-only, never migrating) checks the file's `grdb_migrations` against them.
    public static var knownMigrations: [String] { migrator.migrations }

    /// Runs `body` on a reader connection: a consistent snapshot of the last commit, concurrent with the writer.
    /// Failures become ``BatchError/store(path:message:)``. For queries only; the connection is read-only.
    public func readDatabase<T>(_ body: (Database) throws -> T) throws(BatchError) -> T {
        try withReader(body)
    }
}
