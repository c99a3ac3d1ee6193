import Findings
import MRZText

/// The readable report of one MRZ, for a person: findings first, then the fields.
enum MRZReport {
    static func text(_ d: MRZDocument) -> String {
        var out: [String] = []
        let kind: String
        switch d.format {
        case .td1?: kind = "TD1 identity card"
        case .td2?: kind = "TD2 identity card"
        case .td3?: kind = "TD3 passport"
        case .mrvA?: kind = "MRV-A visa"
        case .mrvB?: kind = "MRV-B visa"
        case nil: kind = "Unrecognised text"
        }
        let failing = d.checks.filter { !$0.valid }.count
        out.append("\(kind): " + (d.valid ? "all check digits hold" : d.format == nil ? "not an MRZ" : "\(failing) check digit(s) fail"))
        for f in d.findings.sorted(by: { $0.severity > $1.severity }) {
            out.append("  \(f.severity.rawValue.uppercased().padding(5)) \(f.code.padding(26)) \(f.message)")
        }
        if let f = d.fields {
            out.append("  Document   \(f.documentCode) issued by \(f.issuingState)\(StateCodes.name(of: f.issuingState).map { " (\($0))" } ?? ""), number \(f.documentNumber)")
            out.append("  Holder     \(f.surname)\(f.givenNames.isEmpty ? "" : ", \(f.givenNames)")\(f.nameTruncated ? " (name may be truncated)" : "")")
            out.append("  Born       \(f.birthDate?.description ?? f.birthDateText)   sex \(f.sex)   nationality \(f.nationality)")
            out.append("  Expires    \(f.expiryDate?.description ?? f.expiryDateText)")
            if !f.optionalData.isEmpty { out.append("  Optional   \(f.optionalData)") }
            out.append("  Checks     " + d.checks.map { "\($0.name.rawValue) \($0.valid ? "ok" : "FAIL")" }.joined(separator: ", "))
        }
        for line in d.lines { out.append("  | \(line)") }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
