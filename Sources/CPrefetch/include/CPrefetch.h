#ifndef CACHELAB_PREFETCH_H
#define CACHELAB_PREFETCH_H

/// Asks the CPU to start loading the cache line holding `address` and to go on at once.
///
/// Swift has no prefetch intrinsic, so the engine reaches the compiler's builtin through this
/// header. A prefetch never faults and never changes what a program computes: on an address
/// that is not mapped it does nothing. The engine uses it to overlap the cache misses of the
/// next commands of a pipeline with the work of the current one (see `Engine+Pipeline.swift`).
static inline __attribute__((always_inline)) void cachelab_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
