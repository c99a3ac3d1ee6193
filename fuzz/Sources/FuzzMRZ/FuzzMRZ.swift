import Foundation
import MRZText

/// libFuzzer entry point for the MRZ text engine: every input must give documents with findings, never a
/// crash, a sanitizer report, a leak or a hang. The input is split into documents as `docscreen mrz` does,
/// each parsed without correction, with look-alike correction and with glyph alternatives drawn from the
/// input, and encoded as JSON; the same bytes laid end to end also go through the byte fast path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMRZ(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let buffer = UnsafeBufferPointer(start: data, count: size)
    // Two reference dates: a common one and a leap day, so that century and expiry rules both get exercised.
    let reference = size % 2 == 0 ? CalendarDate(year: 2026, month: 11, day: 22)! : CalendarDate(year: 2000, month: 2, day: 29)!
    let encoder = JSONEncoder()

    // Text path: documents separated by blank lines.
    let documents = MRZParser.splitDocuments(utf8: buffer)
    for lines in documents.prefix(16) {
        let characters = lines.reduce(0) { $0 + $1.utf8.count }
        let glyphs = (0..<characters).map { i in
            let b = buffer[i % size]
            return MRZGlyphAlternatives(alternatives: [Character(Unicode.Scalar(b & 0x7F))], isAmbiguous: b & 0x80 != 0)
        }
        for correction in [MRZCorrectionMode.none, .lookAlikes, .glyphs(glyphs)] {
            check(MRZParser.parse(lines: lines, options: MRZParseOptions(referenceDate: reference, correction: correction)),
                  encoder: encoder)
        }
        // The byte fast path over the same lines laid end to end.
        let joined = Array(lines.joined().utf8)
        check(MRZParser.parse(bytes: joined, lineCount: lines.count, options: MRZParseOptions(referenceDate: reference)),
              encoder: nil)
    }

    // Byte path over the raw input (invalid UTF-8 included), line breaks dropped, as one, two or three lines.
    let raw = buffer.filter { $0 != 0x0A }
    for lineCount in 0...3 {
        for correction in [MRZCorrectionMode.none, .lookAlikes] {
            check(MRZParser.parse(bytes: raw, lineCount: lineCount, options: MRZParseOptions(referenceDate: reference, correction: correction)),
                  encoder: nil)
        }
    }
    return 0
}

/// The document must be self-consistent and, when an encoder is given, encode as JSON (the text path's
/// documents are encoded; the byte path's, mostly the same documents, only checked, to keep runs fast).
func check(_ document: MRZDocument, encoder: JSONEncoder?) {
    if document.valid {
        precondition(document.format != nil, "a valid document without a format")
        precondition(!document.findings.contains { $0.code == "mrz.check_digit" || $0.code == "mrz.composite_check_digit" },
                     "a valid document with a check-digit finding")
    }
    if document.format == nil {
        precondition(document.findings.contains { $0.code == "mrz.syntax" }, "no format and no syntax finding")
    } else {
        _ = document.fields
    }
    _ = document.checks
    guard let encoder else { return }
    do {
        _ = try encoder.encode(document)
    } catch {
        preconditionFailure("MRZDocument did not encode: \(error)")
    }
}
