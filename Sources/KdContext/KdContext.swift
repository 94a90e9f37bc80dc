import Shell

/// The `kd` context: a local kernel debugger over the simulated kernel's memory.
public enum KdContext {
  /// WinDbg's local kernel debugging prompt.
  public static let prompt = "lkd> "

  /// The context's declarative table.
  public static func spec() -> ContextSpec {
    ContextSpec(
      name: "kd", prompt: prompt,
      note: "The debugger commands (!object, dt, !process, ...) are not built yet; they arrive with a later issue.")
  }
}
