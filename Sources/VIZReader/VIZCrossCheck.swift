import Findings
import Foundation
import Imaging
import MRZText

/// The verdict of comparing one printed field with the MRZ.
public enum VIZComparisonOutcome: String, Sendable, Hashable, Codable {
    /// The printed value says what the MRZ says (through transliteration, truncation, date forms).
    case agrees
    /// The printed value, read confidently, says something else: `viz.mismatch`.
    case mismatch
    /// The printed value was not found, not legible, not read confidently enough to judge, or is another field's
    /// value misplaced: `viz.unreadable`.
    case unreadable
}

/// One field of the printed page compared with the MRZ.
public struct VIZComparison: Sendable, Hashable {
    public var field: VIZFieldName
    public var outcome: VIZComparisonOutcome
    /// The printed value as read, when found.
    public var vizValue: String?
    /// The MRZ's value (names with `<` between parts, dates `YYMMDD`).
    public var mrzValue: String
    /// The engine's confidence in the printed value, 0-1, when found.
    public var confidence: Float?
    /// The printed value's box in image coordinates, when found.
    public var box: ImageQuad?
    /// Why, in a few words (no personal data).
    public var detail: String
}

/// Tolerances of the cross-check. A mismatch needs a confident reading: a degraded capture gives
/// `viz.unreadable`, never a false alert.
public struct VIZCrossCheckOptions: Sendable, Hashable {
    /// A field's mean character confidence (0-1) from which a disagreement is a mismatch.
    public var confidentAbove: Float
    /// Every character that makes the difference must be read with at least this confidence (0-1).
    public var characterConfidentAbove: Float
    /// Below this character confidence (0-1) an OCR look-alike (5/S, 8/B, 2/Z, 9/Q …) is taken for the MRZ's character.
    /// Tesseract was measured to give 95-99% to wrong look-alikes in sans-serif print, hence the high default.
    public var lookAlikeBelow: Float
    /// Names differ when their MRZ forms are at least this many edits apart …
    public var nameMinimumEdits: Int
    /// … and at least this fraction of the longer form.
    public var nameMinimumFraction: Double
    /// Whether dates found by content and place rather than by their caption may raise a mismatch (other
    /// fields found that way never do).
    public var layoutFieldsMayMismatch: Bool

    public init(confidentAbove: Float = 0.85, characterConfidentAbove: Float = 0.7, lookAlikeBelow: Float = 0.99,
                nameMinimumEdits: Int = 2, nameMinimumFraction: Double = 0.34, layoutFieldsMayMismatch: Bool = true) {
        self.confidentAbove = confidentAbove
        self.characterConfidentAbove = characterConfidentAbove
        self.lookAlikeBelow = lookAlikeBelow
        self.nameMinimumEdits = nameMinimumEdits
        self.nameMinimumFraction = nameMinimumFraction
        self.layoutFieldsMayMismatch = layoutFieldsMayMismatch
    }
}

/// Compares the printed page with the MRZ field by field and turns the outcome into findings.
public enum VIZCrossCheck {
    /// Each compared field's outcome, in the order of ``VIZFieldName/allCases``. O(fields² × value length²).
    ///
    /// A confident printed value that states exactly what the MRZ says for another field is that field's,
    /// placed under the wrong caption or by the wrong order (a nationality `VNM` under a caption read as the
    /// surname's): `unreadable`, not a mismatch, since an altered field shows its old value, not another
    /// field's. Two fields each printed as the other's MRZ value were exchanged in the MRZ (surname and given
    /// names swapped): both stay mismatches. The sex takes no part (one letter, or a word such as `Nam` that is
    /// also a name).
    public static func compare(_ reading: VIZReading, with mrz: MRZFields,
                               options: VIZCrossCheckOptions = VIZCrossCheckOptions()) -> [VIZComparison] {
        var comparisons = VIZFieldName.allCases.map { compare($0, reading.fields[$0], with: mrz, options: options) }
        let saying = comparisons.map { c in
            c.outcome == .mismatch ? reading.fields[c.field].flatMap { otherField(saying: $0, in: mrz, options: options) } : nil
        }
        for i in comparisons.indices {
            guard let other = saying[i] else { continue }
            if let j = comparisons.firstIndex(where: { $0.field == other }), saying[j] == comparisons[i].field { continue }
            comparisons[i].outcome = .unreadable
            comparisons[i].detail = "the printed value is the MRZ's \(label(other)): another field's, misplaced"
        }
        return comparisons
    }

    /// The field, other than `field`'s own and never the sex, whose MRZ value the printed value states exactly
    /// (``agreesExactly(_:)``: no look-alike taken, no OCR-sized name difference), or `nil`.
    static func otherField(saying field: VIZFieldReading, in mrz: MRZFields, options: VIZCrossCheckOptions) -> VIZFieldName? {
        guard field.name != .sex else { return nil }
        return VIZFieldName.allCases.first { other in
            guard other != field.name, other != .sex else { return false }
            var moved = field
            moved.name = other
            return agreesExactly(compare(other, moved, with: mrz, options: options))
        }
    }

    /// One field's outcome.
    static func compare(_ name: VIZFieldName, _ field: VIZFieldReading?, with mrz: MRZFields,
                        options: VIZCrossCheckOptions) -> VIZComparison {
        let expected = mrzValue(name, mrz)
        guard let field else {
            return VIZComparison(field: name, outcome: .unreadable, vizValue: nil, mrzValue: expected, confidence: nil, box: nil,
                                 detail: "not found on the printed page")
        }
        var result = VIZComparison(field: name, outcome: .agrees, vizValue: field.value, mrzValue: expected,
                                   confidence: field.confidence, box: field.box, detail: "")
        guard VIZValueParser.plausible(name, field.value) else {
            result.outcome = .unreadable
            result.detail = "the text read does not look like a \(label(name))"
            return result
        }
        // Only dates are sure of their field by content (of three, the earliest is the birth date, the latest the expiry);
        // names, numbers and codes found by their place alone may be another field's: never enough for an alert.
        let placed = field.source == .layout && (!(name == .birthDate || name == .expiryDate) || !options.layoutFieldsMayMismatch)
        let confident = field.confidence >= options.confidentAbove && !placed
        func disagree(_ detail: String, strong: Bool = true) {
            result.outcome = confident && strong ? .mismatch : .unreadable
            result.detail = confident && strong ? detail : detail + ", but not read confidently enough to judge"
        }
        switch name {
        case .surname, .givenNames:
            let (edits, length) = nameDistance(field.value, expected, truncated: mrz.nameTruncated)
            guard length > 0 else {
                result.outcome = .unreadable
                result.detail = "no letters read"
                return result
            }
            if edits == 0 {
                result.detail = "same name after ICAO transliteration"
            } else if edits < options.nameMinimumEdits || Double(edits) < options.nameMinimumFraction * Double(length) {
                result.detail = "\(edits) OCR-sized difference(s) after transliteration, taken as the same name"
            } else {
                disagree("\(edits) of \(length) characters differ after ICAO transliteration")
            }
        case .birthDate, .expiryDate:
            guard let date = VIZValueParser.date(field.value) else {
                result.outcome = .unreadable
                result.detail = "not read as a date"
                return result
            }
            if date.mrz == expected {
                result.detail = "same date"
            } else {
                disagree("the printed date is another day", strong: field.minimumConfidence >= options.characterConfidentAbove)
            }
        case .sex:
            guard let sex = VIZValueParser.sex(field.value) else {
                result.outcome = .unreadable
                result.detail = "not read as a sex"
                return result
            }
            let mrzSex = expected == "<" ? "X" : expected
            if sex == mrzSex {
                result.detail = "same sex"
            } else {
                disagree("the printed sex is another", strong: field.minimumConfidence >= options.characterConfidentAbove)
            }
        case .documentNumber, .nationality:
            let (text, confidences) = compacted(field)
            if name == .nationality, !(1...3).contains(text.count) || !text.allSatisfy(\.isLetter) {
                result.outcome = .unreadable
                result.detail = "not read as a three-letter code"
                return result
            }
            guard !text.isEmpty else {
                result.outcome = .unreadable
                result.detail = "nothing read"
                return result
            }
            let (cost, tolerated) = codeDistance(Array(text), confidences, Array(expected), options: options)
            if cost == 0, tolerated > 0, !confident {
                result.outcome = .unreadable
                result.detail = "the characters agree only where the reading is unsure"
            } else if cost == 0 {
                result.detail = tolerated == 0 ? "same characters" : "same characters, \(tolerated) unsure look-alike(s) taken for the MRZ's"
            } else {
                disagree("\(cost) character(s) differ")
            }
        }
        return result
    }

    /// Whether a comparison agrees with no tolerance used (no look-alike taken, no OCR-sized name difference).
    static func agreesExactly(_ c: VIZComparison) -> Bool {
        c.outcome == .agrees && ["same characters", "same name after ICAO transliteration", "same date", "same sex"].contains(c.detail)
    }

    /// The MRZ's value of `name` as compared: names with `<` between parts, dates `YYMMDD`, sex `M`/`F`/`<`.
    static func mrzValue(_ name: VIZFieldName, _ mrz: MRZFields) -> String {
        switch name {
        case .surname: mrz.surname.replacingOccurrences(of: " ", with: "<")
        case .givenNames: mrz.givenNames.replacingOccurrences(of: " ", with: "<")
        case .nationality: mrz.nationality
        case .birthDate: mrz.birthDateText
        case .sex: mrz.sex
        case .documentNumber: mrz.documentNumber
        case .expiryDate: mrz.expiryDateText
        }
    }

    /// The fewest edits between the printed name's MRZ forms (ICAO Part 3, every alternative) and the MRZ's,
    /// the printed form cut to the MRZ's length when the MRZ name was truncated; and the longer length.
    public static func nameDistance(_ printed: String, _ mrz: String, truncated: Bool) -> (edits: Int, length: Int) {
        let target = Array(mrz.filter { $0 != "<" })
        // MRZ forms are ASCII: compared by bytes (each one character) when both are.
        let targetBytes = VIZText.asciiCharacters(mrz.filter { $0 != "<" })
        var best: (Int, Int)?
        for form in ICAOTransliteration.forms(of: printed, limit: 4) {
            if let targetBytes, var letters = VIZText.asciiCharacters(form.filter { $0 != "<" }) {
                if truncated, letters.count > targetBytes.count { letters.removeLast(letters.count - targetBytes.count) }
                let d = VIZText.editDistance(letters, targetBytes)
                let length = max(letters.count, targetBytes.count)
                if best == nil || d < best!.0 { best = (d, length) }
                continue
            }
            var letters = Array(form.filter { $0 != "<" })
            if truncated, letters.count > target.count { letters = Array(letters.prefix(target.count)) }
            let d = VIZText.editDistance(letters, target)
            let length = max(letters.count, target.count)
            if best == nil || d < best!.0 { best = (d, length) }
        }
        return best ?? (target.count, target.count)
    }

    /// Letters and digits of the value, folded, with their confidences.
    static func compacted(_ field: VIZFieldReading) -> (String, [Float]) {
        var text = "", confidences: [Float] = []
        for (c, p) in zip(field.value, field.characterConfidences) {
            let folded = VIZText.fold(String(c))
            for f in folded where f.isLetter || f.isNumber {
                text.append(f)
                confidences.append(p)
            }
        }
        return (text, confidences)
    }

    /// OCR look-alike pairs between letters and digits (and among letters) in printed sans-serif type.
    static let lookAlikes: Set<String> = ["0O", "O0", "0D", "D0", "0Q", "Q0", "1I", "I1", "1L", "L1", "5S", "S5", "8B", "B8",
                                          "2Z", "Z2", "6G", "G6", "OD", "DO", "OQ", "QO", "9Q", "Q9", "9G", "G9", "S8", "8S"]
    /// Pairs that sans-serif print does not tell apart by shape (an unslashed zero is an O), whose engine
    /// confidence was measured to be no guide (99% on the wrong one): tolerated at any confidence.
    static let indistinct: Set<String> = ["0O", "O0", "1I", "I1"]

    /// The cost of turning the printed code into the MRZ's: substitutions, insertions and deletions cost 1,
    /// except a look-alike read with confidence below `lookAlikeBelow`, and a character read with confidence
    /// below `characterConfidentAbove`, which cost nothing (counted as tolerated). O(|a| × |b|).
    public static func codeDistance(_ printed: [Character], _ confidences: [Float], _ mrz: [Character],
                                    options: VIZCrossCheckOptions = VIZCrossCheckOptions()) -> (cost: Int, tolerated: Int) {
        let n = printed.count, m = mrz.count
        // (cost, tolerated) per cell, compared lexicographically.
        var table = [[(Int, Int)]](repeating: [(Int, Int)](repeating: (0, 0), count: m + 1), count: n + 1)
        func unsure(_ i: Int) -> Bool { i < confidences.count && confidences[i] < options.characterConfidentAbove }
        for i in 1...max(n, 1) where i <= n {
            let prev = table[i - 1][0]
            table[i][0] = unsure(i - 1) ? (prev.0, prev.1 + 1) : (prev.0 + 1, prev.1)
        }
        for j in 1...max(m, 1) where j <= m { table[0][j] = (j, 0) }
        guard n > 0, m > 0 else { return table[n][m] }
        for i in 1...n {
            for j in 1...m {
                let a = printed[i - 1], b = mrz[j - 1]
                let diagonal: (Int, Int)
                if a == b {
                    diagonal = table[i - 1][j - 1]
                } else if unsure(i - 1) || indistinct.contains(String([a, b]))
                            || (lookAlikes.contains(String([a, b])) && confidences[safe: i - 1] ?? 0 < options.lookAlikeBelow) {
                    diagonal = (table[i - 1][j - 1].0, table[i - 1][j - 1].1 + 1)
                } else {
                    diagonal = (table[i - 1][j - 1].0 + 1, table[i - 1][j - 1].1)
                }
                // An extra printed character: free when unsure, or when it looks like the MRZ character it sits
                // against (one glyph read as two: `8` as `B8`).
                let split = lookAlikes.contains(String([a, b])) || (j < m && lookAlikes.contains(String([a, mrz[j]])))
                let up = unsure(i - 1) || split ? (table[i - 1][j].0, table[i - 1][j].1 + 1) : (table[i - 1][j].0 + 1, table[i - 1][j].1)
                let left = (table[i][j - 1].0 + 1, table[i][j - 1].1)
                table[i][j] = min(diagonal, up, left, by: <)
            }
        }
        return table[n][m]
    }

    /// The findings of `comparisons`: `viz.mismatch` (alert) for each mismatch, `viz.unreadable` (info) for
    /// each field that could not be judged. Messages name the field only; the values are the evidence.
    public static func findings(_ comparisons: [VIZComparison]) -> [Finding] {
        comparisons.compactMap { c in
            let location = c.box.flatMap { $0.corners.count == 4 ? locationText($0) : nil }
            let confidence = c.confidence.map { " (VIZ confidence \(Int(($0 * 100).rounded()))%)" } ?? ""
            switch c.outcome {
            case .agrees:
                return nil
            case .mismatch:
                return Finding(code: "viz.mismatch", severity: .alert, field: c.field.mrzFieldName,
                               message: "The printed \(label(c.field)) differs from the MRZ\(confidence): \(c.detail).",
                               evidence: Evidence(measured: c.vizValue, expected: c.mrzValue, location: location))
            case .unreadable:
                return Finding(code: "viz.unreadable", severity: .info, field: c.field.mrzFieldName,
                               message: "The printed \(label(c.field)) could not be checked against the MRZ\(confidence): \(c.detail).",
                               evidence: Evidence(measured: c.vizValue, expected: c.mrzValue, location: location))
            }
        }
    }

    static func label(_ name: VIZFieldName) -> String {
        switch name {
        case .surname: "surname"
        case .givenNames: "given names"
        case .nationality: "nationality"
        case .birthDate: "date of birth"
        case .sex: "sex"
        case .documentNumber: "document number"
        case .expiryDate: "date of expiry"
        }
    }

    /// A quad as the findings' evidence writes it: four `x,y` pairs, one decimal.
    static func locationText(_ quad: ImageQuad) -> String {
        quad.corners.map { "\(((($0.x * 10).rounded()) / 10)),\(((($0.y * 10).rounded()) / 10))" }.joined(separator: " ")
    }
}

private func min(_ a: (Int, Int), _ b: (Int, Int), _ c: (Int, Int), by less: ((Int, Int), (Int, Int)) -> Bool) -> (Int, Int) {
    var m = a
    if less(b, m) { m = b }
    if less(c, m) { m = c }
    return m
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
