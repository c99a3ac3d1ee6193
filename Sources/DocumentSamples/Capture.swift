import Imaging

/// How the page reaches the camera or scanner.
public enum CaptureMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The page exactly as rendered.
    case flat
    /// A flatbed scan: slight rotation (±2°), scanner-lid margin, light noise, mild JPEG.
    case scan
    /// A phone photo: the page on a textured surface at any angle (quarter turns, upside down, tilt up to
    /// 15°), mild perspective, uneven light, blur, noise, 150–250 dpi, JPEG quality 50–90.
    case phone
    /// A poor phone photo: as `phone`, at the worst a gate sees: JPEG quality 35–55, blur 0.9–1.4 pixels,
    /// noise 5–10 grey levels (at 150 dpi the MRZ's characters are then about 14 pixels tall and blurred together).
    case poorPhone = "poor-phone"

    /// A photograph (`phone` or `poorPhone`): framed by a surface, colour cast.
    var isPhotograph: Bool { self == .phone || self == .poorPhone }
}

/// The file format a sample is written in.
public enum ImageEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// Baseline JPEG (libjpeg-turbo through `Imaging`).
    case jpeg
    /// PNG (libpng through `Imaging`).
    case png

    /// `jpg` or `png`.
    public var fileExtension: String { self == .jpeg ? "jpg" : "png" }
}

/// Everything the capture did to the rendered page, as recorded in the truth.
public struct CaptureParameters: Sendable, Hashable, Codable {
    /// Flat, scan, phone or poor phone.
    public var mode: CaptureMode
    /// Resolution the page was drawn at.
    public var renderDPI: Int
    /// Resolution of the page in the output image (output pixels per inch of page).
    public var dpi: Double
    /// Clockwise turn of the page in the image, degrees in (−180, 180]: 0 upright, 180 upside down.
    public var rotation: Double
    /// Largest corner displacement of the perspective, as a fraction of the page diagonal.
    public var perspective: Double
    /// Depth of the uneven illumination, 0 (even) to about 0.5.
    public var lighting: Double
    /// Gaussian blur applied to the output, standard deviation in output pixels.
    public var blur: Double
    /// Gaussian noise added to the output, standard deviation in grey levels.
    public var noise: Double
    /// Whether the output was written as a grey image.
    public var grayscale: Bool
    /// JPEG or PNG.
    public var encoding: ImageEncoding
    /// JPEG quality (1–100); `nil` (JSON `null`) for PNG.
    public var quality: Int?
    /// What surrounds the page: `none`, `scanner`, `desk`, `wood`, `fabric`, `dark`.
    public var background: String
    /// Ink spread of the print: coverage exponent (below 1 thickens strokes).
    public var inkGamma: Double

    /// `true` when the page is turned more than a quarter turn from upright.
    public var upsideDown: Bool { abs(rotation) > 90 }

    enum CodingKeys: String, CodingKey {
        case mode, renderDPI = "render_dpi", dpi, rotation, perspective, lighting, blur, noise, grayscale
        case encoding, quality, background, inkGamma = "ink_gamma", upsideDown = "upside_down"
    }

    /// Field-by-field initialiser.
    public init(mode: CaptureMode, renderDPI: Int, dpi: Double, rotation: Double, perspective: Double, lighting: Double,
                blur: Double, noise: Double, grayscale: Bool, encoding: ImageEncoding, quality: Int?, background: String,
                inkGamma: Double) {
        self.mode = mode
        self.renderDPI = renderDPI
        self.dpi = dpi
        self.rotation = rotation
        self.perspective = perspective
        self.lighting = lighting
        self.blur = blur
        self.noise = noise
        self.grayscale = grayscale
        self.encoding = encoding
        self.quality = quality
        self.background = background
        self.inkGamma = inkGamma
    }

    /// Decodes the recorded parameters (`upside_down` is derived and ignored).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            mode: try c.decode(CaptureMode.self, forKey: .mode), renderDPI: try c.decode(Int.self, forKey: .renderDPI),
            dpi: try c.decode(Double.self, forKey: .dpi), rotation: try c.decode(Double.self, forKey: .rotation),
            perspective: try c.decode(Double.self, forKey: .perspective), lighting: try c.decode(Double.self, forKey: .lighting),
            blur: try c.decode(Double.self, forKey: .blur), noise: try c.decode(Double.self, forKey: .noise),
            grayscale: try c.decode(Bool.self, forKey: .grayscale), encoding: try c.decode(ImageEncoding.self, forKey: .encoding),
            quality: try c.decodeIfPresent(Int.self, forKey: .quality), background: try c.decode(String.self, forKey: .background),
            inkGamma: try c.decode(Double.self, forKey: .inkGamma))
    }

    /// Encodes every parameter and the derived `upside_down`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode)
        try c.encode(renderDPI, forKey: .renderDPI)
        try c.encode(dpi, forKey: .dpi)
        try c.encode(rotation, forKey: .rotation)
        try c.encode(perspective, forKey: .perspective)
        try c.encode(lighting, forKey: .lighting)
        try c.encode(blur, forKey: .blur)
        try c.encode(noise, forKey: .noise)
        try c.encode(grayscale, forKey: .grayscale)
        try c.encode(encoding, forKey: .encoding)
        try c.encode(quality, forKey: .quality)
        try c.encode(background, forKey: .background)
        try c.encode(inkGamma, forKey: .inkGamma)
        try c.encode(upsideDown, forKey: .upsideDown)
    }

    /// Random parameters for `mode` on a page drawn at `renderDPI`; `encoding` forces the file format.
    static func draw(mode: CaptureMode, renderDPI: Int, encoding: ImageEncoding?, inkGamma: Double,
                     random: inout SplitMix64) -> CaptureParameters {
        func rounded(_ v: Double, _ places: Double = 1000) -> Double { (v * places).rounded() / places }
        switch mode {
        case .flat:
            let drawn: ImageEncoding = random.chance(0.5) ? .jpeg : .png
            let enc = encoding ?? drawn, quality = random.int(88...95)
            return CaptureParameters(mode: .flat, renderDPI: renderDPI, dpi: Double(renderDPI), rotation: 0, perspective: 0,
                                     lighting: 0, blur: 0, noise: 0, grayscale: false, encoding: enc,
                                     quality: enc == .jpeg ? quality : nil, background: "none", inkGamma: inkGamma)
        case .scan:
            let drawn: ImageEncoding = random.chance(0.8) ? .jpeg : .png
            let enc = encoding ?? drawn, quality = random.int(80...95)
            return CaptureParameters(
                mode: .scan, renderDPI: renderDPI, dpi: Double(renderDPI), rotation: rounded(random.uniform(-2, 2)),
                perspective: 0, lighting: rounded(random.uniform(0, 0.05)), blur: rounded(random.uniform(0, 0.5)),
                noise: rounded(random.uniform(1, 3)), grayscale: random.chance(0.25), encoding: enc,
                quality: enc == .jpeg ? quality : nil, background: "scanner", inkGamma: inkGamma)
        case .phone, .poorPhone:
            let poor = mode == .poorPhone
            let drawn: ImageEncoding = random.chance(0.9) ? .jpeg : .png
            let enc = encoding ?? drawn, quality = poor ? random.int(35...55) : random.int(50...90)
            let quarter = random.pick([0, 0, 0, 0, 0, 1, 2, 3])
            var rotation = Double(quarter * 90) + random.uniform(-15, 15)
            if rotation > 180 { rotation -= 360 }
            let dpi = min(Double(renderDPI), random.uniform(150, 250).rounded())
            return CaptureParameters(
                mode: mode, renderDPI: renderDPI, dpi: dpi, rotation: rounded(rotation),
                perspective: rounded(random.uniform(0.005, 0.05)), lighting: rounded(random.uniform(0.1, 0.45)),
                blur: rounded(poor ? random.uniform(0.9, 1.4) : random.uniform(0.4, 1.3)),
                noise: rounded(poor ? random.uniform(5, 10) : random.uniform(2, 7)), grayscale: random.chance(0.1),
                encoding: enc, quality: enc == .jpeg ? quality : nil,
                background: random.pick(["desk", "wood", "fabric", "dark"]), inkGamma: inkGamma)
        }
    }
}

/// Turns a rendered page into a captured image: geometry first (inverse mapping with bilinear
/// sampling), then light, blur and noise.
enum Capture {
    /// The captured image and the map from render pixels to image pixels.
    static func apply(_ page: RenderedPage, _ p: CaptureParameters, random: inout SplitMix64) -> (Canvas, Homography) {
        guard p.mode != .flat else { return (page.canvas, .identity) }
        let w = Double(page.canvas.width), h = Double(page.canvas.height)
        let s = p.dpi / Double(page.dpi)
        let theta = radians(p.rotation)
        let cs = cosine(theta), sn = sine(theta)
        let corners: [(x: Double, y: Double)] = [(0, 0), (w, 0), (w, h), (0, h)]
        let diagonal = (w * w + h * h).squareRoot() * s
        var turned: [(x: Double, y: Double)] = corners.map { c in
            let x = (c.x - w / 2) * s, y = (c.y - h / 2) * s
            return (x * cs - y * sn, x * sn + y * cs)
        }
        if p.perspective > 0 {
            for i in 0..<4 {
                let angle = random.uniform(0, 2 * Double.pi), length = random.uniform(0.4, 1) * p.perspective * diagonal
                turned[i].x += length * cosine(angle)
                turned[i].y += length * sine(angle)
            }
        }
        let minX = turned.map(\.x).min() ?? 0, maxX = turned.map(\.x).max() ?? 0
        let minY = turned.map(\.y).min() ?? 0, maxY = turned.map(\.y).max() ?? 0
        let marginFraction = p.mode.isPhotograph ? random.uniform(0.06, 0.2) : random.uniform(0.02, 0.05)
        let margin = (marginFraction * max(maxX - minX, maxY - minY)).rounded()
        let outW = Int((maxX - minX + 2 * margin).rounded(.up)), outH = Int((maxY - minY + 2 * margin).rounded(.up))
        let target = turned.map { (x: $0.x - minX + margin, y: $0.y - minY + margin) }
        let forward = Homography.mapping(from: corners, to: target) ?? .identity
        let inverse = forward.inverse() ?? .identity

        var out = background(width: outW, height: outH, style: p.background, random: &random)
        let factor = max(1, min(4, Int((1 / s).rounded(.down))))
        let source = page.canvas.downscaled(by: factor)
        warp(source, factor: Double(factor), outputPerSource: s * Double(factor), inverse: inverse, into: &out)
        if p.lighting > 0 { light(&out, depth: p.lighting, random: &random) }
        if p.mode.isPhotograph { colourCast(&out, random: &random) }
        out.blur(sigma: p.blur)
        out.addNoise(sigma: p.noise, random: &random)
        return (out, forward)
    }

    /// Samples the page into `out` through `inverse` (output pixel → render pixel), blending its edges.
    static func warp(_ source: Canvas, factor: Double, outputPerSource: Double, inverse: Homography, into out: inout Canvas) {
        let m = inverse.m
        let sw = source.width, sh = source.height
        let fw = Double(sw), fh = Double(sh)
        let outW = out.width, outH = out.height
        source.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for v in 0..<outH {
                    let fv = Double(v) + 0.5
                    for u in 0..<outW {
                        let fu = Double(u) + 0.5
                        let wq = m[6] * fu + m[7] * fv + m[8]
                        let qx = (m[0] * fu + m[1] * fv + m[2]) / wq / factor
                        let qy = (m[3] * fu + m[4] * fv + m[5]) / wq / factor
                        let edge = min(min(qx, fw - qx), min(qy, fh - qy))
                        let alpha = max(0, min(1, edge * outputPerSource + 0.5))
                        if alpha <= 0 { continue }
                        let sx = qx - 0.5, sy = qy - 0.5
                        let fx0 = sx.rounded(.down), fy0 = sy.rounded(.down)
                        let ax = sx - fx0, ay = sy - fy0
                        let x0 = max(0, min(sw - 1, Int(fx0))), x1 = max(0, min(sw - 1, Int(fx0) + 1))
                        let y0 = max(0, min(sh - 1, Int(fy0))), y1 = max(0, min(sh - 1, Int(fy0) + 1))
                        let i00 = (y0 * sw + x0) * 3, i01 = (y0 * sw + x1) * 3
                        let i10 = (y1 * sw + x0) * 3, i11 = (y1 * sw + x1) * 3
                        let o = (v * outW + u) * 3
                        for c in 0..<3 {
                            let top = Double(src[i00 + c]) * (1 - ax) + Double(src[i01 + c]) * ax
                            let bottom = Double(src[i10 + c]) * (1 - ax) + Double(src[i11 + c]) * ax
                            let value = top * (1 - ay) + bottom * ay
                            dst[o + c] = Canvas.byte(Double(dst[o + c]) * (1 - alpha) + value * alpha + 0.5)
                        }
                    }
                }
            }
        }
    }

    /// What lies around the page: a scanner lid or a surface with texture.
    private static func background(width: Int, height: Int, style: String, random: inout SplitMix64) -> Canvas {
        let base: (Double, Double, Double)
        var grain = 10.0, stripes = 0.0, hatch = 0.0
        switch style {
        case "scanner":
            let v = random.uniform(236, 250)
            base = (v, v, v - random.uniform(0, 4)); grain = 1.5
        case "wood":
            base = (random.uniform(120, 170), random.uniform(80, 110), random.uniform(45, 70)); stripes = 18; grain = 8
        case "fabric":
            base = random.pick([(60.0, 80.0, 140.0), (150.0, 60.0, 60.0), (70.0, 120.0, 80.0), (110.0, 110.0, 120.0)])
            hatch = 10; grain = 8
        case "dark":
            let v = random.uniform(25, 55)
            base = (v, v, v + 5); grain = 6
        default:
            let v = random.uniform(150, 200)
            base = (v, v - random.uniform(0, 10), v - random.uniform(5, 25)); grain = 12
        }
        var out = Canvas(width: width, height: height, fill: RGBColor(red: 0, green: 0, blue: 0))
        // Value noise on a coarse grid, interpolated.
        let cell = max(8, min(width, height) / 10)
        let gw = width / cell + 2, gh = height / cell + 2
        let grid = (0..<(gw * gh)).map { _ in random.uniform(-1, 1) }
        let stripeAngle = random.uniform(0, Double.pi)
        let stripePeriod = random.uniform(6, 14)
        let sc = cosine(stripeAngle) / stripePeriod, ss = sine(stripeAngle) / stripePeriod
        let inverseCell = 1 / Double(cell)
        grid.withUnsafeBufferPointer { g in
            out.pixels.withUnsafeMutableBufferPointer { p in
                for y in 0..<height {
                    let gy = Double(y) * inverseCell
                    let iy = Int(gy), fy = gy - Double(iy)
                    for x in 0..<width {
                        let gx = Double(x) * inverseCell
                        let ix = Int(gx), fx = gx - Double(ix)
                        let top = g[iy * gw + ix] * (1 - fx) + g[iy * gw + ix + 1] * fx
                        let bottom = g[(iy + 1) * gw + ix] * (1 - fx) + g[(iy + 1) * gw + ix + 1] * fx
                        let n = top * (1 - fy) + bottom * fy
                        var d = n * grain
                        if stripes > 0 { d += stripes * sine(Double(x) * sc + Double(y) * ss + 3 * n) }
                        if hatch > 0, (x + y) & 3 == 0 || (x - y + 4 * height) & 3 == 0 { d -= hatch }
                        let i = (y * width + x) * 3
                        p[i] = Canvas.byte(base.0 + d)
                        p[i + 1] = Canvas.byte(base.1 + d)
                        p[i + 2] = Canvas.byte(base.2 + d)
                    }
                }
            }
        }
        return out
    }

    /// Uneven illumination: a linear fall-off across the frame in a random direction and a vignette.
    private static func light(_ out: inout Canvas, depth: Double, random: inout SplitMix64) {
        let angle = random.uniform(0, 2 * Double.pi)
        let dx = cosine(angle), dy = sine(angle)
        let cx = Double(out.width) / 2, cy = Double(out.height) / 2
        let radius = max(cx, cy)
        let w = out.width
        out.pixels.withUnsafeMutableBufferPointer { p in
            for y in 0..<out.height {
                let ry = (Double(y) - cy) / radius
                for x in 0..<w {
                    let rx = (Double(x) - cx) / radius
                    let g = max(-1, min(1, rx * dx + ry * dy))
                    let factor = (1 - depth * (0.5 + 0.5 * g)) * (1 - 0.25 * depth * (rx * rx + ry * ry))
                    let i = (y * w + x) * 3
                    p[i] = Canvas.byte(Double(p[i]) * factor)
                    p[i + 1] = Canvas.byte(Double(p[i + 1]) * factor)
                    p[i + 2] = Canvas.byte(Double(p[i + 2]) * factor)
                }
            }
        }
    }

    /// A white-balance error: each channel scaled by up to ±5%.
    private static func colourCast(_ out: inout Canvas, random: inout SplitMix64) {
        let gains = (0..<3).map { _ in random.uniform(0.95, 1.05) }
        let tables = gains.map { g in (0..<256).map { UInt8(clamping: Int((Double($0) * g).rounded())) } }
        out.pixels.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i < p.count {
                p[i] = tables[0][Int(p[i])]
                p[i + 1] = tables[1][Int(p[i + 1])]
                p[i + 2] = tables[2][Int(p[i + 2])]
                i += 3
            }
        }
    }
}
