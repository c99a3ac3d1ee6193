/// The binary layout of a compiled watchlist (`docscreen watchlist build`), read in place from a memory map.
///
/// Little-endian throughout. A 64-byte header, then a table of sections (offset and length in bytes, each
/// section 16-byte aligned), then the sections:
///
/// | section | element | content |
/// |---|---|---|
/// | vocabularyOffsets | UInt32 × (V+1) | start of each distinct name token in `vocabularyBytes`; tokens sorted bytewise |
/// | vocabularyBytes | UInt8 | the tokens, `A`-`Z` |
/// | deletionBuckets | UInt32 × (B+1) | start of each hash bucket in `deletionEntries` (B a power of two) |
/// | deletionEntries | UInt64 | `fingerprint << 32 | token`: every string reachable from a token by deleting up to ``TokenSimilarity/deletionDepth(length:)`` letters |
/// | postingOffsets | UInt32 × (V+1) | start of each token's entries in `postings` |
/// | postings | UInt32 | entry numbers, ascending per token |
/// | entryRecords | 4 × UInt32 per entry | packed birth date, start in `entryBlob`, sex / nationality count / form count, list |
/// | entryBlob | UInt32 | per entry: packed nationalities, then each name form: header (``formHeader(surnameCount:givenCount:nameIndex:transliteration:surnameJoined:isSplit:)``) and token numbers |
/// | idOffsets, idBytes | UInt32 × (N+1), UInt8 | the list's ids |
/// | yearStarts | UInt32 × (years+1) | first entry born in each year from `firstYear`; entries are sorted by birth date, undated first |
/// | stringOffsets, stringBytes | UInt32 × (S+1), UInt8 | list names and document types |
/// | documents | 64 bytes each | lost/stolen documents sorted by state and look-alike-folded number |
/// | singleTokenEntries | UInt64 bitset | entries with a one-token name form |
/// | prefixVariants | UInt32 | `token << 5 | k`: each token (k = 0) and each token with letter k − 1 deleted, sorted by the resulting string (prefix search for cut tokens with an edit) |
enum IndexFormat {
    /// `DSWLIDX1`.
    static let magic: [UInt8] = Array("DSWLIDX1".utf8)
    /// Layout version this code reads and writes.
    static let version: UInt32 = 1
    /// Written as a UInt32 to detect a byte-order mismatch.
    static let byteOrderMark: UInt32 = 0x0102_0304
    /// Bytes before the section table.
    static let headerSize = 64
    /// Bytes per document record.
    static let documentRecordSize = 64
    /// Letters kept of a document number in a record.
    static let documentNumberWidth = 24
    /// Names (primary and aliases) kept per person.
    static let maximumNamesPerPerson = 64

    /// The sections, in file order.
    enum Section: Int, CaseIterable {
        case vocabularyOffsets, vocabularyBytes, deletionBuckets, deletionEntries, postingOffsets, postings
        case entryRecords, entryBlob, idOffsets, idBytes, yearStarts, stringOffsets, stringBytes, documents
        case singleTokenEntries, prefixVariants
    }

    /// Header fields after the magic (each a UInt32 at the given byte offset).
    enum Field: Int {
        case version = 8, sectionCount = 12, entryCount = 16, vocabularyCount = 20, bucketCount = 24
        case documentCount = 28, firstYear = 32, yearCount = 36, stringCount = 40, byteOrderMark = 44
    }

    /// Packs the third word of an entry record.
    @inline(__always)
    static func entryInfo(sex: Sex?, nationalityCount: Int, formCount: Int) -> UInt32 {
        let sexCode: UInt32 = switch sex { case nil: 0; case .male: 1; case .female: 2; case .unspecified: 3 }
        return sexCode | UInt32(nationalityCount) << 8 | UInt32(formCount) << 16
    }

    /// Packs a name form's header word in the entry blob: surname count (bits 0-7), given-name count (8-15), name
    /// index (16-23: 0 primary, k alias k), transliteration (24-27), split (28), surname joined (29).
    @inline(__always)
    static func formHeader(surnameCount: Int, givenCount: Int, nameIndex: Int, transliteration: Int, surnameJoined: Bool, isSplit: Bool) -> UInt32 {
        UInt32(surnameCount) | UInt32(givenCount) << 8 | UInt32(nameIndex) << 16 | UInt32(transliteration & 15) << 24
            | (isSplit ? 1 << 28 : 0) | (surnameJoined ? 1 << 29 : 0)
    }

    /// 64-bit hash of a token or deletion variant (FNV-1a, then a SplitMix64 finaliser).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}

/// Typed views of the sections of a validated index, valid while the storage is held (inside one
/// `withUnsafeBytes`). Hot code reads the index only through this.
struct IndexView {
    let vocabularyOffsets: UnsafeBufferPointer<UInt32>
    let vocabularyBytes: UnsafeBufferPointer<UInt8>
    let deletionBuckets: UnsafeBufferPointer<UInt32>
    let deletionEntries: UnsafeBufferPointer<UInt64>
    let postingOffsets: UnsafeBufferPointer<UInt32>
    let postings: UnsafeBufferPointer<UInt32>
    let entryRecords: UnsafeBufferPointer<UInt32>
    let entryBlob: UnsafeBufferPointer<UInt32>
    let idOffsets: UnsafeBufferPointer<UInt32>
    let idBytes: UnsafeBufferPointer<UInt8>
    let yearStarts: UnsafeBufferPointer<UInt32>
    let stringOffsets: UnsafeBufferPointer<UInt32>
    let stringBytes: UnsafeBufferPointer<UInt8>
    let documents: UnsafeBufferPointer<UInt8>
    let singleTokenEntries: UnsafeBufferPointer<UInt64>
    let prefixVariants: UnsafeBufferPointer<UInt32>
    let layout: IndexLayout

    init(_ raw: UnsafeRawBufferPointer, layout: IndexLayout) {
        self.layout = layout
        func typed<T>(_ section: IndexFormat.Section, _: T.Type) -> UnsafeBufferPointer<T> {
            let range = layout.sections[section.rawValue]
            guard range.count > 0, let base = raw.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: (base + range.lowerBound).assumingMemoryBound(to: T.self),
                                       count: range.count / MemoryLayout<T>.stride)
        }
        vocabularyOffsets = typed(.vocabularyOffsets, UInt32.self)
        vocabularyBytes = typed(.vocabularyBytes, UInt8.self)
        deletionBuckets = typed(.deletionBuckets, UInt32.self)
        deletionEntries = typed(.deletionEntries, UInt64.self)
        postingOffsets = typed(.postingOffsets, UInt32.self)
        postings = typed(.postings, UInt32.self)
        entryRecords = typed(.entryRecords, UInt32.self)
        entryBlob = typed(.entryBlob, UInt32.self)
        idOffsets = typed(.idOffsets, UInt32.self)
        idBytes = typed(.idBytes, UInt8.self)
        yearStarts = typed(.yearStarts, UInt32.self)
        stringOffsets = typed(.stringOffsets, UInt32.self)
        stringBytes = typed(.stringBytes, UInt8.self)
        documents = typed(.documents, UInt8.self)
        singleTokenEntries = typed(.singleTokenEntries, UInt64.self)
        prefixVariants = typed(.prefixVariants, UInt32.self)
    }

    /// Number of listed persons.
    var entryCount: Int { layout.entryCount }

    /// The bytes of vocabulary token `id`.
    @inline(__always)
    func token(_ id: UInt32) -> UnsafeBufferPointer<UInt8> {
        let start = Int(vocabularyOffsets[Int(id)]), end = Int(vocabularyOffsets[Int(id) + 1])
        return UnsafeBufferPointer(rebasing: vocabularyBytes[start..<end])
    }

    /// Length of vocabulary token `id`.
    @inline(__always)
    func tokenLength(_ id: UInt32) -> Int { Int(vocabularyOffsets[Int(id) + 1] &- vocabularyOffsets[Int(id)]) }

    /// The entries listing vocabulary token `id`, ascending.
    @inline(__always)
    func postings(of id: UInt32) -> UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(rebasing: postings[Int(postingOffsets[Int(id)])..<Int(postingOffsets[Int(id) + 1])])
    }

    /// Entry `e`'s id as the list gives it.
    func id(of e: Int) -> String {
        String(decoding: idBytes[Int(idOffsets[e])..<Int(idOffsets[e + 1])], as: UTF8.self)
    }

    /// String `s` of the string table (list names, document types).
    func string(_ s: Int) -> String {
        String(decoding: stringBytes[Int(stringOffsets[s])..<Int(stringOffsets[s + 1])], as: UTF8.self)
    }

    /// Packed birth date of entry `e` (0 when unknown).
    @inline(__always)
    func packedBirthDate(_ e: Int) -> UInt32 { entryRecords[4 * e] }

    /// Entries `[lower, upper)` born in years `from...through`.
    func entryRange(years from: Int, through: Int) -> Range<Int> {
        let first = layout.firstYear, count = layout.yearCount
        func start(_ year: Int) -> Int {
            if year < first { return Int(yearStarts[0]) }
            if year >= first + count { return entryCount }
            return Int(yearStarts[year - first])
        }
        let lower = start(from), upper = start(through + 1)
        return lower..<max(lower, upper)
    }

    /// Entries without a birth date.
    var undatedEntries: Range<Int> { 0..<(yearStarts.isEmpty ? entryCount : Int(yearStarts[0])) }

    /// Compares prefix variant `code` (``IndexFormat/Section/prefixVariants``) with `key`: `-1`, `0` or `1` as the
    /// variant sorts before, equal to or after it; with `prefixOnly`, `0` when `key` is a prefix of the variant.
    @inline(__always)
    func compareVariant(_ code: UInt32, _ key: UnsafeBufferPointer<UInt8>, prefixOnly: Bool) -> Int {
        let token = self.token(code >> 5)
        let skip = Int(code & 31) - 1
        var i = 0, k = 0
        while true {
            if i == skip { i += 1 }
            let variantEnded = i >= token.count, keyEnded = k >= key.count
            if keyEnded { return variantEnded || prefixOnly ? 0 : 1 }
            if variantEnded { return -1 }
            if token[i] != key[k] { return token[i] < key[k] ? -1 : 1 }
            i += 1
            k += 1
        }
    }

    /// Whether entry `e` has a one-token name form.
    @inline(__always)
    func hasSingleTokenForm(_ e: Int) -> Bool { singleTokenEntries[e >> 6] & (1 << UInt64(e & 63)) != 0 }
}

/// Where the sections are and what the header says; made by validation.
struct IndexLayout: Sendable {
    /// Byte range of each section, by ``IndexFormat/Section`` raw value.
    var sections: [Range<Int>]
    var entryCount: Int
    var vocabularyCount: Int
    var bucketCount: Int
    var documentCount: Int
    var firstYear: Int
    var yearCount: Int
    var stringCount: Int
}
