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
        let w2: [Float]   // [hidden × paddedClassCount], the padding columns zero
        let b2: [Float]   // [paddedClassCount]
    }

    /// A first member's top probability from which the other members are not consulted: the ensemble is for
    /// the glyphs one member finds hard (thin or faint print), and most glyphs are not.
    static let soleMemberAbove: Float = 0.999

    /// The classes rounded up to a whole number of `SIMD8` lanes, the output layer's row length.
    static let paddedClassCount = (OCRBModel.classes.count + 7) / 8 * 8

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
        let kp = OCRBModel.paddedClassCount
        var w2 = [Float](repeating: 0, count: h * kp)
        for i in 0..<h { for j in 0..<k { w2[i * kp + j] = q2[i * k + j] } }
        return (Network(w1: q1, b1: b1, w2: w2, b2: b2 + [Float](repeating: 0, count: kp - k)), t)
    }

    /// Class probabilities of one cell's inputs (``inputCount`` values), written into `probabilities` (37
    /// values): the first member's softmax output where it is sure (``soleMemberAbove``), otherwise the mean
    /// of every member's.
    ///
    /// - Complexity: about 46 thousand multiply-adds per member consulted; no allocation.
    func classify(_ features: UnsafeBufferPointer<Float>, into probabilities: UnsafeMutableBufferPointer<Float>) {
        let k = OCRBModel.classes.count
        guard let first = networks.first else { return }
        OCRBModel.softmax(first, features, into: probabilities)
        guard networks.count > 1 else { return }
        var top: Float = 0
        for c in 0..<k { top = max(top, probabilities[c]) }
        if top >= OCRBModel.soleMemberAbove { return }
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
    ///
    /// The hidden layer is computed 32 units at a time in registers (four `SIMD8` accumulators over the 321
    /// inputs, the weight rows read contiguously), the output layer over the classes padded to
    /// ``paddedClassCount``; the padding is never read back.
    static func softmax(_ network: Network, _ features: UnsafeBufferPointer<Float>, into probabilities: UnsafeMutableBufferPointer<Float>) {
        let n = OCRBModel.inputCount, h = OCRBModel.hiddenCount, k = OCRBModel.classes.count
        let kp = OCRBModel.paddedClassCount
        withUnsafeTemporaryAllocation(of: Float.self, capacity: h + kp) { scratch in
            guard let hidden = scratch.baseAddress, let x = features.baseAddress else { return }
            let out = hidden + h
            network.w1.withUnsafeBufferPointer { w1 in
                network.b1.withUnsafeBufferPointer { b1 in
                    guard let w = w1.baseAddress, let b = b1.baseAddress else { return }
                    for chunk in stride(from: 0, to: h, by: 32) {
                        var a0 = UnsafeRawPointer(b + chunk).loadUnaligned(as: SIMD8<Float>.self)
                        var a1 = UnsafeRawPointer(b + chunk + 8).loadUnaligned(as: SIMD8<Float>.self)
                        var a2 = UnsafeRawPointer(b + chunk + 16).loadUnaligned(as: SIMD8<Float>.self)
                        var a3 = UnsafeRawPointer(b + chunk + 24).loadUnaligned(as: SIMD8<Float>.self)
                        var row = UnsafeRawPointer(w + chunk)
                        for i in 0..<n {
                            let xi = SIMD8<Float>(repeating: x[i])
                            a0 += xi * row.loadUnaligned(as: SIMD8<Float>.self)
                            a1 += xi * row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                            a2 += xi * row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                            a3 += xi * row.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                            row += h * MemoryLayout<Float>.stride
                        }
                        let zero = SIMD8<Float>(repeating: 0)
                        let target = UnsafeMutableRawPointer(hidden + chunk)
                        target.storeBytes(of: a0.replacing(with: zero, where: a0 .< zero), as: SIMD8<Float>.self)
                        target.storeBytes(of: a1.replacing(with: zero, where: a1 .< zero), toByteOffset: 32, as: SIMD8<Float>.self)
                        target.storeBytes(of: a2.replacing(with: zero, where: a2 .< zero), toByteOffset: 64, as: SIMD8<Float>.self)
                        target.storeBytes(of: a3.replacing(with: zero, where: a3 .< zero), toByteOffset: 96, as: SIMD8<Float>.self)
                    }
                }
            }
            network.w2.withUnsafeBufferPointer { w2 in
                network.b2.withUnsafeBufferPointer { b2 in
                    guard let w = w2.baseAddress, let b = b2.baseAddress else { return }
                    for chunk in stride(from: 0, to: kp, by: 8) {
                        var acc = UnsafeRawPointer(b + chunk).loadUnaligned(as: SIMD8<Float>.self)
                        var row = UnsafeRawPointer(w + chunk)
                        for j in 0..<h {
                            acc += SIMD8<Float>(repeating: hidden[j]) * row.loadUnaligned(as: SIMD8<Float>.self)
                            row += kp * MemoryLayout<Float>.stride
                        }
                        UnsafeMutableRawPointer(out + chunk).storeBytes(of: acc, as: SIMD8<Float>.self)
                    }
                }
            }
            var top = -Float.infinity
            for c in 0..<k { top = max(top, out[c]) }
            var sum: Float = 0
            for c in 0..<k {
                let e = expf(out[c] - top)
                probabilities[c] = e
                sum += e
            }
            let inverse = 1 / sum
            for c in 0..<k { probabilities[c] *= inverse }
        }
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
