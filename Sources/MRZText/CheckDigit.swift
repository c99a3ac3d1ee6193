/// ICAO Doc 9303 Part 3 §4.9 check digits: weights 7, 3, 1 repeating; `0-9` count as themselves,
/// `A`-`Z` as 10-35 and the filler `<` as 0; the digit is the weighted sum modulo 10.
public enum CheckDigit {
    /// The value of one MRZ character in a check-digit sum, or `nil` outside `A-Z0-9<`.
    @inlinable
    public static func value(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte &- UInt8(ascii: "A")) &+ 10
        case UInt8(ascii: "<"): 0
        default: nil
        }
    }

    /// The check digit (0-9) over `bytes`, or `nil` when a byte is outside the MRZ character set.
    ///
    /// - Complexity: O(n) in the number of bytes.
    @inlinable
    public static func compute<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var sum = 0
        var index = 0
        for byte in bytes {
            guard let v = value(of: byte) else { return nil }
            let weight = index % 3 == 0 ? 7 : (index % 3 == 1 ? 3 : 1)
            sum &+= v &* weight
            index &+= 1
        }
        return sum % 10
    }

    /// The check digit over `text` (an MRZ field), or `nil` when it holds a character outside `A-Z0-9<`.
    public static func compute(_ text: some StringProtocol) -> Int? {
        compute(Array(text.utf8))
    }

    /// The check digit over several ranges of one buffer, weights running on across the ranges
    /// (as the composite check digit requires).
    ///
    /// - Complexity: O(total length of the ranges); no allocation.
    @inlinable
    static func compute(_ buffer: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> Int? {
        var sum = 0
        var index = 0
        for range in ranges {
            for i in range {
                guard let v = value(of: buffer[i]) else { return nil }
                let weight = index % 3 == 0 ? 7 : (index % 3 == 1 ? 3 : 1)
                sum &+= v &* weight
                index &+= 1
            }
        }
        return sum % 10
    }
}
