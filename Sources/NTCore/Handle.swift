/// A HANDLE value as a process sees it: an index × 4 into its handle table, a pseudo-handle, or
/// (with the top bits set) a kernel handle.
public struct Handle: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The pointer-sized value.
  public let rawValue: UInt64

  /// Creates a handle from its value.
  public init(_ rawValue: UInt64) { self.rawValue = rawValue }

  /// NULL.
  public static let null = Handle(0)
  /// NtCurrentProcess() / INVALID_HANDLE_VALUE: -1.
  public static let currentProcess = Handle(UInt64.max)
  /// NtCurrentThread(): -2.
  public static let currentThread = Handle(UInt64.max - 1)
  /// INVALID_HANDLE_VALUE, the same value as the current-process pseudo-handle.
  public static let invalid = Handle(UInt64.max)

  /// The bits that mark a kernel handle (OBJ_KERNEL_HANDLE) as kernel code sees it.
  public static let kernelHandleBits: UInt64 = 0xFFFF_FFFF_8000_0000

  /// True for a handle into the kernel handle table (0xffffffff8000xxxx).
  public var isKernelHandle: Bool {
    rawValue & Self.kernelHandleBits == Self.kernelHandleBits && !isPseudo
  }

  /// True for NtCurrentProcess and NtCurrentThread (and the token pseudo-handles -4 … -6).
  public var isPseudo: Bool { rawValue >= UInt64.max - 5 }

  /// The handle-table index (value / 4), ignoring the two tag bits and the kernel bits.
  public var index: Int { Int((rawValue & ~Self.kernelHandleBits) >> 2) }

  /// A kernel handle for a table index.
  public static func kernel(index: Int) -> Handle { Handle(Self.kernelHandleBits | UInt64(index) << 2) }

  /// A process handle for a table index.
  public static func user(index: Int) -> Handle { Handle(UInt64(index) << 2) }

  /// `0x1a4`, or `0xffffffff80000124` for a kernel handle.
  public var description: String { "0x" + String(rawValue, radix: 16) }

  /// Orders by value.
  public static func < (a: Handle, b: Handle) -> Bool { a.rawValue < b.rawValue }
}
