import Foundation

/// Why a token file could not be used.
public enum TokenFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// A line is not `GATE TOKEN` (line from 1).
    case malformedLine(path: String, line: Int, reason: String)
    /// Two lines name the same gate or the same token.
    case duplicate(path: String, line: Int, what: String)
    /// A gate's token file holds no token.
    case empty(path: String)

    /// The failure as one line.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "token file \(path): \(reason)"
        case .malformedLine(let path, let line, let reason): "token file \(path), line \(line): \(reason)"
        case .duplicate(let path, let line, let what): "token file \(path), line \(line): \(what) appears twice"
        case .empty(let path): "token file \(path) holds no token"
        }
    }
}

/// The centre's per-gate bearer tokens (`--tokens FILE`: one `GATE TOKEN` pair per line; `#` comments and blank
/// lines allowed). Tokens are compared in constant time.
public struct GateTokenTable: Sendable {
    let entries: [(gate: String, token: [UInt8])]

    /// The gates, in file order.
    public var gates: [String] { entries.map(\.gate) }

    /// Parses a token table; gate names are 1-64 characters of `A-Z a-z 0-9 . _ -`, tokens at least 16 visible
    /// ASCII characters.
    public init(text: String, path: String = "tokens") throws(TokenFileError) {
        var entries: [(gate: String, token: [UInt8])] = []
        var gates = Set<String>()
        var tokens = Set<[UInt8]>()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else {
                throw .malformedLine(path: path, line: index + 1, reason: "expected `GATE TOKEN`, found \(parts.count) words")
            }
            let gate = String(parts[0])
            guard GateName.isValid(gate) else {
                throw .malformedLine(path: path, line: index + 1, reason: "gate name must be 1-64 characters of A-Z a-z 0-9 . _ -")
            }
            let token = Array(parts[1].utf8)
            guard BearerToken.isValid(token) else {
                throw .malformedLine(path: path, line: index + 1, reason: "token must be at least 16 visible ASCII characters")
            }
            guard gates.insert(gate).inserted else { throw .duplicate(path: path, line: index + 1, what: "gate \(gate)") }
            guard tokens.insert(token).inserted else { throw .duplicate(path: path, line: index + 1, what: "a token") }
            entries.append((gate, token))
        }
        self.entries = entries
    }

    /// Reads and parses the table at `path`.
    public init(path: String) throws(TokenFileError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(text: text, path: path)
    }

    /// The gate whose token is `presented`, or `nil`. Every entry is compared in full, each in time independent
    /// of where the bytes differ, so the answer's timing tells nothing about any token. O(entries × token length).
    public func gate(presenting presented: some Collection<UInt8>) -> String? {
        let presented = Array(presented)
        var found: String?
        for entry in entries where ConstantTime.equals(entry.token, presented) && found == nil {
            found = entry.gate
        }
        return found
    }
}

/// A gate's own token file: the token alone (surrounding white space ignored).
public enum BearerToken {
    /// Reads the token at `path`.
    public static func read(path: String) throws(TokenFileError) -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw .empty(path: path) }
        guard isValid(Array(token.utf8)) else {
            throw .malformedLine(path: path, line: 1, reason: "token must be at least 16 visible ASCII characters")
        }
        return token
    }

    /// At least 16 bytes, each visible ASCII (33-126).
    static func isValid(_ token: [UInt8]) -> Bool {
        token.count >= 16 && token.allSatisfy { $0 >= 33 && $0 <= 126 }
    }

    /// A new random token: 32 bytes from the system's generator as 64 hexadecimal digits.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// Gate names.
public enum GateName {
    /// 1-64 characters of `A-Z a-z 0-9 . _ -`.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return (1...64).contains(bytes.count) && bytes.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 45
        }
    }
}

/// Comparison whose time does not depend on the contents compared.
public enum ConstantTime {
    /// Whether `a` and `b` are equal. Time depends on the lengths only: every byte of the longer is visited.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt(bitPattern: a.count ^ b.count)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= UInt(x ^ y)
        }
        return difference == 0
    }
}
