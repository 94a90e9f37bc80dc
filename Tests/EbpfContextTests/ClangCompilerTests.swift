import EbpfContext
import Foundation
import Testing

@Suite struct ClangCompilerTests {
  @Test func argumentsCarryTheSeedsFlags() {
    let compiler = ClangCompiler(clang: "clang", includeDirectory: "/inc")
    #expect(
      compiler.arguments(source: "a.c", output: "out/a.o", workingDirectory: "/w") == [
        "-target", "bpf", "-g", "-O2", "-ffreestanding", "-I", "/inc", "-working-directory", "/w",
        "-fdebug-prefix-map=/w=.", "-c", "a.c",
        "-o", "out/a.o",
      ])
  }

  @Test(arguments: [
    ("bind.c", "bind.o"), ("dir/x.c", "dir/x.o"), ("noext", "noext.o"), ("a.b/c", "a.b/c.o"), ("x.cc", "x.cc.o"),
    (".c", ".o"),
  ])
  func defaultOutput(source: String, output: String) {
    #expect(ClangCompiler.defaultOutput(for: source) == output)
  }

  @Test func theClangVariable() {
    #expect(ClangCompiler.defaultClang(environment: nil) == "clang")
    #expect(ClangCompiler.defaultClang(environment: "") == "clang")
    #expect(ClangCompiler.defaultClang(environment: "/opt/clang") == "/opt/clang")
  }

  @Test func aMissingCompilerIsALaunchFailure() {
    let compiler = ClangCompiler(clang: "/nonexistent/clang", includeDirectory: "/inc")
    #expect(throws: Subprocess.LaunchFailure.self) {
      try compiler.compile(source: "a.c", output: "a.o", workingDirectory: "/")
    }
  }

  @Test func subprocessReportsStatusSignalAndOutput() throws {
    let ok = try Subprocess.run("sh", arguments: ["-c", "echo out; echo err >&2; exit 3"])
    #expect(ok.exitStatus == 3 && ok.signal == nil)
    #expect(String(decoding: ok.output, as: UTF8.self) == "out\nerr\n")
    let killed = try Subprocess.run("sh", arguments: ["-c", "kill -9 $$"])
    #expect(killed.exitStatus == nil && killed.signal == 9)
    let silent = try Subprocess.run("true", arguments: [])
    #expect(silent.succeeded && silent.output.isEmpty && !silent.truncated)
  }

  @Test func subprocessCapsItsOutput() throws {
    let big = try Subprocess.run("sh", arguments: ["-c", "head -c 2000000 /dev/zero"])
    #expect(big.succeeded && big.truncated && big.output.count == Subprocess.outputLimit)
  }
}
