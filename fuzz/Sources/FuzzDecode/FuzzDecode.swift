import Imaging

/// libFuzzer entry point: every input must give an image or an `ImageError`, never a crash, a
/// sanitizer report, a leak or a hang. The input's length picks one of four decode paths, so
/// the corpus exercises full, scaled, region and header-only decoding alike, and luma or
/// the brightest channel (by its length again).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecode(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Small limits keep each run fast; the limits themselves are part of what is tested.
    var options = DecodeOptions(maximumPixels: 4_000_000, maximumFileBytes: 1 << 20, maximumProgressiveScans: 100,
                                grayConversion: (size >> 2) & 1 == 1 ? .brightestChannel : .luma)
    switch size % 4 {
    case 0:
        break
    case 1:
        options.scale = size % 8 == 1 ? .quarter : .eighth
    case 2:
        options.region = PixelRegion(x: size % 37, y: 0, width: 1 << 20, height: 1 << 20)
        options.appliesOrientation = size % 8 == 2
    default:
        _ = try? ImageDecoder.info(bytes: bytes)
        options.scale = .half
        options.region = PixelRegion(x: 3, y: 5, width: 50, height: 20)
    }
    do {
        let decoded = try ImageDecoder.decode(bytes: bytes, options: options)
        // The result must be self-consistent.
        let image = decoded.image
        precondition(image.pixels.count == image.rowStride * image.height, "inconsistent image storage")
        precondition(image.width <= decoded.fullWidth && image.height <= decoded.fullHeight, "image larger than its source")
    } catch {
        _ = error.reason
    }
    return 0
}
