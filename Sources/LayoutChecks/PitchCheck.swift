import Findings
import Imaging

/// `layout.pitch`: characters off the line's own pitch grid, a line at another pitch than the others, and
/// a pitch that does not match 2.54 mm scaled by the document's size.
///
/// Along each completely measured line the glyph centres are fitted, robustly, by `a + b × cell`; a glyph
/// whose centre is more than `shiftTolerance` cells from its place is shifted, a glyph wider than
/// `overlapWidth` cells (on a line short of glyphs, the widest over `shortLineOverlapWidth`, one per glyph
/// missing) covers two characters run together (condensed print). Genuine print sits within
/// about 0.1 cell of its place at every resolution; a run of `minimumRun` such characters is reported, as
/// long as the rest of the line is regular (otherwise the line is not measurable, not forged).
enum PitchCheck {
    struct LineFit: Sendable {
        var index: Int
        /// Cells per cell of the reader's grid (1 when the reader's pitch is right).
        var scale: Double
        /// Mean pitch in pixels.
        var pitchPixels: Double
        /// Largest residual of a glyph outside any reported run, cells.
        var worstResidual: Double
    }

    static func run(_ lines: [MeasuredLine], outline: DocumentOutline?, layout: ICAOLayout?, options: LayoutOptions,
                    measurements: inout LayoutMeasurements) -> [Finding] {
        var findings: [Finding] = []
        var fits: [LineFit] = []
        var worst = 0.0
        for line in lines {
            guard line.glyphs.count >= line.expectedCount - 2, line.glyphs.count <= line.expectedCount + 2 else { continue }
            let result = examine(line, options: options)
            worst = max(worst, result.worstRun)
            if let finding = result.finding { findings.append(finding) }
            if let fit = result.fit { fits.append(fit) }
        }
        measurements.pitchRunResidual = worst

        // Lines printed at different pitches.
        if fits.count >= 2 {
            let reference = RobustStatistics.median(fits.map(\.pitchPixels))
            for fit in fits {
                let deviation = fit.pitchPixels / reference - 1
                measurements.pitchLineDeviation = max(measurements.pitchLineDeviation, abs(deviation))
                guard abs(deviation) > options.linePitchTolerance, let line = lines.first(where: { $0.index == fit.index }) else { continue }
                findings.append(Finding(
                    code: LayoutCode.pitch, severity: .refer, field: nil,
                    message: "MRZ line \(fit.index + 1) is printed at a different character pitch from the other lines.",
                    evidence: Evidence(measured: "pitch \(EvidenceLocation.number(fit.pitchPixels, 2)) px on line \(fit.index + 1)",
                                       expected: "\(EvidenceLocation.number(reference, 2)) px, as on the other lines (±\(Int(options.linePitchTolerance * 100))%)",
                                       location: EvidenceLocation.text(lineBox(line)))))
            }
        }
        // Pitch against 2.54 mm scaled by the document's width.
        if let outline, let layout, !fits.isEmpty {
            let measured = RobustStatistics.median(fits.map(\.pitchPixels))
            let candidates = layout.pageWidths.map { outline.width * ICAOLayout.pitch / $0 }
            let best = candidates.min(by: { abs(measured / $0 - 1) < abs(measured / $1 - 1) }) ?? measured
            let deviation = measured / best - 1
            measurements.pitchDocumentDeviation = deviation
            if abs(deviation) > options.documentPitchTolerance, let line = lines.first {
                let millimetres = measured / best * ICAOLayout.pitch
                findings.append(Finding(
                    code: LayoutCode.pitch, severity: .refer, field: nil,
                    message: "The MRZ characters are printed at a pitch that does not fit the size of the document.",
                    evidence: Evidence(measured: "pitch \(EvidenceLocation.number(millimetres, 2)) mm (\(EvidenceLocation.number(measured, 2)) px on a document \(EvidenceLocation.number(outline.width, 0)) px wide)",
                                       expected: "2.54 mm (\(EvidenceLocation.number(best, 2)) px) ±\(Int(options.documentPitchTolerance * 100))%",
                                       location: EvidenceLocation.text(lineBox(line)))))
            }
        }
        return findings
    }

    struct LineResult {
        var finding: Finding?
        var fit: LineFit?
        var worstRun: Double
    }

    /// Fits one line's glyph centres to a grid and looks for a run of displaced or overlapping characters.
    ///
    /// Positions are measured in the image along the line (so that a reader's grid bent by the very run looked
    /// for does not hide it), cells counted from the spacings, and the positions fitted robustly by a
    /// quadratic in the cell number (perspective changes the pitch smoothly along a line).
    static func examine(_ line: MeasuredLine, options: LayoutOptions) -> LineResult {
        let n = line.expectedCount
        let glyphs = line.glyphs
        guard glyphs.count >= 8 else { return LineResult(finding: nil, fit: nil, worstRun: 0) }
        let u = line.frame.u
        let x = glyphs.map { (line.frame.point(k: $0.centre, t: $0.middle) * u).sum() }
        let widths = glyphs.map { (($0.box.corners[1].simd - $0.box.corners[0].simd) * u).sum() }
        let spacings = zip(x.dropFirst(), x).map { $0 - $1 }
        let pitch = RobustStatistics.median(spacings)
        guard pitch > 1 else { return LineResult(finding: nil, fit: nil, worstRun: 0) }
        // Glyph centres are trusted only for blobs the size of one glyph; two or more slivers mean the print
        // is broken up and the line is not measurable. A blob wider than `overlapWidth` holds two glyphs run
        // together: it sits half-way between two cells. On a line with fewer glyphs than characters, so do the
        // widest blobs over `shortLineOverlapWidth`, as many as glyphs are missing.
        guard widths.filter({ $0 < options.fragmentWidth * pitch }).count <= 1 else { return LineResult(finding: nil, fit: nil, worstRun: 0) }
        let reliable = zip(glyphs, widths).map { !$0.isTouched && $1 >= options.fragmentWidth * pitch && $1 <= options.singleGlyphWidth * pitch }
        var merged = widths.map { $0 > options.overlapWidth * pitch }
        let missing = n - glyphs.count - merged.filter { $0 }.count
        if missing > 0 {
            let wide = widths.indices.filter { !merged[$0] && widths[$0] > options.shortLineOverlapWidth * pitch }
            for j in wide.sorted(by: { widths[$0] > widths[$1] }).prefix(missing) { merged[j] = true }
        }
        // Cell positions: one per glyph when the count is right and nothing is merged, else counted along from
        // the spacings against the local pitch (perspective changes it along the line).
        var positions: [Double]
        if glyphs.count == n, !merged.contains(true) {
            positions = (0..<n).map(Double.init)
        } else {
            positions = [merged[0] ? 0.5 : 0]
            for j in 1..<glyphs.count {
                let window = spacings[max(0, j - 7)..<min(spacings.count, j + 6)].filter { $0 > 0.6 * pitch && $0 < 1.4 * pitch }
                let local = window.isEmpty ? pitch : RobustStatistics.median(Array(window))
                let raw = positions[j - 1] + spacings[j - 1] / local
                let next = merged[j] ? (raw - 0.5).rounded() + 0.5 : raw.rounded()
                positions.append(max(next, positions[j - 1] + (merged[j] || merged[j - 1] ? 1.5 : 1)))
            }
        }
        let cells = positions.map { Int($0.rounded(.down)) }
        let count = max(n, (cells.last ?? 0) + 2)
        let fitIndices = glyphs.indices.filter { reliable[$0] }
        guard fitIndices.count >= 8, let grid = RobustStatistics.fitQuadratic(x: fitIndices.map { positions[$0] }, y: fitIndices.map { x[$0] },
                                                                           floor: 0.03 * pitch, leastMedianStart: true)
        else { return LineResult(finding: nil, fit: nil, worstRun: 0) }
        let residualPixels = glyphs.indices.map { x[$0] - grid(positions[$0]) }
        // Per cell: the largest displacement of a glyph assigned to it (pitches), overlaps, and empty cells.
        var residual = [Double](repeating: 0, count: count)
        var anomalous = [Bool](repeating: false, count: count)
        var occupied = [Int](repeating: 0, count: count)
        var overlaps = [Bool](repeating: false, count: count)
        var displacedCell = [Bool](repeating: false, count: count)
        for (j, (g, cell)) in zip(glyphs, cells).enumerated() {
            occupied[cell] += 1
            guard !g.isTouched else { continue }
            let r = residualPixels[j] / pitch
            if reliable[j] {
                if abs(r) > abs(residual[cell]) { residual[cell] = r }
                if abs(r) >= options.shiftTolerance {
                    anomalous[cell] = true
                    displacedCell[cell] = true
                }
            }
            if merged[j] {
                for c in cell...min(count - 1, cell + 1) {
                    anomalous[c] = true
                    overlaps[c] = true
                }
            }
        }
        for c in 0..<count where occupied[c] != 1 {
            let neighbours = (c > 0 && anomalous[c - 1]) || (c + 1 < count && anomalous[c + 1])
            if occupied[c] > 1 || neighbours { anomalous[c] = true }
        }
        // Runs of anomalous cells.
        var runs: [Range<Int>] = []
        var c = 0
        while c < count {
            if anomalous[c] {
                let start = c
                while c < count, anomalous[c] { c += 1 }
                runs.append(start..<c)
            } else {
                c += 1
            }
        }
        let long = runs.filter { $0.count >= options.minimumRun }
        let strongest = long.max(by: { strength($0, residual) < strength($1, residual) })
        let runStrength = strongest.map { strength($0, residual) } ?? 0
        let isolated = runs.filter { $0 != strongest }.reduce(0) { $0 + $1.count }
        let lineFit = LineFit(index: line.index, scale: pitch / line.frame.pitch, pitchPixels: pitch, worstResidual: residual.map(abs).max() ?? 0)
        if let drift = condensedRun(positions: positions, x: x, reliable: reliable, pitch: pitch, options: options),
           isolated + (strongest?.count ?? 0) <= options.allowedIsolatedAnomalies + drift.count {
            return LineResult(finding: driftFinding(drift, line: line, glyphs: glyphs, pitch: pitch, options: options), fit: lineFit, worstRun: max(runStrength, drift.closing))
        }
        let displacedInRun = strongest.map { $0.filter { displacedCell[$0] }.count } ?? 0
        let overlapInRun = strongest.map { $0.contains { overlaps[$0] } } ?? false
        // Two displaced glyphs, or one beside glyphs run together (which genuine print never shows).
        guard let run = strongest, isolated <= options.allowedIsolatedAnomalies,
              (displacedInRun >= options.minimumRun && runStrength >= options.runShiftTolerance) || (displacedInRun >= 1 && overlapInRun)
        else {
            return LineResult(finding: nil, fit: lineFit, worstRun: runStrength)
        }
        let displaced = run.map { residual[$0] }
        let meanShift = displaced.reduce(0, +) / Double(max(displaced.count, 1))
        let inRun = zip(glyphs.indices, cells).filter { run.contains($0.1) }.map(\.0)
        let kind = run.contains(where: { overlaps[$0] }) ? "run together (overlapping)"
            : (abs(meanShift) >= options.shiftTolerance ? "shifted \(meanShift > 0 ? "right" : "left")" : "irregularly spaced")
        let points = inRun.flatMap { glyphs[$0].box.corners.map(\.simd) }
        let location = EvidenceLocation.enclosing(points, u: line.frame.u, v: line.frame.v, margin: 1)
        let finding = Finding(
            code: LayoutCode.pitch, severity: .refer, field: nil,
            message: "Characters \(run.lowerBound + 1)-\(run.upperBound) of MRZ line \(line.index + 1) are \(kind) against the line's character pitch.",
            evidence: Evidence(
                measured: "line \(line.index + 1) columns \(run.lowerBound + 1)-\(run.upperBound): offsets \(displaced.map { EvidenceLocation.number($0, 2) }.joined(separator: " ")) pitch; glyph widths \(inRun.map { EvidenceLocation.number(widths[$0] / pitch, 2) }.joined(separator: " ")) pitch",
                expected: "every character within \(EvidenceLocation.number(options.shiftTolerance, 2)) pitch of the line's grid (\(EvidenceLocation.number(pitch, 1)) px)",
                location: EvidenceLocation.text(location)))
        return LineResult(finding: finding, fit: lineFit, worstRun: runStrength)
    }

    /// A run of characters printed closer together (or further apart) than the pitch, closed by one gap
    /// that makes up the difference: glyphs `range` (indices) with spacings short by `deficit` pitches in all.
    struct Drift {
        var range: Range<Int>
        var spacings: [Double]
        var gap: Double
        var closing: Double
        var count: Int { range.count }
    }

    /// Looks along consecutive one-cell spacings for a gap at least `driftGap` pitches off 1 next to a run of
    /// at least three spacings all off 1 the other way whose deficits add up to the gap's excess (±40%).
    /// Genuine print keeps every spacing within a few hundredths of the pitch.
    static func condensedRun(positions: [Double], x: [Double], reliable: [Bool], pitch: Double, options: LayoutOptions) -> Drift? {
        guard x.count >= 8 else { return nil }
        var spacing = [Double?](repeating: nil, count: x.count - 1)
        for j in 0..<(x.count - 1) where reliable[j] && reliable[j + 1] && positions[j + 1] - positions[j] == 1 {
            spacing[j] = (x[j + 1] - x[j]) / pitch
        }
        var best: Drift?
        for (g, gapValue) in spacing.enumerated() {
            guard let gap = gapValue, abs(gap - 1) >= options.driftGap else { continue }
            let excess = gap - 1
            for direction in [-1, 1] {
                // The run of spacings on one side of the gap, all off 1 the other way.
                var run: [Double] = []
                var j = g + direction
                while j >= 0, j < spacing.count, let s = spacing[j], (s - 1) * excess < 0, abs(s - 1) >= 0.015 {
                    run.append(s)
                    j += direction
                }
                guard run.count >= 3 else { continue }
                let deficit = run.reduce(0) { $0 + (1 - $1) }
                guard abs(deficit - excess) <= 0.4 * abs(excess) else { continue }
                let first = direction < 0 ? g - run.count + 1 : g + 1
                let range = first..<(first + run.count + (direction < 0 ? 0 : 1))
                let candidate = Drift(range: range, spacings: direction < 0 ? run.reversed() : run, gap: gap, closing: abs(excess))
                if best.map({ candidate.closing > $0.closing }) ?? true { best = candidate }
            }
        }
        return best
    }

    static func driftFinding(_ drift: Drift, line: MeasuredLine, glyphs: [MeasuredGlyph], pitch: Double, options: LayoutOptions) -> Finding {
        let points = drift.range.clamped(to: glyphs.indices).flatMap { glyphs[$0].box.corners.map(\.simd) }
        let location = EvidenceLocation.enclosing(points, u: line.frame.u, v: line.frame.v, margin: 1)
        let kind = drift.gap > 1 ? "condensed" : "spread out"
        return Finding(
            code: LayoutCode.pitch, severity: .refer, field: nil,
            message: "Characters \(drift.range.lowerBound + 1)-\(drift.range.upperBound + 1) of MRZ line \(line.index + 1) are \(kind) against the line's character pitch, with a gap making up the difference.",
            evidence: Evidence(
                measured: "spacings \(drift.spacings.map { EvidenceLocation.number($0, 2) }.joined(separator: " ")) pitch, then a gap of \(EvidenceLocation.number(drift.gap, 2)) pitch",
                expected: "every spacing 1 pitch (\(EvidenceLocation.number(pitch, 1)) px) within \(EvidenceLocation.number(options.driftGap, 2))",
                location: EvidenceLocation.text(location)))
    }

    /// A run's strength: its largest absolute displacement, cells.
    static func strength(_ run: Range<Int>, _ residual: [Double]) -> Double {
        run.map { abs(residual[$0]) }.max() ?? 0
    }

    /// The box around a line's glyphs, image coordinates.
    static func lineBox(_ line: MeasuredLine) -> ImageQuad {
        EvidenceLocation.enclosing(line.glyphs.flatMap { $0.box.corners.map(\.simd) }, u: line.frame.u, v: line.frame.v, margin: 1)
    }
}
