import MRZText

let reference = CalendarDate(year: 2026, month: 11, day: 22)!
let options = MRZParseOptions(referenceDate: reference)

func parse(_ lines: [String], correction: MRZCorrectionMode = .none) -> MRZDocument {
    MRZParser.parse(lines: lines, options: MRZParseOptions(referenceDate: reference, correction: correction))
}

func failedChecks(_ d: MRZDocument) -> Set<MRZCheckName> {
    Set(d.checks.filter { !$0.valid }.map(\.name))
}

func codes(_ d: MRZDocument) -> Set<String> { Set(d.findings.map(\.code)) }

/// A deterministic generator (SplitMix64) so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

func randomWord(_ rng: inout SplitMix64, _ range: ClosedRange<Int>) -> String {
    String((0..<Int.random(in: range, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
}

func twoDigits(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

/// Random valid content of `format`: real dates, listed states, names that fit.
func randomContent(_ format: MRZFormat, _ rng: inout SplitMix64) -> MRZContent {
    let states = ["UTO", "D", "GBR", "VNM", "FRA", "XXA", "UNO", "GBD", "RKS", "EUE", "USA", "NLD"]
    let birthYear = Int.random(in: 1940...2019, using: &rng)
    let birthMonth = Int.random(in: 1...12, using: &rng)
    let birthDay = Int.random(in: 1...CalendarDate.daysIn(month: birthMonth, year: birthYear), using: &rng)
    let expiryYear = Int.random(in: 2027...2036, using: &rng)
    let expiryMonth = Int.random(in: 1...12, using: &rng)
    let expiryDay = Int.random(in: 1...CalendarDate.daysIn(month: expiryMonth, year: expiryYear), using: &rng)
    let longNumber = (format == .td1 || format == .td2) && Bool.random(using: &rng)
    let numberLength = longNumber ? Int.random(in: 10...12, using: &rng) : Int.random(in: 6...9, using: &rng)
    let code: String
    switch format {
    case .td3: code = "P"
    case .mrvA, .mrvB: code = "V"
    case .td1, .td2: code = ["I", "ID", "AC", "IR"].randomElement(using: &rng)!
    }
    let optionalLength: Int
    switch format {
    case .td3: optionalLength = Int.random(in: 0...14, using: &rng)
    case .mrvA: optionalLength = Int.random(in: 0...16, using: &rng)
    case .mrvB: optionalLength = Int.random(in: 0...8, using: &rng)
    case .td2: optionalLength = longNumber ? 0 : Int.random(in: 0...7, using: &rng)
    case .td1: optionalLength = longNumber ? Int.random(in: 0...(15 - (numberLength - 9) - 2), using: &rng) : Int.random(in: 0...15, using: &rng)
    }
    return MRZContent(
        format: format, documentCode: code,
        issuingState: states.randomElement(using: &rng)!,
        surname: randomWord(&rng, 2...12) + (Bool.random(using: &rng) ? " " + randomWord(&rng, 2...8) : ""),
        givenNames: randomWord(&rng, 2...9) + (Bool.random(using: &rng) ? " " + randomWord(&rng, 2...7) : ""),
        documentNumber: String((0..<numberLength).map { _ in alphanumerics.randomElement(using: &rng)! }),
        nationality: states.randomElement(using: &rng)!,
        birthDate: twoDigits(birthYear % 100) + twoDigits(birthMonth) + twoDigits(birthDay),
        sex: ["M", "F", "X", "<"].randomElement(using: &rng)!,
        expiryDate: twoDigits(expiryYear % 100) + twoDigits(expiryMonth) + twoDigits(expiryDay),
        optionalData: String((0..<optionalLength).map { _ in alphanumerics.randomElement(using: &rng)! }),
        optionalData2: format == .td1 ? String((0..<Int.random(in: 0...11, using: &rng)).map { _ in alphanumerics.randomElement(using: &rng)! }) : "")
}
