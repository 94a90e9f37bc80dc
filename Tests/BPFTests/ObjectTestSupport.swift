import Foundation
import Testing

@testable import BPF

/// Locates and reads the repository's fixtures from the test source's path.
enum Fixture {
  /// The repository root (three levels above this file).
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The bytes of `Fixtures/<path>`.
  static func bytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: root.appendingPathComponent("Fixtures").appendingPathComponent(path)))
  }

  /// Loads `Fixtures/ebpf/core/<name>.o`.
  static func object(_ name: String) throws -> BPFObject {
    try BPFObject.load(bytes: bytes("ebpf/core/\(name).o"))
  }

  /// File names in `Fixtures/<directory>` with the extension, sorted.
  static func files(in directory: String, withExtension ext: String) throws -> [String] {
    let url = root.appendingPathComponent("Fixtures").appendingPathComponent(directory)
    return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix("." + ext) }.sorted()
  }
}

/// Runs external tools (llvm-objdump, llvm-readelf, bpftool) for cross-checks; tests skip when a
/// tool is missing.
enum Tool {
  /// The tool's path: on PATH, in /usr/sbin, or next to the Swift toolchain's clang.
  static func find(_ name: String) -> String? {
    var dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    dirs += ["/usr/sbin", "/sbin", "/opt/swift/usr/bin"]
    for d in dirs where FileManager.default.isExecutableFile(atPath: d + "/" + name) { return d + "/" + name }
    return nil
  }

  /// Standard output of `tool args`, or nil when the tool is missing or fails.
  static func output(_ name: String, _ arguments: [String]) -> String? {
    guard let path = find(name) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// Absolute path of a fixture.
  static func fixturePath(_ path: String) -> String {
    Fixture.root.appendingPathComponent("Fixtures").appendingPathComponent(path).path
  }
}
