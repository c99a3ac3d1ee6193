import Imaging

/// How a field's value was found on the page.
public enum VIZFieldSource: String, Sendable, Hashable, Codable {
    /// Under a caption read as this field's (`Date of birth / Ngày sinh`).
    case caption
    /// By its content and place where the caption could not be read (of three or more dates, the earliest is
    /// the birth date and the latest the expiry; the first names under captions are surname then given names).
    case layout
    /// By agreeing with the MRZ's value of the field, alone of the lines under captions (the caption was not
    /// read: a value that says what the MRZ says needs none to name it, and no caption read says otherwise).
    case agreement
}

/// One field of the printed page as read.
public struct VIZFieldReading: Sendable, Hashable {
    /// Which field.
    public var name: VIZFieldName
    /// The value as read, with the diacritics printed (`NGUYỄN`, `02 APR 1986`).
    public var value: String
    /// The engine's confidence in the whole value, 0-1 (mean over its characters).
    public var confidence: Float
    /// The engine's confidence in each character of `value` (spaces count 1), 0-1.
    public var characterConfidences: [Float]
    /// The value's box in image coordinates, corners as the page reads.
    public var box: ImageQuad
    /// How the value was found.
    public var source: VIZFieldSource

    /// A reading from its parts.
    public init(name: VIZFieldName, value: String, confidence: Float, characterConfidences: [Float], box: ImageQuad,
                source: VIZFieldSource) {
        self.name = name
        self.value = value
        self.confidence = confidence
        self.characterConfidences = characterConfidences
        self.box = box
        self.source = source
    }

    /// The lowest character confidence, 0-1 (1 for an empty value).
    public var minimumConfidence: Float { characterConfidences.min() ?? 1 }
}

/// What a text line of the page was taken for.
public enum VIZLineRole: Sendable, Hashable {
    /// A caption announcing `field` (or another field of the page when `nil`).
    case caption(VIZFieldName?)
    /// The value of `field`.
    case value(VIZFieldName)
    /// Text that is neither (headers, values of fields not compared, unread lines).
    case other
}

/// One line of text found above the MRZ, with what the engine read.
public struct VIZTextLine: Sendable, Hashable {
    public var text: String
    /// Mean character confidence, 0-1.
    public var confidence: Float
    /// Box in image coordinates.
    public var box: ImageQuad
    public var role: VIZLineRole
}

/// The printed page (visual inspection zone) as read: each compared field found, and every text line.
public struct VIZReading: Sendable, Hashable {
    /// The fields found, by name. A field absent here was not found or not legible.
    public var fields: [VIZFieldName: VIZFieldReading]
    /// Every text line found, top to bottom.
    public var lines: [VIZTextLine]
    /// Time spent, milliseconds: finding the lines and reading them.
    public var milliseconds: Double

    public init(fields: [VIZFieldName: VIZFieldReading], lines: [VIZTextLine], milliseconds: Double) {
        self.fields = fields
        self.lines = lines
        self.milliseconds = milliseconds
    }
}

/// Why the printed page could not be read at all.
public enum VIZReadError: Error, Sendable, Hashable {
    /// The text engine is not available (no language data); the page was not read.
    case engineUnavailable(TextEngineError)
    /// The MRZ geometry gives no usable frame (fewer than two cells, zero pitch).
    case degenerateBand
    /// No line of text was found above the MRZ.
    case noText
}
