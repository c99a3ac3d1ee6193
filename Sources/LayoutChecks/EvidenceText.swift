import Imaging

/// How layout findings write their evidence: numbers with a fixed precision, and a location as the four
/// corners of a quadrilateral in image coordinates, `x,y x,y x,y x,y` (pixels, 0.1 px), top left first as the
/// document reads. ``EvidenceLocation/quad(from:)`` reads it back (the annotation draws it).
public enum EvidenceLocation {
    /// `quad` as evidence text.
    public static func text(_ quad: ImageQuad) -> String {
        quad.corners.map { "\(EvidenceLocation.number($0.x, 1)),\(EvidenceLocation.number($0.y, 1))" }.joined(separator: " ")
    }

    /// The quadrilateral written by ``text(_:)``, or `nil` when `text` is not four `x,y` pairs. O(length).
    public static func quad(from text: String) -> ImageQuad? {
        let pairs = text.split(separator: " ")
        guard pairs.count == 4 else { return nil }
        var corners: [ImagePoint] = []
        for pair in pairs {
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), x.isFinite, y.isFinite else { return nil }
            corners.append(ImagePoint(x: x, y: y))
        }
        return ImageQuad(corners: corners)
    }

    /// `value` with `digits` decimals (no exponent), e.g. `number(0.3456, 2)` is `0.35`.
    static func number(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if digits == 0 {
                text = String(text[..<dot])
            } else if decimals < digits {
                text += String(repeating: "0", count: digits - decimals)
            }
        }
        return text == "-0" ? "0" : text
    }

    /// The smallest quadrilateral with sides along `u` and `v` around `points`.
    static func enclosing(_ points: [SIMD2<Double>], u: SIMD2<Double>, v: SIMD2<Double>, margin: Double = 0) -> ImageQuad {
        guard let first = points.first else { return ImageQuad(corners: []) }
        var minU = (first * u).sum(), maxU = minU, minV = (first * v).sum(), maxV = minV
        for p in points {
            let a = (p * u).sum(), b = (p * v).sum()
            minU = min(minU, a); maxU = max(maxU, a); minV = min(minV, b); maxV = max(maxV, b)
        }
        minU -= margin; maxU += margin; minV -= margin; maxV += margin
        func at(_ a: Double, _ b: Double) -> ImagePoint { ImagePoint(u * a + v * b) }
        return ImageQuad(corners: [at(minU, minV), at(maxU, minV), at(maxU, maxV), at(minU, maxV)])
    }
}
