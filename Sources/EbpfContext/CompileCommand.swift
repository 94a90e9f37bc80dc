import Shell

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `compile`: builds an eBPF object from C with clang and ntsh's headers.
enum CompileCommand {
  static var spec: CommandSpec {
    CommandSpec(
      ["compile"], "Compiles an eBPF program written in C to an ELF object with clang.",
      tags: [
        TagSpec("filename", .file, .required, help: "The C source file."),
        TagSpec("output", .file, help: "The object file to write; by default the source's name with .o."),
      ],
      remarks: [
        "Runs clang -target bpf -g -O2 -ffreestanding -I<include dir> -c <filename> -o <output>, with the "
          + "folder of the session (a script's or transcript's folder) as clang's working directory (recorded as . "
          + "in the object's debug information), and "
          + "prints clang's diagnostics. The include directory holds ntsh's bpf_helpers.h and "
          + "ebpf_nethooks.h; `ntsh --include-dir` prints it, \(IncludeDirectory.environmentVariable) "
          + "overrides it, and \(ClangCompiler.environmentVariable) names another clang."
      ],
      examples: ["compile TraceConnections.c", "compile filename=bind.c output=build/bind.o"],
      run: run)
  }

  static func run(_ call: CommandCall) throws {
    let session = call.session
    let sourceArgument = call.args["filename"] ?? ""
    let sourcePath = session.resolvePath(sourceArgument)
    let outputPath = session.resolvePath(call.args["output"] ?? ClangCompiler.defaultOutput(for: sourceArgument))
    let source = session.displayPath(sourcePath)
    let output = session.displayPath(outputPath)
    guard access(sourcePath, R_OK) == 0 else {
      throw ShellError.failed("The file \(source) could not be opened: \(String(cString: strerror(errno))).")
    }
    let includeDirectory: String
    do {
      includeDirectory = try IncludeDirectory.locate()
    } catch {
      throw ShellError.failed(error.description)
    }
    let clangVariable = getenv(ClangCompiler.environmentVariable).map { String(cString: $0) }
    let clang = ClangCompiler.defaultClang(environment: clangVariable)
    let compiler = ClangCompiler(clang: clang, includeDirectory: includeDirectory)
    let outcome: Subprocess.Outcome
    do {
      outcome = try compiler.compile(source: source, output: output, workingDirectory: session.baseDirectory)
    } catch {
      throw ShellError.failed(
        "clang could not be started (\(error)). Install clang with the BPF target (the Swift toolchain's "
          + "clang has it) or set \(ClangCompiler.environmentVariable) to its path.")
    }
    let diagnostics = String(decoding: outcome.output, as: UTF8.self)
    if !diagnostics.isEmpty {
      call.out.write(diagnostics.hasSuffix("\n") ? diagnostics : diagnostics + "\n", to: .err)
    }
    if outcome.truncated { call.out.errorLine("(clang's output was cut at \(Subprocess.outputLimit) bytes)") }
    if let status = outcome.exitStatus {
      guard status == 0 else {
        throw ShellError.failed("clang exited with status \(status); \(source) was not compiled.")
      }
    } else {
      throw ShellError.failed("clang was stopped by signal \(outcome.signal ?? 0); \(source) was not compiled.")
    }
    call.out.line("Compiled \(source) to \(output).")
  }
}
