import Foundation

/// An RFC 4180 reader over UTF-8 bytes: comma-separated fields, optionally in double quotes (which may hold
/// commas, line breaks and doubled quotes), records ended by LF or CRLF. Blank lines are skipped.
///
/// Each record comes with the line it starts on, so that a loader can report bad rows by line number; a
/// record that is not valid UTF-8 or whose quote never closes is handed over as a problem, and the reader
/// carries on with the next record.
enum CSVScanner {
    /// Calls `body` for each data record of `bytes` after a first record that must equal `header` (fields
    /// trimmed). Throws `.badHeader` when the first record differs or there is none; bad data rows go to
    /// `body` as problems. O(n) in the number of bytes.
    static func forEachDataRecord(in bytes: some ContiguousBytes, header: [String],
                                  _ body: (_ line: Int, _ fields: Result<[String], RowProblem>) -> Void) throws(WatchlistLoadError) {
        var headerError: WatchlistLoadError?
        var sawHeader = false
        bytes.withUnsafeBytes { raw in
            forEachRecord(in: raw.bindMemory(to: UInt8.self)) { line, result in
                if !sawHeader {
                    sawHeader = true
                    if case .success(let fields) = result, fields.map(trimmed) == header { return }
                    let found = (try? result.get())?.joined(separator: ",") ?? ""
                    headerError = .badHeader(expected: header.joined(separator: ","), found: found)
                    return
                }
                guard headerError == nil else { return }
                body(line, result)
            }
        }
        if let headerError { throw headerError }
        if !sawHeader { throw .badHeader(expected: header.joined(separator: ","), found: "") }
    }

    /// Calls `body` for each record in `bytes` with its 1-based starting line and either its fields or what is
    /// wrong with it. A leading UTF-8 byte-order mark is skipped. O(n) in the number of bytes.
    static func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>,
                              _ body: (_ line: Int, _ fields: Result<[String], RowProblem>) -> Void) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var field: [UInt8] = []
        var fields: [String] = []
        var recordStart = i
        var fieldStart = i
        var recordLine = 1
        var invalidAt: Int?
        var inQuotes = false
        var fieldWasQuoted = false
        var recordHasContent = false

        func finishField() {
            if invalidAt == nil, let bad = UTF8Check.firstInvalidOffset(in: field) {
                // Offset within the row: where the field starts, past its opening quote (doubled quotes
                // before the bad byte would shift it; the row is reported either way).
                invalidAt = fieldStart - recordStart + (fieldWasQuoted ? 1 : 0) + bad
            }
            if !fieldWasQuoted, field.last == cr { field.removeLast() }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func finishRecord() {
            finishField()
            let blank = fields.count == 1 && fields[0].isEmpty && !recordHasContent
            if !blank {
                if let invalidAt {
                    body(recordLine, .failure(.invalidUTF8(byteOffset: invalidAt)))
                } else {
                    body(recordLine, .success(fields))
                }
            }
            fields.removeAll(keepingCapacity: true)
            invalidAt = nil
            recordHasContent = false
        }

        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < n, bytes[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if b == lf { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case quote where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
                recordHasContent = true
            case comma:
                recordHasContent = true
                finishField()
                fieldStart = i + 1
            case lf:
                finishRecord()
                line += 1
                recordStart = i + 1
                fieldStart = i + 1
                recordLine = line
            default:
                if b != cr { recordHasContent = true }
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            body(recordLine, .failure(.unterminatedQuote))
        } else if recordHasContent || !field.isEmpty || !fields.isEmpty {
            finishRecord()
        }
    }
}

/// UTF-8 well-formedness (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Check {
    /// The offset of the first byte that breaks well-formed UTF-8, or `nil` when all of `bytes` is valid.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let b1 = bytes[i + 1]
            guard b1 >= lower, b1 <= upper else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
