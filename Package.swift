// swift-tools-version:6.0
// ntsh: a netsh-style shell over a simulated Windows kernel. Module map: ARCHITECTURE.md.
import PackageDescription

// The simulated kernel, its drivers and NTAPI run on one thread by construction (ARCHITECTURE.md,
// "Execution model"): release builds skip the runtime exclusivity checks on their class properties,
// a fifth of a system call's time. Debug builds, which the tests use, keep every check.
let singleThreaded: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
  name: "ntsh",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "ntsh", targets: ["ntsh"]),
    .executable(name: "ntsh-bench", targets: ["ntsh-bench"]),
    // For the fuzzing package in Fuzz/, which depends on this one by path.
    .library(name: "BPF", targets: ["BPF"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // libedit, found by pkg-config; Debian: libedit-dev.
    .systemLibrary(
      name: "CEditLine", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .target(name: "CEditShim", dependencies: ["CEditLine"]),

    .target(name: "NTCore"),
    // Direct-threading shim of the BPF interpreter: C tail calls around Swift instruction bodies.
    .target(name: "CBPFInterpreter"),
    .target(name: "BPF", dependencies: ["CBPFInterpreter"]),
    .target(name: "EBPFRuntime", dependencies: ["BPF", "NTCore", "Kernel"]),
    .target(name: "Kernel", dependencies: ["NTCore"], swiftSettings: singleThreaded),
    .target(name: "Drivers", dependencies: ["Kernel", "NTCore"], swiftSettings: singleThreaded),
    .target(name: "NTAPI", dependencies: ["Kernel", "Drivers", "NTCore"], swiftSettings: singleThreaded),

    .target(name: "Shell", dependencies: ["NTCore", "CEditLine", "CEditShim"]),
    .target(name: "EbpfContext", dependencies: ["Shell", "BPF", "EBPFRuntime", "NTCore", "Kernel"]),
    .target(name: "ObjectContext", dependencies: ["Shell", "NTAPI", "Kernel", "Drivers", "NTCore"]),
    .target(name: "WinstaContext", dependencies: ["Shell", "NTCore"]),
    .target(name: "KdContext", dependencies: ["Shell", "NTCore"]),
    // Builds a world and wires the contexts into a shell; shared by the executable and the tests.
    .target(
      name: "NtshKit",
      dependencies: [
        "Shell", "EbpfContext", "ObjectContext", "WinstaContext", "KdContext", "NTCore", "Kernel", "Drivers",
      ]),

    .executableTarget(
      name: "ntsh",
      dependencies: [
        "NtshKit", "Shell",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "ntsh-bench",
      dependencies: ["NtshKit", "Shell", "BPF", "EBPFRuntime", "NTCore", "Kernel", "NTAPI"]),

    .testTarget(name: "NTCoreTests", dependencies: ["NTCore"]),
    .testTarget(name: "KernelTests", dependencies: ["Kernel", "NTCore"]),
    .testTarget(name: "DriversTests", dependencies: ["Drivers", "Kernel", "NTCore"]),
    .testTarget(name: "NTAPITests", dependencies: ["NTAPI", "Kernel", "Drivers", "NTCore"]),
    .testTarget(name: "ObjectContextTests", dependencies: ["ObjectContext", "NTAPI", "Kernel", "Drivers", "Shell", "NTCore"]),
    .testTarget(name: "ShellTests", dependencies: ["Shell", "NTCore"]),
    .testTarget(name: "BPFTests", dependencies: ["BPF"]),
    .testTarget(name: "EBPFRuntimeTests", dependencies: ["EBPFRuntime", "Kernel", "NTAPI"]),
    .testTarget(name: "EbpfContextTests", dependencies: ["EbpfContext", "EBPFRuntime", "Shell", "Kernel", "NTAPI"]),
    .testTarget(name: "NtshKitTests", dependencies: ["NtshKit", "Shell"]),
  ]
)
