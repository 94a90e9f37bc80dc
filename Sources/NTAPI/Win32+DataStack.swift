import Drivers
import Kernel
import NTCore

/// DataStack.dll's Win32-style API (the seed's `DataStackAPI.cpp`): Win32 conventions over the
/// native functions, failures reported through SetLastError(RtlNtStatusToDosError(status)).
///
/// Like the seed's functions, the BOOL ones set the last error only when they fail.
extension Win32 {
  /// LoadLibrary("DataStack.dll"): FALSE with ERROR_DLL_INIT_FAILED when its DllMain refuses (a WOW64
  /// process, or `\Device\KDataStack` cannot be opened because the driver is not loaded).
  public func LoadDataStackLibrary() -> Bool {
    if case .success = DataStackLibrary.load(nt) { return true }
    return fail(.dllInitFailed)
  }

  /// CreateDataStack: a named object lives in the session's named-object directory
  /// (OBJ_OPENIF | OBJ_CASE_INSENSITIVE, relative to GetUserDirectoryRoot); when the name exists the
  /// existing object is opened and the last error is ERROR_ALREADY_EXISTS, otherwise it is cleared.
  public func CreateDataStack(
    _ sa: SecurityAttributes?, _ maxItemSize: UInt32, _ maxItemCount: UInt32, _ maxSize: UInt64, _ name: String?
  ) -> Handle? {
    var attrs = ObjectAttributes(nil, attributes: .caseInsensitive, securityDescriptor: sa?.securityDescriptor)
    if sa?.inheritHandle == true { attrs.attributes.insert(.inherit) }
    if let name, !name.isEmpty {
      if name.utf16.count > Self.maximumNameLength { return created(.nameTooLong, .null) }
      guard case .success(let lib) = DataStackLibrary.load(nt) else { return created(.dllInitFailed, .null) }
      attrs.objectName = name
      attrs.attributes.insert(.openIf)
      attrs.rootDirectory = lib.userDirectoryRoot(nt)
    }
    var h = Handle.null
    let s = nt.NtCreateDataStack(&h, attrs, maxItemSize, maxItemCount, maxSize)
    return created(s, h)
  }

  /// OpenDataStack: no name is ERROR_INVALID_NAME; otherwise OBJ_CASE_INSENSITIVE in the session's
  /// named-object directory (missing: ERROR_FILE_NOT_FOUND; another type: ERROR_INVALID_HANDLE;
  /// refused: ERROR_ACCESS_DENIED).
  public func OpenDataStack(_ desiredAccess: AccessMask, _ inheritHandle: Bool, _ name: String?) -> Handle? {
    guard let name, !name.isEmpty else {
      // SetLastError alone: no status lies behind this error.
      thread.lastStatus = .success
      SetLastError(Win32Error.invalidName.code)
      return nil
    }
    if name.utf16.count > Self.maximumNameLength { return opened(.nameTooLong, .null) }
    guard case .success(let lib) = DataStackLibrary.load(nt) else { return opened(.dllInitFailed, .null) }
    var flags: ObjectAttributeFlags = .caseInsensitive
    if inheritHandle { flags.insert(.inherit) }
    let attrs = ObjectAttributes(name, attributes: flags, root: lib.userDirectoryRoot(nt))
    var h = Handle.null
    return opened(nt.NtOpenDataStack(&h, desiredAccess, attrs), h)
  }

  /// PushDataStack: copies `size` bytes of `buffer` onto the stack.
  public func PushDataStack(_ h: Handle, _ buffer: UserBuffer?, _ size: UInt32) -> Bool {
    bool(nt.NtPushDataStack(h, buffer, size))
  }

  /// PopDataStack: `size` holds the buffer's size and receives the item's (0 when the stack is
  /// empty: ERROR_NO_DATA; the item's size with ERROR_INSUFFICIENT_BUFFER when the buffer is short).
  public func PopDataStack(_ h: Handle, _ buffer: UserBuffer?, _ size: UserULong?) -> Bool {
    bool(nt.NtPopDataStack(h, buffer, size))
  }

  /// ClearDataStack.
  public func ClearDataStack(_ h: Handle) -> Bool { bool(nt.NtClearDataStack(h)) }

  /// GetDataStackItemCount (DataStackItemCount into a ULONG).
  public func GetDataStackItemCount(_ h: Handle, _ count: inout UInt32) -> Bool {
    guard let b = query(h, .itemCount) else { return false }
    count = UInt32(LE.read(b, at: 0, count: 4))
    return true
  }

  /// GetDataStackSize (DataStackTotalSize into a ULONG_PTR).
  public func GetDataStackSize(_ h: Handle, _ size: inout UInt64) -> Bool {
    guard let b = query(h, .totalSize) else { return false }
    size = LE.read(b, at: 0, count: 8)
    return true
  }

  /// GetDataStackConfig (DataStackConfiguration into a DATA_STACK_CONFIG).
  public func GetDataStackConfig(_ h: Handle, _ config: inout DataStackConfiguration) -> Bool {
    guard let b = query(h, .configuration) else { return false }
    config = DataStackConfiguration(bytes: b)
    return true
  }

  private func query(_ h: Handle, _ c: DataStackInformationClass) -> [UInt8]? {
    let buffer = UserBuffer(count: c.length)
    guard bool(nt.NtQueryInformationDataStack(h, c.rawValue, buffer, UInt32(c.length), nil)) else { return nil }
    return buffer.bytes
  }
}
