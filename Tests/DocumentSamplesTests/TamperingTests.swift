import Imaging
import MRZText
import Testing
@testable import DocumentSamples

/// Each tampering against the genuine document of the same seed: flat captures, so that pixels compare.
@Suite struct TamperingTests {
    static let formats: [SampleFormat] = [.td1, .td3, .mrvA, .td2]

    func pair(_ kind: TamperKind, _ format: SampleFormat, seed: UInt64) throws -> (genuine: RenderedSample, forged: RenderedSample, record: TamperRecord) {
        let genuine = try genuinePage(format, seed: seed)
        let forged = try sample(format, .fraud, tampering: kind, capture: .flat, encoding: .png, seed: seed)
        #expect(forged.truth.kind == .fraud && forged.truth.fraud == [kind])
        let record = try #require(forged.truth.tampering.first)
        #expect(forged.truth.tampering.count == 1 && record.kind == kind)
        return (genuine, forged, record)
    }

    @Test("bad_check_digit: exactly one check digit differs, and the parser names it", arguments: formats)
    func badCheckDigit(format: SampleFormat) throws {
        for seed in UInt64(1)...3 {
            let (genuine, forged, record) = try pair(.badCheckDigit, format, seed: seed)
            let a = Array(genuine.truth.mrz.joined()), b = Array(forged.truth.mrz.joined())
            let changed = a.indices.filter { a[$0] != b[$0] }
            let n = format.mrzFormat.lineLength
            let line = try #require(record.line), column = try #require(record.columns?.first), field = try #require(record.field)
            #expect(changed == [line * n + column])
            #expect(b[changed[0]].isNumber && String(b[changed[0]]) == record.after && String(a[changed[0]]) == record.before)
            let document = parse(forged.truth)
            #expect(!document.valid)
            let failed = document.checks.filter { !$0.valid }.map(\.name.rawValue)
            #expect(failed.contains(field), "\(failed)")
            #expect(forged.truth.viz == genuine.truth.viz && forged.truth.fields == genuine.truth.fields)
        }
    }

    @Test("Layout tamperings keep the MRZ text and the VIZ, and change the print only where recorded",
          arguments: [TamperKind.fontSubstitution, .pitchAnomaly, .lineMisalignment, .mrzPasted], formats)
    func layout(kind: TamperKind, format: SampleFormat) throws {
        for seed in UInt64(1)...2 {
            let (genuine, forged, record) = try pair(kind, format, seed: seed)
            #expect(forged.truth.mrz == genuine.truth.mrz)
            #expect(forged.truth.viz == genuine.truth.viz && forged.truth.fields == genuine.truth.fields)
            #expect(parse(forged.truth).valid && parse(forged.truth).findings.isEmpty)
            let diff = differingPixels(genuine.image, forged.image)
            #expect(!diff.isEmpty)
            let g = genuine.truth.geometry, f = forged.truth.geometry
            let pitch = g.mrzPitch
            switch kind {
            case .mrzPasted:
                let region = try #require(record.region)
                for p in diff { #expect(inside(ImagePoint(x: Double(p.x) + 0.5, y: Double(p.y) + 0.5), region)) }
                for p in g.mrzBand.corners { #expect(inside(p, region)) }
                #expect(f.mrzCharacterCentres == g.mrzCharacterCentres)
                let amount = try #require(record.amount)
                #expect(abs(amount) >= 8)
            case .fontSubstitution:
                #expect(f.mrzCharacterCentres == g.mrzCharacterCentres)
                let line = try #require(record.line), columns = try #require(record.columns)
                let cells = columns.map { g.mrzCharacterCentres[line][$0] }
                let half = g.mrzCharacterHeight
                for p in diff {
                    let hit = cells.contains { abs(Double(p.x) + 0.5 - $0.x) <= pitch / 2 + 1 && abs(Double(p.y) + 0.5 - $0.y) <= half }
                    #expect(hit, "pixel \(p) changed outside the substituted cells")
                }
            case .pitchAnomaly, .lineMisalignment:
                let line = try #require(record.line), columns = Set(try #require(record.columns))
                for (l, centres) in f.mrzCharacterCentres.enumerated() {
                    for (c, p) in centres.enumerated() {
                        let moved = p != g.mrzCharacterCentres[l][c]
                        if l != line || !columns.contains(c) { #expect(!moved, "line \(l) column \(c) moved") }
                    }
                }
                let movedCount = f.mrzCharacterCentres[line].indices.filter { f.mrzCharacterCentres[line][$0] != g.mrzCharacterCentres[line][$0] }.count
                #expect(movedCount >= (kind == .pitchAnomaly ? columns.count - 1 : columns.count - 1))
                // Nothing moves on the other lines' pixels.
                let others = g.mrzCharacterCentres.enumerated().filter { $0.offset != line }.map(\.element)
                for p in diff {
                    for other in others {
                        #expect(abs(Double(p.y) + 0.5 - other[0].y) > g.mrzCharacterHeight * 0.75 || abs(Double(p.y) + 0.5 - g.mrzCharacterCentres[line][0].y) < pitch * 1.5)
                    }
                }
            default:
                Issue.record("unexpected kind \(kind)")
            }
        }
    }

    @Test("Data tamperings agree in both zones, keep the check digits, and give the parser's finding",
          arguments: [TamperKind.expired, .invalidCountry, .impossibleDates], formats)
    func data(kind: TamperKind, format: SampleFormat) throws {
        for seed in UInt64(1)...3 {
            let (genuine, forged, record) = try pair(kind, format, seed: seed)
            let document = parse(forged.truth)
            #expect(document.checks.allSatisfy { $0.valid }, "\(forged.truth.mrz)")
            let codes = document.findings.map(\.code)
            let field = try #require(record.field)
            switch kind {
            case .expired:
                #expect(codes.contains("mrz.expired"))
                #expect(forged.truth.fields.expiryDate.calendarDate! < reference)
                #expect(forged.truth.viz.expiryDate == forged.truth.viz.dateForm.format(forged.truth.fields.expiryDate))
                #expect(forged.truth.viz.expiryDate != genuine.truth.viz.expiryDate)
            case .invalidCountry:
                #expect(codes == ["mrz.unknown_state"])
                #expect(document.findings.first?.field == (field == "issuing_state" ? "issuingState" : "nationality"))
                let code = try #require(record.after)
                #expect(!StateCodes.isValid(code))
                if field == "nationality" { #expect(forged.truth.viz.nationality == record.after) }
                if field == "issuing_state" { #expect(forged.truth.viz.issuingState == record.after) }
            default:
                #expect(codes.contains("mrz.invalid_date"))
                let date = field == "birth_date" ? forged.truth.fields.birthDate : forged.truth.fields.expiryDate
                #expect(date.calendarDate == nil)
                let printed = field == "birth_date" ? forged.truth.viz.birthDate : forged.truth.viz.expiryDate
                #expect(printed == forged.truth.viz.dateForm.format(date))
            }
            // Names and number untouched.
            #expect(forged.truth.viz.surname == genuine.truth.viz.surname && forged.truth.viz.givenNames == genuine.truth.viz.givenNames)
            #expect(forged.truth.viz.documentNumber == genuine.truth.viz.documentNumber)
        }
    }

    @Test("altered_field: MRZ valid, VIZ identical to the genuine page, the MRZ differs in exactly the recorded field", arguments: formats)
    func alteredField(format: SampleFormat) throws {
        var fieldsSeen = Set<String>()
        for seed in UInt64(1)...8 {
            let (genuine, forged, record) = try pair(.alteredField, format, seed: seed)
            #expect(forged.truth.viz == genuine.truth.viz)
            let document = parse(forged.truth)
            #expect(document.valid && document.findings.isEmpty, "\(document.findings.map(\.code))")
            let a = try #require(parse(genuine.truth).fields), b = try #require(document.fields)
            let differing = [
                ("surname", a.surname != b.surname), ("given_names", a.givenNames != b.givenNames),
                ("birth_date", a.birthDateText != b.birthDateText), ("expiry_date", a.expiryDateText != b.expiryDateText),
                ("document_number", a.documentNumber != b.documentNumber), ("sex", a.sex != b.sex),
                ("nationality", a.nationality != b.nationality),
            ].filter(\.1).map(\.0)
            let field = try #require(record.field)
            #expect(differing == [field])
            #expect(record.before != record.after)
            fieldsSeen.insert(record.field ?? "")
        }
        #expect(fieldsSeen.count >= 3)
    }

    @Test("The VIZ of an altered page differs from what its MRZ says in exactly one readable field")
    func alteredVIZDiffersInOneField() throws {
        for seed in UInt64(1)...6 {
            let forged = try sample(.td1, .fraud, tampering: .alteredField, seed: seed)
            let design = forged.truth.viz
            // What the page would print if it followed the MRZ.
            var following = design
            let f = forged.truth.fields
            following.surname = f.surname.uppercased()
            following.givenNames = f.givenNames.uppercased()
            following.nationality = f.nationality
            following.birthDate = design.dateForm.format(f.birthDate)
            following.expiryDate = design.dateForm.format(f.expiryDate)
            following.documentNumber = f.documentNumber
            following.sex = VIZLabels(language: design.labelLanguage).sex(f.sex)
            let changed = design.readable.keys.filter { design.readable[$0] != following.readable[$0] }
            #expect(changed == [forged.truth.tampering[0].field ?? ""])
        }
    }
}
