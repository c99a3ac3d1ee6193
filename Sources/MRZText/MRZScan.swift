/// What validation measures of one document in one pass over its bytes: every check digit, the
/// character set, the document code, the dates, the sex, the state codes and the specimen marks, as plain
/// values and flags.
///
/// ``MRZParser`` builds findings only for the flags set here, so that a document without findings costs
/// no allocation beyond the returned ``MRZDocument``.
struct MRZScan {
    /// What the validation step must report (one bit a kind of finding).
    struct Flags: OptionSet {
        let rawValue: UInt16
        /// The document code is not valid for the format.
        static let documentCode = Flags(rawValue: 1 << 0)
        /// A byte lies outside `A-Z0-9<`.
        static let characterSet = Flags(rawValue: 1 << 1)
        /// A check digit fails.
        static let checkDigits = Flags(rawValue: 1 << 2)
        /// The birth date is not a real day.
        static let birthDate = Flags(rawValue: 1 << 3)
        /// The expiry date is not a real day.
        static let expiryDate = Flags(rawValue: 1 << 4)
        /// The expiry date lies before the reference date.
        static let expired = Flags(rawValue: 1 << 5)
        /// The birth date may lie after the expiry date (the findings step decides).
        static let birthAfterExpiry = Flags(rawValue: 1 << 6)
        /// The sex is not `M`, `F`, `X` or `<`.
        static let sex = Flags(rawValue: 1 << 7)
        /// The issuing state is not a listed code.
        static let issuingState = Flags(rawValue: 1 << 8)
        /// The nationality is not a listed code.
        static let nationality = Flags(rawValue: 1 << 9)
        /// The issuing state or nationality is `UTO`.
        static let specimenState = Flags(rawValue: 1 << 10)
        /// The document number is one of Doc 9303's specimen numbers.
        static let specimenNumber = Flags(rawValue: 1 << 11)
    }

    var table = MRZCheckTable()
    var numberFirst: Range<Int>
    var numberContinuation: Range<Int>?
    var birthDate: CalendarDate?
    var expiryDate: CalendarDate?
    var flags: Flags = []

    /// Scans `storage`, the lines of a `format` document laid end to end (its length is the format's).
    ///
    /// - Complexity: O(n) in the length of the document, one pass over the bytes per check; no allocation.
    init(_ storage: borrowing [UInt8], format: MRZFormat, reference: CalendarDate) {
        // One copy of the scan per format, its layout constant: the loops over fields unroll.
        switch format {
        case .td1: self.init(storage, shape: TD1Shape.self, reference: reference)
        case .td2: self.init(storage, shape: TD2Shape.self, reference: reference)
        case .td3: self.init(td3: storage, reference: reference)
        case .mrvA: self.init(storage, shape: MRVAShape.self, reference: reference)
        case .mrvB: self.init(storage, shape: MRVBShape.self, reference: reference)
        }
    }

    /// A scan from its parts (for the scans of one format in their own files).
    init(table: MRZCheckTable, numberFirst: Range<Int>, numberContinuation: Range<Int>?, birthDate: CalendarDate?,
         expiryDate: CalendarDate?, flags: Flags) {
        self.table = table
        self.numberFirst = numberFirst
        self.numberContinuation = numberContinuation
        self.birthDate = birthDate
        self.expiryDate = expiryDate
        self.flags = flags
    }

    /// The six digits `YYMMDD` at `i`, or `nil` when one is not a digit. Where eight bytes can be read, the six are
    /// tested and paired in one word: a byte is a digit when, XOR `0x30`, its high nibble is 0 and adding 6 does not
    /// carry into it; `10 × d + (d >> 8)` then holds `YY`, `MM` and `DD` in bytes 0, 2 and 4.
    @inline(__always)
    static func sixDigits(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> (yy: Int, mm: Int, dd: Int)? {
        if i &+ 8 <= buf.count, let base = buf.baseAddress {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let d = (x ^ 0x3030_3030_3030_3030) & 0x0000_FFFF_FFFF_FFFF
            guard (d & 0x0000_F0F0_F0F0_F0F0) | ((d &+ 0x0000_0606_0606_0606) & 0x0000_1010_1010_1010) == 0 else { return nil }
            let pairs = d &* 10 &+ (d >> 8)
            return (Int(pairs & 0xFF), Int((pairs >> 16) & 0xFF), Int((pairs >> 32) & 0xFF))
        }
        let d0 = buf[i] &- UInt8(ascii: "0"), d1 = buf[i &+ 1] &- UInt8(ascii: "0")
        let d2 = buf[i &+ 2] &- UInt8(ascii: "0"), d3 = buf[i &+ 3] &- UInt8(ascii: "0")
        let d4 = buf[i &+ 4] &- UInt8(ascii: "0"), d5 = buf[i &+ 5] &- UInt8(ascii: "0")
        guard max(max(max(d0, d1), max(d2, d3)), max(d4, d5)) < 10 else { return nil }
        return (Int(d0) &* 10 &+ Int(d1), Int(d2) &* 10 &+ Int(d3), Int(d4) &* 10 &+ Int(d5))
    }

    /// The birth date printed at `i`: the latest century that does not put it after the reference date.
    @inline(__always)
    static func birthDate(_ buf: UnsafeBufferPointer<UInt8>, at i: Int, reference: CalendarDate) -> CalendarDate? {
        guard let (yy, mm, dd) = sixDigits(buf, at: i) else { return nil }
        let referenceYear = reference.year
        var year = referenceYear / 100 &* 100 &+ yy
        if (year, mm, dd) > (referenceYear, reference.month, reference.day) { year &-= 100 }
        return CalendarDate(year: year, month: mm, day: dd)
    }

    /// The expiry date printed at `i`: the century that puts it less than 50 years after and at most 50 years
    /// before the reference date.
    @inline(__always)
    static func expiryDate(_ buf: UnsafeBufferPointer<UInt8>, at i: Int, reference: CalendarDate) -> CalendarDate? {
        guard let (yy, mm, dd) = sixDigits(buf, at: i) else { return nil }
        let referenceYear = reference.year
        var year = referenceYear / 100 &* 100 &+ yy
        if year >= referenceYear &+ 50 { year &-= 100 } else if year < referenceYear &- 50 { year &+= 100 }
        return CalendarDate(year: year, month: mm, day: dd)
    }

    /// The flags the dates give once read: unreal, expired, possibly born after expiry.
    @inline(__always)
    static func dateFlags(birth: CalendarDate?, expiry: CalendarDate?, reference: CalendarDate) -> Flags {
        var flags: Flags = []
        if birth == nil { flags.insert(.birthDate) }
        if expiry == nil { flags.insert(.expiryDate) }
        if let expiry, expiry < reference { flags.insert(.expired) }
        if let birth, let expiry {
            // Necessary for either birth-after-expiry finding: the birth after expiry as read, or the birth read in
            // the expiry's century falling from the expiry's year to two years after.
            let sameCenturyYear = expiry.year / 100 * 100 + birth.year % 100
            if birth > expiry || (sameCenturyYear >= expiry.year && sameCenturyYear - expiry.year <= 2) {
                flags.insert(.birthAfterExpiry)
            }
        }
        return flags
    }

    /// The scan of any format, its layout a constant of `Shape`. TD3 documents take ``init(td3:reference:)``,
    /// which must agree with this one (the property tests compare them).
    init<Shape: MRZShape>(_ storage: borrowing [UInt8], shape: Shape.Type, reference: CalendarDate) {
        var flags: Flags = []
        var table = MRZCheckTable()
        var numberRanges = (first: 0..<0, continuation: Range<Int>?.none)
        var birth: CalendarDate?
        var expiry: CalendarDate?
        // The hot loop: every read of the bytes happens in this closure.
        storage.withUnsafeBufferPointer { buf in
            CheckDigit.values.withUnsafeBufferPointer { values in
                // The layout read here, inside the closure, so that the closure is specialised per shape.
                let format = Shape.format, layout = Shape.layout
                // The number's ranges are constants for every format but TD1 and TD2 (no long numbers elsewhere).
                let number = MRZParser.documentNumberRanges(storage, layout: layout, format: format)
                numberRanges = (number.first, number.continuation)
                table.numberCheckOffset = number.checkOffset
                @inline(__always) func value(_ i: Int) -> Int { Int(values[Int(buf[i])]) }
                // The values of a range summed by position modulo 3 (from the range's start), and the OR of
                // its values (negative: a byte outside the set).
                @inline(__always) func classes(_ r: Range<Int>) -> Classes {
                    var s0 = 0, s1 = 0, s2 = 0, bad = 0
                    var i = r.lowerBound
                    while i &+ 3 <= r.upperBound {
                        let a = value(i), b = value(i &+ 1), c = value(i &+ 2)
                        s0 &+= a
                        s1 &+= b
                        s2 &+= c
                        bad |= a | b | c
                        i &+= 3
                    }
                    if i < r.upperBound {
                        let a = value(i)
                        s0 &+= a
                        bad |= a
                        if i &+ 1 < r.upperBound {
                            let b = value(i &+ 1)
                            s1 &+= b
                            bad |= b
                        }
                    }
                    return Classes(s0: s0, s1: s1, s2: s2, bad: bad)
                }
                // Weighted 7-3-1 sum of a range starting at `phase`, and the OR of its values.
                @inline(__always) func sum(_ r: Range<Int>, phase: Int) -> (sum: Int, bad: Int) {
                    let c = classes(r)
                    return (c.weighted(phase: phase), c.bad)
                }
                @inline(__always) func digit(_ s: (sum: Int, bad: Int)) -> Int8 {
                    s.bad < 0 ? -1 : Int8(truncatingIfNeeded: UInt(bitPattern: s.sum) % 10)
                }
                @inline(__always) func matches(_ offset: Int, _ expected: Int8) -> Bool {
                    expected >= 0 && buf[offset] &- UInt8(ascii: "0") == UInt8(truncatingIfNeeded: expected)
                }

                // Character set: the OR of every byte's value is negative when one lies outside the set.
                // The format's length as a constant where it is the buffer's, so that the loop unrolls.
                let length = format.lineCount * format.lineLength
                var bad: Int8 = 0
                if buf.count == length {
                    var i = 0
                    while i &+ 4 <= length {
                        bad |= values[Int(buf[i])] | values[Int(buf[i &+ 1])] | values[Int(buf[i &+ 2])] | values[Int(buf[i &+ 3])]
                        i &+= 4
                    }
                    while i < length { bad |= values[Int(buf[i])]; i &+= 1 }
                } else {
                    for i in 0..<buf.count { bad |= values[Int(buf[i])] }
                }
                if bad < 0 { flags.insert(.characterSet) }

                // Document code.
                let code0 = buf[layout.documentCode.lowerBound], code1 = buf[layout.documentCode.lowerBound + 1]
                let codeOK: Bool
                switch format {
                case .td3: codeOK = code0 == UInt8(ascii: "P")
                case .td1, .td2: codeOK = code0 == UInt8(ascii: "I") || code0 == UInt8(ascii: "A") || code0 == UInt8(ascii: "C")
                case .mrvA, .mrvB: codeOK = code0 == UInt8(ascii: "V")
                }
                if !codeOK || !(code1 &- UInt8(ascii: "A") < 26 || code1 == UInt8(ascii: "<")) { flags.insert(.documentCode) }

                // Check digits. Each field is summed once, by position modulo 3; the composite, where it is made of
                // the fields and their check digits laid end to end (TD3), is weighted from the same sums.
                let numberClasses = classes(number.first)
                var numberSum = (sum: numberClasses.weighted(phase: 0), bad: numberClasses.bad)
                if let c = number.continuation {
                    let more = sum(c, phase: number.first.count % 3)
                    numberSum = (numberSum.sum &+ more.sum, numberSum.bad | more.bad)
                }
                let numberDigit = digit(numberSum)
                table.record(.documentNumber, digit: numberDigit, valid: matches(number.checkOffset, numberDigit))
                let birthClasses = classes(layout.birthDate)
                let birthDigit = digit((birthClasses.weighted(phase: 0), birthClasses.bad))
                table.record(.birthDate, digit: birthDigit, valid: matches(layout.birthDateCheck, birthDigit))
                let expiryClasses = classes(layout.expiryDate)
                let expiryDigit = digit((expiryClasses.weighted(phase: 0), expiryClasses.bad))
                table.record(.expiryDate, digit: expiryDigit, valid: matches(layout.expiryDateCheck, expiryDigit))
                var optionalClasses = Classes(s0: 0, s1: 0, s2: 0, bad: 0)
                if let o = layout.optionalDataCheck {
                    optionalClasses = classes(layout.optionalData)
                    let optionalDigit = digit((optionalClasses.weighted(phase: 0), optionalClasses.bad))
                    // An all-filler field may carry a filler check digit: every value is 0 and the byte is `<`.
                    var allFiller = buf[o] == UInt8(ascii: "<")
                    if allFiller { for i in layout.optionalData where buf[i] != UInt8(ascii: "<") { allFiller = false; break } }
                    table.record(.optionalData, digit: optionalDigit, valid: allFiller || matches(o, optionalDigit))
                }
                if let o = layout.compositeCheck {
                    let parts = layout.compositeParts
                    var total = (sum: 0, bad: 0)
                    var phase = 0
                    if let optionalCheck = layout.optionalDataCheck, number.continuation == nil,
                       parts.0 == number.first.lowerBound..<(number.checkOffset + 1), number.checkOffset == number.first.upperBound,
                       parts.1 == layout.birthDate.lowerBound..<(layout.birthDateCheck + 1), layout.birthDateCheck == layout.birthDate.upperBound,
                       parts.2 == layout.expiryDate.lowerBound..<(optionalCheck + 1), layout.expiryDateCheck == layout.expiryDate.upperBound,
                       layout.optionalData.lowerBound == layout.expiryDateCheck + 1, optionalCheck == layout.optionalData.upperBound,
                       parts.3.isEmpty {
                        // Composite = number, its check, birth, its check, expiry, its check, optional data, its check.
                        @inline(__always) func addField(_ c: Classes, _ count: Int) {
                            total = (total.sum &+ c.weighted(phase: phase), total.bad | c.bad)
                            phase = (phase &+ count) % 3
                        }
                        @inline(__always) func addCheck(_ offset: Int) {
                            let v = value(offset)
                            total = (total.sum &+ v &* (phase == 0 ? 7 : (phase == 1 ? 3 : 1)), total.bad | v)
                            phase = (phase &+ 1) % 3
                        }
                        addField(numberClasses, number.first.count)
                        addCheck(number.checkOffset)
                        addField(birthClasses, layout.birthDate.count)
                        addCheck(layout.birthDateCheck)
                        addField(expiryClasses, layout.expiryDate.count)
                        addCheck(layout.expiryDateCheck)
                        addField(optionalClasses, layout.optionalData.count)
                        addCheck(optionalCheck)
                    } else {
                        @inline(__always) func add(_ part: Range<Int>) {
                            guard !part.isEmpty else { return }
                            let s = sum(part, phase: phase)
                            total = (total.sum &+ s.sum, total.bad | s.bad)
                            phase = (phase &+ part.count) % 3
                        }
                        add(parts.0)
                        add(parts.1)
                        add(parts.2)
                        add(parts.3)
                    }
                    let compositeDigit = digit(total)
                    table.record(.composite, digit: compositeDigit, valid: matches(o, compositeDigit))
                }
                if !table.allValid { flags.insert(.checkDigits) }

                // Dates.
                birth = MRZScan.birthDate(buf, at: layout.birthDate.lowerBound, reference: reference)
                expiry = MRZScan.expiryDate(buf, at: layout.expiryDate.lowerBound, reference: reference)

                // Sex.
                let sex = buf[layout.sex]
                if !(sex == UInt8(ascii: "M") || sex == UInt8(ascii: "F") || sex == UInt8(ascii: "X") || sex == UInt8(ascii: "<")) {
                    flags.insert(.sex)
                }

                // States.
                let i0 = layout.issuingState.lowerBound, n0 = layout.nationality.lowerBound
                let ia = buf[i0], ib = buf[i0 + 1], ic = buf[i0 + 2]
                let na = buf[n0], nb = buf[n0 + 1], nc = buf[n0 + 2]
                if !StateCodes.isValid(ia, ib, ic) { flags.insert(.issuingState) }
                if !StateCodes.isValid(na, nb, nc) { flags.insert(.nationality) }
                if (ia == UInt8(ascii: "U") && ib == UInt8(ascii: "T") && ic == UInt8(ascii: "O"))
                    || (na == UInt8(ascii: "U") && nb == UInt8(ascii: "T") && nc == UInt8(ascii: "O")) {
                    flags.insert(.specimenState)
                }

                // Specimen numbers (Doc 9303 parts 4-7).
                let leading = buf[number.first.lowerBound]
                if number.continuation == nil, number.first.count == 9, leading == UInt8(ascii: "L") || leading == UInt8(ascii: "D") {
                    @inline(__always) func equals(_ specimen: StaticString) -> Bool {
                        specimen.withUTF8Buffer { s in
                            var same = true
                            for k in 0..<9 where buf[number.first.lowerBound + k] != s[k] { same = false; break }
                            return same
                        }
                    }
                    if equals("L898902C3") || equals("D23145890") || equals("L8988901C") { flags.insert(.specimenNumber) }
                }
            }
        }
        flags.formUnion(Self.dateFlags(birth: birth, expiry: expiry, reference: reference))
        self.table = table
        self.numberFirst = numberRanges.first
        self.numberContinuation = numberRanges.continuation
        self.birthDate = birth
        self.expiryDate = expiry
        self.flags = flags
    }
}

/// The values of a range summed by position modulo 3 from its start, and the OR of the values (negative when
/// a byte lies outside the MRZ set): enough to weight the range 7-3-1 from any phase.
struct Classes {
    var s0: Int, s1: Int, s2: Int, bad: Int

    /// The 7-3-1 weighted sum when the range's first character takes the weight of `phase` (0: 7, 1: 3, 2: 1).
    @inline(__always)
    func weighted(phase: Int) -> Int {
        switch phase {
        case 0: 7 &* s0 &+ 3 &* s1 &+ s2
        case 1: 3 &* s0 &+ s1 &+ 7 &* s2
        default: s0 &+ 7 &* s1 &+ 3 &* s2
        }
    }
}

extension MRZCheckTable {
    /// Records a check with its computed digit (−1 where the field held characters outside the set).
    @inline(__always)
    mutating func record(_ name: MRZCheckName, digit: Int8, valid: Bool) {
        present |= name.bit
        if valid { validMask |= name.bit }
        switch name {
        case .documentNumber: expectedDigits.0 = digit
        case .birthDate: expectedDigits.1 = digit
        case .expiryDate: expectedDigits.2 = digit
        case .optionalData: expectedDigits.3 = digit
        case .composite: expectedDigits.4 = digit
        }
    }
}

/// A format known at compile time, so that the scan is specialised with its layout as constants.
protocol MRZShape {
    static var format: MRZFormat { get }
}

extension MRZShape {
    @inline(__always) static var layout: MRZLayout { .of(format) }
}

enum TD1Shape: MRZShape { @inline(__always) static var format: MRZFormat { .td1 } }
enum TD2Shape: MRZShape { @inline(__always) static var format: MRZFormat { .td2 } }
enum TD3Shape: MRZShape { @inline(__always) static var format: MRZFormat { .td3 } }
enum MRVAShape: MRZShape { @inline(__always) static var format: MRZFormat { .mrvA } }
enum MRVBShape: MRZShape { @inline(__always) static var format: MRZFormat { .mrvB } }
