import MRZText

/// What the officer should do about a match.
public enum WatchlistDecision: String, Sendable, Hashable, Codable {
    /// Stop: strong evidence the holder or document is the listed one.
    case alert
    /// Second-line check: a resemblance worth a person's look.
    case refer
}

/// A person to screen: MRZ fields (or visual-zone text) of the holder.
public struct PersonQuery: Sendable, Hashable, Codable {
    /// Primary identifier as read (`NGUYEN`, `VAN<DEN<BERG`, `Müller`).
    public var surname: String
    /// Secondary identifiers as read (`VAN<DUC`, `Anna Maria`).
    public var givenNames: String
    /// Date of birth, possibly partial.
    public var birthDate: PartialDate?
    /// Nationality code (`VNM`, `D`).
    public var nationality: String?
    /// Sex.
    public var sex: Sex?

    /// A query.
    public init(surname: String, givenNames: String, birthDate: PartialDate? = nil, nationality: String? = nil, sex: Sex? = nil) {
        self.surname = surname
        self.givenNames = givenNames
        self.birthDate = birthDate
        self.nationality = nationality
        self.sex = sex
    }

    /// The holder as an MRZ describes them (birth date with the century the MRZ reader resolved).
    public init(mrz fields: MRZFields) {
        self.init(surname: fields.surname, givenNames: fields.givenNames,
                  birthDate: fields.birthDate.flatMap { PartialDate(year: $0.year, month: $0.month, day: $0.day) },
                  nationality: fields.nationality.isEmpty ? nil : fields.nationality, sex: Sex(text: fields.sex))
    }
}

/// A document to screen against the lost and stolen list.
public struct DocumentQuery: Sendable, Hashable, Codable {
    /// Issuing State code (`NLD`, `D`).
    public var issuingState: String
    /// Document number as read (fillers allowed).
    public var documentNumber: String

    /// A query.
    public init(issuingState: String, documentNumber: String) {
        self.issuingState = issuingState
        self.documentNumber = documentNumber
    }

    /// The document an MRZ describes.
    public init(mrz fields: MRZFields) {
        self.init(issuingState: fields.issuingState, documentNumber: fields.documentNumber)
    }
}

/// One listed person or document that resembles the query, with its score and the reasons.
public struct WatchlistMatch: Sendable, Hashable, Codable {
    /// The list's id of the entry (a document: `STATE:NUMBER`).
    public var id: String
    /// 0-100: the sum of the explanation's points (``MatchScorer``), rounded to 0.1.
    public var score: Double
    /// `alert` or `refer`.
    public var decision: WatchlistDecision
    /// The list the entry is on.
    public var list: String
    /// Which parts matched and what each contributed.
    public var explanation: MatchExplanation
}

/// Why a match scored what it did: each compared part with its points.
public struct MatchExplanation: Sendable, Hashable, Codable {
    /// The name comparison (persons).
    public var name: NameEvidence?
    /// Birth date (persons).
    public var birthDate: DateEvidence?
    /// Nationality (persons).
    public var nationality: FieldEvidence?
    /// Sex (persons).
    public var sex: FieldEvidence?
    /// The document number comparison (documents).
    public var document: DocumentEvidence?
}

/// How a query token differs from the listed token it was paired with.
public enum TokenMatchKind: String, Sendable, Hashable, Codable {
    /// Identical.
    case exact
    /// Equal once OCR look-alikes are read as the same (`JAR0SLAV`, `D`/`O`).
    case lookAlike
    /// Two neighbouring letters exchanged.
    case transposition
    /// Letters inserted, deleted or replaced.
    case typo
    /// The query token is the start of the listed one (cut by the MRZ).
    case truncated
}

/// One pairing of a query token with a listed token.
public struct TokenEvidence: Sendable, Hashable, Codable {
    /// The query token as read.
    public var query: String
    /// The listed token (MRZ form).
    public var listed: String
    /// Whether the token is a surname on one side and a given name on the other (order swapped).
    public var roleSwapped: Bool
    /// What separates them.
    public var match: TokenMatchKind
    /// 0-1.
    public var similarity: Double
    /// Points this pairing contributed to the name's points.
    public var points: Double
}

/// The name comparison behind a match.
public struct NameEvidence: Sendable, Hashable, Codable {
    /// Points (up to ``MatchScorer/namePoints``).
    public var points: Double
    /// 0-1 (``NameComparison``).
    public var similarity: Double
    /// `primary` or `alias N`: which of the entry's names matched.
    public var listedName: String
    /// `recommended` or `alternative N`: which transliteration of it (``ICAOTransliteration/forms(of:)``).
    public var transliteration: String
    /// The matched listed name in MRZ form (`NGUYEN<<VAN<DUC`).
    public var listedForm: String
    /// Each query token paired with a listed one.
    public var parts: [TokenEvidence]
    /// Listed tokens the query does not have; `dropped` ones (middle names, cut parts) cost little.
    public var missingFromQuery: [String]
    /// Of those, the ones counted as dropped.
    public var dropped: [String]
    /// Query tokens that match nothing listed.
    public var unmatchedInQuery: [String]
    /// Whether the similarity was capped because only one token matched.
    public var capped: Bool
}

/// A birth-date comparison.
public struct DateEvidence: Sendable, Hashable, Codable {
    /// How the dates compare.
    public var match: BirthDateAgreement
    /// Points.
    public var points: Double
    /// The listed date (possibly partial), when there is one.
    public var listed: String?
}

/// A nationality or sex comparison.
public struct FieldEvidence: Sendable, Hashable, Codable {
    /// How the values compare.
    public var match: FieldAgreement
    /// Points.
    public var points: Double
    /// The listed value(s), when there are any.
    public var listed: String?
}

/// A document-number comparison.
public struct DocumentEvidence: Sendable, Hashable, Codable {
    /// `exact` or `lookAlike`.
    public var match: TokenMatchKind
    /// 1-based positions where the numbers differ by a look-alike (empty when exact).
    public var differingPositions: [Int]
    /// The listed number.
    public var listedNumber: String
    /// The listed document type.
    public var documentType: String
    /// When it was reported lost or stolen.
    public var reported: String?
}
