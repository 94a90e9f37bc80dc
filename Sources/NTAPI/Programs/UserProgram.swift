/// A built-in user-mode program: Swift code written against ``Win32`` the way a C program is
/// written against the Windows API. Its `main` runs on the process's first thread; returning
/// ends the process with the returned code, as the C runtime's ExitProcess does.
///
/// Adding a program is one file with a type conforming to this protocol, plus its line in
/// ``Programs/builtIn``.
public protocol UserProgram {
  /// The image file name (`notepad.exe`), matched case-insensitively.
  static var imageName: String { get }
  /// One line for listings.
  static var summary: String { get }
  /// True for a 32-bit (WOW64) image.
  static var isWow64: Bool { get }
  /// The program.
  static func main(_ api: Win32, _ arguments: [String]) async throws -> UInt32
}

extension UserProgram {
  /// Programs are 64-bit unless they say otherwise.
  public static var isWow64: Bool { false }
}

/// The programs ntsh can start.
public enum Programs {
  /// Every built-in program.
  public static var builtIn: [any UserProgram.Type] {
    [Notepad.self, Cmd.self]
  }

  /// The program for an image name (with or without `.exe`, any case).
  public static func find(_ image: String) -> (any UserProgram.Type)? {
    var name = image.lowercased()
    if let slash = name.lastIndex(where: { $0 == "\\" || $0 == "/" }) { name = String(name[name.index(after: slash)...]) }
    return builtIn.first { $0.imageName.lowercased() == name || $0.imageName.lowercased() == name + ".exe" }
  }
}
