import Findings
import Foundation
import Imaging

/// `image.recompressed`: JPEG double-compression traces that differ between the MRZ region and the rest of
/// the page.
///
/// A JPEG saved twice (first with step `q1`, then `q2`) leaves periodic holes in the histograms of its
/// quantised DCT coefficients: some multiples of `q2` cannot be reached from multiples of `q1`. A region
/// pasted in between the two saves (from a file never compressed, or compressed on another grid) lacks the
/// holes; a region pasted from another JPEG into a page saved once has holes the page lacks. The
/// coefficients are recomputed from the decoded luma on the file's 8 × 8 grid (exact to the rounding of the
/// decoder, far below any step) for nine low frequencies, over the blocks of the band and a sample of the
/// page's other blocks; the file's own table gives `q2`.
enum RecompressionCheck {
    /// The modes examined, (horizontal, vertical) frequency.
    static let modes: [(Int, Int)] = [(1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 1), (1, 2), (3, 0), (0, 3)]
    /// Histogram bins examined each side of zero.
    static let reach = 24

    struct ModeEvidence {
        var q2: Int
        var q1: Int
        /// Mass on bins a first compression at `q1` cannot reach, divided by what a smooth histogram would put there.
        var pageHoles: Double
        var bandHoles: Double
        var pageExpected: Double
        var bandExpected: Double
    }

    /// The page's side of the comparison, which needs no band: the file's table and the histograms over the
    /// sampled grid of blocks (every `stride`th block each way, alternate rows offset by one), band and all;
    /// ``run(_:jpeg:band:page:options:measurements:)`` takes the band's blocks out again.
    struct PageSample: Sendable {
        var table: JPEGQuantization
        var stride: Int
        var histograms: [[Double]]
        var blocks: Int
    }

    /// The blocks of the page sample that `keep` accepts: every `stride`th block each way, alternate rows
    /// offset by one.
    static func sampleBlocks(width bw: Int, height bh: Int, stride pageStride: Int,
                             keeping keep: (Int, Int) -> Bool) -> [(Int, Int)] {
        var blocks: [(Int, Int)] = []
        for y in Swift.stride(from: 0, to: bh, by: pageStride) {
            for x in Swift.stride(from: (y / pageStride) % 2, to: bw, by: pageStride) where keep(x, y) { blocks.append((x, y)) }
        }
        return blocks
    }

    /// The page sample of `image`, decoded from `jpeg`; `nil` where the check cannot run (not a JPEG of this
    /// image's size, or a page under 8 × 8 blocks). O(`recompressionPageBlocks` × 64).
    static func pageSample(_ image: GrayImage, jpeg: [UInt8], options: LayoutOptions) -> PageSample? {
        guard let table = JPEGQuantization(jpeg), table.width == image.width, table.height == image.height else { return nil }
        let bw = image.width / 8, bh = image.height / 8
        guard bw >= 8, bh >= 8 else { return nil }
        let pageStride = max(1, Int((Double(bw * bh) / Double(options.recompressionPageBlocks)).squareRoot().rounded(.down)))
        let blocks = sampleBlocks(width: bw, height: bh, stride: pageStride) { _, _ in true }
        return PageSample(table: table, stride: pageStride, histograms: histograms(image, blocks: blocks, steps: table.steps), blocks: blocks.count)
    }

    /// The finding, comparing the band's blocks with the page's; `page` is ``pageSample(_:jpeg:options:)`` of
    /// the same image and file when it was measured beforehand (measured here otherwise).
    static func run(_ image: GrayImage, jpeg: [UInt8], band: BandFrame, page: PageSample? = nil, options: LayoutOptions,
                    measurements: inout LayoutMeasurements) -> [Finding] {
        guard let page = page ?? pageSample(image, jpeg: jpeg, options: options) else { return [] }
        let table = page.table
        let bw = image.width / 8, bh = image.height / 8
        // The band region (with half a pitch around it) in blocks.
        let margin = 0.5 * band.pitch
        let region = band.quad(start: band.start - margin, end: band.end + margin, top: band.top - margin, bottom: band.bottom + margin)
        let b = region.bounds
        let bx0 = max(0, Int(b.minX) / 8), bx1 = min(bw - 1, Int(b.maxX) / 8)
        let by0 = max(0, Int(b.minY) / 8), by1 = min(bh - 1, Int(b.maxY) / 8)
        guard bx1 > bx0, by1 > by0 else { return [] }
        let corners = region.corners.map(\.simd)
        func inBand(_ x: Int, _ y: Int) -> Bool {
            let p = SIMD2(Double(x * 8 + 4), Double(y * 8 + 4))
            return contains(corners, p)
        }
        var bandBlocks: [(Int, Int)] = []
        for y in by0...by1 { for x in bx0...bx1 where inBand(x, y) { bandBlocks.append((x, y)) } }
        let bandStride = max(1, bandBlocks.count / options.recompressionBandBlocks)
        bandBlocks = Swift.stride(from: 0, to: bandBlocks.count, by: bandStride).map { bandBlocks[$0] }
        // The page: its sample less the sampled blocks within the band's bounds (the counts are whole numbers,
        // so the difference is exact).
        let within = sampleBlocks(width: bw, height: bh, stride: page.stride) { x, y in x >= bx0 && x <= bx1 && y >= by0 && y <= by1 }
        guard bandBlocks.count >= 64, page.blocks - within.count >= 256 else { return [] }
        let bandHistograms = histograms(image, blocks: bandBlocks, steps: table.steps)
        let withinHistograms = histograms(image, blocks: within, steps: table.steps)
        let pageHistograms = zip(page.histograms, withinHistograms).map { all, inside in zip(all, inside).map { $0 - $1 } }

        var evidence: [ModeEvidence] = []
        for (m, mode) in modes.enumerated() {
            let q2 = table.steps[mode.1 * 8 + mode.0]
            guard q2 <= options.recompressionLargestStep else { continue }
            // The first step that best explains holes in either histogram.
            var best: ModeEvidence?
            for q1 in 1...(3 * q2 + 2) where q1 != q2 {
                let reachable = reachableBins(q1: q1, q2: q2)
                let holes = (1...reach).filter { reachable & (1 << UInt32($0)) == 0 }.count
                guard holes >= 2 else { continue }
                let (pageRatio, pageExpected, pageHoles) = holeRatio(pageHistograms[m], reachable: reachable)
                let (bandRatio, bandExpected, bandHoles) = holeRatio(bandHistograms[m], reachable: reachable)
                // Holes are periodic: one bin short of its neighbours is a histogram's shape (flat paper's
                // noise fills bins 0 and 1 only, print the rest, and bin 2 falls between), not a trace.
                guard min(pageHoles, bandHoles) >= options.recompressionMinimumHoles else { continue }
                let candidate = ModeEvidence(q2: q2, q1: q1, pageHoles: pageRatio, bandHoles: bandRatio, pageExpected: pageExpected, bandExpected: bandExpected)
                let score = min(pageRatio, bandRatio)
                if best.map({ score < min($0.pageHoles, $0.bandHoles) }) ?? true, min(pageExpected, bandExpected) >= options.recompressionMinimumExpected {
                    best = candidate
                }
            }
            if let best { evidence.append(best) }
        }
        // Modes where one region has clear holes and the other fills them.
        let pageOnly = evidence.filter { $0.pageHoles <= options.recompressionHoleRatio && $0.bandHoles >= options.recompressionFilledRatio }
        let bandOnly = evidence.filter { $0.bandHoles <= options.recompressionHoleRatio && $0.pageHoles >= options.recompressionFilledRatio }
        measurements.recompressionModes = max(pageOnly.count, bandOnly.count)
        guard max(pageOnly.count, bandOnly.count) >= options.recompressionMinimumModes else { return [] }
        let pageIsDouble = pageOnly.count >= bandOnly.count
        let used = pageIsDouble ? pageOnly : bandOnly
        let describe = used.prefix(3).map { "step \($0.q2) after \($0.q1): page \(EvidenceLocation.number($0.pageHoles, 2)), MRZ region \(EvidenceLocation.number($0.bandHoles, 2))" }
        return [Finding(
            code: LayoutCode.recompressed, severity: .refer, field: nil,
            message: pageIsDouble
                ? "The page shows traces of an earlier JPEG compression that the MRZ region lacks: the region was put in after the first save."
                : "The MRZ region shows traces of an earlier JPEG compression that the rest of the page lacks: it was pasted from another JPEG.",
            evidence: Evidence(
                measured: "DCT histogram holes (filled mass / expected) \(describe.joined(separator: "; "))",
                expected: "the same compression history over the whole page",
                location: EvidenceLocation.text(region)))]
    }

    /// Whether `p` lies inside the convex quadrilateral `q`.
    static func contains(_ q: [SIMD2<Double>], _ p: SIMD2<Double>) -> Bool {
        var sign = 0.0
        for i in 0..<q.count {
            let a = q[i], b = q[(i + 1) % q.count]
            let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
            if cross != 0 {
                if sign == 0 { sign = cross } else if (cross > 0) != (sign > 0) { return false }
            }
        }
        return true
    }

    /// Bit `k` (for bins 0…reach) set when a coefficient quantised first with `q1`, then `q2` can land in bin `k`.
    static func reachableBins(q1: Int, q2: Int) -> UInt32 {
        var reachable: UInt32 = 0
        var j = 0
        while true {
            let k = (2 * j * q1 + q2) / (2 * q2)
            if k > reach { break }
            reachable |= 1 << UInt32(k)
            j += 1
        }
        return reachable
    }

    /// Mass on the unreachable bins (1..<reach, each between two reachable ones) over what their nearest
    /// reachable neighbours predict, that prediction, and how many holes it was measured on. The prediction interpolates geometrically (exact for
    /// the exponential decay of DCT histograms, where an arithmetic mean would overstate every hole) and uses
    /// only holes whose two neighbours hold at least `minimumNeighbour` counts.
    static func holeRatio(_ histogram: [Double], reachable: UInt32, minimumNeighbour: Double = 4) -> (ratio: Double, expected: Double, holes: Int) {
        func isReachable(_ k: Int) -> Bool { reachable & (1 << UInt32(k)) != 0 }
        var observed = 0.0, expected = 0.0, holes = 0
        for k in 1..<reach where !isReachable(k) {
            var below = k - 1, above = k + 1
            while below >= 1, !isReachable(below) { below -= 1 }
            while above <= reach, !isReachable(above) { above += 1 }
            guard below >= 1, above <= reach else { continue }
            let a = histogram[below], b = histogram[above]
            guard a >= minimumNeighbour, b >= minimumNeighbour else { continue }
            // Log-linear between the neighbours, at k.
            let f = Double(k - below) / Double(above - below)
            observed += histogram[k]
            expected += exp(log(a) * (1 - f) + log(b) * f)
            holes += 1
        }
        return (expected > 0 ? observed / expected : 1, expected, holes)
    }

    /// Per mode, the histogram of |quantised coefficient| (bins 0…reach) over `blocks`. O(blocks × 8 × 8 × modes).
    ///
    /// The first eight modes are computed side by side, one per SIMD lane, each with exactly the operations
    /// of a scalar transform (the horizontal transform of each row at the mode's horizontal frequency, then
    /// the vertical one, each summed in order); further modes one at a time. A coefficient's bin is its
    /// magnitude over the step rounded half away from zero: the truncation, plus one where the (exact)
    /// remainder reaches a half.
    static func histograms(_ image: GrayImage, blocks: [(Int, Int)], steps: [Int]) -> [[Double]] {
        var basis = [Float](repeating: 0, count: 4 * 8)
        for f in 0..<4 {
            let alpha = f == 0 ? (1.0 / 2.0).squareRoot() : 1
            for x in 0..<8 { basis[f * 8 + x] = Float(alpha * cos(Double(2 * x + 1) * Double(f) * Double.pi / 16) / 2) }
        }
        let inverseSteps = modes.map { 1 / Float(steps[$0.1 * 8 + $0.0]) }
        // Per lane (mode), the horizontal and vertical basis at each position; lanes without a mode are zero.
        let laned = min(8, modes.count)
        var horizontal = [SIMD8<Float>](repeating: SIMD8(), count: 8), vertical = horizontal
        var inverse = SIMD8<Float>()
        for m in 0..<laned {
            for i in 0..<8 {
                horizontal[i][m] = basis[modes[m].0 * 8 + i]
                vertical[i][m] = basis[modes[m].1 * 8 + i]
            }
            inverse[m] = inverseSteps[m]
        }
        let extra = modes.count - laned
        // Modes past the eighth: their horizontal basis (8 values), then their vertical one (8), each.
        var extraBasis: [Float] = []
        for m in laned..<modes.count {
            for i in 0..<8 { extraBasis.append(basis[modes[m].0 * 8 + i]) }
            for i in 0..<8 { extraBasis.append(basis[modes[m].1 * 8 + i]) }
        }
        var counts = [Int](repeating: 0, count: modes.count * (reach + 1))
        image.pixels.withUnsafeBufferPointer { px in
            extraBasis.withUnsafeBufferPointer { b in
                horizontal.withUnsafeBufferPointer { hb in
                    vertical.withUnsafeBufferPointer { vb in
                        counts.withUnsafeMutableBufferPointer { out in
                            let stride = image.rowStride
                            var extraRow = [Float](repeating: 0, count: extra), extraSum = extraRow
                            // Each block's eight rows of eight pixels are read up front, the next block's
                            // while this one is transformed: the blocks are scattered over the page, and
                            // their reads then wait on memory together rather than one after another.
                            guard let pixelBytes = UnsafeRawPointer(px.baseAddress), !blocks.isEmpty else { return }
                            func rows(of block: (Int, Int)) -> SIMD8<UInt64> {
                                var rows = SIMD8<UInt64>()
                                for y in 0..<8 {
                                    rows[y] = UInt64(littleEndian: pixelBytes.loadUnaligned(fromByteOffset: (block.1 * 8 + y) * stride + block.0 * 8, as: UInt64.self))
                                }
                                return rows
                            }
                            var next = rows(of: blocks[0])
                            for index in blocks.indices {
                                let current = next
                                if index + 1 < blocks.count { next = rows(of: blocks[index + 1]) }
                                var c = SIMD8<Float>()
                                for e in 0..<extra { extraSum[e] = 0 }
                                for y in 0..<8 {
                                    // Horizontal transform of row y at each lane's frequency.
                                    let pixels = current[y]
                                    var row = SIMD8<Float>()
                                    for e in 0..<extra { extraRow[e] = 0 }
                                    for x in 0..<8 {
                                        let v = Float(UInt8(truncatingIfNeeded: pixels &>> UInt64(8 * x))) - 128
                                        row += SIMD8(repeating: v) * hb[x]
                                        for e in 0..<extra { extraRow[e] += v * b[e * 16 + x] }
                                    }
                                    c += row * vb[y]
                                    for e in 0..<extra { extraSum[e] += extraRow[e] * b[e * 16 + 8 + y] }
                                }
                                let magnitude = unsafeBitCast(unsafeBitCast(c, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
                                let scaled = magnitude * inverse
                                for m in 0..<laned {
                                    let q = scaled[m], whole = Int(q)
                                    let k = whole + (q - Float(whole) >= 0.5 ? 1 : 0)
                                    if k <= reach { out[m * (reach + 1) + k] += 1 }
                                }
                                for e in 0..<extra {
                                    let m = laned + e
                                    let q = abs(extraSum[e]) * inverseSteps[m], whole = Int(q)
                                    let k = whole + (q - Float(whole) >= 0.5 ? 1 : 0)
                                    if k <= reach { out[m * (reach + 1) + k] += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (0..<modes.count).map { m in (0...reach).map { Double(counts[m * (reach + 1) + $0]) } }
    }
}
