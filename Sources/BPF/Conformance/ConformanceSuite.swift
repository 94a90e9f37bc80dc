/// Locating the conformance suite's files.
public enum ConformanceSuite {
  /// `../shared/bpf_conformance/tests` next to the package root found by walking up from `filePath`
  /// to the first directory holding `Package.swift`; nil when that folder does not exist.
  public static func defaultDirectory(relativeTo filePath: String = #filePath) -> String? {
    var parts = filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    while !parts.isEmpty {
      parts.removeLast()
      let dir = parts.joined(separator: "/")
      guard !dir.isEmpty else { break }
      if FileAccess.exists(dir + "/Package.swift") {
        let tests = dir + "/../shared/bpf_conformance/tests"
        return FileAccess.isDirectory(tests) ? tests : nil
      }
    }
    return nil
  }

  /// Paths of the `*.data` files of a directory, sorted by name.
  public static func testFiles(in directory: String) throws(ConformanceError) -> [String] {
    try FileAccess.list(directory).filter { $0.hasSuffix(".data") }.map { directory + "/" + $0 }
  }
}
