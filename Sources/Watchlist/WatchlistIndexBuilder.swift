import Foundation

/// Compiles persons and lost/stolen documents into the binary index ``WatchlistIndex`` loads (layout in
/// ``IndexFormat``).
///
/// Work: O(total name length) to transliterate and tokenise, O(V log V) to sort the V distinct tokens, O(N log N)
/// to order the N entries by birth date, and O(Σ token length²) for the deletion neighbourhoods (at most two
/// deletions per token). One core.
public struct WatchlistIndexBuilder: Sendable {
    private var persons: [WatchlistPerson] = []
    private var documents: [LostDocument] = []

    /// An empty builder.
    public init() {}

    /// Persons added so far.
    public var personCount: Int { persons.count }
    /// Documents added so far.
    public var documentCount: Int { documents.count }

    /// Adds listed persons (ids need not be unique across lists).
    public mutating func add(persons more: [WatchlistPerson]) { persons += more }

    /// Adds lost or stolen documents.
    public mutating func add(documents more: [LostDocument]) { documents += more }

    /// Writes the index to `path` (replaced atomically).
    public func write(to path: String) throws(WatchlistIndexError) {
        let bytes = build()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// One person's name forms with temporary token numbers.
    private struct TokenisedPerson {
        /// Form headers and token numbers, as in the blob.
        var words: [UInt32]
        var formCount: Int
        var hasSingleTokenForm: Bool
    }

    /// The index as bytes.
    public func build() -> [UInt8] {
        // 1. Tokenise every name form, interning tokens (temporary numbers in order of first sight).
        var temporaryNumber: [String: UInt32] = [:]
        var vocabulary: [String] = []
        var tokenised: [TokenisedPerson] = []
        tokenised.reserveCapacity(persons.count)
        for person in persons {
            var item = TokenisedPerson(words: [], formCount: 0, hasSingleTokenForm: false)
            var seen: [[String]] = []
            for (nameIndex, name) in person.names.prefix(IndexFormat.maximumNamesPerPerson).enumerated() {
                for form in NameNormalizer.listedForms(of: name) where !seen.contains(form.all) && seen.count < 255 {
                    seen.append(form.all)
                    item.words.append(IndexFormat.formHeader(surnameCount: form.surname.count, givenCount: form.givenNames.count,
                                                             nameIndex: nameIndex, transliteration: form.transliteration,
                                                             surnameJoined: form.surnameJoined, isSplit: form.isSplit))
                    for token in form.surname + form.givenNames {
                        if let number = temporaryNumber[token] {
                            item.words.append(number)
                        } else {
                            let number = UInt32(vocabulary.count)
                            temporaryNumber[token] = number
                            vocabulary.append(token)
                            item.words.append(number)
                        }
                    }
                    if form.surname.count + form.givenNames.count == 1 { item.hasSingleTokenForm = true }
                }
            }
            item.formCount = seen.count
            tokenised.append(item)
        }

        // 2. Sort the vocabulary bytewise (prefix search needs it) and renumber.
        let vocabularyBytes = vocabulary.map { Array($0.utf8) }
        let sortedTokens = vocabularyBytes.indices.sorted { vocabularyBytes[$0].lexicographicallyPrecedes(vocabularyBytes[$1]) }
        var finalNumber = [UInt32](repeating: 0, count: vocabulary.count)
        for (final, temporary) in sortedTokens.enumerated() { finalNumber[temporary] = UInt32(final) }

        // 3. Order entries by birth date, undated first, stable.
        let dateKeys = persons.map { $0.birthDate?.packed ?? 0 }
        let order = persons.indices.sorted { dateKeys[$0] != dateKeys[$1] ? dateKeys[$0] < dateKeys[$1] : $0 < $1 }

        // 4. Records, blob, ids, postings counts.
        var strings = StringTable()
        var records: [UInt32] = []
        records.reserveCapacity(4 * persons.count)
        var blob: [UInt32] = []
        var idOffsets: [UInt32] = [0]
        var idBytes: [UInt8] = []
        var postingCounts = [UInt32](repeating: 0, count: vocabulary.count)
        var entryTokens: [[UInt32]] = []
        entryTokens.reserveCapacity(persons.count)
        var singleToken = [UInt64](repeating: 0, count: (persons.count + 63) / 64)
        for (entry, p) in order.enumerated() {
            let person = persons[p], item = tokenised[p]
            let nationalities = Array(person.nationalities.prefix(255))
            records.append(dateKeys[p])
            records.append(UInt32(blob.count))
            records.append(IndexFormat.entryInfo(sex: person.sex, nationalityCount: nationalities.count, formCount: item.formCount))
            records.append(UInt32(strings.number(of: person.list)))
            for code in nationalities { blob.append(StateCode.packed(code)) }
            var distinct: [UInt32] = []
            var k = 0
            while k < item.words.count {
                let header = item.words[k]
                blob.append(header)
                let count = Int(header & 0xFF) + Int((header >> 8) & 0xFF)
                for t in 0..<count {
                    let number = finalNumber[Int(item.words[k + 1 + t])]
                    blob.append(number)
                    distinct.append(number)
                }
                k += 1 + count
            }
            distinct.sort()
            var unique: [UInt32] = []
            for t in distinct where unique.last != t { unique.append(t) }
            for t in unique { postingCounts[Int(t)] += 1 }
            entryTokens.append(unique)
            idBytes += Array(person.id.utf8)
            idOffsets.append(UInt32(idBytes.count))
            if item.hasSingleTokenForm { singleToken[entry >> 6] |= 1 << UInt64(entry & 63) }
        }

        // 5. Postings: entries are visited in order, so each token's list comes out ascending.
        var postingOffsets = [UInt32](repeating: 0, count: vocabulary.count + 1)
        for t in 0..<vocabulary.count { postingOffsets[t + 1] = postingOffsets[t] + postingCounts[t] }
        var postings = [UInt32](repeating: 0, count: Int(postingOffsets[vocabulary.count]))
        var cursor = Array(postingOffsets.dropLast())
        for (entry, tokens) in entryTokens.enumerated() {
            for t in tokens {
                postings[Int(cursor[Int(t)])] = UInt32(entry)
                cursor[Int(t)] += 1
            }
        }

        // 6. Vocabulary bytes and the deletion neighbourhoods.
        var vocabularyOffsets: [UInt32] = [0]
        var vocabularyData: [UInt8] = []
        var deletion: [(hash: UInt64, token: UInt32)] = []
        for (final, temporary) in sortedTokens.enumerated() {
            let bytes = vocabularyBytes[temporary]
            vocabularyData += bytes
            vocabularyOffsets.append(UInt32(vocabularyData.count))
            let hashes = bytes.withUnsafeBufferPointer {
                DeletionNeighbourhood.hashes(of: $0, depth: TokenSimilarity.deletionDepth(length: $0.count))
            }
            for h in hashes { deletion.append((h, UInt32(final))) }
        }
        var bucketCount = 1
        while bucketCount < deletion.count { bucketCount <<= 1 }
        var deletionBuckets = [UInt32](repeating: 0, count: bucketCount + 1)
        for d in deletion { deletionBuckets[Int(d.hash & UInt64(bucketCount - 1)) + 1] += 1 }
        for b in 0..<bucketCount { deletionBuckets[b + 1] += deletionBuckets[b] }
        var deletionEntries = [UInt64](repeating: 0, count: deletion.count)
        var bucketCursor = Array(deletionBuckets.dropLast())
        for d in deletion {
            let b = Int(d.hash & UInt64(bucketCount - 1))
            deletionEntries[Int(bucketCursor[b])] = (d.hash >> 32) << 32 | UInt64(d.token)
            bucketCursor[b] += 1
        }

        // 6b. Prefix variants: each token and its one-letter deletions, sorted by the resulting string.
        var variants: [(bytes: [UInt8], code: UInt32)] = []
        for (final, temporary) in sortedTokens.enumerated() {
            let bytes = vocabularyBytes[temporary]
            variants.append((bytes, UInt32(final) << 5))
            for k in bytes.indices {
                var shorter = bytes
                shorter.remove(at: k)
                variants.append((shorter, UInt32(final) << 5 | UInt32(k + 1)))
            }
        }
        variants.sort { $0.bytes != $1.bytes ? $0.bytes.lexicographicallyPrecedes($1.bytes) : $0.code < $1.code }
        let prefixVariants = variants.map(\.code)

        // 7. Birth years.
        let dated = order.map { dateKeys[$0] }.filter { $0 != 0 }
        let firstYear = dated.first.map { Int($0 >> 9) } ?? 0
        let lastYear = dated.last.map { Int($0 >> 9) } ?? -1
        let yearCount = max(0, lastYear - firstYear + 1)
        var yearStarts = [UInt32](repeating: UInt32(persons.count), count: yearCount + 1)
        var entry = 0
        for k in 0..<yearCount {
            let year = firstYear + k
            while entry < order.count, dateKeys[order[entry]] == 0 || Int(dateKeys[order[entry]] >> 9) < year { entry += 1 }
            yearStarts[k] = UInt32(entry)
        }
        if yearCount == 0 { yearStarts[0] = UInt32(persons.count) }

        // 8. Documents.
        let documentRecords = documentRecords(&strings)

        // 9. Serialise.
        var writer = SectionWriter()
        writer.add(vocabularyOffsets)
        writer.add(vocabularyData)
        writer.add(deletionBuckets)
        writer.add(deletionEntries)
        writer.add(postingOffsets)
        writer.add(postings)
        writer.add(records)
        writer.add(blob)
        writer.add(idOffsets)
        writer.add(idBytes)
        writer.add(yearStarts)
        writer.add(strings.offsets)
        writer.add(strings.bytes)
        writer.add(documentRecords)
        writer.add(singleToken)
        writer.add(prefixVariants)
        return writer.finish(header: [
            .entryCount: UInt32(persons.count), .vocabularyCount: UInt32(vocabulary.count), .bucketCount: UInt32(bucketCount),
            .documentCount: UInt32(documents.count), .firstYear: UInt32(firstYear), .yearCount: UInt32(yearCount),
            .stringCount: UInt32(strings.count),
        ])
    }

    /// Document records (``IndexFormat/documentRecordSize`` bytes each), sorted by state, folded number, number.
    private func documentRecords(_ strings: inout StringTable) -> [UInt8] {
        struct Keyed { var key: [UInt8]; var record: [UInt8] }
        var keyed: [Keyed] = []
        keyed.reserveCapacity(documents.count)
        for document in documents {
            let width = IndexFormat.documentNumberWidth
            let number = Array(document.documentNumber.utf8.prefix(width))
            var record = [UInt8](repeating: 0, count: IndexFormat.documentRecordSize)
            for (k, b) in document.issuingState.utf8.prefix(3).enumerated() { record[k] = b }
            for (k, b) in DocumentNumber.folded(number).enumerated() { record[4 + k] = b }
            for (k, b) in number.enumerated() { record[4 + width + k] = b }
            withUnsafeBytes(of: (document.reported?.packed ?? 0).littleEndian) { for k in 0..<4 { record[52 + k] = $0[k] } }
            let type = UInt16(truncatingIfNeeded: strings.number(of: document.documentType))
            withUnsafeBytes(of: type.littleEndian) { for k in 0..<2 { record[56 + k] = $0[k] } }
            keyed.append(Keyed(key: Array(record[0..<(4 + 2 * width)]), record: record))
        }
        keyed.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return keyed.flatMap(\.record)
    }
}

/// Deduplicated strings numbered in order of first sight.
struct StringTable {
    var offsets: [UInt32] = [0]
    var bytes: [UInt8] = []
    private var numbers: [String: Int] = [:]
    var count: Int { offsets.count - 1 }

    mutating func number(of string: String) -> Int {
        if let n = numbers[string] { return n }
        let n = count
        numbers[string] = n
        bytes += Array(string.utf8)
        offsets.append(UInt32(bytes.count))
        return n
    }
}

/// Lays sections out 16-byte aligned after the header and the section table; the file ends with the last section.
struct SectionWriter {
    private var sections: [[UInt8]] = []

    mutating func add<T: FixedWidthInteger>(_ values: [T]) {
        sections.append(values.withUnsafeBytes { Array($0) })
    }

    func finish(header fields: [IndexFormat.Field: UInt32]) -> [UInt8] {
        func aligned(_ n: Int) -> Int { (n + 15) & ~15 }
        var out = [UInt8](repeating: 0, count: aligned(IndexFormat.headerSize + 16 * sections.count))
        func put32(_ value: UInt32, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { for k in 0..<4 { out[offset + k] = $0[k] } }
        }
        func put64(_ value: UInt64, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { for k in 0..<8 { out[offset + k] = $0[k] } }
        }
        for (k, b) in IndexFormat.magic.enumerated() { out[k] = b }
        put32(IndexFormat.version, at: IndexFormat.Field.version.rawValue)
        put32(UInt32(sections.count), at: IndexFormat.Field.sectionCount.rawValue)
        put32(IndexFormat.byteOrderMark, at: IndexFormat.Field.byteOrderMark.rawValue)
        for (field, value) in fields { put32(value, at: field.rawValue) }
        for (s, bytes) in sections.enumerated() {
            out += [UInt8](repeating: 0, count: aligned(out.count) - out.count)
            put64(UInt64(out.count), at: IndexFormat.headerSize + 16 * s)
            put64(UInt64(bytes.count), at: IndexFormat.headerSize + 16 * s + 8)
            out += bytes
        }
        return out
    }
}

/// The strings reachable from a token by deleting up to `depth` letters (the token itself included), hashed.
///
/// Two tokens within `k` optimal-string-alignment edits share such a string when both sides search `k`
/// deletions deep (each insertion, deletion, substitution or adjacent transposition costs at most one deletion on
/// each side), so looking up the query's deletion strings finds every listed token within the edit budget.
enum DeletionNeighbourhood {
    /// Distinct hashes of the deletion strings of `token`. O(nᵈ⁺¹) for depth d ≤ 2.
    static func hashes(of token: UnsafeBufferPointer<UInt8>, depth: Int) -> [UInt64] {
        let n = token.count
        var out: [UInt64] = [IndexFormat.hash(token)]
        guard depth > 0, n > 1 else { return out }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { scratch in
            for i in 0..<n {
                var k = 0
                for p in 0..<n where p != i { scratch[k] = token[p]; k += 1 }
                out.append(IndexFormat.hash(UnsafeBufferPointer(rebasing: scratch[0..<(n - 1)])))
                guard depth > 1, n > 2 else { continue }
                for j in (i + 1)..<n {
                    var k2 = 0
                    for p in 0..<n where p != i && p != j { scratch[k2] = token[p]; k2 += 1 }
                    out.append(IndexFormat.hash(UnsafeBufferPointer(rebasing: scratch[0..<(n - 2)])))
                }
            }
        }
        out.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(out.count)
        for h in out where unique.last != h { unique.append(h) }
        return unique
    }
}
