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
    /// Hidden units computed together over a batch of cells (two `SIMD8` registers).
    static let hiddenBlock = 16
    static var classCount: Int { classes.count }

    /// One member network's weights, dequantised.
    struct Network: Sendable {
        /// The hidden layer in blocks of ``hiddenBlock`` units, each `[input × hiddenBlock]` row-major: one block is
        /// small enough to stay in the first-level cache while every cell of a batch passes through it.
        let w1: [Float]
        let b1: [Float]
        let w2: [Float]   // [hidden × paddedClassCount], the padding columns zero
        let b2: [Float]   // [paddedClassCount]
    }

    /// A first member's top probability from which the other members are not consulted: the ensemble is for
    /// the glyphs one member finds hard (thin or faint print), and most glyphs are not.
    static let soleMemberAbove: Float = 0.999

    /// The classes rounded up to a whole number of `SIMD8` lanes, the output layer's row length: five groups of
    /// eight, which ``softmax(_:_:count:into:)`` sums side by side.
    static let paddedClassCount = 40

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
        let block = OCRBModel.hiddenBlock
        var blocked = [Float](repeating: 0, count: n * h)
        for start in stride(from: 0, to: h, by: block) {
            for i in 0..<n { for u in 0..<block { blocked[start * n + i * block + u] = q1[i * h + start + u] } }
        }
        return (Network(w1: blocked, b1: b1, w2: w2, b2: b2 + [Float](repeating: 0, count: kp - k)), t)
    }

    /// Class probabilities of `count` cells, their inputs ``inputCount`` values apart in `features`, written
    /// ``classCount`` values apart into `probabilities`: the first member's softmax output where it is sure
    /// (``soleMemberAbove``), otherwise the mean of every member's.
    ///
    /// - Complexity: about 46 thousand multiply-adds per cell and member consulted.
    func classify(batch features: UnsafeBufferPointer<Float>, count: Int, into probabilities: UnsafeMutableBufferPointer<Float>) {
        let k = OCRBModel.classes.count, n = OCRBModel.inputCount
        guard let first = networks.first, count > 0 else { return }
        OCRBModel.softmax(first, features, count: count, into: probabilities)
        guard networks.count > 1 else { return }
        var unsure: [Int] = []
        for cell in 0..<count {
            var top: Float = 0
            for c in 0..<k { top = max(top, probabilities[cell * k + c]) }
            if top < OCRBModel.soleMemberAbove { unsure.append(cell) }
        }
        guard !unsure.isEmpty else { return }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: unsure.count * (n + k)) { scratch in
            let inputs = UnsafeMutableBufferPointer(rebasing: scratch[0..<(unsure.count * n)])
            let member = UnsafeMutableBufferPointer(rebasing: scratch[(unsure.count * n)...])
            for (j, cell) in unsure.enumerated() {
                for i in 0..<n { inputs[j * n + i] = features[cell * n + i] }
            }
            for network in networks.dropFirst() {
                OCRBModel.softmax(network, UnsafeBufferPointer(inputs), count: unsure.count, into: member)
                for (j, cell) in unsure.enumerated() {
                    for c in 0..<k { probabilities[cell * k + c] += member[j * k + c] }
                }
            }
        }
        let scale = 1 / Float(networks.count)
        for cell in unsure { for c in 0..<k { probabilities[cell * k + c] *= scale } }
    }

    /// One member's softmax output for `count` cells (inputs ``inputCount`` apart, outputs ``classCount`` apart).
    ///
    /// The hidden layer goes block by block (``hiddenBlock`` units, whose weights stay in the first-level cache),
    /// two cells at a time through each block in registers (two `SIMD8` accumulators a cell); then each cell's
    /// output layer over the classes padded to ``paddedClassCount`` (the padding is never read back). Every unit
    /// sums its inputs in the same order whatever the batch.
    static func softmax(_ network: Network, _ features: UnsafeBufferPointer<Float>, count: Int,
                        into probabilities: UnsafeMutableBufferPointer<Float>) {
        let n = OCRBModel.inputCount, h = OCRBModel.hiddenCount, k = OCRBModel.classes.count
        let kp = OCRBModel.paddedClassCount, block = OCRBModel.hiddenBlock
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count * h + kp) { scratch in
            guard let hidden = scratch.baseAddress, let x = features.baseAddress else { return }
            let out = hidden + count * h
            let zero = SIMD8<Float>(repeating: 0)
            network.w1.withUnsafeBufferPointer { w1 in
                network.b1.withUnsafeBufferPointer { b1 in
                    guard let w = w1.baseAddress, let b = b1.baseAddress else { return }
                    for start in stride(from: 0, to: h, by: block) {
                        let weights = UnsafeRawPointer(w + start * n)
                        let bias0 = UnsafeRawPointer(b + start).loadUnaligned(as: SIMD8<Float>.self)
                        let bias1 = UnsafeRawPointer(b + start + 8).loadUnaligned(as: SIMD8<Float>.self)
                        var cell = 0
                        while cell < count {
                            let pair = cell + 1 < count
                            let x0 = x + cell * n, x1 = pair ? x0 + n : x0
                            var a0 = bias0, a1 = bias1, c0 = bias0, c1 = bias1
                            var row = weights
                            for i in 0..<n {
                                let w0 = row.loadUnaligned(as: SIMD8<Float>.self)
                                let w1 = row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                                let p = SIMD8<Float>(repeating: x0[i]), q = SIMD8<Float>(repeating: x1[i])
                                a0 += p * w0
                                a1 += p * w1
                                c0 += q * w0
                                c1 += q * w1
                                row += block * MemoryLayout<Float>.stride
                            }
                            let target = UnsafeMutableRawPointer(hidden + cell * h + start)
                            target.storeBytes(of: a0.replacing(with: zero, where: a0 .< zero), as: SIMD8<Float>.self)
                            target.storeBytes(of: a1.replacing(with: zero, where: a1 .< zero), toByteOffset: 32, as: SIMD8<Float>.self)
                            if pair {
                                let next = target + h * MemoryLayout<Float>.stride
                                next.storeBytes(of: c0.replacing(with: zero, where: c0 .< zero), as: SIMD8<Float>.self)
                                next.storeBytes(of: c1.replacing(with: zero, where: c1 .< zero), toByteOffset: 32, as: SIMD8<Float>.self)
                            }
                            cell += 2
                        }
                    }
                }
            }
            network.w2.withUnsafeBufferPointer { w2 in
                network.b2.withUnsafeBufferPointer { b2 in
                    guard let w = w2.baseAddress, let b = b2.baseAddress else { return }
                    let bias = UnsafeRawPointer(b)
                    for cell in 0..<count {
                        let units = hidden + cell * h
                        // The five groups of eight classes side by side: five independent sums per hidden unit.
                        var o0 = bias.loadUnaligned(as: SIMD8<Float>.self)
                        var o1 = bias.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                        var o2 = bias.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                        var o3 = bias.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                        var o4 = bias.loadUnaligned(fromByteOffset: 128, as: SIMD8<Float>.self)
                        var row = UnsafeRawPointer(w)
                        for j in 0..<h {
                            let unit = SIMD8<Float>(repeating: units[j])
                            o0 += unit * row.loadUnaligned(as: SIMD8<Float>.self)
                            o1 += unit * row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                            o2 += unit * row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                            o3 += unit * row.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                            o4 += unit * row.loadUnaligned(fromByteOffset: 128, as: SIMD8<Float>.self)
                            row += kp * MemoryLayout<Float>.stride
                        }
                        let target = UnsafeMutableRawPointer(out)
                        target.storeBytes(of: o0, as: SIMD8<Float>.self)
                        target.storeBytes(of: o1, toByteOffset: 32, as: SIMD8<Float>.self)
                        target.storeBytes(of: o2, toByteOffset: 64, as: SIMD8<Float>.self)
                        target.storeBytes(of: o3, toByteOffset: 96, as: SIMD8<Float>.self)
                        target.storeBytes(of: o4, toByteOffset: 128, as: SIMD8<Float>.self)
                        var top = -Float.infinity
                        for c in 0..<k { top = max(top, out[c]) }
                        var sum: Float = 0
                        for c in 0..<k {
                            let e = expf(out[c] - top)
                            probabilities[cell * k + c] = e
                            sum += e
                        }
                        let inverse = 1 / sum
                        for c in 0..<k { probabilities[cell * k + c] *= inverse }
                    }
                }
            }
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
