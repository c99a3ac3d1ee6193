import MRZText

/// The MRZ field a run of characters falls in, named as findings name fields (`documentNumber`, `birthDate` …).
enum MRZFieldNames {
    /// The field holding most of `columns` (from 0) of MRZ line `line` (from 0), or `nil` when none does.
    static func field(format: MRZFormat?, line: Int, columns: ClosedRange<Int>) -> String? {
        guard let format else { return nil }
        let layout = format.layout
        let offset = line * format.lineLength
        let span = (offset + columns.lowerBound)..<(offset + columns.upperBound + 1)
        var fields: [(String, Range<Int>)] = [
            ("documentCode", layout.documentCode), ("issuingState", layout.issuingState), ("name", layout.name),
            ("documentNumber", layout.documentNumber), ("nationality", layout.nationality), ("birthDate", layout.birthDate),
            ("sex", layout.sex..<(layout.sex + 1)), ("expiryDate", layout.expiryDate), ("optionalData", layout.optionalData),
        ]
        if let o = layout.optionalData2 { fields.append(("optionalData", o)) }
        var best: (String, Int)?
        for (name, range) in fields {
            let overlap = range.clamped(to: span).count
            if overlap > 0, overlap > (best?.1 ?? 0) { best = (name, overlap) }
        }
        return best?.0
    }
}
