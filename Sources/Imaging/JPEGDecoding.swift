import CDocScreenJPEG

/// The JPEG path of `ImageDecoder`, over the C shim.
enum JPEGDecoding {
    static let library = "libjpeg"

    static func error(_ code: Int, decoder: OpaquePointer?, rowsDecoded: Int = 0, rowsExpected: Int = 0) -> ImageError {
        let message = decoder.map { String(cString: dsj_message($0)) } ?? "unknown error"
        switch code {
        case Int(DSJ_ERR_TRUNCATED):
            return .truncated(bytesRead: decoder.map { dsj_bytes_consumed($0) } ?? 0, rowsDecoded: rowsDecoded, rowsExpected: rowsExpected)
        case Int(DSJ_ERR_NOMEM): return .outOfMemory(library: library, message: message)
        case Int(DSJ_ERR_LIMIT): return .limitExceeded(library: library, message: message)
        case Int(DSJ_ERR_ARGS): return .invalidArgument(message)
        default: return .corrupt(library: library, message: message)
        }
    }

    static func colorModel(_ space: Int32) -> ColorModel {
        switch Int(space) {
        case Int(DSJ_CS_GRAYSCALE): .gray
        case Int(DSJ_CS_RGB): .rgb
        case Int(DSJ_CS_YCBCR): .ycbcr
        case Int(DSJ_CS_CMYK): .cmyk
        case Int(DSJ_CS_YCCK): .ycck
        default: .unknown
        }
    }

    /// Reads the header into `decoder`, returning the facts; `bytes` must stay alive while `decoder` is used.
    static func readHeader(_ decoder: OpaquePointer, _ bytes: UnsafeBufferPointer<UInt8>) throws(ImageError) -> ImageInfo {
        var header = dsj_header()
        let code = Int(dsj_read_header(decoder, bytes.baseAddress, bytes.count, &header))
        guard code == DSJ_OK else { throw error(code, decoder: decoder) }
        var length = 0
        var orientation = ExifOrientation.up
        if let exif = dsj_exif(decoder, &length), length > 0 {
            orientation = ExifOrientation(exif: UnsafeBufferPointer(start: exif, count: length)) ?? .up
        }
        return ImageInfo(
            format: .jpeg, width: Int(header.width), height: Int(header.height),
            colorModel: colorModel(header.color_space), bitDepth: 8, progressive: header.progressive != 0,
            orientation: orientation
        )
    }

    static func info(_ bytes: [UInt8]) throws(ImageError) -> ImageInfo {
        guard let decoder = dsj_create() else { throw .outOfMemory(library: library, message: "no decoder") }
        defer { dsj_destroy(decoder) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ImageError) -> ImageInfo in
            try readHeader(decoder, buffer)
        }
    }

    static func decode(_ bytes: [UInt8], options: DecodeOptions) throws(ImageError) -> DecodedImage {
        guard let decoder = dsj_create() else { throw .outOfMemory(library: library, message: "no decoder") }
        defer { dsj_destroy(decoder) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ImageError) -> DecodedImage in
            let info = try readHeader(decoder, buffer)
            let (pixels, overflow) = info.width.multipliedReportingOverflow(by: info.height)
            guard !overflow, pixels <= options.maximumPixels else {
                throw .tooLarge(width: info.width, height: info.height, limit: options.maximumPixels)
            }
            // libjpeg's own working memory (coefficient buffers of progressive files): bounded by the pixel limit.
            let memoryCap = max(64 << 20, min(Int.max / 16, options.maximumPixels) * 8)
            dsj_set_limits(decoder, Int32(clamping: options.maximumProgressiveScans), memoryCap)
            dsj_set_brightest_channel(decoder, options.grayConversion == .brightestChannel ? 1 : 0)
            let plan = try ImageDecoder.plan(width: info.width, height: info.height, found: info.orientation, options: options)
            let d = options.scale.denominator
            let xs = ImageDecoder.scaledRange(start: plan.stored.x, count: plan.stored.width, denominator: d, full: info.width)
            let ys = ImageDecoder.scaledRange(start: plan.stored.y, count: plan.stored.height, denominator: d, full: info.height)
            var output = dsj_output()
            let started = Int(dsj_start(decoder, Int32(d), Int32(xs.start), Int32(ys.start), Int32(xs.count), Int32(ys.count), &output))
            guard started == DSJ_OK else { throw error(started, decoder: decoder, rowsExpected: ys.count) }
            let width = Int(output.width), height = Int(output.height)
            var rows: Int32 = 0
            var code = DSJ_OK
            let storage = [UInt8](unsafeUninitializedCapacity: width * height) { target, count in
                code = Int(dsj_read(decoder, target.baseAddress, width, &rows))
                count = width * height
            }
            guard code == DSJ_OK else { throw error(code, decoder: decoder, rowsDecoded: Int(rows), rowsExpected: height) }
            let x0 = Int(output.x) * d, y0 = Int(output.y) * d
            let covered = PixelRegion(
                x: x0, y: y0,
                width: min(info.width, (Int(output.x) + width) * d) - x0,
                height: min(info.height, (Int(output.y) + height) * d) - y0
            )
            let count = Int(dsj_warning_count(decoder))
            return ImageDecoder.finish(
                stored: GrayImage(unchecked: storage, width: width, height: height), covered: covered, info: info,
                plan: plan, scale: options.scale, warningCount: count,
                warnings: ImageDecoder.warningList(count: count, first: dsj_first_warning(decoder), last: dsj_last_warning(decoder))
            )
        }
    }
}
