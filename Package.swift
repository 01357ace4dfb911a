// swift-tools-version:6.0
// SwiftGym: a reinforcement-learning environment protocol and toolkit for Linux.
// Dependencies flow one way: Gym <- GymMDP <- (GymConformance, GymAgents) <- GymCLI.
import PackageDescription

let package = Package(
    name: "SwiftGym",
    products: [
        .library(name: "Gym", targets: ["Gym"]),
        .library(name: "GymMDP", targets: ["GymMDP"]),
        .library(name: "GymConformanceTesting", targets: ["GymConformanceTesting"]),
        .executable(name: "gym", targets: ["GymCLI"]),
        // The example plugin written in Swift: .build/<config>/libSwiftRandomWalkPlugin.so
        .library(name: "SwiftRandomWalkPlugin", type: .dynamic, targets: ["SwiftRandomWalkPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, installed by `make deps` (apt: libjson-c-dev, libopenblas-dev).
        .systemLibrary(name: "CJSONC", pkgConfig: "json-c", providers: [.apt(["libjson-c-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        // The protocol, spaces, RNG, wrappers, registry and vector stepping. Depends on nothing of ours.
        .target(name: "Gym"),

        // JSON MDP formats (read with json-c), the expression compiler, exact solvers.
        // CGymMath exposes glibc's sincos to the expression interpreter.
        .target(name: "CGymMath"),
        .target(name: "GymMDP", dependencies: ["Gym", "CJSONC", "CGymMath"]),

        // The neural-network core of the agents: matrices (OpenBLAS), layers, losses, heads, optimisers, checkpoints.
        .target(name: "GymNN", dependencies: ["Gym", "CBLAS"]),

        // Agents that plug into any environment whose spaces they support, and the training loop.
        .target(name: "GymAgents", dependencies: ["Gym", "GymMDP", "GymNN"]),

        // Native environment plugins: the C ABI header, and the host that dlopens plugins.
        .target(name: "CGymPlugin"),
        .target(name: "GymPlugins", dependencies: ["Gym", "GymMDP", "CGymPlugin"]),
        .target(name: "SwiftRandomWalkPlugin", dependencies: ["CGymPlugin"], path: "Plugins/SwiftRandomWalk"),

        // Conformance checks for any environment, and an XCTest helper for users' test targets.
        .target(name: "GymConformance", dependencies: ["Gym", "GymMDP"]),
        .target(name: "GymConformanceTesting", dependencies: ["Gym", "GymConformance"]),

        .executableTarget(
            name: "GymCLI",
            dependencies: [
                "Gym",
                "GymMDP",
                "GymNN",
                "GymConformance",
                "GymAgents",
                "GymPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "GymTests", dependencies: ["Gym"]),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CJSONC", "CBLAS"]),
        .testTarget(name: "GymMDPTests", dependencies: ["Gym", "GymMDP", "CJSONC"], exclude: ["BrokenSpecs", "Fixtures"]),
        .testTarget(name: "GymNNTests", dependencies: ["Gym", "GymNN"]),
        .testTarget(name: "GymConformanceTests", dependencies: ["Gym", "GymMDP", "GymConformance", "GymConformanceTesting"]),
        .testTarget(name: "GymAgentsTests", dependencies: ["Gym", "GymMDP", "GymNN", "GymAgents"]),
        .testTarget(name: "GymPluginsTests", dependencies: ["Gym", "GymPlugins", "GymConformance"], exclude: ["BrokenPlugins"]),
        .testTarget(name: "GymCLITests", dependencies: ["GymCLI"]),
    ],
    swiftLanguageModes: [.v5]
)
