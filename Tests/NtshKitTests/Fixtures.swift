import Foundation

/// Locations of the repository's fixtures, found from this source file.
enum Fixtures {
  /// The repository root.
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Every file under `Fixtures/<folder>` with the given extension, sorted, relative to `Fixtures/`.
  static func files(in folder: String, extension ext: String? = nil) -> [String] {
    let base = root.appendingPathComponent("Fixtures")
    guard let walker = FileManager.default.enumerator(atPath: base.appendingPathComponent(folder).path) else { return [] }
    var result: [String] = []
    while let item = walker.nextObject() as? String {
      let path = folder + "/" + item
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isDir),
        !isDir.boolValue
      else { continue }
      if let ext, !item.hasSuffix("." + ext) { continue }
      result.append(path)
    }
    return result.sorted()
  }

  /// The absolute path of a fixture given relative to `Fixtures/`.
  static func path(_ relative: String) -> String {
    root.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
  }
}
