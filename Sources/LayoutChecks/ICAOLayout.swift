import MRZText

/// The physical MRZ layout ICAO Doc 9303 gives each format, in millimetres.
///
/// Page sizes: TD1 85.6 × 54 (Part 5), TD2 105 × 74 (Part 6), TD3 125 × 88 (Part 4), MRV-A on the
/// passport page 125 × 88 (its own label is 120 × 80, Part 7), MRV-B 105 × 74 (Part 7). Character pitch 2.54
/// (Part 3 §4.4). The left edge of the first character lies 5.0 (TD1), 4.0 (TD2, MRV-A, MRV-B) or 6.0 (TD3)
/// from the left edge; reference centre lines lie 15.75 and 9.40 above the bottom edge for two-line formats
/// and 11.5, 7.27 and 3.04 for TD1 (4.23 between lines).
public struct ICAOLayout: Sendable, Hashable {
    /// Page widths the MRZ may be printed across (the long side), mm; more than one where the format allows it.
    public var pageWidths: [Double]
    /// Page height (the short side), mm.
    public var pageHeight: Double
    /// Distance from the page's left edge to the left edge of each line's first character cell, mm.
    public var leftMargin: Double
    /// Reference centre line of each MRZ line above the bottom edge, top line first, mm.
    public var centreLinesFromBottom: [Double]

    /// Character pitch, mm: 10 characters per 25.4 mm.
    public static let pitch = 2.54
    /// OCR-B size 1 capital height, mm.
    public static let capitalHeight = 2.42

    /// Nominal distance between adjacent reference centre lines, mm (4.23 for TD1, 6.35 otherwise).
    public var lineSpacing: Double {
        guard centreLinesFromBottom.count >= 2 else { return 0 }
        return centreLinesFromBottom[0] - centreLinesFromBottom[1]
    }

    /// The layout of `format`.
    public static func of(_ format: MRZFormat) -> ICAOLayout {
        switch format {
        case .td1: ICAOLayout(pageWidths: [85.6], pageHeight: 54, leftMargin: 5.0, centreLinesFromBottom: [11.5, 7.27, 3.04])
        case .td2: ICAOLayout(pageWidths: [105], pageHeight: 74, leftMargin: 4.0, centreLinesFromBottom: [15.75, 9.40])
        case .td3: ICAOLayout(pageWidths: [125], pageHeight: 88, leftMargin: 6.0, centreLinesFromBottom: [15.75, 9.40])
        case .mrvA: ICAOLayout(pageWidths: [125, 120], pageHeight: 88, leftMargin: 4.0, centreLinesFromBottom: [15.75, 9.40])
        case .mrvB: ICAOLayout(pageWidths: [105], pageHeight: 74, leftMargin: 4.0, centreLinesFromBottom: [15.75, 9.40])
        }
    }
}
