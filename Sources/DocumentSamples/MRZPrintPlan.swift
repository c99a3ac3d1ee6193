/// One MRZ character as it is to be printed: where its cell centre lies on the page (mm), how it is
/// turned and squeezed, and in which font. Tampering edits these; the truth reports them.
struct MRZGlyph: Sendable {
    var character: Unicode.Scalar
    var line: Int
    var column: Int
    /// Cell centre, mm from the page's top-left corner; the glyph's capitals are centred on it vertically.
    var x: Double
    var y: Double
    /// Clockwise rotation on the page, radians.
    var rotation: Double = 0
    /// Horizontal scale of the glyph (1 = as designed).
    var scaleX: Double = 1
    var role: FontRole = .ocrB
}

/// Every MRZ character of a page, laid out at the ICAO pitch on the reference centre lines.
struct MRZPrintPlan: Sendable {
    var lines: [String]
    var glyphs: [MRZGlyph]

    init(lines: [String], format: SampleFormat) {
        self.lines = lines
        let pitch = MRZPrintMetrics.pitch
        var glyphs: [MRZGlyph] = []
        for (l, text) in lines.enumerated() {
            let y = format.mrzCentreLines[l]
            for (c, scalar) in text.unicodeScalars.enumerated() {
                glyphs.append(MRZGlyph(character: scalar, line: l, column: c,
                                       x: format.mrzLeftMargin + (Double(c) + 0.5) * pitch, y: y))
            }
        }
        self.glyphs = glyphs
    }

    /// Indexes into `glyphs` of line `line`, columns `columns`.
    func indexes(line: Int, columns: Range<Int>) -> [Int] {
        glyphs.indices.filter { glyphs[$0].line == line && columns.contains(glyphs[$0].column) }
    }
}
