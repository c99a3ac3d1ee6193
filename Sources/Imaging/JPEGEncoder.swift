import CDocScreenJPEG

/// Writes JPEG through libjpeg-turbo: gray, RGB (YCbCr 4:2:0 inside) or CMYK, baseline or progressive.
public enum JPEGEncoder {
    /// A gray image as a one-component JPEG. `quality` 1...100; `exif` an optional APP1 payload
    /// (e.g. `ExifOrientation.exifPayload`). O(pixels).
    public static func encode(_ image: GrayImage, quality: Int = 90, progressive: Bool = false, exif: [UInt8]? = nil) throws(ImageError) -> [UInt8] {
        try encode(pixels: image.pixels, stride: image.rowStride, width: image.width, height: image.height,
                   components: 1, quality: quality, progressive: progressive, ycck: false, exif: exif)
    }

    /// An RGB image as a YCbCr JPEG (as cameras and scanners write). O(pixels).
    public static func encode(_ image: RGBImage, quality: Int = 90, progressive: Bool = false, exif: [UInt8]? = nil) throws(ImageError) -> [UInt8] {
        try encode(pixels: image.pixels, stride: image.width * 3, width: image.width, height: image.height,
                   components: 3, quality: quality, progressive: progressive, ycck: false, exif: exif)
    }

    /// CMYK ink values (4 bytes a pixel, 0 = no ink) as an Adobe-style (inverted) CMYK JPEG, or
    /// YCCK when `ycck`. Print workflows produce these; the decoder turns them back into luma. O(pixels).
    public static func encodeCMYK(pixels: [UInt8], width: Int, height: Int, quality: Int = 90, progressive: Bool = false, ycck: Bool = false) throws(ImageError) -> [UInt8] {
        guard pixels.count == width * height * 4 else {
            throw .invalidArgument("\(pixels.count) bytes cannot hold \(width)x\(height) CMYK pixels")
        }
        return try encode(pixels: pixels, stride: width * 4, width: width, height: height,
                          components: 4, quality: quality, progressive: progressive, ycck: ycck, exif: nil)
    }

    static func encode(
        pixels: [UInt8], stride: Int, width: Int, height: Int, components: Int, quality: Int,
        progressive: Bool, ycck: Bool, exif: [UInt8]?
    ) throws(ImageError) -> [UInt8] {
        guard (1...100).contains(quality) else { throw .invalidArgument("JPEG quality \(quality) is outside 1...100") }
        guard width > 0, height > 0, width <= 65500, height <= 65500 else {
            throw .invalidArgument("JPEG cannot hold \(width)x\(height) pixels")
        }
        guard pixels.count >= stride * height else { throw .invalidArgument("pixel buffer too small") }
        if let exif, exif.count > 65533 { throw .invalidArgument("EXIF payload of \(exif.count) bytes exceeds 65533") }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let exifBytes = exif ?? []
        let code: Int = pixels.withUnsafeBufferPointer { source in
            exifBytes.withUnsafeBufferPointer { marker in
                message.withUnsafeMutableBufferPointer { text in
                    Int(dsj_encode(source.baseAddress, stride, Int32(width), Int32(height), Int32(components),
                               Int32(quality), progressive ? 1 : 0, ycck ? 1 : 0,
                               marker.isEmpty ? nil : marker.baseAddress, marker.count,
                               &out, &length, text.baseAddress, text.count))
                }
            }
        }
        guard code == DSJ_OK, let out else {
            let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw .encodingFailed(library: JPEGDecoding.library, message: text)
        }
        defer { dsj_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}
