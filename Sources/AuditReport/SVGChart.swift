/// One coloured part of the stacked bars of a chart, and its legend entry.
public struct ChartSeries: Sendable, Hashable {
    /// The legend text (`alert`).
    public var name: String
    /// A CSS colour (`#c62828`).
    public var color: String

    /// A series from its parts.
    public init(name: String, color: String) {
        self.name = name
        self.color = color
    }
}

/// One stacked bar: its label and one value per series.
public struct ChartBar: Sendable, Hashable {
    /// The category or period.
    public var label: String
    /// One value per series, in series order.
    public var values: [Int]

    /// A bar from its parts.
    public init(label: String, values: [Int]) {
        self.label = label
        self.values = values
    }

    /// The bar's length.
    public var total: Int { values.reduce(0, +) }
}

/// Inline SVG charts: stacked columns over time and stacked horizontal bars by category.
///
/// Every chart is an `<svg role="img">` labelled by its `<title>` and `<desc>`, draws its legend in text, and
/// gives each segment a `<title>` (label, series, value) that browsers show on hover; all text is escaped. The
/// numbers are also in the table the page puts under each chart. The width is fixed by the `viewBox` (960) and
/// scales with the page.
public enum SVGChart {
    /// The `viewBox` width.
    public static let width = 960

    /// Stacked columns, one per bar, left to right (periods over time). O(bars × series).
    public static func columns(id: String, title: String, description: String, bars: [ChartBar], series: [ChartSeries], unit: String) -> String {
        let maxTotal = bars.map(\.total).max() ?? 0
        guard maxTotal > 0 else { return empty(id: id, title: title, description: description) }
        let (left, right, top, plotHeight) = (64.0, 16.0, 44.0, 220.0)
        let height = Int(top + plotHeight + 40)
        let plotWidth = Double(width) - left - right
        let bottom = top + plotHeight
        let (step, ceiling) = ticks(maxTotal)
        let scale = plotHeight / Double(ceiling)
        var svg = open(id: id, title: title, description: description, height: height)
        svg += legend(series, x: left, y: 14)
        svg += "<text class=\"unit\" x=\"\(n(left - 8))\" y=\"\(n(top - 10))\" text-anchor=\"end\">\(HTMLText.escape(unit))</text>"
        for tick in stride(from: 0, through: ceiling, by: step) {
            let y = bottom - Double(tick) * scale
            svg += "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(left + plotWidth))\" y1=\"\(n(y))\" y2=\"\(n(y))\"/>"
            svg += "<text x=\"\(n(left - 8))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(compact(tick))</text>"
        }
        let slot = plotWidth / Double(bars.count)
        let barWidth = min(slot * 0.75, 56)
        let labelEvery = max(1, Int((Double(bars.count) * 84 / plotWidth).rounded(.up)))
        for (i, bar) in bars.enumerated() {
            let x = left + slot * Double(i) + (slot - barWidth) / 2
            var y = bottom
            for (value, s) in zip(bar.values, series) where value > 0 {
                let h = Double(value) * scale
                y -= h
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(barWidth))\" height=\"\(n(h))\" fill=\"\(HTMLText.escape(s.color))\">"
                svg += "<title>\(HTMLText.escape("\(bar.label): \(value) \(s.name)"))</title></rect>"
            }
            if i % labelEvery == 0 {
                svg += "<text x=\"\(n(x + barWidth / 2))\" y=\"\(n(bottom + 18))\" text-anchor=\"middle\">\(HTMLText.escape(bar.label))</text>"
            }
        }
        svg += "<line class=\"axis\" x1=\"\(n(left))\" x2=\"\(n(left + plotWidth))\" y1=\"\(n(bottom))\" y2=\"\(n(bottom))\"/>"
        return svg + "</svg>"
    }

    /// Stacked horizontal bars, one per row, top to bottom (categories), each with its total at its end. Labels
    /// longer than 28 characters are shortened with an ellipsis (the full label is in the segment titles and the
    /// table). O(bars × series).
    public static func bars(id: String, title: String, description: String, bars: [ChartBar], series: [ChartSeries], unit: String) -> String {
        let maxTotal = bars.map(\.total).max() ?? 0
        guard maxTotal > 0 else { return empty(id: id, title: title, description: description) }
        let (labelWidth, right, top, pitch, barHeight) = (210.0, 72.0, 44.0, 28.0, 20.0)
        let plotWidth = Double(width) - labelWidth - right
        let height = Int(top + pitch * Double(bars.count) + 44)
        let (step, ceiling) = ticks(maxTotal)
        let scale = plotWidth / Double(ceiling)
        var svg = open(id: id, title: title, description: description, height: height)
        svg += legend(series, x: labelWidth, y: 14)
        let bottom = top + pitch * Double(bars.count)
        for tick in stride(from: 0, through: ceiling, by: step) {
            let x = labelWidth + Double(tick) * scale
            svg += "<line class=\"grid\" x1=\"\(n(x))\" x2=\"\(n(x))\" y1=\"\(n(top - 4))\" y2=\"\(n(bottom))\"/>"
            svg += "<text x=\"\(n(x))\" y=\"\(n(bottom + 16))\" text-anchor=\"middle\">\(compact(tick))</text>"
        }
        svg += "<text class=\"unit\" x=\"\(n(labelWidth + plotWidth / 2))\" y=\"\(n(bottom + 34))\" text-anchor=\"middle\">\(HTMLText.escape(unit))</text>"
        for (i, bar) in bars.enumerated() {
            let y = top + pitch * Double(i) + (pitch - barHeight) / 2
            let label = bar.label.count > 28 ? String(bar.label.prefix(27)) + "…" : bar.label
            svg += "<text x=\"\(n(labelWidth - 8))\" y=\"\(n(y + barHeight / 2 + 4))\" text-anchor=\"end\">\(HTMLText.escape(label))</text>"
            var x = labelWidth
            for (value, s) in zip(bar.values, series) where value > 0 {
                let w = Double(value) * scale
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(barHeight))\" fill=\"\(HTMLText.escape(s.color))\">"
                svg += "<title>\(HTMLText.escape("\(bar.label): \(value) \(s.name)"))</title></rect>"
                x += w
            }
            svg += "<text class=\"total\" x=\"\(n(x + 6))\" y=\"\(n(y + barHeight / 2 + 4))\">\(bar.total)</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(n(labelWidth))\" x2=\"\(n(labelWidth))\" y1=\"\(n(top - 4))\" y2=\"\(n(bottom))\"/>"
        return svg + "</svg>"
    }

    /// A chart with nothing to draw: its title, description and the words "No data".
    static func empty(id: String, title: String, description: String) -> String {
        open(id: id, title: title, description: description, height: 80)
            + "<text class=\"nodata\" x=\"\(width / 2)\" y=\"46\" text-anchor=\"middle\">No data</text></svg>"
    }

    static func open(id: String, title: String, description: String, height: Int) -> String {
        let id = HTMLText.escape(id)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\" id=\"\(id)\">"
            + "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title><desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>"
    }

    static func legend(_ series: [ChartSeries], x: Double, y: Double) -> String {
        var out = "<g class=\"legend\">"
        var x = x
        for s in series {
            out += "<rect x=\"\(n(x))\" y=\"\(n(y - 10))\" width=\"12\" height=\"12\" fill=\"\(HTMLText.escape(s.color))\"/>"
            out += "<text x=\"\(n(x + 17))\" y=\"\(n(y))\">\(HTMLText.escape(s.name))</text>"
            x += 17 + Double(s.name.count) * 7.5 + 18
        }
        return out + "</g>"
    }

    /// A tick step of 1, 2 or 5 times a power of ten giving at most about 5 steps, and the axis end (a multiple of
    /// the step, at least `maxValue`).
    static func ticks(_ maxValue: Int) -> (step: Int, ceiling: Int) {
        let target = max(1, maxValue) / 5
        var magnitude = 1
        while magnitude * 10 <= target { magnitude *= 10 }
        let step = [1, 2, 5, 10].map { $0 * magnitude }.first { $0 * 5 >= maxValue } ?? magnitude * 10
        return (step, (maxValue + step - 1) / step * step)
    }

    /// `1200` → `1.2k`, `3000000` → `3M`; below 10 000 the number itself.
    static func compact(_ value: Int) -> String {
        func scaled(_ divisor: Int, _ suffix: String) -> String {
            let tenths = (value * 10 + divisor / 2) / divisor
            return tenths % 10 == 0 ? "\(tenths / 10)\(suffix)" : "\(tenths / 10).\(tenths % 10)\(suffix)"
        }
        if value >= 1_000_000 { return scaled(1_000_000, "M") }
        if value >= 10_000 { return scaled(1000, "k") }
        return String(value)
    }

    /// A coordinate with at most one decimal.
    static func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }
}
