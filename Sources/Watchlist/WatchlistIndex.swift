import Foundation

/// Why an index file could not be written or used.
public enum WatchlistIndexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file cannot be opened or mapped.
    case unreadable(path: String, reason: String)
    /// The file cannot be written.
    case unwritable(path: String, reason: String)
    /// The file does not start like an index (`DSWLIDX1`, little-endian).
    case notAnIndex(reason: String)
    /// The layout version is not the one this code reads.
    case unsupportedVersion(found: UInt32, expected: UInt32)
    /// A section reaches past the end of the file.
    case truncated(section: String, end: Int, fileSize: Int)
    /// A section contradicts the header or another section (a corrupt or foreign file).
    case inconsistent(section: String, detail: String)

    /// A sentence for logs: the section and the fault, no list content.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read index \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write index \(path): \(reason)"
        case .notAnIndex(let reason): "not a watchlist index: \(reason)"
        case .unsupportedVersion(let found, let expected): "index layout version \(found), this build reads \(expected)"
        case .truncated(let section, let end, let size): "section \(section) ends at byte \(end) of a \(size)-byte file"
        case .inconsistent(let section, let detail): "section \(section) is inconsistent: \(detail)"
        }
    }
}

/// A compiled watchlist, read in place: persons of interest and lost or stolen documents.
///
/// ``load(path:)`` memory-maps the file (`Data` with `.alwaysMapped`) and validates every section once (O(file
/// size), sequential), so that queries can read it without bounds surprises. Queries never allocate per entry:
/// ``screen(person:limit:)`` generates candidates (``CandidateGenerator``) and scores only those;
/// ``screenExhaustively(person:limit:)`` scores every entry with the same scorer and returns the same matches.
/// Immutable and `Sendable`: one index serves any number of concurrent queries.
public struct WatchlistIndex: Sendable {
    private let storage: Data
    private let layout: IndexLayout

    /// Maps and validates the index at `path`. O(file size).
    public static func load(path: String) throws(WatchlistIndexError) -> WatchlistIndex {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try WatchlistIndex(data: data)
    }

    /// Validates an index held in memory (as ``WatchlistIndexBuilder/build()`` returns it). O(size).
    public init(bytes: [UInt8]) throws(WatchlistIndexError) {
        try self.init(data: Data(bytes))
    }

    private init(data: Data) throws(WatchlistIndexError) {
        // Sections are read in place as UInt32/UInt64 arrays: the storage must be 16-byte aligned (mapped files
        // and fresh Data are; a copy makes any other Data so).
        let aligned = data.withUnsafeBytes { Int(bitPattern: $0.baseAddress) % 16 == 0 }
        storage = aligned ? data : Data(Array(data))
        let validated = storage.withUnsafeBytes { raw in Result { () throws(WatchlistIndexError) in try IndexValidator.validate(raw) } }
        layout = try validated.get()
    }

    /// Listed persons.
    public var personCount: Int { layout.entryCount }
    /// Listed documents.
    public var documentCount: Int { layout.documentCount }
    /// Distinct name tokens.
    public var vocabularyCount: Int { layout.vocabularyCount }
    /// Size of the index in bytes (mapped, not copied).
    public var byteCount: Int { storage.count }

    /// The listed persons most like `person`, best first, at most `limit`, each scoring at least
    /// ``MatchScorer/referThreshold``. With a birth date, well under a millisecond on a million entries; without
    /// one the whole posting lists are read (a few milliseconds for the commonest names).
    public func screen(person: PersonQuery, limit: Int = 10) -> [WatchlistMatch] {
        let query = PreparedPersonQuery(person)
        return withView { view in
            let (table, entries) = CandidateGenerator.candidates(for: query, in: view)
            var best = TopScores(limit: limit)
            for e in entries {
                if let scored = PersonScoring.score(entry: e, query: query, view: view, similarities: table) { best.insert(scored) }
            }
            return best.sorted.map { PersonScoring.match($0, query: query, view: view) }
        }
    }

    /// The same answer as ``screen(person:limit:)`` by scoring every listed person: the recall reference. O(N).
    public func screenExhaustively(person: PersonQuery, limit: Int = 10) -> [WatchlistMatch] {
        let query = PreparedPersonQuery(person)
        return withView { view in
            let direct = DirectSimilarities(query: query, view: view)
            var best = TopScores(limit: limit)
            for e in 0..<view.entryCount {
                if let scored = PersonScoring.score(entry: e, query: query, view: view, similarities: direct) { best.insert(scored) }
            }
            return best.sorted.map { PersonScoring.match($0, query: query, view: view) }
        }
    }

    /// The work ``screen(person:limit:)`` does for `person`: tokens examined, postings read, entries scored.
    public func candidateStatistics(person: PersonQuery) -> CandidateStatistics {
        let query = PreparedPersonQuery(person)
        var statistics = CandidateStatistics()
        _ = withView { CandidateGenerator.candidates(for: query, in: $0, statistics: &statistics) }
        return statistics
    }

    /// Lost or stolen documents of the same issuing State whose number equals the query's (`alert`, 100) or
    /// differs only by OCR look-alikes (`refer`, 75: a misread, or a number altered to slip past the list).
    /// Empty when the query's state or number is not well-formed. O(log D).
    public func screen(document: DocumentQuery, limit: Int = 10) -> [WatchlistMatch] {
        guard let state = StateCode.normalized(document.issuingState),
              let number = DocumentNumber.normalized(document.documentNumber) else { return [] }
        return withView { view in DocumentScoring.matches(state: state, number: number, view: view, limit: limit) }
    }

    private func withView<R>(_ body: (IndexView) -> R) -> R {
        storage.withUnsafeBytes { raw in body(IndexView(raw, layout: layout)) }
    }
}

/// An entry's score with what the explanation needs.
struct ScoredEntry {
    var entry: Int
    var score: Double
    var nameSimilarity: Float
    /// Blob position of the best name form's header.
    var formHeaderPosition: Int
    var fields: FieldPoints
}

/// The best `limit` scores, ordered by score, then entry number (a total order: index and brute force agree).
struct TopScores {
    let limit: Int
    private(set) var sorted: [ScoredEntry] = []

    init(limit: Int) { self.limit = max(0, limit) }

    mutating func insert(_ s: ScoredEntry) {
        func before(_ a: ScoredEntry, _ b: ScoredEntry) -> Bool { a.score != b.score ? a.score > b.score : a.entry < b.entry }
        if sorted.count == limit {
            guard let last = sorted.last, before(s, last) else { return }
            sorted.removeLast()
        }
        var k = sorted.count
        while k > 0, before(s, sorted[k - 1]) { k -= 1 }
        sorted.insert(s, at: k)
    }
}

/// Scoring of listed persons, shared by the index and the brute-force reference.
enum PersonScoring {
    /// The score of entry `e`, or `nil` below ``MatchScorer/referThreshold``. Skips the name comparison when the
    /// other fields already rule the entry out. Allocation-free.
    @inline(__always)
    static func score<S: TokenSimilaritySource>(entry e: Int, query: PreparedPersonQuery, view: IndexView, similarities: S) -> ScoredEntry? {
        let fields = fieldPoints(entry: e, query: query, view: view)
        let other = fields.total
        guard MatchScorer.namePoints + other >= MatchScorer.referThreshold else { return nil }
        let info = view.entryRecords[4 * e + 2]
        var position = Int(view.entryRecords[4 * e + 1]) + Int((info >> 8) & 0xFF)
        var bestSimilarity: Float = -1, bestPosition = position
        let formCount = Int((info >> 16) & 0xFF)
        query.weights.withUnsafeBufferPointer { weights in
            for _ in 0..<formCount {
                let header = view.entryBlob[position]
                let surnameCount = Int(header & 0xFF), count = surnameCount + Int((header >> 8) & 0xFF)
                let tokens = UnsafeBufferPointer(rebasing: view.entryBlob[(position + 1)..<(position + 1 + count)])
                let comparison = NameComparison.compare(queryWeights: weights, tokens: tokens, surnameCount: surnameCount,
                                                        isSplit: header & (1 << 28) != 0, tokenLength: view.tokenLength,
                                                        similarities: similarities, record: false)
                if comparison.similarity > bestSimilarity {
                    bestSimilarity = comparison.similarity
                    bestPosition = position
                }
                position += 1 + count
            }
        }
        let score = MatchScorer.namePoints * Double(max(0, bestSimilarity)) + other
        guard score >= MatchScorer.referThreshold else { return nil }
        return ScoredEntry(entry: e, score: score, nameSimilarity: bestSimilarity, formHeaderPosition: bestPosition, fields: fields)
    }

    /// Birth date, nationality and sex of entry `e` against the query.
    @inline(__always)
    static func fieldPoints(entry e: Int, query: PreparedPersonQuery, view: IndexView) -> FieldPoints {
        let date = MatchScorer.compare(packedQuery: query.packedBirthDate, packedListed: view.entryRecords[4 * e])
        let info = view.entryRecords[4 * e + 2]
        let nationalityCount = Int((info >> 8) & 0xFF)
        var nationality = FieldAgreement.unknown
        if query.nationality != 0, nationalityCount > 0 {
            nationality = .different
            let start = Int(view.entryRecords[4 * e + 1])
            for k in 0..<nationalityCount where view.entryBlob[start + k] == query.nationality { nationality = .same }
        }
        let listedSex = info & 0xFF
        var sex = FieldAgreement.unknown
        if query.sex != 0, query.sex != 3, listedSex != 0, listedSex != 3 { sex = query.sex == listedSex ? .same : .different }
        return FieldPoints(birthDate: date, nationality: nationality, sex: sex)
    }

    /// The public match for a scored entry, with its explanation (recomputed with the pairing recorded).
    static func match(_ s: ScoredEntry, query: PreparedPersonQuery, view: IndexView) -> WatchlistMatch {
        let e = s.entry
        let header = view.entryBlob[s.formHeaderPosition]
        let surnameCount = Int(header & 0xFF), count = surnameCount + Int((header >> 8) & 0xFF)
        let nameIndex = Int((header >> 16) & 0xFF), formIndex = Int((header >> 24) & 0x0F)
        let isSplit = header & (1 << 28) != 0
        let tokens = UnsafeBufferPointer(rebasing: view.entryBlob[(s.formHeaderPosition + 1)..<(s.formHeaderPosition + 1 + count)])
        let listed = tokens.map { String(decoding: view.token($0), as: UTF8.self) }
        let comparison = query.weights.withUnsafeBufferPointer { weights in
            NameComparison.compare(queryWeights: weights, tokens: tokens, surnameCount: surnameCount, isSplit: isSplit,
                                   tokenLength: view.tokenLength, similarities: DirectSimilarities(query: query, view: view), record: true)
        }
        let namePoints = MatchScorer.namePoints * Double(comparison.similarity)
        let scale = comparison.uncapped > 0 ? Double(comparison.similarity / comparison.uncapped) : 0
        var parts: [TokenEvidence] = []
        for (i, j) in comparison.pairing.enumerated() where j >= 0 {
            let token = query.tokens[i]
            let similarity = Double(TokenSimilarity.similarity(token.normalized, listed[j], queryMayBeCut: i == query.cutToken))
            let share = Double(comparison.queryShare[i] + comparison.listedShare[j]) * 0.5 * MatchScorer.namePoints * scale
            parts.append(TokenEvidence(
                query: token.read, listed: listed[j], roleSwapped: isSplit && token.isSurname != (j < surnameCount),
                match: TokenSimilarity.kind(read: token.read, normalized: token.normalized, listed: listed[j], queryMayBeCut: i == query.cutToken),
                similarity: rounded(similarity, 3), points: rounded(share, 1)))
        }
        let matchedListed = Set(comparison.pairing.filter { $0 >= 0 })
        let missing = listed.indices.filter { !matchedListed.contains($0) }
        let form = isSplit
            ? listed[..<surnameCount].joined(separator: "<") + "<<" + listed[surnameCount...].joined(separator: "<")
            : listed.joined(separator: "<")
        let name = NameEvidence(
            points: rounded(namePoints, 1), similarity: rounded(Double(comparison.similarity), 3),
            listedName: nameIndex == 0 ? "primary" : "alias \(nameIndex)",
            transliteration: (formIndex == 0 ? "recommended" : "alternative \(formIndex)") + (header & (1 << 29) != 0 ? ", surname as one word" : ""),
            listedForm: form, parts: parts, missingFromQuery: missing.map { listed[$0] },
            dropped: missing.filter { comparison.dropped[$0] }.map { listed[$0] },
            unmatchedInQuery: comparison.pairing.indices.filter { comparison.pairing[$0] < 0 }.map { query.tokens[$0].read },
            capped: comparison.similarity < comparison.uncapped)
        let info = view.entryRecords[4 * e + 2]
        let start = Int(view.entryRecords[4 * e + 1])
        let nationalities = (0..<Int((info >> 8) & 0xFF)).map { StateCode.unpacked(view.entryBlob[start + $0]) }
        let listedSex: String? = switch info & 0xFF { case 1: "M"; case 2: "F"; case 3: "X"; default: nil }
        let explanation = MatchExplanation(
            name: name,
            birthDate: DateEvidence(match: s.fields.birthDate, points: MatchScorer.points(s.fields.birthDate),
                                    listed: PartialDate(packed: view.packedBirthDate(e))?.description),
            nationality: FieldEvidence(match: s.fields.nationality, points: MatchScorer.points(nationality: s.fields.nationality),
                                       listed: nationalities.isEmpty ? nil : nationalities.joined(separator: ",")),
            sex: FieldEvidence(match: s.fields.sex, points: MatchScorer.points(sex: s.fields.sex), listed: listedSex),
            document: nil)
        return WatchlistMatch(id: view.id(of: e), score: rounded(s.score, 1),
                              decision: MatchScorer.decision(score: s.score, birthDate: s.fields.birthDate) ?? .refer,
                              list: view.string(Int(view.entryRecords[4 * e + 3])), explanation: explanation)
    }
}

/// Matching of document numbers within an issuing State.
enum DocumentScoring {
    /// Score of an exact number.
    static let exactScore = 100.0
    /// Score of a number equal up to OCR look-alikes.
    static let lookAlikeScore = 75.0
    /// The list name documents are reported under.
    static let listName = "lost-stolen-documents"

    static func matches(state: String, number: String, view: IndexView, limit: Int) -> [WatchlistMatch] {
        let width = IndexFormat.documentNumberWidth, size = IndexFormat.documentRecordSize
        var key = [UInt8](repeating: 0, count: 4 + width)
        for (k, b) in state.utf8.prefix(3).enumerated() { key[k] = b }
        let numberBytes = Array(number.utf8.prefix(width))
        for (k, b) in DocumentNumber.folded(numberBytes).enumerated() { key[4 + k] = b }
        let count = view.layout.documentCount
        func record(_ r: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: view.documents[(r * size)..<((r + 1) * size)]) }
        var low = 0, high = count
        while low < high {
            let mid = (low + high) >> 1
            if record(mid)[0..<(4 + width)].lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
        }
        var out: [WatchlistMatch] = []
        var r = low
        while r < count, out.count < limit, record(r)[0..<(4 + width)].elementsEqual(key) {
            let rec = record(r)
            let listedBytes = Array(rec[(4 + width)..<(4 + 2 * width)].prefix { $0 != 0 })
            let listed = String(decoding: listedBytes, as: UTF8.self)
            let differing = zip(listedBytes, numberBytes).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
            let exact = differing.isEmpty && listedBytes.count == numberBytes.count
            let reported = UInt32(rec[52]) | UInt32(rec[53]) << 8 | UInt32(rec[54]) << 16 | UInt32(rec[55]) << 24
            let type = Int(UInt16(rec[56]) | UInt16(rec[57]) << 8)
            let evidence = DocumentEvidence(match: exact ? .exact : .lookAlike, differingPositions: differing, listedNumber: listed,
                                            documentType: type < view.layout.stringCount ? view.string(type) : "",
                                            reported: PartialDate(packed: reported)?.description)
            out.append(WatchlistMatch(id: "\(state):\(listed)", score: exact ? exactScore : lookAlikeScore,
                                      decision: exact ? .alert : .refer, list: listName,
                                      explanation: MatchExplanation(document: evidence)))
            r += 1
        }
        return out.sorted { $0.score > $1.score }
    }
}

/// `value` rounded to `digits` decimals.
func rounded(_ value: Double, _ digits: Int) -> Double {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return (value * scale).rounded() / scale
}
