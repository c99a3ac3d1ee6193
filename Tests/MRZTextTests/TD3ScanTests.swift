import Testing
@testable import MRZText

/// The TD3 scan with its layout written out (``MRZScan/init(td3:reference:)``) agrees with the scan of any format
/// (``MRZScan/init(_:shape:reference:)`` with `TD3Shape`) on random valid, damaged and arbitrary documents.
@Suite struct TD3ScanTests {
    static func expectSameScan(_ bytes: [UInt8], _ today: CalendarDate, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = MRZScan(td3: bytes, reference: today)
        let general = MRZScan(bytes, shape: TD3Shape.self, reference: today)
        #expect(fast.table == general.table, "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(fast.table.expectedDigits == general.table.expectedDigits, sourceLocation: sourceLocation)
        #expect(fast.flags == general.flags, "flags \(fast.flags.rawValue) vs \(general.flags.rawValue): \(String(decoding: bytes, as: UTF8.self))",
                sourceLocation: sourceLocation)
        #expect(fast.birthDate == general.birthDate, sourceLocation: sourceLocation)
        #expect(fast.expiryDate == general.expiryDate, sourceLocation: sourceLocation)
        #expect(fast.numberFirst == general.numberFirst, sourceLocation: sourceLocation)
        #expect(fast.numberContinuation == general.numberContinuation, sourceLocation: sourceLocation)
    }

    /// The word-at-a-time reading of `YYMMDD` agrees with the byte-at-a-time one (taken when fewer than eight
    /// bytes remain) for every byte in every position.
    @Test func sixDigitsWordAndBytesAgree() {
        var rng = SplitMix64(seed: 0x5155)
        for position in 0..<8 {
            for byte in 0...255 {
                var bytes: [UInt8] = (0..<8).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &rng) }
                bytes[position] = UInt8(byte)
                let word = bytes.withUnsafeBufferPointer { MRZScan.sixDigits($0, at: 0) }
                let single = Array(bytes.prefix(6)).withUnsafeBufferPointer { MRZScan.sixDigits($0, at: 0) }
                #expect(word?.yy == single?.yy && word?.mm == single?.mm && word?.dd == single?.dd, "\(bytes)")
                #expect((word == nil) == (position < 6 && !(48...57).contains(byte)))
            }
        }
    }

    /// The byte-level state-code test agrees with the generated lists for every byte in every position of every code.
    @Test func stateCodeBytesAgreeWithTheLists() {
        let padded = Set((StateCodeTable.iso3166.union(StateCodeTable.icaoSpecific)).map { code in
            Array(code.utf8) + Array(repeating: UInt8(ascii: "<"), count: 3 - code.utf8.count)
        })
        for code in padded {
            for position in 0..<3 {
                for byte in UInt8.min...UInt8.max {
                    var bytes = code
                    bytes[position] = byte
                    #expect(StateCodes.isValid(bytes[0], bytes[1], bytes[2]) == padded.contains(bytes), "\(bytes)")
                }
            }
        }
    }

    /// The field words by check name are those by field name.
    @Test func fieldWordsAgree() {
        for name in MRZCheckName.allCases {
            #expect(MRZParser.fieldWords(name) == MRZParser.fieldWords(name.rawValue))
        }
    }

    @Test func validDocumentsScanAlike() throws {
        var rng = SplitMix64(seed: 0x7D3)
        for i in 0..<2000 {
            var content = randomContent(.td3, &rng)
            if i % 7 == 0 { content.optionalData = "" }
            let bytes = Array(try MRZComposer.lines(for: content).joined().utf8)
            let today = i % 3 == 0 ? reference : FastPathEquivalenceTests.randomReference(&rng)
            Self.expectSameScan(bytes, today)
            if i % 7 == 0 {
                // An empty optional field with a filler check digit, and with a digit.
                var filler = bytes
                filler[86] = UInt8(ascii: "<")
                Self.expectSameScan(filler, today)
                filler[86] = UInt8(ascii: "0")
                Self.expectSameScan(filler, today)
            }
        }
    }

    @Test func damagedDocumentsScanAlike() throws {
        var rng = SplitMix64(seed: 0xDA7D3)
        var flagsSeen: UInt16 = 0
        for i in 0..<6000 {
            var bytes = Array(try MRZComposer.lines(for: randomContent(.td3, &rng)).joined().utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) { FastPathEquivalenceTests.damage(&bytes, .td3, &rng) }
            let today = i % 3 == 0 ? reference : FastPathEquivalenceTests.randomReference(&rng)
            Self.expectSameScan(bytes, today)
            flagsSeen |= MRZScan(td3: bytes, reference: today).flags.rawValue
        }
        // Every kind of flag was raised somewhere.
        #expect(flagsSeen == (1 << 12) - 1, "flags seen \(String(flagsSeen, radix: 2))")
    }

    @Test func arbitraryBytesScanAlike() {
        var rng = SplitMix64(seed: 0xB17E5)
        let set = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<".utf8)
        for i in 0..<3000 {
            // Mostly MRZ characters, sometimes any byte.
            let bytes: [UInt8] = (0..<88).map { _ in
                Int.random(in: 0..<20, using: &rng) == 0 ? UInt8.random(in: 0...255, using: &rng) : set.randomElement(using: &rng)!
            }
            let today = i % 2 == 0 ? reference : FastPathEquivalenceTests.randomReference(&rng)
            Self.expectSameScan(bytes, today)
        }
    }

    /// The parser takes the TD3 scan for TD3 documents, and the documents are those of the scan of any format.
    @Test func parserUsesTheTD3Scan() throws {
        var rng = SplitMix64(seed: 0x9303)
        for _ in 0..<200 {
            var bytes = Array(try MRZComposer.lines(for: randomContent(.td3, &rng)).joined().utf8)
            FastPathEquivalenceTests.damage(&bytes, .td3, &rng)
            FastPathEquivalenceTests.compare(bytes, .td3, options)
        }
    }
}
