#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file to screen.
public struct InputFile: Sendable, Hashable {
    /// The path read and reported: `file` in RESULTS, `path` in the audit store (the input root as given,
    /// joined with the path below it).
    public var path: String
    /// The shard key: the path relative to its input root (see ``Shard``).
    public var key: String

    /// A file from its path and shard key.
    public init(path: String, key: String) {
        self.path = path
        self.key = key
    }
}

/// What one INPUT argument is.
public enum InputKind: String, Sendable, Hashable {
    /// A folder, walked recursively; images recognised by their first bytes.
    case folder
    /// A text file listing one path per line (relative paths are relative to the manifest's folder).
    case manifest
    /// A single image file.
    case image
}

/// The image formats recognised by their first bytes: JPEG (`FF D8 FF`) and PNG (`89 50 4E 47 0D 0A 1A 0A`).
public enum ImageMagic {
    /// Bytes needed to decide.
    public static let prefixLength = 8

    /// Whether `prefix` (the first bytes of a file) starts a JPEG or PNG file. O(1).
    public static func isImage(_ prefix: some Collection<UInt8>) -> Bool {
        let b = Array(prefix.prefix(prefixLength))
        if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF { return true }
        return b == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    }

    /// The first bytes of the file at `path`, or `nil` when it cannot be opened or read.
    static func prefix(ofFile path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: prefixLength)
        var got = 0
        while got < prefixLength {
            let n = bytes.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + got, prefixLength - got) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            got += n
        }
        return Array(bytes.prefix(got))
    }
}

/// Counts of what a walk met besides the files it yielded.
public struct InputTally: Sendable, Hashable {
    /// Regular files whose first bytes are neither JPEG nor PNG (folders only; a manifest's entries are all taken).
    public var nonImages = 0
    /// Files left to other shards.
    public var otherShards = 0
    /// Folders that could not be opened (their content is not screened).
    public var unreadableFolders = 0
    /// Names that are not valid UTF-8 (cannot be reported faithfully in JSON; not screened).
    public var unrepresentableNames = 0
    /// Symbolic links to folders, not followed (a link may close a cycle).
    public var folderLinks = 0

    /// Nothing counted yet.
    public init() {}
}

/// Streams the files of the INPUT arguments: folders depth-first in directory order, manifests line by line.
///
/// Memory is O(folder depth + longest manifest line), whatever the archive size: nothing is listed ahead.
/// Files outside `shard` are counted and not sniffed. A file that cannot be opened to read its first bytes
/// is still yielded (it becomes a row with its error); only readable files that are not images are skipped.
/// Not thread-safe: one walker per thread.
public final class InputWalker: IteratorProtocol, Sequence {
    private struct OpenFolder {
        var handle: OpaquePointer
        /// Relative path of the folder below the root, ending in `/` (empty for the root).
        var prefix: String
    }

    private let sources: [(path: String, kind: InputKind)]
    private let shard: Shard?
    private var sourceIndex = -1
    private var folders: [OpenFolder] = []
    private var root = ""
    private var manifest: LineReader?
    private var manifestFolder = ""
    private var pendingImage: InputFile?
    /// What the walk skipped so far.
    public private(set) var tally = InputTally()
    /// The first manifest read failure, if any (the walk goes on with the next input).
    public private(set) var manifestError: BatchError?

    /// A walker over `inputs` (each classified by ``classify(_:)`` first) keeping only `shard`'s files.
    public init(inputs: [(path: String, kind: InputKind)], shard: Shard?) {
        sources = inputs
        self.shard = shard
    }

    deinit {
        for folder in folders { closedir(folder.handle) }
    }

    /// What `path` is: a folder, an image (by its first bytes) or else a manifest.
    /// Throws ``BatchError/inputNotFound(path:)`` when it does not exist or is neither a folder nor a file.
    public static func classify(_ path: String) throws(BatchError) -> InputKind {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .inputNotFound(path: path, reason: Errno(errno).description) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG:
            if let prefix = ImageMagic.prefix(ofFile: path), ImageMagic.isImage(prefix) { return .image }
            return .manifest
        default: throw .inputNotFound(path: path, reason: "neither a folder nor a regular file")
        }
    }

    /// The next file of this shard, or `nil` when every input is done.
    public func next() -> InputFile? {
        while true {
            if let file = pendingImage {
                pendingImage = nil
                if accept(key: file.key) { return file }
                continue
            }
            if !folders.isEmpty {
                if let file = nextInFolder() { return file }
                continue
            }
            if let reader = manifest {
                if let file = nextInManifest(reader) { return file }
                continue
            }
            sourceIndex += 1
            guard sourceIndex < sources.count else { return nil }
            start(sources[sourceIndex])
        }
    }

    private func start(_ source: (path: String, kind: InputKind)) {
        switch source.kind {
        case .image:
            pendingImage = InputFile(path: source.path, key: source.path)
        case .folder:
            root = source.path.count > 1 && source.path.hasSuffix("/") ? String(source.path.dropLast()) : source.path
            if let handle = opendir(source.path) {
                folders.append(OpenFolder(handle: handle, prefix: ""))
            } else {
                tally.unreadableFolders += 1
            }
        case .manifest:
            switch LineReader.opening(path: source.path) {
            case .success(let reader):
                manifest = reader
                let slash = source.path.lastIndex(of: "/")
                manifestFolder = slash.map { String(source.path[...$0]) } ?? ""
            case .failure(let error):
                if manifestError == nil { manifestError = .manifestUnreadable(path: source.path, reason: error.description) }
            }
        }
    }

    private func accept(key: String) -> Bool {
        if let shard, !shard.contains(key: key) {
            tally.otherShards += 1
            return false
        }
        return true
    }

    /// The next file of the innermost open folder (closing and popping finished folders), or `nil` to go on.
    private func nextInFolder() -> InputFile? {
        let folder = folders[folders.count - 1]
        guard let entry = readdir(folder.handle) else {
            closedir(folder.handle)
            folders.removeLast()
            return nil
        }
        let nameBytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
        if nameBytes == [0x2E] || nameBytes == [0x2E, 0x2E] { return nil }
        guard let name = String(validating: nameBytes, as: UTF8.self) else {
            tally.unrepresentableNames += 1
            return nil
        }
        let relative = folder.prefix + name
        let path = root == "/" ? "/" + relative : root + "/" + relative
        var type = Int32(entry.pointee.d_type)
        if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
            var info = stat()
            if stat(path, &info) != 0 {
                // A dangling link or a file gone: still an input, reported with its error.
                return accept(key: relative) ? InputFile(path: path, key: relative) : nil
            }
            let mode = info.st_mode & S_IFMT
            if mode == S_IFDIR {
                if type == Int32(DT_LNK) {
                    tally.folderLinks += 1
                    return nil
                }
                type = Int32(DT_DIR)
            } else if mode == S_IFREG {
                type = Int32(DT_REG)
            } else {
                return nil
            }
        }
        if type == Int32(DT_DIR) {
            if let handle = opendir(path) {
                folders.append(OpenFolder(handle: handle, prefix: relative + "/"))
            } else {
                tally.unreadableFolders += 1
            }
            return nil
        }
        guard type == Int32(DT_REG), accept(key: relative) else { return nil }
        if let prefix = ImageMagic.prefix(ofFile: path), !ImageMagic.isImage(prefix) {
            tally.nonImages += 1
            return nil
        }
        return InputFile(path: path, key: relative)
    }

    /// The next entry of the open manifest (closing it at its end), or `nil` to go on.
    private func nextInManifest(_ reader: LineReader) -> InputFile? {
        guard let bytes = reader.next() else {
            if let error = reader.readError, manifestError == nil {
                manifestError = .manifestUnreadable(path: sources[sourceIndex].path, reason: Errno(error).description)
            }
            manifest = nil
            return nil
        }
        let entry = String(decoding: bytes, as: UTF8.self).trimmingSpaces
        guard !entry.isEmpty else { return nil }
        guard accept(key: entry) else { return nil }
        let path = entry.hasPrefix("/") ? entry : manifestFolder + entry
        return InputFile(path: path, key: entry)
    }
}
