import Imaging

/// What the reader saw of one character cell.
public struct MRZCharacterReading: Sendable, Hashable {
    /// The character read (after any reported correction, the corrected one is in the document's lines).
    public var character: Character
    /// The classifier's probability for it (0-1).
    public var confidence: Float
    /// The second most likely character and its probability.
    public var runnerUp: Character
    public var runnerUpConfidence: Float
    /// The cell in image coordinates: one pitch wide, one character height tall.
    public var box: ImageQuad
    /// The cell centre in image coordinates.
    public var center: ImagePoint
    /// 1 − correlation with the mean OCR-B rendering of the character: small for genuine OCR-B print.
    public var modelDistance: Float
}

/// One MRZ line's geometry.
public struct MRZLineGeometry: Sendable, Hashable {
    /// The baseline from the first cell's left edge to the last cell's right edge.
    public var baselineStart: ImagePoint
    public var baselineEnd: ImagePoint
    /// Direction of reading in degrees (0 = left to right, 90 = top to bottom, image coordinates).
    public var angleDegrees: Double
    /// Character pitch and height in pixels.
    public var pitch: Double
    public var characterHeight: Double
    public var characters: [MRZCharacterReading]
}

/// Where one MRZ line's cells lie, without what they hold: what the layout checks measure glyphs along.
public struct MRZLinePlacement: Sendable, Hashable {
    /// The cell centres in image coordinates, in reading order.
    public var centres: [ImagePoint]
    /// The baseline's start, at the first cell's left edge.
    public var baselineStart: ImagePoint
    /// The baseline's end, at the last cell's right edge.
    public var baselineEnd: ImagePoint
    /// Character pitch in pixels.
    public var pitch: Double
    /// Character height in pixels.
    public var characterHeight: Double
}

extension MRZLineGeometry {
    /// Where the line's cells lie.
    public var placement: MRZLinePlacement {
        MRZLinePlacement(centres: characters.map(\.center), baselineStart: baselineStart, baselineEnd: baselineEnd, pitch: pitch,
                         characterHeight: characterHeight)
    }
}

/// Where the MRZ lies in the image, for the layout checks.
public struct MRZGeometry: Sendable, Hashable {
    /// The band around all lines, half a pitch and half a character height beyond the cells.
    public var band: ImageQuad
    public var lines: [MRZLineGeometry]
    /// The document's outline where it can be found, else `nil`.
    public var documentOutline: ImageQuad?
    /// Whether the document lies upside down relative to the located text direction.
    public var upsideDown: Bool
}

extension ImagePoint {
    /// The point of an image doubled by ``GrayImage/doubled()`` in the original image's coordinates.
    var halved: ImagePoint { ImagePoint(x: x / 2 - 0.25, y: y / 2 - 0.25) }
}

extension ImageQuad {
    var halved: ImageQuad { ImageQuad(corners: corners.map(\.halved)) }
}

extension MRZReading {
    /// This reading of an image doubled by ``GrayImage/doubled()``, its geometry in the original image's
    /// coordinates (points, boxes, pitch and character height).
    func halved() -> MRZReading {
        var reading = self
        reading.geometry.band = geometry.band.halved
        reading.geometry.documentOutline = geometry.documentOutline?.halved
        reading.geometry.lines = geometry.lines.map { line in
            var l = line
            l.baselineStart = line.baselineStart.halved
            l.baselineEnd = line.baselineEnd.halved
            l.pitch = line.pitch / 2
            l.characterHeight = line.characterHeight / 2
            l.characters = line.characters.map { c in
                var character = c
                character.box = c.box.halved
                character.center = c.center.halved
                return character
            }
            return l
        }
        return reading
    }
}
