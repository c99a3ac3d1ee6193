import CDocScreenJPEG

/// Plain libjpeg-turbo decodes with none of `ImageDecoder`'s checks, limits, allocation or
/// orientation handling: the yardstick benchmarks hold the decoder against. Not for production use.
public enum CodecReference {
    /// Decodes the JPEG file at `path` to luma the way `djpeg -grayscale` does (stdio source,
    /// one reused row buffer, rows discarded). Returns a checksum of the rows, or `nil` on any error.
    /// O(file size + pixels).
    public static func libjpegGrayDecode(path: String) -> UInt64? {
        var checksum: UInt64 = 0
        return dsj_bare_decode_gray_file(path, &checksum) == DSJ_OK ? checksum : nil
    }

    /// The same over bytes in memory. O(bytes + pixels).
    public static func libjpegGrayDecode(bytes: [UInt8]) -> UInt64? {
        var checksum: UInt64 = 0
        let code = bytes.withUnsafeBufferPointer { dsj_bare_decode_gray($0.baseAddress, $0.count, &checksum) }
        return code == DSJ_OK ? checksum : nil
    }
}
