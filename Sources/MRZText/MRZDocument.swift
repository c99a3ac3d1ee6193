import Findings

/// The name of one check digit of an MRZ.
public enum MRZCheckName: String, Sendable, Hashable, Codable, CaseIterable {
    case documentNumber, birthDate, expiryDate, optionalData, composite

    var bit: UInt8 {
        switch self {
        case .documentNumber: 1
        case .birthDate: 2
        case .expiryDate: 4
        case .optionalData: 8
        case .composite: 16
        }
    }
}

/// The check-digit outcomes of one document, packed: which checks the format has, which hold, and the
/// computed digits (−1 where the field held characters outside the set). No allocation.
struct MRZCheckTable: Sendable, Hashable {
    var present: UInt8 = 0
    var validMask: UInt8 = 0
    var expectedDigits: (Int8, Int8, Int8, Int8, Int8) = (-1, -1, -1, -1, -1)
    var numberCheckOffset: Int = 0

    var allValid: Bool { present != 0 && validMask == present }

    func isValid(_ name: MRZCheckName) -> Bool { validMask & name.bit != 0 }

    func expected(_ name: MRZCheckName) -> Int? {
        let v: Int8
        switch name {
        case .documentNumber: v = expectedDigits.0
        case .birthDate: v = expectedDigits.1
        case .expiryDate: v = expectedDigits.2
        case .optionalData: v = expectedDigits.3
        case .composite: v = expectedDigits.4
        }
        return v < 0 ? nil : Int(v)
    }

    mutating func record(_ name: MRZCheckName, expected: Int?, valid: Bool) {
        present |= name.bit
        if valid { validMask |= name.bit }
        let v = Int8(expected ?? -1)
        switch name {
        case .documentNumber: expectedDigits.0 = v
        case .birthDate: expectedDigits.1 = v
        case .expiryDate: expectedDigits.2 = v
        case .optionalData: expectedDigits.3 = v
        case .composite: expectedDigits.4 = v
        }
    }

    static func == (a: MRZCheckTable, b: MRZCheckTable) -> Bool {
        a.present == b.present && a.validMask == b.validMask && a.numberCheckOffset == b.numberCheckOffset
            && a.expectedDigits == b.expectedDigits
    }

    func hash(into h: inout Hasher) {
        h.combine(present)
        h.combine(validMask)
        h.combine(numberCheckOffset)
    }
}

/// The outcome of one check digit.
public struct MRZCheck: Sendable, Hashable {
    public var name: MRZCheckName
    /// Whether the printed digit equals the computed one.
    public var valid: Bool
    /// The digit computed over the field, or `nil` when the field holds characters outside `A-Z0-9<`.
    public var expected: Int?
    /// The character printed in the check-digit position.
    public var found: Character { Character(Unicode.Scalar(foundByte)) }
    /// The byte printed in the check-digit position.
    public var foundByte: UInt8
    /// Offset of the check digit in the lines laid end to end.
    public var offset: Int
}

/// Why a character was changed by OCR-aware correction.
public enum MRZCorrectionReason: String, Sendable, Hashable, Codable {
    /// A letter in a digits-only position (or a digit in a letters-only one) mapped to its look-alike, or to the
    /// image reader's likeliest character of the right class.
    case characterClass
    /// An ambiguous character replaced by the one alternative that makes its check digit hold.
    case checkDigit
    /// An ambiguous character of a state code not listed in Doc 9303 Part 3 replaced by the reader's runner-up,
    /// the only one that makes it a listed code.
    case stateCode

    /// Why the character was changed, as the `mrz.corrected` finding says it.
    public var explanation: String {
        switch self {
        case .characterClass: "only one character class is allowed there"
        case .checkDigit: "the check digit decides"
        case .stateCode: "only one listed state code fits"
        }
    }
}

/// One character changed by OCR-aware correction. Corrections are always reported, never silent.
public struct MRZCorrection: Sendable, Hashable {
    /// Line (0-based) and column (0-based) of the character.
    public var line: Int
    public var column: Int
    public var from: Character
    public var to: Character
    /// The field the character belongs to (`documentNumber`, `birthDate`, ...).
    public var field: String
    public var reason: MRZCorrectionReason
}

/// The fields of an MRZ, decoded.
public struct MRZFields: Sendable, Hashable {
    /// Document code, filler removed (`P`, `I`, `ID`, `V`, ...).
    public var documentCode: String
    /// Issuing state or organisation, filler removed (`UTO`, `D`).
    public var issuingState: String
    /// Document number, filler removed; for TD1/TD2 long numbers the full number.
    public var documentNumber: String
    /// The birth date as printed (`YYMMDD`) and as inferred, `nil` when it is not a real day.
    public var birthDateText: String
    public var birthDate: CalendarDate?
    /// `M`, `F`, `X` or `<`.
    public var sex: String
    public var expiryDateText: String
    public var expiryDate: CalendarDate?
    public var nationality: String
    /// Primary identifier (surname), name parts separated by spaces.
    public var surname: String
    /// Secondary identifier (given names), name parts separated by spaces.
    public var givenNames: String
    /// Whether the name field is full to its last character, so that the name may have been truncated.
    public var nameTruncated: Bool
    /// Optional data (TD3: personal number), filler removed at the ends.
    public var optionalData: String
    /// TD1's second optional field (line 2), filler removed.
    public var optionalData2: String?
}

/// An MRZ read from text: its format, lines, fields, every check digit and the findings.
///
/// Built by ``MRZParser``. Always produced, also for garbage input (then `format` is `nil` and the findings
/// say why), so that a caller can report every input.
public struct MRZDocument: Sendable {
    /// The format, or `nil` when the lines match none.
    public var format: MRZFormat?
    /// The lines (after any reported correction): what is printed on the document.
    public var lines: [String] {
        guard let format else { return rawLines }
        let n = format.lineLength
        return (0..<format.lineCount).map { String(decoding: storage[($0 * n)..<(($0 + 1) * n)], as: UTF8.self) }
    }

    /// Every check digit of the format, in the order `documentNumber`, `birthDate`, `expiryDate`,
    /// `optionalData` (TD3), `composite` (TD1, TD2, TD3).
    public var checks: [MRZCheck] {
        guard let format else { return [] }
        return MRZDocument.checks(of: format, table: checkTable, storage: storage)
    }

    static func checks(of format: MRZFormat, table checkTable: MRZCheckTable, storage: [UInt8]) -> [MRZCheck] {
        var out: [MRZCheck] = []
        for name in MRZCheckName.allCases {
            guard let offset = checkOffset(name, format: format, table: checkTable) else { continue }
            out.append(MRZCheck(name: name, valid: checkTable.isValid(name), expected: checkTable.expected(name),
                                foundByte: storage[offset], offset: offset))
        }
        return out
    }

    /// Offset of the named check digit in the lines laid end to end, or `nil` when the format has no such check.
    static func checkOffset(_ name: MRZCheckName, format: MRZFormat, table checkTable: MRZCheckTable) -> Int? {
        let layout = format.layout
        switch name {
        case .documentNumber: return checkTable.numberCheckOffset
        case .birthDate: return layout.birthDateCheck
        case .expiryDate: return layout.expiryDateCheck
        case .optionalData: return layout.optionalDataCheck
        case .composite: return layout.compositeCheck
        }
    }

    /// The findings: syntax, check digits, dates, codes, specimen, corrections.
    public var findings: [Finding]
    /// Characters changed by OCR-aware correction (empty unless the caller asked for it).
    public var corrections: [MRZCorrection]
    /// Birth and expiry dates as inferred (see ``MRZParser``).
    public var birthDate: CalendarDate?
    public var expiryDate: CalendarDate?

    /// True when the format is known and every check digit holds.
    public var valid: Bool { format != nil && checkTable.allValid }

    /// Whether the named check digit holds (`false` also when the format has no such check).
    public func checkHolds(_ name: MRZCheckName) -> Bool { checkTable.isValid(name) }

    /// The lines laid end to end, as ASCII bytes.
    public let storage: [UInt8]
    let rawLines: [String]
    let documentNumberRange: (first: Range<Int>, continuation: Range<Int>?)

    let checkTable: MRZCheckTable

    init(format: MRZFormat?, storage: [UInt8], rawLines: [String], checkTable: MRZCheckTable, findings: [Finding],
         corrections: [MRZCorrection], birthDate: CalendarDate?, expiryDate: CalendarDate?,
         documentNumberRange: (first: Range<Int>, continuation: Range<Int>?)) {
        self.format = format
        self.storage = storage
        self.rawLines = rawLines
        self.checkTable = checkTable
        self.findings = findings
        self.corrections = corrections
        self.birthDate = birthDate
        self.expiryDate = expiryDate
        self.documentNumberRange = documentNumberRange
    }

    /// The decoded fields, or `nil` when the format is unknown.
    public var fields: MRZFields? {
        guard let format else { return nil }
        let layout = format.layout
        func text(_ r: Range<Int>) -> String { String(decoding: storage[r], as: UTF8.self) }
        func trimmed(_ r: Range<Int>) -> String { MRZDocument.trimFiller(text(r)) }
        var number = text(documentNumberRange.first)
        if let c = documentNumberRange.continuation { number += text(c) }
        number = MRZDocument.trimFiller(number)
        let name = MRZName(field: storage[layout.name])
        var optional = storage[layout.optionalData]
        if let c = documentNumberRange.continuation, layout.optionalData.contains(c.lowerBound) {
            // The long number's continuation and its check digit are not optional data.
            optional = storage[(c.upperBound + 1)..<layout.optionalData.upperBound]
        }
        return MRZFields(
            documentCode: trimmed(layout.documentCode),
            issuingState: trimmed(layout.issuingState),
            documentNumber: number,
            birthDateText: text(layout.birthDate),
            birthDate: birthDate,
            sex: text(layout.sex..<(layout.sex + 1)),
            expiryDateText: text(layout.expiryDate),
            expiryDate: expiryDate,
            nationality: trimmed(layout.nationality),
            surname: name.primary,
            givenNames: name.secondary,
            nameTruncated: name.possiblyTruncated,
            optionalData: MRZDocument.trimFiller(String(decoding: optional, as: UTF8.self)),
            optionalData2: layout.optionalData2.map(trimmed)
        )
    }

    static func trimFiller(_ s: String) -> String {
        var scalars = Substring(s)
        while scalars.last == "<" { scalars.removeLast() }
        while scalars.first == "<" { scalars.removeFirst() }
        return String(scalars)
    }
}

/// A name field split into its primary and secondary identifiers (Doc 9303 Part 3 §4.6).
struct MRZName {
    var primary: String
    var secondary: String
    var possiblyTruncated: Bool

    init<C: Collection>(field: C) where C.Element == UInt8 {
        let bytes = Array(field)
        possiblyTruncated = bytes.last.map { $0 != UInt8(ascii: "<") } ?? false
        var end = bytes.count
        while end > 0 && bytes[end - 1] == UInt8(ascii: "<") { end -= 1 }
        let used = bytes[0..<end]
        var split: Int?
        var i = used.startIndex
        while i + 1 < used.endIndex {
            if used[i] == UInt8(ascii: "<") && used[i + 1] == UInt8(ascii: "<") { split = i; break }
            i += 1
        }
        func words(_ part: ArraySlice<UInt8>) -> String {
            part.split(separator: UInt8(ascii: "<")).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        }
        if let split {
            primary = words(used[used.startIndex..<split])
            secondary = words(used[(split + 2)..<used.endIndex])
        } else {
            primary = words(used)
            secondary = ""
        }
    }
}
