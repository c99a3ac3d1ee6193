import Imaging
import Testing
@testable import VIZReader

@Suite("Text engine")
struct TextEngineTests {
    @Test("a missing language folder is a typed error, not a crash or a message")
    func missingData() {
        #expect(throws: TextEngineError.self) { try TextEngine(languages: "eng", dataPath: "/nonexistent") }
    }
}
