/// An NTSTATUS value: severity in the top two bits, then customer, facility and code.
///
/// The kernel returns these from every path; Win32-style wrappers translate them to Win32 errors.
public struct NTStatus: Error, Hashable, Sendable {
  /// The 32-bit status value.
  public let rawValue: UInt32

  /// Creates a status from its 32-bit value.
  public init(_ rawValue: UInt32) { self.rawValue = rawValue }

  /// True for success and informational values (severity 0 or 1).
  public var isSuccess: Bool { rawValue >> 30 <= 1 }

  /// STATUS_SUCCESS.
  public static let success = NTStatus(0)
}
