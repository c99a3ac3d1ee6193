/// ICAO Doc 9303 Part 3 §4.9 check digits: weights 7, 3, 1 repeating; `0-9` count as themselves,
/// `A`-`Z` as 10-35 and the filler `<` as 0; the digit is the weighted sum modulo 10.
public enum CheckDigit {
    /// The value of one MRZ character in a check-digit sum, or `nil` outside `A-Z0-9<`.
    @inlinable @inline(__always)
    public static func value(of byte: UInt8) -> Int? {
        let digit = byte &- UInt8(ascii: "0")
        if digit < 10 { return Int(digit) }
        let letter = byte &- UInt8(ascii: "A")
        if letter < 26 { return Int(letter) &+ 10 }
        return byte == UInt8(ascii: "<") ? 0 : nil
    }

    /// The check digit (0-9) over `bytes`, or `nil` when a byte is outside the MRZ character set.
    ///
    /// - Complexity: O(n) in the number of bytes.
    @inlinable
    public static func compute<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        if let digit = bytes.withContiguousStorageIfAvailable({ compute(buffer: $0) }) { return digit }
        return Array(bytes).withUnsafeBufferPointer { compute(buffer: $0) }
    }

    /// The check digit over a contiguous buffer; the loop every other overload ends in.
    ///
    /// - Complexity: O(n); no allocation.
    @inlinable
    public static func compute(buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        let (sum, bad) = weightedSum(buffer, phase: 0)
        return bad < 0 ? nil : sum % 10
    }

    /// Character values by byte: `0-9` → 0-9, `A-Z` → 10-35, `<` → 0, anything else −1.
    /// A constant table (statically initialised, no lazy set-up on access).
    @usableFromInline
    static let values: [Int8] = [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, 0, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ]

    /// Whether every byte of `buffer` is in the MRZ set `A-Z0-9<`. Branch-free per byte.
    @inlinable
    public static func allInSet(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        values.withUnsafeBufferPointer { table in
            var bad: Int8 = 0
            for b in buffer { bad |= table[Int(b)] }
            return bad >= 0
        }
    }

    /// The weighted sum of the values of `buffer`, weights 7-3-1 starting at `phase` (0, 1 or 2), and the
    /// bitwise OR of all values (negative when a byte lies outside the MRZ set). Branch-free per byte.
    @inlinable @inline(__always)
    static func weightedSum(_ buffer: UnsafeBufferPointer<UInt8>, phase: Int) -> (sum: Int, bad: Int) {
        values.withUnsafeBufferPointer { table in
            var sum = 0
            var bad = 0
            var i = 0
            let n = buffer.count
            // Align to the 7-3-1 cycle, then take three at a time.
            var p = phase
            while p != 0 && i < n {
                let v = Int(table[Int(buffer[i])])
                bad |= v
                sum &+= v &* (p == 1 ? 3 : 1)
                p = p == 2 ? 0 : p + 1
                i += 1
            }
            while i + 3 <= n {
                let a = Int(table[Int(buffer[i])]), b = Int(table[Int(buffer[i + 1])]), c = Int(table[Int(buffer[i + 2])])
                bad |= a | b | c
                sum &+= 7 &* a &+ 3 &* b &+ c
                i += 3
            }
            if i < n {
                let a = Int(table[Int(buffer[i])])
                bad |= a
                sum &+= 7 &* a
                if i + 1 < n {
                    let b = Int(table[Int(buffer[i + 1])])
                    bad |= b
                    sum &+= 3 &* b
                }
            }
            return (sum, bad)
        }
    }

    /// The check digit over `text` (an MRZ field), or `nil` when it holds a character outside `A-Z0-9<`.
    public static func compute(_ text: some StringProtocol) -> Int? {
        compute(Array(text.utf8))
    }

    /// The check digit over the four parts of a composite (empty parts allowed), weights running on.
    @inlinable @inline(__always)
    static func compute(_ buffer: UnsafeBufferPointer<UInt8>,
                        parts: (Range<Int>, Range<Int>, Range<Int>, Range<Int>)) -> Int? {
        var sum = 0, bad = 0, phase = 0
        @inline(__always) func add(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            let part = weightedSum(UnsafeBufferPointer(rebasing: buffer[range]), phase: phase)
            sum &+= part.sum
            bad |= part.bad
            phase = (phase + range.count) % 3
        }
        add(parts.0)
        add(parts.1)
        add(parts.2)
        add(parts.3)
        return bad < 0 ? nil : sum % 10
    }

    /// The check digit over several ranges of one buffer, weights running on across the ranges
    /// (as the composite check digit requires).
    ///
    /// - Complexity: O(total length of the ranges); no allocation.
    @inlinable
    static func compute(_ buffer: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> Int? {
        var sum = 0
        var bad = 0
        var phase = 0
        for range in ranges {
            let part = weightedSum(UnsafeBufferPointer(rebasing: buffer[range]), phase: phase)
            sum &+= part.sum
            bad |= part.bad
            phase = (phase + range.count) % 3
        }
        return bad < 0 ? nil : sum % 10
    }
}

