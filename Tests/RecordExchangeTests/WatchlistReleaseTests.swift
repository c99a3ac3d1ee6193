import Crypto
import Foundation
import Testing
import Watchlist
@testable import RecordExchange

@Suite struct WatchlistReleaseTests {
    static func index(persons: Int = 50, seed: UInt64 = 7) -> [UInt8] {
        var builder = WatchlistIndexBuilder()
        builder.add(persons: SyntheticWatchlist.persons(count: persons, seed: seed))
        return builder.build()
    }

    @Test func aSignedReleaseVerifiesAndYieldsTheIndex() throws {
        let key = Curve25519.Signing.PrivateKey()
        let bytes = Self.index()
        let release = try WatchlistReleaseSigning.release(index: bytes, version: 3, key: key)
        let index = try WatchlistReleaseSigning.verify(release, index: bytes, key: key.publicKey, current: 2)
        #expect(index.personCount == 50)
        #expect(release.size == bytes.count)
    }

    @Test func everyTamperingIsRefusedWithItsReason() throws {
        let key = Curve25519.Signing.PrivateKey()
        let bytes = Self.index()
        let release = try WatchlistReleaseSigning.release(index: bytes, version: 3, key: key)

        var unsigned = release
        unsigned.signature = nil
        #expect(throws: WatchlistReleaseRefusal.unsigned(version: 3)) {
            try WatchlistReleaseSigning.verify(unsigned, index: bytes, key: key.publicKey, current: 0)
        }
        // Signed by another key.
        let forged = try WatchlistReleaseSigning.release(index: bytes, version: 3, key: Curve25519.Signing.PrivateKey())
        #expect(throws: WatchlistReleaseRefusal.badSignature(version: 3)) {
            try WatchlistReleaseSigning.verify(forged, index: bytes, key: key.publicKey, current: 0)
        }
        // The version raised after signing.
        var bumped = release
        bumped.version = 9
        #expect(throws: WatchlistReleaseRefusal.badSignature(version: 9)) {
            try WatchlistReleaseSigning.verify(bumped, index: bytes, key: key.publicKey, current: 0)
        }
        // One byte of the index changed.
        var tampered = bytes
        tampered[tampered.count / 2] ^= 0x01
        #expect(throws: WatchlistReleaseRefusal.self) {
            try WatchlistReleaseSigning.verify(release, index: tampered, key: key.publicKey, current: 0)
        }
        do {
            _ = try WatchlistReleaseSigning.verify(release, index: tampered, key: key.publicKey, current: 0)
        } catch {
            guard case .digestMismatch(3, release.sha256, _) = error else { Issue.record("\(error)"); return }
        }
        #expect(throws: WatchlistReleaseRefusal.sizeMismatch(version: 3, expected: bytes.count, found: bytes.count - 1)) {
            try WatchlistReleaseSigning.verify(release, index: Array(bytes.dropLast()), key: key.publicKey, current: 0)
        }
        // Older or the same as the one held.
        #expect(throws: WatchlistReleaseRefusal.notNewer(offered: 3, current: 3)) {
            try WatchlistReleaseSigning.verify(release, index: bytes, key: key.publicKey, current: 3)
        }
        #expect(throws: WatchlistReleaseRefusal.notNewer(offered: 3, current: 5)) {
            try WatchlistReleaseSigning.verify(release, index: bytes, key: key.publicKey, current: 5)
        }
        // Signed garbage is still not an index.
        let garbage = Array("not an index at all".utf8)
        let signedGarbage = try WatchlistReleaseSigning.release(index: garbage, version: 4, key: key)
        do {
            _ = try WatchlistReleaseSigning.verify(signedGarbage, index: garbage, key: key.publicKey, current: 0)
            Issue.record("garbage accepted")
        } catch {
            guard case .invalidIndex(4, _) = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func keyFilesRoundTripAndAreNeverOverwritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (privatePath, publicPath) = try SigningKeyFile.generate(directory: dir)
        let key = try SigningKeyFile.readPrivate(path: privatePath)
        let publicKey = try SigningKeyFile.readPublic(path: publicPath)
        #expect(key.publicKey.rawRepresentation == publicKey.rawRepresentation)
        let mode = try FileManager.default.attributesOfItem(atPath: privatePath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: SigningKeyError.self) { try SigningKeyFile.generate(directory: dir) }
        // A public key file is not a private one.
        #expect(throws: SigningKeyError.self) { try SigningKeyFile.readPrivate(path: publicPath) }
    }

    @Test func publishingNumbersReleasesUpwards() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("releases-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (privatePath, publicPath) = try SigningKeyFile.generate(directory: dir)
        let indexPath = dir + "/list.idx"
        try Data(Self.index()).write(to: URL(fileURLWithPath: indexPath))
        let releases = WatchlistReleaseDirectory(path: dir + "/releases")
        #expect(releases.latest() == nil)
        let first = try releases.publish(indexPath: indexPath, keyPath: privatePath)
        let second = try releases.publish(indexPath: indexPath, keyPath: privatePath)
        #expect(first.version == 1)
        #expect(second.version == 2)
        #expect(releases.versions() == [1, 2])
        #expect(releases.latest() == second)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: releases.indexPath(version: 2))))
        _ = try WatchlistReleaseSigning.verify(second, index: bytes, key: SigningKeyFile.readPublic(path: publicPath), current: 1)
        // Not an index: refused before anything is published.
        try Data("junk".utf8).write(to: URL(fileURLWithPath: indexPath))
        #expect(throws: (any Error).self) { try releases.publish(indexPath: indexPath, keyPath: privatePath) }
        #expect(releases.versions() == [1, 2])
    }
}
