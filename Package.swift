// swift-tools-version:6.0
// ntsh: a netsh-style shell over a simulated Windows kernel. Module map: ARCHITECTURE.md.
import PackageDescription

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
    .target(name: "EBPFRuntime", dependencies: ["BPF", "NTCore"]),
    .target(name: "Kernel", dependencies: ["NTCore"]),
    .target(name: "Drivers", dependencies: ["Kernel", "NTCore"]),
    .target(name: "NTAPI", dependencies: ["Kernel", "NTCore"]),

    .target(name: "Shell", dependencies: ["NTCore", "CEditLine", "CEditShim"]),
    .target(name: "EbpfContext", dependencies: ["Shell", "BPF", "EBPFRuntime", "NTCore"]),
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
    .testTarget(name: "NTAPITests", dependencies: ["NTAPI", "Kernel", "Drivers", "NTCore"]),
    .testTarget(name: "ObjectContextTests", dependencies: ["ObjectContext", "NTAPI", "Kernel", "Drivers", "Shell", "NTCore"]),
    .testTarget(name: "ShellTests", dependencies: ["Shell", "NTCore"]),
    .testTarget(name: "BPFTests", dependencies: ["BPF"]),
    .testTarget(name: "EBPFRuntimeTests", dependencies: ["EBPFRuntime"]),
    .testTarget(name: "EbpfContextTests", dependencies: ["EbpfContext", "EBPFRuntime", "Shell"]),
    .testTarget(name: "NtshKitTests", dependencies: ["NtshKit", "Shell"]),
  ]
)
