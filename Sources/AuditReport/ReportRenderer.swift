import Findings

/// What a report page says about itself besides the data.
public struct ReportContext: Sendable, Hashable {
    /// The page's title and heading.
    public var title: String
    /// Where the data came from (the audit store's path, or a service's name).
    public var source: String
    /// When the report was made, as the caller writes it (the library never reads the clock); `nil` leaves it out.
    public var generatedAt: String?

    /// A context from its parts.
    public init(title: String = "DocScreen audit report", source: String, generatedAt: String? = nil) {
        self.title = title
        self.source = source
        self.generatedAt = generatedAt
    }
}

/// One file of a report: its name in the report folder and its text.
public struct ReportFile: Sendable, Hashable {
    /// `index.html`, `verdicts.csv`, …
    public var name: String
    /// The file's text (UTF-8).
    public var contents: String

    /// A file from its parts.
    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// Renders ``ReportData`` as one self-contained HTML page (inline CSS and SVG; no script, font or anything
/// else fetched: it opens on an offline gate) and as CSV files of the same tables.
///
/// Every text from the store (paths, codes, messages, versions, gates) is escaped, in HTML and in SVG.
public enum ReportRenderer {
    /// Verdict colours: clear, refer, alert, other.
    public static let verdictSeries = [
        ChartSeries(name: "clear", color: "#2e7d32"), ChartSeries(name: "refer", color: "#f0a202"),
        ChartSeries(name: "alert", color: "#c62828"), ChartSeries(name: "other", color: "#757575"),
    ]
    /// Severity colours: info, refer, alert.
    public static let severitySeries = [
        ChartSeries(name: "info", color: "#78909c"), ChartSeries(name: "refer", color: "#f0a202"), ChartSeries(name: "alert", color: "#c62828"),
    ]
    /// How many categories a horizontal bar chart shows; the rest are summed into one bar (the table has them all).
    public static let maxCategories = 25

    /// The report's files: `index.html` and one CSV per table (``ReportData/tables``).
    public static func files(_ data: ReportData, context: ReportContext) -> [ReportFile] {
        [ReportFile(name: "index.html", contents: html(data, context: context))]
            + data.tables.map { ReportFile(name: $0.name + ".csv", contents: CSVText.encode($0)) }
    }

    /// The HTML page. O(size of the data).
    public static func html(_ data: ReportData, context: ReportContext) -> String {
        let t = data.totals
        let e = HTMLText.escape
        let verdictSeries = data.hasOtherVerdicts ? Self.verdictSeries : Array(Self.verdictSeries.prefix(3))
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>\(e(context.title))</title>
            <style>\(css)</style>
            </head>
            <body>
            <header>
            <h1>\(e(context.title))</h1>

            """
        var facts = ["Audit store <code>\(e(context.source))</code>"]
        if let generatedAt = context.generatedAt { facts.append("generated \(e(generatedAt))") }
        if let first = t.firstScan, let last = t.lastScan { facts.append("scans from \(e(first)) to \(e(last))") }
        page += "<p class=\"facts\">" + facts.joined(separator: " · ") + "</p>\n"
        page += "<p class=\"note\">Counts of screened files and findings. No holder data: the cross-document findings name files and record ids only.</p>\n"
        page += "</header>\n<main>\n"

        // Summary cards.
        page += "<section aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>\n<dl class=\"cards\">\n"
        let cards: [(String, Int, String)] = [
            ("Files", t.files, ""), ("Clear", t.verdicts.clear, "clear"), ("Refer", t.verdicts.refer, "refer"), ("Alert", t.verdicts.alert, "alert"),
            ("Image unreadable", t.unreadable, ""), ("No MRZ found", t.mrzNotFound, ""), ("Findings", t.findings, ""),
            ("Cross-document findings", t.analysisFindings, t.analysisFindings > 0 ? "alert" : ""),
        ]
        for (label, value, cls) in cards {
            page += "<div class=\"card \(cls)\"><dt>\(e(label))</dt><dd>\(grouped(value))</dd></div>\n"
        }
        page += "</dl>\n" + table(data.summaryTable, open: false) + "</section>\n"

        // Verdicts.
        let verdictBars = zip(verdictSeries.indices, verdictSeries).map { i, s in
            ChartBar(label: s.name, values: verdictSeries.indices.map { $0 == i ? t.verdicts.values[i] : 0 })
        }
        page += section(id: "verdicts", heading: "Verdicts",
                        chart: SVGChart.bars(id: "chart-verdicts", title: "Files by verdict",
                                             description: "Horizontal bars: the number of files with each verdict (\(t.files) files in all).",
                                             bars: verdictBars, series: verdictSeries, unit: "files"),
                        table: data.verdictTable)

        // Over time.
        let periodName = data.period.rawValue
        let span = data.verdictsOverTime.compactMap(\.key)
        let spanText = span.isEmpty ? "" : " from \(span.first ?? "") to \(span.last ?? "")"
        page += section(id: "verdicts-over-time", heading: "Verdicts over time",
                        chart: SVGChart.columns(id: "chart-verdicts-over-time", title: "Files per \(periodName) by verdict",
                                                description: "Stacked columns, one per \(periodName)\(spanText) (UTC, by scan time): files cleared, referred and alerted.",
                                                bars: data.verdictsOverTime.map { ChartBar(label: periodLabel($0.key, data.period), values: Array($0.counts.values.prefix(verdictSeries.count))) },
                                                series: verdictSeries, unit: "files"),
                        table: data.verdictsOverTimeTable)
        page += section(id: "findings-over-time", heading: "Findings over time",
                        chart: SVGChart.columns(id: "chart-findings-over-time", title: "Findings per \(periodName) by severity",
                                                description: "Stacked columns, one per \(periodName)\(spanText) (UTC, by scan time): findings of severity info, refer and alert.",
                                                bars: data.findingsOverTime.map { ChartBar(label: periodLabel($0.period, data.period), values: $0.counts.values) },
                                                series: severitySeries, unit: "findings"),
                        table: data.findingsOverTimeTable)

        // By category.
        page += categorySection(id: "issuing-states", heading: "By issuing state", title: "Files by issuing state and verdict",
                                rows: data.byIssuingState, none: ReportLabel.noMRZ, what: "issuing states", series: verdictSeries,
                                table: data.issuingStateTable)
        page += categorySection(id: "formats", heading: "By format", title: "Files by MRZ format and verdict",
                                rows: data.byFormat, none: ReportLabel.noMRZ, what: "formats", series: verdictSeries, table: data.formatTable)
        if let gateTable = data.gateTable {
            page += categorySection(id: "gates", heading: "By gate", title: "Files by gate and verdict",
                                    rows: data.byGate, none: ReportLabel.batch, what: "gates", series: verdictSeries, table: gateTable)
        }

        // Finding codes.
        let codeBars = capped(data.findingCodes.map { ChartBar(label: $0.code, values: $0.counts.values) }, what: "codes", width: 3)
        page += section(id: "finding-codes", heading: "Findings by code",
                        chart: SVGChart.bars(id: "chart-finding-codes", title: "Findings by code and severity",
                                             description: "Horizontal stacked bars: the number of findings of each code (most frequent first), by severity.",
                                             bars: codeBars, series: severitySeries, unit: "findings"),
                        table: data.findingCodeTable)

        // Cross-document analysis.
        let analysisBars = data.analysisCodes.map { row in
            ChartBar(label: row.code, values: Severity.allCases.map { $0 == row.severity ? row.findings : 0 })
        }
        page += section(id: "analysis", heading: "Cross-document analysis",
                        chart: SVGChart.bars(id: "chart-analysis", title: "Cross-document findings by code",
                                             description: "Horizontal bars: findings of the analysis across documents (one document number with several holders, one holder with several documents or nationalities), by code and severity.",
                                             bars: analysisBars, series: severitySeries, unit: "findings"),
                        table: data.analysisCodeTable)
        page += analysisList(data)

        // Versions.
        page += "<section aria-labelledby=\"versions-h\"><h2 id=\"versions-h\">Engine, watchlist and policy versions</h2>\n"
        page += table(data.versionTable, open: true) + "</section>\n"

        page += "</main>\n<footer><p>Tables as CSV: "
        page += data.tables.map { "<a href=\"\(e($0.name)).csv\">\(e($0.name)).csv</a>" }.joined(separator: " · ")
        page += "</p></footer>\n</body>\n</html>\n"
        return page
    }

    static func section(id: String, heading: String, chart: String, table: ReportTable) -> String {
        let e = HTMLText.escape
        return "<section id=\"\(e(id))\" aria-labelledby=\"\(e(id))-h\"><h2 id=\"\(e(id))-h\">\(e(heading))</h2>\n<figure>\(chart)</figure>\n"
            + Self.table(table, open: table.rows.count <= 12) + "</section>\n"
    }

    static func categorySection(id: String, heading: String, title: String, rows: [VerdictBreakdownRow], none: String, what: String,
                                series: [ChartSeries], table: ReportTable) -> String {
        // Files without a key (no MRZ read, batch rows) keep their own bar after the others.
        let keyed = rows.filter { $0.key != nil }, unkeyed = rows.filter { $0.key == nil }
        let bar = { (row: VerdictBreakdownRow) in ChartBar(label: row.key ?? none, values: Array(row.counts.values.prefix(series.count))) }
        let bars = capped(keyed.map(bar), what: what, width: series.count) + unkeyed.map(bar)
        var shown = keyed.count > maxCategories
            ? "the \(maxCategories - 1) \(what) with the most files, then the other \(keyed.count - maxCategories + 1) together"
            : "all \(keyed.count) \(what)"
        if !unkeyed.isEmpty { shown += ", then \(none)" }
        return section(id: id, heading: heading,
                       chart: SVGChart.bars(id: "chart-" + id, title: title,
                                            description: "Horizontal stacked bars: files by verdict for \(shown); most files first.",
                                            bars: bars, series: series, unit: "files"),
                       table: table)
    }

    /// At most ``maxCategories`` bars: the first ones, then one bar summing the rest.
    static func capped(_ bars: [ChartBar], what: String, width: Int) -> [ChartBar] {
        guard bars.count > maxCategories else { return bars }
        let kept = Array(bars.prefix(maxCategories - 1))
        let rest = bars.dropFirst(maxCategories - 1)
        var sum = Array(repeating: 0, count: width)
        for bar in rest { for (i, v) in bar.values.enumerated() where i < width { sum[i] += v } }
        return kept + [ChartBar(label: "\(rest.count) other \(what)", values: sum)]
    }

    static func periodLabel(_ key: String?, _ period: ReportPeriod) -> String {
        guard let key else { return ReportLabel.undated }
        return key
    }

    /// A table in a disclosure element, with a link to its CSV file.
    static func table(_ table: ReportTable, open: Bool) -> String {
        let e = HTMLText.escape
        var out = "<details\(open ? " open" : "")><summary>Table: \(e(table.title)) (\(table.rows.count) rows) · <a href=\"\(e(table.name)).csv\">\(e(table.name)).csv</a></summary>\n"
        out += "<table><caption>\(e(table.title))</caption>\n<thead><tr>"
        for (i, column) in table.columns.enumerated() {
            out += "<th scope=\"col\"\(i < table.textColumns ? "" : " class=\"num\"")>\(e(column))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        if table.rows.isEmpty {
            out += "<tr><td colspan=\"\(max(1, table.columns.count))\" class=\"empty\">No rows</td></tr>\n"
        }
        for row in table.rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                if i == 0 {
                    out += "<th scope=\"row\">\(e(cell))</th>"
                } else {
                    out += "<td\(i < table.textColumns ? "" : " class=\"num\"")>\(e(cell))</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></details>\n"
    }

    /// The strongest cross-document findings with the files to look at.
    static func analysisList(_ data: ReportData) -> String {
        let e = HTMLText.escape
        var out = "<h3 id=\"analysis-top\">Strongest cross-document findings"
        if data.totals.analysisFindings > data.topAnalysis.count {
            out += " (\(data.topAnalysis.count) of \(data.totals.analysisFindings))"
        }
        out += "</h3>\n"
        guard !data.topAnalysis.isEmpty else {
            return out + "<p class=\"empty\">No cross-document findings in the store (docscreen batch and merge analyse unless given --no-analysis).</p>\n"
        }
        out += "<table class=\"analysis\"><caption>Strongest cross-document findings, alert first, then most files · "
        out += "<a href=\"analysis.csv\">analysis.csv</a></caption>\n<thead><tr><th scope=\"col\">code</th><th scope=\"col\">severity</th>"
        out += "<th scope=\"col\">finding</th><th scope=\"col\">files</th></tr></thead>\n<tbody>\n"
        for row in data.topAnalysis {
            out += "<tr><th scope=\"row\"><code>\(e(row.code))</code></th><td class=\"sev \(e(row.severity.rawValue))\">\(e(row.severity.rawValue))</td>"
            out += "<td>\(e(row.message))"
            if let measured = row.measured { out += "<br><small>\(e(measured))</small>" }
            out += "</td><td><ul class=\"paths\">"
            for (i, path) in row.paths.enumerated() {
                let id = i < row.recordIDs.count ? row.recordIDs[i] : ""
                out += "<li title=\"record \(e(id))\"><code>\(e(path))</code></li>"
            }
            out += "</ul></td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    /// `1234567` → `1 234 567` (thin spaces).
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0, d != "-" { out += "\u{2009}" }
            out.append(d)
        }
        return out
    }

    static let css = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:#1b1b1b;background:#fff;margin:0}
        header,main,footer{max-width:1080px;margin:0 auto;padding:0 24px}
        header{padding-top:20px;border-bottom:1px solid #ddd}
        h1{font-size:26px;margin:0 0 6px}h2{font-size:20px;margin:28px 0 8px;border-bottom:1px solid #eee;padding-bottom:4px}h3{font-size:17px;margin:20px 0 8px}
        .facts,.note{margin:4px 0;color:#444}.note{font-size:13px;margin-bottom:14px}
        code{font:13px ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
        table.analysis th code{white-space:nowrap}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:8px 0 12px}
        .card{border:1px solid #ddd;border-left:5px solid #999;border-radius:4px;padding:8px 12px;margin:0}
        .card.clear{border-left-color:#2e7d32}.card.refer{border-left-color:#f0a202}.card.alert{border-left-color:#c62828}
        .card dt{font-size:13px;color:#555}.card dd{margin:2px 0 0;font-size:24px;font-weight:600}
        figure{margin:8px 0}
        svg.chart{width:100%;height:auto;display:block}
        svg.chart text{font-size:12px;fill:#222;font-family:inherit}
        svg.chart .unit,svg.chart .nodata{fill:#555}svg.chart .total{font-weight:600}
        svg.chart .grid{stroke:#e4e4e4;stroke-width:1}svg.chart .axis{stroke:#888;stroke-width:1}
        details{margin:6px 0 14px}summary{cursor:pointer;color:#333;font-size:14px}
        table{border-collapse:collapse;margin:8px 0;font-size:14px}
        caption{text-align:left;font-weight:600;padding:4px 0;color:#333}
        th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
        thead th{background:#f4f4f4}tbody th{font-weight:normal}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .empty{color:#666;font-style:italic}
        table.analysis{width:100%}ul.paths{margin:0;padding-left:16px}
        .sev.alert{color:#b71c1c;font-weight:600}.sev.refer{color:#8a5a00;font-weight:600}
        footer{border-top:1px solid #ddd;margin-top:28px;padding-bottom:24px;font-size:13px;color:#555}
        a{color:#0b57a4}
        """
}
