import Findings

/// How the parser may correct OCR mistakes. Off unless the caller asks: every correction is reported.
public enum MRZCorrectionMode: Sendable {
    /// No correction: the text is judged as given.
    case none
    /// Text without per-character confidence: any character may be a look-alike of another
    /// (O/Q/D↔0, I/L↔1, Z↔2, S↔5, G↔6, B↔8). Letters in digit positions become digits, digits in letter
    /// positions become letters, and check digits choose between readings that remain (at most two changes a field, unique).
    case lookAlikes
    /// Per-character alternatives from an image reader, one entry per character in line order. Only
    /// characters the reader marks ambiguous may change, and only to one of their alternatives or look-alikes:
    /// a confidently read character is never changed to make a check digit hold.
    case glyphs([MRZGlyphAlternatives])
}

/// What an image reader knows about one glyph beyond its best reading.
public struct MRZGlyphAlternatives: Sendable, Hashable {
    /// Other characters the glyph may be, most likely first.
    public var alternatives: [Character]
    /// Whether the reader is unsure of the glyph. Only unsure glyphs may be corrected.
    public var isAmbiguous: Bool
    /// Each alternative's probability over that of the glyph's reading: one per alternative, in the same order
    /// (empty where the reader gives none; an alternative without one counts as unlikely).
    public var likelihoods: [Float]

    /// A glyph's alternatives, whether it is unsure, and the alternatives' likelihoods (one each, or none).
    public init(alternatives: [Character], isAmbiguous: Bool, likelihoods: [Float] = []) {
        self.alternatives = alternatives
        self.isAmbiguous = isAmbiguous
        self.likelihoods = likelihoods
    }
}

/// Options for ``MRZParser``.
public struct MRZParseOptions: Sendable {
    /// "Today": expiry is judged against it and birth dates may not lie after it.
    public var referenceDate: CalendarDate
    public var correction: MRZCorrectionMode

    public init(referenceDate: CalendarDate, correction: MRZCorrectionMode = .none) {
        self.referenceDate = referenceDate
        self.correction = correction
    }
}

/// Parses and validates MRZ text (ICAO Doc 9303, eighth edition, parts 3-7).
///
/// Century rules: a birth date is placed in the latest century that does not put it after the reference
/// date; an expiry date in the century that puts it less than 50 years after and at most 50 years before it.
public enum MRZParser {
    static func invalidDate(_ field: String, _ range: Range<Int>, _ storage: [UInt8], _ lineLength: Int) -> Finding {
        let text = String(decoding: storage[range], as: UTF8.self)
        return Finding(
            code: "mrz.invalid_date", severity: .alert, field: field,
            message: "The \(fieldWords(field)) '\(text)' is not a real day (YYMMDD).",
            evidence: Evidence(measured: text, expected: "YYMMDD of an existing day",
                               location: "\(range.lowerBound / lineLength + 1):\(range.lowerBound % lineLength + 1)"))
    }

    /// Splits text into documents: blank lines separate them; surrounding spaces and `\r` are dropped.
    ///
    /// - Complexity: O(n) in the length of the text.
    public static func splitDocuments(_ text: some StringProtocol) -> [[String]] {
        var text = String(text)
        return text.withUTF8 { splitDocuments(utf8: $0) }
    }

    /// ``splitDocuments(_:)`` over UTF-8 bytes; one pass, no per-character work beyond a byte compare.
    public static func splitDocuments(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [[String]] {
        var documents: [[String]] = []
        var current: [String] = []
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C }
        var start = 0
        let count = bytes.count
        while start <= count {
            var end = start
            while end < count && bytes[end] != 0x0A { end += 1 }
            var lo = start, hi = end
            while lo < hi && isSpace(bytes[lo]) { lo += 1 }
            while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
            if lo == hi {
                if !current.isEmpty { documents.append(current); current = [] }
            } else {
                current.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self))
            }
            start = end + 1
        }
        if !current.isEmpty { documents.append(current) }
        return documents
    }

    /// Parses one document's lines. Never fails: problems are findings of the result.
    ///
    /// - Complexity: O(total length); for a well-formed document one allocation for the line storage.
    public static func parse(lines: [String], options: MRZParseOptions) -> MRZDocument {
        let lengths = lines.map(\.utf8.count)
        let sameLength = lengths.allSatisfy { $0 == lengths.first }
        let candidates = sameLength ? MRZFormat.candidates(lineCount: lines.count, lineLength: lengths.first ?? 0) : []
        guard let firstCandidate = candidates.first else {
            let shape = lengths.prefix(10).map(String.init).joined(separator: ", ") + (lengths.count > 10 ? ", …" : "")
            let finding = Finding(
                code: "mrz.syntax", severity: .alert,
                message: "Not a machine-readable zone: expected 3 lines of 30, 2 of 36 or 2 of 44 characters, found \(lines.count) line(s) of \(shape.isEmpty ? "no" : shape) characters.",
                evidence: Evidence(measured: "\(lines.count) lines: \(shape)", expected: "3x30, 2x36 or 2x44"))
            return MRZDocument(format: nil, storage: [], rawLines: lines.map { String($0.prefix(200)) }, checkTable: MRZCheckTable(),
                               findings: [finding], corrections: [], birthDate: nil, expiryDate: nil,
                               documentNumberRange: (0..<0, nil))
        }
        var storage: [UInt8] = []
        storage.reserveCapacity(lengths.reduce(0, +))
        for line in lines { storage.append(contentsOf: line.utf8) }
        let format = MRZFormat.detect(lineCount: lines.count, lineLength: lengths[0], firstByte: storage[0]) ?? firstCandidate
        return validate(storage: storage, format: format, options: options)
    }

    /// Parses the lines of one document given as UTF-8 bytes laid end to end (the fast path for callers
    /// that already hold bytes, such as the image reader and the benchmarks).
    public static func parse(bytes: [UInt8], lineCount: Int, options: MRZParseOptions) -> MRZDocument {
        // Only 2 or 3 lines make a format: the line length without a division by a variable.
        let lineLength = lineCount == 2 ? bytes.count >> 1 : bytes.count / 3
        guard lineCount == 2 || lineCount == 3, lineLength &* lineCount == bytes.count, let first = bytes.first,
              let format = MRZFormat.detect(lineCount: lineCount, lineLength: lineLength, firstByte: first) else {
            let n = max(lineCount, 1)
            let len = bytes.count / n
            let lines = (0..<n).map { String(decoding: bytes[($0 * len)..<min(bytes.count, ($0 + 1) * len)], as: UTF8.self) }
            return parse(lines: lines, options: options)
        }
        return validate(storage: bytes, format: format, options: options)
    }

    /// Validates one document's bytes in `format`: OCR-aware correction when the options ask for it, then one
    /// scan of the bytes (``MRZScan``), then findings for what the scan flagged.
    ///
    /// - Complexity: O(n) in the length of the document; a document without findings allocates nothing
    ///   beyond what it shares with `input`.
    @inline(__always)
    static func validate(storage input: [UInt8], format: MRZFormat, options: MRZParseOptions) -> MRZDocument {
        var storage = input
        var findings: [Finding] = []
        var corrections: [MRZCorrection] = []
        if case .none = options.correction {} else {
            corrections = correct(&storage, format: format, mode: options.correction, findings: &findings)
        }
        let scan = MRZScan(storage, format: format, reference: options.referenceDate)
        if scan.flags == .specimenState && findings.isEmpty {
            // The one finding of a specimen that is otherwise in order does not depend on the document: shared.
            findings = specimenStateFindings
        } else if !scan.flags.isEmpty {
            appendFindings(of: scan, storage: storage, format: format, reference: options.referenceDate, to: &findings)
        }
        return MRZDocument(format: format, storage: storage, rawLines: [], checkTable: scan.table, findings: findings,
                           corrections: corrections, birthDate: scan.birthDate, expiryDate: scan.expiryDate,
                           documentNumberRange: (scan.numberFirst, scan.numberContinuation))
    }

    /// Corrects `storage` in place (see ``MRZCorrector``) and reports every change as an `mrz.corrected` finding.
    @inline(never)
    static func correct(_ storage: inout [UInt8], format: MRZFormat, mode: MRZCorrectionMode,
                        findings: inout [Finding]) -> [MRZCorrection] {
        let corrections = MRZCorrector(format: format, layout: format.layout, mode: mode).correct(&storage)
        for c in corrections {
            findings.append(Finding(
                code: "mrz.corrected", severity: .info, field: c.field,
                message: "Character at line \(c.line + 1), column \(c.column + 1) read as '\(c.from)' was corrected to '\(c.to)' (\(c.reason.explanation)).",
                evidence: Evidence(measured: String(c.from), expected: String(c.to), location: "\(c.line + 1):\(c.column + 1)")))
        }
        return corrections
    }

    /// The findings for what `scan` flagged, in the order syntax (document code, character set), check digits,
    /// dates, sex, states, specimen. Off the path of a document without findings.
    @inline(never)
    static func appendFindings(of scan: MRZScan, storage: [UInt8], format: MRZFormat, reference: CalendarDate,
                               to findings: inout [Finding]) {
        // Room for a typical failing document's findings (a check digit, the composite, one more) in one allocation.
        findings.reserveCapacity(findings.count + 4)
        let layout = format.layout
        let lineLength = format.lineLength
        if scan.flags.contains(.documentCode) {
            findings.append(Finding(
                code: "mrz.syntax", severity: .alert, field: "documentCode",
                message: "Document code '\(String(decoding: storage[layout.documentCode], as: UTF8.self))' is not valid for a \(format.rawValue) document.",
                evidence: Evidence(measured: String(decoding: storage[layout.documentCode], as: UTF8.self),
                                   expected: format == .td3 ? "P followed by a letter or <" : (format == .mrvA || format == .mrvB ? "V followed by a letter or <" : "I, A or C followed by a letter or <"),
                                   location: "1:1")))
        }
        if scan.flags.contains(.characterSet) {
            var badCount = 0
            var firstBad: Int?
            for (i, b) in storage.enumerated() where CheckDigit.value(of: b) == nil {
                badCount += 1
                if firstBad == nil { firstBad = i }
            }
            if let firstBad {
                let char = String(decoding: [storage[firstBad]], as: UTF8.self)
                findings.append(Finding(
                    code: "mrz.syntax", severity: .alert,
                    message: "\(badCount) character(s) outside the MRZ set A-Z 0-9 <; the first at line \(firstBad / lineLength + 1), column \(firstBad % lineLength + 1).",
                    evidence: Evidence(measured: char.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) ? char : "byte \(storage[firstBad])",
                                       expected: "A-Z, 0-9 or <", location: "\(firstBad / lineLength + 1):\(firstBad % lineLength + 1)")))
            }
        }
        if scan.flags.contains(.checkDigits) {
            // Straight from the check table (no array of checks); each message built in one allocation.
            let table = scan.table
            for name in MRZCheckName.allCases where !table.isValid(name) {
                guard let offset = MRZDocument.checkOffset(name, format: format, table: table) else { continue }
                let found = byteCharacters[Int(storage[offset])]
                let expected = table.expected(name).map(decimal) ?? "none (the field holds characters outside the MRZ set)"
                let location = decimal(offset / lineLength + 1) + ":" + decimal(offset % lineLength + 1)
                if name == .composite {
                    findings.append(Finding(
                        code: "mrz.composite_check_digit", severity: .alert, field: "composite",
                        message: joined("The composite check digit does not match: printed '", found, "', computed ", expected, "."),
                        evidence: Evidence(measured: found, expected: expected, location: location)))
                } else {
                    findings.append(Finding(
                        code: "mrz.check_digit", severity: .alert, field: name.rawValue,
                        message: joined("The check digit of the ", fieldWords(name), " does not match: printed '", found,
                                        "', computed ", expected, "."),
                        evidence: Evidence(measured: found, expected: expected, location: location)))
                }
            }
        }

        // Dates.
        let birth = scan.birthDate, expiry = scan.expiryDate
        if birth == nil { findings.append(invalidDate("birthDate", layout.birthDate, storage, lineLength)) }
        if expiry == nil { findings.append(invalidDate("expiryDate", layout.expiryDate, storage, lineLength)) }
        if let expiry, expiry < reference {
            findings.append(Finding(
                code: "mrz.expired", severity: .alert, field: "expiryDate",
                message: "The document expired on \(expiry).",
                evidence: Evidence(measured: expiry.description, expected: "on or after \(reference)")))
        }
        if scan.flags.contains(.birthAfterExpiry), let birth, let expiry {
            let yy = birth.year % 100
            let sameCentury = CalendarDate(year: expiry.year / 100 * 100 + yy, month: birth.month, day: birth.day)
            if birth > expiry {
                findings.append(Finding(
                    code: "mrz.birth_after_expiry", severity: .alert, field: "birthDate",
                    message: "The birth date \(birth) lies after the expiry date \(expiry).",
                    evidence: Evidence(measured: birth.description, expected: "before \(expiry)")))
            } else if let sameCentury, sameCentury.year - expiry.year <= 2, sameCentury > reference, sameCentury > expiry,
                      sameCentury <= expiry.adding(years: 2) {
                // Read in the expiry's century the birth falls just after expiry; the only other reading
                // makes the holder about a hundred at expiry. A date error is far more likely.
                findings.append(Finding(
                    code: "mrz.birth_after_expiry", severity: .alert, field: "birthDate",
                    message: "The birth date reads as \(sameCentury), after the expiry date \(expiry); the other reading, \(birth), would make the holder \(expiry.year - birth.year) at expiry.",
                    evidence: Evidence(measured: sameCentury.description, expected: "before \(expiry)")))
            }
        }

        // Sex.
        if scan.flags.contains(.sex) {
            let s = String(decoding: [storage[layout.sex]], as: UTF8.self)
            findings.append(Finding(
                code: "mrz.invalid_sex", severity: .alert, field: "sex",
                message: "Sex '\(s)' is not one of M, F, X or <.",
                evidence: Evidence(measured: s, expected: "M, F, X or <",
                                   location: "\(layout.sex / lineLength + 1):\(layout.sex % lineLength + 1)")))
        }

        // States.
        func unknownState(_ field: String, _ range: Range<Int>) {
            let code = String(decoding: storage[range], as: UTF8.self)
            findings.append(Finding(
                code: "mrz.unknown_state", severity: .alert, field: field,
                message: "'\(code)' is not a state or organisation code of Doc 9303 Part 3.",
                evidence: Evidence(measured: code, expected: "ISO 3166-1 alpha-3 or an ICAO code",
                                   location: "\(range.lowerBound / lineLength + 1):\(range.lowerBound % lineLength + 1)")))
        }
        if scan.flags.contains(.issuingState) { unknownState("issuingState", layout.issuingState) }
        if scan.flags.contains(.nationality) { unknownState("nationality", layout.nationality) }
        let specimen = scan.flags.contains(.specimenState)
        if specimen || scan.flags.contains(.specimenNumber) {
            findings.append(specimenFinding(measured: specimen ? "UTO" : String(decoding: storage[scan.numberFirst], as: UTF8.self)))
        }
    }

    /// The pieces laid end to end, built in one allocation: a finding's message without the cost of interpolation
    /// or repeated `+=`, which grow and re-check the string piece by piece. Literal and computed pieces alternate.
    static func joined(_ a: StaticString, _ b: String, _ c: StaticString, _ d: String, _ e: StaticString,
                       _ f: String = "", _ g: StaticString = "") -> String {
        let count = a.utf8CodeUnitCount &+ b.utf8.count &+ c.utf8CodeUnitCount &+ d.utf8.count &+ e.utf8CodeUnitCount
            &+ f.utf8.count &+ g.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: count) { out in
            guard let start = out.baseAddress else { return 0 }
            var p = start
            copyUTF8(a, to: &p)
            copyUTF8(b, to: &p)
            copyUTF8(c, to: &p)
            copyUTF8(d, to: &p)
            copyUTF8(e, to: &p)
            copyUTF8(f, to: &p)
            copyUTF8(g, to: &p)
            return p - start
        }
    }

    /// Copies the UTF-8 of `piece` to `target` and moves `target` past the copy.
    @inline(__always)
    static func copyUTF8(_ piece: StaticString, to target: inout UnsafeMutablePointer<UInt8>) {
        piece.withUTF8Buffer { utf8 in
            guard let source = utf8.baseAddress else { return }
            target.initialize(from: source, count: utf8.count)
            target += utf8.count
        }
    }

    /// Copies the UTF-8 of `piece` to `target` and moves `target` past the copy.
    @inline(__always)
    static func copyUTF8(_ piece: String, to target: inout UnsafeMutablePointer<UInt8>) {
        var piece = piece
        piece.withUTF8 { utf8 in
            guard let source = utf8.baseAddress else { return }
            target.initialize(from: source, count: utf8.count)
            target += utf8.count
        }
    }

    /// The decimal text of `value`; those below 100 (digits, lines, columns) made once.
    static func decimal(_ value: Int) -> String {
        value >= 0 && value < 100 ? smallDecimals[value] : String(value)
    }

    static let smallDecimals: [String] = (0..<100).map { String($0) }

    /// The character each byte is read as (Latin-1 above ASCII), as a string: a check digit as found.
    static let byteCharacters: [String] = (0...255).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    /// The `mrz.specimen` finding, `measured` being `UTO` or the specimen number.
    static func specimenFinding(measured: String) -> Finding {
        Finding(
            code: "mrz.specimen", severity: .alert,
            message: "This is an ICAO specimen document (state UTO or a specimen number), not a travel document.",
            evidence: Evidence(measured: measured, expected: "a real issuing state and number"))
    }

    /// The findings of a document whose only flag is the specimen state, built once.
    static let specimenStateFindings = [specimenFinding(measured: "UTO")]

    /// The document number's ranges and check-digit offset, following TD1/TD2 long numbers (a `<` in the
    /// check position; the number continues in the optional data, its last character being the check digit).
    @inline(__always)
    static func documentNumberRanges(_ s: [UInt8], layout: MRZLayout, format: MRZFormat)
        -> (first: Range<Int>, continuation: Range<Int>?, checkOffset: Int) {
        let check = layout.documentNumberCheck
        guard format == .td1 || format == .td2, s[check] == UInt8(ascii: "<"),
              s[layout.optionalData.lowerBound] != UInt8(ascii: "<") else {
            return (layout.documentNumber, nil, check)
        }
        var end = layout.optionalData.lowerBound
        while end < layout.optionalData.upperBound && s[end] != UInt8(ascii: "<") { end += 1 }
        // s[end - 1] is the check digit of the whole number.
        guard end - 1 > layout.optionalData.lowerBound else { return (layout.documentNumber, nil, check) }
        return (layout.documentNumber, layout.optionalData.lowerBound..<(end - 1), end - 1)
    }

    /// The words for a check's field, as the string overload gives them for its raw value, without comparing strings.
    static func fieldWords(_ name: MRZCheckName) -> String {
        switch name {
        case .documentNumber: "document number"
        case .birthDate: "birth date"
        case .expiryDate: "expiry date"
        case .optionalData: "optional data"
        case .composite: "composite"
        }
    }

    static func fieldWords(_ field: String) -> String {
        switch field {
        case "documentNumber": "document number"
        case "birthDate": "birth date"
        case "expiryDate": "expiry date"
        case "optionalData": "optional data"
        default: field
        }
    }
}
