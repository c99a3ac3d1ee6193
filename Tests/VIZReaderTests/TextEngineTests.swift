import DocumentSamples
import Foundation
import Imaging
import MRZText
import Testing
@testable import VIZReader

@Suite("Text engine", .serialized)
struct TextEngineTests {
    @Test("a missing language folder is a typed error, not a crash or a message")
    func missingData() {
        #expect(throws: TextEngineError.self) { try TextEngine(languages: "eng", dataPath: "/nonexistent") }
    }

    @Test("lines read in one engine call come back to their own images, read as each is read alone")
    func stackedLines() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        let sample = try SampleGenerator().generate(SampleRequest(format: .td3, kind: .clean, capture: .flat, seed: 31,
                                                                  referenceDate: today, name: "stack"))
        let page = try ImageDecoder.decode(bytes: sample.image).image
        let printed = sample.truth.viz
        let wanted = [("document_number", printed.documentNumber), ("surname", printed.surname), ("nationality", printed.nationality),
                      ("birth_date", printed.birthDate), ("sex", printed.sex), ("expiry_date", printed.expiryDate)]
        var crops: [GrayImage] = []
        for (key, _) in wanted {
            let box = try #require(sample.truth.geometry.vizFields[key]).bounds
            let x0 = max(0, Int(box.minX) - 10), y0 = max(0, Int(box.minY) - 8)
            let region = PixelRegion(x: x0, y: y0, width: min(page.width, Int(box.maxX) + 10) - x0,
                                     height: min(page.height, Int(box.maxY) + 8) - y0)
            crops.append(try #require(page.cropped(to: region)))
        }
        try TextEnginePool.vietnamese.withEngine { engine throws(TextEngineError) in
            let stacked = try engine.recognize(lines: crops, ppi: 300)
            #expect(stacked.count == crops.count)
            for (k, (key, value)) in wanted.enumerated() where k < stacked.count {
                let alone = try engine.recognize(crops[k], singleLine: true, ppi: 300)
                #expect(VIZValueParser.compact(stacked[k].text) == VIZValueParser.compact(value), "\(key): \(stacked[k].text)")
                #expect(VIZValueParser.compact(stacked[k].text) == VIZValueParser.compact(alone.text), "\(key)")
                #expect(stacked[k].symbols.first?.word == 0 && stacked[k].symbols.first?.line == 0, "\(key)")
                #expect(stacked[k].symbols.allSatisfy { s in
                    s.y0 >= 0 && s.y0 < s.y1 && s.y1 <= crops[k].height && s.x0 >= 0 && s.x1 <= crops[k].width
                }, "\(key)")
            }
            // More lines than one stack holds (a hostile page): read in parts, each line still its own.
            let many = Array(repeating: crops, count: TextEngine.stackHeightLimit / (crops.map(\.height).max()! + TextEngine.stackGap) / crops.count + 2)
                .flatMap { $0 }
            let parts = try engine.recognize(lines: many, ppi: 300)
            #expect(parts.count == many.count)
            #expect(zip(parts, many.indices).allSatisfy { part, i in VIZValueParser.compact(part.text) == VIZValueParser.compact(stacked[i % crops.count].text) })
        }
    }
}
