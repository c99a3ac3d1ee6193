import Imaging

/// Grey levels on lines parallel to one side of the MRZ band, stepping outwards from it: `levels[segment][d]`
/// is the median grey level of one `segment` of the side's length at `d` pixels out. Medians keep stray
/// print and noise out; segments show whether a step runs straight along the whole side.
struct EdgeProfile: Sendable {
    var levels: [[Double]]
    var combined: [Double]
    /// Robust spread of the combined profile's pixel-to-pixel differences: the profile's own noise.
    var noise: Double

    /// A step in the profile: where, how high (outside minus inside), and how well the segments agree.
    struct Step: Sendable {
        var distance: Int
        var height: Double
        var inside: Double
        var outside: Double
        /// Fraction of segments showing a step of the same sign at least half as high near `distance`.
        var agreement: Double
        /// Spread of the segments' own step positions about a straight line, pixels.
        var straightness: Double
        /// Whether the level stays changed further out (a step), rather than coming back (a drawn line).
        var sustained: Bool
    }

    /// Samples the profile: `origin` is the side's start, `along` runs along it for `length` pixels, `outward`
    /// points away from the band; `depth` pixels out, in `segments` pieces, one sample every `step` pixels
    /// along. O(depth × length / step).
    static func sample(_ image: GrayImage, origin: SIMD2<Double>, along: SIMD2<Double>, outward: SIMD2<Double>,
                       length: Double, depth: Int, segments: Int, step: Double) -> EdgeProfile? {
        let count = Int(length / step)
        guard count >= segments * 3, depth >= 8, image.width > 1, image.height > 1 else { return nil }
        // Working buffers: one depth's samples, the per-segment levels (segment-major) and the combined one.
        let row = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let grid = UnsafeMutableBufferPointer<Double>.allocate(capacity: (segments + 1) * depth)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, segments))
        defer {
            row.deallocate()
            grid.deallocate()
            scratch.deallocate()
        }
        grid.update(repeating: 0)
        let levelAt = UnsafeMutableBufferPointer(rebasing: grid[0..<(segments * depth)])
        let combinedAt = UnsafeMutableBufferPointer(rebasing: grid[(segments * depth)...])
        var measured = depth
        image.pixels.withUnsafeBufferPointer { px in
            let w = image.width, h = image.height, stride = image.rowStride
            for d in 0..<depth {
                var missing = 0
                for i in 0..<count {
                    let p = origin + along * (Double(i) * step) + outward * Double(d)
                    let x = p.x - 0.5, y = p.y - 0.5
                    guard x >= 0, y >= 0, x < Double(w - 1), y < Double(h - 1) else {
                        missing += 1
                        row[i] = -1
                        continue
                    }
                    let xi = Int(x), yi = Int(y), fx = x - Double(xi), fy = y - Double(yi)
                    let k = yi * stride + xi
                    row[i] = (Double(px[k]) * (1 - fx) + Double(px[k + 1]) * fx) * (1 - fy)
                        + (Double(px[k + stride]) * (1 - fx) + Double(px[k + stride + 1]) * fx) * fy
                }
                // Past the image's border the profile ends.
                if missing > count / 4 {
                    measured = d
                    break
                }
                // Each segment's median by sorting its few samples; the side's level is the median of those.
                for s in 0..<segments {
                    var n = 0
                    for i in (s * count / segments)..<((s + 1) * count / segments) where row[i] >= 0 {
                        scratch[n] = row[i]
                        n += 1
                    }
                    levelAt[s * depth + d] = n > 0 ? EdgeProfile.median(scratch, n) : -1
                }
                var m = 0
                for s in 0..<segments where levelAt[s * depth + d] >= 0 {
                    scratch[m] = levelAt[s * depth + d]
                    m += 1
                }
                combinedAt[d] = m > 0 ? EdgeProfile.median(scratch, m) : 0
                for s in 0..<segments where levelAt[s * depth + d] < 0 { levelAt[s * depth + d] = combinedAt[d] }
            }
        }
        guard measured >= 8 else { return nil }
        let levels = (0..<segments).map { s in Array(levelAt[(s * depth)..<(s * depth + measured)]) }
        let combined = Array(combinedAt[0..<measured])
        let differences = zip(combined.dropFirst(), combined).map { $0 - $1 }
        let noise = RobustStatistics.mad(differences, center: RobustStatistics.median(differences))
        return EdgeProfile(levels: levels, combined: combined, noise: noise)
    }

    /// The median of the first `n` values of `buffer`, which it sorts in place (insertion sort: `n` is small).
    /// Each value is inserted without a branch: with `s` the sorted values before it and `v` the value, the
    /// new value at `k` is `max(min(s[k], v), s[k - 1])` (`v` taking its place, those above moving up one).
    static func median(_ buffer: UnsafeMutableBufferPointer<Double>, _ n: Int) -> Double {
        for i in 1..<max(n, 1) {
            let v = buffer[i]
            buffer[i] = max(v, buffer[i - 1])
            var k = i - 1
            while k >= 1 {
                buffer[k] = max(min(buffer[k], v), buffer[k - 1])
                k -= 1
            }
            buffer[0] = min(buffer[0], v)
        }
        return n % 2 == 1 ? buffer[n / 2] : (buffer[n / 2 - 1] + buffer[n / 2]) / 2
    }

    /// The step of `height` at distance `d` averaged over `width` pixels each side, in `values`.
    static func step(_ values: [Double], at d: Int, width: Int) -> Double {
        let lo = max(0, d - width), hi = min(values.count, d + width)
        guard d - lo >= 1, hi - d >= 1 else { return 0 }
        let inside = values[lo..<d].reduce(0, +) / Double(d - lo)
        let outside = values[d..<hi].reduce(0, +) / Double(hi - d)
        return outside - inside
    }

    /// The step at `distance` with its agreement over segments; each segment may have its step up to `slack` pixels away.
    func describe(at distance: Int, width: Int, slack: Int) -> Step {
        let height = EdgeProfile.step(combined, at: distance, width: width)
        let lo = max(0, distance - width), hi = min(combined.count, distance + width)
        let inside = combined[lo..<distance].reduce(0, +) / Double(max(distance - lo, 1))
        let outside = combined[distance..<hi].reduce(0, +) / Double(max(hi - distance, 1))
        var agreeing = 0
        var positions: [Double] = []
        for segment in levels {
            var best = 0.0, where_ = distance
            for d in max(1, distance - slack)...min(segment.count - 1, distance + slack) {
                let s = EdgeProfile.step(segment, at: d, width: width)
                if s * height > 0, abs(s) > abs(best) { best = s; where_ = d }
            }
            if abs(best) >= 0.5 * abs(height) {
                agreeing += 1
                positions.append(Double(where_))
            }
        }
        var straightness = Double.infinity
        if positions.count >= 2 {
            let x = positions.indices.map(Double.init)
            if let line = RobustStatistics.fitLine(x: x, y: positions, floor: 0.5) {
                straightness = RobustStatistics.median(zip(x, positions).map { abs($1 - line($0)) })
            }
        }
        // Further out the level must stay on the outside's side of the midpoint (a step, not a ruled line).
        let farLo = min(combined.count, distance + width), farHi = min(combined.count, distance + 3 * width)
        var sustained = false
        if farHi > farLo {
            let far = combined[farLo..<farHi].reduce(0, +) / Double(farHi - farLo)
            sustained = (far - inside) * height > 0 && abs(far - inside) >= 0.5 * abs(height)
        }
        return Step(distance: distance, height: height, inside: inside, outside: outside,
                    agreement: Double(agreeing) / Double(max(levels.count, 1)), straightness: straightness, sustained: sustained)
    }

    /// The first step from the inside out, between `from` and `to` pixels, at least `minimum` grey levels high
    /// (and `noiseFactor` × the profile noise): where the step is locally highest past the first crossing.
    func firstStep(from: Int, to: Int, width: Int, minimum: Double, noiseFactor: Double) -> Int? {
        let limit = max(minimum, noiseFactor * noise)
        let end = min(to, combined.count - 1)
        guard from < end else { return nil }
        var d = max(from, 1)
        while d < end {
            let s = EdgeProfile.step(combined, at: d, width: width)
            if abs(s) >= limit {
                var best = d, bestValue = abs(s)
                var e = d + 1
                while e < min(end, d + 2 * width) {
                    let v = abs(EdgeProfile.step(combined, at: e, width: width))
                    if v > bestValue { best = e; bestValue = v }
                    e += 1
                }
                return best
            }
            d += 1
        }
        return nil
    }

    /// The highest step between `from` and `to` pixels, or `nil` when none reaches `minimum`.
    func strongestStep(from: Int, to: Int, width: Int, minimum: Double) -> Int? {
        let end = min(to, combined.count - 1)
        guard from < end else { return nil }
        var best: Int?, bestValue = minimum
        for d in max(from, 1)..<end {
            let v = abs(EdgeProfile.step(combined, at: d, width: width))
            if v >= bestValue { best = d; bestValue = v }
        }
        return best
    }
}
