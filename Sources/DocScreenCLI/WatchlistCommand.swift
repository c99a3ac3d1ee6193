import ArgumentParser
import Foundation
import Watchlist

/// `docscreen watchlist build|query|generate`: compiles watchlists, screens queries against them, makes synthetic data.
struct WatchlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchlist",
        abstract: "Screen persons and documents against watchlists (persons of interest, lost and stolen documents).",
        subcommands: [WatchlistBuildCommand.self, WatchlistQueryCommand.self, WatchlistGenerateCommand.self, WatchlistPublishCommand.self])
}

/// `docscreen watchlist build INPUT... --output INDEX`.
struct WatchlistBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile person and document lists into a memory-mappable index.",
        discussion: """
            Each INPUT is a person CSV (id,surname,given_names,birth_date,nationality,sex,list), a lost/stolen document \
            CSV (issuing_state,document_number,document_type,reported) or an OpenSanctions FollowTheMoney JSON Lines \
            export, told apart by content. Bad rows are reported on standard error by line and left out; the rest is indexed.
            """)

    @Argument(help: "List files.")
    var inputs: [String]

    @Option(help: "Where to write the index.")
    var output: String

    @Option(help: "Most bad rows reported per file (all are counted).")
    var maxReported: Int = 20

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one list file") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        var builder = WatchlistIndexBuilder()
        var leftOut = 0
        for input in inputs {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: input), options: .alwaysMapped)
            } catch {
                throw failure(WatchlistLoadError.unreadable(path: input, reason: error.localizedDescription).description)
            }
            guard let format = WatchlistSourceFormat.detect(data) else {
                throw failure(WatchlistLoadError.unknownFormat(path: input).description)
            }
            var problems: [WatchlistLoadError] = []
            var summary = ""
            do {
                switch format {
                case .personCSV:
                    let loaded = try PersonListCSV.load(data)
                    builder.add(persons: loaded.records)
                    problems = loaded.problems
                    summary = "\(loaded.records.count) persons"
                case .documentCSV:
                    let loaded = try DocumentListCSV.load(data)
                    builder.add(documents: loaded.records)
                    problems = loaded.problems
                    summary = "\(loaded.records.count) documents"
                case .followTheMoney:
                    let loaded = FollowTheMoneyJSON.load(data)
                    builder.add(persons: loaded.result.records)
                    problems = loaded.result.problems
                    summary = "\(loaded.result.records.count) persons, \(loaded.ignored) other entities ignored"
                }
            } catch {
                throw failure("\(input): \(error)")
            }
            for problem in problems.prefix(maxReported) { standardError("\(input): \(problem)") }
            if problems.count > maxReported { standardError("\(input): \(problems.count - maxReported) more bad rows") }
            leftOut += problems.count
            standardError("\(input): \(summary), \(problems.count) rows left out")
        }
        do {
            try builder.write(to: output)
        } catch {
            throw failure(error.description)
        }
        let seconds = (clock.now - started).seconds
        standardError("indexed \(builder.personCount) persons and \(builder.documentCount) documents into \(output) "
            + "in \(String(format: "%.1f", seconds)) s (\(leftOut) rows left out)")
    }
}

/// `docscreen watchlist query INDEX [--json]`: one answer per JSON Lines query from standard input.
struct WatchlistQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Screen JSON Lines queries from standard input against an index.",
        discussion: """
            Person queries: {"surname","givenNames","birthDate","nationality","sex"}; document queries: \
            {"issuingState","documentNumber"}. With --json prints one line per query, in order: {"matches":[...]} best \
            first, or {"error":{...}} for a malformed line.
            """)

    @Argument(help: "Index written by `docscreen watchlist build`.")
    var index: String

    @Flag(help: "One JSON object per query per line (JSON Lines).")
    var json = false

    @Option(help: "Most matches per query.")
    var limit: Int = 10

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be 1-100") }
    }

    func run() async throws {
        let watchlist: WatchlistIndex
        do {
            watchlist = try WatchlistIndex.load(path: index)
        } catch {
            throw failure(error.description)
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let output = OutputSink()
        var number = 0
        for line in String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { continue }
            switch WatchlistQueryLine.parse(line) {
            case .failure(let error):
                let answer = QueryAnswer(matches: nil, error: .init(code: error.code, line: number, message: error.description))
                output.write(json ? try JSONLine.encode(answer) : "query at line \(number): error \(error.code): \(error.description)")
            case .success(let query):
                let matches = switch query {
                case .person(let person): watchlist.screen(person: person, limit: limit)
                case .document(let document): watchlist.screen(document: document, limit: limit)
                }
                output.write(json ? try JSONLine.encode(QueryAnswer(matches: matches, error: nil)) : WatchlistReport.text(matches, line: number))
            }
        }
        output.flush()
    }
}

/// `docscreen watchlist generate`: a synthetic list and queries with known truth.
struct WatchlistGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic watchlist and queries with known truth.",
        discussion: """
            Writes DIR/persons.csv, DIR/person-queries.jsonl (queries with "truth" and "ops"), DIR/documents.csv and \
            DIR/document-queries.jsonl; with --ftm also DIR/persons.ftm.jsonl (the same persons as FollowTheMoney JSON Lines). \
            Synthetic data only: names are drawn from name parts, dates at random.
            """)

    @Option(help: "Listed persons.")
    var persons: Int = 100_000

    @Option(help: "Person queries (half derived from listed persons, half true non-matches).")
    var queries: Int = 1_000

    @Option(help: "Lost or stolen documents (document queries: a tenth of this, at least 100).")
    var documents: Int = 10_000

    @Option(help: "Random seed: the same seed gives the same files.")
    var seed: UInt64 = 9303

    @Option(help: "Output folder (created).")
    var out: String

    @Flag(help: "Also write the persons as FollowTheMoney JSON Lines.")
    var ftm = false

    func validate() throws {
        guard persons >= 0, queries >= 0, documents >= 0 else { throw ValidationError("counts must not be negative") }
    }

    func run() async throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let listed = SyntheticWatchlist.persons(count: persons, seed: seed)
        let personQueries = SyntheticWatchlist.personQueries(count: queries, from: listed, seed: seed)
        let lost = SyntheticWatchlist.documents(count: documents, seed: seed)
        let documentQueries = SyntheticWatchlist.documentQueries(count: max(100, documents / 10), from: lost, seed: seed)
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name))
        }
        try write("persons.csv", SyntheticWatchlist.personCSV(listed))
        try write("person-queries.jsonl", SyntheticWatchlist.queryLines(personQueries))
        try write("documents.csv", SyntheticWatchlist.documentCSV(lost))
        try write("document-queries.jsonl", SyntheticWatchlist.documentQueryLines(documentQueries))
        if ftm { try write("persons.ftm.jsonl", SyntheticWatchlist.followTheMoney(listed)) }
        standardError("wrote \(persons) persons, \(queries) person queries, \(documents) documents, "
            + "\(documentQueries.count) document queries to \(out)")
    }
}

/// One line of `docscreen watchlist query --json`.
struct QueryAnswer: Encodable {
    struct Failure: Encodable {
        var code: String
        var line: Int
        var message: String
    }

    var matches: [WatchlistMatch]?
    var error: Failure?
}

/// The readable table of `docscreen watchlist query` without --json.
enum WatchlistReport {
    static func text(_ matches: [WatchlistMatch], line: Int) -> String {
        guard !matches.isEmpty else { return "query at line \(line): no match" }
        var rows = ["query at line \(line): \(matches.count) match\(matches.count == 1 ? "" : "es")"]
        for m in matches {
            var why: [String] = []
            if let name = m.explanation.name {
                let parts = name.parts.map { "\($0.query)~\($0.listed) \($0.match.rawValue)" }.joined(separator: ", ")
                why.append("name \(points(name.points)) [\(parts)]" + (name.dropped.isEmpty ? "" : " dropped \(name.dropped.joined(separator: " "))"))
            }
            if let date = m.explanation.birthDate { why.append("birth date \(date.match.rawValue) \(points(date.points))") }
            if let n = m.explanation.nationality { why.append("nationality \(n.match.rawValue) \(points(n.points))") }
            if let s = m.explanation.sex { why.append("sex \(s.match.rawValue) \(points(s.points))") }
            if let d = m.explanation.document {
                why.append("document \(d.match.rawValue)" + (d.differingPositions.isEmpty ? "" : " at \(d.differingPositions.map(String.init).joined(separator: ","))"))
            }
            rows.append("  \(m.decision.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) "
                + "\(String(format: "%5.1f", m.score))  \(m.id)  \(m.list)  " + why.joined(separator: "; "))
        }
        return rows.joined(separator: "\n")
    }

    private static func points(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + String(format: "%.1f", value)
    }
}

/// A line on standard error.
func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Reports `message` on standard error and gives the exit status for a failed run (no usage text: the arguments were fine).
func failure(_ message: String) -> ExitCode {
    standardError("error: " + message)
    return ExitCode.failure
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
