import Foundation
import MRZText
import Testing
@testable import Watchlist

/// ICAO Doc 9303 Part 3 transliteration (Section 6 tables, the decomposition fallback, section 4.6 punctuation).
@Suite struct TransliterationTests {
    @Test(arguments: [
        ("Nguyễn Văn Đức", "NGUYEN<VAN<DUC"),
        ("Müller", "MUELLER"), ("Jörg", "JOERG"), ("Åsa", "AASA"), ("Øystein", "OEYSTEIN"), ("Æsir", "AESIR"),
        ("Straße", "STRASSE"), ("STRAẞE", "STRASSE"), ("Þórsson", "THORSSON"), ("Œdipe", "OEDIPE"),
        ("Muñoz", "MUNOZ"), ("Dvořák", "DVORAK"), ("Łukasz", "LUKASZ"), ("Yılmaz", "YILMAZ"), ("İbrahim", "IBRAHIM"),
        ("Ĳsbrand", "IJSBRAND"), ("Şahin", "SAHIN"),
        ("Щербаков", "SHCHERBAKOV"), ("Юлия", "IULIIA"), ("Фёдоров", "FEDOROV"), ("Євген", "IEVGEN"), ("Ґанна", "GANNA"),
    ])
    func icaoTables(name: String, expected: String) {
        #expect(ICAOTransliteration.mrzForm(of: name) == expected)
    }

    @Test(arguments: [
        ("D'Artagnan", "DARTAGNAN"),          // apostrophe omitted, parts combined
        ("O’Brien", "OBRIEN"),                // typographic apostrophe too
        ("Marie-Élise", "MARIE<ELISE"),       // hyphen: one filler
        ("Eriksson, Anna Maria", "ERIKSSON<ANNA<MARIA"),  // comma: a separator
        ("  van   den Berg ", "VAN<DEN<BERG"),  // spaces collapse, no leading or trailing filler
        ("J.R.R. Tolkien", "JRR<TOLKIEN"),    // other punctuation omitted
        ("Louis XIV 2nd", "LOUIS<XIV<ND"),    // digits are not name characters
        ("ΑΛΕΞΗΣ Smith", "SMITH"),            // no ICAO rule for Greek: omitted
    ])
    func punctuation(name: String, expected: String) {
        #expect(ICAOTransliteration.mrzForm(of: name) == expected)
    }

    /// Every Vietnamese vowel with every tone mark (and horn, breve, circumflex), upper and lower case, composed and
    /// decomposed, becomes its base letter; Đ becomes D.
    @Test func everyVietnameseLetter() {
        let bases: [(String, String)] = [("a", "A"), ("ă", "A"), ("â", "A"), ("e", "E"), ("ê", "E"), ("i", "I"), ("o", "O"),
                                         ("ô", "O"), ("ơ", "O"), ("u", "U"), ("ư", "U"), ("y", "Y")]
        let tones = ["", "\u{0300}", "\u{0301}", "\u{0309}", "\u{0303}", "\u{0323}"]  // grave, acute, hook above, tilde, dot below
        var checked = 0
        for (base, expected) in bases {
            for tone in tones {
                let composed = (base + tone).precomposedStringWithCanonicalMapping
                for text in [composed, composed.uppercased(), composed.decomposedStringWithCanonicalMapping] {
                    #expect(ICAOTransliteration.mrzForm(of: text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
                    checked += 1
                }
            }
        }
        #expect(checked == 12 * 6 * 3)
        #expect(ICAOTransliteration.mrzForm(of: "Đặng đức") == "DANG<DUC")
        #expect(ICAOTransliteration.rule(for: "Đ")?.source == .icaoLatin)
        #expect(ICAOTransliteration.rule(for: "Ơ")?.source == .decomposition)
    }

    @Test func decomposedInputMatchesComposed() {
        for name in ["Müller", "Åsa", "Jörg", "Ñandú", "Dvořák"] {
            #expect(ICAOTransliteration.mrzForm(of: name.decomposedStringWithCanonicalMapping) == ICAOTransliteration.mrzForm(of: name))
        }
    }

    @Test(arguments: [
        ("Müller", ["MUELLER", "MUXXLLER", "MULLER"]),
        ("Jörg", ["JOERG", "JORG"]),
        ("Åsa", ["AASA", "ASA"]),
        ("Ñuño", ["NUNO", "NXXUNXXO"]),
        ("Straße", ["STRASSE"]),
        ("Smith", ["SMITH"]),
    ])
    func alternativeForms(name: String, expected: [String]) {
        #expect(ICAOTransliteration.forms(of: name) == expected)
    }

    @Test func arabicShaddaDoublesTheLetter() {
        // Doc 9303 Part 3 Section 6 C, footnote: the letter carrying a shadda is written twice (e.g. EBBAS).
        #expect(ICAOTransliteration.mrzForm(of: "عبّاس") == "EBBAS")
    }

    @Test func queryDigitsAreReadAsLookAlikeLetters() {
        let tokens = NameNormalizer.queryTokens(surname: "B0B1K", givenNames: "JAR0SLAV<5TEFAN 8ORIS 6EORG 2DENEK")
        #expect(tokens.map(\.normalized) == ["BOBIK", "JAROSLAV", "STEFAN", "BORIS", "GEORG", "ZDENEK"])
        #expect(tokens.map(\.read) == ["B0B1K", "JAR0SLAV", "5TEFAN", "8ORIS", "6EORG", "2DENEK"])
        #expect(tokens.map(\.isSurname) == [true, false, false, false, false, false])
    }

    @Test func listedNamesGetAlternativeAndJoinedForms() {
        let forms = NameNormalizer.listedForms(of: PersonName(surname: "van den Müller", givenNames: "Jörg"))
        let written = forms.map { $0.surname.joined(separator: "<") + "<<" + $0.givenNames.joined(separator: "<") }
        // Form i takes each part's i-th alternative, or its last when it has fewer.
        #expect(written == ["VAN<DEN<MUELLER<<JOERG", "VAN<DEN<MUXXLLER<<JORG", "VAN<DEN<MULLER<<JORG",
                            "VANDENMUELLER<<JOERG", "VANDENMUXXLLER<<JORG", "VANDENMULLER<<JORG"])
        #expect(forms.filter(\.surnameJoined).count == 3)
        // A surname of long parts is not joined (Spanish double surnames stay two parts).
        #expect(NameNormalizer.listedForms(of: PersonName(surname: "García López", givenNames: "Ana")).count == 1)
    }
}
