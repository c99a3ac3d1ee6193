import Crypto
import BatchAudit
import Foundation
import Watchlist

/// A published watchlist index version: what a gate checks before it swaps its index.
///
/// The signature is Ed25519 over ``signedMessage``: the release's version, the index's SHA-256 and size, so a
/// gate that verifies it knows the bytes it downloaded are the ones the centre's key published as that version.
public struct WatchlistRelease: Sendable, Hashable, Codable {
    /// The release number; a gate takes only a release newer than the one it holds.
    public var version: Int
    /// SHA-256 of the index file, 64 lower-case hexadecimal digits.
    public var sha256: String
    /// The index file's size in bytes.
    public var size: Int
    /// When it was published: ISO 8601, UTC.
    public var publishedAt: String
    /// The Ed25519 signature over ``signedMessage``, Base64; `nil` for an unsigned release (always refused).
    public var signature: String?

    /// A release from its parts.
    public init(version: Int, sha256: String, size: Int, publishedAt: String, signature: String?) {
        self.version = version
        self.sha256 = sha256
        self.size = size
        self.publishedAt = publishedAt
        self.signature = signature
    }

    /// The bytes the signature covers.
    public var signedMessage: [UInt8] {
        Array("docscreen-watchlist-release\nversion \(version)\nsha256 \(sha256)\nsize \(size)\n".utf8)
    }
}

/// Why a gate refused a watchlist release (and kept the index it had).
public enum WatchlistReleaseRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The release carries no signature.
    case unsigned(version: Int)
    /// The signature does not verify with the centre's public key.
    case badSignature(version: Int)
    /// The downloaded bytes are not the signed ones.
    case digestMismatch(version: Int, expected: String, found: String)
    /// The downloaded size is not the signed one.
    case sizeMismatch(version: Int, expected: Int, found: Int)
    /// The release is not newer than the index held.
    case notNewer(offered: Int, current: Int)
    /// The bytes are signed but not a watchlist index this version reads.
    case invalidIndex(version: Int, reason: String)

    /// The refusal as one line (logged by the gate).
    public var description: String {
        switch self {
        case .unsigned(let v): "watchlist release \(v) is unsigned"
        case .badSignature(let v): "watchlist release \(v): the signature does not verify with the centre's key"
        case .digestMismatch(let v, let e, let f): "watchlist release \(v): SHA-256 \(f.prefix(16))… is not the signed \(e.prefix(16))…"
        case .sizeMismatch(let v, let e, let f): "watchlist release \(v): \(f) bytes, signed \(e)"
        case .notNewer(let offered, let current): "watchlist release \(offered) is not newer than the index held (\(current))"
        case .invalidIndex(let v, let reason): "watchlist release \(v) is not a readable index: \(reason)"
        }
    }
}

/// Why a key file could not be used.
public enum SigningKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file is not a DocScreen key of the expected kind.
    case malformed(path: String, reason: String)

    /// The failure as one line.
    public var description: String {
        switch self {
        case .io(let path, let reason): "key file \(path): \(reason)"
        case .malformed(let path, let reason): "key file \(path): \(reason)"
        }
    }
}

/// Ed25519 key files: one line `docscreen-ed25519-private BASE64` or `docscreen-ed25519-public BASE64` (the raw
/// 32-byte key). The private file is written with mode 0600.
public enum SigningKeyFile {
    static let privateTag = "docscreen-ed25519-private"
    static let publicTag = "docscreen-ed25519-public"

    /// Generates a key pair and writes `DIR/centre.key` (private) and `DIR/centre.pub`; refuses to overwrite.
    public static func generate(directory: String, name: String = "centre") throws(SigningKeyError) -> (privatePath: String, publicPath: String) {
        let key = Curve25519.Signing.PrivateKey()
        let privatePath = (directory as NSString).appendingPathComponent("\(name).key")
        let publicPath = (directory as NSString).appendingPathComponent("\(name).pub")
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw .io(path: path, reason: "exists; not overwritten")
        }
        try write("\(privateTag) \(key.rawRepresentation.base64EncodedString())\n", to: privatePath, mode: 0o600)
        try write("\(publicTag) \(key.publicKey.rawRepresentation.base64EncodedString())\n", to: publicPath, mode: 0o644)
        return (privatePath, publicPath)
    }

    static func write(_ text: String, to path: String, mode: Int) throws(SigningKeyError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw .io(path: path, reason: "cannot create")
        }
    }

    /// Reads a private key file.
    public static func readPrivate(path: String) throws(SigningKeyError) -> Curve25519.Signing.PrivateKey {
        let raw = try read(path: path, tag: privateTag)
        do {
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw .malformed(path: path, reason: "not an Ed25519 private key")
        }
    }

    /// Reads a public key file.
    public static func readPublic(path: String) throws(SigningKeyError) -> Curve25519.Signing.PublicKey {
        let raw = try read(path: path, tag: publicTag)
        do {
            return try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw .malformed(path: path, reason: "not an Ed25519 public key")
        }
    }

    static func read(path: String, tag: String) throws(SigningKeyError) -> Data {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .io(path: path, reason: error.localizedDescription)
        }
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 2, parts[0] == tag else { throw .malformed(path: path, reason: "expected one line `\(tag) BASE64`") }
        guard let raw = Data(base64Encoded: String(parts[1])), raw.count == 32 else {
            throw .malformed(path: path, reason: "the key is not 32 bytes of Base64")
        }
        return raw
    }
}

/// Publishing and verifying watchlist releases.
public enum WatchlistReleaseSigning {
    /// The release of `index` (the index file's bytes) as `version`, signed with `key`. O(index).
    public static func release(index: [UInt8], version: Int, key: Curve25519.Signing.PrivateKey, publishedAt: Date = Date()) throws -> WatchlistRelease {
        var release = WatchlistRelease(version: version, sha256: SHA256Digest.hex(digest: SHA256.hash(data: index)), size: index.count,
                                       publishedAt: publishedAt.formatted(.iso8601), signature: nil)
        release.signature = try key.signature(for: release.signedMessage).base64EncodedString()
        return release
    }

    /// Checks `release` and its downloaded `index` bytes against the centre's `key` and the version held
    /// (`current`, 0 without one); returns the parsed index. Checks, in order: newer, signed, signature, size,
    /// digest, readable. O(index).
    public static func verify(_ release: WatchlistRelease, index: [UInt8], key: Curve25519.Signing.PublicKey,
                              current: Int) throws(WatchlistReleaseRefusal) -> WatchlistIndex {
        guard release.version > current else { throw .notNewer(offered: release.version, current: current) }
        guard let signatureText = release.signature else { throw .unsigned(version: release.version) }
        guard let signature = Data(base64Encoded: signatureText), key.isValidSignature(signature, for: release.signedMessage) else {
            throw .badSignature(version: release.version)
        }
        guard index.count == release.size else { throw .sizeMismatch(version: release.version, expected: release.size, found: index.count) }
        let digest = SHA256Digest.hex(digest: SHA256.hash(data: index))
        guard digest == release.sha256 else { throw .digestMismatch(version: release.version, expected: release.sha256, found: digest) }
        do {
            return try WatchlistIndex(bytes: index)
        } catch {
            throw .invalidIndex(version: release.version, reason: "\(error)")
        }
    }
}
