import ArgumentParser
import Foundation
import MRZText
import Screening

/// `--today YYYY-MM-DD`, defaulting to the current UTC day (the only place the clock is read).
struct ReferenceDate: ExpressibleByArgument {
    var date: CalendarDate

    init?(argument: String) {
        guard let d = CalendarDate(iso: argument) else { return nil }
        date = d
    }

    init(date: CalendarDate) { self.date = date }

    static var today: ReferenceDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        let date = CalendarDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? CalendarDate(year: 2000, month: 1, day: 1)!
        return ReferenceDate(date: date)
    }

    var defaultValueDescription: String { "today" }
}

/// One compact JSON object on one line.
enum JSONLine {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Buffered standard output: one write per 64 KiB instead of per line.
final class OutputSink {
    private var buffer: [UInt8] = []

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count > 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `--policy FILE` or the embedded default, with the text its version is named from.
enum PolicyFile {
    static func load(_ path: String?) throws -> (VerdictPolicy, String) {
        guard let path else { return (.default, VerdictPolicy.defaultText) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read the policy \(path): \(error.localizedDescription)")
        }
        do {
            return (try VerdictPolicy(text: text), text)
        } catch {
            throw ValidationError("invalid policy \(path): \(error)")
        }
    }
}
