// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CacheLab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cachelab", targets: ["cachelab"]),
        .library(name: "CacheLabEngine", targets: ["CacheLabEngine"]),
        .library(name: "CacheLabVisualizer", targets: ["CacheLabVisualizer"]),
        .library(name: "CacheLabModels", targets: ["CacheLabModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.7.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // The Redis-compatible engine: keyspace, commands, replies. No terminal or network code.
        .target(
            name: "CacheLabEngine",
            dependencies: [.product(name: "Collections", package: "swift-collections"), "CPrefetch", "CCycleCounter"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // One C builtin Swift cannot spell: a cache prefetch, for pipelined commands.
        .target(name: "CPrefetch"),
        // The CPU's cycle counter, which the system clock extrapolates from between readings.
        .target(name: "CCycleCounter"),
        // Pictures of what the engine does (evictions, the LRU comparison, hit ratios): pure text, no I/O.
        .target(name: "CacheLabVisualizer", dependencies: ["CacheLabEngine", "CacheLabModels"]),
        // In-process models of memcached 1.6 and functools.lru_cache, to compare with Redis.
        .target(name: "CacheLabModels", dependencies: ["CacheLabEngine"]),
        // libedit's native API, with a small C shim for its variadic calls.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Ctrl-C during a command caught in a flag, in C where a signal handler belongs.
        .target(name: "CSignals"),
        // The redis-cli-faithful front door: tokenizer, reply formatting, line editing, hints.
        .target(name: "CacheLabTerminal", dependencies: ["CacheLabEngine", "CacheLabVisualizer", "CacheLabModels", "CEditLine", "CSignals"]),
        // Guided lessons: the Markdown lesson format, its parser, and the runners that feed
        // each step to the same line processor the REPL uses.
        .target(name: "CacheLabLessons", dependencies: ["CacheLabEngine", "CacheLabTerminal"]),
        .executableTarget(
            name: "cachelab",
            dependencies: [
                "CacheLabEngine", "CacheLabTerminal", "CacheLabVisualizer", "CacheLabLessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CacheLabEngineTests", dependencies: ["CacheLabEngine"]),
        .testTarget(name: "CacheLabVisualizerTests", dependencies: ["CacheLabVisualizer", "CacheLabEngine", "CacheLabModels"], exclude: ["Golden"]),
        .testTarget(name: "CacheLabModelsTests", dependencies: ["CacheLabModels", "CacheLabEngine", "CacheLabTerminal"]),
        .testTarget(name: "CacheLabTerminalTests", dependencies: ["CacheLabTerminal", "cachelab"]),
        .testTarget(name: "CacheLabLessonsTests", dependencies: ["CacheLabLessons", "CacheLabTerminal"]),
        .testTarget(
            name: "DifferentialTests",
            dependencies: ["CacheLabEngine", "CacheLabTerminal", "cachelab"],
            resources: [.copy("Scripts")]
        ),
    ]
)
