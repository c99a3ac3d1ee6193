import Crypto

/// SHA-256 in lower-case hexadecimal, the form the audit store keeps.
public enum SHA256Digest {
    /// The digest of `bytes` as 64 hexadecimal digits. O(bytes).
    public static func hex(_ bytes: [UInt8]) -> String {
        hex(digest: SHA256.hash(data: bytes))
    }

    /// The 64 hexadecimal digits of a finished digest.
    public static func hex(digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first 8 bytes of the SHA-256 of `text`'s UTF-8, big-endian. O(text).
    static func prefix64(_ text: String) -> UInt64 {
        let digest = SHA256.hash(data: Array(text.utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return value
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SHA256Digest {
    /// The digest of the file at `path`, read in 1 MiB steps (O(file) time, O(1) memory); `nil` when it
    /// cannot be read.
    public static func hex(fileAt path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            chunk.withUnsafeBufferPointer { hasher.update(bufferPointer: UnsafeRawBufferPointer(start: $0.baseAddress, count: n)) }
        }
        return hex(digest: hasher.finalize())
    }
}
