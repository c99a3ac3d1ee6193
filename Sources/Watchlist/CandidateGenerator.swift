/// A person query normalised for comparison.
struct PreparedPersonQuery {
    /// Tokens as read and normalised, surname first.
    var tokens: [QueryToken]
    /// Normalised token bytes.
    var bytes: [[UInt8]]
    /// ``MatchScorer/tokenWeight(length:)`` of each token.
    var weights: [Float]
    /// The token an MRZ may have cut: the last given name (the last surname token when there is no given name).
    var cutToken: Int?
    /// ``PartialDate`` packed, 0 when unknown.
    var packedBirthDate: UInt32
    /// Packed nationality code, 0 when unknown.
    var nationality: UInt32
    /// Sex code as in entry records (0 unknown, 1 M, 2 F, 3 X).
    var sex: UInt32

    init(_ query: PersonQuery) {
        tokens = NameNormalizer.queryTokens(surname: query.surname, givenNames: query.givenNames)
        bytes = tokens.map { Array($0.normalized.utf8) }
        weights = bytes.map { MatchScorer.tokenWeight(length: $0.count) }
        cutToken = tokens.isEmpty ? nil : tokens.count - 1
        packedBirthDate = query.birthDate?.packed ?? 0
        nationality = query.nationality.flatMap { StateCode.normalized($0) }.map { StateCode.packed($0) } ?? 0
        sex = switch query.sex { case nil: 0; case .male: 1; case .female: 2; case .unspecified: 3 }
    }

    /// The birth year, when known.
    var birthYear: Int? { packedBirthDate == 0 ? nil : Int(packedBirthDate >> 9) }
}

/// Query-token × vocabulary-token similarities found by candidate generation: the only nonzero ones, so the
/// scorer reads them instead of recomputing edit distances.
struct QuerySimilarityTable: TokenSimilaritySource {
    /// Vocabulary tokens with a nonzero similarity to some query token.
    private(set) var tokens: [UInt32] = []
    /// `similarities[k × queryCount + i]`: token `tokens[k]` against query token `i`.
    private(set) var similarities: [Float] = []
    /// Bit `i` set when token `tokens[k]` resembles query token `i`.
    private(set) var masks: [UInt32] = []
    private var slots: [Int32] = []
    let queryCount: Int

    init(queryCount: Int, found: [(token: UInt32, query: Int, similarity: Float)]) {
        self.queryCount = queryCount
        let sorted = found.sorted { $0.token < $1.token }
        for f in sorted {
            if tokens.last != f.token {
                tokens.append(f.token)
                similarities += [Float](repeating: 0, count: queryCount)
                masks.append(0)
            }
            let k = tokens.count - 1
            similarities[k * queryCount + f.query] = max(similarities[k * queryCount + f.query], f.similarity)
            masks[k] |= 1 << UInt32(f.query)
        }
        var capacity = 8
        while capacity < 2 * tokens.count { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        for (k, t) in tokens.enumerated() {
            var s = Int(QuerySimilarityTable.mix(t)) & (capacity - 1)
            while slots[s] >= 0 { s = (s + 1) & (capacity - 1) }
            slots[s] = Int32(k)
        }
    }

    @inline(__always)
    private static func mix(_ t: UInt32) -> UInt32 { (t &* 0x9E37_79B1) >> 7 }

    @inline(__always)
    func similarity(queryToken: Int, listedToken: UInt32) -> Float {
        let mask = slots.count - 1
        var s = Int(QuerySimilarityTable.mix(listedToken)) & mask
        while true {
            let k = Int(slots[s])
            if k < 0 { return 0 }
            if tokens[k] == listedToken { return similarities[k * queryCount + queryToken] }
            s = (s + 1) & mask
        }
    }
}

/// Similarities computed from the token bytes at each call: the brute-force reference.
struct DirectSimilarities: TokenSimilaritySource {
    let query: PreparedPersonQuery
    let view: IndexView

    @inline(__always)
    func similarity(queryToken: Int, listedToken: UInt32) -> Float {
        query.bytes[queryToken].withUnsafeBufferPointer {
            TokenSimilarity.similarity($0, view.token(listedToken), queryMayBeCut: queryToken == query.cutToken)
        }
    }
}

/// How much work candidate generation did for one query.
public struct CandidateStatistics: Sendable, Hashable {
    /// Vocabulary tokens looked at (deletion-table and prefix hits, with repeats).
    public var tokensExamined = 0
    /// Vocabulary tokens similar to some query token.
    public var similarTokens = 0
    /// Posting-list entries read (within the birth-year window).
    public var postings = 0
    /// Entries scored.
    public var candidates = 0
}

/// Finds the entries worth scoring for a person query, without looking at the others.
///
/// 1. Each query token's similar vocabulary tokens: its deletion strings looked up in the deletion table
///    (every token within the edit budget, ``DeletionNeighbourhood``), and for the token an MRZ may have cut, the
///    tokens it or its one-letter deletions begin (binary search in the sorted prefix variants: a cut token, also
///    with one edit). Each is scored by ``TokenSimilarity``.
/// 2. Their postings, limited — when the query has a birth year — to entries born within one year of it and to
///    undated entries: every other entry scores at most 50, below ``MatchScorer/referThreshold``. Entries are
///    stored in birth-date order, so the limit is two binary searches per posting list.
/// 3. Entries two of whose tokens resemble two different query tokens (one token when the query or the entry
///    has a one-token name): with one token matched the name is capped and cannot reach `refer` either.
///
/// The result is the same as scoring every entry (``WatchlistIndex/screenExhaustively(person:limit:)``).
enum CandidateGenerator {
    /// The similarity table and the candidate entries for `query`. O(deletion strings + postings in range).
    static func candidates(for query: PreparedPersonQuery, in view: IndexView) -> (table: QuerySimilarityTable, entries: [Int]) {
        var statistics = CandidateStatistics()
        return candidates(for: query, in: view, statistics: &statistics)
    }

    /// The same, counting the work done.
    static func candidates(for query: PreparedPersonQuery, in view: IndexView,
                           statistics: inout CandidateStatistics) -> (table: QuerySimilarityTable, entries: [Int]) {
        let m = query.bytes.count
        var found: [(token: UInt32, query: Int, similarity: Float)] = []
        var seen: [UInt32] = []
        for i in 0..<m {
            query.bytes[i].withUnsafeBufferPointer { q in
                seen.removeAll(keepingCapacity: true)
                let hashes = DeletionNeighbourhood.hashes(of: q, depth: TokenSimilarity.deletionDepth(length: q.count))
                let bucketMask = UInt64(view.deletionBuckets.count - 2)
                for h in hashes {
                    let b = Int(h & bucketMask)
                    let fingerprint = h >> 32
                    for k in Int(view.deletionBuckets[b])..<Int(view.deletionBuckets[b + 1]) {
                        let entry = view.deletionEntries[k]
                        if entry >> 32 == fingerprint { seen.append(UInt32(truncatingIfNeeded: entry)) }
                    }
                }
                if i == query.cutToken, q.count >= TokenSimilarity.minimumFuzzyPrefixLength {
                    // Tokens it begins, also with one edit: its prefix variants and those of its one-letter deletions.
                    prefixMatches(of: q, in: view, into: &seen)
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: q.count - 1) { shorter in
                        for skip in 0..<q.count {
                            var k = 0
                            for p in 0..<q.count where p != skip { shorter[k] = q[p]; k += 1 }
                            prefixMatches(of: UnsafeBufferPointer(shorter), in: view, into: &seen)
                        }
                    }
                } else if i == query.cutToken, q.count >= TokenSimilarity.minimumPrefixLength {
                    var t = lowerBound(of: q, in: view)
                    while t < view.layout.vocabularyCount, view.token(UInt32(t)).starts(with: q) {
                        seen.append(UInt32(t))
                        t += 1
                    }
                }
                statistics.tokensExamined += seen.count
                seen.sort()
                var previous: UInt32?
                for t in seen where t != previous {
                    previous = t
                    let s = TokenSimilarity.similarity(q, view.token(t), queryMayBeCut: i == query.cutToken)
                    if s > 0 { found.append((t, i, s)) }
                }
            }
        }
        let table = QuerySimilarityTable(queryCount: m, found: found)
        guard m > 0, !table.tokens.isEmpty else { return (table, []) }

        var ranges: [Range<Int>] = []
        if let year = query.birthYear {
            ranges = [view.undatedEntries, view.entryRange(years: year - 1, through: year + 1)]
        } else {
            ranges = [0..<view.entryCount]
        }
        var slices: [(UnsafeBufferPointer<UInt32>, UInt32)] = []
        var total = 0
        for (k, token) in table.tokens.enumerated() {
            let list = view.postings(of: token)
            for range in ranges where !range.isEmpty {
                let lower = lowerBound(UInt32(range.lowerBound), in: list), upper = lowerBound(UInt32(range.upperBound), in: list)
                if upper > lower {
                    slices.append((UnsafeBufferPointer(rebasing: list[lower..<upper]), table.masks[k]))
                    total += upper - lower
                }
            }
        }
        statistics.similarTokens = table.tokens.count
        statistics.postings = total
        var capacity = 16
        while capacity < 2 * total { capacity <<= 1 }
        // Per entry: the union of the query tokens its tokens resemble, and (bit 31) whether two of its tokens
        // resemble two different query tokens — the condition for two matched tokens, without which the name is capped.
        var keys = [UInt32](repeating: .max, count: capacity)
        var masks = [UInt32](repeating: 0, count: capacity)
        let slotMask = capacity - 1
        let pair: UInt32 = 1 << 31
        var used: [Int] = []
        used.reserveCapacity(total)
        for (slice, tokenMask) in slices {
            for e in slice {
                var s = Int((e &* 0x9E37_79B1) >> 5) & slotMask
                while keys[s] != .max && keys[s] != e { s = (s + 1) & slotMask }
                if keys[s] == .max {
                    keys[s] = e
                    used.append(s)
                    masks[s] = tokenMask
                } else {
                    let union = masks[s] & ~pair
                    masks[s] |= tokenMask | ((union | tokenMask).nonzeroBitCount >= 2 ? pair : 0)
                }
            }
        }
        var entries: [Int] = []
        for s in used {
            let e = Int(keys[s])
            if masks[s] & pair != 0 || m == 1 || view.hasSingleTokenForm(e) { entries.append(e) }
        }
        statistics.candidates = entries.count
        return (table, entries)
    }

    /// First position in the ascending `list` holding a value ≥ `value`.
    @inline(__always)
    static func lowerBound(_ value: UInt32, in list: UnsafeBufferPointer<UInt32>) -> Int {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) >> 1
            if list[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// First vocabulary token bytewise ≥ `token`.
    static func lowerBound(of token: UnsafeBufferPointer<UInt8>, in view: IndexView) -> Int {
        var low = 0, high = view.layout.vocabularyCount
        while low < high {
            let mid = (low + high) >> 1
            if view.token(UInt32(mid)).lexicographicallyPrecedes(token) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Appends the tokens one of whose prefix variants (the token, or it with one letter deleted) begins with `key`.
    /// O(log P + matches).
    static func prefixMatches(of key: UnsafeBufferPointer<UInt8>, in view: IndexView, into tokens: inout [UInt32]) {
        let variants = view.prefixVariants
        var low = 0, high = variants.count
        while low < high {
            let mid = (low + high) >> 1
            if view.compareVariant(variants[mid], key, prefixOnly: false) < 0 { low = mid + 1 } else { high = mid }
        }
        while low < variants.count, view.compareVariant(variants[low], key, prefixOnly: true) == 0 {
            tokens.append(variants[low] >> 5)
            low += 1
        }
    }
}
