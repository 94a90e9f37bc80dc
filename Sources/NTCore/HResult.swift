/// An HRESULT: severity bit, facility and code, as COM and many Win32 APIs return them.
public struct HResult: Error, Hashable, Sendable, RawRepresentable, CustomStringConvertible {
  /// The 32-bit value.
  public let rawValue: UInt32

  /// Creates an HRESULT from its value.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Creates an HRESULT from its value.
  public init(_ rawValue: UInt32) { self.rawValue = rawValue }

  /// HRESULT_FROM_WIN32: 0 stays S_OK, anything else becomes 0x8007xxxx.
  public init(win32 error: Win32Error) {
    rawValue = error.code == 0 ? 0 : (error.code & 0xFFFF) | 0x8007_0000
  }

  /// HRESULT_FROM_NT: the status with the FACILITY_NT_BIT (0x10000000) set.
  public init(ntstatus status: NTStatus) { rawValue = status.rawValue | 0x1000_0000 }

  /// SUCCEEDED: the severity bit is clear.
  public var isSuccess: Bool { rawValue & 0x8000_0000 == 0 }
  /// The facility (11 bits).
  public var facility: UInt16 { UInt16((rawValue >> 16) & 0x7FF) }
  /// The code (16 bits).
  public var code: UInt16 { UInt16(rawValue & 0xFFFF) }
  /// FACILITY_WIN32 (7): the code is a Win32 error.
  public var win32Error: Win32Error? { facility == 7 && !isSuccess ? Win32Error(UInt32(code)) : nil }
  /// The NTSTATUS an HRESULT_FROM_NT value wraps.
  public var ntstatus: NTStatus? { rawValue & 0x1000_0000 != 0 ? NTStatus(rawValue & ~0x1000_0000) : nil }

  /// The symbolic name: a well-known HRESULT, or `HRESULT_FROM_WIN32(ERROR_…)`.
  public var name: String? {
    if let known = Self.names[rawValue] { return known.0 }
    if let w = win32Error, let n = w.name { return "HRESULT_FROM_WIN32(\(n))" }
    if let s = ntstatus, let n = s.name { return "HRESULT_FROM_NT(\(n))" }
    return nil
  }

  /// The message text.
  public var message: String? {
    if let known = Self.names[rawValue] { return known.1 }
    return win32Error?.message ?? ntstatus?.message
  }

  /// `NAME (0x80070005): Message.`
  public var description: String {
    let hex = "0x" + Hex.padded(UInt64(rawValue), digits: 8, uppercase: true)
    guard let n = name else { return "\(hex): Unknown HRESULT value." }
    return "\(n) (\(hex)): \(message ?? "")"
  }

  /// S_OK.
  public static let ok = HResult(0)

  /// Well-known HRESULTs that are not simply wrapped Win32 errors.
  static let names: [UInt32: (String, String)] = [
    0x0000_0000: ("S_OK", "The operation completed successfully."),
    0x0000_0001: ("S_FALSE", "The operation completed successfully, with a false result."),
    0x8000_4001: ("E_NOTIMPL", "Not implemented"),
    0x8000_4002: ("E_NOINTERFACE", "No such interface supported"),
    0x8000_4003: ("E_POINTER", "Invalid pointer"),
    0x8000_4004: ("E_ABORT", "Operation aborted"),
    0x8000_4005: ("E_FAIL", "Unspecified error"),
    0x8000_FFFF: ("E_UNEXPECTED", "Catastrophic failure"),
    0x8007_0005: ("E_ACCESSDENIED", "Access is denied."),
    0x8007_0006: ("E_HANDLE", "The handle is invalid."),
    0x8007_000E: ("E_OUTOFMEMORY", "Not enough memory resources are available to complete this operation."),
    0x8007_0057: ("E_INVALIDARG", "The parameter is incorrect."),
  ]
}
