import NTCore

/// `notepad.exe`: a GUI process whose thread waits for input that only a window would bring.
///
/// Its window arrives with the window-station issue; until then the thread creates its input
/// event and blocks on it forever, which is what the seed's Job walk-through needs: a process that
/// keeps running while the job is examined.
public enum Notepad: UserProgram {
  /// notepad.exe.
  public static let imageName = "notepad.exe"
  /// Listing text.
  public static let summary = "Waits for input forever (a GUI process without its window yet)."

  /// Creates the input event and waits on it; quits with 0 if it is ever set.
  public static func main(_ api: Win32, _ arguments: [String]) async throws -> UInt32 {
    guard let input = api.CreateEvent(nil, false, false, nil) else { return api.GetLastError() }
    _ = try await api.WaitForSingleObject(input, Win32.INFINITE)
    _ = api.CloseHandle(input)
    return 0
  }
}
