/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit generator whose whole state is one word.
///
/// Every draw of the sample generator comes from it, through the generator's own conversions to
/// floating point and ranges (never the standard library's), so that a seed reproduces the same bytes
/// on every run and every platform with IEEE doubles.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The current state; the next output is a function of it alone.
    public private(set) var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// An independent generator for the named purpose: its seed is a hash of this state and `label`, and
    /// this generator does not advance. Use it to keep streams apart (content, capture, tampering), so that
    /// a change in one does not shift the others.
    public func stream(_ label: UInt64) -> SplitMix64 {
        SplitMix64(seed: Self.mix(state ^ Self.mix(label &+ 0x632B_E59B_D9B4_E019)))
    }

    /// The SplitMix64 output function (a bijective 64-bit mixer).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// Uniform in `[0, 1)`, 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in `[lower, upper)`.
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// Uniform over the integers of `range` (multiply-high reduction; the bias is below 2^-32).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    /// Approximately standard normal: the centred sum of four uniforms, rescaled (Irwin–Hall).
    /// Cheap and bounded (|z| < 3.47), which is what image noise wants.
    mutating func gaussian() -> Double {
        let bits = next()
        let a = Double(bits & 0xFFFF), b = Double((bits >> 16) & 0xFFFF)
        let c = Double((bits >> 32) & 0xFFFF), d = Double(bits >> 48)
        return ((a + b + c + d) / 65536.0 - 2.0) * 1.7320508075688772
    }

    /// `count` characters drawn from `alphabet` (with repetition), as a string.
    mutating func string(from alphabet: String, count: Int) -> String {
        let chars = Array(alphabet)
        return String((0..<count).map { _ in pick(chars) })
    }
}
