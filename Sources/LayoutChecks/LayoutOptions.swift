/// The finding codes of the layout and image checks.
public enum LayoutCode {
    /// Characters off the pitch grid, or a pitch unlike 2.54 mm at the document's scale.
    public static let pitch = "layout.pitch"
    /// Lines not straight, not parallel, not aligned or not spaced as the format's.
    public static let alignment = "layout.alignment"
    /// Glyphs unlike the document's OCR-B.
    public static let font = "layout.font"
    /// The band away from where the format puts it on the document.
    public static let position = "layout.position"
    /// The band on a patch with its own background and hard edges.
    public static let pastedRegion = "layout.pasted_region"
    /// JPEG double-compression traces localised to a region.
    public static let recompressed = "image.recompressed"
}

/// The tolerances of the layout checks. The defaults keep generated genuine pages under every capture,
/// and the development corpus's genuine documents, free of findings; each is a physical quantity in the
/// unit named.
public struct LayoutOptions: Sendable, Hashable {
    /// A glyph centre this far from its place on the line's grid is displaced, pitches (genuine print: < 0.1).
    public var shiftTolerance: Double = 0.2
    /// A run must reach this displacement somewhere to be reported, pitches.
    public var runShiftTolerance: Double = 0.25
    /// A glyph wider than this covers two characters run together, pitches (OCR-B glyphs: ≤ 0.7).
    public var overlapWidth: Double = 1.15
    /// On a line with fewer glyphs than characters, the widest glyphs wider than this (one per glyph missing) cover
    /// two characters run together, pitches. OCR-B glyphs are about 0.7 pitch wide; `overlapWidth` allows for ink
    /// spread at low resolution (single glyphs of 1.12-1.25 pitches at 8 px a pitch), which a line short of a
    /// glyph must explain by a blob holding two.
    public var shortLineOverlapWidth: Double = 1.05
    /// Blobs narrower than this are slivers of broken print, pitches (OCR-B's narrowest glyph, `1`, is about 0.4).
    public var fragmentWidth: Double = 0.25
    /// Blobs wider than this are not one glyph, pitches (OCR-B's widest are about 0.7).
    public var singleGlyphWidth: Double = 0.9
    /// Consecutive anomalous characters needed for a pitch, baseline or typeface finding.
    public var minimumRun: Int = 2
    /// Anomalous characters allowed on the line outside the run before the line counts as unmeasurable.
    public var allowedIsolatedAnomalies: Int = 2
    /// A single spacing this far off one pitch, made up by a run of short (or long) spacings beside it, is a
    /// condensed (or spread) run, pitches (genuine spacings stay within about 0.1).
    public var driftGap: Double = 0.17
    /// Largest relative difference between the pitches of two lines.
    public var linePitchTolerance: Double = 0.04
    /// Largest relative difference between the pitch and 2.54 mm at the document's scale (perspective and
    /// an outline found a little off cost up to about 10%; a 12-characters-per-inch MRZ is 17% off).
    public var documentPitchTolerance: Double = 0.14

    /// A glyph this far off its line's baseline is out of line, letter heights.
    public var baselineTolerance: Double = 0.18
    /// Largest angle between lines, degrees.
    public var angleTolerance: Double = 0.35
    /// Largest offset of a line's start and end together from the other lines', pitches.
    public var edgeTolerance: Double = 0.4
    /// Largest offset of a line's start alone, pitches.
    public var edgeToleranceAlone: Double = 0.75
    /// Largest relative difference between the two line spacings of a three-line MRZ (lines printed in one pass:
    /// real TD1 cards within 0.06, generated ones within 0.05 under every capture).
    public var spacingDifferenceTolerance: Double = 0.08
    /// Smallest plausible line spacing, pitches (TD1 4.23 mm is 1.67, the others 6.35 mm is 2.5).
    public var minimumSpacingPitches: Double = 1.25
    /// Largest plausible line spacing, pitches.
    public var maximumSpacingPitches: Double = 3.3

    /// A glyph's typeface score above this is unlike the document's OCR-B (spreads from the document's median).
    public var fontScoreThreshold: Double = 7
    /// Other glyphs of the same character a glyph needs for the shape comparison.
    public var fontMinimumPeers: Int = 1
    /// Most peers a glyph is compared with (the first found, in reading order).
    public var fontMaximumPeers: Int = 12
    /// Smallest spread of the shape distance (1 − correlation), so that very clean print is not over-sensitive.
    public var fontShapeFloor: Double = 0.03
    /// Smallest spread of a glyph's log height or width against its peers' (a pixel's worth is used when larger).
    public var fontSizeFloor: Double = 0.03
    /// Smallest spread of a glyph's log darkness against its peers'.
    public var fontDarknessFloor: Double = 0.06
    /// Smallest spread of a glyph's log stroke width against its peers' (half a pixel's worth is used when larger).
    public var fontStrokeFloor: Double = 0.05
    /// Weight of the size distance against the shape distance.
    public var fontSizeWeight: Double = 1
    /// Smallest spread of the reader's model distance.
    public var fontModelFloor: Double = 0.03
    /// Weight of the reader's model distance against the shape distance.
    public var fontModelWeight: Double = 0.5
    /// Smallest spread of the distance to the OCR-B templates (1 − correlation).
    public var fontTemplateFloor: Double = 0.012
    /// … and as a fraction of the document's median distance (blurred or noisy print spreads more).
    public var fontTemplateRelativeFloor: Double = 0.2
    /// Smallest capital height at which glyphs are compared with the OCR-B templates, pixels (below it the
    /// strokes that tell typefaces apart are finer than the pixels).
    public var fontTemplateMinimumCapital: Double = 12
    /// Weight of the OCR-B template distance against the shape distance (it is the steadier measurement:
    /// genuine print stays within about 4 spreads of its document's median, where peers vary more).
    public var fontTemplateWeight: Double = 1.4
    /// Anomalous glyphs allowed outside the run before the document counts as too uneven to judge.
    public var fontAllowedElsewhere: Int = 3

    /// Nearest a document's left or right edge may be to the MRZ, pitches (Doc 9303: at least 3 mm, 1.2 pitches).
    public var outlineMinimumSideMargin: Double = 1.0
    /// Reach of the search for document edges, pitches out from the band.
    public var outlineReach: Double = 4.5
    /// Smallest paper-to-background step of a document edge, grey levels.
    public var outlineMinimumStep: Double = 12
    /// Largest deviation of the left margin from the format's, mm.
    public var horizontalPositionTolerance: Double = 4.5
    /// Largest deviation of the bottom line's height from the format's, mm.
    public var verticalPositionTolerance: Double = 6

    /// A patch edge closer to the characters than this is not told from their ink, pitches.
    public var pasteMinimumMargin: Double = 0.3
    /// How far above and below the characters a patch edge is looked for, pitches.
    public var pasteTopReach: Double = 2.2
    /// How far beyond the first and last character a patch edge is looked for, pitches (documents leave ≥ 1.5).
    public var pasteEndReach: Double = 1.2
    /// Smallest step of the paper level at a patch edge, grey levels: a patch can match the page's paper to a
    /// level or two; the profiles are medians along the side (well under a level of noise), and what tells a
    /// patch from lighting or print is the edge, straight and sustained along the top and at an end.
    public var pasteMinimumStep: Double = 1.0
    /// … and in units of the profile's own noise.
    public var pasteNoiseFactor: Double = 3
    /// Fraction of a side's segments that must show the step.
    public var pasteAgreement: Double = 0.7
    /// How far a patch edge's position may wander along a side (median distance of the segments' step positions
    /// from their fitted line), pitches, and never less than ``pasteStraightnessFloor`` pixels. A cut edge is
    /// straight to a fraction of a pixel at any blur (generated pastes: within 0.4 px, under 0.02 pitch); the level changes that
    /// paper texture, lighting or print leave along a side wander by more.
    public var pasteStraightness: Double = 0.025
    /// The smallest allowance for ``pasteStraightness``, pixels: step positions are whole pixels, so the
    /// segments of a straight edge at a slant scatter by up to half a pixel.
    public var pasteStraightnessFloor: Double = 0.75

    /// Most 8 × 8 blocks of the band sampled for the DCT histograms.
    public var recompressionBandBlocks: Int = 500
    /// About how many blocks of the rest of the page are sampled.
    public var recompressionPageBlocks: Int = 600
    /// Quantisation steps above this are too coarse to show double-compression holes.
    public var recompressionLargestStep: Int = 12
    /// Expected counts on the holes needed to judge a mode.
    public var recompressionMinimumExpected: Double = 40
    /// Filled/expected mass at most this on the holes: a histogram with holes.
    public var recompressionHoleRatio: Double = 0.2
    /// … at least this: a histogram without them.
    public var recompressionFilledRatio: Double = 0.65
    /// Modes that must disagree between the band and the page.
    public var recompressionMinimumModes: Int = 2
    /// Fewest unreachable bins a mode's holes are measured on, in the band's histogram and in the page's.
    public var recompressionMinimumHoles: Int = 2

    /// The defaults.
    public init() {}

    /// The defaults, as a constant.
    public static let standard = LayoutOptions()
}

/// The statistics behind the findings, whether or not they crossed a tolerance: what each check measured
/// at its most suspicious place (for calibration and the annotation). Units as in ``LayoutOptions``.
public struct LayoutMeasurements: Sendable, Hashable, Codable {
    /// Lines measured (glyphs found).
    public var linesMeasured = 0
    /// Lines with one glyph per character.
    public var linesComplete = 0
    /// Strongest displacement in a run of anomalous characters, pitches.
    public var pitchRunResidual = 0.0
    /// Largest relative pitch difference between lines.
    public var pitchLineDeviation = 0.0
    /// Relative difference of the pitch from 2.54 mm at the document's scale (0 without an outline).
    public var pitchDocumentDeviation = 0.0
    /// Largest glyph offset from its baseline, letter heights.
    public var baselineResidual = 0.0
    /// Largest angle between lines, degrees.
    public var lineAngleDifference = 0.0
    /// Largest offset of a line's start, pitches.
    public var leftEdgeOffset = 0.0
    /// Relative pitch change per pixel along the lines (perspective), 1/px.
    public var perspectiveGradient = 0.0
    /// Relative difference between the spacings of three lines.
    public var lineSpacingDifference = 0.0
    /// Line spacing, pitches (the last pair measured).
    public var lineSpacingPitches = 0.0
    /// Strongest typeface score over runs of `minimumRun` glyphs.
    public var fontRunScore = 0.0
    /// The document's median distance of letters and digits to their OCR-B templates (1 − correlation).
    public var fontTemplateDistance = 0.0
    /// Glyphs far from their OCR-B template that another character's template fits: misread, not judged.
    public var fontTemplateMisread = 0
    /// The capital height the OCR-B templates were fitted at, pixels (0 when not fitted).
    public var fontCapitalHeight = 0.0
    /// Glyphs over the typeface threshold outside the strongest run.
    public var fontAnomalousElsewhere = 0
    /// Whether the document outline was found.
    public var outlineFound = false
    /// The first character's distance from the document's left edge, mm (0 without an outline).
    public var leftMarginMillimetres = 0.0
    /// The bottom line's centre above the document's bottom edge, mm (0 without an outline).
    public var bottomLineMillimetres = 0.0
    /// Height of the first paper-level step above the band, grey levels.
    public var pasteTopStep = 0.0
    /// Sides of a pasted patch found.
    public var pasteEdges = 0
    /// DCT modes whose double-compression holes differ between band and page.
    public var recompressionModes = 0
    /// Time the checks took, milliseconds.
    public var milliseconds = 0.0
    /// Time per stage, milliseconds: `glyphs` (measuring every line's glyphs), then `font` (the typeface check) and
    /// `outline+geometry+paste+dct` (the other checks), which may run side by side.
    public var stages: [String: Double] = [:]

    /// Nothing measured yet.
    public init() {}
}
