import Foundation
import MRZText
import Testing

/// Hostile MRZ text: whatever the bytes, the parser gives documents whose findings say what is wrong.
@Suite("Hostile MRZ text")
struct HostileMRZTextTests {
    enum Text: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case megabyteLine, hundredThousandLines, nulBytes, invalidUTF8, multiByteAtTheRightLength, onlyFillers, crOnly

        var testDescription: String { rawValue }

        var bytes: [UInt8] {
            switch self {
            case .megabyteLine: return [UInt8](repeating: UInt8(ascii: "<"), count: 1 << 20)
            case .hundredThousandLines: return Array(String(repeating: "P<UTO\n", count: 100_000).utf8)
            case .nulBytes:
                return Array("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<1".utf8) + [0] + [0x0A]
            case .invalidUTF8:
                return Array("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<".utf8) + [0xFF, 0xC0] + [0x0A]
                    + Array("L898902C36UTO7408122F1204159ZE184226B<<<<<10".utf8)
            case .multiByteAtTheRightLength:
                // 44 bytes a line, fewer characters: Ö is two bytes.
                return Array("P<UTÖERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\nL898902C36UTÖ7408122F1204159ZE184226B<<<<10".utf8)
            case .onlyFillers: return Array((String(repeating: "<", count: 44) + "\n" + String(repeating: "<", count: 44)).utf8)
            case .crOnly: return Array("I<UTOD231458907<<<<<<<<<<<<<<<\r7408122F1204159UTO<<<<<<<<<<<6\rERIKSSON<<ANNA<MARIA<<<<<<<<<<".utf8)
            }
        }
    }

    @Test("hostile text gives documents with findings, never a crash", arguments: Text.allCases)
    func hostile(_ text: Text) throws {
        let bytes = text.bytes
        let documents = withinTimeLimit(text.rawValue) { bytes.withUnsafeBufferPointer { MRZParser.splitDocuments(utf8: $0) } }
        #expect(!documents.isEmpty)
        for correction in [MRZCorrectionMode.none, .lookAlikes] {
            let options = MRZParseOptions(referenceDate: Hostile.reference, correction: correction)
            for lines in documents {
                let document = withinTimeLimit(text.rawValue) { MRZParser.parse(lines: lines, options: options) }
                #expect(!document.valid)
                #expect(document.findings.contains { $0.severity == .alert })
                let json = try JSONEncoder().encode(document)
                if text == .megabyteLine { #expect(json.count < 4096) }  // raw lines are cut in the output
            }
            // The byte path sees the raw bytes, line breaks dropped.
            let raw = bytes.filter { $0 != 0x0A && $0 != 0x0D }
            let outsideTheSet = raw.contains { !(($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x3C) }
            for lineCount in [0, 2, 3] {
                let document = MRZParser.parse(bytes: raw, lineCount: lineCount, options: options)
                #expect(document.findings.contains { $0.severity == .alert })
                if outsideTheSet { #expect(document.findings.contains { $0.code == "mrz.syntax" }) }
                _ = try JSONEncoder().encode(document)
            }
        }
    }

    @Test("a hundred thousand lines split into one document of a hundred thousand lines, refused by shape")
    func manyLines() {
        let bytes = Text.hundredThousandLines.bytes
        let documents = bytes.withUnsafeBufferPointer { MRZParser.splitDocuments(utf8: $0) }
        #expect(documents.map(\.count) == [100_000])
        let document = MRZParser.parse(lines: documents[0], options: MRZParseOptions(referenceDate: Hostile.reference))
        #expect(document.format == nil)
        #expect(document.findings.map(\.code) == ["mrz.syntax"])
    }
}
