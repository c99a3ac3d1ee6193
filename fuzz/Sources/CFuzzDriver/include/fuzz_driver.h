#ifndef DOCSCREEN_FUZZ_DRIVER_H
#define DOCSCREEN_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer): runs the fuzzing loop with the
 * command line, calling `callback` for each input. SwiftPM links executables with their own
 * entry point, so main.swift calls this instead of relying on libFuzzer's main(). */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
