import Foundation

/// Text folding shared by the label table, the date parser and the cross-check: upper case, diacritics
/// dropped (`Đ` → `D`, `Ł` → `L`, `Ø` → `O`), so that `Ngày sinh` and `NGAY SINH` compare equal.
enum VIZText {
    /// `text` upper-cased with its combining marks dropped; other characters kept. O(n).
    static func fold(_ text: String) -> String {
        // ASCII (captions, dates, codes as `eng` reads them): upper case is the whole fold, without the round
        // trip through canonical decomposition (ASCII has no marks and decomposes to itself).
        asciiUppercased(text) ?? foldScalars(text)
    }

    /// The fold by Unicode scalars, for any text (``fold(_:)`` takes a shortcut for ASCII). O(n).
    static func foldScalars(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.uppercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar {
            case "Đ", "Ð": out.append("D")
            case "Ł": out.append("L")
            case "Ø": out.append("O")
            case "Æ": out.append(contentsOf: "AE".unicodeScalars)
            case "Œ": out.append(contentsOf: "OE".unicodeScalars)
            case "ß": out.append(contentsOf: "SS".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// `text` with `a`-`z` upper-cased when it is all ASCII (what `uppercased()` gives there), else `nil`. O(n).
    static func asciiUppercased(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            for b in bytes where b >= 0x80 { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in 0..<bytes.count {
                    let b = bytes[i]
                    out[i] = b >= 0x61 && b <= 0x7A ? b - 0x20 : b
                }
                return bytes.count
            }
        }
    }

    /// Folded words of `text`: runs of letters and digits, everything else a separator.
    static func words(_ text: String) -> [String] {
        var folded = fold(text)
        // ASCII: the letters and digits are `A`-`Z`, `a`-`z` and `0`-`9` (the fold left no lower case).
        let ascii = folded.withUTF8 { bytes -> [String]? in
            var out: [String] = []
            var start = -1
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x80 else { return nil }
                let isWord = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                if isWord {
                    if start < 0 { start = i }
                } else if start >= 0 {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    start = -1
                }
            }
            if start >= 0 { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)) }
            return out
        }
        if let ascii { return ascii }
        return folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The bytes of `text` when every character of it is one ASCII byte (no `\r\n`, which is one character
    /// of two bytes), else `nil`: by these, comparisons and distances are those by character.
    static func asciiCharacters<S: StringProtocol>(_ text: S) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            guard b < 0x80, b != 0x0D else { return nil }
            out.append(b)
        }
        return out
    }

    /// Levenshtein distance between two strings (by character). O(|a| × |b|).
    static func editDistance(_ a: String, _ b: String) -> Int {
        if let x = asciiCharacters(a), let y = asciiCharacters(b) { return editDistance(x, y) }
        return editDistance(Array(a), Array(b))
    }

    /// Levenshtein distance between two byte strings. O(|a| × |b|), no allocation on the heap for short ones.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let n = b.count
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (n + 1)) { rows in
                    var previous = 0, current = n + 1
                    for j in 0...n { rows[j] = j }
                    for i in 1...a.count {
                        rows[current] = i
                        let ai = a[i - 1]
                        for j in 1...n {
                            rows[current + j] = min(rows[previous + j] + 1, rows[current + j - 1] + 1,
                                                    rows[previous + j - 1] + (ai == b[j - 1] ? 0 : 1))
                        }
                        swap(&previous, &current)
                    }
                    return rows[previous + n]
                }
            }
        }
    }

    static func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
