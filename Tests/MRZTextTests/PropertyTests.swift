import Testing
@testable import MRZText

/// Random valid MRZs of every format round-trip; a single changed character fails exactly the checks it should.
@Suite struct PropertyTests {
    @Test(arguments: MRZFormat.allCases)
    func randomValidDocumentsRoundTrip(format: MRZFormat) throws {
        var rng = SplitMix64(seed: 0xD0C5 &+ UInt64(format.lineLength * format.lineCount))
        for _ in 0..<500 {
            let content = randomContent(format, &rng)
            let lines = try MRZComposer.lines(for: content)
            #expect(lines.count == format.lineCount)
            #expect(lines.allSatisfy { $0.count == format.lineLength })
            let d = parse(lines)
            #expect(d.format == format)
            #expect(d.valid, "\(lines)")
            let f = try #require(d.fields)
            #expect(f.documentNumber == content.documentNumber)
            #expect(f.issuingState == content.issuingState)
            #expect(f.nationality == content.nationality)
            #expect(f.birthDateText == content.birthDate)
            #expect(f.expiryDateText == content.expiryDate)
            #expect(f.sex == content.sex)
            #expect(f.optionalData == content.optionalData)
            let nameLength = content.surname.count + 2 + content.givenNames.count
            if nameLength <= format.layout.name.count {
                #expect(!f.nameTruncated || nameLength == format.layout.name.count)
                #expect(f.surname == content.surname)
                #expect(f.givenNames == content.givenNames)
            }
            #expect(!codes(d).contains("mrz.invalid_date"))
            #expect(!codes(d).contains("mrz.unknown_state"))
        }
    }

    /// Which checks cover `offset` (the field, its check digit, and the composite's ranges).
    static func coveringChecks(_ offset: Int, _ lines: [String], _ format: MRZFormat) -> Set<MRZCheckName> {
        let l = format.layout
        var out: Set<MRZCheckName> = []
        let bytes = Array(lines.joined().utf8)
        let number = MRZParser.documentNumberRanges(bytes, layout: l, format: format)
        if number.first.contains(offset) || number.continuation?.contains(offset) == true || offset == number.checkOffset {
            out.insert(.documentNumber)
        }
        if l.birthDate.contains(offset) || offset == l.birthDateCheck { out.insert(.birthDate) }
        if l.expiryDate.contains(offset) || offset == l.expiryDateCheck { out.insert(.expiryDate) }
        if let o = l.optionalDataCheck, l.optionalData.contains(offset) || offset == o { out.insert(.optionalData) }
        if let c = l.compositeCheck, l.compositeRanges.contains(where: { $0.contains(offset) }) || offset == c {
            out.insert(.composite)
        }
        return out
    }

    @Test(arguments: MRZFormat.allCases)
    func singleChangedCharacterFailsTheChecksItShould(format: MRZFormat) throws {
        var rng = SplitMix64(seed: 0xBAD &+ UInt64(format.lineLength))
        let charset = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
        var tried = 0
        while tried < 2000 {
            let lines = try MRZComposer.lines(for: randomContent(format, &rng))
            let bytes = Array(lines.joined())
            let offset = Int.random(in: 0..<bytes.count, using: &rng)
            let covering = Self.coveringChecks(offset, lines, format)
            guard !covering.isEmpty else { continue }
            // The filler in a TD1/TD2 long-number check position changes the layout itself: skip it.
            if bytes[offset] == "<" && offset == format.layout.documentNumberCheck { continue }
            let old = bytes[offset]
            var new = old
            while new == old { new = charset.randomElement(using: &rng)! }
            let changed = ValidationTests.replacing(lines, at: offset, with: new)
            let oldValue = CheckDigit.value(of: old.asciiValue!)!, newValue = CheckDigit.value(of: new.asciiValue!)!
            let l = format.layout
            let number = MRZParser.documentNumberRanges(Array(lines.joined().utf8), layout: l, format: format)
            // A long number's continuation ends at the first filler: changing a filler there changes the layout.
            if number.continuation != nil, l.optionalData.contains(offset), old == "<" || new == "<" { continue }
            // The TD3 optional-data check accepts '<' over an all-filler field.
            if l.optionalDataCheck != nil, covering.contains(.optionalData), old == "<" || new == "<" { continue }
            func checkOffset(_ name: MRZCheckName) -> Int? {
                switch name {
                case .documentNumber: number.checkOffset
                case .birthDate: l.birthDateCheck
                case .expiryDate: l.expiryDateCheck
                case .optionalData: l.optionalDataCheck
                case .composite: l.compositeCheck
                }
            }
            // A check-digit position always fails when changed (to another digit or a non-digit); a data
            // position moves the weighted sum unless the values differ by a multiple of 10, a blind spot of
            // the 7-3-1 scheme itself.
            let expected = covering.filter { name in
                checkOffset(name) == offset || (oldValue - newValue) % 10 != 0
            }
            let failed = failedChecks(parse(changed))
            #expect(failed == expected, "\(changed) offset \(offset)")
            tried += 1
        }
    }
}
