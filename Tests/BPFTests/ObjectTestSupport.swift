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
