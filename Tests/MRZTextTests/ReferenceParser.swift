import Findings
@testable import MRZText

/// The parser's validation step as it stood before the fused single-pass kernel (commit dac25b9),
/// kept verbatim as an oracle: the property tests require the fast parser to give identical documents.
enum ReferenceParser {
    static func parse(bytes: [UInt8], lineCount: Int, options: MRZParseOptions) -> MRZDocument {
        guard lineCount > 0, bytes.count % lineCount == 0, let first = bytes.first,
              let format = MRZFormat.detect(lineCount: lineCount, lineLength: bytes.count / lineCount, firstByte: first) else {
            return MRZParser.parse(bytes: bytes, lineCount: lineCount, options: options)
        }
        return validate(storage: bytes, format: format, options: options)
    }

    static let specimenNumbers: [[UInt8]] = ["L898902C3", "D23145890", "L8988901C"].map { Array($0.utf8) }

    static func isSpecimenNumber(_ s: [UInt8], _ r: Range<Int>) -> Bool {
        specimenNumbers.contains { $0.elementsEqual(s[r]) }
    }

    static func invalidDate(_ field: String, _ range: Range<Int>, _ storage: [UInt8], _ lineLength: Int) -> Finding {
        let text = String(decoding: storage[range], as: UTF8.self)
        return Finding(
            code: "mrz.invalid_date", severity: .alert, field: field,
            message: "The \(fieldWords(field)) '\(text)' is not a real day (YYMMDD).",
            evidence: Evidence(measured: text, expected: "YYMMDD of an existing day",
                               location: "\(range.lowerBound / lineLength + 1):\(range.lowerBound % lineLength + 1)"))
    }

    static func validate(storage input: [UInt8], format: MRZFormat, options: MRZParseOptions) -> MRZDocument {
        var storage = input
        let layout = format.layout
        var findings: [Finding] = []
        var corrections: [MRZCorrection] = []
        let lineLength = format.lineLength

        if case .none = options.correction {} else {
            corrections = MRZCorrector(format: format, layout: layout, mode: options.correction).correct(&storage)
            for c in corrections {
                findings.append(Finding(
                    code: "mrz.corrected", severity: .info, field: c.field,
                    message: "Character at line \(c.line + 1), column \(c.column + 1) read as '\(c.from)' was corrected to '\(c.to)' (\(c.reason.explanation)).",
                    evidence: Evidence(measured: String(c.from), expected: String(c.to), location: "\(c.line + 1):\(c.column + 1)")))
            }
        }

        // Document code.
        let code0 = storage[layout.documentCode.lowerBound]
        let code1 = storage[layout.documentCode.lowerBound + 1]
        let codeOK: Bool
        switch format {
        case .td3: codeOK = code0 == UInt8(ascii: "P")
        case .td1, .td2: codeOK = code0 == UInt8(ascii: "I") || code0 == UInt8(ascii: "A") || code0 == UInt8(ascii: "C")
        case .mrvA, .mrvB: codeOK = code0 == UInt8(ascii: "V")
        }
        if !codeOK || !(isLetter(code1) || code1 == UInt8(ascii: "<")) {
            findings.append(Finding(
                code: "mrz.syntax", severity: .alert, field: "documentCode",
                message: "Document code '\(String(decoding: storage[layout.documentCode], as: UTF8.self))' is not valid for a \(format.rawValue) document.",
                evidence: Evidence(measured: String(decoding: storage[layout.documentCode], as: UTF8.self),
                                   expected: format == .td3 ? "P followed by a letter or <" : (format == .mrvA || format == .mrvB ? "V followed by a letter or <" : "I, A or C followed by a letter or <"),
                                   location: "1:1")))
        }

        // Check digits (and the character set, from the same pass).
        var anyBad = false
        var table = MRZCheckTable()
        let number = documentNumberRanges(storage, layout: layout, format: format)
        table.numberCheckOffset = number.checkOffset
        table = storage.withUnsafeBufferPointer { buf in
            var t = table
            anyBad = !CheckDigit.allInSet(buf)
            let numberDigit = number.continuation.map { CheckDigit.compute(buf, ranges: [number.first, $0]) }
                ?? CheckDigit.compute(buffer: UnsafeBufferPointer(rebasing: buf[number.first]))
            t.record(.documentNumber, expected: numberDigit, valid: digitMatches(buf[number.checkOffset], numberDigit))
            let birthDigit = CheckDigit.compute(buffer: UnsafeBufferPointer(rebasing: buf[layout.birthDate]))
            t.record(.birthDate, expected: birthDigit, valid: digitMatches(buf[layout.birthDateCheck], birthDigit))
            let expiryDigit = CheckDigit.compute(buffer: UnsafeBufferPointer(rebasing: buf[layout.expiryDate]))
            t.record(.expiryDate, expected: expiryDigit, valid: digitMatches(buf[layout.expiryDateCheck], expiryDigit))
            if let o = layout.optionalDataCheck {
                let expected = CheckDigit.compute(buffer: UnsafeBufferPointer(rebasing: buf[layout.optionalData]))
                let allFiller = buf[o] == UInt8(ascii: "<") && layout.optionalData.allSatisfy { buf[$0] == UInt8(ascii: "<") }
                t.record(.optionalData, expected: expected, valid: allFiller || digitMatches(buf[o], expected))
            }
            if let o = layout.compositeCheck {
                let expected = CheckDigit.compute(buf, parts: layout.compositeParts)
                t.record(.composite, expected: expected, valid: digitMatches(buf[o], expected))
            }
            return t
        }
        // Character set.
        var badCount = 0
        var firstBad: Int?
        if anyBad {
            for (i, b) in storage.enumerated() where CheckDigit.value(of: b) == nil {
                badCount += 1
                if firstBad == nil { firstBad = i }
            }
        }
        if let firstBad {
            let char = String(decoding: [storage[firstBad]], as: UTF8.self)
            findings.append(Finding(
                code: "mrz.syntax", severity: .alert,
                message: "\(badCount) character(s) outside the MRZ set A-Z 0-9 <; the first at line \(firstBad / lineLength + 1), column \(firstBad % lineLength + 1).",
                evidence: Evidence(measured: char.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) ? char : "byte \(storage[firstBad])",
                                   expected: "A-Z, 0-9 or <", location: "\(firstBad / lineLength + 1):\(firstBad % lineLength + 1)")))
        }

        if !table.allValid {
            for c in MRZDocument.checks(of: format, table: table, storage: storage) where !c.valid {
                let line = c.offset / lineLength + 1, column = c.offset % lineLength + 1
                let expected = c.expected.map(String.init) ?? "none (the field holds characters outside the MRZ set)"
                if c.name == .composite {
                    findings.append(Finding(
                        code: "mrz.composite_check_digit", severity: .alert, field: "composite",
                        message: "The composite check digit does not match: printed '\(c.found)', computed \(expected).",
                        evidence: Evidence(measured: String(c.found), expected: expected, location: "\(line):\(column)")))
                } else {
                    findings.append(Finding(
                        code: "mrz.check_digit", severity: .alert, field: c.name.rawValue,
                        message: "The check digit of the \(fieldWords(c.name.rawValue)) does not match: printed '\(c.found)', computed \(expected).",
                        evidence: Evidence(measured: String(c.found), expected: expected, location: "\(line):\(column)")))
                }
            }
        }

        // Dates.
        let reference = options.referenceDate
        let birth = inferBirthDate(storage, layout.birthDate, reference: reference)
        let expiry = inferExpiryDate(storage, layout.expiryDate, reference: reference)
        if birth == nil { findings.append(invalidDate("birthDate", layout.birthDate, storage, lineLength)) }
        if expiry == nil { findings.append(invalidDate("expiryDate", layout.expiryDate, storage, lineLength)) }
        if let expiry, expiry < reference {
            findings.append(Finding(
                code: "mrz.expired", severity: .alert, field: "expiryDate",
                message: "The document expired on \(expiry).",
                evidence: Evidence(measured: expiry.description, expected: "on or after \(reference)")))
        }
        if let birth, let expiry {
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
        let sex = storage[layout.sex]
        if !(sex == UInt8(ascii: "M") || sex == UInt8(ascii: "F") || sex == UInt8(ascii: "X") || sex == UInt8(ascii: "<")) {
            let s = String(decoding: [sex], as: UTF8.self)
            findings.append(Finding(
                code: "mrz.invalid_sex", severity: .alert, field: "sex",
                message: "Sex '\(s)' is not one of M, F, X or <.",
                evidence: Evidence(measured: s, expected: "M, F, X or <",
                                   location: "\(layout.sex / lineLength + 1):\(layout.sex % lineLength + 1)")))
        }

        // States.
        var specimen = false
        for which in 0..<2 {
            let (field, range) = which == 0 ? ("issuingState", layout.issuingState) : ("nationality", layout.nationality)
            let a = storage[range.lowerBound], b = storage[range.lowerBound + 1], c = storage[range.lowerBound + 2]
            if a == UInt8(ascii: "U"), b == UInt8(ascii: "T"), c == UInt8(ascii: "O") { specimen = true }
            if !StateCodes.isValid(a, b, c) {
                let code = String(decoding: storage[range], as: UTF8.self)
                findings.append(Finding(
                    code: "mrz.unknown_state", severity: .alert, field: field,
                    message: "'\(code)' is not a state or organisation code of Doc 9303 Part 3.",
                    evidence: Evidence(measured: code, expected: "ISO 3166-1 alpha-3 or an ICAO code",
                                       location: "\(range.lowerBound / lineLength + 1):\(range.lowerBound % lineLength + 1)")))
            }
        }
        let leading = storage[number.first.lowerBound]
        let specimenNumber = number.continuation == nil && (leading == UInt8(ascii: "L") || leading == UInt8(ascii: "D"))
            && isSpecimenNumber(storage, number.first)
        if specimen || specimenNumber {
            let numberText = String(decoding: storage[number.first], as: UTF8.self)
            findings.append(Finding(
                code: "mrz.specimen", severity: .alert,
                message: "This is an ICAO specimen document (state UTO or a specimen number), not a travel document.",
                evidence: Evidence(measured: specimen ? "UTO" : numberText, expected: "a real issuing state and number")))
        }

        return MRZDocument(format: format, storage: storage, rawLines: [], checkTable: table, findings: findings,
                           corrections: corrections, birthDate: birth, expiryDate: expiry,
                           documentNumberRange: (number.first, number.continuation))
    }

    @inline(__always)
    static func digitMatches(_ found: UInt8, _ expected: Int?) -> Bool {
        guard let expected else { return false }
        return found >= UInt8(ascii: "0") && found <= UInt8(ascii: "9") && Int(found - UInt8(ascii: "0")) == expected
    }

    @inline(__always)
    static func twoDigits(_ s: [UInt8], _ i: Int) -> Int? {
        let a = s[i] &- UInt8(ascii: "0"), b = s[i + 1] &- UInt8(ascii: "0")
        guard a < 10, b < 10 else { return nil }
        return Int(a) * 10 + Int(b)
    }

    /// Birth date: the latest century that does not put it after `reference`.
    static func inferBirthDate(_ s: [UInt8], _ r: Range<Int>, reference: CalendarDate) -> CalendarDate? {
        guard let yy = twoDigits(s, r.lowerBound), let mm = twoDigits(s, r.lowerBound + 2),
              let dd = twoDigits(s, r.lowerBound + 4) else { return nil }
        var year = reference.year / 100 * 100 + yy
        if (year, mm, dd) > (reference.year, reference.month, reference.day) { year -= 100 }
        return CalendarDate(year: year, month: mm, day: dd)
    }

    /// Expiry date: the century that puts it less than 50 years after and at most 50 years before `reference`.
    static func inferExpiryDate(_ s: [UInt8], _ r: Range<Int>, reference: CalendarDate) -> CalendarDate? {
        guard let yy = twoDigits(s, r.lowerBound), let mm = twoDigits(s, r.lowerBound + 2),
              let dd = twoDigits(s, r.lowerBound + 4) else { return nil }
        var year = reference.year / 100 * 100 + yy
        if year >= reference.year + 50 { year -= 100 } else if year < reference.year - 50 { year += 100 }
        return CalendarDate(year: year, month: mm, day: dd)
    }

    /// The document number's ranges and check-digit offset, following TD1/TD2 long numbers (a `<` in the
    /// check position; the number continues in the optional data, its last character being the check digit).
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

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }

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
