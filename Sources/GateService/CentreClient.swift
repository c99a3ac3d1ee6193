import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RecordExchange

/// Why a request to the centre did not succeed (the gate keeps its outbox and tries again).
public enum CentreLinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No answer: connection refused, reset, timed out.
    case unreachable(reason: String)
    /// The centre answered with an error status (`code` from its JSON error body when there is one).
    case refused(status: Int, code: String?, message: String?)
    /// The centre's answer could not be read.
    case malformedAnswer(reason: String)

    /// The failure as one line (no record contents).
    public var description: String {
        switch self {
        case .unreachable(let reason): "centre unreachable: \(reason)"
        case .refused(let status, let code, let message): "centre answered \(status)" + (code.map { " \($0)" } ?? "") + (message.map { ": \($0)" } ?? "")
        case .malformedAnswer(let reason): "centre answer unreadable: \(reason)"
        }
    }

    /// Whether sending a smaller batch may help (the centre found the body too large).
    public var isTooLarge: Bool {
        if case .refused(413, _, _) = self { return true }
        return false
    }
}

/// The gate's client of the centre's API (AsyncHTTPClient): record batches, watchlist releases.
public struct CentreClient: Sendable {
    /// The link.
    public let link: CentreLink
    let http: HTTPClient

    /// A client over the shared HTTP client.
    public init(link: CentreLink, http: HTTPClient = .shared) {
        self.link = link
        self.http = http
    }

    /// Sends `batch`; returns the centre's receipt once every row is stored there.
    public func send(_ batch: RecordBatch, timeout: Duration = .seconds(30)) async throws(CentreLinkError) -> RecordReceipt {
        let body: Data
        do {
            body = try JSONEncoder().encode(batch)
        } catch {
            throw .malformedAnswer(reason: "the batch could not be encoded")
        }
        let answer = try await request(path: "/api/v1/records", method: .POST, body: [UInt8](body), timeout: timeout, limit: 1 << 20)
        do {
            let receipt = try JSONDecoder().decode(RecordReceipt.self, from: Data(answer))
            guard receipt.received == batch.rowCount else {
                throw CentreLinkError.malformedAnswer(reason: "receipt for \(receipt.received) rows, \(batch.rowCount) sent")
            }
            return receipt
        } catch let error as CentreLinkError {
            throw error
        } catch {
            throw .malformedAnswer(reason: "not a receipt")
        }
    }

    /// The newest watchlist release, or `nil` when the centre has published none.
    public func latestRelease() async throws(CentreLinkError) -> WatchlistRelease? {
        let answer: [UInt8]
        do {
            answer = try await request(path: "/api/v1/watchlist", method: .GET, body: nil, timeout: .seconds(30), limit: 1 << 16)
        } catch {
            if case .refused(404, _, _) = error { return nil }
            throw error
        }
        do {
            return try JSONDecoder().decode(WatchlistRelease.self, from: Data(answer))
        } catch {
            throw .malformedAnswer(reason: "not a watchlist release")
        }
    }

    /// The index bytes of release `version` (at most `limit` bytes).
    public func releaseIndex(version: Int, limit: Int = 2 << 30) async throws(CentreLinkError) -> [UInt8] {
        try await request(path: "/api/v1/watchlist/\(version)", method: .GET, body: nil, timeout: .seconds(600), limit: limit)
    }

    func request(path: String, method: HTTPMethod, body: [UInt8]?, timeout: Duration, limit: Int) async throws(CentreLinkError) -> [UInt8] {
        var request = HTTPClientRequest(url: link.url + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(link.token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
        } catch {
            throw .unreachable(reason: String(describing: type(of: error)) + " " + Self.brief(error))
        }
        let bytes: ByteBuffer
        do {
            bytes = try await response.body.collect(upTo: limit)
        } catch {
            throw .unreachable(reason: "the answer was cut off or too large")
        }
        let data = Array(buffer: bytes)
        guard (200..<300).contains(Int(response.status.code)) else {
            struct Problem: Decodable { struct Inner: Decodable { var code: String; var message: String }; var error: Inner }
            let problem = try? JSONDecoder().decode(Problem.self, from: Data(data))
            throw .refused(status: Int(response.status.code), code: problem?.error.code, message: problem?.error.message)
        }
        return data
    }

    static func brief(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 120 ? String(text.prefix(120)) : text
    }
}
