extension MRZScan {
    /// The scan of a TD3 document (the passport, 2 × 44), its layout written out as constants: the same values
    /// and flags as the scan of any format (``init(_:shape:reference:)`` with `TD3Shape`), in about half the
    /// instructions. The property tests compare the two on random valid and damaged documents.
    ///
    /// Line 2: number 44-52, check 53, nationality 54-56, birth 57-62, check 63, sex 64, expiry 65-70, check 71,
    /// optional data 72-85, check 86, composite 87 (over 44-53, 57-63 and 65-86).
    ///
    /// - Complexity: O(1): one read of each of the 88 bytes; no allocation.
    init(td3 storage: borrowing [UInt8], reference: CalendarDate) {
        guard storage.count == 88 else {
            self.init(storage, shape: TD3Shape.self, reference: reference)
            return
        }
        var flags: Flags = []
        var table = MRZCheckTable()
        table.numberCheckOffset = 53
        var birth: CalendarDate?
        var expiry: CalendarDate?
        // Every read of the bytes happens in this closure.
        storage.withUnsafeBufferPointer { buf in
            CheckDigit.values.withUnsafeBufferPointer { values in
                @inline(__always) func value(_ i: Int) -> Int { Int(values[Int(buf[i])]) }
                // The values of `lower..<upper` summed by position modulo 3 from `lower`, and their OR.
                @inline(__always) func classes(_ lower: Int, _ upper: Int) -> Classes {
                    var c = Classes(s0: 0, s1: 0, s2: 0, bad: 0)
                    var i = lower
                    while i &+ 3 <= upper {
                        let a = value(i), b = value(i &+ 1), d = value(i &+ 2)
                        c.s0 &+= a
                        c.s1 &+= b
                        c.s2 &+= d
                        c.bad |= a | b | d
                        i &+= 3
                    }
                    if i < upper {
                        let a = value(i)
                        c.s0 &+= a
                        c.bad |= a
                        if i &+ 1 < upper {
                            let b = value(i &+ 1)
                            c.s1 &+= b
                            c.bad |= b
                        }
                    }
                    return c
                }
                @inline(__always) func digit(_ sum: Int, _ bad: Int) -> Int8 {
                    bad < 0 ? -1 : Int8(truncatingIfNeeded: UInt(bitPattern: sum) % 10)
                }
                @inline(__always) func matches(_ offset: Int, _ expected: Int8) -> Bool {
                    expected >= 0 && buf[offset] &- UInt8(ascii: "0") == UInt8(truncatingIfNeeded: expected)
                }

                // Check digits: each field summed once; the composite weighted from the same sums, each part from
                // its place in the composite (number from 0, birth from 10, expiry from 17, optional data from 24).
                let number = classes(44, 53), birthField = classes(57, 63), expiryField = classes(65, 71)
                let optional = classes(72, 86)
                let numberDigit = digit(number.weighted(phase: 0), number.bad)
                let birthDigit = digit(birthField.weighted(phase: 0), birthField.bad)
                let expiryDigit = digit(expiryField.weighted(phase: 0), expiryField.bad)
                let optionalDigit = digit(optional.weighted(phase: 0), optional.bad)
                let check53 = value(53), check63 = value(63), check71 = value(71), check86 = value(86)
                let compositeSum = number.weighted(phase: 0) &+ 7 &* check53 &+ birthField.weighted(phase: 1) &+ 3 &* check63
                    &+ expiryField.weighted(phase: 2) &+ check71 &+ optional.weighted(phase: 0) &+ check86
                let fieldsBad = number.bad | birthField.bad | expiryField.bad | optional.bad
                let compositeDigit = digit(compositeSum, fieldsBad | check53 | check63 | check71 | check86)
                // An all-filler optional field may carry a filler check digit: every value is 0 and the byte is `<`.
                var optionalFiller = buf[86] == UInt8(ascii: "<")
                if optionalFiller { for i in 72..<86 where buf[i] != UInt8(ascii: "<") { optionalFiller = false; break } }
                var valid: UInt8 = 0
                if matches(53, numberDigit) { valid |= MRZCheckName.documentNumber.bit }
                if matches(63, birthDigit) { valid |= MRZCheckName.birthDate.bit }
                if matches(71, expiryDigit) { valid |= MRZCheckName.expiryDate.bit }
                if optionalFiller || matches(86, optionalDigit) { valid |= MRZCheckName.optionalData.bit }
                if matches(87, compositeDigit) { valid |= MRZCheckName.composite.bit }
                table.present = 31
                table.validMask = valid
                table.expectedDigits = (numberDigit, birthDigit, expiryDigit, optionalDigit, compositeDigit)
                if valid != 31 { flags.insert(.checkDigits) }

                // Character set: the fields above and the check digits carry their OR; the rest is read here.
                var bad = fieldsBad | check53 | check63 | check71 | check86
                var i = 0
                while i < 44 {
                    bad |= value(i) | value(i &+ 1) | value(i &+ 2) | value(i &+ 3)
                    i &+= 4
                }
                bad |= value(54) | value(55) | value(56) | value(64) | value(87)
                if bad < 0 { flags.insert(.characterSet) }

                // Document code.
                let code1 = buf[1]
                if buf[0] != UInt8(ascii: "P") || !(code1 &- UInt8(ascii: "A") < 26 || code1 == UInt8(ascii: "<")) {
                    flags.insert(.documentCode)
                }

                // Dates.
                birth = MRZScan.birthDate(buf, at: 57, reference: reference)
                expiry = MRZScan.expiryDate(buf, at: 65, reference: reference)

                // Sex.
                let sex = buf[64]
                if !(sex == UInt8(ascii: "M") || sex == UInt8(ascii: "F") || sex == UInt8(ascii: "X") || sex == UInt8(ascii: "<")) {
                    flags.insert(.sex)
                }

                // States.
                let ia = buf[2], ib = buf[3], ic = buf[4]
                let na = buf[54], nb = buf[55], nc = buf[56]
                if !StateCodes.isValid(ia, ib, ic) { flags.insert(.issuingState) }
                if !StateCodes.isValid(na, nb, nc) { flags.insert(.nationality) }
                if (ia == UInt8(ascii: "U") && ib == UInt8(ascii: "T") && ic == UInt8(ascii: "O"))
                    || (na == UInt8(ascii: "U") && nb == UInt8(ascii: "T") && nc == UInt8(ascii: "O")) {
                    flags.insert(.specimenState)
                }

                // Specimen numbers (Doc 9303 parts 4-7).
                let leading = buf[44]
                if leading == UInt8(ascii: "L") || leading == UInt8(ascii: "D") {
                    @inline(__always) func equals(_ specimen: StaticString) -> Bool {
                        specimen.withUTF8Buffer { s in
                            var same = true
                            for k in 0..<9 where buf[44 + k] != s[k] { same = false; break }
                            return same
                        }
                    }
                    if equals("L898902C3") || equals("D23145890") || equals("L8988901C") { flags.insert(.specimenNumber) }
                }
            }
        }
        flags.formUnion(Self.dateFlags(birth: birth, expiry: expiry, reference: reference))
        self.init(table: table, numberFirst: 44..<53, numberContinuation: nil, birthDate: birth, expiryDate: expiry, flags: flags)
    }
}
