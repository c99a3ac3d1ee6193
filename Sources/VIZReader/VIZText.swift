import Foundation

/// Text folding shared by the label table, the date parser and the cross-check: upper case, diacritics
/// dropped (`Đ` → `D`, `Ł` → `L`, `Ø` → `O`), so that `Ngày sinh` and `NGAY SINH` compare equal.
enum VIZText {
    /// `text` upper-cased with its combining marks dropped; other characters kept. O(n).
    static func fold(_ text: String) -> String {
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

    /// Folded words of `text`: runs of letters and digits, everything else a separator.
    static func words(_ text: String) -> [String] {
        fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Levenshtein distance between two strings (by character). O(|a| × |b|).
    static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a), Array(b))
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
