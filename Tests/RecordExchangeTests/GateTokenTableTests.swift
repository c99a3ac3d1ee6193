import Testing
@testable import RecordExchange

@Suite struct GateTokenTableTests {
    static let tokenA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    static let tokenB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

    @Test func parsesPairsSkippingCommentsAndBlankLines() throws {
        let table = try GateTokenTable(text: "# gates\n\nnoi-bai \(Self.tokenA)\n  moc-bai\t\(Self.tokenB)  \n")
        #expect(table.gates == ["noi-bai", "moc-bai"])
        #expect(table.gate(presenting: Array(Self.tokenA.utf8)) == "noi-bai")
        #expect(table.gate(presenting: Array(Self.tokenB.utf8)) == "moc-bai")
    }

    @Test(arguments: [
        ("", nil as String?),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", nil),          // one byte short
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", nil),        // one byte long
        ("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", nil),         // first byte differs
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", nil),         // last byte differs
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "noi-bai"),
    ])
    func findsOnlyTheExactToken(presented: String, gate: String?) throws {
        let table = try GateTokenTable(text: "noi-bai \(Self.tokenA)\nmoc-bai \(Self.tokenB)\n")
        #expect(table.gate(presenting: Array(presented.utf8)) == gate)
    }

    @Test(arguments: [
        ("noi-bai\n", 1, "expected `GATE TOKEN`, found 1 words"),
        ("noi-bai \(tokenA) extra\n", 1, "expected `GATE TOKEN`, found 3 words"),
        ("# c\nnoi/bai \(tokenA)\n", 2, "gate name must be 1-64 characters of A-Z a-z 0-9 . _ -"),
        ("noi-bai short\n", 1, "token must be at least 16 visible ASCII characters"),
    ])
    func reportsMalformedLinesByNumber(text: String, line: Int, reason: String) {
        #expect(throws: TokenFileError.malformedLine(path: "tokens", line: line, reason: reason)) {
            try GateTokenTable(text: text)
        }
    }

    @Test func refusesDuplicateGatesAndTokens() {
        #expect(throws: TokenFileError.duplicate(path: "tokens", line: 2, what: "gate a")) {
            try GateTokenTable(text: "a \(Self.tokenA)\na \(Self.tokenB)\n")
        }
        #expect(throws: TokenFileError.duplicate(path: "tokens", line: 3, what: "a token")) {
            try GateTokenTable(text: "a \(Self.tokenA)\n\nb \(Self.tokenA)\n")
        }
    }

    @Test(arguments: [
        ([UInt8](), [UInt8](), true),
        (Array("abc".utf8), Array("abc".utf8), true),
        (Array("abc".utf8), Array("abd".utf8), false),
        (Array("abc".utf8), Array("ab".utf8), false),
        (Array("ab".utf8), Array("ab\u{0}".utf8), false),  // a zero byte past the end is still a difference
    ])
    func constantTimeEquality(a: [UInt8], b: [UInt8], equal: Bool) {
        #expect(ConstantTime.equals(a, b) == equal)
        #expect(ConstantTime.equals(b, a) == equal)
    }

    @Test func generatedTokensAreValidAndDistinct() throws {
        let tokens = (0..<50).map { _ in BearerToken.generate() }
        #expect(Set(tokens).count == 50)
        for token in tokens {
            #expect(token.count == 64)
            #expect(BearerToken.isValid(Array(token.utf8)))
        }
    }
}
