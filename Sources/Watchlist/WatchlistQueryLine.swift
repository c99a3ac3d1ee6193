import Foundation

/// One query of `docscreen watchlist query`: a person or a document.
public enum WatchlistQuery: Sendable, Hashable {
    /// `{"surname", "givenNames", "birthDate", "nationality", "sex"}`.
    case person(PersonQuery)
    /// `{"issuingState", "documentNumber"}`.
    case document(DocumentQuery)
}

/// Why a query line was not a usable query. The description names the field, never its value.
public enum QueryLineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not parseable JSON, or not an object.
    case notAnObject
    /// A field has the wrong JSON type.
    case wrongType(field: String, expected: String)
    /// Neither `surname` nor `givenNames` has a letter.
    case missingName
    /// A document query lacks a field or has one that is not well-formed.
    case invalidDocument(field: String)
    /// `birthDate` is not `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or empty.
    case invalidBirthDate
    /// `sex` is not `M`, `F`, `X`, `<` or empty.
    case invalidSex
    /// `nationality` is not 1-3 letters.
    case invalidNationality

    /// The field and the fault, without the value.
    public var description: String {
        switch self {
        case .notAnObject: "not a JSON object"
        case .wrongType(let field, let expected): "\(field) must be \(expected)"
        case .missingName: "surname and givenNames are both empty"
        case .invalidDocument(let field): "\(field) is missing or not well-formed"
        case .invalidBirthDate: "birthDate must be YYYY-MM-DD, YYYY-MM, YYYY or empty"
        case .invalidSex: "sex must be M, F, X or empty"
        case .invalidNationality: "nationality must be a 1-3 letter code"
        }
    }

    /// A stable code for machine readers (`query.invalid_birth_date`, ...).
    public var code: String {
        switch self {
        case .notAnObject: "query.not_an_object"
        case .wrongType: "query.wrong_type"
        case .missingName: "query.missing_name"
        case .invalidDocument: "query.invalid_document"
        case .invalidBirthDate: "query.invalid_birth_date"
        case .invalidSex: "query.invalid_sex"
        case .invalidNationality: "query.invalid_nationality"
        }
    }
}

/// Parses query lines (JSON objects). Unknown keys are ignored; `null` counts as absent.
public enum WatchlistQueryLine {
    /// The query a line holds. A line with `documentNumber` is a document query. O(line length).
    public static func parse(_ line: some StringProtocol) -> Result<WatchlistQuery, QueryLineError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return .failure(.notAnObject)
        }
        func text(_ key: String) -> Result<String?, QueryLineError> {
            switch object[key] {
            case nil, is NSNull: .success(nil)
            case let s as String: .success(s)
            default: .failure(.wrongType(field: key, expected: "a string"))
            }
        }
        do {
            if object["documentNumber"] != nil || object["issuingState"] != nil {
                guard let state = try text("issuingState").get(), StateCode.normalized(state) != nil else {
                    return .failure(.invalidDocument(field: "issuingState"))
                }
                guard let number = try text("documentNumber").get(), DocumentNumber.normalized(number) != nil else {
                    return .failure(.invalidDocument(field: "documentNumber"))
                }
                return .success(.document(DocumentQuery(issuingState: state, documentNumber: number)))
            }
            let surname = try text("surname").get() ?? "", given = try text("givenNames").get() ?? ""
            guard !NameNormalizer.queryTokens(surname: surname, givenNames: given).isEmpty else { return .failure(.missingName) }
            var birthDate: PartialDate?
            if let date = try text("birthDate").get(), !date.isEmpty {
                guard let parsed = PartialDate(text: date) else { return .failure(.invalidBirthDate) }
                birthDate = parsed
            }
            var nationality: String?
            if let code = try text("nationality").get(), !code.isEmpty {
                guard let normalized = StateCode.normalized(code) else { return .failure(.invalidNationality) }
                nationality = normalized
            }
            var sex: Sex?
            if let s = try text("sex").get(), !s.isEmpty {
                guard let parsed = Sex(text: s) else { return .failure(.invalidSex) }
                sex = parsed
            }
            return .success(.person(PersonQuery(surname: surname, givenNames: given, birthDate: birthDate,
                                                nationality: nationality, sex: sex)))
        } catch {
            return .failure(error)
        }
    }
}
