/// Membership test for the state and organisation codes of Doc 9303 Part 3 (`StateCodeTable`).
///
/// Codes are three bytes, padded with `<` (`D<<` is Germany). Lookup is one bit test in a 27³-bit set.
public enum StateCodes {
    /// 27 symbols a position: `<` = 0, `A`-`Z` = 1-26.
    @inline(__always)
    static func symbol(_ b: UInt8) -> Int? {
        if b == UInt8(ascii: "<") { return 0 }
        if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { return Int(b - UInt8(ascii: "A")) + 1 }
        return nil
    }

    /// Whether the three MRZ bytes form a listed code.
    @inline(__always)
    public static func isValid(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        guard let x = symbol(a), let y = symbol(b), let z = symbol(c) else { return false }
        let index = (x * 27 + y) * 27 + z
        return StateCodeTable.bitset.withUnsafeBufferPointer { $0[index >> 6] & (1 << UInt64(index & 63)) != 0 }
    }

    /// Whether `code` (`UTO`, `D`, `GBD`, with or without `<` padding) is a listed code.
    public static func isValid(_ code: some StringProtocol) -> Bool {
        var bytes = Array(code.utf8)
        guard bytes.count <= 3 else { return false }
        while bytes.count < 3 { bytes.append(UInt8(ascii: "<")) }
        return isValid(bytes[0], bytes[1], bytes[2])
    }

    /// The English name Doc 9303 gives the code, when listed.
    public static func name(of code: String) -> String? {
        StateCodeTable.names[MRZDocument.trimFiller(code)]
    }
}
