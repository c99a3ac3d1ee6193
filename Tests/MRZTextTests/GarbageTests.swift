import Testing
@testable import MRZText

/// Garbage in gives `mrz.syntax` findings, never a crash.
@Suite struct GarbageTests {
    @Test(arguments: [
        [""], ["hello"], ["P<UTOERIKSSON"], Array(repeating: String(repeating: "<", count: 44), count: 3),
        ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<1"],
        [String(repeating: "Ω", count: 44), String(repeating: "é", count: 44)],
    ])
    func wrongShapesAreSyntaxFindings(lines: [String]) {
        let d = parse(lines)
        #expect(d.format == nil || codes(d).contains("mrz.syntax"))
        #expect(!d.valid)
        #expect(codes(d).contains("mrz.syntax"))
    }

    @Test func lowercaseIsNotSilentlyAccepted() {
        let d = parse(["p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<",
                       "l898902c36uto7408122f1204159ze184226b<<<<<10"])
        #expect(d.format == .td3)
        #expect(!d.valid)
        let syntax = d.findings.first { $0.code == "mrz.syntax" && $0.field == nil }
        #expect(syntax?.evidence?.location == "1:1")
    }

    @Test func tenMegabytesOfNoise() {
        var rng = SplitMix64(seed: 42)
        var words = [UInt64](repeating: 0, count: (10 << 20) / 8)
        // ASCII noise (control characters included): invalid UTF-8 is covered below on a smaller scale,
        // since repairing ten megabytes of it would dominate the test's time without testing the parser.
        for i in words.indices { words[i] = rng.next() & 0x7F7F_7F7F_7F7F_7F7F }
        let text = words.withUnsafeBytes { String(decoding: $0.bindMemory(to: UInt8.self), as: UTF8.self) }
        let documents = MRZParser.splitDocuments(text)
        // Bools only inside #expect: it would otherwise describe megabytes of captured noise.
        let documentCount = documents.count
        #expect(documentCount > 0)
        for lines in documents.prefix(200) {
            let d = parse(lines)
            #expect(!d.valid)
            #expect(codes(d).contains("mrz.syntax"))
        }
        // The whole noise as one document.
        let all = parse([text])
        #expect(codes(all).contains("mrz.syntax"))
        let echoed = all.lines.first?.count ?? 0
        #expect(echoed <= 200, "echoed garbage is capped")
    }

    @Test func invalidUTF8IsRepairedNotFatal() {
        var rng = SplitMix64(seed: 7)
        let bytes = (0..<(64 << 10)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let text = String(decoding: bytes, as: UTF8.self)
        for lines in MRZParser.splitDocuments(text) {
            #expect(codes(parse(lines)).contains("mrz.syntax"))
        }
    }

    @Test func splitsOnBlankLinesAndTrimsSpaces() {
        let docs = MRZParser.splitDocuments("  AAA \r\nBBB\n\n\n CCC\n   \nDDD")
        #expect(docs == [["AAA", "BBB"], ["CCC"], ["DDD"]])
    }
}
