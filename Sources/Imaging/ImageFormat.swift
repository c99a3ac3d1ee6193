/// A container format the decoders understand, told from the data's first bytes (never the file name).
public enum ImageFormat: String, Sendable, Equatable, Hashable, CaseIterable {
    /// JPEG (JFIF/Exif): starts `FF D8 FF`.
    case jpeg
    /// PNG: starts with the 8-byte signature `89 50 4E 47 0D 0A 1A 0A`.
    case png

    /// The format whose magic number starts `bytes`, or `nil`. O(1): looks at most at 8 bytes.
    public static func sniff<Bytes: Collection>(_ bytes: Bytes) -> ImageFormat? where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(8))
        if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return .jpeg }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        return nil
    }
}
