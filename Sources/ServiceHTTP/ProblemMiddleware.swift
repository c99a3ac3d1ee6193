import Foundation
import Hummingbird
import Logging
import NIOCore
import RecordExchange

/// Turns every error a route throws into the services' JSON error body: ``RecordExchange/APIProblem`` as it is,
/// Hummingbird's own errors (unknown route 404, body too large 413, …) with their status, anything else 500 with
/// no detail (logged by type only, never with request contents).
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let methods: AllowedMethods?

    /// A middleware; with `methods`, a 404 for a known path called with another method becomes 405 with `Allow`.
    public init(methods: AllowedMethods? = nil) {
        self.methods = methods
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            guard let allow = methods?.allow(forPath: request.uri.path) else {
                return Self.response(APIProblem(status: 404, code: "not_found", message: "no such path"))
            }
            var response = Self.response(APIProblem(status: 405, code: "method_not_allowed",
                                                    message: "\(request.method.rawValue) is not allowed here; use \(allow)"))
            response.headers[.allow] = allow
            return response
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

/// The methods each route path takes (`:name` segments match any one segment), to answer a known path called with
/// another method 405 with `Allow` rather than 404.
public struct AllowedMethods: Sendable {
    let routes: [(segments: [Substring], allow: String)]

    /// The table `path → methods`.
    public init(_ table: [String: [HTTPRequest.Method]]) {
        routes = table.sorted { $0.key < $1.key }.map { path, methods in
            (path.split(separator: "/"), methods.map(\.rawValue).joined(separator: ", "))
        }
    }

    /// The `Allow` value of the route `path` matches, or `nil`. O(routes × segments).
    public func allow(forPath path: String) -> String? {
        let segments = path.split(separator: "/")
        return routes.first { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { pattern, segment in pattern.hasPrefix(":") || pattern == segment }
        }?.allow
    }
}
