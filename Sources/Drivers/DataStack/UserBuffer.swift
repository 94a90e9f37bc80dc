import NTCore

/// A block of a process's memory that a user-mode pointer points at: what a C caller passes as
/// `PVOID Buffer`.
///
/// Kernel code reaches it only through ``probeForRead(_:)`` and ``probeForWrite(_:)``, which fail
/// with STATUS_ACCESS_VIOLATION where Windows' ProbeForRead/ProbeForWrite or the copy under
/// `__try` would raise it: the range runs past the block, or the page protection forbids the access.
public final class UserBuffer {
  /// Page protection of the block.
  public enum Protection: Sendable {
    /// PAGE_READWRITE.
    case readWrite
    /// PAGE_READONLY: reads work, writes fault.
    case readOnly
    /// PAGE_NOACCESS (or a freed block): every access faults.
    case noAccess
  }

  /// The bytes.
  public var bytes: [UInt8]
  /// The protection.
  public var protection: Protection

  /// A zero-filled block of `count` bytes.
  public init(count: Int, protection: Protection = .readWrite) {
    bytes = [UInt8](repeating: 0, count: max(0, count))
    self.protection = protection
  }

  /// A block holding the given bytes.
  public init(_ bytes: [UInt8], protection: Protection = .readWrite) {
    self.bytes = bytes
    self.protection = protection
  }

  /// The block's size.
  public var count: Int { bytes.count }

  /// ProbeForRead of the first `length` bytes.
  public func probeForRead(_ length: Int) -> NTStatus {
    protection == .noAccess || length < 0 || length > bytes.count ? .accessViolation : .success
  }

  /// ProbeForWrite of the first `length` bytes.
  public func probeForWrite(_ length: Int) -> NTStatus {
    protection != .readWrite || length < 0 || length > bytes.count ? .accessViolation : .success
  }

  /// The bytes up to the first NUL, as `printf("%s")` prints them (invalid UTF-8 replaced).
  public var cString: String {
    let end = bytes.firstIndex(of: 0) ?? bytes.count
    return String(decoding: bytes[..<end], as: UTF8.self)
  }

  /// The first four bytes as a little-endian `int` (`*(int*)buffer`).
  public var int32: Int32 {
    var v: UInt32 = 0
    for i in 0..<min(4, bytes.count) { v |= UInt32(bytes[i]) << (8 * UInt32(i)) }
    return Int32(bitPattern: v)
  }
}

/// A `ULONG` in a process's memory that a `PULONG` parameter points at (a size in, a length out).
public final class UserULong {
  /// The value.
  public var value: UInt32
  /// The protection of the page it sits on.
  public var protection: UserBuffer.Protection

  /// A variable with an initial value.
  public init(_ value: UInt32 = 0, protection: UserBuffer.Protection = .readWrite) {
    self.value = value
    self.protection = protection
  }

  /// Reads it as kernel code does after ProbeForRead: nil when the read faults.
  public func read() -> UInt32? { protection == .noAccess ? nil : value }

  /// Writes it as kernel code does after ProbeForWrite: false when the write faults.
  @discardableResult
  public func write(_ v: UInt32) -> Bool {
    guard protection == .readWrite else { return false }
    value = v
    return true
  }
}
