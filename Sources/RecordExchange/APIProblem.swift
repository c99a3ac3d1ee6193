import Foundation

/// A refused API request: the HTTP status, a stable code, a message, and the field at fault. Both services answer
/// every error as `{"error": {"code", "message", "field"}}`, never with personal data in the message.
public struct APIProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code (4xx for the caller's fault, 503 when the store is unavailable).
    public var status: Int
    /// A stable machine-readable code (`bad_request`, `unauthorized`, `not_found`, `payload_too_large`, …).
    public var code: String
    /// One line for a person.
    public var message: String
    /// The request field at fault (a JSON path such as `scans[3].gate`, a query or path parameter), if any.
    public var field: String?

    /// A problem from its parts.
    public init(status: Int, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    /// 400 naming `field`.
    public static func badRequest(_ message: String, field: String? = nil) -> APIProblem {
        APIProblem(status: 400, code: "bad_request", message: message, field: field)
    }

    /// 401: no or unknown bearer token.
    public static let unauthorized = APIProblem(status: 401, code: "unauthorized", message: "a valid bearer token is required",
                                                field: "Authorization")

    /// 404 for `what`.
    public static func notFound(_ what: String, field: String? = nil) -> APIProblem {
        APIProblem(status: 404, code: "not_found", message: "\(what) not found", field: field)
    }

    /// 413: the body is over `limit` bytes.
    public static func tooLarge(limit: Int) -> APIProblem {
        APIProblem(status: 413, code: "payload_too_large", message: "the request body is larger than \(limit) bytes")
    }

    /// 503: the store cannot take the request now; the sender retries.
    public static let unavailable = APIProblem(status: 503, code: "unavailable", message: "the store is unavailable; retry later")

    /// The JSON body.
    public var body: [UInt8] {
        struct Envelope: Encodable {
            struct Inner: Encodable {
                var code: String
                var message: String
                var field: String?
                func encode(to encoder: any Encoder) throws {
                    var c = encoder.container(keyedBy: CodingKeys.self)
                    try c.encode(code, forKey: .code)
                    try c.encode(message, forKey: .message)
                    try c.encode(field, forKey: .field)
                }
                enum CodingKeys: String, CodingKey { case code, message, field }
            }
            var error: Inner
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(Envelope(error: .init(code: code, message: message, field: field)))) ?? Data("{}".utf8))
    }

    public var description: String { "\(status) \(code): \(message)" + (field.map { " (\($0))" } ?? "") }
}

/// Decodes JSON request bodies into `Decodable` values, turning every failure into a 400 ``APIProblem`` that names
/// the field (`scans[2].recordID`), so a caller can fix its request.
public enum JSONBody {
    /// Decodes `bytes` as `T` (one parse). A `T` that refuses unknown keys does so through ``UnknownKeys``.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(APIProblem) -> T {
        guard !bytes.isEmpty else { throw .badRequest("the body is empty; a JSON object is required", field: "body") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw problem(error)
        } catch {
            throw .badRequest("the body could not be read", field: "body")
        }
    }

    /// The 400 problem for a decoding error, naming the field by its coding path.
    static func problem(_ error: DecodingError) -> APIProblem {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var out = ""
            for key in keys + (last.map { [$0] } ?? []) {
                if let index = key.intValue { out += "[\(index)]" } else { out += out.isEmpty ? key.stringValue : "." + key.stringValue }
            }
            return out.isEmpty ? "body" : out
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .badRequest("required field missing", field: path(context.codingPath, key))
        case .valueNotFound(let type, let context):
            return .badRequest("null where \(type) is required", field: path(context.codingPath))
        case .typeMismatch(let type, let context):
            let expected = type is [String: Any].Type || "\(type)".hasPrefix("Dictionary") ? "a JSON object" : "\(type)"
            return .badRequest("wrong type; \(expected) expected", field: path(context.codingPath))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .badRequest("the body is not valid JSON", field: "body") }
            if context.debugDescription == UnknownKeys.description { return .badRequest("unknown field", field: path(context.codingPath)) }
            return .badRequest("invalid value", field: path(context.codingPath))
        @unknown default:
            return .badRequest("the body could not be read", field: "body")
        }
    }
}

/// Refusing keys a request type does not define, inside its `init(from:)`, so that the body is parsed once.
public enum UnknownKeys {
    /// The `debugDescription` of the error (``JSONBody`` answers it as `unknown field`).
    public static let description = "unknown field"

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws `DecodingError.dataCorrupted` at the first key of the object being decoded that is not in `allowed`
    /// (by name order); a value that is not an object throws `typeMismatch`.
    public static func refuse(in decoder: any Decoder, allowed: Set<String>) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let key = container.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [AnyKey(stringValue: key)], debugDescription: description))
        }
    }
}
