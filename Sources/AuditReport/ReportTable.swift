/// One table of a report: shown under its chart in the HTML page and written as `NAME.csv`.
public struct ReportTable: Sendable, Hashable {
    /// The file name without `.csv`, and the HTML anchor (`issuing-states`).
    public var name: String
    /// The table's caption.
    public var title: String
    /// The column headers (CSV header line).
    public var columns: [String]
    /// The cells, one array per row, as many as ``columns``.
    public var rows: [[String]]
    /// How many leading columns hold text; the others hold numbers (right-aligned in HTML).
    public var textColumns: Int

    /// A table from its parts.
    public init(name: String, title: String, columns: [String], rows: [[String]], textColumns: Int = 1) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.textColumns = textColumns
    }
}

/// How the report names what has no value.
public enum ReportLabel {
    /// The key of files without an issuing state or format: no MRZ was read.
    public static let noMRZ = "(no MRZ read)"
    /// The key of batch rows in the by-gate breakdown.
    public static let batch = "(batch)"
    /// The key of files whose scan time is not a date.
    public static let undated = "(undated)"
}

extension ReportData {
    /// Whether any file has a verdict other than clear, refer or alert (then tables get an `other` column).
    var hasOtherVerdicts: Bool { totals.verdicts.other > 0 }

    /// The verdict columns of the breakdown tables.
    var verdictColumns: [String] { hasOtherVerdicts ? ["clear", "refer", "alert", "other", "total"] : ["clear", "refer", "alert", "total"] }

    func verdictCells(_ c: VerdictCounts) -> [String] {
        (hasOtherVerdicts ? [c.clear, c.refer, c.alert, c.other, c.total] : [c.clear, c.refer, c.alert, c.total]).map(String.init)
    }

    func breakdown(_ name: String, title: String, keyColumn: String, rows: [VerdictBreakdownRow], none: String) -> ReportTable {
        ReportTable(name: name, title: title, columns: [keyColumn] + verdictColumns,
                    rows: rows.map { [$0.key ?? none] + verdictCells($0.counts) })
    }

    /// The summary: one measure per line.
    public var summaryTable: ReportTable {
        let t = totals
        var rows: [[String]] = [
            ["files", String(t.files)], ["clear", String(t.verdicts.clear)], ["refer", String(t.verdicts.refer)],
            ["alert", String(t.verdicts.alert)],
        ]
        if hasOtherVerdicts { rows.append(["other verdict", String(t.verdicts.other)]) }
        rows += [
            ["MRZ read", String(t.mrzRead)], ["image unreadable", String(t.unreadable)], ["no MRZ found", String(t.mrzNotFound)],
            ["findings", String(t.findings)], ["files with findings", String(t.filesWithFindings)], ["batch files", String(t.batchFiles)],
            ["gates", String(t.gates)], ["cross-document findings", String(t.analysisFindings)],
            ["first scan", t.firstScan ?? ""], ["last scan", t.lastScan ?? ""], ["analysed at", t.analysedAt ?? ""],
        ]
        return ReportTable(name: "summary", title: "Summary", columns: ["measure", "value"], rows: rows, textColumns: 1)
    }

    /// Files by verdict, with their share of all files in per cent (one decimal).
    public var verdictTable: ReportTable {
        let t = totals.verdicts
        var pairs = [("clear", t.clear), ("refer", t.refer), ("alert", t.alert)]
        if hasOtherVerdicts { pairs.append(("other", t.other)) }
        return ReportTable(name: "verdicts", title: "Files by verdict", columns: ["verdict", "files", "percent"],
                           rows: pairs.map { [$0.0, String($0.1), Self.percent($0.1, of: t.total)] })
    }

    /// Files per period by verdict.
    public var verdictsOverTimeTable: ReportTable {
        breakdown("verdicts-over-time", title: "Files per \(period.rawValue) by verdict", keyColumn: period.rawValue,
                  rows: verdictsOverTime, none: ReportLabel.undated)
    }

    /// Findings per period by severity.
    public var findingsOverTimeTable: ReportTable {
        ReportTable(name: "findings-over-time", title: "Findings per \(period.rawValue) by severity",
                    columns: [period.rawValue, "info", "refer", "alert", "total"],
                    rows: findingsOverTime.map { [$0.period ?? ReportLabel.undated] + ($0.counts.values + [$0.counts.total]).map(String.init) })
    }

    /// Files per issuing state by verdict.
    public var issuingStateTable: ReportTable {
        breakdown("issuing-states", title: "Files by issuing state and verdict", keyColumn: "issuing_state", rows: byIssuingState, none: ReportLabel.noMRZ)
    }

    /// Files per MRZ format by verdict.
    public var formatTable: ReportTable {
        breakdown("formats", title: "Files by MRZ format and verdict", keyColumn: "format", rows: byFormat, none: ReportLabel.noMRZ)
    }

    /// Files per gate by verdict (`nil` when no row has a gate).
    public var gateTable: ReportTable? {
        byGate.isEmpty ? nil : breakdown("gates", title: "Files by gate and verdict", keyColumn: "gate", rows: byGate, none: ReportLabel.batch)
    }

    /// Findings per code by severity, with the files that show the code.
    public var findingCodeTable: ReportTable {
        ReportTable(name: "finding-codes", title: "Findings by code and severity", columns: ["code", "info", "refer", "alert", "total", "files"],
                    rows: findingCodes.map { [$0.code] + ($0.counts.values + [$0.counts.total, $0.files]).map(String.init) })
    }

    /// Cross-document findings per code and severity.
    public var analysisCodeTable: ReportTable {
        ReportTable(name: "analysis-codes", title: "Cross-document findings by code", columns: ["code", "severity", "findings", "files"],
                    rows: analysisCodes.map { [$0.code, $0.severity.rawValue, String($0.findings), String($0.files)] }, textColumns: 2)
    }

    /// The strongest cross-document findings; record ids and paths as JSON arrays of strings (unambiguous for any
    /// path). No holder data.
    public var analysisTable: ReportTable {
        ReportTable(name: "analysis", title: "Strongest cross-document findings",
                    columns: ["code", "severity", "field", "message", "measured", "files", "record_ids", "paths"],
                    rows: topAnalysis.map {
                        [$0.code, $0.severity.rawValue, $0.field ?? "", $0.message, $0.measured ?? "", String($0.paths.count),
                         Self.jsonArray($0.recordIDs), Self.jsonArray($0.paths)]
                    }, textColumns: 5)
    }

    /// The engine, watchlist and policy versions seen.
    public var versionTable: ReportTable {
        ReportTable(name: "versions", title: "Engine, watchlist and policy versions",
                    columns: ["engine", "watchlist", "policy", "first_scan", "last_scan", "files"],
                    rows: versions.map { [$0.engine, $0.watchlist, $0.policy, $0.firstScan, $0.lastScan, String($0.files)] }, textColumns: 5)
    }

    /// Every table of the report, in page order (the gate table only when there are gates).
    public var tables: [ReportTable] {
        var out = [summaryTable, verdictTable, verdictsOverTimeTable, findingsOverTimeTable, issuingStateTable, formatTable]
        if let gateTable { out.append(gateTable) }
        out += [findingCodeTable, analysisCodeTable, analysisTable, versionTable]
        return out
    }

    /// `part` of `whole` in per cent with one decimal (`"12.5"`), `"0.0"` for an empty whole.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0.0" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A JSON array of strings: quotes, backslashes and control characters escaped.
    static func jsonArray(_ values: [String]) -> String {
        "[" + values.map { value -> String in
            var out = "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }.joined(separator: ",") + "]"
    }
}
