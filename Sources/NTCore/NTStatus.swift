/// An NTSTATUS value: severity in the top two bits, then customer, facility and code.
///
/// The kernel returns these from every path; Win32-style wrappers translate them to Win32 errors
/// with ``win32Error`` (RtlNtStatusToDosError). The description is the full user-facing rendering,
/// `STATUS_ACCESS_DENIED (0xC0000022): {Access Denied} …`, so a thrown status prints well as is.
public struct NTStatus: Error, Hashable, Sendable, RawRepresentable, CustomStringConvertible {
  /// The 32-bit status value.
  public let rawValue: UInt32

  /// Creates a status from its 32-bit value.
  public init(_ rawValue: UInt32) { self.rawValue = rawValue }

  /// Creates a status from its 32-bit value (RawRepresentable).
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Creates a status from the signed form C code and `NTSTATUS` variables use.
  public init(signed value: Int32) { self.rawValue = UInt32(bitPattern: value) }

  /// True for success and informational values (severity 0 or 1): NT_SUCCESS.
  public var isSuccess: Bool { rawValue >> 30 <= 1 }
  /// True for informational values (severity 1): NT_INFORMATION.
  public var isInformational: Bool { rawValue >> 30 == 1 }
  /// True for warnings (severity 2): NT_WARNING.
  public var isWarning: Bool { rawValue >> 30 == 2 }
  /// True for errors (severity 3): NT_ERROR.
  public var isError: Bool { rawValue >> 30 == 3 }
  /// The customer bit: values defined outside Microsoft.
  public var isCustomer: Bool { rawValue & 0x2000_0000 != 0 }
  /// The facility field (12 bits).
  public var facility: UInt16 { UInt16((rawValue >> 16) & 0x0FFF) }
  /// The code field (16 bits).
  public var code: UInt16 { UInt16(rawValue & 0xFFFF) }
  /// The value as C's signed `NTSTATUS`.
  public var signed: Int32 { Int32(bitPattern: rawValue) }

  /// STATUS_SUCCESS.
  public static let success = NTStatus(0)

  /// The table entry of a known status.
  var entry: Entry? { Self.byValue[rawValue] }

  /// The symbolic name (`STATUS_OBJECT_NAME_NOT_FOUND`), or nil for a value ntsh does not know.
  public var name: String? { entry?.name }

  /// The message text of the system's message table, or nil when unknown.
  public var message: String? { entry?.message }

  /// The value as eight upper-case hex digits with `0x`: `0xC0000034`.
  public var hex: String { "0x" + Hex.padded(UInt64(rawValue), digits: 8, uppercase: true) }

  /// RtlNtStatusToDosError: the Win32 error a Win32 wrapper reports for this status.
  ///
  /// Success is 0; a customer value is returned unchanged; facility-Win32 values (0x8007xxxx,
  /// 0xC007xxxx) give their low word; a known status gives its table mapping; anything else gives
  /// ERROR_MR_MID_NOT_FOUND (317), as Windows does.
  public var win32Error: Win32Error {
    if rawValue == 0 { return .success }
    if isCustomer { return Win32Error(rawValue) }
    if let mapped = entry?.win32 { return Win32Error(mapped) }
    if facility == 7, rawValue >> 30 >= 2 { return Win32Error(rawValue & 0xFFFF) }
    return .mrMidNotFound
  }

  /// True when the table maps this status to a Win32 error (rather than the 317 fallback).
  public var hasWin32Mapping: Bool { rawValue == 0 || isCustomer || entry?.win32 != nil || facility == 7 }

  /// `STATUS_NAME (0xC0000034): Message.`, or the bare value when unknown.
  public var description: String {
    guard let e = entry else { return "\(hex): Unknown NTSTATUS value." }
    return "\(e.name) (\(hex)): \(e.message)"
  }

  /// Looks a status up by its symbolic name (case-insensitive; the `STATUS_` prefix is optional).
  public static func named(_ text: String) -> NTStatus? {
    var key = text.uppercased()
    if !key.hasPrefix("STATUS_") { key = "STATUS_" + key }
    return byName[key].map { NTStatus($0.value) }
  }

  /// Every status the table knows, in value order.
  public static var known: [NTStatus] { table.map { NTStatus($0.value) }.sorted { $0.rawValue < $1.rawValue } }

  /// Statuses that RtlNtStatusToDosError maps to a Win32 error, in value order.
  public static func mapping(to error: Win32Error) -> [NTStatus] {
    table.filter { $0.win32 == error.code }.map { NTStatus($0.value) }.sorted { $0.rawValue < $1.rawValue }
  }

  /// One row of the status table.
  struct Entry: Sendable {
    let value: UInt32
    let name: String
    let message: String
    let win32: UInt32?
  }

  static let byValue: [UInt32: Entry] = {
    var d: [UInt32: Entry] = [:]
    for e in table where d[e.value] == nil { d[e.value] = e }
    return d
  }()

  static let byName: [String: Entry] = {
    var d: [String: Entry] = [:]
    for e in table { d[e.name] = e }
    for (alias, value) in aliases { d[alias] = byValue[value] }
    return d
  }()
}

/// Small hex formatting helpers shared by the status and error types.
enum Hex {
  /// `value` in hex, left-padded with zeros to `digits`.
  static func padded(_ value: UInt64, digits: Int, uppercase: Bool = false) -> String {
    let s = String(value, radix: 16, uppercase: uppercase)
    return s.count >= digits ? s : String(repeating: "0", count: digits - s.count) + s
  }
}
