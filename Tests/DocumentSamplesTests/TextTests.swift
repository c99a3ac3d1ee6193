import MRZText
import Testing
@testable import DocumentSamples

/// A page design for tests that only need its date form and captions.
let designForTests: PageDesign = {
    var random = SplitMix64(seed: 1)
    return PageDesign.draw(issuer: "VNM", random: &random)
}()

@Suite struct TextTests {
    @Test("Names reach the MRZ as Doc 9303 Part 3 §6 writes them, the page keeping their national spelling", arguments: [
        ("Nguyễn", "Văn Đức", "NGUYEN<<VAN<DUC"), ("Trần", "Thị Hằng", "TRAN<<THI<HANG"), ("Phượng", "Ỷ Lộc", "PHUONG<<Y<LOC"),
        ("Müller", "Jürgen", "MUELLER<<JUERGEN"), ("Groß", "Anna-Lena", "GROSS<<ANNA<LENA"), ("Sørensen", "Åsa", "SOERENSEN<<AASA"),
        ("Þórsdóttir", "Sigrún", "THORSDOTTIR<<SIGRUN"), ("O'Brien", "Mary", "OBRIEN<<MARY"), ("Yılmaz", "İsmail", "YILMAZ<<ISMAIL"),
        ("Wałęsa", "Łukasz", "WALESA<<LUKASZ"), ("de la Cruz", "Iñigo", "DE<LA<CRUZ<<INIGO"), ("Ærø", "Zoë", "AEROE<<ZOE"),
    ])
    func names(surname: String, given: String, mrzName: String) throws {
        var fields = DocumentFields(
            documentCode: "P<", issuingState: "VNM", nationality: "VNM", documentNumber: "C1234567", surname: surname,
            givenNames: given, birthDate: PrintedDate(year: 1986, month: 4, day: 2), sex: "M",
            expiryDate: PrintedDate(year: 2031, month: 4, day: 1), issueDate: PrintedDate(year: 2021, month: 4, day: 2),
            optionalData: "", optionalData2: "")
        let line = try fields.mrzLines(format: .td3)[0]
        #expect(line.hasPrefix("P<VNM" + mrzName + "<"))
        fields.documentCode = "V<"
        let visa = try fields.mrzLines(format: .mrvA)[0]
        #expect(visa.hasPrefix("V<VNM" + mrzName + "<"))
        let printed = PrintedFields(fields: fields, design: designForTests)
        #expect(printed.surname == surname.uppercased() && printed.givenNames == given.uppercased())
    }

    @Test("Every catalogue name transliterates to the MRZ alphabet")
    func catalogue() {
        let all = NameCatalogue.origins.flatMap { $0.surnames + $0.male + $0.female }
            + NameCatalogue.vietnameseMiddleMale + NameCatalogue.vietnameseMiddleFemale
        for name in all {
            let mrz = ICAOTransliteration.mrzForm(of: name)
            #expect(!mrz.isEmpty && mrz.allSatisfy { ("A"..."Z").contains($0) || $0 == "<" }, "\(name) → \(mrz)")
        }
        // Every Vietnamese tone mark and letter appears.
        let vietnamese = (NameCatalogue.vietnamese.surnames + NameCatalogue.vietnamese.male + NameCatalogue.vietnamese.female
            + NameCatalogue.vietnameseMiddleMale + NameCatalogue.vietnameseMiddleFemale).joined()
        for mark in ["à", "á", "ả", "ã", "ạ", "ă", "â", "đ", "Đ", "ê", "ô", "ơ", "ư", "ồ", "ễ", "ỷ", "ữ", "ợ"] {
            #expect(vietnamese.lowercased().contains(mark.lowercased()), "\(mark)")
        }
    }

    @Test("Dates print in each form", arguments: [
        (VIZDateForm.dayMonthNameYear, "02 APR 1986"), (.slashed, "02/04/1986"), (.spaced, "02 04 1986"),
        (.vietnameseBilingual, "02 THG 04 / APR 1986"),
    ])
    func dateForms(form: VIZDateForm, text: String) {
        #expect(form.format(PrintedDate(year: 1986, month: 4, day: 2)) == text)
    }

    @Test("The VIZ fonts have every glyph a Vietnamese page needs")
    func vietnameseGlyphs() throws {
        let rasterizer = try GlyphRasterizer(fonts: .debian)
        let letters = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
        for role in [FontRole.sans, .sansBold] {
            for scalar in (letters + letters.lowercased()).unicodeScalars {
                let glyph = try rasterizer.render(scalar, role, emPixels: 24, at: 10.25, 30.5)
                #expect(glyph != nil && (glyph?.coverage.contains { $0 > 128 } ?? false), "\(scalar)")
            }
        }
        // OCR-B has the 37 MRZ characters, and they all share one advance (a monospace pitch).
        let advances = Set(try "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<".unicodeScalars.map {
            try rasterizer.unscaledMetrics($0, .ocrB).advance
        })
        #expect(advances.count == 1)
    }

    @Test("SplitMix64 matches the reference sequence and streams are independent")
    func random() {
        var r = SplitMix64(seed: 0)
        #expect(r.next() == 0xE220_A839_7B1D_CDAF)
        #expect(r.next() == 0x6E78_9E6A_A1B9_65F4)
        var a = SplitMix64(seed: 7).stream(1), b = SplitMix64(seed: 7).stream(2)
        #expect(a.next() != b.next())
        var u = SplitMix64(seed: 3)
        for _ in 0..<1000 {
            let v = u.int(-3...5)
            #expect((-3...5).contains(v))
            let g = u.gaussian()
            #expect(abs(g) < 3.5)
        }
    }
}
