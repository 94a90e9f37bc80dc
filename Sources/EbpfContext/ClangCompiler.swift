/// Compiles eBPF programs written in C to ELF objects with clang, against ntsh's own headers: the
/// Linux counterpart of the custom build step the seed sets up in Visual Studio.
public struct ClangCompiler {
  /// The environment variable that names the clang to run.
  public static let environmentVariable = "NTSH_CLANG"
  /// Code generation flags: BPF target, debug information for source-interleaved disassembly,
  /// the optimisation the verifier expects, and no hosted C library.
  public static let flags = ["-target", "bpf", "-g", "-O2", "-ffreestanding"]

  /// The clang program, a name looked up in PATH or a path.
  public var clang: String
  /// The folder holding `bpf_helpers.h`.
  public var includeDirectory: String

  /// Creates a compiler.
  public init(clang: String, includeDirectory: String) {
    self.clang = clang
    self.includeDirectory = includeDirectory
  }

  /// The clang named by `NTSH_CLANG`, else `clang` from PATH.
  public static func defaultClang(environment value: String?) -> String {
    guard let value, !value.isEmpty else { return "clang" }
    return value
  }

  /// The arguments after the program name. Paths are passed as given; clang resolves relative ones
  /// against `workingDirectory`, so its diagnostics name files the way the user typed them, and the
  /// debug prefix map records that folder as `.`, so the source paths in the object's line info (what
  /// `show disassembly` prints) do not depend on where the files are.
  public func arguments(source: String, output: String, workingDirectory: String) -> [String] {
    Self.flags + [
      "-I", includeDirectory, "-working-directory", workingDirectory, "-fdebug-prefix-map=\(workingDirectory)=.", "-c",
      source, "-o", output,
    ]
  }

  /// Runs clang; throws when it cannot be started.
  public func compile(source: String, output: String, workingDirectory: String) throws(Subprocess.LaunchFailure)
    -> Subprocess.Outcome
  {
    try Subprocess.run(clang, arguments: arguments(source: source, output: output, workingDirectory: workingDirectory))
  }

  /// The object file name for a source: `x.c` becomes `x.o`; any other name gets `.o` appended.
  public static func defaultOutput(for source: String) -> String {
    let slash = source.lastIndex(of: "/").map { source.index(after: $0) } ?? source.startIndex
    if let dot = source[slash...].lastIndex(of: "."), source[dot...] == ".c" {
      return String(source[..<dot]) + ".o"
    }
    return source + ".o"
  }
}
