import Foundation
import Testing
@testable import BatchAudit

/// Folder walks and manifests: what is yielded, what is skipped and counted.
@Suite struct InputTests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]

    @Test(arguments: [
        (Array(jpeg), true), (Array(png), true), ([0xFF, 0xD8, 0xFF], true), ([0xFF, 0xD8], false),
        (Array(png.prefix(7)), false), (Array("GIF89a".utf8), false), ([], false), (Array("%PDF-1.7".utf8), false),
    ])
    func recognisesImagesByTheirFirstBytes(prefix: [UInt8], isImage: Bool) {
        #expect(ImageMagic.isImage(prefix) == isImage)
    }

    @Test func walksAFolderRecursivelyAndCountsWhatItSkips() throws {
        let folder = try TemporaryFolder("walk")
        let a = try folder.write("a.jpg", Self.jpeg)
        let b = try folder.write("x/y/z/b.png", Self.png)
        let c = try folder.write("x/c.dat", Self.jpeg)  // an image whatever its name
        try folder.write("x/readme.txt", Array("text".utf8))
        try folder.write("x/y/empty.png", [])
        try folder.write("x/y/index.jsonl", Array("{}\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: folder.file("gone.jpg"), withDestinationPath: folder.file("missing.jpg"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("x/back"), withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: folder.file("linked.jpg"), withDestinationPath: a)

        let walker = InputWalker(inputs: [(folder.path, try InputWalker.classify(folder.path))], shard: nil)
        let files = Array(walker)
        #expect(Set(files.map(\.path)) == [a, b, c, folder.file("gone.jpg"), folder.file("linked.jpg")])
        #expect(files.count == 5)
        #expect(Set(files.map(\.key)) == ["a.jpg", "x/y/z/b.png", "x/c.dat", "gone.jpg", "linked.jpg"])
        #expect(walker.tally.nonImages == 3)
        #expect(walker.tally.folderLinks == 1)
        #expect(walker.tally.otherShards == 0)
    }

    @Test func aTrailingSlashOnTheFolderGivesTheSamePathsAndKeys() throws {
        let folder = try TemporaryFolder("slash")
        try folder.write("p/q.jpg", Self.jpeg)
        let plain = Array(InputWalker(inputs: [(folder.path, .folder)], shard: nil))
        let slashed = Array(InputWalker(inputs: [(folder.path + "/", .folder)], shard: nil))
        #expect(plain == slashed)
        #expect(plain.map(\.path) == [folder.file("p/q.jpg")])
    }

    @Test func readsAManifestRelativeToItsFolder() throws {
        let folder = try TemporaryFolder("manifest")
        let absolute = try folder.write("elsewhere/abs.jpg", Self.jpeg)
        let manifest = try folder.write("lists/batch.txt", Array("""
            one.jpg\r
              sub/two.png  

            \(absolute)
            not-an-image.txt
            """.utf8))
        #expect(try InputWalker.classify(manifest) == .manifest)
        let walker = InputWalker(inputs: [(manifest, .manifest)], shard: nil)
        let files = Array(walker)
        let base = folder.file("lists") + "/"
        #expect(files == [
            InputFile(path: base + "one.jpg", key: "one.jpg"), InputFile(path: base + "sub/two.png", key: "sub/two.png"),
            InputFile(path: absolute, key: absolute), InputFile(path: base + "not-an-image.txt", key: "not-an-image.txt"),
        ])
        #expect(walker.manifestError == nil)
    }

    @Test func classifiesInputs() throws {
        let folder = try TemporaryFolder("classify")
        let image = try folder.write("page.png", Self.png)
        let list = try folder.write("list.txt", Array("page.png\n".utf8))
        #expect(try InputWalker.classify(folder.path) == .folder)
        #expect(try InputWalker.classify(image) == .image)
        #expect(try InputWalker.classify(list) == .manifest)
        #expect(throws: BatchError.self) { try InputWalker.classify(folder.file("absent")) }
    }

    @Test(arguments: [2, 3, 5])
    func shardsOfAFolderPartitionIt(count: Int) throws {
        let folder = try TemporaryFolder("shards")
        for i in 0..<40 { try folder.write("d\(i % 3)/f\(i).jpg", Self.jpeg) }
        let all = Set(InputWalker(inputs: [(folder.path, .folder)], shard: nil).map(\.path))
        var union = Set<String>()
        var total = 0
        for index in 0..<count {
            let walker = InputWalker(inputs: [(folder.path, .folder)], shard: try Shard(index: index, count: count))
            let part = Array(walker)
            total += part.count
            union.formUnion(part.map(\.path))
            #expect(walker.tally.otherShards == all.count - part.count)
        }
        #expect(total == all.count)
        #expect(union == all)
    }

    /// A manifest listing the same files in another order, from another folder, shards them the same way:
    /// keys are relative to the input root.
    @Test func shardsAreTheSameFromAFolderAndFromAReorderedManifest() throws {
        let folder = try TemporaryFolder("reorder")
        var names: [String] = []
        for i in 0..<30 {
            let name = "batch\(i % 4)/page\(i).jpg"
            try folder.write("archive/" + name, Self.jpeg)
            names.append(name)
        }
        let manifest = try folder.write("archive/list.txt", Array(names.reversed().joined(separator: "\n").utf8))
        let shard = try Shard(index: 1, count: 3)
        let fromFolder = Set(InputWalker(inputs: [(folder.file("archive"), .folder)], shard: shard).map(\.key))
        let fromManifest = Set(InputWalker(inputs: [(manifest, .manifest)], shard: shard).map(\.key))
        #expect(fromFolder == fromManifest)
        #expect(!fromFolder.isEmpty)
    }
}
