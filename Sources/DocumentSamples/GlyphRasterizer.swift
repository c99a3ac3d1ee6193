import CDocScreenFreeType

/// The fonts the generator draws with. The defaults are Debian's `fonts-ocr-b` (public domain OCR-B)
/// and `fonts-dejavu-core`.
public struct SampleFonts: Sendable, Hashable {
    /// OCR-B, for the MRZ.
    public var ocrB: String
    /// A monospace impostor for `font_substitution` (DejaVu Sans Mono).
    public var substitute: String
    /// The VIZ labels (DejaVu Sans: every Vietnamese letter and tone mark).
    public var sans: String
    /// The VIZ values and headers (DejaVu Sans Bold).
    public var sansBold: String

    /// Fonts at the given paths.
    public init(ocrB: String, substitute: String, sans: String, sansBold: String) {
        self.ocrB = ocrB
        self.substitute = substitute
        self.sans = sans
        self.sansBold = sansBold
    }

    /// The fonts Debian installs.
    public static let debian = SampleFonts(
        ocrB: "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
        substitute: "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
        sans: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        sansBold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
}

/// Which of the sample fonts a run of text uses.
enum FontRole: Int, CaseIterable, Sendable {
    case ocrB, substitute, sans, sansBold
}

/// One rendered glyph: 8-bit coverage, placed with its top-left pixel at (`left`, `top`).
struct GlyphBitmap {
    var left: Int
    var top: Int
    var width: Int
    var height: Int
    var coverage: [UInt8]
}

/// A 2 × 2 linear map in image coordinates (y down), applied to glyph outlines.
struct GlyphTransform: Sendable, Hashable {
    var a: Double, b: Double, c: Double, d: Double

    static let identity = GlyphTransform(a: 1, b: 0, c: 0, d: 1)

    /// Rotation clockwise on screen by `radians`, after a horizontal scale of `scaleX`.
    static func rotation(_ radians: Double, scaleX: Double = 1) -> GlyphTransform {
        let cs = cosine(radians), sn = sine(radians)
        return GlyphTransform(a: cs * scaleX, b: -sn, c: sn * scaleX, d: cs)
    }

    func apply(_ x: Double, _ y: Double) -> (Double, Double) { (a * x + b * y, c * x + d * y) }
}

/// FreeType glyph rendering for one page: owns a library and the four faces, frees them at the end.
/// Not shared between tasks; each page render makes its own.
final class GlyphRasterizer {
    private var library: FT_Library?
    private var faces: [FT_Face?] = []
    private var currentSize: [Int64] = []
    private let paths: [String]

    init(fonts: SampleFonts) throws(SampleError) {
        paths = [fonts.ocrB, fonts.substitute, fonts.sans, fonts.sansBold]
        var lib: FT_Library?
        let status = FT_Init_FreeType(&lib)
        guard status == 0, let lib else { throw .freeType(operation: "FT_Init_FreeType", code: status) }
        library = lib
        for path in paths {
            var face: FT_Face?
            let error = FT_New_Face(lib, path, 0, &face)
            guard error == 0, face != nil else { throw .fontUnavailable(path: path, freeTypeError: error) }
            faces.append(face)
        }
        currentSize = Array(repeating: -1, count: faces.count)
    }

    deinit {
        for face in faces { if let face { FT_Done_Face(face) } }
        if let library { FT_Done_FreeType(library) }
    }

    private func face(_ role: FontRole) -> FT_Face {
        faces[role.rawValue]!
    }

    /// Font units per em.
    func unitsPerEm(_ role: FontRole) -> Double {
        Double(face(role).pointee.units_per_EM)
    }

    /// Unscaled metrics of `scalar`: advance and bounding box top (font units), or an error if the glyph is missing.
    func unscaledMetrics(_ scalar: Unicode.Scalar, _ role: FontRole) throws(SampleError) -> (advance: Double, top: Double) {
        let f = face(role)
        guard FT_Get_Char_Index(f, FT_ULong(scalar.value)) != 0 || scalar.properties.generalCategory == .spaceSeparator else {
            throw .glyphMissing(character: String(scalar), font: paths[role.rawValue])
        }
        let error = FT_Load_Char(f, FT_ULong(scalar.value), FT_Int32(Self.loadNoScale))
        guard error == 0 else { throw .freeType(operation: "FT_Load_Char", code: error) }
        let m = f.pointee.glyph.pointee.metrics
        return (Double(m.horiAdvance), Double(m.horiBearingY))
    }

    /// The advance of `scalar` at `emPixels` pixels per em.
    func advance(_ scalar: Unicode.Scalar, _ role: FontRole, emPixels: Double) throws(SampleError) -> Double {
        try unscaledMetrics(scalar, role).advance * emPixels / unitsPerEm(role)
    }

    /// Height of the capital `H` as a fraction of the em.
    func capitalHeightPerEm(_ role: FontRole) throws(SampleError) -> Double {
        try unscaledMetrics("H", role).top / unitsPerEm(role)
    }

    /// `scalar` rendered at `emPixels` per em with its origin (left end of the baseline) at
    /// (`x`, `y`) in image coordinates, transformed by `transform` about the origin. `nil` for blank glyphs.
    func render(_ scalar: Unicode.Scalar, _ role: FontRole, emPixels: Double, at x: Double, _ y: Double,
                transform: GlyphTransform = .identity) throws(SampleError) -> GlyphBitmap? {
        let f = face(role)
        let size = Int64((emPixels * 64).rounded())
        if currentSize[role.rawValue] != size {
            let error = FT_Set_Char_Size(f, 0, FT_F26Dot6(size), 72, 72)
            guard error == 0 else { throw .freeType(operation: "FT_Set_Char_Size", code: error) }
            currentSize[role.rawValue] = size
        }
        let ix = Int((x).rounded(.down)), iy = Int((y).rounded(.down))
        let fx = x - Double(ix), fy = y - Double(iy)
        // FreeType's y axis points up: conjugate the image-space matrix by a vertical flip.
        var matrix = FT_Matrix(xx: FT_Fixed((transform.a * 65536).rounded()), xy: FT_Fixed((-transform.b * 65536).rounded()),
                               yx: FT_Fixed((-transform.c * 65536).rounded()), yy: FT_Fixed((transform.d * 65536).rounded()))
        var delta = FT_Vector(x: FT_Pos((fx * 64).rounded()), y: FT_Pos((-fy * 64).rounded()))
        FT_Set_Transform(f, &matrix, &delta)
        let error = FT_Load_Char(f, FT_ULong(scalar.value), FT_Int32(Self.loadRender))
        guard error == 0 else { throw .freeType(operation: "FT_Load_Char", code: error) }
        let slot = f.pointee.glyph.pointee
        let bitmap = slot.bitmap
        let width = Int(bitmap.width), height = Int(bitmap.rows), pitch = Int(bitmap.pitch)
        guard width > 0, height > 0, let buffer = bitmap.buffer else { return nil }
        var coverage = [UInt8](repeating: 0, count: width * height)
        for row in 0..<height {
            let source = pitch >= 0 ? row * pitch : (height - 1 - row) * (-pitch)
            for col in 0..<width { coverage[row * width + col] = buffer[source + col] }
        }
        return GlyphBitmap(left: ix + Int(slot.bitmap_left), top: iy - Int(slot.bitmap_top),
                           width: width, height: height, coverage: coverage)
    }

    // FT_LOAD_NO_SCALE = 1, FT_LOAD_NO_HINTING = 2, FT_LOAD_RENDER = 4, FT_LOAD_NO_BITMAP = 8.
    private static let loadNoScale: Int32 = 1
    private static let loadRender: Int32 = 2 | 4 | 8
}
