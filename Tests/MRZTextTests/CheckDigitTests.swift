import Testing
@testable import MRZText

/// Check digits worked in Doc 9303 Part 3 §4.9 and the specimens of parts 4-7.
@Suite struct CheckDigitTests {
    @Test(arguments: [
        ("L898902C3", 6), ("740812", 2), ("120415", 9), ("ZE184226B<<<<<", 1),
        ("D23145890", 7), ("L8988901C", 4), ("400907", 8), ("961210", 9),
        ("520727", 3), ("AB2134<<<", 5), ("D23145890734", 9), ("<<<<<<<<<", 0),
    ])
    func knownValues(text: String, digit: Int) {
        #expect(CheckDigit.compute(text) == digit)
    }

    @Test(arguments: ["l898902c3", "L89 902C3", "ÄB", "12-34"])
    func rejectsCharactersOutsideTheSet(text: String) {
        #expect(CheckDigit.compute(text) == nil)
    }

    @Test func characterValues() {
        #expect(CheckDigit.value(of: UInt8(ascii: "<")) == 0)
        #expect(CheckDigit.value(of: UInt8(ascii: "7")) == 7)
        #expect(CheckDigit.value(of: UInt8(ascii: "A")) == 10)
        #expect(CheckDigit.value(of: UInt8(ascii: "Z")) == 35)
        #expect(CheckDigit.value(of: UInt8(ascii: "a")) == nil)
    }
}
