import Foundation
import Findings
import Imaging

/// `layout.alignment`: MRZ lines that are not straight, not parallel, not aligned at the left, or not
/// spaced as the format's lines are.
///
/// Every glyph's ink middle is placed in the image; each line's middles are fitted robustly by a straight
/// line in the band's frame (along and across the reading direction). Lines printed in one pass are
/// parallel to a few hundredths of a degree, start in the same column and keep their spacing; camera
/// perspective changes these by far less than the tolerances (which also accept real documents' print).
enum AlignmentCheck {
    struct LineModel {
        var line: MeasuredLine
        /// Middle line `across = intercept + slope × along`, pixels in the band frame.
        var fit: RobustStatistics.Line
        /// Positions along the band of the first glyph's left edge and the last glyph's right edge, pixels.
        var start: Double
        var end: Double
        var along: [Double]
        var across: [Double]
    }

    static func run(_ lines: [MeasuredLine], layout: ICAOLayout?, options: LayoutOptions, measurements: inout LayoutMeasurements) -> [Finding] {
        guard let first = lines.first else { return [] }
        let u = first.frame.u, v = first.frame.v
        var models: [LineModel] = []
        for line in lines where line.glyphs.count >= line.expectedCount * 4 / 5 {
            let points = line.glyphs.map { line.frame.point(k: $0.centre, t: $0.middle) }
            let along = points.map { ($0 * u).sum() }, across = points.map { ($0 * v).sum() }
            guard let fit = RobustStatistics.fitLine(x: along, y: across, floor: 0.4), let g0 = line.glyphs.first, let g1 = line.glyphs.last else { continue }
            let start = (line.frame.point(k: g0.left, t: g0.middle) * u).sum()
            let end = (line.frame.point(k: g1.right, t: g1.middle) * u).sum()
            models.append(LineModel(line: line, fit: fit, start: start, end: end, along: along, across: across))
        }
        var findings: [Finding] = []
        let pitch = RobustStatistics.median(lines.map(\.frame.pitch))
        let height = RobustStatistics.median(lines.map(\.letterHeight))

        // Straight baselines: a run of glyphs off the line's own smooth course (a quadratic, so that a page
        // bent or a lens's distortion does not count; a shifted run is a local step).
        for m in models {
            let residual = RobustStatistics.quadraticResiduals(x: m.along, y: m.across, floor: 0.4)
                ?? zip(m.along, m.across).map { $1 - m.fit($0) }
            let limit = options.baselineTolerance * height
            var best: Range<Int>?
            var i = 0
            while i < residual.count {
                guard abs(residual[i]) > limit else { i += 1; continue }
                let sign = residual[i] > 0
                let start = i
                while i < residual.count, abs(residual[i]) > limit, (residual[i] > 0) == sign { i += 1 }
                if i - start >= options.minimumRun + 1, (best?.count ?? 0) < i - start { best = start..<i }
            }
            let worst = residual.map(abs).max() ?? 0
            measurements.baselineResidual = max(measurements.baselineResidual, worst / max(height, 1))
            if let run = best {
                let values = run.map { residual[$0] }
                let points = run.flatMap { m.line.glyphs[$0].box.corners.map(\.simd) }
                findings.append(Finding(
                    code: LayoutCode.alignment, severity: .refer, field: nil,
                    message: "Characters \(run.lowerBound + 1)-\(run.upperBound) of MRZ line \(m.line.index + 1) sit off the line's baseline.",
                    evidence: Evidence(
                        measured: "vertical offsets \(values.map { EvidenceLocation.number($0, 1) }.joined(separator: " ")) px",
                        expected: "within \(EvidenceLocation.number(limit, 1)) px (\(EvidenceLocation.number(options.baselineTolerance, 2)) character height) of a straight baseline",
                        location: EvidenceLocation.text(EvidenceLocation.enclosing(points, u: u, v: v, margin: 1)))))
            }
        }
        guard models.count >= 2 else { return findings }

        // Parallel lines. Perspective makes lines converge towards the vanishing point their pitch shrinks
        // towards, D pixels away; the pitch goes as (D − x)², so (dpitch/dx)/pitch = −2/D and a line Δy lower
        // turns by Δy × (dpitch/dx)/(2 pitch) radians. That part is taken out first.
        let meanAlong = models.flatMap(\.along).reduce(0, +) / Double(max(models.flatMap(\.along).count, 1))
        let gradient = perspectiveGradient(models)
        measurements.perspectiveGradient = gradient
        let angles = models.map { atan($0.fit.slope - $0.fit(meanAlong) * gradient / 2) * 180 / Double.pi }
        let referenceAngle = RobustStatistics.median(angles)
        for (m, angle) in zip(models, angles) {
            let others = zip(models, angles).filter { $0.0.line.index != m.line.index }.map(\.1)
            let reference = models.count == 2 ? (others.first ?? referenceAngle) : RobustStatistics.median(others)
            let difference = angle - reference
            measurements.lineAngleDifference = max(measurements.lineAngleDifference, abs(difference))
            guard abs(difference) > options.angleTolerance else { continue }
            // With two lines the turned one cannot be told from the other: report the first pair once.
            if models.count == 2, m.line.index != models[0].line.index { continue }
            findings.append(Finding(
                code: LayoutCode.alignment, severity: .refer, field: nil,
                message: models.count == 2 ? "The MRZ lines are not parallel." : "MRZ line \(m.line.index + 1) is not parallel to the other lines.",
                evidence: Evidence(
                    measured: "line \(m.line.index + 1) at \(EvidenceLocation.number(difference, 2))° to \(models.count == 2 ? "the other line" : "the others")",
                    expected: "parallel within \(EvidenceLocation.number(options.angleTolerance, 2))°",
                    location: EvidenceLocation.text(PitchCheck.lineBox(m.line)))))
        }

        // Left (and right) edges in one column.
        let complete = models.filter { $0.line.isComplete }
        if complete.count >= 2 {
            let startReference = RobustStatistics.median(complete.map(\.start)), endReference = RobustStatistics.median(complete.map(\.end))
            for m in complete {
                let others = complete.filter { $0.line.index != m.line.index }
                let startOthers = complete.count == 2 ? others[0].start : startReference
                let endOthers = complete.count == 2 ? others[0].end : endReference
                let ds = (m.start - startOthers) / pitch, de = (m.end - endOthers) / pitch
                measurements.leftEdgeOffset = max(measurements.leftEdgeOffset, abs(ds))
                let shifted = abs(ds) > options.edgeTolerance && abs(de) > options.edgeTolerance && (ds > 0) == (de > 0)
                    && abs(ds - de) < options.edgeTolerance
                guard shifted || abs(ds) > options.edgeToleranceAlone else { continue }
                if complete.count == 2, m.line.index != complete[0].line.index { continue }
                findings.append(Finding(
                    code: LayoutCode.alignment, severity: .refer, field: nil,
                    message: complete.count == 2 ? "The MRZ lines do not start in the same column." : "MRZ line \(m.line.index + 1) does not start in the same column as the other lines.",
                    evidence: Evidence(
                        measured: "line \(m.line.index + 1) starts \(EvidenceLocation.number(ds, 2)) and ends \(EvidenceLocation.number(de, 2)) pitch from \(complete.count == 2 ? "the other line" : "the others")",
                        expected: "left edges aligned within \(EvidenceLocation.number(options.edgeTolerance, 2)) pitch",
                        location: EvidenceLocation.text(PitchCheck.lineBox(m.line)))))
            }
        }

        // Line spacing: equal between the three TD1 lines; within the plausible range for the format.
        var spacings: [(Int, Double)] = []
        for (a, b) in zip(models.dropLast(), models.dropFirst()) where b.line.index == a.line.index + 1 {
            spacings.append((a.line.index, b.fit(meanAlong) - a.fit(meanAlong)))
        }
        if spacings.count == 2 {
            let s0 = spacings[0].1, s1 = spacings[1].1
            let relative = abs(s0 - s1) / max((s0 + s1) / 2, 1)
            measurements.lineSpacingDifference = relative
            if relative > options.spacingDifferenceTolerance {
                let points = models.flatMap { $0.line.glyphs.flatMap { $0.box.corners.map(\.simd) } }
                findings.append(Finding(
                    code: LayoutCode.alignment, severity: .refer, field: nil,
                    message: "The MRZ lines are not evenly spaced.",
                    evidence: Evidence(
                        measured: "line spacing \(EvidenceLocation.number(s0 / pitch * ICAOLayout.pitch, 2)) and \(EvidenceLocation.number(s1 / pitch * ICAOLayout.pitch, 2)) mm",
                        expected: "equal spacing (within \(Int(options.spacingDifferenceTolerance * 100))%), \(EvidenceLocation.number(layout?.lineSpacing ?? 4.23, 2)) mm nominal",
                        location: EvidenceLocation.text(EvidenceLocation.enclosing(points, u: u, v: v, margin: 1)))))
            }
        }
        for (index, spacing) in spacings {
            let inPitches = spacing / pitch
            measurements.lineSpacingPitches = inPitches
            guard inPitches < options.minimumSpacingPitches || inPitches > options.maximumSpacingPitches else { continue }
            let points = models.filter { $0.line.index == index || $0.line.index == index + 1 }.flatMap { $0.line.glyphs.flatMap { $0.box.corners.map(\.simd) } }
            findings.append(Finding(
                code: LayoutCode.alignment, severity: .refer, field: nil,
                message: "MRZ lines \(index + 1) and \(index + 2) are spaced unlike any MRZ.",
                evidence: Evidence(
                    measured: "line spacing \(EvidenceLocation.number(inPitches * ICAOLayout.pitch, 2)) mm",
                    expected: "\(EvidenceLocation.number(layout?.lineSpacing ?? 6.35, 2)) mm nominal; between \(EvidenceLocation.number(options.minimumSpacingPitches * ICAOLayout.pitch, 1)) and \(EvidenceLocation.number(options.maximumSpacingPitches * ICAOLayout.pitch, 1)) mm",
                    location: EvidenceLocation.text(EvidenceLocation.enclosing(points, u: u, v: v, margin: 1)))))
        }
        return findings
    }

    /// The relative change of the pitch per pixel along the lines, (dpitch/dx)/pitch, from a quadratic fit of
    /// the glyph positions of each complete line (median over lines); 0 when none is complete.
    static func perspectiveGradient(_ models: [LineModel], requireComplete: Bool = true) -> Double {
        var gradients: [Double] = []
        for m in models where (m.line.isComplete || !requireComplete) && m.along.count >= 10 {
            let n = m.along.count
            let centre = Double(n - 1) / 2
            // Least squares x = a + b t + c t² with t = index − centre.
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, y0 = 0.0, y1 = 0.0, y2 = 0.0
            for (j, x) in m.along.enumerated() {
                let t = Double(j) - centre, t2 = t * t
                s0 += 1; s1 += t; s2 += t2; s3 += t2 * t; s4 += t2 * t2
                y0 += x; y1 += x * t; y2 += x * t2
            }
            // Solve the 3 × 3 normal equations by Cramer's rule.
            func det(_ a: [Double]) -> Double {
                a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6])
            }
            let matrix = [s0, s1, s2, s1, s2, s3, s2, s3, s4]
            let d = det(matrix)
            guard abs(d) > 1e-9 else { continue }
            let b = det([s0, y0, s2, s1, y1, s3, s2, y2, s4]) / d
            let c = det([s0, s1, y0, s1, s2, y1, s2, s3, y2]) / d
            guard abs(b) > 1e-6 else { continue }
            gradients.append(2 * c / (b * b))
        }
        return RobustStatistics.median(gradients)
    }
}
