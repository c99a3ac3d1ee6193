import MRZText

/// A size or position on the physical page, in millimetres.
public struct Millimetres: Sendable, Hashable, Codable {
    /// Horizontal extent or coordinate, from the left edge.
    public var width: Double
    /// Vertical extent or coordinate, from the top edge.
    public var height: Double

    /// A size from its two extents.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// The data-page formats the generator draws, with the physical layout ICAO Doc 9303 gives each.
///
/// Page sizes: TD1 85.6 × 54 mm (Part 5), TD2 105 × 74 mm (Part 6), TD3 125 × 88 mm (Part 4); MRV-A is
/// drawn on the TD3 page size. MRZ positions: the left edge of the first character is 5.0 mm (TD1),
/// 4.0 mm (TD2, MRV-A) or 6.0 mm (TD3) from the left edge (Part 5 §4.2.1.3, Part 6 §4.2.1.3, Part 7
/// §4.2.1.4, Part 4 §4.2.1.3); the reference centre lines lie 15.75 and 9.40 mm above the bottom edge for
/// two-line formats (Part 4 Figure 3, Part 6 Figure 6, Part 7 Figure 3) and 11.5, 7.27 and 3.04 mm for
/// TD1 (Part 5 Figure 6: 11.5 mm to the upper line, 4.23 mm between lines).
public enum SampleFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Identity card, 3 × 30 characters.
    case td1 = "TD1"
    /// Identity card, 2 × 36 characters.
    case td2 = "TD2"
    /// Passport data page, 2 × 44 characters.
    case td3 = "TD3"
    /// Full-size visa, 2 × 44 characters.
    case mrvA = "MRVA"

    /// The MRZ format printed on the page.
    public var mrzFormat: MRZFormat {
        switch self {
        case .td1: .td1
        case .td2: .td2
        case .td3: .td3
        case .mrvA: .mrvA
        }
    }

    /// The page's size.
    public var pageSize: Millimetres {
        switch self {
        case .td1: Millimetres(width: 85.6, height: 54.0)
        case .td2: Millimetres(width: 105.0, height: 74.0)
        case .td3, .mrvA: Millimetres(width: 125.0, height: 88.0)
        }
    }

    /// Distance from the page's left edge to the left edge of each line's first character cell, in mm.
    public var mrzLeftMargin: Double {
        switch self {
        case .td1: 5.0
        case .td2, .mrvA: 4.0
        case .td3: 6.0
        }
    }

    /// The reference centre line of each MRZ line, top line first, as a distance from the top edge in mm.
    public var mrzCentreLines: [Double] {
        let h = pageSize.height
        switch self {
        case .td1: return [h - 11.5, h - 11.5 + 4.23, h - 11.5 + 8.46]
        case .td2, .td3, .mrvA: return [h - 15.75, h - 9.40]
        }
    }

    /// Height of each line's printing zone, in mm (TD1 2.95, others 4.3).
    public var printingZoneHeight: Double {
        self == .td1 ? 2.95 : 4.3
    }

    /// Height of the machine readable zone (Zone VII) at the bottom of the page, in mm.
    public var mrzZoneHeight: Double {
        self == .td1 ? 23.3 : 23.2
    }

    /// Parses `TD1`, `TD2`, `TD3`, `MRVA` (also `MRV-A`), any case.
    public init?(name: String) {
        let key = String(name.uppercased().filter { $0 != "-" && $0 != "_" })
        guard let format = SampleFormat(rawValue: key) else { return nil }
        self = format
    }
}

/// Print metrics of the MRZ shared by every format (Doc 9303 Part 3 §4.4).
public enum MRZPrintMetrics {
    /// Character pitch: 10 characters per 25.4 mm.
    public static let pitch = 2.54
    /// Height of the OCR-B capitals, in mm. Part 3 §4.4 asks for OCR-B "size 1" (ISO 1073-2), whose
    /// nominal character height is 2.42 mm; this sits inside both printing zones (2.95 and 4.3 mm).
    public static let capitalHeight = 2.42
}
