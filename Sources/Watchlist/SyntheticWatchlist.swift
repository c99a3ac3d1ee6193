import Foundation
import MRZText

/// A generated person query with the list entry it was made from (`nil` for a person not on the list).
public struct SyntheticPersonQuery: Sendable, Hashable {
    /// The query as an MRZ would give it.
    public var query: PersonQuery
    /// The id of the listed person it was derived from, or `nil` for a true non-match.
    public var truth: String?
    /// The damage applied (`none`, `transliteration`, `typo`, `transposition`, `swap`, `drop_middle`, `truncate`,
    /// `ocr`, `day_month_swap`).
    public var operations: [String]
}

/// A generated document query with the listed document it was made from.
public struct SyntheticDocumentQuery: Sendable, Hashable {
    /// The query.
    public var query: DocumentQuery
    /// `STATE:NUMBER` of the listed document, or `nil` for a document not on the list.
    public var truth: String?
    /// `none` or `ocr`.
    public var operations: [String]
}

/// Reproducible synthetic watchlists and queries with known truth, for tests and benchmarks.
///
/// Persons mix 18 origins (Vietnamese with every tone mark and `Đ`, German, Nordic, Polish, Czech, Spanish with double
/// surnames, Portuguese, Italian, French, Dutch particles, Turkish, Romanian, Russian and Ukrainian in Cyrillic with
/// Latin aliases, Arabic, Chinese, Indonesian one-word names, Filipino, English); 10 % have only a birth year, 2 % no
/// birth date, some have aliases. Queries are MRZ renderings of listed persons with realistic damage — an
/// alternative transliteration, a typo, a transposition, swapped name order, a dropped middle name, MRZ truncation,
/// OCR look-alikes — or of new persons from the same mix (true non-matches). The same seed gives the same data.
public enum SyntheticWatchlist {
    /// `count` listed persons with ids `S0000000`, .... O(count).
    public static func persons(count: Int, seed: UInt64) -> [WatchlistPerson] {
        var random = SyntheticRandom(seed: seed)
        return (0..<count).map { makePerson(id: "S" + padded($0, 7), random: &random) }
    }

    /// `count` person queries over `persons`: about `matchShare` derived from listed persons, the rest new persons
    /// whose name and birth date are on no list entry. O(count + persons).
    public static func personQueries(count: Int, from persons: [WatchlistPerson], seed: UInt64, matchShare: Double = 0.5) -> [SyntheticPersonQuery] {
        var random = SyntheticRandom(seed: seed ^ 0x5157_4A4C)
        var listed = Set<String>()
        for p in persons { for n in p.names { listed.insert(identity(n, p.birthDate)) } }
        var out: [SyntheticPersonQuery] = []
        out.reserveCapacity(count)
        var fresh = 0
        while out.count < count {
            if !persons.isEmpty, random.unit() < matchShare {
                let person = persons[random.below(persons.count)]
                out.append(damagedQuery(for: person, truth: person.id, random: &random))
            } else {
                fresh += 1
                let person = makePerson(id: "N" + padded(fresh, 7), random: &random)
                guard !person.names.contains(where: { listed.contains(identity($0, person.birthDate)) }) else { continue }
                out.append(damagedQuery(for: person, truth: nil, random: &random))
            }
        }
        return out
    }

    /// `count` lost or stolen documents. O(count).
    public static func documents(count: Int, seed: UInt64) -> [LostDocument] {
        var random = SyntheticRandom(seed: seed ^ 0x444F_4353)
        return (0..<count).map { _ in makeDocument(random: &random) }
    }

    /// `count` document queries: half listed numbers (a third of those with OCR look-alike damage), half unlisted.
    public static func documentQueries(count: Int, from documents: [LostDocument], seed: UInt64) -> [SyntheticDocumentQuery] {
        var random = SyntheticRandom(seed: seed ^ 0x4451_5259)
        let listedFolded = Set(documents.map(foldedKey))
        var out: [SyntheticDocumentQuery] = []
        while out.count < count {
            if !documents.isEmpty, random.unit() < 0.5 {
                let d = documents[random.below(documents.count)]
                var number = Array(d.documentNumber.utf8)
                var operations = ["none"]
                if random.unit() < 0.33 {
                    let swappable = number.indices.filter { lookAlike(of: number[$0]) != nil }
                    if !swappable.isEmpty {
                        let k = swappable[random.below(swappable.count)]
                        number[k] = lookAlike(of: number[k]) ?? number[k]
                        operations = ["ocr"]
                    }
                }
                out.append(SyntheticDocumentQuery(query: DocumentQuery(issuingState: d.issuingState, documentNumber: String(decoding: number, as: UTF8.self)),
                                                  truth: "\(d.issuingState):\(d.documentNumber)", operations: operations))
            } else {
                let d = makeDocument(random: &random)
                guard !listedFolded.contains(foldedKey(d)) else { continue }
                out.append(SyntheticDocumentQuery(query: DocumentQuery(issuingState: d.issuingState, documentNumber: d.documentNumber),
                                                  truth: nil, operations: []))
            }
        }
        return out
    }

    // MARK: Writers

    /// The persons as a person CSV (``PersonListCSV``): one row per name, aliases as rows repeating the id.
    public static func personCSV(_ persons: [WatchlistPerson]) -> String {
        var out = PersonListCSV.header.joined(separator: ",") + "\n"
        for p in persons {
            for (k, name) in p.names.enumerated() {
                let surname = name.isSplit ? name.surname : "", given = name.givenNames
                let fields = [p.id, surname, given, k == 0 ? p.birthDate?.description ?? "" : "",
                              k == 0 ? p.nationalities.first ?? "" : "", k == 0 ? p.sex?.rawValue ?? "" : "", p.list]
                out += fields.map(csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The persons as an OpenSanctions FollowTheMoney JSON Lines export (``FollowTheMoneyJSON``).
    public static func followTheMoney(_ persons: [WatchlistPerson]) -> String {
        let alpha2 = Dictionary(CountryCodes.mrzCode.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        var out = ""
        for p in persons {
            var properties: [String: [String]] = [:]
            if let primary = p.names.first {
                properties["firstName"] = primary.isSplit && !primary.givenNames.isEmpty ? [primary.givenNames] : nil
                properties["lastName"] = primary.isSplit && !primary.surname.isEmpty ? [primary.surname] : nil
                properties["name"] = [[primary.givenNames, primary.surname].filter { !$0.isEmpty }.joined(separator: " ")]
            }
            let aliases = p.names.dropFirst().map { [$0.givenNames, $0.surname].filter { !$0.isEmpty }.joined(separator: " ") }
            if !aliases.isEmpty { properties["alias"] = aliases }
            if let date = p.birthDate { properties["birthDate"] = [date.description] }
            let codes = p.nationalities.compactMap { alpha2[$0] }
            if !codes.isEmpty { properties["nationality"] = codes }
            if let sex = p.sex { properties["gender"] = [sex == .male ? "male" : sex == .female ? "female" : "other"] }
            let entity: [String: Any] = ["id": p.id, "schema": "Person", "properties": properties, "datasets": [p.list]]
            if let data = try? JSONSerialization.data(withJSONObject: entity, options: [.sortedKeys, .withoutEscapingSlashes]) {
                out += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return out
    }

    /// The documents as a document CSV (``DocumentListCSV``).
    public static func documentCSV(_ documents: [LostDocument]) -> String {
        var out = DocumentListCSV.header.joined(separator: ",") + "\n"
        for d in documents {
            out += [d.issuingState, d.documentNumber, d.documentType, d.reported?.description ?? ""].map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Person queries as JSON Lines for `docscreen watchlist query`, with `truth` and `ops` added.
    public static func queryLines(_ queries: [SyntheticPersonQuery]) -> String {
        var out = ""
        for q in queries {
            var object: [String: Any] = ["surname": q.query.surname, "givenNames": q.query.givenNames,
                                         "birthDate": q.query.birthDate?.description ?? "", "nationality": q.query.nationality ?? "",
                                         "sex": q.query.sex?.rawValue ?? "", "ops": q.operations]
            object["truth"] = q.truth ?? NSNull()
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                out += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return out
    }

    /// Document queries as JSON Lines, with `truth` and `ops` added.
    public static func documentQueryLines(_ queries: [SyntheticDocumentQuery]) -> String {
        var out = ""
        for q in queries {
            let object: [String: Any] = ["issuingState": q.query.issuingState, "documentNumber": q.query.documentNumber,
                                         "truth": q.truth ?? NSNull(), "ops": q.operations]
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                out += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return out
    }

    // MARK: Persons

    private static let totalWeight = SyntheticNamePools.origins.reduce(0) { $0 + $1.weight }
    private static let lists = ["wanted", "sanctions", "persons-of-interest"]

    private static func makePerson(id: String, random: inout SyntheticRandom) -> WatchlistPerson {
        var pick = random.below(totalWeight)
        var origin = SyntheticNamePools.origins[0]
        for o in SyntheticNamePools.origins {
            if pick < o.weight { origin = o; break }
            pick -= o.weight
        }
        let female = random.unit() < 0.5
        let name = makeName(origin, female: female, random: &random)
        var names = [name]
        if origin.latinAlias, random.unit() < 0.6 {
            names.append(PersonName(surname: SyntheticNamePools.latinSpelling(ofCyrillic: name.surname),
                                    givenNames: SyntheticNamePools.latinSpelling(ofCyrillic: name.givenNames)))
        }
        if random.unit() < 0.06 {
            // A second identity: another surname (a maiden or assumed name) with the same given names.
            let other = makeName(origin, female: female, random: &random)
            names.append(PersonName(surname: other.surname, givenNames: name.givenNames))
        }
        let year = 1940 + random.below(71)
        var birthDate: PartialDate?
        let precision = random.below(100)
        if precision < 88 {
            let month = 1 + random.below(12)
            birthDate = PartialDate(year: year, month: month, day: 1 + random.below(PartialDate.daysIn(month: month, year: year)))
        } else if precision < 98 {
            birthDate = PartialDate(year: year)
        }
        return WatchlistPerson(id: id, names: names, birthDate: birthDate,
                               nationalities: [origin.nationalities[random.below(origin.nationalities.count)]],
                               sex: female ? .female : .male, list: lists[random.below(lists.count)])
    }

    private static func makeName(_ origin: SyntheticNamePools.Origin, female: Bool, random: inout SyntheticRandom) -> PersonName {
        func gendered(_ text: String) -> String {
            let forms = text.split(separator: "|")
            return String(female && forms.count > 1 ? forms[1] : forms[0])
        }
        func surname() -> String {
            if !origin.surnameStems.isEmpty, random.unit() < 0.5 {
                let stem = origin.surnameStems[random.below(origin.surnameStems.count)]
                let ending = gendered(origin.surnameEndings[random.below(origin.surnameEndings.count)])
                return stem + ending
            }
            return gendered(origin.surnames[random.below(origin.surnames.count)])
        }
        var family = surname()
        if random.below(100) < origin.secondSurname { family += " " + surname() }
        if random.below(100) < origin.mononym { return PersonName(surname: family, givenNames: "") }
        let pool = female ? origin.female : origin.male
        var given = pool[random.below(pool.count)]
        let middles = female ? origin.femaleMiddle : origin.maleMiddle
        if !middles.isEmpty {
            var parts = [middles[random.below(middles.count)]]
            if random.unit() < 0.2 { parts.append(pool[random.below(pool.count)]) }
            given = (parts + [given]).joined(separator: " ")
        } else if random.below(100) < origin.secondGiven {
            let second = pool[random.below(pool.count)]
            given = origin.nationalities.contains("CHN") ? given + second.lowercased() : given + " " + second
        }
        return PersonName(surname: family, givenNames: given)
    }

    /// How two names with the same birth date are told apart when making non-matches.
    private static func identity(_ name: PersonName, _ date: PartialDate?) -> String {
        "\(name.surname)|\(name.givenNames)|\(date?.year ?? 0)"
    }

    // MARK: Damage

    private static let operationPool = ["transliteration", "typo", "transposition", "swap", "drop_middle", "truncate", "ocr"]

    private static func damagedQuery(for person: WatchlistPerson, truth: String?, random: inout SyntheticRandom) -> SyntheticPersonQuery {
        let name = person.names[0]
        let roll = random.below(100)
        let count = roll < 15 ? 0 : roll < 70 ? 1 : 2
        var chosen: [String] = []
        while chosen.count < count {
            let op = operationPool[random.below(operationPool.count)]
            if !chosen.contains(op) { chosen.append(op) }
        }
        // The MRZ form: ICAO's recommended transliteration, or an alternative one.
        var formIndex = 0
        var applied: [String] = []
        var source = name
        if chosen.contains("transliteration") {
            let isCyrillic = name.surname.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) }
            let alternatives = max(ICAOTransliteration.forms(of: name.surname).count, ICAOTransliteration.forms(of: name.givenNames).count)
            if isCyrillic, person.names.count > 1, random.unit() < 0.5 {
                source = person.names[1]  // the Latin spelling other lists use instead of ICAO's
                applied.append("transliteration")
            } else if alternatives > 1 {
                formIndex = alternatives - 1
                applied.append("transliteration")
            }
        }
        func form(_ text: String) -> [String] {
            let forms = ICAOTransliteration.forms(of: text)
            return NameNormalizer.tokens(ofMRZForm: forms[min(formIndex, forms.count - 1)])
        }
        var surname = form(source.surname), given = form(source.givenNames)
        if chosen.contains("drop_middle"), given.count >= 2 {
            given.remove(at: 1 + random.below(given.count - 1))
            applied.append("drop_middle")
        }
        if chosen.contains("swap"), !given.isEmpty {
            swap(&surname, &given)
            applied.append("swap")
        }
        var tokens = surname + given
        let surnameCount = surname.count
        func longToken() -> Int? {
            let long = tokens.indices.filter { tokens[$0].count >= 4 }
            return long.isEmpty ? nil : long[random.below(long.count)]
        }
        if chosen.contains("typo"), let t = longToken() {
            var letters = Array(tokens[t].utf8)
            let at = random.below(letters.count)
            let letter = UInt8(65 + random.below(26))
            switch random.below(3) {
            case 0: letters[at] = letter == letters[at] ? (letter == 90 ? 65 : letter + 1) : letter
            case 1: letters.insert(letter, at: at)
            default: letters.remove(at: at)
            }
            tokens[t] = String(decoding: letters, as: UTF8.self)
            applied.append("typo")
        }
        if chosen.contains("transposition"), let t = longToken() {
            var letters = Array(tokens[t].utf8)
            let candidates = (0..<(letters.count - 1)).filter { letters[$0] != letters[$0 + 1] }
            if !candidates.isEmpty {
                let at = candidates[random.below(candidates.count)]
                letters.swapAt(at, at + 1)
                tokens[t] = String(decoding: letters, as: UTF8.self)
                applied.append("transposition")
            }
        }
        if chosen.contains("truncate"), tokens.count > surnameCount {
            // An MRZ name field too short for the name: the end of the last given name is cut, or a trailing one lost.
            let last = tokens.count - 1
            if tokens[last].count >= 5 {
                tokens[last] = String(tokens[last].prefix(3 + random.below(tokens[last].count - 3)))
                applied.append("truncate")
            } else if tokens.count - surnameCount >= 2 {
                tokens.removeLast()
                applied.append("truncate")
            }
        }
        if chosen.contains("ocr") {
            let positions = tokens.indices.flatMap { t in Array(tokens[t].utf8).indices.map { (t, $0) } }
                .filter { ocrDigit(for: Array(tokens[$0.0].utf8)[$0.1]) != nil }
            if !positions.isEmpty {
                for _ in 0..<(1 + random.below(2)) {
                    let (t, k) = positions[random.below(positions.count)]
                    var letters = Array(tokens[t].utf8)
                    letters[k] = ocrDigit(for: letters[k]) ?? letters[k]
                    tokens[t] = String(decoding: letters, as: UTF8.self)
                }
                applied.append("ocr")
            }
        }
        // The birth date as the document gives it: complete, whatever the list knows.
        var date = person.birthDate
        if date?.day == nil {
            let year = date?.year ?? 1940 + random.below(71)
            let month = date?.month ?? 1 + random.below(12)
            date = PartialDate(year: year, month: month, day: 1 + random.below(PartialDate.daysIn(month: month, year: year)))
        }
        if random.below(100) < 3, let d = date, let day = d.day, let month = d.month, day <= 12, day != month {
            date = PartialDate(year: d.year, month: day, day: month)
            applied.append("day_month_swap")
        }
        let query = PersonQuery(surname: tokens[..<surnameCount].joined(separator: " "),
                                givenNames: tokens[surnameCount...].joined(separator: " "), birthDate: date,
                                nationality: person.nationalities.first, sex: person.sex)
        return SyntheticPersonQuery(query: query, truth: truth, operations: applied.isEmpty ? ["none"] : applied)
    }

    private static func ocrDigit(for letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "O"): UInt8(ascii: "0")
        case UInt8(ascii: "I"): UInt8(ascii: "1")
        case UInt8(ascii: "S"): UInt8(ascii: "5")
        case UInt8(ascii: "B"): UInt8(ascii: "8")
        case UInt8(ascii: "Z"): UInt8(ascii: "2")
        case UInt8(ascii: "G"): UInt8(ascii: "6")
        default: nil
        }
    }

    // MARK: Documents

    private static let documentStates = ["NLD", "D", "FRA", "VNM", "POL", "ESP", "ITA", "GBR", "USA", "TUR", "ROU", "UKR", "BRA", "CHN"]

    private static func makeDocument(random: inout SyntheticRandom) -> LostDocument {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8), digits = Array("0123456789".utf8)
        var number: [UInt8] = []
        for k in 0..<9 {
            let letter = k < 2 || random.below(4) == 0
            number.append(letter ? letters[random.below(26)] : digits[random.below(10)])
        }
        let year = 2015 + random.below(12), month = 1 + random.below(12)
        return LostDocument(issuingState: documentStates[random.below(documentStates.count)],
                            documentNumber: String(decoding: number, as: UTF8.self),
                            documentType: random.below(3) == 0 ? "I" : "P",
                            reported: PartialDate(year: year, month: month, day: 1 + random.below(28)))
    }

    /// State and look-alike-folded number: equal keys are what the index reports as (look-alike) matches.
    private static func foldedKey(_ d: LostDocument) -> String {
        d.issuingState + ":" + String(decoding: DocumentNumber.folded(Array(d.documentNumber.utf8)), as: UTF8.self)
    }

    private static func lookAlike(of c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0"): UInt8(ascii: "O")
        case UInt8(ascii: "O"): UInt8(ascii: "0")
        case UInt8(ascii: "1"): UInt8(ascii: "I")
        case UInt8(ascii: "I"): UInt8(ascii: "1")
        case UInt8(ascii: "5"): UInt8(ascii: "S")
        case UInt8(ascii: "S"): UInt8(ascii: "5")
        case UInt8(ascii: "8"): UInt8(ascii: "B")
        case UInt8(ascii: "B"): UInt8(ascii: "8")
        default: nil
        }
    }

    private static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    private static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// SplitMix64: a small, fast, reproducible generator.
struct SyntheticRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<n` (`n` > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

    /// Uniform in `[0, 1)`.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
