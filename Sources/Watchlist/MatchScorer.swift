/// How a query's birth date compares with a listed one.
public enum BirthDateAgreement: String, Sendable, Hashable, Codable {
    /// Both complete and equal.
    case exact
    /// Both complete, same year, day and month exchanged (`1990-04-07` against `1990-07-04`).
    case dayMonthSwapped
    /// Same year and month; one side lacks the day.
    case sameYearAndMonth
    /// Same year; one side gives only the year (lists often do).
    case sameYear
    /// Same year, but day and month disagree.
    case sameYearOtherDay
    /// The years are one apart.
    case oneYearApart
    /// The years are two or more apart.
    case different
    /// One side has no date.
    case unknown
}

/// How a query's nationality or sex compares with the listed value(s).
public enum FieldAgreement: String, Sendable, Hashable, Codable {
    /// Equal (for nationality: equal to one of the listed nationalities).
    case same
    /// Different.
    case different
    /// One side does not say (or says `X` for sex).
    case unknown
}

/// The points of one comparison, before the name is compared: used to skip entries that cannot reach ``MatchScorer/referThreshold``.
struct FieldPoints {
    var birthDate: BirthDateAgreement
    var nationality: FieldAgreement
    var sex: FieldAgreement
    var total: Double { MatchScorer.points(birthDate) + MatchScorer.points(nationality: nationality) + MatchScorer.points(sex: sex) }
}

/// The score of a listed person against a query, out of 100, and the decision it leads to.
///
/// Points (the explanation of every match lists each):
/// - name: up to ``namePoints`` × the name similarity (``MatchScorer/nameSimilarity``);
/// - birth date: exact +20, day and month swapped +14, same year and month +12, same year (one side year-only)
///   +10, same year other day 0, one year apart −10, two or more apart −30, unknown 0;
/// - nationality: same +6, different −6; sex: same +4, different −6; unknown 0.
///
/// Decisions: `alert` at ``alertThreshold`` or more *and* a complete birth date agreeing (exact or swapped): a
/// perfect name with a year-only date is 90 points but only narrows a common name to a year, so it is `refer`.
/// `refer` at ``referThreshold`` or more: e.g. a perfect name with a year one apart (70) or a name two thirds right
/// with the exact date (78); same surname and date but another given name (at most 61.5, the name capped at 0.45)
/// is not reported. A birth year two or more apart caps the score at 50, below `refer`: that is what lets the index
/// look only at birth years within one of the query's (plus entries without a date) and still return exactly what
/// scoring every entry would.
public enum MatchScorer {
    /// Points for a perfect name.
    public static let namePoints = 70.0
    /// Score from which a match is an `alert`, given a complete agreeing birth date.
    public static let alertThreshold = 85.0
    /// Score from which a match is reported (`refer`).
    public static let referThreshold = 65.0
    /// Cap on the name similarity when fewer than two tokens match although both names have two or more:
    /// one shared surname is not a name match.
    public static let singleTokenCap: Float = 0.45
    /// Weight of an unmatched listed token the query plausibly dropped (a middle name, the part an MRZ cut).
    static let droppedTokenWeight: Float = 0.25

    /// Points for a birth-date comparison.
    public static func points(_ agreement: BirthDateAgreement) -> Double {
        switch agreement {
        case .exact: 20
        case .dayMonthSwapped: 14
        case .sameYearAndMonth: 12
        case .sameYear: 10
        case .sameYearOtherDay: 0
        case .oneYearApart: -10
        case .different: -30
        case .unknown: 0
        }
    }

    /// Points for a nationality comparison.
    public static func points(nationality: FieldAgreement) -> Double {
        switch nationality { case .same: 6; case .different: -6; case .unknown: 0 }
    }

    /// Points for a sex comparison.
    public static func points(sex: FieldAgreement) -> Double {
        switch sex { case .same: 4; case .different: -6; case .unknown: 0 }
    }

    /// Compares two possibly partial dates. O(1).
    public static func compare(query: PartialDate?, listed: PartialDate?) -> BirthDateAgreement {
        guard let q = query, let l = listed else { return .unknown }
        let yearGap = abs(q.year - l.year)
        if yearGap >= 2 { return .different }
        if yearGap == 1 { return .oneYearApart }
        guard let qm = q.month, let lm = l.month else { return .sameYear }
        guard let qd = q.day, let ld = l.day else { return qm == lm ? .sameYearAndMonth : .sameYearOtherDay }
        if qm == lm, qd == ld { return .exact }
        if qm == ld, qd == lm { return .dayMonthSwapped }
        return .sameYearOtherDay
    }

    /// Same calculation on packed dates (``PartialDate`` `packed`, 0 for none), for the hot path.
    @inline(__always)
    static func compare(packedQuery q: UInt32, packedListed l: UInt32) -> BirthDateAgreement {
        guard q != 0, l != 0 else { return .unknown }
        let yearGap = abs(Int(q >> 9) - Int(l >> 9))
        if yearGap >= 2 { return .different }
        if yearGap == 1 { return .oneYearApart }
        let qm = (q >> 5) & 15, lm = (l >> 5) & 15, qd = q & 31, ld = l & 31
        guard qm != 0, lm != 0 else { return .sameYear }
        guard qd != 0, ld != 0 else { return qm == lm ? .sameYearAndMonth : .sameYearOtherDay }
        if qm == lm, qd == ld { return .exact }
        if qm == ld, qd == lm { return .dayMonthSwapped }
        return .sameYearOtherDay
    }

    /// The decision for a score and birth-date agreement, `nil` below ``referThreshold``.
    public static func decision(score: Double, birthDate: BirthDateAgreement) -> WatchlistDecision? {
        if score >= alertThreshold, birthDate == .exact || birthDate == .dayMonthSwapped { return .alert }
        return score >= referThreshold ? .refer : nil
    }

    /// Weight of a token in the name similarity by its length: longer names say more, but only up to 6 letters,
    /// so that one long surname cannot outweigh the given names.
    @inline(__always)
    static func tokenWeight(length: Int) -> Float { Float(min(length, 6) + 1) }
}

/// The similarity of one query token to one listed token, however it is obtained.
protocol TokenSimilaritySource {
    /// Similarity of query token `queryToken` to vocabulary token `listedToken`, 0...1.
    func similarity(queryToken: Int, listedToken: UInt32) -> Float
}

/// The name comparison: order-independent assignment of query tokens to listed tokens.
///
/// Each query token is paired with at most one listed token, greedily by similarity (best pair first). Then
/// `query coverage` = Σ weight × similarity over query tokens / Σ their weights, and `list coverage` the same over
/// listed tokens, where a listed token left unmatched weighs only ``MatchScorer/droppedTokenWeight`` when the
/// query has fewer tokens than the list (a dropped middle name, a part cut by the MRZ) and another token of the
/// same name part (surname or given names) matched. The similarity is the mean of both coverages, capped at
/// ``MatchScorer/singleTokenCap`` when only one token matched although both sides have two or more.
struct NameComparison {
    /// 0...1.
    var similarity: Float
    /// Similarity before the single-token cap.
    var uncapped: Float
    /// Listed token index matched by each query token (-1 for none), filled only when asked for.
    var pairing: [Int]
    /// Which unmatched listed tokens counted as dropped, filled only when asked for.
    var dropped: [Bool]
    /// Per query token and per listed token: weight × similarity / the coverage denominators, for explanations.
    var queryShare: [Float]
    var listedShare: [Float]

    /// Compares `m` query tokens (weights `queryWeights`) with one listed name form (`tokens`, of which the first
    /// `surnameCount` are the surname; `isSplit` false makes them one part). Allocation-free unless `record`.
    /// O(m × n × min(m, n)).
    static func compare<S: TokenSimilaritySource>(
        queryWeights: UnsafeBufferPointer<Float>, tokens: UnsafeBufferPointer<UInt32>, surnameCount: Int, isSplit: Bool,
        tokenLength: (UInt32) -> Int, similarities: S, record: Bool
    ) -> NameComparison {
        let m = queryWeights.count, n = tokens.count
        guard m > 0, n > 0 else { return NameComparison(similarity: 0, uncapped: 0, pairing: [], dropped: [], queryShare: [], listedShare: []) }
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: m * n + n) { buffer -> NameComparison in
            let matrix = UnsafeMutableBufferPointer(rebasing: buffer[0..<(m * n)])
            let listedWeight = UnsafeMutableBufferPointer(rebasing: buffer[(m * n)...])
            for j in 0..<n { listedWeight[j] = MatchScorer.tokenWeight(length: tokenLength(tokens[j])) }
            for i in 0..<m {
                for j in 0..<n { matrix[i * n + j] = similarities.similarity(queryToken: i, listedToken: tokens[j]) }
            }
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: m + n) { assignment -> NameComparison in
                // assignment[0..<m]: listed index per query token; assignment[m..<m+n]: query index per listed token.
                for k in 0..<(m + n) { assignment[k] = -1 }
                var matched = 0
                while matched < min(m, n) {
                    var best: Float = 0, bi = -1, bj = -1
                    for i in 0..<m where assignment[i] < 0 {
                        for j in 0..<n where assignment[m + j] < 0 && matrix[i * n + j] > best {
                            best = matrix[i * n + j]; bi = i; bj = j
                        }
                    }
                    if bi < 0 { break }
                    assignment[bi] = bj
                    assignment[m + bj] = bi
                    matched += 1
                }
                var queryTotal: Float = 0, queryCovered: Float = 0
                for i in 0..<m {
                    queryTotal += queryWeights[i]
                    if assignment[i] >= 0 { queryCovered += queryWeights[i] * matrix[i * n + assignment[i]] }
                }
                // Listed side: unmatched tokens of a part that matched elsewhere may count as dropped, heaviest first,
                // as many as the list has tokens beyond the query's.
                var droppable = max(0, n - m)
                var surnameMatched = false, givenMatched = false
                for j in 0..<n where assignment[m + j] >= 0 {
                    if isSplit && j < surnameCount { surnameMatched = true } else { givenMatched = true }
                }
                var listedTotal: Float = 0, listedCovered: Float = 0
                var droppedMask: UInt32 = 0
                while droppable > 0 {
                    var heaviest = -1
                    for j in 0..<n where assignment[m + j] < 0 && droppedMask & (1 << UInt32(j)) == 0 {
                        let partMatched = isSplit && j < surnameCount ? surnameMatched : givenMatched
                        if partMatched, heaviest < 0 || listedWeight[j] > listedWeight[heaviest] { heaviest = j }
                    }
                    if heaviest < 0 { break }
                    droppedMask |= 1 << UInt32(heaviest)
                    droppable -= 1
                }
                for j in 0..<n {
                    if assignment[m + j] >= 0 {
                        listedTotal += listedWeight[j]
                        listedCovered += listedWeight[j] * matrix[assignment[m + j] * n + j]
                    } else {
                        listedTotal += listedWeight[j] * (droppedMask & (1 << UInt32(j)) != 0 ? MatchScorer.droppedTokenWeight : 1)
                    }
                }
                let uncapped = 0.5 * queryCovered / queryTotal + 0.5 * listedCovered / listedTotal
                let similarity = matched < min(2, m, n) ? min(uncapped, MatchScorer.singleTokenCap) : uncapped
                guard record else {
                    return NameComparison(similarity: similarity, uncapped: uncapped, pairing: [], dropped: [], queryShare: [], listedShare: [])
                }
                let pairing = (0..<m).map { assignment[$0] }
                let dropped = (0..<n).map { droppedMask & (1 << UInt32($0)) != 0 }
                let queryShare = (0..<m).map { i in assignment[i] >= 0 ? queryWeights[i] * matrix[i * n + assignment[i]] / queryTotal : 0 }
                let listedShare = (0..<n).map { j in assignment[m + j] >= 0 ? listedWeight[j] * matrix[assignment[m + j] * n + j] / listedTotal : 0 }
                return NameComparison(similarity: similarity, uncapped: uncapped, pairing: pairing, dropped: dropped,
                                      queryShare: queryShare, listedShare: listedShare)
            }
        }
    }
}
