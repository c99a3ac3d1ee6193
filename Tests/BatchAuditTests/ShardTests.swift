import Testing
@testable import BatchAudit

/// `--shard I/N`, the cluster environments, and the stable assignment.
@Suite struct ShardTests {
    struct Parse: Sendable, CustomStringConvertible {
        var text: String
        var index: Int?
        var count: Int?
        var description: String { "'\(text)'" }
    }

    static let parses: [Parse] = [
        Parse(text: "0/1", index: 0, count: 1), Parse(text: "3/16", index: 3, count: 16), Parse(text: " 2 / 4 ", index: 2, count: 4),
        Parse(text: "4/4"), Parse(text: "-1/4"), Parse(text: "1/0"), Parse(text: "1"), Parse(text: "a/b"), Parse(text: "1/2/3"), Parse(text: ""),
    ]

    @Test(arguments: parses)
    func parsesIndexOverCount(p: Parse) {
        let shard = try? Shard(parsing: p.text)
        #expect(shard?.index == p.index)
        #expect(shard?.count == p.count)
    }

    struct Environment: Sendable, CustomStringConvertible {
        var name: String
        var variables: [String: String]
        var count: Int?
        var expected: Result<Shard?, ShardError>
        var description: String { name }
    }

    static let environments: [Environment] = [
        Environment(name: "none", variables: ["HOME": "/root"], expected: .success(nil)),
        Environment(name: "kubernetes with count variable", variables: ["JOB_COMPLETION_INDEX": "5", "DOCSCREEN_SHARD_COUNT": "8"],
                    expected: .success(try! Shard(index: 5, count: 8))),
        Environment(name: "kubernetes with --shard-count", variables: ["JOB_COMPLETION_INDEX": "0"], count: 3,
                    expected: .success(try! Shard(index: 0, count: 3))),
        Environment(name: "kubernetes without count", variables: ["JOB_COMPLETION_INDEX": "1"],
                    expected: .failure(.missingCount(indexVariable: "JOB_COMPLETION_INDEX", countVariable: "DOCSCREEN_SHARD_COUNT"))),
        Environment(name: "kubernetes index past count", variables: ["JOB_COMPLETION_INDEX": "8", "DOCSCREEN_SHARD_COUNT": "8"],
                    expected: .failure(.outOfRange(index: 8, count: 8))),
        Environment(name: "kubernetes garbage", variables: ["JOB_COMPLETION_INDEX": "x"],
                    expected: .failure(.invalidVariable(name: "JOB_COMPLETION_INDEX", value: "x"))),
        Environment(name: "slurm from 0", variables: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0"],
                    expected: .success(try! Shard(index: 3, count: 4))),
        Environment(name: "slurm from 1", variables: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "64", "SLURM_ARRAY_TASK_MIN": "1"],
                    expected: .success(try! Shard(index: 0, count: 64))),
        Environment(name: "slurm last of 1-64", variables: ["SLURM_ARRAY_TASK_ID": "64", "SLURM_ARRAY_TASK_COUNT": "64", "SLURM_ARRAY_TASK_MIN": "1"],
                    expected: .success(try! Shard(index: 63, count: 64))),
        Environment(name: "slurm with step", variables: ["SLURM_ARRAY_TASK_ID": "6", "SLURM_ARRAY_TASK_COUNT": "4",
                                                           "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_STEP": "2"],
                    expected: .success(try! Shard(index: 3, count: 4))),
        Environment(name: "slurm without min", variables: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"],
                    expected: .success(try! Shard(index: 2, count: 3))),
        Environment(name: "slurm count overridden", variables: ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "6"], count: 10,
                    expected: .success(try! Shard(index: 5, count: 10))),
        Environment(name: "kubernetes wins over slurm", variables: ["JOB_COMPLETION_INDEX": "1", "DOCSCREEN_SHARD_COUNT": "2",
                                                                     "SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "9"],
                    expected: .success(try! Shard(index: 1, count: 2))),
    ]

    @Test(arguments: environments)
    func readsTheClusterEnvironment(e: Environment) {
        let got = Result { () throws(ShardError) -> Shard? in try Shard.fromEnvironment(e.variables, count: e.count) }
        #expect(got == e.expected)
    }

    /// The algorithm is part of the contract (shards of one archive may be run by different versions):
    /// first 8 bytes of SHA-256, big-endian, modulo the count. Values computed with Python's hashlib.
    @Test(arguments: [("a.jpg", 7, 4), ("a.jpg", 16, 10), ("scans/2024/p00001.jpg", 7, 0), ("scans/2024/p00001.jpg", 16, 4)])
    func assignmentIsSHA256PrefixModuloCount(key: String, count: Int, shard: Int) {
        #expect(Shard.assignment(of: key, count: count) == shard)
    }

    @Test(arguments: [1, 2, 3, 7])
    func everyKeyIsInExactlyOneShard(count: Int) throws {
        let keys = (0..<500).map { "archive/\($0 % 17)/page\($0).jpg" }
        let shards = try (0..<count).map { try Shard(index: $0, count: count) }
        var sizes = Array(repeating: 0, count: count)
        for key in keys {
            let owners = shards.filter { $0.contains(key: key) }
            #expect(owners.count == 1, "\(key)")
            if let owner = owners.first { sizes[owner.index] += 1 }
        }
        // Roughly even: no shard under half its share.
        #expect(sizes.allSatisfy { $0 * count * 2 >= keys.count }, "\(sizes)")
    }

    @Test func assignmentDoesNotDependOnOrder() throws {
        let keys = (0..<200).map { "p\($0).png" }
        let shard = try Shard(index: 1, count: 3)
        let forward = Set(keys.filter { shard.contains(key: $0) })
        let backward = Set(keys.reversed().filter { shard.contains(key: $0) })
        var generator = SystemRandomNumberGenerator()
        let shuffled = Set(keys.shuffled(using: &generator).filter { shard.contains(key: $0) })
        #expect(forward == backward)
        #expect(forward == shuffled)
    }
}
