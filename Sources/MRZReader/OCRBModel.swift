import Foundation

/// The OCR-B character classifier: an ensemble of small multilayer perceptrons (321 → 128 ReLU → 37
/// softmax each, probabilities averaged) over one sampled character cell (see ``GlyphSampler``), trained by
/// `scripts/train-ocrb.py` on augmented renderings of the OCR-B typeface; the members differ in augmentation
/// (the second also saw hairline strokes and faint print). Also holds one mean template per class for the
/// glyph-to-model distance.
public struct OCRBModel: Sendable {
    /// The 37 MRZ characters in class order.
    public static let classes: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<".utf8)
    /// The sampled cell plus one input: 10 × (the glyph's height relative to its line's 90th percentile − 1),
    /// which is what tells an OCR-B digit (taller) from a letter of the same shape (0 and O).
    static let inputCount = GlyphSampler.featureCount + 1
    static let relativeHeightScale: Float = 10
    static let hiddenCount = 128
    static var classCount: Int { classes.count }

    /// One member network's weights, dequantised.
    struct Network: Sendable {
        let w1: [Float]   // [input × hidden], row-major
        let b1: [Float]
        let w2: [Float]   // [hidden × class]
        let b2: [Float]
    }

    let networks: [Network]
    let templates: [Float]  // [class × input], each row unit length after centring (from the first member)

    /// The model shipped with DocScreen, decoded once: both generated members, or none if either is damaged.
    public static let shipped: OCRBModel = OCRBModel(members: [weightsBase64, weightsBase64Thin]) ?? OCRBModel.empty

    static let empty = OCRBModel(networks: [], templates: [])

    private init(networks: [Network], templates: [Float]) {
        self.networks = networks
        self.templates = templates
    }

    /// Whether the weights decoded (a damaged build would leave the model empty; the reader then finds nothing).
    public var isUsable: Bool { !networks.isEmpty }

    /// An ensemble of the members' base64 blobs (the layout `scripts/train-ocrb.py` writes); `nil` if any is damaged.
    init?(members: [String]) {
        var networks: [Network] = []
        var templates: [Float] = []
        for blob in members {
            guard let (network, memberTemplates) = OCRBModel.decode(base64: blob) else { return nil }
            networks.append(network)
            if templates.isEmpty { templates = memberTemplates }
        }
        guard !networks.isEmpty else { return nil }
        self.init(networks: networks, templates: templates)
    }

    static func decode(base64: String) -> (Network, [Float])? {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else { return nil }
        let bytes = [UInt8](data)
        let n = OCRBModel.inputCount, h = OCRBModel.hiddenCount, k = OCRBModel.classes.count
        let cells = GlyphSampler.featureCount
        var offset = 0
        func int8s(_ count: Int) -> [Float]? {
            guard offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return bytes[offset..<(offset + count)].map { Float(Int8(bitPattern: $0)) }
        }
        func floats(_ count: Int) -> [Float]? {
            guard offset + 4 * count <= bytes.count else { return nil }
            defer { offset += 4 * count }
            return (0..<count).map { i in
                let o = offset + 4 * i
                let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
                return Float(bitPattern: bits)
            }
        }
        guard var q1 = int8s(n * h), let s1 = floats(h), let b1 = floats(h),
              var q2 = int8s(h * k), let s2 = floats(k), let b2 = floats(k),
              var t = int8s(k * cells), let ts = floats(k), offset == bytes.count else { return nil }
        for i in 0..<n { for j in 0..<h { q1[i * h + j] *= s1[j] } }
        for i in 0..<h { for j in 0..<k { q2[i * k + j] *= s2[j] } }
        for c in 0..<k {
            // Template rows were quantised per class; centre and normalise each for a correlation.
            var mean: Float = 0
            for i in 0..<cells { t[c * cells + i] *= ts[c]; mean += t[c * cells + i] }
            mean /= Float(cells)
            var norm: Float = 0
            for i in 0..<cells { t[c * cells + i] -= mean; norm += t[c * cells + i] * t[c * cells + i] }
            let inv = 1 / max(norm.squareRoot(), 1e-6)
            for i in 0..<cells { t[c * cells + i] *= inv }
        }
        return (Network(w1: q1, b1: b1, w2: q2, b2: b2), t)
    }

    /// Class probabilities of one cell's inputs (``inputCount`` values), written into `probabilities` (37
    /// values): the mean of the members' softmax outputs.
    ///
    /// - Complexity: about 23 thousand multiply-adds per member consulted; no allocation.
    func classify(_ features: UnsafeBufferPointer<Float>, into probabilities: UnsafeMutableBufferPointer<Float>) {
        let k = OCRBModel.classes.count
        guard let first = networks.first else { return }
        OCRBModel.softmax(first, features, into: probabilities)
        guard networks.count > 1 else { return }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { member in
            for network in networks.dropFirst() {
                OCRBModel.softmax(network, features, into: member)
                for c in 0..<k { probabilities[c] += member[c] }
            }
        }
        let scale = 1 / Float(networks.count)
        for c in 0..<k { probabilities[c] *= scale }
    }

    /// One member's softmax output.
    static func softmax(_ network: Network, _ features: UnsafeBufferPointer<Float>, into probabilities: UnsafeMutableBufferPointer<Float>) {
        let n = OCRBModel.inputCount, h = OCRBModel.hiddenCount, k = OCRBModel.classes.count
        withUnsafeTemporaryAllocation(of: Float.self, capacity: h) { hidden in
            network.w1.withUnsafeBufferPointer { w in
                for j in 0..<h { hidden[j] = network.b1[j] }
                for i in 0..<n {
                    let x = features[i]
                    if x == 0 { continue }
                    let row = i * h
                    for j in 0..<h { hidden[j] += x * w[row + j] }
                }
            }
            for j in 0..<h where hidden[j] < 0 { hidden[j] = 0 }
            network.w2.withUnsafeBufferPointer { w in
                for c in 0..<k { probabilities[c] = network.b2[c] }
                for j in 0..<h {
                    let x = hidden[j]
                    if x == 0 { continue }
                    let row = j * k
                    for c in 0..<k { probabilities[c] += x * w[row + c] }
                }
            }
        }
        var top = -Float.infinity
        for c in 0..<k { top = max(top, probabilities[c]) }
        var sum: Float = 0
        for c in 0..<k {
            let e = expf(probabilities[c] - top)
            probabilities[c] = e
            sum += e
        }
        for c in 0..<k { probabilities[c] /= sum }
    }

    /// 1 − the correlation between the cell and the mean OCR-B rendering of `classIndex`: near 0 for a
    /// clean OCR-B glyph, larger for another typeface or a damaged glyph.
    func templateDistance(_ features: UnsafeBufferPointer<Float>, classIndex: Int) -> Float {
        let n = GlyphSampler.featureCount
        var mean: Float = 0
        for i in 0..<n { mean += features[i] }
        mean /= Float(n)
        var dot: Float = 0, norm: Float = 0
        templates.withUnsafeBufferPointer { t in
            let row = classIndex * n
            for i in 0..<n {
                let x = features[i] - mean
                dot += x * t[row + i]
                norm += x * x
            }
        }
        return 1 - dot / max(norm.squareRoot(), 1e-6)
    }
}
