import Shell

/// The `winsta` context: sessions, window stations, desktops and windows.
public enum WinstaContext {
  /// The context's declarative table.
  public static func spec() -> ContextSpec {
    ContextSpec(
      name: "winsta",
      note: "The window-station commands are not built yet; they arrive with a later issue.")
  }
}
