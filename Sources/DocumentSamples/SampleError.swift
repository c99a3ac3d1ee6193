import Imaging
import MRZText

/// Why a sample could not be made. Each case carries what was tried and what went wrong.
public enum SampleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// FreeType could not open a font file (`freeTypeError` is FreeType's error code).
    case fontUnavailable(path: String, freeTypeError: Int32)
    /// A FreeType call failed.
    case freeType(operation: String, code: Int32)
    /// The font has no glyph for a character the page needs.
    case glyphMissing(character: String, font: String)
    /// The resolution is outside what the generator supports.
    case dpiOutOfRange(dpi: Int, supported: ClosedRange<Int>)
    /// A fraud sample was requested without a tampering kind, or a genuine one with one.
    case tamperingMismatch(kind: SampleKind, tampering: TamperKind?)
    /// The MRZ composer rejected the fields.
    case composition(MRZCompositionError)
    /// The image encoder failed.
    case encoding(ImageError)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .fontUnavailable(let path, let code):
            "cannot open font \(path) (FreeType error \(code)); install fonts-ocr-b and fonts-dejavu-core"
        case .freeType(let operation, let code): "FreeType \(operation) failed with error \(code)"
        case .glyphMissing(let character, let font): "font \(font) has no glyph for '\(character)'"
        case .dpiOutOfRange(let dpi, let supported):
            "resolution \(dpi) dpi is outside \(supported.lowerBound)...\(supported.upperBound)"
        case .tamperingMismatch(let kind, let tampering):
            "kind \(kind.rawValue) with tampering \(tampering?.rawValue ?? "none"): fraud needs exactly one tampering, genuine samples none"
        case .composition(let error): "MRZ composition failed: \(error)"
        case .encoding(let error): "image encoding failed: \(error)"
        }
    }
}
