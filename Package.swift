// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Qompress",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Qompress", targets: ["Qompress"]),
        .library(name: "QompressCore", targets: ["QompressCore"]),
        .library(name: "QompressStatevector", targets: ["QompressStatevector"]),
        .library(name: "QompressMPS", targets: ["QompressMPS"]),
        .library(name: "QompressGradients", targets: ["QompressGradients"]),
        .library(name: "QompressTraining", targets: ["QompressTraining"]),
        .library(name: "QompressData", targets: ["QompressData"]),
        .library(name: "QompressQASM", targets: ["QompressQASM"]),
        .library(name: "QompressACQUA", targets: ["QompressACQUA"]),
        .library(name: "QompressHead", targets: ["QompressHead"]),
        // The C ABI over the library (`qompress.h`), loaded by the Python package in python/.
        .library(name: "QompressC", type: .dynamic, targets: ["QompressC"]),
        // Scale-out over MPI (needs Open MPI; nothing above depends on it).
        .library(name: "QompressDistributed", targets: ["QompressDistributed"]),
        .executable(name: "qompress", targets: ["qompress"]),
        .executable(name: "qompress-fuzz", targets: ["QompressFuzz"]),
        .executable(name: "qompress-mpi-selftest", targets: ["QompressMPISelfTest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `make docs`: the DocC catalogs under Sources/*/*.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // LAPACKE and CBLAS from Debian's liblapacke-dev and libopenblas-dev.
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        // Open MPI from Debian's libopenmpi-dev. Only QompressDistributed (and so the `qompress` tool)
        // depends on it: the library products build without MPI installed.
        .systemLibrary(
            name: "CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"])]
        ),
        // Circuit IR, observables and the `Backend` protocol. Knows no backend.
        .target(
            name: "QompressCore",
            dependencies: [.product(name: "Numerics", package: "swift-numerics")]
        ),
        // Checked Swift wrappers over CBLAS and LAPACKE.
        .target(
            name: "QompressLinearAlgebra",
            dependencies: ["CLapack", "QompressCore",
                           .product(name: "Numerics", package: "swift-numerics")]
        ),
        // Hot statevector loops for AVX2 + FMA, chosen at run time (function-level target
        // attributes: the package still builds for baseline x86-64, with no compiler flags).
        .target(name: "CQompressKernels"),
        .target(
            name: "QompressStatevector",
            dependencies: ["QompressCore", "CQompressKernels", .product(name: "Numerics", package: "swift-numerics")]
        ),
        .target(
            name: "QompressMPS",
            dependencies: ["QompressCore", "QompressLinearAlgebra",
                           .product(name: "Numerics", package: "swift-numerics")]
        ),
        // Gradients written once against `Backend`: adjoint, parameter shift, batches.
        .target(
            name: "QompressGradients",
            dependencies: ["QompressCore", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // The hybrid training stack: dense layers on BLAS, losses, optimisers, the quantum layer,
        // checkpoints. Generic over `Backend`.
        .target(
            name: "QompressTraining",
            dependencies: ["QompressCore", "QompressGradients", "QompressLinearAlgebra"]
        ),
        // Data files: NumPy .npy arrays (and, later, the datasets built on them).
        .target(name: "QompressData", dependencies: ["QompressCore", "QompressLinearAlgebra"]),
        // OpenQASM 2.0 reader into the circuit IR.
        .target(
            name: "QompressQASM",
            dependencies: ["QompressCore", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // CLIP-ACQUA: paired CLIP embeddings, the two hybrid autoencoders, their loss, trainer,
        // evaluation, baselines and figure. Backend-agnostic: layers come from a builder.
        .target(
            name: "QompressACQUA",
            dependencies: ["QompressCore", "QompressLinearAlgebra", "QompressTraining", "QompressData"]
        ),
        // The quantum-inspired projection head (fidelity similarity), its baselines and the
        // retrieval evaluation on BEIR-style collections.
        .target(
            name: "QompressHead",
            dependencies: ["QompressCore", "QompressLinearAlgebra", "QompressTraining", "QompressData",
                           .product(name: "Numerics", package: "swift-numerics")]
        ),
        // The datasets that ship with the package, as resources beside the executable.
        .target(name: "QompressBundledData", resources: [.copy("Data")]),
        // Umbrella: re-exports the layers and chooses a backend at run time.
        .target(
            name: "Qompress",
            dependencies: ["QompressCore", "QompressStatevector", "QompressGradients", "QompressMPS",
                           "QompressLinearAlgebra", "QompressTraining", "QompressData", "QompressQASM",
                           "QompressACQUA", "QompressHead", "QompressBundledData"]
        ),
        // Scale-out over MPI: a typed communicator (checked collectives), data-parallel groups
        // for training, sharded .npy reading and writing, and work spread over ranks.
        .target(
            name: "QompressDistributed",
            dependencies: ["CMPI", "QompressCore", "QompressLinearAlgebra", "QompressTraining", "QompressData"]
        ),
        .executableTarget(
            name: "qompress",
            dependencies: ["Qompress", "QompressQASM", "QompressDistributed", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The C ABI: `@_cdecl` functions over plain pointers and sizes, errors as status codes and
        // messages (Sources/QompressC/qompress.h; Docs/Python.md).
        .target(name: "QompressC", dependencies: ["Qompress"], exclude: ["qompress.h"]),
        // The readers of untrusted input as fuzz targets, and their libFuzzer driver (`make fuzz`).
        .target(name: "QompressFuzzing", dependencies: ["Qompress", "QompressQASM"]),
        .executableTarget(name: "QompressFuzz", dependencies: ["QompressFuzzing"]),
        // Small programs a newcomer reads first (`make examples` runs each).
        .executableTarget(name: "ExampleBackends", dependencies: ["Qompress"], path: "Examples/ExampleBackends"),
        .executableTarget(name: "ExampleChooseBackend", dependencies: ["Qompress"], path: "Examples/ExampleChooseBackend"),
        .executableTarget(name: "ExampleTrainToyCircuit", dependencies: ["Qompress"], path: "Examples/ExampleTrainToyCircuit"),
        .executableTarget(name: "ExampleTruncationReport", dependencies: ["Qompress"], path: "Examples/ExampleTruncationReport"),
        // Helpers shared by the test targets: an independent dense reference simulator (also as
        // a third `Backend`), the generic Backend conformance suite, and seeded random circuits
        // over the whole gate set.
        .target(name: "QompressTestSupport",
                dependencies: ["QompressCore", .product(name: "Numerics", package: "swift-numerics")],
                path: "Tests/QompressTestSupport"),
        .testTarget(name: "QompressCoreTests", dependencies: ["QompressCore"]),
        // The umbrella: the backend registry, and a third backend (the dense reference of
        // QompressTestSupport) registered in one line and run through gradients and models.
        .testTarget(name: "QompressTests", dependencies: ["Qompress", "QompressTestSupport"]),
        // Every Swift block of the README, Docs/ and the DocC articles, compiled and run.
        .testTarget(name: "QompressDocumentationTests", dependencies: ["Qompress"]),
        .testTarget(name: "QompressStatevectorTests", dependencies: ["QompressStatevector", "QompressCore", "QompressTestSupport"]),
        .testTarget(name: "QompressGradientsTests", dependencies: ["QompressGradients", "QompressStatevector", "QompressMPS", "QompressCore"]),
        .testTarget(name: "QompressTrainingTests", dependencies: ["QompressTraining", "QompressStatevector", "QompressMPS",
                                                                  "QompressLinearAlgebra", "QompressCore"]),
        .testTarget(name: "QompressDataTests", dependencies: ["QompressData"]),
        .testTarget(name: "QompressMPSTests", dependencies: ["QompressMPS", "QompressStatevector", "QompressCore", "QompressLinearAlgebra",
                                                            "QompressTestSupport"]),
        .testTarget(name: "QompressACQUATests", dependencies: ["QompressACQUA", "Qompress"]),
        .testTarget(name: "QompressHeadTests", dependencies: ["QompressHead", "QompressStatevector", "QompressMPS",
                                                              "QompressTraining", "QompressData", "QompressCore",
                                                              "QompressLinearAlgebra"],
                    resources: [.copy("Fixtures")]),
        // The typed MPI layer on several ranks (`mpirun -np 3 qompress-mpi-selftest`, make mpi-test).
        .executableTarget(name: "QompressMPISelfTest", dependencies: ["QompressDistributed", "QompressLinearAlgebra"],
                          path: "Tests/QompressMPISelfTest"),
        .testTarget(name: "QompressDistributedTests", dependencies: ["QompressDistributed", "QompressTraining",
                                                                     "QompressLinearAlgebra", "QompressData", "QompressCore"]),
        .testTarget(name: "QompressFuzzingTests", dependencies: ["QompressFuzzing", "Qompress", "QompressQASM"]),
        .testTarget(name: "QompressCTests", dependencies: ["QompressC", "Qompress", "QompressTestSupport"]),
        .testTarget(name: "QompressLinearAlgebraTests", dependencies: ["QompressLinearAlgebra", "QompressCore"]),
        .testTarget(name: "QompressQASMTests", dependencies: ["QompressQASM", "QompressStatevector", "QompressMPS", "QompressCore",
                                                              "QompressTestSupport"]),
    ]
)
