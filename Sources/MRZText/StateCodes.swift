/// Membership test for the state and organisation codes of Doc 9303 Part 3 (`StateCodeTable`).
///
/// Codes are three bytes, padded with `<` (`D<<` is Germany). Lookup is a bit test in a 27³-entry table.
public enum StateCodes {
    /// 27 symbols a position: `<` = 0, `A`-`Z` = 1-26.
    @inline(__always)
    static func symbol(_ b: UInt8) -> Int? {
        if b == UInt8(ascii: "<") { return 0 }
        if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { return Int(b - UInt8(ascii: "A")) + 1 }
        return nil
    }

    static let table: [Bool] = {
        var t = [Bool](repeating: false, count: 27 * 27 * 27)
        for code in StateCodeTable.iso3166.union(StateCodeTable.icaoSpecific) {
            var bytes = Array(code.utf8)
            while bytes.count < 3 { bytes.append(UInt8(ascii: "<")) }
            if let a = symbol(bytes[0]), let b = symbol(bytes[1]), let c = symbol(bytes[2]) {
                t[(a * 27 + b) * 27 + c] = true
            }
        }
        return t
    }()

    /// Whether the three MRZ bytes form a listed code.
    @inline(__always)
    public static func isValid(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        guard let x = symbol(a), let y = symbol(b), let z = symbol(c) else { return false }
        return table[(x * 27 + y) * 27 + z]
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
