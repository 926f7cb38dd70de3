#ifndef CACHELAB_CYCLE_COUNTER_H
#define CACHELAB_CYCLE_COUNTER_H

#include <stdint.h>

/// Whether this build can read a cycle counter at all: 1 on x86-64 and arm64, else 0.
static inline __attribute__((always_inline)) int cachelab_has_cycle_counter(void) {
#if defined(__x86_64__) || defined(__aarch64__)
    return 1;
#else
    return 0;
#endif
}

/// The CPU's free-running counter: the time-stamp counter (RDTSC) on x86-64, the virtual
/// counter (CNTVCT_EL0) on arm64, 0 elsewhere. It only ever counts up at a fixed rate on the
/// machines where the kernel itself keeps time with it; Swift cannot spell either
/// instruction, so the engine's clock reaches them through this header (see
/// `CycleClock.swift`).
static inline __attribute__((always_inline)) uint64_t cachelab_cycle_counter(void) {
#if defined(__x86_64__)
    uint32_t low, high;
    __asm__ __volatile__("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
#elif defined(__aarch64__)
    uint64_t value;
    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(value));
    return value;
#else
    return 0;
#endif
}

#endif
