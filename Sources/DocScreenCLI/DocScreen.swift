import ArgumentParser

/// The `docscreen` command: screens travel documents (ICAO Doc 9303).
///
/// Only argument parsing and printing live here; every decision is made in the libraries.
@main
struct DocScreen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docscreen",
        abstract: "Screen travel documents for forgery, tampering and watchlist hits (ICAO Doc 9303).",
        version: "0.1.0",
        subcommands: [
            ScanCommand.self,
            MRZCommand.self,
            ImageCommand.self,
            WatchlistCommand.self,
            SamplesCommand.self,
            BatchCommand.self,
            MergeCommand.self,
            ReportCommand.self,
            ServeCommand.self,
            CentreCommand.self,
            SyncCommand.self,
            KeysCommand.self,
        ]
    )
}
