import CDocScreenPNG

/// The PNG path of `ImageDecoder`, over the C shim.
enum PNGDecoding {
    static let library = "libpng"

    static func error(_ code: Int, decoder: OpaquePointer?, rowsDecoded: Int = 0, rowsExpected: Int = 0) -> ImageError {
        let message = decoder.map { String(cString: dsp_message($0)) } ?? "unknown error"
        switch code {
        case Int(DSP_ERR_TRUNCATED):
            return .truncated(bytesRead: decoder.map { dsp_bytes_consumed($0) } ?? 0, rowsDecoded: rowsDecoded, rowsExpected: rowsExpected)
        case Int(DSP_ERR_NOMEM): return .outOfMemory(library: library, message: message)
        case Int(DSP_ERR_LIMIT): return .limitExceeded(library: library, message: message)
        case Int(DSP_ERR_ARGS): return .invalidArgument(message)
        default: return .corrupt(library: library, message: message)
        }
    }

    static func colorModel(_ type: Int32) -> ColorModel {
        switch Int(type) {
        case Int(DSP_COLOR_GRAY): .gray
        case Int(DSP_COLOR_RGB): .rgb
        case Int(DSP_COLOR_PALETTE): .palette
        case Int(DSP_COLOR_GRAY_ALPHA): .grayAlpha
        case Int(DSP_COLOR_RGBA): .rgba
        default: .unknown
        }
    }

    static func readHeader(_ decoder: OpaquePointer, _ bytes: UnsafeBufferPointer<UInt8>) throws(ImageError) -> ImageInfo {
        var header = dsp_header()
        let code = Int(dsp_read_header(decoder, bytes.baseAddress, bytes.count, &header))
        guard code == DSP_OK else { throw error(code, decoder: decoder) }
        var length = 0
        var orientation = ExifOrientation.up
        if let exif = dsp_exif(decoder, &length), length > 0 {
            orientation = ExifOrientation(exif: UnsafeBufferPointer(start: exif, count: length)) ?? .up
        }
        return ImageInfo(
            format: .png, width: Int(header.width), height: Int(header.height),
            colorModel: colorModel(header.color_type), bitDepth: Int(header.bit_depth),
            progressive: header.interlaced != 0, orientation: orientation
        )
    }

    static func info(_ bytes: [UInt8]) throws(ImageError) -> ImageInfo {
        guard let decoder = dsp_create() else { throw .outOfMemory(library: library, message: "no decoder") }
        defer { dsp_destroy(decoder) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ImageError) -> ImageInfo in
            try readHeader(decoder, buffer)
        }
    }

    static func decode(_ bytes: [UInt8], options: DecodeOptions) throws(ImageError) -> DecodedImage {
        guard let decoder = dsp_create() else { throw .outOfMemory(library: library, message: "no decoder") }
        defer { dsp_destroy(decoder) }
        // libpng's own dimension caps stay generous; the product is checked here against the pixel limit.
        dsp_set_limits(decoder, 1_000_000, 1_000_000, 8_000_000, 128)
        dsp_set_brightest_channel(decoder, options.grayConversion == .brightestChannel ? 1 : 0)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ImageError) -> DecodedImage in
            let info = try readHeader(decoder, buffer)
            let (pixels, overflow) = info.width.multipliedReportingOverflow(by: info.height)
            guard !overflow, pixels <= options.maximumPixels else {
                throw .tooLarge(width: info.width, height: info.height, limit: options.maximumPixels)
            }
            let plan = try ImageDecoder.plan(width: info.width, height: info.height, found: info.orientation, options: options)
            let d = options.scale.denominator
            // Widen the region to whole scale blocks so that PNG and JPEG cover the same area.
            let xs = ImageDecoder.scaledRange(start: plan.stored.x, count: plan.stored.width, denominator: d, full: info.width)
            let ys = ImageDecoder.scaledRange(start: plan.stored.y, count: plan.stored.height, denominator: d, full: info.height)
            let x0 = xs.start * d, y0 = ys.start * d
            let covered = PixelRegion(
                x: x0, y: y0,
                width: min(info.width, (xs.start + xs.count) * d) - x0,
                height: min(info.height, (ys.start + ys.count) * d) - y0
            )
            let width = covered.width, height = covered.height
            var rows: Int32 = 0
            var code = DSP_OK
            let storage = [UInt8](unsafeUninitializedCapacity: width * height) { target, count in
                code = Int(dsp_read(decoder, Int32(covered.x), Int32(covered.y), Int32(width), Int32(height), target.baseAddress, width, &rows))
                count = width * height
            }
            guard code == DSP_OK else { throw error(code, decoder: decoder, rowsDecoded: Int(rows), rowsExpected: height) }
            var image = GrayImage(unchecked: storage, width: width, height: height)
            if d > 1 { image = image.downscaled(by: d) }
            let count = Int(dsp_warning_count(decoder))
            return ImageDecoder.finish(
                stored: image, covered: covered, info: info, plan: plan, scale: options.scale, warningCount: count,
                warnings: ImageDecoder.warningList(count: count, first: dsp_first_warning(decoder), last: dsp_last_warning(decoder))
            )
        }
    }
}
