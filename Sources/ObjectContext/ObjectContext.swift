import Shell

/// The `object` context: the object manager as a process sees it through the native API.
public enum ObjectContext {
  /// The context's declarative table.
  public static func spec() -> ContextSpec {
    ContextSpec(
      name: "object",
      note: "The object-manager commands are not built yet; they arrive with issue 3.")
  }
}
