import Imaging

/// Points in the truth JSON: `[x, y]` rounded to 0.01 px; a quadrilateral is its four corners.
enum CompactPoints {
    static func pack(_ p: ImagePoint) -> [Double] { [(p.x * 100).rounded() / 100, (p.y * 100).rounded() / 100] }
    static func pack(_ q: ImageQuad) -> [[Double]] { q.corners.map(pack) }

    static func point(_ values: [Double], codingPath: [any CodingKey]) throws -> ImagePoint {
        guard values.count == 2 else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a point is [x, y], got \(values.count) numbers"))
        }
        return ImagePoint(x: values[0], y: values[1])
    }

    static func quad(_ values: [[Double]], codingPath: [any CodingKey]) throws -> ImageQuad {
        guard values.count == 4 else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a quadrilateral has 4 corners, got \(values.count)"))
        }
        return ImageQuad(corners: try values.map { try point($0, codingPath: codingPath) })
    }
}

/// Where things are in the sample image, in image coordinates (pixels, x right, y down; pixel (i, j)
/// covers [i, i+1) × [j, j+1)). Quadrilaterals list their corners as the document reads: top-left,
/// top-right, bottom-right, bottom-left of the upright page, whatever its orientation in the image.
/// In JSON a point is `[x, y]` (0.01 px) and a quadrilateral its four points.
public struct SampleGeometry: Sendable, Hashable, Codable {
    /// The page's corners (on an upside-down capture the first corner is near the image's bottom right).
    public var documentOutline: ImageQuad
    /// The MRZ band: from the first character cell's left edge to the last cell's right edge, from the top
    /// of the upper line's printing zone to the bottom of the lower line's.
    public var mrzBand: ImageQuad
    /// Centre of every MRZ character cell, by line (the glyph's capitals are centred on it), as printed:
    /// shifted and condensed runs are where the tampering put them.
    public var mrzCharacterCentres: [[ImagePoint]]
    /// The nominal 2.54 mm pitch in image pixels (mean over the page, before perspective).
    public var mrzPitch: Double
    /// The OCR-B capital height in image pixels (same scale).
    public var mrzCharacterHeight: Double
    /// Box of each printed VIZ value, corners as above, by field (`surname`, `given_names`, `birth_date`,
    /// `expiry_date`, `document_number`, `nationality`, `sex`).
    public var vizFields: [String: ImageQuad]

    enum CodingKeys: String, CodingKey {
        case documentOutline = "document_outline", mrzBand = "mrz_band", mrzCharacterCentres = "mrz_character_centres"
        case mrzPitch = "mrz_pitch_px", mrzCharacterHeight = "mrz_character_height_px", vizFields = "viz_fields"
    }

    /// The geometry from its parts.
    public init(documentOutline: ImageQuad, mrzBand: ImageQuad, mrzCharacterCentres: [[ImagePoint]], mrzPitch: Double,
                mrzCharacterHeight: Double, vizFields: [String: ImageQuad]) {
        self.documentOutline = documentOutline
        self.mrzBand = mrzBand
        self.mrzCharacterCentres = mrzCharacterCentres
        self.mrzPitch = mrzPitch
        self.mrzCharacterHeight = mrzCharacterHeight
        self.vizFields = vizFields
    }

    /// Decodes the compact JSON form.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let path = c.codingPath
        documentOutline = try CompactPoints.quad(try c.decode([[Double]].self, forKey: .documentOutline), codingPath: path)
        mrzBand = try CompactPoints.quad(try c.decode([[Double]].self, forKey: .mrzBand), codingPath: path)
        mrzCharacterCentres = try c.decode([[[Double]]].self, forKey: .mrzCharacterCentres).map { line in
            try line.map { try CompactPoints.point($0, codingPath: path) }
        }
        mrzPitch = try c.decode(Double.self, forKey: .mrzPitch)
        mrzCharacterHeight = try c.decode(Double.self, forKey: .mrzCharacterHeight)
        vizFields = try c.decode([String: [[Double]]].self, forKey: .vizFields).mapValues {
            try CompactPoints.quad($0, codingPath: path)
        }
    }

    /// Encodes the compact JSON form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(CompactPoints.pack(documentOutline), forKey: .documentOutline)
        try c.encode(CompactPoints.pack(mrzBand), forKey: .mrzBand)
        try c.encode(mrzCharacterCentres.map { $0.map(CompactPoints.pack) }, forKey: .mrzCharacterCentres)
        try c.encode((mrzPitch * 1000).rounded() / 1000, forKey: .mrzPitch)
        try c.encode((mrzCharacterHeight * 1000).rounded() / 1000, forKey: .mrzCharacterHeight)
        try c.encode(vizFields.mapValues(CompactPoints.pack), forKey: .vizFields)
    }
}

/// The ground truth of one sample: one JSON object per image.
public struct SampleTruth: Sendable, Hashable, Codable {
    /// Image file name (no directory).
    public var file: String
    /// `TD1`, `TD2`, `TD3` or `MRVA`.
    public var format: SampleFormat
    /// The MRZ lines exactly as printed.
    public var mrz: [String]
    /// Clean, degraded or fraud.
    public var kind: SampleKind
    /// Tampering labels; empty for genuine documents.
    public var fraud: [TamperKind]
    /// What each tampering changed.
    public var tampering: [TamperRecord]
    /// The data the MRZ encodes (national spelling of names; the MRZ holds their transliteration).
    public var fields: DocumentFields
    /// The printed page's values exactly as printed.
    public var viz: PrintedFields
    /// How the image was captured.
    public var capture: CaptureParameters
    /// The day the document is judged on (`--today`), `YYYY-MM-DD`.
    public var referenceDate: String
    /// The seed that reproduces this sample alone.
    public var seed: UInt64
    /// Image width, pixels.
    public var width: Int
    /// Image height, pixels.
    public var height: Int
    /// Where the page, the MRZ and the VIZ values are in the image.
    public var geometry: SampleGeometry

    enum CodingKeys: String, CodingKey {
        case file, format, mrz, kind, fraud, tampering, fields, viz, capture, referenceDate = "reference_date"
        case seed, width, height, geometry
    }
}
