/// How alike a query token and a listed token are: 0 (unrelated) to 1 (equal).
///
/// Nonzero only inside the support the candidate index enumerates exactly, so that index and brute force give
/// the same answers: an optimal-string-alignment distance (insertions, deletions, substitutions, adjacent
/// transpositions) of at most ``maximumEdits(shorterLength:)`` edits; or, for the token an MRZ may have cut, the
/// query token being a prefix of the longer listed one (at least ``minimumPrefixLength`` letters), or within one
/// edit of a proper prefix of it (at least ``minimumFuzzyPrefixLength`` letters: a cut token with a typo in it).
///
/// Within that support, similarity is `1 − cost / longer length`, where an edit costs 1 and substituting an
/// OCR-B look-alike (`O`/`Q`/`D`, `I`/`L`) costs ½; a cut token scores `0.75 + 0.2 × (kept / listed length)`, a
/// cut token with an edit `0.65 + 0.2 × (kept / listed length)`; the best applicable rule counts.
enum TokenSimilarity {
    /// Shortest query token read as a truncation of a longer listed token.
    static let minimumPrefixLength = 3

    /// Shortest query token read as a cut token with an edit in it (shorter ones would begin too many tokens).
    static let minimumFuzzyPrefixLength = 5

    /// Edits allowed between two tokens, by the shorter one's length: none up to 2 letters (`LE`, `VU`), one up to
    /// 5, two from 6. Short tokens carry little evidence, and a budget that grows slowly keeps neighbourhoods small.
    @inline(__always)
    static func maximumEdits(shorterLength n: Int) -> Int { n <= 2 ? 0 : (n <= 5 ? 1 : 2) }

    /// Edits searched around a token of `length` letters by the deletion neighbourhood (the same rule, since the
    /// shorter of two tokens bounds the budget).
    @inline(__always)
    static func deletionDepth(length: Int) -> Int { maximumEdits(shorterLength: length) }

    /// Similarity of `query` to `listed` (ASCII `A`-`Z`, at most ``NameNormalizer/maximumTokenLength`` each).
    /// `queryMayBeCut` allows the truncation rule. O(m × n) for lengths m, n, usually stopped early.
    static func similarity(_ query: UnsafeBufferPointer<UInt8>, _ listed: UnsafeBufferPointer<UInt8>, queryMayBeCut: Bool) -> Float {
        let m = query.count, n = listed.count
        guard m > 0, n > 0 else { return 0 }
        var best: Float = 0
        if queryMayBeCut, m >= minimumPrefixLength, n > m {
            var isPrefix = true
            for i in 0..<m where query[i] != listed[i] { isPrefix = false; break }
            if isPrefix { best = 0.75 + 0.2 * Float(m) / Float(n) }
        }
        if queryMayBeCut, best == 0, m >= minimumFuzzyPrefixLength, n > m, isWithinOneEditOfPrefix(query, listed) {
            best = 0.65 + 0.2 * Float(m) / Float(n)
        }
        let budget = maximumEdits(shorterLength: min(m, n))
        guard abs(m - n) <= budget else { return best }
        if m == n {
            var same = true
            for i in 0..<m where query[i] != listed[i] { same = false; break }
            if same { return 1 }
        }
        guard budget > 0 else { return best }
        // Optimal string alignment with costs packed as count × 256 + half-units: an edit is 256 + 2, a look-alike
        // substitution 256 + 1, so the minimum is the fewest edits, then the cheapest.
        let limit = Int32((budget + 1) << 8)
        let cost: Float? = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * (n + 1)) { rows -> Float? in
            var previous2 = 0, previous = n + 1, current = 2 * (n + 1)
            for j in 0...n { rows[previous + j] = Int32(j) * 258 }
            for i in 1...m {
                rows[current] = Int32(i) * 258
                var rowMinimum = rows[current]
                let a = query[i - 1]
                for j in 1...n {
                    let b = listed[j - 1]
                    var value: Int32
                    if a == b {
                        value = rows[previous + j - 1]
                    } else {
                        value = rows[previous + j - 1] + (isLookAlike(a, b) ? 257 : 258)
                        value = min(value, rows[previous + j] + 258, rows[current + j - 1] + 258)
                        if i > 1, j > 1, a == listed[j - 2], query[i - 2] == b {
                            value = min(value, rows[previous2 + j - 2] + 258)
                        }
                    }
                    rows[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum >= limit { return nil }
                (previous2, previous, current) = (previous, current, previous2)
            }
            let total = rows[previous + n]
            guard total < limit else { return nil }
            return Float(total & 255) / 2
        }
        guard let cost else { return best }
        return max(best, 1 - cost / Float(max(m, n)))
    }

    /// Whether `query` (m letters) is within one edit of a proper prefix of `listed` of m − 1 to m + 1 letters.
    /// O(m) with a band of width 3.
    static func isWithinOneEditOfPrefix(_ query: UnsafeBufferPointer<UInt8>, _ listed: UnsafeBufferPointer<UInt8>) -> Bool {
        let m = query.count, n = listed.count
        let longest = min(m + 1, n - 1)
        guard longest >= m - 1 else { return false }
        // Unit-cost optimal string alignment of query against listed[0..<longest]; row m holds the distance to each prefix.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (longest + 1)) { rows -> Bool in
            var previous2 = 0, previous = longest + 1, current = 2 * (longest + 1)
            for j in 0...longest { rows[previous + j] = j }
            for i in 1...m {
                rows[current] = i
                for j in 1...longest {
                    let a = query[i - 1], b = listed[j - 1]
                    var value = rows[previous + j - 1] + (a == b ? 0 : 1)
                    value = min(value, rows[previous + j] + 1, rows[current + j - 1] + 1)
                    if i > 1, j > 1, a == listed[j - 2], query[i - 2] == b { value = min(value, rows[previous2 + j - 2] + 1) }
                    rows[current + j] = value
                }
                (previous2, previous, current) = (previous, current, previous2)
            }
            for k in max(1, m - 1)...longest where rows[previous + k] <= 1 { return true }
            return false
        }
    }

    /// Whether an OCR-B reader confuses the two letters (`O`/`Q`/`D`, `I`/`L`); digits never reach this point.
    @inline(__always)
    static func isLookAlike(_ a: UInt8, _ b: UInt8) -> Bool {
        func group(_ c: UInt8) -> Int {
            switch c {
            case UInt8(ascii: "O"), UInt8(ascii: "Q"), UInt8(ascii: "D"): 1
            case UInt8(ascii: "I"), UInt8(ascii: "L"): 2
            default: 0
            }
        }
        let g = group(a)
        return g != 0 && g == group(b)
    }

    /// The same comparison on strings (tests and explanations; the hot paths hold bytes).
    static func similarity(_ query: String, _ listed: String, queryMayBeCut: Bool) -> Float {
        let q = Array(query.utf8), l = Array(listed.utf8)
        return q.withUnsafeBufferPointer { qp in l.withUnsafeBufferPointer { lp in similarity(qp, lp, queryMayBeCut: queryMayBeCut) } }
    }

    /// What kind of difference separates a query token (as read and normalised) from the listed token it matched.
    static func kind(read: String, normalized: String, listed: String, queryMayBeCut: Bool) -> TokenMatchKind {
        if normalized == listed { return read == normalized ? .exact : .lookAlike }
        let q = Array(normalized.utf8), l = Array(listed.utf8)
        if q.count == l.count {
            let differing = (0..<q.count).filter { q[$0] != l[$0] }
            if differing.count == 2, differing[1] == differing[0] + 1,
               q[differing[0]] == l[differing[1]], q[differing[1]] == l[differing[0]] { return .transposition }
            if !differing.isEmpty, differing.allSatisfy({ isLookAlike(q[$0], l[$0]) }) { return .lookAlike }
        }
        let edited = similarity(normalized, listed, queryMayBeCut: false)
        if queryMayBeCut, similarity(normalized, listed, queryMayBeCut: true) > edited { return .truncated }
        return .typo
    }
}
