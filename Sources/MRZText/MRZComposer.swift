/// Errors of ``MRZComposer``: a field that cannot be written into its format.
public enum MRZCompositionError: Error, Sendable, Hashable {
    /// The field holds a character outside `A-Z0-9<` after name transcription.
    case invalidCharacter(field: String, character: Character)
    /// The field is longer than its place in the format allows.
    case tooLong(field: String, length: Int, maximum: Int)
}

/// The fields to write into an MRZ. Names are upper-case ASCII (already transliterated); spaces and
/// hyphens become `<`.
public struct MRZContent: Sendable, Hashable {
    public var format: MRZFormat
    /// Document code: one or two characters (`P`, `ID`, `V`, `AC`).
    public var documentCode: String
    public var issuingState: String
    public var surname: String
    public var givenNames: String
    /// Up to 9 characters, or longer for TD1/TD2 (continued in the optional data).
    public var documentNumber: String
    public var nationality: String
    /// `YYMMDD`.
    public var birthDate: String
    /// `M`, `F`, `X` or `<`.
    public var sex: String
    /// `YYMMDD`.
    public var expiryDate: String
    public var optionalData: String
    /// TD1 line 2 optional data.
    public var optionalData2: String

    public init(format: MRZFormat, documentCode: String, issuingState: String, surname: String, givenNames: String,
                documentNumber: String, nationality: String, birthDate: String, sex: String, expiryDate: String,
                optionalData: String = "", optionalData2: String = "") {
        self.format = format
        self.documentCode = documentCode
        self.issuingState = issuingState
        self.surname = surname
        self.givenNames = givenNames
        self.documentNumber = documentNumber
        self.nationality = nationality
        self.birthDate = birthDate
        self.sex = sex
        self.expiryDate = expiryDate
        self.optionalData = optionalData
        self.optionalData2 = optionalData2
    }
}

/// Writes MRZ lines from fields, computing every check digit (the sample generator and tests use it).
public enum MRZComposer {
    /// The lines of the document, each exactly the format's length.
    ///
    /// Names longer than the name field are truncated as Doc 9303 Part 3 §4.6 allows (cut at the field end).
    public static func lines(for content: MRZContent) throws(MRZCompositionError) -> [String] {
        let layout = content.format.layout
        let n = content.format.lineLength
        var s = [UInt8](repeating: UInt8(ascii: "<"), count: n * content.format.lineCount)

        func put(_ text: String, _ range: Range<Int>, field: String, truncate: Bool = false) throws(MRZCompositionError) {
            var bytes: [UInt8] = []
            for ch in text {
                let mapped: Character = (ch == " " || ch == "-") ? "<" : ch
                guard let a = mapped.asciiValue, CheckDigit.value(of: a) != nil else {
                    throw .invalidCharacter(field: field, character: ch)
                }
                bytes.append(a)
            }
            if bytes.count > range.count {
                guard truncate else { throw .tooLong(field: field, length: bytes.count, maximum: range.count) }
                bytes = Array(bytes.prefix(range.count))
            }
            for (i, b) in bytes.enumerated() { s[range.lowerBound + i] = b }
        }
        func digit(_ ranges: [Range<Int>], at offset: Int) {
            var bytes: [UInt8] = []
            for r in ranges { bytes.append(contentsOf: s[r]) }
            s[offset] = UInt8(ascii: "0") + UInt8(CheckDigit.compute(bytes) ?? 0)
        }

        try put(content.documentCode, layout.documentCode, field: "documentCode")
        try put(content.issuingState, layout.issuingState, field: "issuingState")
        let name = content.givenNames.isEmpty ? content.surname : content.surname + "<<" + content.givenNames
        try put(name, layout.name, field: "name", truncate: true)
        try put(content.nationality, layout.nationality, field: "nationality")
        try put(content.birthDate, layout.birthDate, field: "birthDate")
        try put(content.sex, layout.sex..<(layout.sex + 1), field: "sex")
        try put(content.expiryDate, layout.expiryDate, field: "expiryDate")
        if let o2 = layout.optionalData2 { try put(content.optionalData2, o2, field: "optionalData2") }

        let number = Array(content.documentNumber.utf8)
        if number.count > 9 && (content.format == .td1 || content.format == .td2) {
            // Long number: 9 characters, `<` in the check position, the rest plus its check digit in the optional data.
            try put(String(decoding: number.prefix(9), as: UTF8.self), layout.documentNumber, field: "documentNumber")
            s[layout.documentNumberCheck] = UInt8(ascii: "<")
            let rest = String(decoding: number.dropFirst(9), as: UTF8.self)
            let start = layout.optionalData.lowerBound
            // The check digit is followed by a filler before any optional data (Doc 9303 Part 5 §4.2.4).
            let used = rest.utf8.count + 1 + (content.optionalData.isEmpty ? 0 : 1 + content.optionalData.utf8.count)
            guard used <= layout.optionalData.count else {
                throw .tooLong(field: "documentNumber", length: number.count, maximum: 9 + layout.optionalData.count - 1)
            }
            try put(rest, start..<(start + rest.utf8.count), field: "documentNumber")
            var all = number
            all = all.map { $0 == UInt8(ascii: " ") ? UInt8(ascii: "<") : $0 }
            s[start + rest.utf8.count] = UInt8(ascii: "0") + UInt8(CheckDigit.compute(all) ?? 0)
            if !content.optionalData.isEmpty {
                let optStart = start + rest.utf8.count + 2
                try put(content.optionalData, optStart..<layout.optionalData.upperBound, field: "optionalData")
            }
        } else {
            try put(content.documentNumber, layout.documentNumber, field: "documentNumber")
            digit([layout.documentNumber], at: layout.documentNumberCheck)
            try put(content.optionalData, layout.optionalData, field: "optionalData")
        }
        digit([layout.birthDate], at: layout.birthDateCheck)
        digit([layout.expiryDate], at: layout.expiryDateCheck)
        if let o = layout.optionalDataCheck {
            if layout.optionalData.allSatisfy({ s[$0] == UInt8(ascii: "<") }) {
                s[o] = UInt8(ascii: "<")
            } else {
                digit([layout.optionalData], at: o)
            }
        }
        if let c = layout.compositeCheck { digit(layout.compositeRanges, at: c) }
        return (0..<content.format.lineCount).map { String(decoding: s[($0 * n)..<(($0 + 1) * n)], as: UTF8.self) }
    }
}
