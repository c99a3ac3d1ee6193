/// A point in image coordinates (pixels, origin top left, y down).
public struct ImagePoint: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The point at `p` (single precision, as image arithmetic uses).
    public init(_ p: SIMD2<Float>) {
        x = Double(p.x)
        y = Double(p.y)
    }
}

/// Four corners in image coordinates, in reading order: top left, top right, bottom right, bottom left
/// (as the document reads, whatever its orientation in the image).
public struct ImageQuad: Sendable, Hashable, Codable {
    public var corners: [ImagePoint]

    public init(corners: [ImagePoint]) { self.corners = corners }

    /// The axis-aligned box around the corners: `(minX, minY, maxX, maxY)`.
    public var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        (corners.map(\.x).min() ?? 0, corners.map(\.y).min() ?? 0, corners.map(\.x).max() ?? 0, corners.map(\.y).max() ?? 0)
    }
}

