import AuditReport
import Foundation
import GRDB
import Testing
@testable import BatchAudit

/// Files that are not audit stores this version can read: a clear error, and the file left as it was.
@Suite struct StoreErrorTests {
    enum Kind: String, CaseIterable, Sendable { case missing, directory, text, foreignSQLite, tooNew, emptySQLite }

    @Test(arguments: Kind.allCases)
    func refused(kind: Kind) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.sqlite")
        switch kind {
        case .missing: break
        case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .text: try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        case .foreignSQLite:
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE scan(id INTEGER PRIMARY KEY, name TEXT)") }
        case .emptySQLite:
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE grdb_migrations(identifier TEXT NOT NULL PRIMARY KEY)") }
        case .tooNew:
            _ = try AuditStore(path: path)
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v999-from-the-future')") }
        }
        let before = FileManager.default.contents(atPath: path)
        do {
            _ = try ReportData(storeAt: path)
            Issue.record("a \(kind) file gave a report")
        } catch {
            switch (kind, error) {
            case (.missing, .storeNotFound(let p)): #expect(p == path)
            case (.directory, .notAuditStore(_, let reason)): #expect(reason.contains("directory"))
            case (.text, .notAuditStore(_, let reason)): #expect(reason.contains("not an SQLite database"))
            case (.foreignSQLite, .notAuditStore(_, let reason)): #expect(reason.contains("grdb_migrations"))
            case (.emptySQLite, .notAuditStore(_, let reason)): #expect(reason.contains("v1"))
            case (.tooNew, .storeTooNew(_, let unknown)): #expect(unknown == ["v999-from-the-future"])
            default: Issue.record("\(kind): unexpected \(error)")
            }
            #expect(error.description.contains(path))
        }
        // Read-only: nothing created or migrated.
        #expect(FileManager.default.contents(atPath: path) == before)
        if kind == .missing { #expect(!FileManager.default.fileExists(atPath: path)) }
    }
}
