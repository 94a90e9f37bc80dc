#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Minimal file-system access for loading conformance files (no Foundation).
enum FileAccess {
  /// The whole file, or an error naming the path and the system's reason.
  static func read(_ path: String) throws(ConformanceError) -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw .io("cannot open \(path): \(reason())") }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
      if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
      if n < chunk.count {
        if ferror(f) != 0 { throw .io("cannot read \(path): \(reason())") }
        return bytes
      }
    }
  }

  /// Names of the entries of a directory (without `.` and `..`), sorted.
  static func list(_ path: String) throws(ConformanceError) -> [String] {
    guard let d = opendir(path) else { throw .io("cannot open directory \(path): \(reason())") }
    defer { closedir(d) }
    var names: [String] = []
    while let entry = readdir(d) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// True when `path` names a directory.
  static func isDirectory(_ path: String) -> Bool {
    guard let d = opendir(path) else { return false }
    closedir(d)
    return true
  }

  /// True when `path` exists.
  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  static func reason() -> String { String(cString: strerror(errno)) }
}
