import CFuzzDriver
#if canImport(Glibc)
import Glibc
#endif

// SwiftPM gives executables their own entry point, so libFuzzer's main() is not used: this
// hands the command line to libFuzzer's driver with the watchlist target as the callback.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzWatchlist(data, size) })
