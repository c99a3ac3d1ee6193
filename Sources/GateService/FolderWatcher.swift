import BatchAudit
import Foundation
import Logging
import ServiceLifecycle

/// Screens the images a scanner drops into a folder: every new regular file whose size has stayed the same across
/// two listings (the scanner finished writing) and whose first bytes are JPEG or PNG. Files already screened (by
/// this gate, by path, also before a restart) are not screened again. The console shows them through
/// `GET /api/v1/records?after=…`.
public struct FolderWatcher: Service {
    let state: GateState
    let directory: String
    let logger: Logger

    /// A watcher of `directory` for `state`.
    public init(state: GateState, directory: String, logger: Logger) {
        self.state = state
        self.directory = directory
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var done = Set((try? self.state.store.gatePaths()) ?? [])
            var sizes: [String: Int] = [:]
            while !Task.isCancelled {
                await self.poll(done: &done, sizes: &sizes)
                try? await Task.sleep(for: self.state.configuration.watchInterval)
            }
        }
    }

    /// One listing: screens the files that are ready. Returns how many were screened.
    @discardableResult
    public func poll(done: inout Set<String>, sizes: inout [String: Int]) async -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var screened = 0
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard !done.contains(path) else { continue }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let size = (attributes[.size] as? NSNumber)?.intValue else { continue }
            defer { sizes[path] = size }
            guard size > 0, sizes[path] == size else { continue }
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            let isImage = bytes.starts(with: [0xFF, 0xD8, 0xFF]) || bytes.starts(with: [0x89, 0x50, 0x4E, 0x47])
            done.insert(path)
            sizes[path] = nil
            guard isImage else { continue }
            do {
                _ = try await state.screenOffPool(bytes: bytes, name: path)
                screened += 1
            } catch {
                done.remove(path)
                logger.error("watched file not stored", metadata: ["error": "\(error)"])
            }
        }
        return screened
    }
}

extension AuditStore {
    /// The paths of this store's gate scans. O(rows).
    func gatePaths() throws(BatchError) -> [String] {
        try readDatabase { db in try String.fetchAll(db, sql: "SELECT path FROM scan WHERE gate IS NOT NULL") }
    }
}
