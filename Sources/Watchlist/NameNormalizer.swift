import MRZText

/// One written form of a name as MRZ tokens (`A`-`Z` only), surname and given names apart.
public struct NameTokens: Sendable, Hashable {
    /// Primary-identifier tokens, in order.
    public var surname: [String]
    /// Secondary-identifier tokens, in order; every token when the name is unsplit.
    public var givenNames: [String]
    /// Whether the roles are known (`false` for whole names such as FtM `name` values).
    public var isSplit: Bool
    /// Which transliteration made it: 0 the recommended one, `i` the `i`-th alternative (``ICAOTransliteration/forms(of:)``).
    public var transliteration: Int = 0
    /// Whether this form writes a multi-part surname as one word (`VAN DEN BERG` → `VANDENBERG`).
    public var surnameJoined = false

    /// Every token, surname first.
    public var all: [String] { surname + givenNames }
}

/// One token of a query: as it was read and as it is compared.
public struct QueryToken: Sendable, Hashable {
    /// The token as read (upper-case, digits kept): `JAR0SLAV`.
    public var read: String
    /// The token compared: OCR look-alike digits replaced by their letters, transliterated: `JAROSLAV`.
    public var normalized: String
    /// Whether it comes from the surname (primary identifier) field.
    public var isSurname: Bool
}

/// The normalisation lists and queries share, so that `Nguyễn Văn Đức` on a list and `NGUYEN<<VAN<DUC` in an MRZ
/// meet as the same tokens.
///
/// Rules, in order: ICAO Doc 9303 Part 3 transliteration (``ICAOTransliteration``: Section 6 tables, the
/// decomposition fallback for unlisted Latin letters, punctuation per section 4.6); upper-case `A`-`Z` tokens, one
/// per name component; tokens longer than ``maximumTokenLength`` cut, at most ``maximumTokens`` per form. Lists
/// additionally get every alternative form the tables allow (`Müller` → `MUELLER` and `MULLER`); queries get OCR
/// look-alike digits read as letters (`0`→`O`, `1`→`I`, `2`→`Z`, `5`→`S`, `6`→`G`, `8`→`B`), since the MRZ never
/// holds digits in a name. Comparison is order-independent (``MatchScorer``).
public enum NameNormalizer {
    /// Longest token kept, in letters.
    public static let maximumTokenLength = 24
    /// Most tokens kept per name form (surname and given names together).
    public static let maximumTokens = 12
    /// Longest surname part (other than the last) that makes a surname also listed as one word.
    public static let maximumJoinedPartLength = 4

    /// The distinct token forms of a listed name: the recommended transliteration first, then the alternatives, then
    /// for a surname led by a particle or a short part (`van den Berg`, `da Silva`, `Lo Presti`: a part other than
    /// the last of at most ``maximumJoinedPartLength`` letters) each form with the surname written as one word, as
    /// some documents and lists write it. O(n) in the name's length per form; at most six forms.
    public static func listedForms(of name: PersonName) -> [NameTokens] {
        let surnameForms = name.surname.isEmpty ? [""] : ICAOTransliteration.forms(of: name.surname)
        let givenForms = name.givenNames.isEmpty ? [""] : ICAOTransliteration.forms(of: name.givenNames)
        var out: [NameTokens] = []
        for i in 0..<max(surnameForms.count, givenForms.count) {
            var surname = tokens(ofMRZForm: surnameForms[min(i, surnameForms.count - 1)])
            var given = tokens(ofMRZForm: givenForms[min(i, givenForms.count - 1)])
            if surname.count > maximumTokens { surname.removeLast(surname.count - maximumTokens) }
            if surname.count + given.count > maximumTokens { given.removeLast(surname.count + given.count - maximumTokens) }
            let form = NameTokens(surname: surname, givenNames: given, isSplit: name.isSplit, transliteration: i)
            if !form.all.isEmpty, !out.contains(where: { $0.all == form.all && $0.surname.count == form.surname.count }) { out.append(form) }
        }
        for form in out where form.isSplit && form.surname.dropLast().contains(where: { $0.count <= maximumJoinedPartLength }) {
            let joined = form.surname.joined()
            guard joined.count <= maximumTokenLength else { continue }
            out.append(NameTokens(surname: [joined], givenNames: form.givenNames, isSplit: true,
                                  transliteration: form.transliteration, surnameJoined: true))
        }
        return out
    }

    /// Whether the name yields at least one token (a name of digits or symbols only does not).
    public static func hasTokens(_ name: PersonName) -> Bool {
        !ICAOTransliteration.mrzForm(of: name.surname).isEmpty || !ICAOTransliteration.mrzForm(of: name.givenNames).isEmpty
    }

    /// The tokens of a query name (MRZ fields, or text from the visual zone): surname tokens first.
    /// At most ``maximumTokens``. O(n).
    public static func queryTokens(surname: String, givenNames: String) -> [QueryToken] {
        var out: [QueryToken] = []
        for (text, isSurname) in [(surname, true), (givenNames, false)] {
            for raw in text.split(whereSeparator: { " <-,\t\n".contains($0) }) {
                let read = raw.uppercased()
                var mapped = ""
                for scalar in read.unicodeScalars {
                    if scalar.isASCII, let letter = letter(forOCRDigit: UInt8(scalar.value)) {
                        mapped.unicodeScalars.append(Unicode.Scalar(letter))
                    } else {
                        mapped.unicodeScalars.append(scalar)
                    }
                }
                for token in tokens(ofMRZForm: ICAOTransliteration.mrzForm(of: mapped)) where out.count < maximumTokens {
                    out.append(QueryToken(read: read, normalized: token, isSurname: isSurname))
                }
            }
        }
        return out
    }

    /// The letter an OCR-B reader confuses with `digit` (ASCII), or `nil` for a digit without one (and non-digits).
    public static func letter(forOCRDigit digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0"): UInt8(ascii: "O")
        case UInt8(ascii: "1"): UInt8(ascii: "I")
        case UInt8(ascii: "2"): UInt8(ascii: "Z")
        case UInt8(ascii: "5"): UInt8(ascii: "S")
        case UInt8(ascii: "6"): UInt8(ascii: "G")
        case UInt8(ascii: "8"): UInt8(ascii: "B")
        default: nil
        }
    }

    /// `A<B<C` → `["A", "B", "C"]`, each cut to ``maximumTokenLength``.
    static func tokens(ofMRZForm form: String) -> [String] {
        form.split(separator: "<").map { $0.count > maximumTokenLength ? String($0.prefix(maximumTokenLength)) : String($0) }
    }
}
