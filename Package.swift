// swift-tools-version:6.0
// SwiftGym: a reinforcement-learning environment protocol and toolkit for Linux.
//
// The module graph. Dependencies flow one way, down this list: a module imports only what its line
// names (Foundation and the C library aside). Tests/ArchitectureTests reads these lines and fails
// when a target's dependencies below, or an `import` in Sources/, disagree with them.
//
//   GymRandom              <- (nothing)             the portable generator: xoshiro256**, SplitMix64
//   Gym                    <- GymRandom, CGymThreads
//                                                   protocol, spaces, wrappers, registry, vector stepping
//   GymJSON                <- Gym, CJSONC           json-c reading into OrderedJSON; syntax errors at line and column
//   GymPlanning            <- Gym                   known tabular models and the exact solvers
//   GymGames               <- GymRandom, CGLPK      normal-form games: exploitability, equilibria (GLPK), game learners, Gambit files
//   GymMDP                 <- Gym, GymJSON, GymPlanning, GymGames, CGymMath
//                                                   the JSON MDP kinds, validation, expressions, environments, batches
//   GymRaster              <- Gym, CRSVG            pictures drawn into RGB frames (librsvg on cairo)
//   GymNN                  <- GymRandom, CBLAS, CGymMath, CGymThreads
//                                                   the agents' network core on OpenBLAS
//   GymAgents              <- Gym, GymNN, GymPlanning
//                                                   agents and the training loop (value iteration plans)
//   GymPlugins             <- Gym, GymJSON, CGymPlugin, CGymPluginHost
//                                                   the host of C-ABI plugin libraries, in process or supervised
//   GymConformance         <- Gym, GymPlanning      the conformance checks (model checks need the model)
//   GymConformanceTesting  <- Gym, GymConformance, XCTest
//                                                   one-line conformance assertions for users' tests
//   SwiftRandomWalkPlugin  <- CGymPlugin            the example plugin written in Swift
//   SwiftGymC              <- Gym, GymJSON, GymPlanning, GymGames, GymMDP, GymPlugins, GymRaster
//                                                   the C ABI (libSwiftGymC.so) that C and the Python package call
//   GymRuns                <- Gym, GymJSON, GymPlanning, GymGames, GymMDP, GymNN, GymAgents, GymPlugins
//                                                   training and self-play runs (run directories, run.json, resume, reports), sweep plans
//   GymCLI                 <- Gym, GymJSON, GymPlanning, GymGames, GymMDP, GymNN, GymConformance, GymAgents, GymPlugins, GymRuns, ArgumentParser
//                                                   the `gym` executable
//   GymFuzz                <- Gym, GymJSON, GymGames, GymMDP, GymNN, GymAgents, GymPlugins
//                                                   the fuzz targets (`gym-fuzz`: libFuzzer under `make fuzz`, corpus replay otherwise)
//
// C modules: CJSONC (json-c), CBLAS (OpenBLAS), CGLPK (GLPK's linear programs), CRSVG (librsvg and cairo), CGymMath (the interpreter's sine, cosine and vectorised lane
// kernels, and the optimisers' elementwise kernel), CGymThreads (the worker threads that share a large product's row blocks and a vector's
// parts, and step aside when the cores are taken), CGymPlugin (the plugin ABI header), CGymPluginHost (the plugin host's guard pages and fault reporter, and the path of a loaded image).
import PackageDescription

let package = Package(
    name: "SwiftGym",
    products: [
        .library(name: "Gym", targets: ["Gym"]),
        .library(name: "GymMDP", targets: ["GymMDP"]),
        .library(name: "GymPlanning", targets: ["GymPlanning"]),
        .library(name: "GymGames", targets: ["GymGames"]),
        .library(name: "GymAgents", targets: ["GymAgents"]),
        .library(name: "GymRaster", targets: ["GymRaster"]),
        .library(name: "GymPlugins", targets: ["GymPlugins"]),
        .library(name: "GymRuns", targets: ["GymRuns"]),
        .library(name: "GymConformanceTesting", targets: ["GymConformanceTesting"]),
        .executable(name: "gym", targets: ["GymCLI"]),
        .executable(name: "gym-fuzz", targets: ["GymFuzz"]),
        // The example plugin written in Swift: .build/<config>/libSwiftRandomWalkPlugin.so
        .library(name: "SwiftRandomWalkPlugin", type: .dynamic, targets: ["SwiftRandomWalkPlugin"]),
        // The C ABI for C and Python (Specs/c-abi.md, Sources/SwiftGymC/swiftgym.h): .build/<config>/libSwiftGymC.so
        .library(name: "SwiftGymC", type: .dynamic, targets: ["SwiftGymC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `make docs`: DocC catalogs of Gym, GymMDP and GymConformanceTesting.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries, installed by `make deps` (apt: libjson-c-dev, libopenblas-dev, libglpk-dev, librsvg2-dev).
        .systemLibrary(name: "CJSONC", pkgConfig: "json-c", providers: [.apt(["libjson-c-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // GLPK ships no pkg-config file; the header is /usr/include/glpk.h (apt: libglpk-dev).
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        .systemLibrary(name: "CRSVG", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        // The expression interpreter's sine and cosine and its lane kernels (C, vectorised); the plugin ABI header.
        .target(name: "CGymMath"),
        // Worker threads that share a job's tasks with the calling thread, and run it alone when the cores are taken.
        .target(name: "CGymThreads"),
        .target(name: "CGymPlugin"),
        .target(name: "CGymPluginHost"),

        // The portable random generator every environment, space and agent draws from.
        .target(name: "GymRandom"),
        // The protocol, spaces, wrappers, registry and vector stepping.
        .target(name: "Gym", dependencies: ["GymRandom", "CGymThreads"]),
        // Reading JSON text (json-c) into values that keep their members in file order.
        .target(name: "GymJSON", dependencies: ["Gym", "CJSONC"]),
        // Known tabular models and the exact solvers (value and policy iteration).
        .target(name: "GymPlanning", dependencies: ["Gym"]),
        // Normal-form games: payoffs, exploitability, exact equilibria (GLPK), no-regret learners, Gambit .nfg.
        .target(name: "GymGames", dependencies: ["GymRandom", "CGLPK"]),
        // JSON MDP formats: kinds, validation with JSON paths, the expression compiler, environments.
        .target(name: "GymMDP", dependencies: ["Gym", "GymJSON", "GymPlanning", "GymGames", "CGymMath"]),

        // Pictures drawn into RGB frames: librsvg renders each picture's SVG onto a cairo surface.
        .target(name: "GymRaster", dependencies: ["Gym", "CRSVG"]),

        // The neural-network core of the agents: matrices (OpenBLAS), layers, losses, heads, optimisers, checkpoints.
        .target(name: "GymNN", dependencies: ["GymRandom", "CBLAS", "CGymMath", "CGymThreads"]),
        // Agents that plug into any environment whose spaces they support, and the training loop.
        .target(name: "GymAgents", dependencies: ["Gym", "GymNN", "GymPlanning"]),

        // Native environment plugins: the host that dlopens libraries exporting the C ABI.
        .target(name: "GymPlugins", dependencies: ["Gym", "GymJSON", "CGymPlugin", "CGymPluginHost"]),
        .target(name: "SwiftRandomWalkPlugin", dependencies: ["CGymPlugin"], path: "Plugins/SwiftRandomWalk"),
        // Environments for C and Python callers: handles, batches and caller-owned buffers.
        .target(name: "SwiftGymC", dependencies: ["Gym", "GymJSON", "GymPlanning", "GymGames", "GymMDP", "GymPlugins", "GymRaster"], exclude: ["swiftgym.h"]),

        // Conformance checks for any environment, and an XCTest helper for users' test targets.
        .target(name: "GymConformance", dependencies: ["Gym", "GymPlanning"]),
        .target(name: "GymConformanceTesting", dependencies: ["Gym", "GymConformance"]),

        // Training and self-play runs as a library: run directories, run.json, resume.ckpt, metrics and reports.
        .target(name: "GymRuns", dependencies: ["Gym", "GymJSON", "GymPlanning", "GymGames", "GymMDP", "GymNN", "GymAgents", "GymPlugins"]),

        .executableTarget(
            name: "GymCLI",
            dependencies: [
                "Gym", "GymJSON", "GymPlanning", "GymGames", "GymMDP", "GymNN", "GymConformance", "GymAgents", "GymPlugins", "GymRuns",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The fuzz targets; `make fuzz` builds them for libFuzzer in .build-fuzz (Specs/limits.md, Fuzzing).
        .executableTarget(name: "GymFuzz", dependencies: ["Gym", "GymJSON", "GymGames", "GymMDP", "GymNN", "GymAgents", "GymPlugins"]),

        .testTarget(name: "GymTests", dependencies: ["Gym"]),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CJSONC", "CBLAS"]),
        .testTarget(name: "GymJSONTests", dependencies: ["Gym", "GymJSON", "CJSONC"]),
        .testTarget(name: "GymMDPTests", dependencies: ["Gym", "GymJSON", "GymPlanning", "GymMDP", "CGymMath"], exclude: ["BrokenSpecs", "Fixtures"]),
        .testTarget(name: "GymGamesTests", dependencies: ["GymGames"]),
        .testTarget(name: "GymRasterTests", dependencies: ["Gym", "GymMDP", "GymRaster"]),
        .testTarget(name: "GymNNTests", dependencies: ["Gym", "GymRandom", "GymNN", "CGymThreads"]),
        .testTarget(name: "GymConformanceTests", dependencies: ["Gym", "GymPlanning", "GymMDP", "GymConformance", "GymConformanceTesting"]),
        .testTarget(name: "GymAgentsTests", dependencies: ["Gym", "GymPlanning", "GymMDP", "GymNN", "GymAgents"]),
        .testTarget(name: "GymPluginsTests", dependencies: ["Gym", "GymPlugins", "GymConformance"], exclude: ["BrokenPlugins"]),
        .testTarget(name: "GymRunsTests", dependencies: ["Gym", "GymNN", "GymAgents", "GymMDP", "GymRuns"]),
        .testTarget(name: "GymCLITests", dependencies: ["GymCLI"], exclude: ["NewcomerMDPs"]),
        .testTarget(name: "ArchitectureTests"),
        .testTarget(name: "DocumentationTests",
                    dependencies: ["Gym", "GymMDP", "GymPlanning", "GymAgents", "GymPlugins", "GymConformanceTesting"]),
    ],
    swiftLanguageModes: [.v5]
)
