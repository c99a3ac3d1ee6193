import AuditReport
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BatchAudit

/// The HTML page and the CSV files: every chart, escaping, no holder data, round trips, the empty store.
@Suite struct RenderingTests {
    static func report(_ fixture: Fixture) throws -> (ReportData, [ReportFile], TemporaryFolder) {
        let folder = try TemporaryFolder()
        _ = try fixture.makeStore(at: folder.file("audit.sqlite"))
        let data = try ReportData(storeAt: folder.file("audit.sqlite"))
        let files = ReportRenderer.files(data, context: ReportContext(source: "/stores/<b>audit</b>.sqlite", generatedAt: "2026-11-22T10:00:00Z"))
        return (data, files, folder)
    }

    static let charts = ["chart-verdicts", "chart-verdicts-over-time", "chart-findings-over-time", "chart-issuing-states", "chart-formats",
                         "chart-finding-codes", "chart-analysis"]

    @Test(arguments: ReportDataTests.fixtures)
    func thePageHasEveryChartWithItsTable(fixture: Fixture) throws {
        let (data, files, _) = try Self.report(fixture)
        let html = try #require(files.first { $0.name == "index.html" }).contents
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        for chart in Self.charts + (fixture.gates ? ["chart-gates"] : []) {
            #expect(html.contains("id=\"\(chart)\""), "\(chart)")
            #expect(html.contains("aria-labelledby=\"\(chart)-title \(chart)-desc\""), "\(chart)")
        }
        #expect(html.contains("chart-gates") == fixture.gates)
        // One table (and CSV link) per report table, with all its rows.
        for table in data.tables {
            let captioned = html.contains("<caption>\(HTMLText.escape(table.title))</caption>")
            #expect(captioned || table.name == "analysis", "\(table.name)")
            #expect(html.contains("href=\"\(table.name).csv\""), "\(table.name)")
        }
        #expect(Set(files.map(\.name)) == Set(["index.html"] + data.tables.map { $0.name + ".csv" }))
        // Every SVG is well-formed XML.
        for svg in Self.svgs(in: html) {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        }
        #expect(Self.svgs(in: html).count == Self.charts.count + (fixture.gates ? 1 : 0))
    }

    @Test(arguments: ReportDataTests.fixtures.filter { $0.count > 0 })
    func hostileStringsAreEscaped(fixture: Fixture) throws {
        let (_, files, _) = try Self.report(fixture)
        let html = try #require(files.first { $0.name == "index.html" }).contents
        // No tag from the store's strings: each appears escaped.
        for tag in ["<script", "<img", "<b>", "<iframe", "<object", "<embed", "<link"] {
            let found = html.contains(tag)
            #expect(!found, "\(tag)")
        }
        #expect(html.contains(HTMLText.escape(Fixture.hostileState)))
        #expect(html.contains(HTMLText.escape(Fixture.hostileCode)))
        #expect(html.contains("/stores/&lt;b&gt;audit&lt;/b&gt;.sqlite"))
        if fixture.gates { #expect(html.contains(HTMLText.escape(Fixture.hostileGate))) }
        // Nothing fetched: no scripts, external sources or fonts (the SVG namespace is a name, not a fetch).
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        let fetches = ["http://", "https://", "//cdn", "@import", "url(", "@font-face"].filter { withoutNamespace.contains($0) }
        #expect(fetches.isEmpty)
    }

    @Test(arguments: [Fixture.hostilePath, "/archive/a,b \"c\".jpg", "/archive/=cmd|' /C calc'!A0.jpg", "/archive/Đặng\nnewline.png"])
    func analysisNamesItsFilesEscaped(hostile: String) throws {
        let folder = try TemporaryFolder()
        let store = try AuditStore(path: folder.file("audit.sqlite"))
        var records = Fixture(name: "", count: 2, spanDays: 0, gates: false, seed: 7, period: .day).records()
        for i in records.indices {
            records[i].path = i == 0 ? hostile : "/archive/plain.jpg"
            records[i].format = "TD3"
            records[i].issuingState = "UTO"
            records[i].documentNumber = "L898902C3"
            records[i].documentNumberValid = true
            records[i].holderName = ["ERIKSSON ANNA", "NGUYEN VAN AN"][i]
            records[i].birthDate = ["1974-08-12", "1980-01-01"][i]
            records[i].nationality = "UTO"
        }
        try store.insert(records)
        _ = try CrossDocumentAnalysis.run(on: store)
        let data = try ReportData(storeAt: folder.file("audit.sqlite"))
        #expect(data.topAnalysis.map(\.code) == ["batch.duplicate_document"])
        #expect(Set(data.topAnalysis[0].paths) == Set([hostile, "/archive/plain.jpg"]))
        #expect(Set(data.topAnalysis[0].recordIDs) == Set(records.map(\.recordID)))
        let files = ReportRenderer.files(data, context: ReportContext(source: "audit.sqlite"))
        let html = files[0].contents
        #expect(html.contains("<code>\(HTMLText.escape(hostile))</code>"))
        #expect(!html.contains("<script"))
        let analysisFile = try #require(files.first { $0.name == "analysis.csv" })
        let csv = try #require(CSVText.parse(analysisFile.contents))
        #expect(csv.count == 2)
        let pathsCell = try #require(csv.last?.last)
        #expect(Set(try JSONDecoder().decode([String].self, from: Data(pathsCell.utf8))) == Set([hostile, "/archive/plain.jpg"]))
        #expect(!files.contains { $0.contents.contains("ERIKSSON") || $0.contents.contains("1974-08-12") || $0.contents.contains("L898902C3") })
    }

    @Test(arguments: ReportDataTests.fixtures.filter { $0.count > 0 })
    func noHolderDataInAnyFile(fixture: Fixture) throws {
        let (_, files, folder) = try Self.report(fixture)
        let records = fixture.records()
        let subjects = try CrossDocumentAnalysis.stored(in: AuditStore(path: folder.file("audit.sqlite"))).map(\.subject)
        #expect(!subjects.isEmpty)
        let personal = Set(Fixture.surnames + records.compactMap(\.birthDate) + records.compactMap(\.documentNumber).map { "\"\($0)\"" }
                           + records.compactMap(\.holderName))
        for file in files {
            for value in personal { #expect(!file.contents.contains(value), "\(file.name) holds \(value)") }
            let leaked = subjects.filter { file.contents.contains($0) }
            #expect(leaked.isEmpty, "\(file.name) holds analysis subjects")
        }
    }

    @Test(arguments: ReportDataTests.fixtures)
    func csvFilesHoldTheTables(fixture: Fixture) throws {
        let (data, files, _) = try Self.report(fixture)
        for table in data.tables {
            let csv = try #require(files.first { $0.name == table.name + ".csv" }).contents
            #expect(csv.hasSuffix("\r\n") || csv.isEmpty)
            let records = try #require(CSVText.parse(csv))
            let neutral = ([table.columns] + table.rows).map { $0.map(Self.neutralised) }
            #expect(records == neutral, "\(table.name)")
        }
        // The numbers of the CSV files are the report's.
        let states = try #require(CSVText.parse(files.first { $0.name == "issuing-states.csv" }!.contents))
        #expect(states.first == ["issuing_state", "clear", "refer", "alert", "total"])
        #expect(states.dropFirst().map { Int($0[4]) } == data.byIssuingState.map(\.counts.total))
        let codes = try #require(CSVText.parse(files.first { $0.name == "finding-codes.csv" }!.contents))
        #expect(codes.dropFirst().compactMap { Int($0[4]) }.reduce(0, +) == data.totals.findings)
    }

    @Test(arguments: [3, 25, 26, 40])
    func manyStatesAreSummedIntoOneBar(states: Int) throws {
        let folder = try TemporaryFolder()
        let store = try AuditStore(path: folder.file("audit.sqlite"))
        var records = Fixture(name: "", count: states * 2 + 1, spanDays: 0, gates: false, seed: 13, period: .day).records()
        for i in records.indices {
            records[i].issuingState = i == records.count - 1 ? nil : "S" + String(100 + i / 2)
            records[i].format = records[i].issuingState == nil ? nil : "TD3"
        }
        try store.insert(records)
        let data = try ReportData(storeAt: folder.file("audit.sqlite"))
        #expect(data.byIssuingState.count == states + 1)
        let html = ReportRenderer.html(data, context: ReportContext(source: "audit.sqlite"))
        let chart = try #require(Self.svgs(in: html).first { $0.contains("id=\"chart-issuing-states\"") })
        let labels = chart.components(separatedBy: "text-anchor=\"end\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        let kept = min(states, ReportRenderer.maxCategories - (states > ReportRenderer.maxCategories ? 1 : 0))
        #expect(labels.count == kept + (states > ReportRenderer.maxCategories ? 1 : 0) + 1)
        #expect(labels.last == HTMLText.escape(ReportLabel.noMRZ))
        if states > ReportRenderer.maxCategories {
            #expect(labels.dropLast().last == "\(states - kept) other issuing states")
        }
        // The table keeps every state.
        #expect(data.issuingStateTable.rows.count == states + 1)
    }

    static let hostileCells: [[String]] = [
        ["plain", "12"], ["a,b", "with \"quotes\""], ["line\r\nbreak", "lf\nonly"], ["", " leading space"], ["=1+1", "-2"], ["+cmd", "@SUM(A1)"],
        ["Đặng Thị Ánh", "日本"], ["\"", ",,,"], ["trailing\r", "tab\tinside"],
    ]

    @Test(arguments: hostileCells)
    func csvRoundTrip(cells: [String]) throws {
        let table = ReportTable(name: "t", title: "t", columns: ["a", "b"], rows: [cells, ["x", "y"]])
        let parsed = try #require(CSVText.parse(CSVText.encode(table)))
        #expect(parsed == [["a", "b"], cells.map(Self.neutralised), ["x", "y"]])
    }

    @Test func csvParserRefusesBrokenQuotes() {
        #expect(CSVText.parse("\"open,1\r\n") == nil)
        #expect(CSVText.parse("\"closed\"x,1\r\n") == nil)
        #expect(CSVText.parse("a,b") == [["a", "b"]])
        #expect(CSVText.parse("") == [])
    }

    @Test func theEmptyStoreGivesAValidPage() throws {
        let (data, files, _) = try Self.report(ReportDataTests.fixtures[0])
        let html = try #require(files.first { $0.name == "index.html" }).contents
        #expect(data.totals == ReportTotals())
        #expect(data.verdictsOverTime.isEmpty && data.byIssuingState.isEmpty && data.findingCodes.isEmpty && data.topAnalysis.isEmpty)
        #expect(html.components(separatedBy: ">No data</text>").count - 1 == Self.charts.count)
        #expect(html.contains("No cross-document findings"))
        #expect(html.components(separatedBy: "<section").count == html.components(separatedBy: "</section>").count)
        let states = try #require(CSVText.parse(files.first { $0.name == "issuing-states.csv" }!.contents))
        #expect(states == [["issuing_state", "clear", "refer", "alert", "total"]])
    }

    @Test(arguments: ["<script>alert(1)</script>", "a & b", "\"quoted\" 'single'", "ctl\u{01}\u{7F}char", "Đặng"])
    func escapeLeavesNoMarkup(text: String) {
        let escaped = HTMLText.escape(text)
        #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\"") && !escaped.contains("'"))
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(escaped.replacingOccurrences(of: "&amp;", with: "").contains("&") == (text.contains("<") || text.contains(">") || text.contains("\"") || text.contains("'")))
    }

    @Test func writerReplacesStaleFiles() throws {
        let folder = try TemporaryFolder()
        let out = folder.file("report/nested")
        let gated = try Self.report(ReportDataTests.fixtures[3])
        let written = try ReportWriter.write(gated.1, to: out)
        #expect(written.count == gated.1.count)
        #expect(FileManager.default.fileExists(atPath: out + "/gates.csv"))
        let plain = try Self.report(ReportDataTests.fixtures[1])
        try ReportWriter.write(plain.1, to: out)
        #expect(!FileManager.default.fileExists(atPath: out + "/gates.csv"))
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == plain.1[0].contents)
        #expect(throws: ReportError.self) { try ReportWriter.write(plain.1, to: out + "/index.html") }
    }

    /// What ``CSVText`` writes for a cell a spreadsheet would run as a formula.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        return "'" + cell
    }

    /// The `<svg …>…</svg>` fragments of a page.
    static func svgs(in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }
}
