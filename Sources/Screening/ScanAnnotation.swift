import Findings
import Imaging
import LayoutChecks

/// The page of a scan with what the screening saw drawn over it, for an officer who would rather look than
/// read: the MRZ band (blue), the reader's character cells (green), the glyphs the layout checks measured
/// (grey), the document outline where found (cyan), the printed-page (VIZ) fields read (magenta) and each
/// finding at its location (red for `alert`, orange for `refer`, yellow for `info`; MRZ findings at their
/// `line:column` cell, VIZ mismatches at the printed value).
public enum ScanAnnotation {
    /// The annotated page, or `nil` when the scan kept no image (`ScanOptions.keepsImage`). O(image area).
    public static func render(_ result: ScanResult) -> RGBImage? {
        guard let image = result.image else { return nil }
        var canvas = RGBImage(image)
        let thickness = max(1, min(image.width, image.height) / 600)
        if let outline = result.layout?.outline {
            stroke(outline.quad, on: &canvas, color: RGBColor(red: 0, green: 190, blue: 210), thickness: thickness)
        }
        if let reading = result.mrz {
            stroke(reading.geometry.band, on: &canvas, color: RGBColor(red: 40, green: 90, blue: 255), thickness: thickness)
            for line in reading.geometry.lines {
                for c in line.characters { stroke(c.box, on: &canvas, color: RGBColor(red: 0, green: 170, blue: 60), thickness: 1) }
            }
        }
        for line in result.layout?.lines ?? [] {
            for g in line.glyphs { stroke(g.box, on: &canvas, color: RGBColor(red: 150, green: 150, blue: 150), thickness: 1) }
        }
        for field in (result.viz?.reading?.fields ?? [:]).values where field.box.corners.count == 4 {
            stroke(field.box, on: &canvas, color: RGBColor(red: 200, green: 0, blue: 200), thickness: thickness)
        }
        for finding in result.findings {
            guard let quad = location(of: finding, in: result) else { continue }
            let color: RGBColor = switch finding.severity {
            case .alert: RGBColor(red: 230, green: 0, blue: 0)
            case .refer: RGBColor(red: 255, green: 140, blue: 0)
            case .info: RGBColor(red: 230, green: 210, blue: 0)
            }
            stroke(quad, on: &canvas, color: color, thickness: thickness + 1)
        }
        return canvas
    }

    /// Where a finding points in the image: its evidence quad, or the reader's cell for `line:column`.
    static func location(of finding: Finding, in result: ScanResult) -> ImageQuad? {
        guard let text = finding.evidence?.location else { return nil }
        if let quad = EvidenceLocation.quad(from: text) { return quad }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let line = Int(parts[0]), let column = Int(parts[1]), let lines = result.mrz?.geometry.lines,
              line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].characters.count
        else { return nil }
        return lines[line - 1].characters[column - 1].box
    }

    /// Draws the closed outline of `quad`.
    static func stroke(_ quad: ImageQuad, on canvas: inout RGBImage, color: RGBColor, thickness: Int) {
        let corners = quad.corners
        guard corners.count >= 2 else { return }
        for i in 0..<corners.count {
            line(from: corners[i], to: corners[(i + 1) % corners.count], on: &canvas, color: color, thickness: thickness)
        }
    }

    /// Draws a straight segment `thickness` pixels wide, clipped to the image.
    static func line(from a: ImagePoint, to b: ImagePoint, on canvas: inout RGBImage, color: RGBColor, thickness: Int) {
        let dx = b.x - a.x, dy = b.y - a.y
        let steps = Int(max(abs(dx), abs(dy)).rounded(.up))
        guard steps < 100_000, a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        let half = thickness / 2
        for i in 0...max(steps, 1) {
            let t = Double(i) / Double(max(steps, 1))
            let x = Int((a.x + dx * t).rounded(.down)), y = Int((a.y + dy * t).rounded(.down))
            for oy in -half...(thickness - 1 - half) {
                for ox in -half...(thickness - 1 - half) {
                    let px = x + ox, py = y + oy
                    if px >= 0, py >= 0, px < canvas.width, py < canvas.height { canvas[px, py] = color }
                }
            }
        }
    }
}
