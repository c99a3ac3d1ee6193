/// The machine-readable-zone formats of ICAO Doc 9303.
public enum MRZFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Identity card, 3 lines of 30 characters (Part 5).
    case td1 = "TD1"
    /// Identity card, 2 lines of 36 characters (Part 6).
    case td2 = "TD2"
    /// Passport, 2 lines of 44 characters (Part 4).
    case td3 = "TD3"
    /// Full-size visa, 2 lines of 44 characters (Part 7).
    case mrvA = "MRVA"
    /// Small visa, 2 lines of 36 characters (Part 7).
    case mrvB = "MRVB"

    /// Number of lines.
    public var lineCount: Int { self == .td1 ? 3 : 2 }

    /// Characters per line.
    public var lineLength: Int {
        switch self {
        case .td1: 30
        case .td2, .mrvB: 36
        case .td3, .mrvA: 44
        }
    }

    /// The field layout of this format.
    public var layout: MRZLayout {
        switch self {
        case .td1: MRZLayout.td1
        case .td2: MRZLayout.td2
        case .td3: MRZLayout.td3
        case .mrvA: MRZLayout.mrvA
        case .mrvB: MRZLayout.mrvB
        }
    }

    /// The format of `lineCount` lines of `lineLength` characters whose first character is `firstByte`
    /// (`V` marks a visa), or `nil`. No allocation.
    @inline(__always)
    static func detect(lineCount: Int, lineLength: Int, firstByte: UInt8) -> MRZFormat? {
        switch (lineCount, lineLength) {
        case (3, 30): .td1
        case (2, 44): firstByte == UInt8(ascii: "V") ? .mrvA : .td3
        case (2, 36): firstByte == UInt8(ascii: "V") ? .mrvB : .td2
        default: nil
        }
    }

    /// The formats with this shape, most likely first: the document code decides between them.
    public static func candidates(lineCount: Int, lineLength: Int) -> [MRZFormat] {
        switch (lineCount, lineLength) {
        case (3, 30): [.td1]
        case (2, 44): [.td3, .mrvA]
        case (2, 36): [.td2, .mrvB]
        default: []
        }
    }
}

/// Where each field of a format lies, as offsets into the lines laid end to end
/// (line `l`, column `c` is offset `l × lineLength + c`).
public struct MRZLayout: Sendable {
    public var documentCode: Range<Int>
    public var issuingState: Range<Int>
    public var name: Range<Int>
    public var documentNumber: Range<Int>
    public var documentNumberCheck: Int
    public var nationality: Range<Int>
    public var birthDate: Range<Int>
    public var birthDateCheck: Int
    public var sex: Int
    public var expiryDate: Range<Int>
    public var expiryDateCheck: Int
    /// Optional data; for TD1 the first optional field (line 1, which also continues long document numbers).
    public var optionalData: Range<Int>
    /// The check digit of the optional data (TD3 only).
    public var optionalDataCheck: Int?
    /// TD1's second optional field (line 2).
    public var optionalData2: Range<Int>?
    /// The ranges the composite check digit covers, in order (TD1, TD2, TD3; empty for visas).
    public var compositeRanges: [Range<Int>] {
        [compositeParts.0, compositeParts.1, compositeParts.2, compositeParts.3].filter { !$0.isEmpty }
    }
    /// The same ranges as a fixed tuple (unused parts empty), so that the layout is plain data.
    let compositeParts: (Range<Int>, Range<Int>, Range<Int>, Range<Int>)
    /// Offset of the composite check digit (TD1, TD2, TD3).
    public var compositeCheck: Int?

    static let td1 = of(.td1), td2 = of(.td2), td3 = of(.td3), mrvA = of(.mrvA), mrvB = of(.mrvB)

    /// The layout of `format`, built from constants (inlined, it folds to them).
    @inline(__always)
    static func of(_ format: MRZFormat) -> MRZLayout {
        switch format {
        case .td1:
            // Line 1: code, state, number, check, optional 1. Line 2: birth, sex, expiry, nationality, optional 2, composite.
            return MRZLayout(
                documentCode: 0..<2, issuingState: 2..<5, name: 60..<90,
                documentNumber: 5..<14, documentNumberCheck: 14, nationality: 45..<48,
                birthDate: 30..<36, birthDateCheck: 36, sex: 37, expiryDate: 38..<44, expiryDateCheck: 44,
                optionalData: 15..<30, optionalDataCheck: nil, optionalData2: 48..<59,
                compositeParts: (5..<30, 30..<37, 38..<45, 48..<59), compositeCheck: 59)
        case .td2, .mrvB:
            let l = 36
            let isVisa = format == .mrvB
            return MRZLayout(
                documentCode: 0..<2, issuingState: 2..<5, name: 5..<36,
                documentNumber: l..<(l + 9), documentNumberCheck: l + 9, nationality: (l + 10)..<(l + 13),
                birthDate: (l + 13)..<(l + 19), birthDateCheck: l + 19, sex: l + 20,
                expiryDate: (l + 21)..<(l + 27), expiryDateCheck: l + 27,
                optionalData: isVisa ? (l + 28)..<(l + 36) : (l + 28)..<(l + 35), optionalDataCheck: nil, optionalData2: nil,
                compositeParts: isVisa ? (0..<0, 0..<0, 0..<0, 0..<0) : (l..<(l + 10), (l + 13)..<(l + 20), (l + 21)..<(l + 35), 0..<0),
                compositeCheck: isVisa ? nil : l + 35)
        case .td3, .mrvA:
            let l = 44
            let isVisa = format == .mrvA
            return MRZLayout(
                documentCode: 0..<2, issuingState: 2..<5, name: 5..<44,
                documentNumber: l..<(l + 9), documentNumberCheck: l + 9, nationality: (l + 10)..<(l + 13),
                birthDate: (l + 13)..<(l + 19), birthDateCheck: l + 19, sex: l + 20,
                expiryDate: (l + 21)..<(l + 27), expiryDateCheck: l + 27,
                optionalData: isVisa ? (l + 28)..<(l + 44) : (l + 28)..<(l + 42),
                optionalDataCheck: isVisa ? nil : l + 42, optionalData2: nil,
                compositeParts: isVisa ? (0..<0, 0..<0, 0..<0, 0..<0) : (l..<(l + 10), (l + 13)..<(l + 20), (l + 21)..<(l + 43), 0..<0),
                compositeCheck: isVisa ? nil : l + 43)
        }
    }

    /// Offsets that hold digits only (dates and check digits).
    func numericOffsets() -> [Int] {
        var out = Array(birthDate) + Array(expiryDate) + [documentNumberCheck, birthDateCheck, expiryDateCheck]
        if let o = optionalDataCheck { out.append(o) }
        if let c = compositeCheck { out.append(c) }
        return out
    }

    /// Offsets that hold letters or the filler only (document code, states, names, sex).
    func alphabeticOffsets() -> [Int] {
        Array(documentCode) + Array(issuingState) + Array(nationality) + Array(name) + [sex]
    }
}
