// swift-tools-version:6.0
// libFuzzer targets for the BPF module's ELF and BTF loaders and its verifier. Separate from the main package so
// its `swift build` / `swift test` are unaffected; build and run with `Fuzz/run.sh TARGET SECONDS`.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository is
// checked out.
let mainPackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
  name: "ntsh-fuzz",
  products: [
    // Static libraries: run.sh links each with libFuzzer's main (an executable target would
    // bring its own `main`).
    .library(name: "FuzzELF", type: .static, targets: ["FuzzELF"]),
    .library(name: "FuzzBTF", type: .static, targets: ["FuzzBTF"]),
    .library(name: "FuzzVerifier", type: .static, targets: ["FuzzVerifier"]),
  ],
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "FuzzELF", dependencies: [.product(name: "BPF", package: mainPackage)]),
    .target(name: "FuzzBTF", dependencies: [.product(name: "BPF", package: mainPackage)]),
    .target(name: "FuzzVerifier", dependencies: [.product(name: "BPF", package: mainPackage)]),
  ]
)
