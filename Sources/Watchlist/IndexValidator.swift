/// Checks an index file section by section before any query reads it, so that a truncated, corrupt or foreign
/// file is an error and never an out-of-bounds read. O(file size), one sequential pass per section.
enum IndexValidator {
    static func validate(_ raw: UnsafeRawBufferPointer) throws(WatchlistIndexError) -> IndexLayout {
        let size = raw.count
        guard size >= IndexFormat.headerSize else { throw .notAnIndex(reason: "\(size) bytes, shorter than the header") }
        guard raw[0..<8].elementsEqual(IndexFormat.magic) else { throw .notAnIndex(reason: "no DSWLIDX1 signature") }
        func word(_ offset: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        func field(_ f: IndexFormat.Field) -> Int { Int(word(f.rawValue)) }
        guard word(IndexFormat.Field.byteOrderMark.rawValue) == IndexFormat.byteOrderMark else {
            throw .notAnIndex(reason: "written with another byte order")
        }
        let version = word(IndexFormat.Field.version.rawValue)
        guard version == IndexFormat.version else { throw .unsupportedVersion(found: version, expected: IndexFormat.version) }
        let sectionCount = field(.sectionCount)
        guard sectionCount == IndexFormat.Section.allCases.count else {
            throw .inconsistent(section: "header", detail: "\(sectionCount) sections, expected \(IndexFormat.Section.allCases.count)")
        }
        let tableEnd = IndexFormat.headerSize + 16 * sectionCount
        guard tableEnd <= size else { throw .truncated(section: "section table", end: tableEnd, fileSize: size) }
        var sections: [Range<Int>] = []
        for section in IndexFormat.Section.allCases {
            let at = IndexFormat.headerSize + 16 * section.rawValue
            let offset = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            let length = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            guard offset <= UInt64(size), length <= UInt64(size) - offset else {
                throw .truncated(section: "\(section)", end: Int(clamping: offset &+ length), fileSize: size)
            }
            guard offset % 16 == 0, offset >= UInt64(tableEnd) else {
                throw .inconsistent(section: "\(section)", detail: "misplaced at byte \(offset)")
            }
            sections.append(Int(offset)..<Int(offset + length))
        }
        let layout = IndexLayout(
            sections: sections, entryCount: field(.entryCount), vocabularyCount: field(.vocabularyCount),
            bucketCount: field(.bucketCount), documentCount: field(.documentCount), firstYear: field(.firstYear),
            yearCount: field(.yearCount), stringCount: field(.stringCount))
        for section in IndexFormat.Section.allCases {
            let element: Int = switch section {
            case .vocabularyBytes, .idBytes, .stringBytes, .documents: 1
            case .deletionEntries, .singleTokenEntries: 8
            default: 4
            }
            guard sections[section.rawValue].count % element == 0 else {
                throw .inconsistent(section: "\(section)", detail: "length not a multiple of \(element)")
            }
        }
        try validateSections(IndexView(raw, layout: layout))
        return layout
    }

    /// −1, 0, 1 as the string of variant `a` sorts before, equal to or after that of `b`.
    private static func variantOrder(_ a: UInt32, _ b: UInt32, _ v: IndexView) -> Int {
        let ta = v.token(a >> 5), tb = v.token(b >> 5)
        let sa = Int(a & 31) - 1, sb = Int(b & 31) - 1
        var i = 0, j = 0
        while true {
            if i == sa { i += 1 }
            if j == sb { j += 1 }
            let aEnded = i >= ta.count, bEnded = j >= tb.count
            if aEnded || bEnded { return aEnded && bEnded ? 0 : (aEnded ? -1 : 1) }
            if ta[i] != tb[j] { return ta[i] < tb[j] ? -1 : 1 }
            i += 1
            j += 1
        }
    }

    private static func validateSections(_ v: IndexView) throws(WatchlistIndexError) {
        let n = v.layout.entryCount, vocabulary = v.layout.vocabularyCount, strings = v.layout.stringCount
        func offsets(_ list: UnsafeBufferPointer<UInt32>, count: Int, total: Int, _ name: String) throws(WatchlistIndexError) {
            guard list.count == count + 1, list[0] == 0, Int(list[count]) == total else {
                throw .inconsistent(section: name, detail: "\(list.count) offsets for \(count) items")
            }
            for k in 0..<count where list[k] > list[k + 1] { throw .inconsistent(section: name, detail: "offset \(k) decreases") }
        }
        // Vocabulary: sorted, A-Z, 1...24 letters.
        try offsets(v.vocabularyOffsets, count: vocabulary, total: v.vocabularyBytes.count, "vocabularyOffsets")
        for t in 0..<vocabulary {
            let token = v.token(UInt32(t))
            guard (1...NameNormalizer.maximumTokenLength).contains(token.count), token.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
                throw .inconsistent(section: "vocabularyBytes", detail: "token \(t) is not 1-\(NameNormalizer.maximumTokenLength) letters A-Z")
            }
            if t > 0, !v.token(UInt32(t - 1)).lexicographicallyPrecedes(token) {
                throw .inconsistent(section: "vocabularyBytes", detail: "token \(t) out of order")
            }
        }
        // Deletion table.
        let buckets = v.layout.bucketCount
        guard buckets > 0, buckets & (buckets - 1) == 0 else {
            throw .inconsistent(section: "deletionBuckets", detail: "\(buckets) buckets, not a power of two")
        }
        try offsets(v.deletionBuckets, count: buckets, total: v.deletionEntries.count, "deletionBuckets")
        for entry in v.deletionEntries where Int(UInt32(truncatingIfNeeded: entry)) >= vocabulary {
            throw .inconsistent(section: "deletionEntries", detail: "token number out of range")
        }
        // Postings: ascending entry numbers below N.
        try offsets(v.postingOffsets, count: vocabulary, total: v.postings.count, "postingOffsets")
        for t in 0..<vocabulary {
            let list = v.postings(of: UInt32(t))
            for k in 0..<list.count where Int(list[k]) >= n || (k > 0 && list[k - 1] >= list[k]) {
                throw .inconsistent(section: "postings", detail: "list of token \(t) not ascending below \(n)")
            }
        }
        // Entries: date order, contiguous blob, token numbers in range.
        guard v.entryRecords.count == 4 * n else { throw .inconsistent(section: "entryRecords", detail: "\(v.entryRecords.count / 4) records for \(n) entries") }
        var cursor = 0
        var previousDate: UInt32 = 0
        for e in 0..<n {
            let date = v.entryRecords[4 * e], start = Int(v.entryRecords[4 * e + 1]), info = v.entryRecords[4 * e + 2]
            guard date >= previousDate, date == 0 || PartialDate(packed: date) != nil else {
                throw .inconsistent(section: "entryRecords", detail: "entry \(e): birth date invalid or out of order")
            }
            previousDate = date
            guard start == cursor, info & 0xFF <= 3, Int(v.entryRecords[4 * e + 3]) < strings, info >> 24 == 0 else {
                throw .inconsistent(section: "entryRecords", detail: "entry \(e): fields out of range")
            }
            cursor += Int((info >> 8) & 0xFF)
            let forms = Int((info >> 16) & 0xFF)
            guard forms > 0 else { throw .inconsistent(section: "entryRecords", detail: "entry \(e) has no name") }
            for _ in 0..<forms {
                guard cursor < v.entryBlob.count else { throw .inconsistent(section: "entryBlob", detail: "entry \(e) runs past the end") }
                let header = v.entryBlob[cursor]
                let count = Int(header & 0xFF) + Int((header >> 8) & 0xFF)
                guard (1...NameNormalizer.maximumTokens).contains(count), cursor + 1 + count <= v.entryBlob.count else {
                    throw .inconsistent(section: "entryBlob", detail: "entry \(e): bad name form")
                }
                for k in (cursor + 1)..<(cursor + 1 + count) where Int(v.entryBlob[k]) >= vocabulary {
                    throw .inconsistent(section: "entryBlob", detail: "entry \(e): token number out of range")
                }
                cursor += 1 + count
            }
        }
        guard cursor == v.entryBlob.count else { throw .inconsistent(section: "entryBlob", detail: "\(v.entryBlob.count - cursor) stray words") }
        try offsets(v.idOffsets, count: n, total: v.idBytes.count, "idOffsets")
        try offsets(v.stringOffsets, count: strings, total: v.stringBytes.count, "stringOffsets")
        // Birth years: the starts must agree with the dates.
        let years = v.layout.yearCount
        // A packed birth date holds its year in the 23 bits above month and day.
        guard v.layout.firstYear + years < 1 << 23 else {
            throw .inconsistent(section: "header", detail: "birth years \(v.layout.firstYear) + \(years) beyond a packed date's range")
        }
        guard v.yearStarts.count == years + 1, Int(v.yearStarts[years]) == n else {
            throw .inconsistent(section: "yearStarts", detail: "\(v.yearStarts.count) starts for \(years) years")
        }
        for k in 0...years {
            let start = Int(v.yearStarts[k])
            let year = v.layout.firstYear + k
            guard start <= n, k == 0 || v.yearStarts[k - 1] <= v.yearStarts[k] else {
                throw .inconsistent(section: "yearStarts", detail: "start \(k) out of order")
            }
            let before = start > 0 ? v.entryRecords[4 * (start - 1)] : 0
            let at = start < n ? v.entryRecords[4 * start] : UInt32.max
            let yearStart = UInt32(year << 9)
            let agrees = k == 0 ? (before == 0 && (at == .max || at != 0)) && (years == 0 || at == .max || at >= yearStart)
                                : (before < yearStart && (at == .max || at >= yearStart))
            guard agrees else { throw .inconsistent(section: "yearStarts", detail: "start of \(year) disagrees with the dates") }
        }
        // Documents.
        let size = IndexFormat.documentRecordSize
        guard v.documents.count == v.layout.documentCount * size else {
            throw .inconsistent(section: "documents", detail: "\(v.documents.count) bytes for \(v.layout.documentCount) records")
        }
        for r in 0..<v.layout.documentCount {
            let type = Int(v.documents[r * size + 56]) | Int(v.documents[r * size + 57]) << 8
            guard type < strings else { throw .inconsistent(section: "documents", detail: "record \(r): type out of range") }
        }
        guard v.singleTokenEntries.count == (n + 63) / 64 else {
            throw .inconsistent(section: "singleTokenEntries", detail: "\(v.singleTokenEntries.count) words for \(n) entries")
        }
        // Prefix variants: valid tokens and deletion positions, in order.
        var previous: UInt32?
        for code in v.prefixVariants {
            let token = Int(code >> 5)
            guard token < vocabulary, Int(code & 31) <= v.tokenLength(UInt32(token)) else {
                throw .inconsistent(section: "prefixVariants", detail: "variant of token \(token) out of range")
            }
            if let previous, variantOrder(previous, code, v) > 0 {
                throw .inconsistent(section: "prefixVariants", detail: "variant of token \(token) out of order")
            }
            previous = code
        }
    }
}
