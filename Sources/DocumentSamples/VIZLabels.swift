/// The printed page's captions: English, then the national language after a slash.
struct VIZLabels: Sendable {
    /// `vi`, `fr`, `es`, or `en` alone.
    var language: String

    /// The caption above field `key` on a page of `format`.
    func label(_ key: VIZField, format: SampleFormat) -> String {
        let visa = format == .mrvA
        let english: String
        let national: [String: String]
        switch key {
        case .type: english = "Type"; national = ["vi": "Loại", "fr": "Type", "es": "Tipo"]
        case .code: english = "Code"; national = ["vi": "Mã số", "fr": "Code", "es": "Código"]
        case .number:
            english = format == .td3 ? "Passport No." : "Document No."
            national = ["vi": "Số", "fr": "N° du document", "es": "N° de documento"]
        case .surname: english = "Surname"; national = ["vi": "Họ", "fr": "Nom", "es": "Apellidos"]
        case .givenNames: english = "Given names"; national = ["vi": "Tên", "fr": "Prénoms", "es": "Nombre"]
        case .nationality: english = "Nationality"; national = ["vi": "Quốc tịch", "fr": "Nationalité", "es": "Nacionalidad"]
        case .birthDate: english = "Date of birth"; national = ["vi": "Ngày sinh", "fr": "Date de naissance", "es": "Fecha de nacimiento"]
        case .sex: english = "Sex"; national = ["vi": "Giới tính", "fr": "Sexe", "es": "Sexo"]
        case .issueDate:
            english = visa ? "Valid from" : "Date of issue"
            national = visa ? ["vi": "Có giá trị từ", "fr": "Valable du", "es": "Válido desde"]
                : ["vi": "Ngày cấp", "fr": "Date de délivrance", "es": "Fecha de expedición"]
        case .expiryDate:
            english = visa ? "Valid until" : "Date of expiry"
            national = visa ? ["vi": "Có giá trị đến", "fr": "Valable jusqu'au", "es": "Válido hasta"]
                : ["vi": "Có giá trị đến", "fr": "Date d'expiration", "es": "Fecha de caducidad"]
        case .entries: english = "Entries"; national = ["vi": "Số lần", "fr": "Entrées", "es": "Entradas"]
        }
        guard let local = national[language], local != english else { return english }
        return "\(english) / \(local)"
    }

    /// The document's title line.
    func title(format: SampleFormat) -> String {
        let english: String
        let national: [String: String]
        switch format {
        case .td3:
            english = "PASSPORT"; national = ["vi": "HỘ CHIẾU", "fr": "PASSEPORT", "es": "PASAPORTE"]
        case .td1, .td2:
            english = "IDENTITY CARD"; national = ["vi": "CĂN CƯỚC", "fr": "CARTE D'IDENTITÉ", "es": "DOCUMENTO DE IDENTIDAD"]
        case .mrvA:
            english = "VISA"; national = ["vi": "THỊ THỰC", "fr": "VISA", "es": "VISADO"]
        }
        guard let local = national[language], local != english else { return english }
        return "\(english) / \(local)"
    }

    /// Sex as the page prints it.
    func sex(_ code: String) -> String {
        guard language == "vi" else { return code }
        switch code {
        case "M": return "Nam / M"
        case "F": return "Nữ / F"
        default: return code
        }
    }
}

/// The fields of the printed page.
enum VIZField: String, Sendable, CaseIterable {
    case type, code, number = "document_number", surname, givenNames = "given_names", nationality
    case birthDate = "birth_date", sex, issueDate = "issue_date", expiryDate = "expiry_date", entries
}
