import Findings
import Imaging
import LayoutChecks
import MRZReader
import MRZText
import VIZReader

/// The overall decision for the officer.
public enum Verdict: String, Sendable, Hashable, Codable, Comparable {
    /// Nothing found that argues against the document.
    case clear
    /// A person should look (second-line inspection).
    case refer
    /// Stop.
    case alert

    public static func < (a: Verdict, b: Verdict) -> Bool {
        let order: [Verdict] = [.clear, .refer, .alert]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// Why a file produced no reading.
public struct ScanError: Sendable, Hashable, Codable, Error {
    /// `image.unreadable` or `mrz.not_found`.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// Milliseconds spent in each stage of one scan.
public struct ScanTimings: Sendable, Hashable, Codable {
    public var decode: Double = 0
    public var locate: Double = 0
    public var read: Double = 0
    /// The layout and image checks.
    public var checks: Double = 0
    /// Reading the printed page and cross-checking it against the MRZ.
    public var viz: Double = 0
    public var total: Double = 0

    public init() {}
}

/// The outcome of screening one document image: the JSON object of `docscreen scan --json`.
public struct ScanResult: Sendable {
    /// The file as given (or a caller's label for bytes).
    public var file: String
    public var verdict: Verdict
    /// The MRZ read, or `nil` when none was found or the image was unreadable.
    public var mrz: MRZReading?
    /// Every finding: the MRZ text engine's, the checks', the watchlist's.
    public var findings: [Finding]
    /// The findings that decided the verdict.
    public var reasons: [Finding]
    public var error: ScanError?
    public var timings: ScanTimings
    /// The layout checks' report (glyphs measured, outline, statistics) when they ran.
    public var layout: LayoutReport?
    /// The decoded image, when the scan was asked to keep it (`ScanOptions.keepsImage`).
    public var image: GrayImage?
    /// The printed page as read and its cross-check against the MRZ, when it ran.
    public var viz: VIZReport?

    /// A result from its parts.
    public init(file: String, verdict: Verdict, mrz: MRZReading?, findings: [Finding], reasons: [Finding], error: ScanError?,
                timings: ScanTimings, layout: LayoutReport? = nil, image: GrayImage? = nil) {
        self.file = file
        self.verdict = verdict
        self.mrz = mrz
        self.findings = findings
        self.reasons = reasons
        self.error = error
        self.timings = timings
        self.layout = layout
        self.image = image
    }
}

extension ScanResult: Encodable {
    enum Keys: String, CodingKey { case file, verdict, mrz, findings, reasons, error, layout, viz, timingsMs }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(file, forKey: .file)
        try c.encode(verdict, forKey: .verdict)
        if let mrz {
            try c.encode(MRZReadingJSON(reading: mrz), forKey: .mrz)
        } else {
            try c.encodeNil(forKey: .mrz)
        }
        try c.encode(findings, forKey: .findings)
        try c.encode(reasons.map(\.code), forKey: .reasons)
        try c.encode(error, forKey: .error)
        if let layout { try c.encode(layout.measurements.rounded, forKey: .layout) }
        if let viz { try c.encode(viz, forKey: .viz) }
        try c.encode(timings, forKey: .timingsMs)
    }
}

/// The `mrz` object of a scan: the object of `docscreen mrz` plus `confidence` and `geometry`.
struct MRZReadingJSON: Encodable {
    var reading: MRZReading

    enum Keys: String, CodingKey { case confidence, geometry }
    enum ConfidenceKeys: String, CodingKey { case mean, minimum }
    enum GeometryKeys: String, CodingKey { case band, documentOutline, upsideDown, lines }
    enum LineKeys: String, CodingKey { case baselineStart, baselineEnd, angleDegrees, pitch, characterHeight, characters }
    enum CharacterKeys: String, CodingKey { case c, confidence, runnerUp, runnerUpConfidence, center, box, modelDistance }

    func encode(to encoder: any Encoder) throws {
        try reading.document.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        var confidence = c.nestedContainer(keyedBy: ConfidenceKeys.self, forKey: .confidence)
        try confidence.encode(rounded(reading.meanConfidence), forKey: .mean)
        try confidence.encode(rounded(reading.minimumConfidence), forKey: .minimum)
        var g = c.nestedContainer(keyedBy: GeometryKeys.self, forKey: .geometry)
        try g.encode(points(reading.geometry.band), forKey: .band)
        try g.encode(reading.geometry.documentOutline.map(points), forKey: .documentOutline)
        try g.encode(reading.geometry.upsideDown, forKey: .upsideDown)
        var lines = g.nestedUnkeyedContainer(forKey: .lines)
        for line in reading.geometry.lines {
            var l = lines.nestedContainer(keyedBy: LineKeys.self)
            try l.encode(point(line.baselineStart), forKey: .baselineStart)
            try l.encode(point(line.baselineEnd), forKey: .baselineEnd)
            try l.encode(rounded(line.angleDegrees), forKey: .angleDegrees)
            try l.encode(rounded(line.pitch), forKey: .pitch)
            try l.encode(rounded(line.characterHeight), forKey: .characterHeight)
            var chars = l.nestedUnkeyedContainer(forKey: .characters)
            for ch in line.characters {
                var o = chars.nestedContainer(keyedBy: CharacterKeys.self)
                try o.encode(String(ch.character), forKey: .c)
                try o.encode(rounded(ch.confidence), forKey: .confidence)
                try o.encode(String(ch.runnerUp), forKey: .runnerUp)
                try o.encode(rounded(ch.runnerUpConfidence), forKey: .runnerUpConfidence)
                try o.encode(point(ch.center), forKey: .center)
                try o.encode(points(ch.box), forKey: .box)
                try o.encode(rounded(ch.modelDistance), forKey: .modelDistance)
            }
        }
    }

    func rounded(_ v: Float) -> Double { (Double(v) * 1000).rounded() / 1000 }
    func rounded(_ v: Double) -> Double { (v * 100).rounded() / 100 }
    func point(_ p: ImagePoint) -> [Double] { [rounded(p.x), rounded(p.y)] }
    func points(_ q: ImageQuad) -> [[Double]] { q.corners.map(point) }
}

extension LayoutMeasurements {
    /// The statistics rounded to 0.001 for the JSON output.
    var rounded: LayoutMeasurements {
        func r(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
        var m = self
        m.pitchRunResidual = r(m.pitchRunResidual)
        m.pitchLineDeviation = r(m.pitchLineDeviation)
        m.pitchDocumentDeviation = r(m.pitchDocumentDeviation)
        m.baselineResidual = r(m.baselineResidual)
        m.lineAngleDifference = r(m.lineAngleDifference)
        m.leftEdgeOffset = r(m.leftEdgeOffset)
        m.lineSpacingDifference = r(m.lineSpacingDifference)
        m.lineSpacingPitches = r(m.lineSpacingPitches)
        m.fontRunScore = r(m.fontRunScore)
        m.leftMarginMillimetres = r(m.leftMarginMillimetres)
        m.bottomLineMillimetres = r(m.bottomLineMillimetres)
        m.pasteTopStep = r(m.pasteTopStep)
        m.milliseconds = r(m.milliseconds)
        return m
    }
}
