import Imaging

/// A dark connected component of a binarised image: its box, pixel count and centroid.
struct TextComponent: Sendable {
    var minX: Int32, minY: Int32, maxX: Int32, maxY: Int32
    var count: Int32
    var sumX: Int64, sumY: Int64

    var width: Int { Int(maxX - minX) + 1 }
    var height: Int { Int(maxY - minY) + 1 }
    var centerX: Float { Float(minX + maxX) / 2 }
    var centerY: Float { Float(minY + maxY) / 2 }
    var centroidX: Float { Float(sumX) / Float(max(count, 1)) }
    var centroidY: Float { Float(sumY) / Float(max(count, 1)) }
}

/// Local-contrast binarisation and 8-connected component labelling over runs.
enum TextComponents {
    /// Dark pixels: darker than `1 − contrast` times the mean of the `(2r+1)²` window around them.
    ///
    /// - Complexity: O(width × height): column sums over the window's rows slide down the image, and a
    ///   prefix sum of them per row gives each window's total; one byte per pixel out.
    static func binarize(_ image: GrayImage, radius r: Int, contrast: Float = 0.12) -> [UInt8] {
        let w = image.width, h = image.height, stride = image.rowStride
        guard w > 0, h > 0 else { return [] }
        let factor = 1 - contrast
        var columns = [Int32](repeating: 0, count: w)
        var prefix = [Int32](repeating: 0, count: w + 1)
        return [UInt8](unsafeUninitializedCapacity: w * h) { out, initialized in
            image.pixels.withUnsafeBufferPointer { source in
                columns.withUnsafeMutableBufferPointer { columnSums in
                    prefix.withUnsafeMutableBufferPointer { prefixSums in
                        guard let px = source.baseAddress, let col = columnSums.baseAddress, let pre = prefixSums.baseAddress,
                              let o = out.baseAddress else { return }
                        // Window totals are at most (2r+1)² × 255; the running prefix may wrap, its differences do not.
                        for y in 0..<min(h, r + 1) {
                            let row = px + y * stride
                            for x in 0..<w { col[x] &+= Int32(row[x]) }
                        }
                        for y in 0..<h {
                            if y > 0 {
                                if y + r < h {
                                    let row = px + (y + r) * stride
                                    for x in 0..<w { col[x] &+= Int32(row[x]) }
                                }
                                if y - r - 1 >= 0 {
                                    let row = px + (y - r - 1) * stride
                                    for x in 0..<w { col[x] &-= Int32(row[x]) }
                                }
                            }
                            // The row's prefix sums four at a time: each block's own prefix by two shifted adds,
                            // then the running total, so that the chain from block to block is one add, not four.
                            pre[0] = 0
                            var running = SIMD4<Int32>(repeating: 0)
                            let blocks = w / 4 * 4
                            var block = 0
                            while block < blocks {
                                var v = UnsafeRawPointer(col + block).loadUnaligned(as: SIMD4<Int32>.self)
                                v &+= SIMD4(0, v[0], v[1], v[2])
                                v &+= SIMD4(0, 0, v[0], v[1])
                                v &+= running
                                UnsafeMutableRawPointer(pre + block + 1).storeBytes(of: v, as: SIMD4<Int32>.self)
                                running = SIMD4(repeating: v[3])
                                block += 4
                            }
                            var tail = running[0]
                            for x in blocks..<w {
                                tail &+= col[x]
                                pre[x + 1] = tail
                            }
                            let rows = Float(min(h, y + r + 1) - max(0, y - r))
                            let row = px + y * stride, line = o + y * w
                            let interiorStart = min(r, w), interiorEnd = max(interiorStart, w - r - 1)
                            // Dark when pixel < factor × mean − 2, i.e. pixel × area < factor × sum − 2 × area: no division.
                            @inline(__always) func decide(_ x: Int, _ x0: Int, _ x1: Int, _ area: Float) {
                                let sum = pre[x1] &- pre[x0]
                                line[x] = Float(row[x]) * area < factor * Float(sum) - 2 * area ? 1 : 0
                            }
                            for x in 0..<interiorStart { decide(x, 0, min(w, x + r + 1), rows * Float(min(w, x + r + 1))) }
                            let interiorArea = rows * Float(2 * r + 1)
                            // The interior eight pixels at a time: the same arithmetic, lane by lane.
                            let vectorEnd = interiorStart + (interiorEnd - interiorStart) / 8 * 8
                            let area8 = SIMD8<Float>(repeating: interiorArea), bias8 = 2 * area8
                            let factor8 = SIMD8<Float>(repeating: factor)
                            var x = interiorStart
                            while x < vectorEnd {
                                let hi = UnsafeRawPointer(pre + (x + r + 1)).loadUnaligned(as: SIMD8<Int32>.self)
                                let lo = UnsafeRawPointer(pre + (x - r)).loadUnaligned(as: SIMD8<Int32>.self)
                                let sums = SIMD8<Float>(hi &- lo)
                                let pixels = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(row + x).loadUnaligned(as: SIMD8<UInt8>.self)))
                                let dark = pixels * area8 .< factor8 * sums - bias8
                                let bytes = SIMD8<Int32>(repeating: 0).replacing(with: 1, where: dark)
                                UnsafeMutableRawPointer(line + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: bytes), as: SIMD8<UInt8>.self)
                                x += 8
                            }
                            for x in vectorEnd..<interiorEnd { decide(x, x - r, x + r + 1, interiorArea) }
                            for x in interiorEnd..<w {
                                let x0 = max(0, x - r), x1 = min(w, x + r + 1)
                                decide(x, x0, x1, rows * Float(x1 - x0))
                            }
                        }
                    }
                }
            }
            initialized = w * h
        }
    }

    /// Connected components (8-connectivity) of a binary image (zero is paper), each with its statistics, in
    /// the order of their first pixel (row by row).
    ///
    /// - Complexity: O(pixels / 8 + runs × α(runs)) by union–find over horizontal runs; paper and ink are
    ///   skipped eight bytes at a time.
    static func label(_ binary: [UInt8], width w: Int, height h: Int, maxComponents: Int = 200_000) -> [TextComponent] {
        struct Run { var y: Int32; var x0: Int32; var x1: Int32; var label: Int32 }
        guard w > 0, h > 0, binary.count >= w * h else { return [] }
        // A run is at least one ink pixel followed by paper (or the row's end): at most ⌈w/2⌉ a row.
        let capacity = (w + 1) / 2 * h
        return withUnsafeTemporaryAllocation(of: Run.self, capacity: capacity) { runs -> [TextComponent] in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { parent -> [TextComponent] in
                guard let runs = runs.baseAddress, let parent = parent.baseAddress else { return [] }
                var count = 0
                binary.withUnsafeBufferPointer { b in
                    guard let pixels = b.baseAddress else { return }
                    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                    var previousStart = 0, previousEnd = 0
                    for y in 0..<h {
                        let rowStart = count
                        var x = 0
                        let row = pixels + y * w
                        while x < w {
                            // Paper is most of the image: skipped a word at a time, to the first ink byte.
                            if x + 8 <= w {
                                let word = UInt64(littleEndian: UnsafeRawPointer(row + x).loadUnaligned(as: UInt64.self))
                                if word == 0 { x += 8; continue }
                                x += word.trailingZeroBitCount / 8
                            } else if row[x] == 0 {
                                x += 1
                                continue
                            }
                            let start = x
                            // The run's end: the first paper byte, found a word at a time (the lowest flagged byte
                            // of the zero-byte test is exact), the row's tail byte by byte.
                            x += 1
                            while x + 8 <= w {
                                let word = UInt64(littleEndian: UnsafeRawPointer(row + x).loadUnaligned(as: UInt64.self))
                                let paper = (word &- ones) & ~word & highs
                                if paper == 0 { x += 8; continue }
                                x += paper.trailingZeroBitCount / 8
                                break
                            }
                            while x < w && row[x] != 0 { x += 1 }
                            let label = Int32(count)
                            parent[count] = label
                            runs[count] = Run(y: Int32(y), x0: Int32(start), x1: Int32(x - 1), label: label)
                            count += 1
                            // Union with runs of the previous row that touch this one (8-connectivity). Both rows'
                            // runs are sorted by x: runs ending left of this one cannot touch the later ones either.
                            while previousStart < previousEnd && runs[previousStart].x1 < Int32(start) - 1 { previousStart += 1 }
                            var k = previousStart
                            while k < previousEnd {
                                let p = runs[k]
                                if p.x0 > Int32(x) { break }
                                let ra = root(label, in: parent), rb = root(p.label, in: parent)
                                if ra != rb { parent[Int(max(ra, rb))] = min(ra, rb) }
                                k += 1
                            }
                        }
                        previousStart = rowStart
                        previousEnd = count
                        if count > maxComponents * 8 { break }
                    }
                }
                // One component per root, numbered in the order of their first run.
                return withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(count, 1)) { index -> [TextComponent] in
                    guard let index = index.baseAddress else { return [] }
                    index.initialize(repeating: -1, count: count)
                    var components: [TextComponent] = []
                    for r in 0..<count {
                        let run = runs[r]
                        let root = Int(TextComponents.root(run.label, in: parent))
                        runs[r].label = Int32(root)
                        if index[root] < 0 {
                            index[root] = Int32(components.count)
                            components.append(TextComponent(minX: run.x0, minY: run.y, maxX: run.x1, maxY: run.y, count: 0, sumX: 0, sumY: 0))
                        }
                    }
                    components.withUnsafeMutableBufferPointer { all in
                        for r in 0..<count {
                            let run = runs[r]
                            let i = Int(index[Int(run.label)])
                            let n = Int32(run.x1 - run.x0 + 1)
                            all[i].minX = min(all[i].minX, run.x0)
                            all[i].maxX = max(all[i].maxX, run.x1)
                            all[i].minY = min(all[i].minY, run.y)
                            all[i].maxY = max(all[i].maxY, run.y)
                            all[i].count += n
                            all[i].sumX += Int64(n) * Int64(run.x0 + run.x1) / 2
                            all[i].sumY += Int64(n) * Int64(run.y)
                        }
                    }
                    return components
                }
            }
        }
    }

    /// The union–find root of `a`, halving the path on the way.
    @inline(__always)
    static func root(_ a: Int32, in parent: UnsafeMutablePointer<Int32>) -> Int32 {
        var a = a
        while parent[Int(a)] != a {
            parent[Int(a)] = parent[Int(parent[Int(a)])]
            a = parent[Int(a)]
        }
        return a
    }
}
