import Foundation
import Imaging
import MRZText
import Testing
@testable import DocumentSamples

@Suite struct GenerationTests {
    @Test("The same request gives the same bytes", arguments: [
        (SampleFormat.td3, CaptureMode.flat), (.td1, .scan), (.mrvA, .phone), (.td2, .phone),
    ])
    func reproducible(format: SampleFormat, capture: CaptureMode) throws {
        let request = SampleRequest(format: format, kind: .clean, capture: capture, dpi: 150, seed: 9, referenceDate: reference, name: "x")
        let a = try generator.generate(request), b = try generator.generate(request)
        #expect(a.image == b.image)
        #expect(a.truth == b.truth)
        var other = request
        other.seed = 10
        #expect(try generator.generate(other).image != a.image)
    }

    @Test("Genuine documents: MRZ valid with no findings, no fraud labels, VIZ consistent with the fields",
          arguments: SampleFormat.allCases, [SampleKind.clean, .degraded])
    func genuine(format: SampleFormat, kind: SampleKind) throws {
        for seed in UInt64(1)...2 {
            let truth = try sample(format, kind, capture: kind == .clean ? .scan : .phone, seed: seed).truth
            #expect(truth.fraud.isEmpty && truth.tampering.isEmpty)
            let document = parse(truth)
            #expect(document.valid, "\(truth.mrz)")
            #expect(document.findings.isEmpty, "\(document.findings.map(\.code)) in \(truth.mrz)")
            #expect(document.format == format.mrzFormat)
            let fields = try #require(document.fields)
            #expect(fields.documentNumber == truth.fields.documentNumber)
            #expect(fields.birthDateText == truth.fields.birthDate.mrz)
            #expect(fields.expiryDateText == truth.fields.expiryDate.mrz)
            #expect(fields.birthDate.map(PrintedDate.init) == truth.fields.birthDate)
            #expect(truth.mrz.map(\.count) == Array(repeating: format.mrzFormat.lineLength, count: format.mrzFormat.lineCount))
            #expect(truth.viz.surname == truth.fields.surname.uppercased())
            #expect(truth.viz.documentNumber == truth.fields.documentNumber)
            #expect(truth.viz.birthDate == truth.viz.dateForm.format(truth.fields.birthDate))
            #expect(truth.viz.expiryDate == truth.viz.dateForm.format(truth.fields.expiryDate))
        }
    }

    @Test("Batches: formats cycle fastest, then kinds; fraud cycles through the tamperings; sample i ignores the count")
    func batch() {
        let requests = SampleGenerator.batch(count: 24, seed: 5, referenceDate: reference)
        #expect(requests.map(\.format) == Array(repeating: SampleFormat.allCases, count: 6).flatMap { $0 })
        #expect(requests.prefix(4).allSatisfy { $0.kind == .clean && $0.tampering == nil })
        #expect(requests[4..<8].allSatisfy { $0.kind == .degraded })
        #expect(requests[8..<12].map(\.tampering) == Array(TamperKind.allCases.prefix(4)))
        #expect(requests[20..<24].map(\.tampering) == Array(TamperKind.allCases[4..<8]))
        #expect(Set(requests.map(\.name)).count == 24 && requests[3].name == "page00003")
        #expect(SampleGenerator.batch(count: 3, seed: 5, referenceDate: reference) == Array(requests.prefix(3)))
        #expect(Set(requests.map(\.seed)).count == 24)
    }

    @Test("decode(encode(page)) round-trips through Imaging", arguments: [
        (SampleFormat.td1, CaptureMode.flat, ImageEncoding.png), (.td3, .scan, .png), (.td2, .phone, .jpeg), (.mrvA, .flat, .jpeg),
    ])
    func roundTrip(format: SampleFormat, capture: CaptureMode, encoding: ImageEncoding) throws {
        let rendered = try sample(format, capture: capture, encoding: encoding, seed: 3)
        let bytes = try generator.encode(rendered.image, rendered.truth.capture)
        let decoded = try ImageDecoder.decode(bytes: bytes)
        #expect(decoded.format == (encoding == .png ? .png : .jpeg))
        #expect(decoded.image.width == rendered.truth.width && decoded.image.height == rendered.truth.height)
        let luma = rendered.image.luma()
        if encoding == .png {
            // Lossless: the decoder's own colour-to-luma conversion may round differently, by one level at most.
            var worst = 0
            for y in 0..<luma.height {
                for x in 0..<luma.width { worst = max(worst, abs(Int(decoded.image[x, y]) - Int(luma[x, y]))) }
            }
            #expect(worst <= 1)
        } else {
            let difference = try #require(decoded.image.meanAbsoluteDifference(to: luma))
            #expect(difference < 5, "JPEG quality \(rendered.truth.capture.quality ?? 0) moved the page by \(difference) on average")
        }
        // A grey page survives PNG exactly.
        let grey = try PNGEncoder.encode(luma)
        #expect(try ImageDecoder.decode(bytes: grey).image == luma)
    }

    @Test("The truth encodes as one JSON object with the documented keys and decodes back")
    func truthJSON() throws {
        let truth = try sample(.td3, .fraud, tampering: .mrzPasted, capture: .phone, seed: 4).truth
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(truth)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["file", "format", "mrz", "kind", "fraud", "tampering", "fields", "viz", "capture",
                                     "reference_date", "seed", "width", "height", "geometry"])
        let geometry = try #require(object["geometry"] as? [String: Any])
        #expect(Set(geometry.keys) == ["document_outline", "mrz_band", "mrz_character_centres", "mrz_pitch_px",
                                       "mrz_character_height_px", "viz_fields"])
        #expect(object["fraud"] as? [String] == ["mrz_pasted"])
        #expect(object["reference_date"] as? String == "2026-11-22")
        let decoded = try JSONDecoder().decode(SampleTruth.self, from: data)
        #expect(decoded.mrz == truth.mrz && decoded.fields == truth.fields && decoded.viz == truth.viz)
        #expect(decoded.capture == truth.capture)
        #expect(decoded.geometry.mrzCharacterCentres.count == truth.geometry.mrzCharacterCentres.count)
    }

    @Test("The committed samples regenerate byte for byte from their truth, and so does a forced capture")
    func committedSamples() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/pages")
        let lines = try String(contentsOf: directory.appendingPathComponent("index.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        var bytes = 0
        for line in lines {
            let truth = try JSONDecoder().decode(SampleTruth.self, from: Data(line.utf8))
            let request = try #require(SampleRequest(reproducing: truth))
            let sample = try generator.generate(request)
            #expect(String(decoding: try encoder.encode(sample.truth), as: UTF8.self) == line)
            let file = try Data(contentsOf: directory.appendingPathComponent(truth.file))
            #expect(sample.image == [UInt8](file), "\(truth.file) no longer matches its generator")
            bytes += file.count
        }
        #expect(bytes < 1_500_000)
        // A batch sample, its capture and encoding left to chance, regenerates from its truth too.
        let free = try generator.generate(SampleGenerator.batch(count: 7, seed: 3, referenceDate: reference)[6])
        let again = try generator.generate(try #require(SampleRequest(reproducing: free.truth)))
        #expect(again.image == free.image && again.truth == free.truth)
    }

    @Test("Errors name what was wrong")
    func errors() throws {
        #expect(throws: SampleError.dpiOutOfRange(dpi: 100, supported: SampleGenerator.supportedDPI)) {
            try generator.render(SampleRequest(format: .td3, kind: .clean, dpi: 100, seed: 1, referenceDate: reference, name: "x"))
        }
        #expect(throws: SampleError.tamperingMismatch(kind: .fraud, tampering: nil)) {
            try generator.render(SampleRequest(format: .td3, kind: .fraud, seed: 1, referenceDate: reference, name: "x"))
        }
        var fonts = SampleFonts.debian
        fonts.ocrB = "/nonexistent/OCRB.otf"
        #expect {
            try SampleGenerator(fonts: fonts).render(SampleRequest(format: .td1, kind: .clean, dpi: 150, seed: 1,
                                                                   referenceDate: reference, name: "x"))
        } throws: { error in
            guard case .fontUnavailable(let path, let code) = error as? SampleError else { return false }
            return path == "/nonexistent/OCRB.otf" && code != 0
        }
    }
}
