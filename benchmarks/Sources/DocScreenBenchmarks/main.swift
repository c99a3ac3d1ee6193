import Foundation

// docscreen-bench [--quick] [--json] [--check BASELINE.json] [--only NAME[,NAME]]
// Library-free entry point: parses its few flags, runs the workloads, prints, and exits non-zero on a regression.

let workloads: [Workload] = [
    mrzTextWorkload,
    decodeWorkload,
    watchlistWorkload,
    mrzReadWorkload,
    pipelineWorkload,
    checksWorkload,
]

var quick = false, json = false
var baselinePath: String?
var only: Set<String>?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--quick": quick = true
    case "--json": json = true
    case "--check": baselinePath = arguments.next()
    case "--only": only = Set((arguments.next() ?? "").split(separator: ",").map(String.init))
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

var results: [Measurement] = []
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
for workload in workloads where only?.contains(workload.name) ?? true {
    do {
        let measured = try workload.run(quick)
        results += measured
        for m in measured {
            if json {
                print(String(decoding: try encoder.encode(m), as: UTF8.self))
            } else {
                var line = "\(m.name) \(m.metric): \(String(format: "%.3f", m.value)) \(m.unit)"
                if let ref = m.reference, let name = m.referenceName, let ratio = m.ratio {
                    line += "  (\(name): \(String(format: "%.3f", ref)) \(m.unit); ratio \(String(format: "%.3f", ratio)))"
                }
                print(line)
            }
        }
    } catch {
        FileHandle.standardError.write(Data("workload \(workload.name) failed: \(error)\n".utf8))
        exit(1)
    }
}

if let baselinePath {
    do {
        let failures = try BaselineCheck.compare(results, baselineAt: baselinePath)
        for failure in failures { FileHandle.standardError.write(Data("REGRESSION \(failure)\n".utf8)) }
        FileHandle.standardError.write(Data("baseline check: \(failures.isEmpty ? "ok" : "\(failures.count) regression(s)")\n".utf8))
        if !failures.isEmpty { exit(1) }
    } catch {
        FileHandle.standardError.write(Data("baseline check failed: \(error)\n".utf8))
        exit(1)
    }
}
