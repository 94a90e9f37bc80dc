#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the folder of ntsh's program-side eBPF headers (`bpf_helpers.h`, `ebpf_nethooks.h` …), the
/// folder a user passes to `clang -I`.
///
/// The headers are plain files in the repository's `include/ebpf/`, found from the running
/// executable: each folder above it is tried for `include/ebpf/` (a build inside a checkout, debug or
/// release, and the test runner) and for `share/ntsh/include/ebpf/` (an installed `<prefix>/bin/ntsh`).
/// `NTSH_INCLUDE_DIR` overrides the search. Nothing is generated or copied, so the headers a user
/// compiles against are the ones in the checkout, and a fresh clone needs no setup step.
public enum IncludeDirectory {
  /// The environment variable that names the folder explicitly.
  public static let environmentVariable = "NTSH_INCLUDE_DIR"
  /// The file whose presence identifies the folder.
  public static let marker = "bpf_helpers.h"
  /// Where the folder sits below an ancestor of the executable, in the order they are tried.
  public static let relativeLocations = ["include/ebpf", "share/ntsh/include/ebpf"]

  /// Why no folder was found.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    /// `NTSH_INCLUDE_DIR` is set but does not hold the headers.
    case overrideInvalid(path: String)
    /// No ancestor of the executable holds the headers.
    case notFound(executable: String)

    /// The message the shell prints.
    public var description: String {
      switch self {
      case .overrideInvalid(let path):
        return "\(environmentVariable) is set to '\(path)', which does not contain \(marker)."
      case .notFound(let executable):
        return "The eBPF include directory was not found near \(executable) (looked for "
          + relativeLocations.map { "<folder>/\($0)" }.joined(separator: " and ")
          + " in each folder above it); set \(environmentVariable) to the folder holding \(marker)."
      }
    }
  }

  /// The absolute path of the include folder for this process.
  public static func locate() throws(Failure) -> String {
    let override = getenv(environmentVariable).map { String(cString: $0) }
    return try locate(override: override, executable: executablePath())
  }

  /// The include folder given an explicit override (or nil) and the executable's path.
  public static func locate(override: String?, executable: String) throws(Failure) -> String {
    if let override, !override.isEmpty {
      guard let absolute = realPath(override), isFile(absolute + "/" + marker) else {
        throw .overrideInvalid(path: override)
      }
      return absolute
    }
    var folder = parent(of: realPath(executable) ?? executable)
    while true {
      for relative in relativeLocations {
        let candidate = (folder == "/" ? "" : folder) + "/" + relative
        if isFile(candidate + "/" + marker) { return candidate }
      }
      if folder == "/" { break }
      folder = parent(of: folder)
    }
    throw .notFound(executable: executable)
  }

  /// The running executable's path (`/proc/self/exe` on Linux, else `argv[0]`).
  public static func executablePath() -> String {
    #if os(Linux)
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    #endif
    return CommandLine.arguments.first ?? "ntsh"
  }

  private static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "/" }
    let head = String(path[..<slash])
    return head.isEmpty ? "/" : head
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func isFile(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
  }
}
