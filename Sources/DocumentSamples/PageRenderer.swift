import Imaging

/// How `mrz_pasted` redraws the MRZ band: on a patch with its own background, noise and sharpness.
struct PastedBand: Sendable {
    /// Added to the paper's grey level inside the patch.
    var backgroundDelta: Double
    /// Extra noise inside the patch, grey levels.
    var noise: Double
    /// Blur of the patch, pixels at the render resolution.
    var blur: Double
    /// Seed of the patch's noise.
    var noiseSeed: UInt64
    /// How far the patch reaches beyond the band, mm.
    var margin: Double
}

/// A rectangle on the page in render pixels.
struct PixelBox: Sendable {
    var x0: Double, y0: Double, x1: Double, y1: Double
}

/// A page drawn at its render resolution, with where everything landed (render pixels).
struct RenderedPage {
    var canvas: Canvas
    var dpi: Int
    /// Cell centre of each MRZ character, by line.
    var mrzCentres: [[(x: Double, y: Double)]]
    /// The band: first cell's left edge to last cell's right edge, top line's printing zone top to the
    /// bottom line's printing zone bottom.
    var band: PixelBox
    /// Box of each printed VIZ value, by truth key.
    var vizBoxes: [String: PixelBox]
    /// The pasted patch, when the band was pasted.
    var pasted: PixelBox?
    /// MRZ capital height, render pixels.
    var capitalHeight: Double
}

/// Paints a data page: background with security print, header, portrait placeholder, VIZ and MRZ.
struct PageRenderer {
    let format: SampleFormat
    let dpi: Int
    let design: PageDesign
    let rasterizer: GlyphRasterizer

    private var scale: Double { Double(dpi) / 25.4 }

    /// Draws the page. `headerState` names the state in the header (the genuine issuer, even when the
    /// printed code was tampered with).
    func render(printed: PrintedFields, headerState: String, plan: MRZPrintPlan, pasted: PastedBand?,
                random: inout SplitMix64) throws(SampleError) -> RenderedPage {
        // `random` draws the portrait only, so that tampering never changes it.
        let size = format.pageSize
        let width = Int((size.width * scale).rounded()), height = Int((size.height * scale).rounded())
        var canvas = Canvas(width: width, height: height, fill: design.paper)
        paintSecurityPattern(&canvas)
        let layout = VIZLayout.of(format)
        paintPortrait(&canvas, box: layout.portrait, random: &random)

        // Header: issuing state and document title, and a rule under them.
        let headerWidth = size.width - 4
        _ = try drawText(IssuingStates.title(of: headerState), role: .sansBold,
                         em: layout.headerEm, x: 2, baseline: layout.headerBaseline, maxWidth: headerWidth,
                         ink: design.accent, centred: true, on: &canvas)
        _ = try drawText(design.labels.title(format: format), role: .sansBold, em: layout.titleEm, x: 2,
                         baseline: layout.titleBaseline, maxWidth: headerWidth, ink: design.accent, centred: true, on: &canvas)
        let rule = layout.titleBaseline + layout.titleEm * 0.45
        canvas.fill(x0: 2 * scale, y0: rule * scale, x1: (size.width - 2) * scale, y1: (rule + 0.18) * scale,
                    colour: design.accent, alpha: 0.6)

        // VIZ fields: caption above, value below.
        var boxes: [String: PixelBox] = [:]
        for slot in layout.slots {
            guard let value = value(of: slot.field, printed: printed) else { continue }
            _ = try drawText(design.labels.label(slot.field, format: format), role: .sans, em: layout.labelEm, x: slot.x,
                             baseline: slot.labelBaseline, maxWidth: slot.width, ink: design.labelInk, on: &canvas)
            let box = try drawText(value, role: .sansBold, em: layout.valueEm, x: slot.x,
                                   baseline: slot.labelBaseline + layout.valueOffset, maxWidth: slot.width,
                                   ink: design.textInk, on: &canvas)
            if slot.field != .type && slot.field != .code && slot.field != .entries && slot.field != .issueDate {
                boxes[slot.field.rawValue] = box
            }
        }

        // MRZ.
        let capital = MRZPrintMetrics.capitalHeight * scale
        try drawMRZ(plan, capital: capital, offsetX: 0, offsetY: 0, on: &canvas)
        let pitch = MRZPrintMetrics.pitch
        let columns = Double(plan.lines.first?.count ?? 0)
        let centres = format.mrzCentreLines
        let half = format.printingZoneHeight / 2
        let band = PixelBox(x0: format.mrzLeftMargin * scale, y0: (centres[0] - half) * scale,
                            x1: (format.mrzLeftMargin + columns * pitch) * scale,
                            y1: (centres[centres.count - 1] + half) * scale)
        var pastedBox: PixelBox?
        if let pasted {
            pastedBox = try paste(pasted, plan: plan, band: band, capital: capital, on: &canvas)
        }
        var mrzCentres: [[(x: Double, y: Double)]] = Array(repeating: [], count: plan.lines.count)
        for g in plan.glyphs { mrzCentres[g.line].append((g.x * scale, g.y * scale)) }
        return RenderedPage(canvas: canvas, dpi: dpi, mrzCentres: mrzCentres, band: band, vizBoxes: boxes,
                            pasted: pastedBox, capitalHeight: capital)
    }

    private func value(of field: VIZField, printed: PrintedFields) -> String? {
        switch field {
        case .type: format == .mrvA ? "C" : (format == .td3 ? "P" : "I")
        case .code: printed.issuingState
        case .number: printed.documentNumber
        case .surname: printed.surname
        case .givenNames: printed.givenNames
        case .nationality: printed.nationality
        case .birthDate: printed.birthDate
        case .sex: printed.sex
        case .issueDate: printed.issueDate
        case .expiryDate: printed.expiryDate
        case .entries: design.entries
        }
    }

    /// Draws `text` with its baseline at `baseline` mm starting at `x` mm (or centred in `maxWidth`), shrunk
    /// to fit `maxWidth` mm. Returns the box it occupies in render pixels.
    func drawText(_ text: String, role: FontRole, em: Double, x: Double, baseline: Double, maxWidth: Double,
                  ink: RGBColor, centred: Bool = false, on canvas: inout Canvas) throws(SampleError) -> PixelBox {
        var emPixels = em * scale
        var width = 0.0
        for scalar in text.unicodeScalars { width += try rasterizer.advance(scalar, role, emPixels: emPixels) }
        let limit = maxWidth * scale
        if width > limit, width > 0 {
            emPixels *= limit / width
            width = limit
        }
        var pen = x * scale + (centred ? (limit - width) / 2 : 0)
        let start = pen
        let y = baseline * scale
        for scalar in text.unicodeScalars {
            let advance = try rasterizer.advance(scalar, role, emPixels: emPixels)
            if scalar != " ", let glyph = try rasterizer.render(scalar, role, emPixels: emPixels, at: pen, y) {
                canvas.blend(glyph, ink: ink, gamma: design.inkGamma)
            }
            pen += advance
        }
        return PixelBox(x0: start, y0: y - emPixels * 0.95, x1: start + width, y1: y + emPixels * 0.24)
    }

    /// Draws every glyph of the plan, shifted by (`offsetX`, `offsetY`) render pixels.
    func drawMRZ(_ plan: MRZPrintPlan, capital: Double, offsetX: Double, offsetY: Double, on canvas: inout Canvas) throws(SampleError) {
        var emByRole: [Double] = []
        for role in FontRole.allCases { emByRole.append(capital / (try rasterizer.capitalHeightPerEm(role))) }
        for g in plan.glyphs {
            let em = emByRole[g.role.rawValue]
            let advance = try rasterizer.advance(g.character, g.role, emPixels: em)
            let transform = GlyphTransform.rotation(g.rotation, scaleX: g.scaleX)
            let (dx, dy) = transform.apply(-advance / 2, capital / 2)
            let ox = g.x * scale + dx - offsetX, oy = g.y * scale + dy - offsetY
            if let glyph = try rasterizer.render(g.character, g.role, emPixels: em, at: ox, oy, transform: transform) {
                canvas.blend(glyph, ink: design.mrzInk, gamma: design.inkGamma)
            }
        }
    }

    /// `mrz_pasted`: the band redrawn on a patch of its own and stuck over the page with hard edges.
    private func paste(_ spec: PastedBand, plan: MRZPrintPlan, band: PixelBox, capital: Double,
                       on canvas: inout Canvas) throws(SampleError) -> PixelBox {
        let m = spec.margin * scale
        let x0 = max(0, Int((band.x0 - m).rounded())), y0 = max(0, Int((band.y0 - m).rounded()))
        let x1 = min(canvas.width, Int((band.x1 + m).rounded())), y1 = min(canvas.height, Int((band.y1 + m).rounded()))
        let shift = { (v: UInt8) -> UInt8 in UInt8(clamping: Int((Double(v) + spec.backgroundDelta).rounded())) }
        let paper = RGBColor(red: shift(design.paper.red), green: shift(design.paper.green), blue: shift(design.paper.blue))
        var patch = Canvas(width: x1 - x0, height: y1 - y0, fill: paper)
        try drawMRZ(plan, capital: capital, offsetX: Double(x0), offsetY: Double(y0), on: &patch)
        patch.blur(sigma: spec.blur)
        var noise = SplitMix64(seed: spec.noiseSeed)
        patch.addNoise(sigma: spec.noise, random: &noise)
        for row in 0..<patch.height {
            let source = row * patch.width * 3
            let target = ((y0 + row) * canvas.width + x0) * 3
            canvas.pixels.replaceSubrange(target..<(target + patch.width * 3),
                                          with: patch.pixels[source..<(source + patch.width * 3)])
        }
        return PixelBox(x0: Double(x0), y0: Double(y0), x1: Double(x1), y1: Double(y1))
    }

    /// Guilloche: two families of fine wavy lines and a rosette, lighter over the MRZ and absent from the portrait.
    private func paintSecurityPattern(_ canvas: inout Canvas) {
        let w = canvas.width, h = canvas.height
        let sinTable = (0..<4096).map { sine(2 * Double.pi * Double($0) / 4096) }
        func sinTurns(_ t: Double) -> Double {
            let f = t - t.rounded(.down)
            return sinTable[Int(f * 4096) & 4095]
        }
        // Line profile over one period: a triangle of the line's width, widened to at least a pixel and
        // lowered to keep the same ink.
        func profile(periodPixels: Double) -> [Double] {
            let lineWidth = 0.09 * scale
            let halfTrue = lineWidth / periodPixels / 2
            let halfEffective = max(halfTrue, 0.6 / periodPixels)
            let peak = min(1, halfTrue / halfEffective * 1.0)
            return (0..<1024).map { i in
                let t = Double(i) / 1024
                let d = abs(t - 0.5)
                return max(0, 1 - d / halfEffective) * peak
            }
        }
        let p1 = design.wave.period * scale, p2 = design.cross.period * scale
        let prof1 = profile(periodPixels: p1), prof2 = profile(periodPixels: p2)
        let column1 = (0..<w).map { design.wave.amplitude * sinTurns(Double($0) / (design.wave.length * scale) + design.wave.phase) }
        let paperShift = (0..<w).map { 5 * sinTurns(Double($0) / Double(w) * 0.8 + design.wave.phase) }
        let mrzTop = (format.pageSize.height - format.mrzZoneHeight) * scale
        let portrait = VIZLayout.of(format).portrait
        let px0 = portrait.x0 * scale, px1 = portrait.x1 * scale, py0 = portrait.y0 * scale, py1 = portrait.y1 * scale
        let rcx = design.rosette.x * Double(w), rcy = design.rosette.y * Double(h)
        let rr = design.rosette.radius * Double(h), rosettePeriod = design.rosette.period * scale
        let lobes = Double(design.rosette.lobes)
        let pr = Double(design.paper.red), pg = Double(design.paper.green), pb = Double(design.paper.blue)
        let ir = Double(design.patternInk.red), ig = Double(design.patternInk.green), ib = Double(design.patternInk.blue)
        let strength = design.patternStrength
        let inv1 = 1 / p1, inv2 = 1 / (p2 * 1.41421356), invL2 = 1 / (design.cross.length * scale)
        let amp2 = design.cross.amplitude, phase2 = design.cross.phase
        canvas.pixels.withUnsafeMutableBufferPointer { pixels in
            for y in 0..<h {
                let fy = Double(y) + 0.5
                let rowStrength = fy > mrzTop ? strength * 0.45 : strength
                let inPortraitRows = fy >= py0 && fy < py1
                for x in 0..<w {
                    let fx = Double(x) + 0.5
                    if inPortraitRows && fx >= px0 && fx < px1 { continue }
                    let t1 = fy * inv1 + column1[x]
                    var a = prof1[Int((t1 - t1.rounded(.down)) * 1024) & 1023]
                    let t2 = (fx + fy) * inv2 + amp2 * sinTurns((fx - fy) * invL2 + phase2)
                    a = max(a, 0.7 * prof2[Int((t2 - t2.rounded(.down)) * 1024) & 1023])
                    let dx = fx - rcx, dy = fy - rcy
                    let r2 = dx * dx + dy * dy
                    if r2 < rr * rr {
                        let r = r2.squareRoot(), rho = r / rr
                        let theta = arcTangent2(dy, dx)
                        let t3 = r / rosettePeriod + 0.6 * rho * sine(lobes * theta)
                        a = max(a, 0.9 * (1 - rho * rho) * prof1[Int((t3 - t3.rounded(.down)) * 1024) & 1023])
                    }
                    a *= rowStrength
                    let s = paperShift[x]
                    let i = (y * w + x) * 3
                    pixels[i] = Canvas.byte((pr + s) * (1 - a) + ir * a)
                    pixels[i + 1] = Canvas.byte((pg + s * 0.5) * (1 - a) + ig * a)
                    pixels[i + 2] = Canvas.byte((pb - s * 0.5) * (1 - a) + ib * a)
                }
            }
        }
    }

    /// A portrait placeholder: a soft backdrop with a head-and-shoulders silhouette and a thin frame.
    private func paintPortrait(_ canvas: inout Canvas, box: PixelBox, random: inout SplitMix64) {
        let x0 = Int((box.x0 * scale).rounded()), x1 = Int((box.x1 * scale).rounded())
        let y0 = Int((box.y0 * scale).rounded()), y1 = Int((box.y1 * scale).rounded())
        let bw = Double(x1 - x0), bh = Double(y1 - y0)
        let backdrop = Double(random.int(200...232))
        let tone = Double(random.int(95...160))
        let hair = Double(random.int(25...80))
        let headX = Double(x0) + bw * random.uniform(0.46, 0.54), headY = Double(y0) + bh * random.uniform(0.36, 0.42)
        let headRX = bw * random.uniform(0.19, 0.23), headRY = bh * random.uniform(0.22, 0.26)
        let shoulderRX = bw * random.uniform(0.42, 0.5), shoulderRY = bh * random.uniform(0.25, 0.32)
        let shoulderY = Double(y1) + shoulderRY * 0.35
        let edge = 1.0
        func coverage(_ x: Double, _ y: Double, _ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double) -> Double {
            let dx = (x - cx) / rx, dy = (y - cy) / ry
            let d = ((dx * dx + dy * dy).squareRoot() - 1) * min(rx, ry)
            return max(0, min(1, 0.5 - d / edge))
        }
        let w = canvas.width
        for y in max(0, y0)..<min(canvas.height, y1) {
            for x in max(0, x0)..<min(w, x1) {
                let fx = Double(x) + 0.5, fy = Double(y) + 0.5
                let gradient = backdrop - 18 * (fy - Double(y0)) / bh
                let head = coverage(fx, fy, headX, headY, headRX, headRY)
                let hairCap = coverage(fx, fy, headX, headY - headRY * 0.18, headRX * 1.04, headRY * 0.9)
                    * (fy < headY - headRY * 0.35 ? 1 : 0)
                let body = coverage(fx, fy, headX, shoulderY, shoulderRX, shoulderRY)
                var v = gradient
                v = v * (1 - body) + (tone - 35) * body
                v = v * (1 - head) + tone * head
                v = v * (1 - hairCap) + hair * hairCap
                let i = (y * w + x) * 3
                canvas.pixels[i] = Canvas.byte(v + 6)
                canvas.pixels[i + 1] = Canvas.byte(v)
                canvas.pixels[i + 2] = Canvas.byte(v - 4)
            }
        }
        let t = max(1, 0.15 * scale)
        let fx0 = Double(x0), fx1 = Double(x1), fy0 = Double(y0), fy1 = Double(y1)
        canvas.fill(x0: fx0, y0: fy0, x1: fx1, y1: fy0 + t, colour: design.accent, alpha: 0.7)
        canvas.fill(x0: fx0, y0: fy1 - t, x1: fx1, y1: fy1, colour: design.accent, alpha: 0.7)
        canvas.fill(x0: fx0, y0: fy0 + t, x1: fx0 + t, y1: fy1 - t, colour: design.accent, alpha: 0.7)
        canvas.fill(x0: fx1 - t, y0: fy0 + t, x1: fx1, y1: fy1 - t, colour: design.accent, alpha: 0.7)
    }
}

/// Where the printed page puts each caption and value on a format, in mm.
struct VIZLayout {
    struct Slot {
        var field: VIZField
        var x: Double
        var labelBaseline: Double
        var width: Double
    }

    var headerBaseline: Double, headerEm: Double
    var titleBaseline: Double, titleEm: Double
    /// Portrait placeholder, mm.
    var portrait: PixelBox
    var labelEm: Double, valueEm: Double
    /// Distance from a caption's baseline to its value's baseline.
    var valueOffset: Double
    var slots: [Slot]

    static func of(_ format: SampleFormat) -> VIZLayout {
        switch format {
        case .td3, .mrvA:
            var slots: [Slot] = [
                Slot(field: .type, x: 41, labelBaseline: 17, width: 14),
                Slot(field: .code, x: 57, labelBaseline: 17, width: 24),
                Slot(field: .number, x: 83, labelBaseline: 17, width: 38),
                Slot(field: .surname, x: 41, labelBaseline: 25, width: 80),
                Slot(field: .givenNames, x: 41, labelBaseline: 33, width: 80),
                Slot(field: .nationality, x: 41, labelBaseline: 41, width: 30),
                Slot(field: .birthDate, x: 73, labelBaseline: 41, width: 48),
                Slot(field: .sex, x: 41, labelBaseline: 49, width: 16),
                Slot(field: .issueDate, x: 59, labelBaseline: 49, width: 31),
                Slot(field: .expiryDate, x: 92, labelBaseline: 49, width: 31),
            ]
            if format == .mrvA { slots.append(Slot(field: .entries, x: 41, labelBaseline: 57, width: 30)) }
            return VIZLayout(headerBaseline: 5.6, headerEm: 2.3, titleBaseline: 10.2, titleEm: 2.7,
                             portrait: PixelBox(x0: 4, y0: 17, x1: 36, y1: 59), labelEm: 1.7, valueEm: 2.5,
                             valueOffset: 4.2, slots: slots)
        case .td2:
            return VIZLayout(headerBaseline: 4.6, headerEm: 1.9, titleBaseline: 8.6, titleEm: 2.2,
                             portrait: PixelBox(x0: 4, y0: 13, x1: 29, y1: 46), labelEm: 1.45, valueEm: 2.15,
                             valueOffset: 3.6, slots: [
                                 Slot(field: .type, x: 33, labelBaseline: 13.5, width: 12),
                                 Slot(field: .code, x: 46, labelBaseline: 13.5, width: 18),
                                 Slot(field: .number, x: 66, labelBaseline: 13.5, width: 36),
                                 Slot(field: .surname, x: 33, labelBaseline: 20, width: 69),
                                 Slot(field: .givenNames, x: 33, labelBaseline: 26.5, width: 69),
                                 Slot(field: .nationality, x: 33, labelBaseline: 33, width: 22),
                                 Slot(field: .birthDate, x: 57, labelBaseline: 33, width: 45),
                                 Slot(field: .sex, x: 33, labelBaseline: 39.5, width: 13),
                                 Slot(field: .issueDate, x: 47, labelBaseline: 39.5, width: 27),
                                 Slot(field: .expiryDate, x: 75, labelBaseline: 39.5, width: 27),
                             ])
        case .td1:
            return VIZLayout(headerBaseline: 3.4, headerEm: 1.6, titleBaseline: 6.3, titleEm: 1.8,
                             portrait: PixelBox(x0: 3, y0: 8.5, x1: 20, y1: 29.5), labelEm: 1.05, valueEm: 1.7,
                             valueOffset: 2.6, slots: [
                                 Slot(field: .surname, x: 23, labelBaseline: 9.4, width: 60),
                                 Slot(field: .givenNames, x: 23, labelBaseline: 14.2, width: 60),
                                 Slot(field: .sex, x: 23, labelBaseline: 19.0, width: 10),
                                 Slot(field: .nationality, x: 34, labelBaseline: 19.0, width: 14),
                                 Slot(field: .birthDate, x: 49, labelBaseline: 19.0, width: 34),
                                 Slot(field: .number, x: 23, labelBaseline: 23.8, width: 25),
                                 Slot(field: .expiryDate, x: 49, labelBaseline: 23.8, width: 34),
                             ])
        }
    }
}
