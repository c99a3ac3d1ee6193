import Imaging
import MRZText

/// What a sample is: a genuine document captured well, a genuine document captured badly, or a forgery.
public enum SampleKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Genuine, flat render or scan.
    case clean
    /// Genuine, phone capture.
    case degraded
    /// One tampering, any capture.
    case fraud
}

/// The kinds of tampering the generator makes (the `fraud` labels of the truth).
public enum TamperKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// One check digit of the MRZ is wrong.
    case badCheckDigit = "bad_check_digit"
    /// A run of MRZ characters (or a whole field) is printed in a monospace font other than OCR-B.
    case fontSubstitution = "font_substitution"
    /// A run of MRZ characters is condensed or shifted off the 2.54 mm pitch.
    case pitchAnomaly = "pitch_anomaly"
    /// One MRZ line is shifted or turned against the others.
    case lineMisalignment = "line_misalignment"
    /// The MRZ band sits on a patch from another print: other background level, noise and sharpness, hard edges.
    case mrzPasted = "mrz_pasted"
    /// The document expired before the reference date (both zones agree; check digits hold).
    case expired
    /// The issuing state or nationality is not a Doc 9303 code (both zones agree).
    case invalidCountry = "invalid_country"
    /// A date does not exist (30 February, 31 April …), in both zones; check digits hold.
    case impossibleDates = "impossible_dates"
    /// One field of the MRZ was changed consistently (check digits recomputed) while the printed page kept the old value.
    case alteredField = "altered_field"
}

/// What a tampering changed, with enough detail for a check's tests to assert against.
public struct TamperRecord: Sendable, Hashable, Codable {
    /// The kind of tampering.
    public var kind: TamperKind
    /// The field concerned (`birth_date`, `document_number`, `composite` …), when there is one.
    public var field: String?
    /// The MRZ line concerned, from 0.
    public var line: Int?
    /// The MRZ columns concerned, from 0.
    public var columns: [Int]?
    /// The value before (for `altered_field`, what the printed page still shows).
    public var before: String?
    /// The value after (for `altered_field`, what the MRZ now says).
    public var after: String?
    /// The size of the change: mm for shifts, degrees for turns, the pitch factor for condensed runs,
    /// grey levels for a pasted band's background.
    public var amount: Double?
    /// One sentence on what was done.
    public var detail: String
    /// The pasted patch in image coordinates (`mrz_pasted`), corners as the page reads; in JSON four `[x, y]`.
    public var region: ImageQuad?

    /// A record of the given parts.
    public init(kind: TamperKind, field: String? = nil, line: Int? = nil, columns: [Int]? = nil, before: String? = nil,
                after: String? = nil, amount: Double? = nil, detail: String, region: ImageQuad? = nil) {
        self.kind = kind
        self.field = field
        self.line = line
        self.columns = columns
        self.before = before
        self.after = after
        self.amount = amount
        self.detail = detail
        self.region = region
    }

    enum CodingKeys: String, CodingKey {
        case kind, field, line, columns, before, after, amount, detail, region
    }

    /// Decodes a record (`region` as four `[x, y]`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(TamperKind.self, forKey: .kind)
        field = try c.decodeIfPresent(String.self, forKey: .field)
        line = try c.decodeIfPresent(Int.self, forKey: .line)
        columns = try c.decodeIfPresent([Int].self, forKey: .columns)
        before = try c.decodeIfPresent(String.self, forKey: .before)
        after = try c.decodeIfPresent(String.self, forKey: .after)
        amount = try c.decodeIfPresent(Double.self, forKey: .amount)
        detail = try c.decode(String.self, forKey: .detail)
        region = try c.decodeIfPresent([[Double]].self, forKey: .region).map {
            try CompactPoints.quad($0, codingPath: c.codingPath)
        }
    }

    /// Encodes a record, leaving out the parts it does not have.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encodeIfPresent(line, forKey: .line)
        try c.encodeIfPresent(columns, forKey: .columns)
        try c.encodeIfPresent(before, forKey: .before)
        try c.encodeIfPresent(after, forKey: .after)
        try c.encodeIfPresent(amount, forKey: .amount)
        try c.encode(detail, forKey: .detail)
        try c.encodeIfPresent(region.map(CompactPoints.pack), forKey: .region)
    }
}

/// The tampering operations, each on the layer it belongs to: document data, MRZ text, or print plan.
enum Tampering {
    /// Changes the data of the document. `printed` is what the page shows, `encoded` what the MRZ
    /// carries; both start equal.
    static func alterData(_ kind: TamperKind, printed: inout DocumentFields, encoded: inout DocumentFields,
                          format: SampleFormat, reference: CalendarDate, random: inout SplitMix64) -> TamperRecord? {
        let today = PrintedDate(reference)
        switch kind {
        case .expired:
            let before = printed.expiryDate
            let expiry = today.adding(days: -random.int(1...1800))
            let issue = format == .mrvA ? expiry.adding(days: -random.int(30...365)) : expiry.adding(years: -10).adding(days: 1)
            printed.expiryDate = expiry
            printed.issueDate = issue
            if printed.birthDate >= issue { printed.birthDate = issue.adding(years: -random.int(18...60)) }
            encoded = printed
            return TamperRecord(kind: kind, field: "expiry_date", before: before.description, after: expiry.description,
                                detail: "expiry moved before the reference date in both zones")
        case .invalidCountry:
            let field = random.chance(0.5) ? "issuing_state" : "nationality"
            var code = ""
            repeat {
                code = random.string(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", count: 3)
            } while StateCodes.isValid(code) || code == "UTO"
            let before = field == "issuing_state" ? printed.issuingState : printed.nationality
            if field == "issuing_state" { printed.issuingState = code } else { printed.nationality = code }
            encoded = printed
            return TamperRecord(kind: kind, field: field, before: before, after: code,
                                detail: "\(field) replaced by a code that is not in Doc 9303 Part 3")
        case .impossibleDates:
            let field = random.chance(0.5) ? "birth_date" : "expiry_date"
            var date = field == "birth_date" ? printed.birthDate : printed.expiryDate
            let before = date
            let choice = random.pick([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (2, 29)])
            date.month = choice.0
            date.day = choice.1
            while choice == (2, 29) && CalendarDate.isLeap(date.year) { date.year += 1 }
            if field == "birth_date" { printed.birthDate = date } else { printed.expiryDate = date }
            encoded = printed
            return TamperRecord(kind: kind, field: field, before: before.description, after: date.description,
                                detail: "\(field) set to a day that does not exist, in both zones")
        case .alteredField:
            return alterEncoded(printed: printed, encoded: &encoded, format: format, reference: reference, random: &random)
        default:
            return nil
        }
    }

    /// `altered_field`: one field of the MRZ changed, the printed page left alone.
    private static func alterEncoded(printed: DocumentFields, encoded: inout DocumentFields, format: SampleFormat,
                                     reference: CalendarDate, random: inout SplitMix64) -> TamperRecord {
        // The name as the MRZ holds it, truncated to the field: a change must show there.
        let nameLength = format.mrzFormat.layout.name.count
        func mrzName(_ surname: String, _ given: String) -> String {
            String((ICAOTransliteration.mrzForm(of: surname) + "<<" + ICAOTransliteration.mrzForm(of: given)).prefix(nameLength))
        }
        let field = random.pick(["surname", "given_names", "birth_date", "expiry_date", "document_number", "sex", "nationality"])
        var before = "", after = ""
        switch field {
        case "surname", "given_names":
            let original = field == "surname" ? printed.surname : printed.givenNames
            var replacement = original
            func altered(_ name: String) -> String {
                field == "surname" ? mrzName(name, printed.givenNames) : mrzName(printed.surname, name)
            }
            // Names in the catalogue are far shorter than the field, so a change always shows; the bound
            // only guards against a surname that fills the field.
            var tries = 0
            while altered(replacement) == altered(original) && tries < 200 {
                tries += 1
                let origin = random.pick(NameCatalogue.origins)
                let drawn = NameCatalogue.name(sex: printed.sex, origin: origin, random: &random)
                replacement = field == "surname" ? drawn.surname : drawn.given
            }
            if field == "surname" { encoded.surname = replacement } else { encoded.givenNames = replacement }
            (before, after) = (original, replacement)
        case "birth_date":
            var date = printed.birthDate
            while date == printed.birthDate || date.calendarDate.map({ $0 >= reference }) ?? true {
                date = random.chance(0.5) ? printed.birthDate.adding(years: random.pick([-10, -5, -2, -1, 1, 2, 5]))
                    : printed.birthDate.adding(days: random.pick([-30, -11, -1, 1, 9, 31]))
            }
            encoded.birthDate = date
            (before, after) = (printed.birthDate.description, date.description)
        case "expiry_date":
            let date = printed.expiryDate.adding(years: random.int(1...5))
            encoded.expiryDate = date
            (before, after) = (printed.expiryDate.description, date.description)
        case "document_number":
            var chars = Array(printed.documentNumber)
            let digits = Array("0123456789"), letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
            for _ in 0..<random.int(1...2) {
                let i = random.int(0...(chars.count - 1))
                let pool = chars[i].isNumber ? digits : letters
                var c = chars[i]
                while c == chars[i] { c = random.pick(pool) }
                chars[i] = c
            }
            if String(chars) == printed.documentNumber { chars[0] = chars[0] == "A" ? "B" : "A" }
            encoded.documentNumber = String(chars)
            (before, after) = (printed.documentNumber, encoded.documentNumber)
        case "sex":
            encoded.sex = printed.sex == "F" ? "M" : "F"
            (before, after) = (printed.sex, encoded.sex)
        default:
            var code = printed.nationality
            while code == printed.nationality {
                code = random.pick(["VNM", "USA", "GBR", "FRA", "CAN", "AUS", "JPN", "KOR", "SGP", "NZL", "IRL", "CHE"])
            }
            encoded.nationality = code
            (before, after) = (printed.nationality, code)
        }
        return TamperRecord(kind: .alteredField, field: field, before: before, after: after,
                            detail: "MRZ \(field) re-encoded with valid check digits; the printed page still shows the old value")
    }

    /// `bad_check_digit`: one check digit of the composed lines replaced by another digit.
    static func breakCheckDigit(_ lines: inout [String], format: SampleFormat, random: inout SplitMix64) -> TamperRecord {
        let layout = format.mrzFormat.layout
        let n = format.mrzFormat.lineLength
        var bytes = Array(lines.joined().utf8)
        var candidates: [(String, Int)] = [("birthDate", layout.birthDateCheck), ("expiryDate", layout.expiryDateCheck)]
        if bytes[layout.documentNumberCheck] != UInt8(ascii: "<") {
            candidates.append(("documentNumber", layout.documentNumberCheck))
        }
        if let o = layout.optionalDataCheck, bytes[o] != UInt8(ascii: "<") { candidates.append(("optionalData", o)) }
        if let c = layout.compositeCheck { candidates.append(("composite", c)) }
        let (field, offset) = random.pick(candidates)
        let old = bytes[offset]
        let digit = (Int(old) - 48 + random.int(1...9)) % 10
        bytes[offset] = UInt8(48 + digit)
        lines = (0..<format.mrzFormat.lineCount).map { String(decoding: bytes[($0 * n)..<(($0 + 1) * n)], as: UTF8.self) }
        return TamperRecord(kind: .badCheckDigit, field: field, line: offset / n, columns: [offset % n],
                            before: String(UnicodeScalar(old)), after: String(digit),
                            detail: "the \(field) check digit printed as \(digit) instead of \(UnicodeScalar(old))")
    }

    /// The layout tamperings, applied to the print plan.
    static func alterPlan(_ kind: TamperKind, plan: inout MRZPrintPlan, format: SampleFormat,
                          random: inout SplitMix64) -> TamperRecord? {
        let pitch = MRZPrintMetrics.pitch
        let length = format.mrzFormat.lineLength
        switch kind {
        case .fontSubstitution:
            let layout = format.mrzFormat.layout
            let fields: [(String, Range<Int>)] = [("documentNumber", layout.documentNumber), ("birthDate", layout.birthDate),
                                                  ("expiryDate", layout.expiryDate)]
            var field: String?
            var line: Int, columns: Range<Int>
            if random.chance(0.5) {
                let chosen = random.pick(fields)
                field = chosen.0
                line = chosen.1.lowerBound / length
                columns = (chosen.1.lowerBound % length)..<(chosen.1.lowerBound % length + chosen.1.count)
            } else {
                (line, columns) = textRun(plan: plan, length: random.int(4...10), random: &random)
            }
            for i in plan.indexes(line: line, columns: columns) { plan.glyphs[i].role = .substitute }
            return TamperRecord(kind: kind, field: field, line: line, columns: Array(columns),
                                detail: "\(columns.count) MRZ characters printed in DejaVu Sans Mono instead of OCR-B")
        case .pitchAnomaly:
            let (line, columns) = textRun(plan: plan, length: random.int(4...8), random: &random)
            let indexes = plan.indexes(line: line, columns: columns)
            let startX = plan.glyphs[indexes[0]].x - pitch / 2
            if random.chance(0.5) {
                let factor = random.uniform(0.75, 0.86)
                for (k, i) in indexes.enumerated() {
                    plan.glyphs[i].x = startX + (Double(k) + 0.5) * pitch * factor
                    plan.glyphs[i].scaleX = factor
                }
                return TamperRecord(kind: kind, line: line, columns: Array(columns), amount: (factor * 1000).rounded() / 1000,
                                    detail: "\(indexes.count) characters condensed to \(Int((factor * 100).rounded()))% of the pitch")
            }
            let shift = (random.chance(0.5) ? 1 : -1) * random.uniform(0.35, 0.55) * pitch
            for i in indexes { plan.glyphs[i].x += shift }
            return TamperRecord(kind: kind, line: line, columns: Array(columns), amount: (shift * 1000).rounded() / 1000,
                                detail: "\(indexes.count) characters shifted \(shift > 0 ? "right" : "left") off the pitch grid (mm)")
        case .lineMisalignment:
            let line = random.int(0...(format.mrzFormat.lineCount - 1))
            let indexes = plan.indexes(line: line, columns: 0..<length)
            let mode = random.int(0...2)
            let sign: Double = random.chance(0.5) ? 1 : -1
            switch mode {
            case 0:
                let dy = sign * random.uniform(0.4, 0.8)
                for i in indexes { plan.glyphs[i].y += dy }
                return TamperRecord(kind: kind, line: line, columns: Array(0..<length), amount: (dy * 1000).rounded() / 1000,
                                    detail: "line shifted vertically off its reference centre line (mm)")
            case 1:
                let degrees = sign * random.uniform(0.6, 1.4)
                let angle = radians(degrees)
                let cx = format.mrzLeftMargin + Double(length) * pitch / 2, cy = format.mrzCentreLines[line]
                let cs = cosine(angle), sn = sine(angle)
                for i in indexes {
                    let dx = plan.glyphs[i].x - cx, dy = plan.glyphs[i].y - cy
                    plan.glyphs[i].x = cx + dx * cs - dy * sn
                    plan.glyphs[i].y = cy + dx * sn + dy * cs
                    plan.glyphs[i].rotation = angle
                }
                return TamperRecord(kind: kind, line: line, columns: Array(0..<length), amount: (degrees * 1000).rounded() / 1000,
                                    detail: "line turned about its centre, clockwise positive (degrees)")
            default:
                let dx = sign * random.uniform(0.5, 0.9) * pitch
                for i in indexes { plan.glyphs[i].x += dx }
                return TamperRecord(kind: kind, line: line, columns: Array(0..<length), amount: (dx * 1000).rounded() / 1000,
                                    detail: "line shifted horizontally: its left edge no longer aligned with the others (mm)")
            }
        default:
            return nil
        }
    }

    /// A run of `length` columns on a random line holding at least three characters other than `<`.
    private static func textRun(plan: MRZPrintPlan, length: Int, random: inout SplitMix64) -> (Int, Range<Int>) {
        let lines = plan.lines.map { Array($0.utf8) }
        for _ in 0..<200 {
            let line = random.int(0...(lines.count - 1))
            let start = random.int(0...(lines[line].count - length))
            let text = lines[line][start..<(start + length)].filter { $0 != UInt8(ascii: "<") }.count
            if text >= 3 { return (line, start..<(start + length)) }
        }
        return (0, 0..<length)
    }

    /// `mrz_pasted`: how the patch differs from the page around it.
    static func pastedBand(paperLevel: Double, random: inout SplitMix64) -> PastedBand {
        let magnitude = random.uniform(8, 20)
        let delta = paperLevel + magnitude > 252 || random.chance(0.6) ? -magnitude : magnitude
        return PastedBand(backgroundDelta: (delta * 10).rounded() / 10, noise: random.uniform(3, 7),
                          blur: random.uniform(0.8, 1.4), noiseSeed: random.next(), margin: random.uniform(0.8, 2.0))
    }
}
