import Imaging
import MRZText

/// One sample to make. Everything random in it follows from `seed`.
public struct SampleRequest: Sendable, Hashable {
    /// The page format.
    public var format: SampleFormat
    /// Clean, degraded or fraud.
    public var kind: SampleKind
    /// The tampering of a fraud sample (exactly one); `nil` for genuine ones.
    public var tampering: TamperKind?
    /// Forces the capture; by default clean samples are flat or scanned, degraded ones photographed, and
    /// fraud samples any of the three.
    public var capture: CaptureMode?
    /// Forces the file format; by default it follows the capture.
    public var encoding: ImageEncoding?
    /// Resolution the page is drawn at (150–600); scans keep it, phone captures come out at 150–250 dpi.
    public var dpi: Int
    /// The sample's seed.
    public var seed: UInt64
    /// The day the document is judged on: genuine documents are valid on it, `expired` ones are not.
    public var referenceDate: CalendarDate
    /// File name without extension.
    public var name: String

    /// A request; see the properties.
    public init(format: SampleFormat, kind: SampleKind, tampering: TamperKind? = nil, capture: CaptureMode? = nil,
                encoding: ImageEncoding? = nil, dpi: Int = 300, seed: UInt64, referenceDate: CalendarDate, name: String) {
        self.format = format
        self.kind = kind
        self.tampering = tampering
        self.capture = capture
        self.encoding = encoding
        self.dpi = dpi
        self.seed = seed
        self.referenceDate = referenceDate
        self.name = name
    }
}

extension SampleRequest {
    /// The request that made `truth`'s sample: generating it again gives the same bytes. `nil` when the
    /// truth's reference date is not `YYYY-MM-DD`.
    public init?(reproducing truth: SampleTruth) {
        guard let reference = CalendarDate(iso: truth.referenceDate) else { return nil }
        let stem = truth.file.lastIndex(of: ".").map { String(truth.file[..<$0]) } ?? truth.file
        self.init(format: truth.format, kind: truth.kind, tampering: truth.fraud.first, capture: truth.capture.mode,
                  encoding: truth.capture.encoding, dpi: truth.capture.renderDPI, seed: truth.seed,
                  referenceDate: reference, name: stem)
    }
}

/// A generated sample: the encoded image file and its truth.
public struct Sample: Sendable {
    /// The image file's bytes (JPEG or PNG, as `truth.capture.encoding` says).
    public var image: [UInt8]
    /// The ground truth; `truth.file` is the file name to write `image` under.
    public var truth: SampleTruth
}

/// A generated sample before encoding: the captured image and its truth.
public struct RenderedSample: Sendable {
    /// The captured image (colour; a grey capture is written as its luma).
    public var image: RGBImage
    /// The ground truth.
    public var truth: SampleTruth
}

/// Makes synthetic travel-document data pages (TD1, TD2, TD3, MRV-A) with their ground truth.
///
/// Each page carries a security background, a portrait placeholder, the VIZ (bilingual captions,
/// national spelling of names, several date forms) and the MRZ in OCR-B at the ICAO pitch and position.
/// The same request gives the same bytes.
public struct SampleGenerator: Sendable {
    /// The fonts drawn with.
    public var fonts: SampleFonts

    /// Render resolutions accepted.
    public static let supportedDPI = 150...600

    /// A generator drawing with `fonts`.
    public init(fonts: SampleFonts = .debian) {
        self.fonts = fonts
    }

    /// The requests of a balanced batch: formats cycle fastest, then kinds; fraud samples cycle through
    /// `tamperings`. Sample `i` depends only on `seed` and `i`, not on `count`; it is named `prefix` and `i`
    /// in five digits (`page00007`).
    public static func batch(count: Int, seed: UInt64, formats: [SampleFormat] = SampleFormat.allCases,
                             kinds: [SampleKind] = SampleKind.allCases, tamperings: [TamperKind] = TamperKind.allCases,
                             dpi: Int = 300, referenceDate: CalendarDate, prefix: String = "page") -> [SampleRequest] {
        guard count > 0, !formats.isEmpty, !kinds.isEmpty else { return [] }
        let root = SplitMix64(seed: seed)
        var requests: [SampleRequest] = []
        var frauds = 0
        for i in 0..<count {
            let format = formats[i % formats.count]
            let kind = kinds[(i / formats.count) % kinds.count]
            var tampering: TamperKind?
            if kind == .fraud, !tamperings.isEmpty {
                tampering = tamperings[frauds % tamperings.count]
                frauds += 1
            }
            var stream = root.stream(UInt64(i))
            let digits = String(i)
            let name = prefix + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
            requests.append(SampleRequest(format: format, kind: kind == .fraud && tampering == nil ? .clean : kind,
                                          tampering: tampering, dpi: dpi, seed: stream.next(),
                                          referenceDate: referenceDate, name: name))
        }
        return requests
    }

    /// Makes the sample `request` describes and encodes it as its truth says.
    public func generate(_ request: SampleRequest) throws(SampleError) -> Sample {
        let rendered = try render(request)
        return Sample(image: try encode(rendered.image, rendered.truth.capture), truth: rendered.truth)
    }

    /// Makes the sample `request` describes, without encoding it.
    public func render(_ request: SampleRequest) throws(SampleError) -> RenderedSample {
        guard Self.supportedDPI.contains(request.dpi) else {
            throw .dpiOutOfRange(dpi: request.dpi, supported: Self.supportedDPI)
        }
        guard (request.kind == .fraud) == (request.tampering != nil) else {
            throw .tamperingMismatch(kind: request.kind, tampering: request.tampering)
        }
        let root = SplitMix64(seed: request.seed)
        var contentRandom = root.stream(1), designRandom = root.stream(2), captureRandom = root.stream(3)
        var tamperRandom = root.stream(4), noiseRandom = root.stream(5)
        let format = request.format

        // The document, and what each zone shows of it.
        let genuine = DocumentFields.draw(format: format, reference: request.referenceDate, random: &contentRandom)
        let design = PageDesign.draw(issuer: genuine.issuingState, random: &designRandom)
        var printedFields = genuine, encodedFields = genuine
        var records: [TamperRecord] = []
        if let kind = request.tampering,
           let record = Tampering.alterData(kind, printed: &printedFields, encoded: &encodedFields, format: format,
                                            reference: request.referenceDate, random: &tamperRandom) {
            records.append(record)
        }
        var lines = try encodedFields.mrzLines(format: format)
        if request.tampering == .badCheckDigit {
            records.append(Tampering.breakCheckDigit(&lines, format: format, random: &tamperRandom))
        }
        var plan = MRZPrintPlan(lines: lines, format: format)
        if let kind = request.tampering, let record = Tampering.alterPlan(kind, plan: &plan, format: format, random: &tamperRandom) {
            records.append(record)
        }
        var pasted: PastedBand?
        if request.tampering == .mrzPasted {
            let level = (Double(design.paper.red) + Double(design.paper.green) + Double(design.paper.blue)) / 3
            let band = Tampering.pastedBand(paperLevel: level, random: &tamperRandom)
            pasted = band
            records.append(TamperRecord(kind: .mrzPasted, amount: band.backgroundDelta,
                                        detail: "MRZ band pasted from another print: background \(band.backgroundDelta > 0 ? "+" : "")\(band.backgroundDelta) grey levels, noise \((band.noise * 10).rounded() / 10), blur \((band.blur * 100).rounded() / 100) px"))
        }
        let printed = PrintedFields(fields: printedFields, design: design)

        // The page.
        let rasterizer = try GlyphRasterizer(fonts: fonts)
        let renderer = PageRenderer(format: format, dpi: request.dpi, design: design, rasterizer: rasterizer)
        let page = try renderer.render(printed: printed, headerState: genuine.issuingState, plan: plan, pasted: pasted,
                                       random: &designRandom)

        // The capture.
        // Drawn even when forced, so that forcing what would have been drawn changes nothing: a truth
        // (format, kind, fraud, capture mode and encoding, render dpi, seed, reference date) regenerates its image.
        let drawnMode = defaultCapture(kind: request.kind, random: &captureRandom)
        let mode = request.capture ?? drawnMode
        let parameters = CaptureParameters.draw(mode: mode, renderDPI: request.dpi, encoding: request.encoding,
                                                inkGamma: (design.inkGamma * 1000).rounded() / 1000, random: &captureRandom)
        let (canvas, map) = Capture.apply(page, parameters, random: &noiseRandom)

        // The truth.
        func point(_ x: Double, _ y: Double) -> ImagePoint {
            let p = map.apply(x, y)
            return ImagePoint(x: p.x, y: p.y)
        }
        func quad(_ b: PixelBox) -> ImageQuad {
            ImageQuad(corners: [point(b.x0, b.y0), point(b.x1, b.y0), point(b.x1, b.y1), point(b.x0, b.y1)])
        }
        let w = Double(page.canvas.width), h = Double(page.canvas.height)
        if let box = page.pasted, let i = records.firstIndex(where: { $0.kind == .mrzPasted }) {
            records[i].region = quad(box)
        }
        let outputScale = parameters.dpi / 25.4
        let geometry = SampleGeometry(
            documentOutline: quad(PixelBox(x0: 0, y0: 0, x1: w, y1: h)), mrzBand: quad(page.band),
            mrzCharacterCentres: page.mrzCentres.map { $0.map { point($0.x, $0.y) } },
            mrzPitch: MRZPrintMetrics.pitch * outputScale, mrzCharacterHeight: MRZPrintMetrics.capitalHeight * outputScale,
            vizFields: page.vizBoxes.mapValues(quad))
        let truth = SampleTruth(
            file: request.name + "." + parameters.encoding.fileExtension, format: format, mrz: lines, kind: request.kind,
            fraud: request.tampering.map { [$0] } ?? [], tampering: records, fields: encodedFields, viz: printed,
            capture: parameters, referenceDate: request.referenceDate.description, seed: request.seed,
            width: canvas.width, height: canvas.height, geometry: geometry)
        return RenderedSample(image: try canvas.rgbImage(), truth: truth)
    }

    private func defaultCapture(kind: SampleKind, random: inout SplitMix64) -> CaptureMode {
        switch kind {
        case .clean: random.chance(0.6) ? .scan : .flat
        case .degraded: .phone
        case .fraud: random.pick([.phone, .phone, .scan, .scan, .flat])
        }
    }

    /// `image` written as `p` says: JPEG or PNG, colour or grey.
    public func encode(_ image: RGBImage, _ p: CaptureParameters) throws(SampleError) -> [UInt8] {
        do {
            switch (p.encoding, p.grayscale) {
            case (.jpeg, false): return try JPEGEncoder.encode(image, quality: p.quality ?? 90)
            case (.jpeg, true): return try JPEGEncoder.encode(image.luma(), quality: p.quality ?? 90)
            case (.png, false): return try PNGEncoder.encode(image)
            case (.png, true): return try PNGEncoder.encode(image.luma())
            }
        } catch {
            throw .encoding(error)
        }
    }
}
