/// A Win32 error code, as `GetLastError` returns it.
///
/// The description is the full user-facing rendering, `ERROR_FILE_NOT_FOUND (2): The system cannot
/// find the file specified.`, so a thrown error prints well as is.
public struct Win32Error: Error, Hashable, Sendable, RawRepresentable, CustomStringConvertible {
  /// The error number.
  public let code: UInt32

  /// Creates an error from its number.
  public init(_ code: UInt32) { self.code = code }

  /// Creates an error from its number (RawRepresentable).
  public init(rawValue: UInt32) { self.code = rawValue }

  /// The error number (RawRepresentable).
  public var rawValue: UInt32 { code }

  /// ERROR_SUCCESS.
  public static let success = Win32Error(0)

  var entry: Entry? { Self.byCode[code] }

  /// The symbolic name (`ERROR_FILE_NOT_FOUND`), or nil when unknown.
  public var name: String? { entry?.name }

  /// The system message text, or nil when unknown.
  public var message: String? { entry?.message }

  /// `NAME (code): Message.`
  public var description: String {
    guard let e = entry else { return "Error \(code): Unknown Win32 error." }
    return "\(e.name) (\(code)): \(e.message)"
  }

  /// The HRESULT a COM caller would see: HRESULT_FROM_WIN32.
  public var hresult: HResult { HResult(win32: self) }

  /// Looks an error up by its symbolic name (case-insensitive; `ERROR_` is optional).
  public static func named(_ text: String) -> Win32Error? {
    let key = text.uppercased()
    if let e = byName[key] { return Win32Error(e.code) }
    return byName["ERROR_" + key].map { Win32Error($0.code) }
  }

  struct Entry: Sendable {
    let code: UInt32
    let name: String
    let message: String
  }

  static let byCode: [UInt32: Entry] = Dictionary(table.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
  static let byName: [String: Entry] = Dictionary(table.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
}

/// Named errors the Win32 layer reports.
extension Win32Error {
  /// ERROR_INVALID_FUNCTION.
  public static let invalidFunction = Win32Error(1)
  /// ERROR_FILE_NOT_FOUND.
  public static let fileNotFound = Win32Error(2)
  /// ERROR_PATH_NOT_FOUND.
  public static let pathNotFound = Win32Error(3)
  /// ERROR_ACCESS_DENIED.
  public static let accessDenied = Win32Error(5)
  /// ERROR_INVALID_HANDLE.
  public static let invalidHandle = Win32Error(6)
  /// ERROR_NOT_ENOUGH_MEMORY.
  public static let notEnoughMemory = Win32Error(8)
  /// ERROR_NOT_SUPPORTED.
  public static let notSupported = Win32Error(50)
  /// ERROR_INVALID_PARAMETER.
  public static let invalidParameter = Win32Error(87)
  /// ERROR_INSUFFICIENT_BUFFER.
  public static let insufficientBuffer = Win32Error(122)
  /// ERROR_INVALID_NAME.
  public static let invalidName = Win32Error(123)
  /// ERROR_ALREADY_EXISTS.
  public static let alreadyExists = Win32Error(183)
  /// ERROR_FILENAME_EXCED_RANGE.
  public static let filenameExcedRange = Win32Error(206)
  /// ERROR_NO_DATA.
  public static let noData = Win32Error(232)
  /// ERROR_MORE_DATA.
  public static let moreData = Win32Error(234)
  /// WAIT_TIMEOUT.
  public static let waitTimeout = Win32Error(258)
  /// ERROR_NO_MORE_ITEMS.
  public static let noMoreItems = Win32Error(259)
  /// ERROR_NOT_OWNER.
  public static let notOwner = Win32Error(288)
  /// ERROR_TOO_MANY_POSTS.
  public static let tooManyPosts = Win32Error(298)
  /// ERROR_MR_MID_NOT_FOUND: what RtlNtStatusToDosError gives for a status it has no mapping for.
  public static let mrMidNotFound = Win32Error(317)
  /// ERROR_NOT_CAPABLE.
  public static let notCapable = Win32Error(775)
  /// ERROR_PRIVILEGE_NOT_HELD.
  public static let privilegeNotHeld = Win32Error(1314)
  /// ERROR_NO_SYSTEM_RESOURCES.
  public static let noSystemResources = Win32Error(1450)
  /// ERROR_TIMEOUT.
  public static let timeout = Win32Error(1460)
}
