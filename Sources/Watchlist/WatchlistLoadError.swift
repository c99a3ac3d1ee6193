/// What is wrong with one row of a list file. Cases carry the evidence; ``description`` names the field and the
/// fault without repeating personal data, so it can be logged.
public enum RowProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The row has `found` fields where the header has `expected`.
    case wrongColumnCount(expected: Int, found: Int)
    /// The row is not valid UTF-8; `byteOffset` counts from the start of the row.
    case invalidUTF8(byteOffset: Int)
    /// A quoted field is still open at the end of the file.
    case unterminatedQuote
    /// A date field holds something that is not a real date (`1990-02-30`, `1990-13-01`, `19x0`).
    case impossibleDate(field: String, text: String)
    /// A field holds a value outside its domain (sex `Q`, nationality `N1D`, a 40-character document number).
    case invalidValue(field: String, text: String)
    /// A required field is empty.
    case missingValue(field: String)
    /// A row repeats an earlier id with a different birth date, nationality, sex or list.
    case conflictingDuplicate(id: String, field: String)
    /// A JSON Lines row does not parse as a JSON object of the expected shape.
    case invalidJSON(detail: String)

    /// The field and the fault, without the value (safe to log).
    public var description: String {
        switch self {
        case .wrongColumnCount(let expected, let found): "expected \(expected) columns, found \(found)"
        case .invalidUTF8(let offset): "not valid UTF-8 (byte \(offset + 1) of the row)"
        case .unterminatedQuote: "quoted field not closed before the end of the file"
        case .impossibleDate(let field, _): "\(field) is not a real date (YYYY-MM-DD, YYYY-MM or YYYY)"
        case .invalidValue(let field, _): "\(field) has a value outside its domain"
        case .missingValue(let field): "\(field) is empty"
        case .conflictingDuplicate(_, let field): "repeats an earlier id with a different \(field)"
        case .invalidJSON(let detail): "not a usable JSON object: \(detail)"
        }
    }
}

/// Why a list could not be read, or a row of it was left out.
public enum WatchlistLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One row left out; the rest of the file loads. `line` is the 1-based line where the row starts.
    case badRow(line: Int, problem: RowProblem)
    /// The file cannot be read at all.
    case unreadable(path: String, reason: String)
    /// The first line is not the header the format requires.
    case badHeader(expected: String, found: String)
    /// The content is none of the supported formats (person CSV, document CSV, FtM JSON Lines).
    case unknownFormat(path: String)

    /// `line N: problem`, or the file-level fault; never row content.
    public var description: String {
        switch self {
        case .badRow(let line, let problem): "line \(line): \(problem)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .badHeader(let expected, _): "the header is not `\(expected)`"
        case .unknownFormat(let path): "\(path) is neither a person CSV, a document CSV nor FtM JSON Lines"
        }
    }
}

/// The records a list file yielded and the rows left out, each with its line and problem.
public struct WatchlistLoadResult<Record: Sendable>: Sendable {
    /// Every row that loaded, in file order.
    public var records: [Record]
    /// Every row that did not (all `.badRow`), in file order.
    public var problems: [WatchlistLoadError]

    /// A result.
    public init(records: [Record], problems: [WatchlistLoadError]) {
        self.records = records
        self.problems = problems
    }
}
