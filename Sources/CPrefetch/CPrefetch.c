// Everything this module offers is the inline function in include/CPrefetch.h; SwiftPM wants a
// C target to have one source file of its own.
#include "CPrefetch.h"
