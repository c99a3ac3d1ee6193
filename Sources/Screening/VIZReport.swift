import Findings
import Imaging
import MRZReader
import MRZText
import VIZReader

/// The printed page (VIZ) of a scan as read, and its field-by-field cross-check against the MRZ: the
/// `viz` object of `docscreen scan --json`.
public struct VIZReport: Sendable {
    /// The page as read, or `nil` when it could not be read at all (see `error`).
    public var reading: VIZReading?
    /// Each compared field's outcome.
    public var comparisons: [VIZComparison]
    /// Why the page could not be read at all, when it could not.
    public var error: VIZReadError?
    /// `viz.mismatch` (alert) and `viz.unreadable` (info) findings.
    public var findings: [Finding]

    /// Reads the page of `image` above the MRZ of `reading` and compares it with `fields`. Never throws:
    /// a page that cannot be read gives one `viz.unreadable` finding. O(pixels above the band) plus the engine.
    static func check(_ image: GrayImage, reading: MRZReading, fields: MRZFields, options: VIZCrossCheckOptions) -> VIZReport {
        switch VIZReader.read(image, geometry: reading.geometry, expected: fields, crossCheck: options) {
        case .success(let viz):
            let comparisons = VIZCrossCheck.compare(viz, with: fields, options: options)
            return VIZReport(reading: viz, comparisons: comparisons, error: nil, findings: VIZCrossCheck.findings(comparisons))
        case .failure(let error):
            let message: String = switch error {
            case .engineUnavailable: "The printed page was not read: the text engine or its language data is not available."
            case .degenerateBand: "The printed page was not read: the MRZ band gives no usable frame."
            case .noText: "The printed page was not read: no text was found above the MRZ."
            }
            return VIZReport(reading: nil, comparisons: [], error: error,
                             findings: [Finding(code: "viz.unreadable", severity: .info, message: message)])
        }
    }
}

extension VIZReport: Encodable {
    enum Keys: String, CodingKey { case fields, crossCheck, lines, error }
    enum FieldKeys: String, CodingKey { case value, confidence, box, source }
    enum CheckKeys: String, CodingKey { case field, outcome, viz, mrz, confidence, box, detail }
    enum LineKeys: String, CodingKey { case text, confidence, box, role }

    /// `{"fields": {NAME: {"value","confidence","box","source"}}, "crossCheck": [{"field","outcome","viz","mrz",
    /// "confidence","box","detail"}], "lines": [{"text","confidence","box","role"}], "error"}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        var fields = c.nestedContainer(keyedBy: DynamicKey.self, forKey: .fields)
        for (name, f) in (reading?.fields ?? [:]).sorted(by: { $0.key < $1.key }) {
            var o = fields.nestedContainer(keyedBy: FieldKeys.self, forKey: DynamicKey(name.rawValue))
            try o.encode(f.value, forKey: .value)
            try o.encode(rounded(f.confidence), forKey: .confidence)
            try o.encode(points(f.box), forKey: .box)
            try o.encode(f.source.rawValue, forKey: .source)
        }
        var checks = c.nestedUnkeyedContainer(forKey: .crossCheck)
        for x in comparisons {
            var o = checks.nestedContainer(keyedBy: CheckKeys.self)
            try o.encode(x.field.rawValue, forKey: .field)
            try o.encode(x.outcome.rawValue, forKey: .outcome)
            try o.encode(x.vizValue, forKey: .viz)
            try o.encode(x.mrzValue, forKey: .mrz)
            try o.encode(x.confidence.map(rounded), forKey: .confidence)
            try o.encode(x.box.map(points), forKey: .box)
            try o.encode(x.detail, forKey: .detail)
        }
        var lines = c.nestedUnkeyedContainer(forKey: .lines)
        for l in reading?.lines ?? [] {
            var o = lines.nestedContainer(keyedBy: LineKeys.self)
            try o.encode(l.text, forKey: .text)
            try o.encode(rounded(l.confidence), forKey: .confidence)
            try o.encode(points(l.box), forKey: .box)
            let role: String = switch l.role {
            case .caption(let name): "caption:" + (name?.rawValue ?? "other")
            case .value(let name): "value:" + name.rawValue
            case .other: "other"
            }
            try o.encode(role, forKey: .role)
        }
        try c.encode(error.map { "\($0)" }, forKey: .error)
    }

    private func rounded(_ v: Float) -> Double { (Double(v) * 1000).rounded() / 1000 }
    private func points(_ q: ImageQuad) -> [[Double]] { q.corners.map { [($0.x * 100).rounded() / 100, ($0.y * 100).rounded() / 100] } }

    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
