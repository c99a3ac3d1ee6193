/// The fields of the printed page that are compared with the MRZ.
public enum VIZFieldName: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case surname
    case givenNames = "given_names"
    case nationality
    case birthDate = "birth_date"
    case sex
    case documentNumber = "document_number"
    case expiryDate = "expiry_date"

    /// Order of the cases (the order of Doc 9303's zones on a TD3 page).
    public static func < (a: VIZFieldName, b: VIZFieldName) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The MRZ field name used in findings (`documentNumber`, `birthDate` …).
    public var mrzFieldName: String {
        switch self {
        case .surname: "surname"
        case .givenNames: "givenNames"
        case .nationality: "nationality"
        case .birthDate: "birthDate"
        case .sex: "sex"
        case .documentNumber: "documentNumber"
        case .expiryDate: "expiryDate"
        }
    }
}

/// Captions of the printed page in the languages documents print them in, folded (``VIZText/fold(_:)``),
/// and the fuzzy match of a caption read by OCR against them.
enum VIZLabelTable {
    /// What a caption announces: one of the compared fields, or another field of the page (type, code,
    /// date of issue …) whose value is not compared.
    enum Meaning: Sendable, Hashable {
        case field(VIZFieldName)
        case other
    }

    static let phrases: [(String, Meaning)] = {
        var out: [(String, Meaning)] = []
        func add(_ meaning: Meaning, _ list: [String]) { out += list.map { ($0, meaning) } }
        add(.field(.surname), ["SURNAME", "SURNAMES", "HO", "NOM", "APELLIDOS", "APELLIDO", "NACHNAME", "FAMILY NAME",
                               "LAST NAME", "COGNOME", "PRIMARY IDENTIFIER", "NOM DE FAMILLE"])
        add(.field(.givenNames), ["GIVEN NAMES", "GIVEN NAME", "FORENAMES", "FIRST NAMES", "FIRST NAME", "TEN", "PRENOMS",
                                  "PRENOM", "NOMBRE", "NOMBRES", "VORNAMEN", "NOME", "SECONDARY IDENTIFIER", "TEN DEM VA TEN"])
        add(.field(.nationality), ["NATIONALITY", "QUOC TICH", "NATIONALITE", "NACIONALIDAD", "STAATSANGEHORIGKEIT",
                                   "NAZIONALITA", "NACIONALIDADE"])
        add(.field(.birthDate), ["DATE OF BIRTH", "BIRTH DATE", "NGAY SINH", "DATE DE NAISSANCE", "FECHA DE NACIMIENTO",
                                 "GEBURTSTAG", "DATA DI NASCITA", "DATA DE NASCIMENTO", "NGAY THANG NAM SINH"])
        add(.field(.sex), ["SEX", "GIOI TINH", "SEXE", "SEXO", "GESCHLECHT", "SESSO", "GENDER"])
        add(.field(.documentNumber), ["PASSPORT NO", "DOCUMENT NO", "DOCUMENT NUMBER", "PASSPORT NUMBER", "CARD NO",
                                      "CARD NUMBER", "VISA NO", "SO", "SO HO CHIEU", "N DU DOCUMENT", "NO DU DOCUMENT",
                                      "N DE DOCUMENTO", "NO DE DOCUMENTO", "NUMERO", "PASSNUMMER", "DOKUMENTENNUMMER",
                                      "NUMERO DE DOCUMENTO", "N DU PASSEPORT", "NO DU PASSEPORT"])
        add(.field(.expiryDate), ["DATE OF EXPIRY", "EXPIRY DATE", "EXPIRY", "VALID UNTIL", "CO GIA TRI DEN",
                                  "DATE D EXPIRATION", "DATE DEXPIRATION", "FECHA DE CADUCIDAD", "VALABLE JUSQU AU",
                                  "VALABLE JUSQUAU", "VALIDO HASTA", "GULTIG BIS", "EXPIRES", "DATE OF EXPIRATION",
                                  "NGAY HET HAN"])
        add(.other, ["TYPE", "LOAI", "CODE", "MA SO", "TIPO", "CODIGO", "DATE OF ISSUE", "NGAY CAP", "DATE DE DELIVRANCE",
                     "FECHA DE EXPEDICION", "VALID FROM", "CO GIA TRI TU", "VALABLE DU", "VALIDO DESDE", "ENTRIES",
                     "SO LAN", "ENTREES", "ENTRADAS", "PLACE OF BIRTH", "NOI SINH", "AUTHORITY", "ISSUING AUTHORITY",
                     "PERSONAL NO", "PERSONAL NUMBER", "COUNTRY CODE", "ISSUING STATE", "CODE OF ISSUING STATE",
                     "LIEU DE NAISSANCE", "AUTORITE", "NUMBER OF ENTRIES", "REMARKS", "HEIGHT"])
        return out
    }()

    /// ``phrases`` as characters, split once.
    static let phraseCharacters: [(characters: [Character], meaning: Meaning)] = phrases.map { (Array($0.0), $0.1) }

    /// ``phrases`` as bytes (every phrase is ASCII), in the same order: a part read in ASCII is matched by these.
    static let phraseBytes: [[UInt8]] = phrases.map { Array($0.0.utf8) }

    /// A caption's meaning with its match score (1 = exact), or `nil` when the text is no caption.
    ///
    /// The text is cut at `/` (bilingual captions) and each part is matched whole: phrases (and parts) of four
    /// letters or fewer exactly, since one edit turns a short word into another (`NAME`, a piece of `SURNAME`,
    /// into `NOME`); longer ones within an edit distance of 25% of their length. O(phrases × length²).
    static func match(_ text: String) -> (meaning: Meaning, score: Double, exactShort: Bool)? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "|" }).map { VIZText.words(String($0)).joined(separator: " ") }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var best: (meaning: Meaning, score: Double, exactShort: Bool)?
        var votes: [Meaning: Double] = [:]
        for part in parts {
            var partBest: (Meaning, Double, Bool)?
            // A part in ASCII (one byte a character) is compared by bytes, which are its characters.
            let bytes = VIZText.asciiCharacters(part)
            let characters = bytes == nil ? Array(part) : []
            let count = bytes?.count ?? characters.count
            for (k, phrase) in phraseCharacters.enumerated() {
                let score: Double
                let length = phrase.characters.count
                if length <= 4 || count <= 4 {
                    let same = if let bytes { bytes == phraseBytes[k] } else { characters == phrase.characters }
                    guard same else { continue }
                    score = 1
                } else {
                    // The distance is at least the difference in length: most phrases are ruled out by that alone.
                    guard Double(abs(count - length)) <= 0.25 * Double(length) else { continue }
                    let d = if let bytes { VIZText.editDistance(bytes, phraseBytes[k]) } else {
                        VIZText.editDistance(characters, phrase.characters)
                    }
                    guard Double(d) <= 0.25 * Double(length) else { continue }
                    score = 1 - Double(d) / Double(length)
                }
                let short = length <= 3
                if partBest == nil || score > partBest!.1 || (score == partBest!.1 && !short && partBest!.2) {
                    partBest = (phrase.meaning, score, short)
                }
            }
            if let p = partBest {
                votes[p.0, default: 0] += p.1
                if best == nil || p.1 > best!.score || (p.1 == best!.score && best!.exactShort && !p.2) { best = (p.0, p.1, p.2) }
            }
        }
        // Parts that name different fields make no caption.
        guard let best, votes.count == 1 || votes[best.meaning]! > (votes.values.reduce(0, +) - votes[best.meaning]!) else { return nil }
        return (best.meaning, best.score, best.exactShort && parts.count == 1)
    }
}
