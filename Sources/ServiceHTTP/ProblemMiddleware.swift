import Foundation
import Hummingbird
import Logging
import NIOCore
import RecordExchange

/// Turns every error a route throws into the services' JSON error body: ``RecordExchange/APIProblem`` as it is,
/// Hummingbird's own errors (unknown route 404, body too large 413, …) with their status, anything else 500 with
/// no detail (logged by type only, never with request contents).
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// A middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as APIProblem {
            return Self.response(problem)
        } catch let error as any HTTPResponseError {
            let status = Int(error.status.code)
            let code = switch status {
            case 404: "not_found"
            case 405: "method_not_allowed"
            case 413: "payload_too_large"
            case 400..<500: "bad_request"
            default: "error"
            }
            return Self.response(APIProblem(status: status, code: code, message: error.status.reasonPhrase))
        } catch {
            context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))"])
            return Self.response(APIProblem(status: 500, code: "internal", message: "internal error"))
        }
    }

    /// The JSON response of `problem`.
    public static func response(_ problem: APIProblem) -> Response {
        Response(status: HTTPResponse.Status(code: problem.status), headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: problem.body)))
    }
}

/// Request bodies.
public enum RequestBodyReader {
    /// The whole body, at most `limit` bytes; 413 beyond.
    public static func collect(_ request: Request, upTo limit: Int) async throws -> [UInt8] {
        var request = request
        do {
            return Array(buffer: try await request.collectBody(upTo: limit))
        } catch is NIOTooManyBytesError {
            throw APIProblem.tooLarge(limit: limit)
        }
    }
}

/// JSON responses.
public enum JSONResponse {
    /// `value` encoded with sorted keys, slashes unescaped, with `status`.
    public static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return raw(Array(try encoder.encode(value)), status: status)
    }

    /// Already-encoded JSON bytes.
    public static func raw(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// 405 answers for the methods a path does not take.
public enum AllowedMethods {
    static let all: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace]

    /// Registers, for each path, a handler of every other method answering 405 with an `Allow` header, so that a
    /// known path called with the wrong method is told so rather than "not found".
    public static func register<Context: RequestContext>(on router: Router<Context>, _ table: [String: [HTTPRequest.Method]]) {
        for (path, allowed) in table.sorted(by: { $0.key < $1.key }) {
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in all where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    var response = ProblemMiddleware<Context>.response(APIProblem(status: 405, code: "method_not_allowed",
                                                                                  message: "\(method.rawValue) is not allowed here; use \(allow)"))
                    response.headers[.allow] = allow
                    return response
                }
            }
        }
    }
}
