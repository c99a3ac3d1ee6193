/// CSV after RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled.
///
/// A text cell that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, tab or CR: file
/// names in an archive are not trusted) is written with a leading `'`, as OWASP advises against CSV
/// injection; ``parse(_:)`` gives it back with that quote.
public enum CSVText {
    /// The table as CSV: the header line, then one line per row, each ended by CRLF. O(cells).
    public static func encode(_ table: ReportTable) -> String {
        var out = ""
        for row in [table.columns] + table.rows {
            out += row.map(field).joined(separator: ",")
            out += "\r\n"
        }
        return out
    }

    /// One field, neutralised and quoted as needed.
    public static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The records of CSV text (header included), quoted fields unquoted; a final line end is optional and LF
    /// alone also ends a record. Returns `nil` for a quote that is never closed or text after a closing quote.
    /// O(text).
    public static func parse(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field: [Unicode.Scalar] = []
        var quoted = false, afterQuote = false, inRecord = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func endField() {
            var s = ""
            s.unicodeScalars.append(contentsOf: field)
            record.append(s)
            field.removeAll()
            afterQuote = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.append(c)
                }
            } else {
                switch c {
                case ",":
                    endField()
                    inRecord = true
                case "\r", "\n":
                    if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                    endField()
                    records.append(record)
                    record = []
                    inRecord = false
                case "\"" where field.isEmpty && !afterQuote:
                    quoted = true
                    inRecord = true
                default:
                    if afterQuote { return nil }
                    field.append(c)
                    inRecord = true
                }
            }
            i += 1
        }
        if quoted { return nil }
        if inRecord || !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
