import Imaging
import MRZText

extension DocumentFields {
    /// A random genuine document of `format`, valid on `reference` (not expired, born before issue).
    static func draw(format: SampleFormat, reference: CalendarDate, random: inout SplitMix64) -> DocumentFields {
        let origin: NameOrigin = random.chance(0.35) ? NameCatalogue.vietnamese : random.pick(NameCatalogue.origins)
        let nationality = random.pick(origin.states)
        var issuer = nationality
        if format == .mrvA {
            let others = IssuingStates.visaIssuers.filter { $0 != nationality }
            issuer = random.pick(others)
        }
        var sex = random.chance(0.5) ? "F" : "M"
        if IssuingStates.allowX.contains(issuer), random.chance(0.08) { sex = "X" }
        let name = NameCatalogue.name(sex: sex, origin: origin, random: &random)

        let today = PrintedDate(reference)
        // Validity: visas months, children's documents 5 years, adults' 5 or 10.
        let ageDays = random.int(200...(85 * 365))
        let birth = today.adding(days: -ageDays)
        let validityYears = format == .mrvA ? 0 : (ageDays < 16 * 365 || random.chance(0.3) ? 5 : 10)
        let issue: PrintedDate
        let expiry: PrintedDate
        if format == .mrvA {
            let days = random.int(30...730)
            issue = today.adding(days: -random.int(0...(days - 1)))
            expiry = issue.adding(days: days)
        } else {
            let span = validityYears * 365
            issue = today.adding(days: -random.int(15...min(span - 15, max(15, ageDays - 30))))
            expiry = issue.adding(years: validityYears).adding(days: -1)
        }

        let code: String
        switch format {
        case .td3: code = random.pick(["P<", "P<", "P<", "P<", "PD", "PO"])
        case .td1: code = random.pick(["I<", "ID", "ID", "IR", "AC"])
        case .td2: code = random.pick(["I<", "ID", "IR"])
        case .mrvA: code = random.pick(["V<", "V<", "VD"])
        }

        let number = drawNumber(format: format, issuer: issuer, random: &random)
        var optional = "", optional2 = ""
        let digits = "0123456789"
        switch format {
        case .td3:
            if issuer == "VNM" && random.chance(0.7) {
                optional = random.string(from: digits, count: 12)
            } else if random.chance(0.35) {
                optional = random.string(from: digits, count: random.int(6...14))
            }
        case .mrvA:
            if random.chance(0.35) { optional = random.string(from: digits + "ABCDEFGHJKLMNPRSTUVWXYZ", count: random.int(4...16)) }
        case .td1:
            if number.count <= 9, random.chance(0.45) { optional = random.string(from: digits, count: random.int(6...15)) }
            if random.chance(0.3) { optional2 = random.string(from: digits, count: random.int(4...11)) }
        case .td2:
            if random.chance(0.25) { optional = random.string(from: digits, count: random.int(3...7)) }
        }
        return DocumentFields(
            documentCode: code, issuingState: issuer, nationality: nationality, documentNumber: number,
            surname: name.surname, givenNames: name.given, birthDate: birth, sex: sex, expiryDate: expiry,
            issueDate: issue, optionalData: optional, optionalData2: optional2)
    }

    /// A document number in one of the shapes states use; TD1 numbers are sometimes longer than 9.
    static func drawNumber(format: SampleFormat, issuer: String, random: inout SplitMix64) -> String {
        let digits = "0123456789", letters = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
        if format == .td1, random.chance(0.15) {
            return random.string(from: letters, count: 2) + random.string(from: digits, count: random.int(8...10))
        }
        if issuer == "VNM" && format == .td3 {
            return random.pick(["B", "C", "N"]) + random.string(from: digits, count: 7)
        }
        switch random.int(0...4) {
        case 0: return random.string(from: letters, count: 1) + random.string(from: digits, count: 7)
        case 1: return random.string(from: letters, count: 2) + random.string(from: digits, count: 7)
        case 2: return random.string(from: digits, count: 9)
        case 3: return random.string(from: letters + digits, count: 9)
        default: return random.string(from: letters, count: 1) + random.string(from: digits, count: 8)
        }
    }
}

/// The look of one page: colours, security pattern, label language and date form.
struct PageDesign: Sendable {
    var paper: RGBColor
    var patternInk: RGBColor
    var textInk: RGBColor
    var labelInk: RGBColor
    var mrzInk: RGBColor
    var accent: RGBColor
    /// Wavy horizontal lines: period (mm), amplitude (periods), wavelength along x (mm), phase.
    var wave: (period: Double, amplitude: Double, length: Double, phase: Double)
    /// Diagonal lines crossing the first family.
    var cross: (period: Double, amplitude: Double, length: Double, phase: Double)
    /// Rosette centre (fractions of the page) and radius (fraction of the height), and its lobes.
    var rosette: (x: Double, y: Double, radius: Double, lobes: Int, period: Double)
    /// Line darkness of the pattern (0...1).
    var patternStrength: Double
    /// Coverage exponent of printed text (ink spread).
    var inkGamma: Double
    var labels: VIZLabels
    var dateForm: VIZDateForm
    var entries: String

    static func draw(issuer: String, random: inout SplitMix64) -> PageDesign {
        let tints: [(Int, Int, Int)] = [(238, 244, 234), (246, 236, 238), (234, 240, 248), (248, 244, 230),
                                        (240, 236, 246), (236, 246, 244)]
        let base = random.pick(tints)
        let jitter = { (v: Int, r: inout SplitMix64) -> UInt8 in UInt8(clamping: v + r.int(-4...4)) }
        let paper = RGBColor(red: jitter(base.0, &random), green: jitter(base.1, &random), blue: jitter(base.2, &random))
        let inks: [(Int, Int, Int)] = [(120, 160, 130), (170, 120, 140), (110, 140, 185), (180, 150, 100), (140, 120, 175)]
        let ink = random.pick(inks)
        let patternInk = RGBColor(red: UInt8(ink.0), green: UInt8(ink.1), blue: UInt8(ink.2))
        let darkness = random.int(12...40)
        let textInk = RGBColor(red: UInt8(darkness), green: UInt8(darkness), blue: UInt8(darkness + random.int(0...12)))
        let labelTone = random.int(70...110)
        let labelInk = RGBColor(red: UInt8(labelTone), green: UInt8(labelTone), blue: UInt8(labelTone + 10))
        let mrzTone = UInt8(random.int(8...30))
        let accent = RGBColor(red: UInt8(ink.0 / 2), green: UInt8(ink.1 / 2), blue: UInt8(ink.2 / 2))
        // Vietnamese pages carry Vietnamese captions; French- and Spanish-speaking issuers mostly their own;
        // the rest mostly English alone, sometimes another layout so that readers cannot rely on one.
        var language = random.pick(["en", "en", "en", "en", "vi", "fr", "es"])
        if issuer == "VNM" { language = "vi" }
        if ["FRA", "BEL", "LUX", "CAN"].contains(issuer), random.chance(0.7) { language = "fr" }
        if ["ESP", "MEX", "ARG", "COL", "CHL"].contains(issuer), random.chance(0.7) { language = "es" }
        var form = random.pick([VIZDateForm.dayMonthNameYear, .dayMonthNameYear, .slashed, .spaced])
        if language == "vi", random.chance(0.5) { form = .vietnameseBilingual }
        return PageDesign(
            paper: paper, patternInk: patternInk, textInk: textInk, labelInk: labelInk,
            mrzInk: RGBColor(red: mrzTone, green: mrzTone, blue: mrzTone), accent: accent,
            wave: (random.uniform(0.55, 0.9), random.uniform(0.3, 0.9), random.uniform(12, 30), random.uniform(0, 1)),
            cross: (random.uniform(0.8, 1.4), random.uniform(0.2, 0.6), random.uniform(15, 40), random.uniform(0, 1)),
            rosette: (random.uniform(0.6, 0.85), random.uniform(0.3, 0.5), random.uniform(0.18, 0.28),
                      random.int(9...18), random.uniform(0.5, 0.9)),
            patternStrength: random.uniform(0.22, 0.4), inkGamma: random.uniform(0.85, 1.15),
            labels: VIZLabels(language: language), dateForm: form, entries: random.pick(["MULT", "1", "2"]))
    }
}

extension PrintedFields {
    /// The page's rendering of `fields` in `design`'s date form and language.
    init(fields: DocumentFields, design: PageDesign) {
        func code(_ s: String) -> String { String(s.filter { $0 != "<" }) }
        self.init(
            surname: fields.surname.uppercased(), givenNames: fields.givenNames.uppercased(),
            nationality: code(fields.nationality), birthDate: design.dateForm.format(fields.birthDate),
            sex: design.labels.sex(fields.sex), documentNumber: fields.documentNumber,
            expiryDate: design.dateForm.format(fields.expiryDate), issueDate: design.dateForm.format(fields.issueDate),
            issuingState: code(fields.issuingState), dateForm: design.dateForm, labelLanguage: design.labels.language)
    }
}
