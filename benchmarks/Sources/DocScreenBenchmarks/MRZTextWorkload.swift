import MRZText

/// `mrz-text`: TD3 parse-and-validate throughput on one core (every check digit, dates, codes, names).
///
/// Inputs are 1,024 generated TD3 documents held as bytes: all valid (what a gate mostly sees), and the same
/// set with every tenth birth-date check digit broken (each broken one builds its findings and messages).
let mrzTextWorkload = Workload(name: "mrz-text") { quick in
    let today = CalendarDate(year: 2026, month: 11, day: 22)!
    let options = MRZParseOptions(referenceDate: today)
    var rng = BenchmarkRandom(seed: 9303)
    let states = ["NLD", "VNM", "DEU", "D", "FRA", "GBR", "UTO", "XXA", "USA", "BRA"]
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    func word(_ n: Int) -> String { String((0..<n).map { _ in letters[rng.below(26)] }) }
    var documents: [[UInt8]] = []
    var broken: [[UInt8]] = []
    for i in 0..<1024 {
        let content = MRZContent(
            format: .td3, documentCode: "P", issuingState: states[rng.below(states.count)],
            surname: word(3 + rng.below(9)), givenNames: word(3 + rng.below(6)) + " " + word(2 + rng.below(6)),
            documentNumber: word(2) + String(1_000_000 + rng.below(8_999_999)), nationality: states[rng.below(states.count)],
            birthDate: "\(50 + rng.below(49))0\(1 + rng.below(9))1\(rng.below(9))", sex: ["M", "F", "X"][rng.below(3)],
            expiryDate: "3\(rng.below(5))0\(1 + rng.below(9))2\(rng.below(8))", optionalData: String(rng.below(999_999_999)))
        guard let bytes = try? Array(MRZComposer.lines(for: content).joined().utf8) else { continue }
        documents.append(bytes)
        var damaged = bytes
        if i % 10 == 9 { damaged[44 + 19] = UInt8(ascii: "0") + UInt8((Int(damaged[44 + 19]) - 47) % 10) }
        broken.append(damaged)
    }
    let rounds = quick ? 300 : 2000
    var sink = 0
    func pass(_ documents: [[UInt8]]) {
        for bytes in documents {
            let d = MRZParser.parse(bytes: bytes, lineCount: 2, options: options)
            sink &+= d.valid ? 1 : 0
            sink &+= d.findings.count
        }
    }
    pass(documents)
    let valid = Stopwatch.median(rounds: 5) {
        for _ in 0..<(rounds / 5) { pass(documents) }
    }
    let mixed = Stopwatch.median(rounds: 5) {
        for _ in 0..<(rounds / 5) { pass(broken) }
    }
    blackHole(sink)
    return [
        Measurement(name: "mrz-text", metric: "td3_docs_per_second", value: Double(documents.count * (rounds / 5)) / valid,
                    unit: "docs/s", higherIsBetter: true),
        Measurement(name: "mrz-text", metric: "td3_docs_per_second_10pct_broken", value: Double(broken.count * (rounds / 5)) / mixed,
                    unit: "docs/s", higherIsBetter: true),
    ]
}

/// SplitMix64: reproducible inputs for every run.
struct BenchmarkRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
