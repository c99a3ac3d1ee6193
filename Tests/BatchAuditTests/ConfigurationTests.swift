import Screening
import Testing
@testable import BatchAudit

/// What a batch configuration decides from its parts.
struct ConfigurationTests {
    @Test("the layout checks run side by side within a scan only when the batch has one job", arguments: [
        (1, true), (2, false), (8, false), (0, true),
    ])
    func checksSideBySide(jobs: Int, sideBySide: Bool) {
        let options = ScanOptions(referenceDate: GeneratedPages.today)
        #expect(options.checksSideBySide)
        let configuration = BatchConfiguration(inputs: [], resultsPath: "r.jsonl", storePath: "s.sqlite", options: options,
                                               versions: AuditVersions(engine: "test", policy: "p"), jobs: jobs)
        #expect(configuration.options.checksSideBySide == sideBySide)
        #expect(configuration.jobs == max(1, jobs))
    }
}
