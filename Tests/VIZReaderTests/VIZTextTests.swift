import Foundation
import Testing
@testable import VIZReader

/// The ASCII paths of ``VIZText`` against the general definitions they stand in for.
@Suite("Text folding")
struct VIZTextTests {
    static let texts = ["", "Date of birth / Ngày sinh", "SURNAME", "passport no.", "02 APR 1986", "Ho\r\nTen", "a\rb",
                        "NGUYỄN Đức", "Straße", "x_y-z 09", "  ", "Œuvre", "ÆØÅ æøå", "T1ên", "|[ SEX ]|", "~`!@#$%^&*()"]

    @Test("fold and words as by the general definition", arguments: texts)
    func foldAndWords(_ text: String) {
        #expect(VIZText.fold(text) == VIZText.foldScalars(text))
        #expect(VIZText.words(text) == VIZText.foldScalars(text).split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    @Test("edit distance by bytes as by characters")
    func editDistance() {
        for a in Self.texts {
            for b in Self.texts {
                let byCharacter = VIZText.editDistance(Array(a), Array(b))
                #expect(VIZText.editDistance(a, b) == byCharacter, "\(a) / \(b)")
                if let x = VIZText.asciiCharacters(a), let y = VIZText.asciiCharacters(b) {
                    #expect(VIZText.editDistance(x, y) == byCharacter, "\(a) / \(b)")
                }
            }
        }
        #expect(VIZText.asciiCharacters("Ho\r\nTen") == nil)
        #expect(VIZText.asciiCharacters("NGÀY") == nil)
    }
}
