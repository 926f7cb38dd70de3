// Everything this module offers is inline, in include/CCycleCounter.h; SwiftPM wants a C
// target to have one source file of its own.
#include "CCycleCounter.h"
