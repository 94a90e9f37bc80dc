@testable import Shell

/// A small context tree for testing resolution, binding, help and completion in-process.
enum TestShell {
  /// A shell with a `demo` context holding commands shaped like the ebpf context's.
  static func make(base: String = "/tmp") -> (Shell, Output) {
    let out = Output.capturing()
    let demo = ContextSpec(
      name: "demo",
      commands: [
        CommandSpec(
          ["add", "program"], "Loads a program.",
          tags: [
            TagSpec("filename", .file, .required, help: "File to load."),
            TagSpec("type", help: "Program type."),
            TagSpec("pinned", .choice(["none", "first", "all"]), help: "What to pin.", default: "first"),
          ]
        ) { call in
          call.out.line("load \(call.args["filename"] ?? "-") type=\(call.args["type"] ?? "-") pinned=\(call.args["pinned"] ?? "-")")
        },
        CommandSpec(["show", "programs"], "Shows programs.",
          tags: [TagSpec("id", .integer, help: "Program id.", complete: { _ in ["3", "5"] })]
        ) { call in
          call.out.line("programs id=\(call.args.integer("id").map(String.init) ?? "all")")
        },
        CommandSpec(["show", "processes"], "Shows processes.") { call in call.out.line("processes") },
        CommandSpec(["fail"], "Always fails.") { _ in throw ShellError.failed("it failed") },
      ])
    let shell = Shell(root: ContextSpec(name: "ntsh", subcontexts: [demo]), output: out, baseDirectory: base)
    return (shell, out)
  }

  /// Runs lines and returns everything printed.
  static func run(_ lines: String...) -> String {
    let (shell, out) = make()
    for line in lines { shell.execute(line) }
    return out.takeCaptured()
  }
}
