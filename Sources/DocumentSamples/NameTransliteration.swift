/// Names as the MRZ writes them: upper-case `A-Z`, words separated by spaces (the composer turns spaces
/// and hyphens into `<`), following the Latin transliteration of ICAO Doc 9303 Part 3 §6 (Ä → AE,
/// Å → AA, Ø → OE, Ü → UE, Þ → TH, ß → SS, Đ → D …); every other Latin letter with diacritics loses them
/// (`Nguyễn Văn Đức` → `NGUYEN VAN DUC`). Apostrophes and other punctuation are dropped.
///
/// A private stand-in until `MRZText` carries the project's shared ICAO transliteration.
enum NameTransliteration {
    /// The MRZ form of `name`.
    static func mrz(_ name: String) -> String {
        var out = ""
        var lastWasSpace = true
        for scalar in name.uppercased().unicodeScalars {
            let text = latin(scalar)
            if text == " " {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else if text == "-" {
                out.append("-")
                lastWasSpace = true
            } else if !text.isEmpty {
                out += text
                lastWasSpace = false
            }
        }
        while out.hasSuffix(" ") || out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// Multi-letter and irregular transliterations of Part 3 §6 (upper-case letters only).
    private static let special: [UInt32: String] = [
        0x00C4: "AE", 0x00C5: "AA", 0x00C6: "AE", 0x00D6: "OE", 0x00D8: "OE", 0x00DC: "UE", 0x00DE: "TH",
        0x1E9E: "SS", 0x00DF: "SS", 0x0152: "OE", 0x0132: "IJ", 0x00D0: "D", 0x0110: "D", 0x0131: "I",
        0x0141: "L", 0x0126: "H", 0x0166: "T", 0x014A: "N",
    ]

    private static func latin(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if (0x41...0x5A).contains(v) { return String(scalar) }
        if v == 0x20 || v == 0x2D { return String(scalar) }
        if let s = special[v] { return s }
        if v < 0x80 { return "" }
        if scalar.properties.generalCategory == .nonspacingMark { return "" }
        // A precomposed Latin letter: its Unicode name gives the base letter
        // ("LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND TILDE" → E).
        guard let name = scalar.properties.name else { return "" }
        for prefix in ["LATIN CAPITAL LETTER ", "LATIN SMALL LETTER "] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if let first = rest.first, first.isASCII, first.isLetter, rest.count == 1 || rest.dropFirst().first == " " {
                return String(first)
            }
        }
        return ""
    }
}
