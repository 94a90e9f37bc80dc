import Shell

/// The `ebpf` context: eBPF for Windows' netsh helper over the simulated runtime.
public enum EbpfContext {
  /// The context's declarative table.
  public static func spec() -> ContextSpec {
    ContextSpec(
      name: "ebpf",
      commands: [CompileCommand.spec],
      note: "The eBPF commands (add program, show programs, show maps, ...) are not built yet; they arrive with issue 5.")
  }
}
