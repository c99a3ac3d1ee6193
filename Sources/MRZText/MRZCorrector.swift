/// OCR-aware correction of MRZ characters (opt-in; every change is reported as an ``MRZCorrection``).
///
/// Three steps. First, a character whose class is wrong for its position (a letter where only digits may
/// stand, a digit in a name or code) becomes its look-alike of the right class (a letter the reader's likeliest
/// digit; a digit the reader's letter where it is at least half as likely, else its look-alike letter, else the
/// reader's letter). Second, for each check digit that fails, the changeable characters it covers are tried
/// against their alternatives, at most two at a time; a change is made only when exactly one smallest set of
/// changes makes the check hold. Third, with an
/// image reader's glyphs only, a state code not listed in Doc 9303 Part 3 takes the reader's runner-up for one
/// of its ambiguous glyphs when exactly one such change makes it a listed code: a code printed clearly, forged or
/// not, is read confidently and stays as printed.
struct MRZCorrector {
    let format: MRZFormat
    let layout: MRZLayout
    let mode: MRZCorrectionMode

    /// Groups of characters OCR-B readers confuse.
    static let lookAlikeGroups: [[UInt8]] = ["0OQD", "1IL", "2Z", "5S", "6G", "8B"].map { Array($0.utf8) }

    static func lookAlikes(of c: UInt8) -> [UInt8] {
        for group in lookAlikeGroups where group.contains(c) { return group.filter { $0 != c } }
        return []
    }

    /// A digit read where only a letter may stand takes the reader's letter instead of its look-alike when the
    /// reader finds the letter at least this likely relative to the digit: a blurred `T` read `1` (0.56) with
    /// runner-up `T` (0.42) is a `T`; an `I` read `1` (0.73) with runner-up `T` (0.14) is the look-alike `I`.
    static let likelyLetter: Float = 0.5

    /// The reader's likelihood of `character` at `offset` relative to its reading; 0 where it gives none.
    func likelihood(_ offset: Int, _ character: UInt8) -> Float {
        guard case .glyphs(let g) = mode, offset < g.count else { return 0 }
        for (alternative, value) in zip(g[offset].alternatives, g[offset].likelihoods) where alternative.asciiValue == character {
            return value
        }
        return 0
    }

    enum PositionClass { case numeric, alphabetic, alphanumeric }

    func positionClass(_ offset: Int, _ s: [UInt8]) -> PositionClass {
        if layout.numericOffsets().contains(offset) { return .numeric }
        if layout.alphabeticOffsets().contains(offset) { return .alphabetic }
        return .alphanumeric
    }

    func isChangeable(_ offset: Int) -> Bool {
        switch mode {
        case .none: false
        case .lookAlikes: true
        case .glyphs(let g): offset < g.count && g[offset].isAmbiguous
        }
    }

    /// Alternatives for the character at `offset`, reader's first, restricted to the position's class.
    /// `classFix`: a character of the wrong class for its position (a digit in a name) is an error whatever
    /// the reader's confidence, so its look-alikes are offered even for a confident glyph; that cannot make a
    /// forged check digit pass, since a character of the wrong class never validates as it stands.
    /// `readerOnly`: only the reader's own alternatives (its runner-up), not the look-alike groups.
    func alternatives(_ offset: Int, _ s: [UInt8], classFix: Bool = false, readerOnly: Bool = false) -> [UInt8] {
        guard classFix || isChangeable(offset) else { return [] }
        var out: [UInt8] = []
        if case .glyphs(let g) = mode, offset < g.count {
            for ch in g[offset].alternatives { if let a = ch.asciiValue, a != s[offset], !out.contains(a) { out.append(a) } }
        }
        if !readerOnly {
            for a in MRZCorrector.lookAlikes(of: s[offset]) where !out.contains(a) { out.append(a) }
        }
        switch positionClass(offset, s) {
        case .numeric: return out.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        case .alphabetic: return out.filter { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: "<") }
        case .alphanumeric: return out.filter { CheckDigit.value(of: $0) != nil }
        }
    }

    func fieldName(_ offset: Int) -> String {
        let l = layout
        if l.documentCode.contains(offset) { return "documentCode" }
        if l.issuingState.contains(offset) { return "issuingState" }
        if l.name.contains(offset) { return "name" }
        if l.documentNumber.contains(offset) || offset == l.documentNumberCheck { return "documentNumber" }
        if l.nationality.contains(offset) { return "nationality" }
        if l.birthDate.contains(offset) || offset == l.birthDateCheck { return "birthDate" }
        if offset == l.sex { return "sex" }
        if l.expiryDate.contains(offset) || offset == l.expiryDateCheck { return "expiryDate" }
        if offset == l.compositeCheck { return "composite" }
        if l.optionalData2?.contains(offset) ?? false { return "optionalData2" }
        return "optionalData"
    }

    func correction(_ offset: Int, from: UInt8, to: UInt8, reason: MRZCorrectionReason) -> MRZCorrection {
        MRZCorrection(line: offset / format.lineLength, column: offset % format.lineLength,
                      from: Character(Unicode.Scalar(from)), to: Character(Unicode.Scalar(to)),
                      field: fieldName(offset), reason: reason)
    }

    func correct(_ s: inout [UInt8]) -> [MRZCorrection] {
        var made: [MRZCorrection] = []
        // Step 1: character class.
        for offset in s.indices {
            let c = s[offset]
            let isDigit = c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
            let isLetter = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")
            switch positionClass(offset, s) {
            case .numeric where !isDigit:
                // A `<` in a TD1/TD2 document-number check position announces a long number.
                if offset == layout.documentNumberCheck && c == UInt8(ascii: "<") { continue }
                if let to = alternatives(offset, s, classFix: true).first {
                    made.append(correction(offset, from: c, to: to, reason: .characterClass))
                    s[offset] = to
                }
            case .alphabetic where isDigit:
                // The reader's letter where it finds it at least half as likely as the digit; otherwise the digit's
                // look-alike (`1` is `I`, `0` is `O`), the reader choosing within the group (`0` read where `D`
                // stands); the reader's letter again for a digit without one (`3`).
                let letters = alternatives(offset, s, classFix: true).filter { $0 != UInt8(ascii: "<") }
                let lookAlikes = MRZCorrector.lookAlikes(of: c)
                let likely = letters.first { likelihood(offset, $0) >= MRZCorrector.likelyLetter }
                if let to = likely ?? letters.first(where: { lookAlikes.contains($0) }) ?? letters.first {
                    made.append(correction(offset, from: c, to: to, reason: .characterClass))
                    s[offset] = to
                }
            default:
                _ = isLetter
            }
        }
        // Step 2: check digits choose.
        let number = MRZParser.documentNumberRanges(s, layout: layout, format: format)
        var fieldChecks: [([Range<Int>], Int)] = [
            ([number.first] + (number.continuation.map { [$0] } ?? []), number.checkOffset),
            ([layout.birthDate], layout.birthDateCheck),
            ([layout.expiryDate], layout.expiryDateCheck),
        ]
        if let o = layout.optionalDataCheck { fieldChecks.append(([layout.optionalData], o)) }
        var protected = Set<Int>()
        for (ranges, checkOffset) in fieldChecks {
            let offsets = ranges.flatMap { Array($0) } + [checkOffset]
            if !holds(s, ranges, checkOffset), let fix = search(s, offsets: offsets, ranges: ranges, checkOffset: checkOffset, protected: []) {
                for (offset, to) in fix {
                    made.append(correction(offset, from: s[offset], to: to, reason: .checkDigit))
                    s[offset] = to
                }
            }
            if holds(s, ranges, checkOffset) { protected.formUnion(offsets) }
        }
        if let composite = layout.compositeCheck, !holds(s, layout.compositeRanges, composite) {
            let offsets = layout.compositeRanges.flatMap { Array($0) }.filter { !protected.contains($0) } + [composite]
            if let fix = search(s, offsets: offsets, ranges: layout.compositeRanges, checkOffset: composite, protected: protected) {
                for (offset, to) in fix {
                    made.append(correction(offset, from: s[offset], to: to, reason: .checkDigit))
                    s[offset] = to
                }
            }
        }
        // Step 3: state codes (an image reader's runner-ups only).
        if case .glyphs = mode {
            for range in [layout.issuingState, layout.nationality] where range.count == 3 {
                let o = range.lowerBound
                guard !StateCodes.isValid(s[o], s[o + 1], s[o + 2]) else { continue }
                var fixes: [(Int, UInt8)] = []
                for offset in range {
                    for to in alternatives(offset, s, readerOnly: true) {
                        var code = [s[o], s[o + 1], s[o + 2]]
                        code[offset - o] = to
                        if StateCodes.isValid(code[0], code[1], code[2]) { fixes.append((offset, to)) }
                    }
                }
                if fixes.count == 1, let (offset, to) = fixes.first {
                    made.append(correction(offset, from: s[offset], to: to, reason: .stateCode))
                    s[offset] = to
                }
            }
        }
        return made
    }

    func holds(_ s: [UInt8], _ ranges: [Range<Int>], _ checkOffset: Int) -> Bool {
        let found = s[checkOffset]
        guard found >= UInt8(ascii: "0"), found <= UInt8(ascii: "9") else { return false }
        var digits: [UInt8] = []
        for r in ranges { digits.append(contentsOf: s[r]) }
        return CheckDigit.compute(digits) == Int(found - UInt8(ascii: "0"))
    }

    /// The unique smallest set (one or two changes) of alternatives that makes the check hold, or `nil`.
    /// With the reader's glyphs, its own runner-ups are tried first and the look-alike groups only when they
    /// give no answer: a look-alike the reader did not propose satisfies a check digit by chance one time in
    /// ten, which must not outvote the change the reader itself suggests.
    func search(_ s: [UInt8], offsets: [Int], ranges: [Range<Int>], checkOffset: Int, protected: Set<Int>) -> [(Int, UInt8)]? {
        if case .glyphs = mode, let fix = search(s, offsets: offsets, ranges: ranges, checkOffset: checkOffset, readerOnly: true) {
            return fix
        }
        return search(s, offsets: offsets, ranges: ranges, checkOffset: checkOffset, readerOnly: false)
    }

    func search(_ s: [UInt8], offsets: [Int], ranges: [Range<Int>], checkOffset: Int, readerOnly: Bool) -> [(Int, UInt8)]? {
        let options: [(Int, [UInt8])] = offsets.compactMap { o in
            let a = alternatives(o, s, readerOnly: readerOnly)
            return a.isEmpty ? nil : (o, a)
        }
        guard !options.isEmpty else { return nil }
        var work = s
        var singles: [(Int, UInt8)] = []
        for (o, alts) in options {
            let original = work[o]
            for a in alts {
                work[o] = a
                if holds(work, ranges, checkOffset) { singles.append((o, a)) }
            }
            work[o] = original
        }
        if singles.count == 1 { return singles }
        if singles.count > 1 { return nil }
        var pairs: [[(Int, UInt8)]] = []
        var tried = 0
        for i in options.indices {
            for j in options.indices where j > i {
                let (o1, a1) = options[i], (o2, a2) = options[j]
                for x in a1 {
                    for y in a2 {
                        tried += 1
                        if tried > 4096 { return nil }
                        work[o1] = x
                        work[o2] = y
                        if holds(work, ranges, checkOffset) { pairs.append([(o1, x), (o2, y)]) }
                        work[o1] = s[o1]
                        work[o2] = s[o2]
                        if pairs.count > 1 { return nil }
                    }
                }
            }
        }
        return pairs.count == 1 ? pairs[0] : nil
    }
}
