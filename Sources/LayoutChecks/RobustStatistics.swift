/// Order statistics and robust line fits used by every check: medians and MADs instead of means, so that
/// the run of tampered characters a check looks for cannot drag the reference it is judged against.
enum RobustStatistics {
    /// The median of `values` (the mean of the two middle ones for an even count); 0 for none. O(n log n).
    static func median(_ values: [Double]) -> Double {
        var copy = values
        return median(sorting: &copy)
    }

    /// ``median(_:)`` of a scratch buffer, sorted in place rather than copied. O(n log n).
    static func median(sorting values: inout [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        values.sort()
        let m = values.count / 2
        return values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
    }

    /// The `q` quantile (0…1) of `values` by linear interpolation between order statistics; 0 for none. O(n log n).
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let position = min(max(q, 0), 1) * Double(s.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, s.count - 1)
        let f = position - Double(lower)
        return s[lower] * (1 - f) + s[upper] * f
    }

    /// The median absolute deviation from `center`, scaled by 1.4826 to estimate a normal standard deviation. O(n log n).
    static func mad(_ values: [Double], center: Double) -> Double {
        1.4826 * median(values.map { abs($0 - center) })
    }

    /// A straight line `y = intercept + slope × x`.
    struct Line: Sendable, Hashable {
        var intercept: Double
        var slope: Double

        func callAsFunction(_ x: Double) -> Double { intercept + slope * x }
    }

    /// Fits `y ≈ intercept + slope × x` by iteratively reweighted least squares with Tukey's biweight, so
    /// that up to about a third of the points may be outliers. `floor` bounds the residual scale from below
    /// (in the unit of `y`): below it, residuals count as noise. Returns `nil` for fewer than two distinct x.
    /// O(n × iterations).
    static func fitLine(x: [Double], y: [Double], floor: Double, iterations: Int = 8) -> Line? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        var weights = [Double](repeating: 1, count: x.count)
        var line: Line?
        for _ in 0..<iterations {
            guard let l = weightedFit(x: x, y: y, weights: weights) else { return line }
            line = l
            let residuals = zip(x, y).map { $1 - l($0) }
            let scale = max(floor, mad(residuals, center: 0))
            let c = 4.685 * scale
            weights = residuals.map { r in
                let u = r / c
                return abs(u) >= 1 ? 0 : (1 - u * u) * (1 - u * u)
            }
        }
        return line
    }

    /// Weighted least squares line; `nil` when the weighted x have no spread.
    static func weightedFit(x: [Double], y: [Double], weights: [Double]) -> Line? {
        var sw = 0.0, sx = 0.0, sy = 0.0
        for i in x.indices {
            sw += weights[i]
            sx += weights[i] * x[i]
            sy += weights[i] * y[i]
        }
        guard sw > 0 else { return nil }
        let mx = sx / sw, my = sy / sw
        var sxx = 0.0, sxy = 0.0
        for i in x.indices {
            let dx = x[i] - mx
            sxx += weights[i] * dx * dx
            sxy += weights[i] * dx * (y[i] - my)
        }
        guard sxx > 1e-12 else { return nil }
        let slope = sxy / sxx
        return Line(intercept: my - slope * mx, slope: slope)
    }

    /// A parabola `y = a + b × (x − centre) + c × (x − centre)²`.
    struct Quadratic: Sendable, Hashable {
        var a: Double
        var b: Double
        var c: Double
        var centre: Double

        func callAsFunction(_ x: Double) -> Double {
            let t = x - centre
            return a + b * t + c * t * t
        }
    }

    /// Fits a parabola by iteratively reweighted least squares with Tukey's biweight (`floor` bounds the
    /// residual scale from below); `nil` for fewer than four points or degenerate x. O(n × iterations).
    ///
    /// With `leastMedianStart`, when that fit leaves a point more than four floors off, the reweighting is
    /// done again from the parabola through three of the points (of up to 13 spread along x, the first and
    /// the last among them) whose median absolute residual over all points is least, and kept when its own
    /// median absolute residual is no larger than the plain fit's: a block of up to nearly half the points
    /// off the curve together (a run of characters shifted at one end of a line) pulls a least-squares start
    /// towards itself, halving its offset before the first reweighting, and the weights never recover. Adds
    /// C(13, 3) × O(n log n) only then.
    static func fitQuadratic(x: [Double], y: [Double], floor: Double, iterations: Int = 8, leastMedianStart: Bool = false) -> Quadratic? {
        guard x.count == y.count, x.count >= 4 else { return nil }
        let centre = x.reduce(0, +) / Double(x.count)
        let t = x.map { $0 - centre }
        func biweights(_ residuals: [Double], scale: Double) -> [Double] {
            residuals.map { e in
                let u = e / (4.685 * scale)
                return abs(u) >= 1 ? 0 : (1 - u * u) * (1 - u * u)
            }
        }
        func reweighted(from start: [Double]) -> Quadratic? {
            var weights = start
            var fit: Quadratic?
            for _ in 0..<iterations {
                var s = [Double](repeating: 0, count: 5), r = [Double](repeating: 0, count: 3)
                for i in t.indices {
                    let ti = t[i]
                    var p = weights[i]
                    for k in 0..<5 {
                        s[k] += p
                        if k < 3 { r[k] += p * y[i] }
                        p *= ti
                    }
                }
                func det(_ m: [Double]) -> Double {
                    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
                }
                let d = det([s[0], s[1], s[2], s[1], s[2], s[3], s[2], s[3], s[4]])
                guard abs(d) > 1e-12 else { break }
                let q = Quadratic(a: det([r[0], s[1], s[2], r[1], s[2], s[3], r[2], s[3], s[4]]) / d,
                                  b: det([s[0], r[0], s[2], s[1], r[1], s[3], s[2], r[2], s[4]]) / d,
                                  c: det([s[0], s[1], r[0], s[1], s[2], r[1], s[2], s[3], r[2]]) / d, centre: centre)
                fit = q
                let residuals = x.indices.map { y[$0] - q(x[$0]) }
                weights = biweights(residuals, scale: max(floor, mad(residuals, center: 0)))
            }
            return fit
        }
        let plain = reweighted(from: [Double](repeating: 1, count: x.count))
        guard leastMedianStart, let plain, x.indices.contains(where: { abs(y[$0] - plain(x[$0])) > 4 * floor }),
              let start = leastMedianQuadratic(t: t, y: y)
        else { return plain }
        let residuals = t.indices.map { y[$0] - start(t[$0]) }
        guard let refit = reweighted(from: biweights(residuals, scale: max(floor, 1.4826 * median(residuals.map(abs))))) else { return plain }
        // Judged as the start was chosen: by the median absolute residual (points near a bent curve are
        // not a consensus).
        func spread(_ q: Quadratic) -> Double { median(x.indices.map { abs(y[$0] - q(x[$0])) }) }
        return spread(refit) <= spread(plain) ? refit : plain
    }

    /// The parabola in `t` (centre 0) through three of up to 13 points spread evenly along the data (the first
    /// and the last among them), the triple whose median absolute residual over all points is least; `nil`
    /// when every triple is degenerate. C(13, 3) = 286 triples, each O(n log n).
    static func leastMedianQuadratic(t: [Double], y: [Double]) -> Quadratic? {
        let n = t.count
        let m = min(n, 13)
        guard m >= 3 else { return nil }
        let chosen = (0..<m).map { Int((Double($0 * (n - 1)) / Double(m - 1)).rounded()) }
        var best: (fit: Quadratic, spread: Double)?
        var residuals = [Double](repeating: 0, count: n)  // reused: sorted in place for each triple's median
        for i in chosen.indices {
            for j in chosen.indices where j > i {
                for k in chosen.indices where k > j {
                    let (p, q, r) = (chosen[i], chosen[j], chosen[k])
                    let (t0, t1, t2) = (t[p], t[q], t[r])
                    let d01 = t1 - t0, d02 = t2 - t0, d12 = t2 - t1
                    guard abs(d01) > 1e-9, abs(d02) > 1e-9, abs(d12) > 1e-9 else { continue }
                    // Newton's divided differences.
                    let f01 = (y[q] - y[p]) / d01, f12 = (y[r] - y[q]) / d12
                    let c = (f12 - f01) / d02
                    let b = f01 - c * (t0 + t1)
                    let a = y[p] - b * t0 - c * t0 * t0
                    let fit = Quadratic(a: a, b: b, c: c, centre: 0)
                    for m in 0..<n { residuals[m] = abs(y[m] - fit(t[m])) }
                    let spread = median(sorting: &residuals)
                    if best.map({ spread < $0.spread }) ?? true { best = (fit, spread) }
                }
            }
        }
        return best?.fit
    }

    /// The residuals of a robust parabola through the points (see ``fitQuadratic(x:y:floor:iterations:leastMedianStart:)``).
    static func quadraticResiduals(x: [Double], y: [Double], floor: Double) -> [Double]? {
        guard let q = fitQuadratic(x: x, y: y, floor: floor) else { return nil }
        return x.indices.map { y[$0] - q(x[$0]) }
    }
}
