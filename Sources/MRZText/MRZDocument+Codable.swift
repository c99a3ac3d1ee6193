import Findings

/// The JSON object of `docscreen mrz --json` (one per document; other tools parse it, keep the names):
/// `format`, `valid`, `lines`, `fields`, `checks`, `findings`, `corrections`.
extension MRZDocument: Encodable {
    enum Keys: String, CodingKey { case format, valid, lines, fields, checks, findings, corrections }
    enum FieldKeys: String, CodingKey {
        case documentCode, issuingState, documentNumber, birthDate, sex, expiryDate, nationality
        case surname, givenNames, optionalData, optionalData2, nameTruncated
    }
    enum CheckKeys: String, CodingKey { case name, valid, expected, found }
    enum CorrectionKeys: String, CodingKey { case line, column, from, to, field, reason }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(format?.rawValue, forKey: .format)
        try c.encode(valid, forKey: .valid)
        try c.encode(lines, forKey: .lines)
        if let f = fields {
            var fc = c.nestedContainer(keyedBy: FieldKeys.self, forKey: .fields)
            try fc.encode(f.documentCode, forKey: .documentCode)
            try fc.encode(f.issuingState, forKey: .issuingState)
            try fc.encode(f.documentNumber, forKey: .documentNumber)
            try fc.encode(f.birthDate?.description, forKey: .birthDate)
            try fc.encode(f.sex, forKey: .sex)
            try fc.encode(f.expiryDate?.description, forKey: .expiryDate)
            try fc.encode(f.nationality, forKey: .nationality)
            try fc.encode(f.surname, forKey: .surname)
            try fc.encode(f.givenNames, forKey: .givenNames)
            try fc.encode(f.optionalData, forKey: .optionalData)
            try fc.encodeIfPresent(f.optionalData2, forKey: .optionalData2)
            try fc.encode(f.nameTruncated, forKey: .nameTruncated)
        } else {
            try c.encodeNil(forKey: .fields)
        }
        var cc = c.nestedUnkeyedContainer(forKey: .checks)
        for check in checks {
            var one = cc.nestedContainer(keyedBy: CheckKeys.self)
            try one.encode(check.name.rawValue, forKey: .name)
            try one.encode(check.valid, forKey: .valid)
            try one.encode(check.expected, forKey: .expected)
            try one.encode(String(check.found), forKey: .found)
        }
        try c.encode(findings, forKey: .findings)
        var rc = c.nestedUnkeyedContainer(forKey: .corrections)
        for r in corrections {
            var one = rc.nestedContainer(keyedBy: CorrectionKeys.self)
            try one.encode(r.line + 1, forKey: .line)
            try one.encode(r.column + 1, forKey: .column)
            try one.encode(String(r.from), forKey: .from)
            try one.encode(String(r.to), forKey: .to)
            try one.encode(r.field, forKey: .field)
            try one.encode(r.reason.rawValue, forKey: .reason)
        }
    }
}
