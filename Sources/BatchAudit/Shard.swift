/// Why a shard could not be determined, with the text or variable at fault.
public enum ShardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--shard` text that is not `I/N` with whole numbers.
    case invalidSpecification(String)
    /// An index outside `0..<count`, or a count below 1.
    case outOfRange(index: Int, count: Int)
    /// An environment variable that should hold a whole number but does not.
    case invalidVariable(name: String, value: String)
    /// An index variable is set but no count was given (`--shard-count` or `countVariable`).
    case missingCount(indexVariable: String, countVariable: String)

    /// The refusal as one line.
    public var description: String {
        switch self {
        case .invalidSpecification(let text): "invalid shard '\(text)' (expected I/N with 0 <= I < N)"
        case .outOfRange(let index, let count): "shard index \(index) is outside 0..<\(count)"
        case .invalidVariable(let name, let value): "\(name)='\(value)' is not a whole number"
        case .missingCount(let index, let count): "\(index) is set but the shard count is not: pass --shard-count or set \(count)"
        }
    }
}

/// A deterministic share of the input: file `k` belongs to shard `hash(k) mod count`.
///
/// The key of a file is its path relative to its input root (the folder given, or the manifest's folder
/// for a relative manifest entry; an absolute manifest entry is its own key), so the assignment depends on
/// neither the order of the walk, nor the machine, nor where the archive is mounted. The hash is the first
/// 8 bytes of the SHA-256 of the key's UTF-8, read big-endian: uniform, and the same on every platform.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// The environment variable Kubernetes sets in each pod of an Indexed Job (from 0).
    public static let kubernetesIndexVariable = "JOB_COMPLETION_INDEX"
    /// The variable DocScreen reads the shard count from next to ``kubernetesIndexVariable``: Kubernetes
    /// does not export the Job's `completions`, so the manifest sets it (or `--shard-count` is passed).
    public static let countVariable = "DOCSCREEN_SHARD_COUNT"

    /// This shard, from 0.
    public let index: Int
    /// How many shards share the input (at least 1).
    public let count: Int

    /// The shard `index` of `count`. Throws ``ShardError/outOfRange(index:count:)`` unless `0 <= index < count`.
    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1, index >= 0, index < count else { throw .outOfRange(index: index, count: count) }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (`--shard 3/16`).
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingSpaces), let n = Int(parts[1].trimmingSpaces) else {
            throw .invalidSpecification(text)
        }
        try self.init(index: i, count: n)
    }

    /// The shard a cluster scheduler assigned through the environment, or `nil` when none did.
    ///
    /// - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based, set by Kubernetes) with the count from
    ///   `count` (the CLI's `--shard-count`) or else `DOCSCREEN_SHARD_COUNT`.
    /// - Slurm job array: `SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`; the index is
    ///   `(SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP` (min 0 and step 1 when unset),
    ///   so `--array=1-64` and `--array=0-63` both give shards 0…63. `count` overrides the task count.
    ///
    /// Kubernetes wins when both are set. O(1).
    public static func fromEnvironment(_ environment: [String: String], count: Int? = nil) throws(ShardError) -> Shard? {
        func number(_ name: String) throws(ShardError) -> Int? {
            guard let raw = environment[name] else { return nil }
            guard let value = Int(raw.trimmingSpaces) else { throw .invalidVariable(name: name, value: raw) }
            return value
        }
        func total(_ name: String) throws(ShardError) -> Int? {
            if let count { return count }
            return try number(name)
        }
        if let index = try number(kubernetesIndexVariable) {
            guard let n = try total(countVariable) else {
                throw .missingCount(indexVariable: kubernetesIndexVariable, countVariable: countVariable)
            }
            return try Shard(index: index, count: n)
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            guard let n = try total("SLURM_ARRAY_TASK_COUNT") else {
                throw .missingCount(indexVariable: "SLURM_ARRAY_TASK_ID", countVariable: "SLURM_ARRAY_TASK_COUNT")
            }
            let minimum = try number("SLURM_ARRAY_TASK_MIN") ?? 0
            let step = try number("SLURM_ARRAY_TASK_STEP") ?? 1
            guard step >= 1, (id - minimum) % step == 0 else { throw .outOfRange(index: id - minimum, count: n) }
            return try Shard(index: (id - minimum) / step, count: n)
        }
        return nil
    }

    /// The shard a key belongs to among `count`. O(key length).
    public static func assignment(of key: String, count: Int) -> Int {
        Int(SHA256Digest.prefix64(key) % UInt64(max(count, 1)))
    }

    /// Whether the file with this key is in this shard. O(key length).
    public func contains(key: String) -> Bool {
        count == 1 || Shard.assignment(of: key, count: count) == index
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
