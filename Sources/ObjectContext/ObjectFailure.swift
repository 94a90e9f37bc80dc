import Kernel
import NTCore

/// A failed call, rendered with the NTSTATUS and the Win32 error it maps to, name, value and message.
enum ObjectFailure: Error, CustomStringConvertible {
  /// A native call failed with a status.
  case native(String, NTStatus)
  /// A Win32 call failed: its last error and the status behind it.
  case win32(String, Win32Error, NTStatus)
  /// Anything else the user got wrong.
  case message(String)

  var description: String {
    switch self {
    case .native(let api, let s):
      let w = s.win32Error
      return "\(api) failed: \(s)\n  Win32: \(w)"
    case .win32(let api, let w, let s):
      return "\(api) failed: \(w)\n  NTSTATUS: \(s)"
    case .message(let m):
      return m
    }
  }
}
