import Foundation

/// Writes a report's files into a folder.
public enum ReportWriter {
    /// Every file name a report may write (`gates.csv` only with gates); the ones a report does not write this
    /// time are removed from the folder, so that a stale table never sits beside a new page.
    public static let fileNames: [String] = ["index.html", "summary.csv", "verdicts.csv", "verdicts-over-time.csv", "findings-over-time.csv",
                                             "issuing-states.csv", "formats.csv", "gates.csv", "finding-codes.csv", "analysis-codes.csv",
                                             "analysis.csv", "versions.csv"]

    /// Creates `directory` as needed and writes `files` into it (each atomically: a reader sees the old file or
    /// the new one); returns the paths written, in order.
    ///
    /// - Throws: ``ReportError/write(path:message:)`` for the folder or file that failed.
    @discardableResult
    public static func write(_ files: [ReportFile], to directory: String) throws(ReportError) -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .write(path: directory, message: "exists and is not a folder") }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .write(path: directory, message: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        var written: [String] = []
        for file in files {
            let url = base.appendingPathComponent(file.name)
            do {
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw .write(path: url.path, message: error.localizedDescription)
            }
            written.append(url.path)
        }
        let names = Set(files.map(\.name))
        for stale in fileNames where !names.contains(stale) {
            let path = base.appendingPathComponent(stale).path
            if manager.fileExists(atPath: path) { try? manager.removeItem(atPath: path) }
        }
        return written
    }
}
