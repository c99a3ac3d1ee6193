/* Declarations only: LLVMFuzzerRunDriver comes from libFuzzer at link time. */
#include "fuzz_driver.h"
