import Kernel
import NTCore

/// What the DataStack driver and DataStack.dll share, as the seed's `DataStackConv.h` and
/// `DataStackAPI.h` do: the device, the I/O control codes and their input structures, the access
/// rights and the information classes.
///
/// The input structures travel as the C code lays them out on x64 (METHOD_BUFFERED, so the driver
/// sees a copy). Their pointer members point into the caller's memory; ntsh has no flat user address
/// space, so a pointer member holds zero for NULL or a non-zero token, and the memory it points at
/// travels beside the bytes as a ``DataStackUserMemory``, the one element of ``IRP/userArguments``.
/// A non-NULL member whose memory is missing there is an address the caller does not own.
public enum DataStackProtocol {
  /// `\Device\KDataStack` (no symbolic link: DataStack.dll opens it with NtOpenFile).
  public static let deviceName = "\\Device\\KDataStack"
  /// DEVICE_DATASTACK.
  public static let deviceType: UInt32 = 0x8009
  /// `'ktsD'`: the tag of item allocations and of the references the driver takes ("Dstk" in PoolMon).
  public static let tag = PoolTag(reversedLiteral: "ktsD")
  /// The token a present pointer slot carries (its value is never dereferenced).
  static let presentPointer: UInt64 = 0x0000_7FF0_0000_0000

  /// The I/O control codes: CTL_CODE(DEVICE_DATASTACK, 0x800 + n, METHOD_BUFFERED, FILE_ANY_ACCESS).
  public enum Ioctl: UInt32, CaseIterable, Sendable {
    /// IOCTL_DATASTACK_CREATE: DataStackCreate in, HANDLE out.
    case create = 0x8009_2000
    /// IOCTL_DATASTACK_OPEN: DataStackOpen in, HANDLE out.
    case open = 0x8009_2004
    /// IOCTL_DATASTACK_PUSH: DataStackPush in.
    case push = 0x8009_2008
    /// IOCTL_DATASTACK_POP: DataStackPop in.
    case pop = 0x8009_200C
    /// IOCTL_DATASTACK_CLEAR: DataStackClear in.
    case clear = 0x8009_2010
    /// IOCTL_DATASTACK_QUERY: DataStackQuery in.
    case query = 0x8009_2014

    /// sizeof the input structure on x64.
    public var inputSize: Int {
      switch self {
      case .create: return 24  // POBJECT_ATTRIBUTES; ULONG MaxItemSize; ULONG MaxItemCount; ULONG_PTR MaxSize
      case .open: return 16  // ACCESS_MASK DesiredAccess (+4); POBJECT_ATTRIBUTES
      case .push: return 24  // HANDLE; PVOID Buffer; ULONG Size (+4)
      case .pop: return 24  // HANDLE; PVOID Buffer; PULONG Size
      case .clear: return 8  // HANDLE
      case .query: return 40  // HANDLE; class (+4); PVOID Buffer; ULONG BufferSize (+4); PULONG ReturnLength
      }
    }

    /// The byte offset of the input structure's k-th pointer member (nil past the last).
    public func pointerOffset(_ k: Int) -> Int? {
      switch (self, k) {
      case (.create, 0): return 0
      case (.open, 0), (.push, 0), (.pop, 0): return 8
      case (.pop, 1), (.query, 0): return 16
      case (.query, 1): return 32
      default: return nil
      }
    }
  }

  /// A pointer slot's value: zero for NULL.
  public static func pointerValue(_ present: Bool) -> UInt64 { present ? presentPointer : 0 }
}

/// What the pointer members of a request point at: the object attributes (create, open), the data
/// buffer (push, pop, query) and the ULONG (pop's size, query's return length).
public final class DataStackUserMemory {
  /// POBJECT_ATTRIBUTES.
  public var objectAttributes: ObjectAttributes?
  /// PVOID Buffer.
  public var buffer: UserBuffer?
  /// PULONG Size / ReturnLength.
  public var ulong: UserULong?

  /// Memory for one request.
  public init(objectAttributes: ObjectAttributes? = nil, buffer: UserBuffer? = nil, ulong: UserULong? = nil) {
    self.objectAttributes = objectAttributes
    self.buffer = buffer
    self.ulong = ulong
  }
}

/// The DataStack access rights (DATA_STACK_QUERY … DATA_STACK_ALL_ACCESS).
public enum DataStackAccess {
  /// DATA_STACK_QUERY: NtQueryInformationDataStack.
  public static let query = AccessMask(0x1)
  /// DATA_STACK_PUSH.
  public static let push = AccessMask(0x2)
  /// DATA_STACK_POP.
  public static let pop = AccessMask(0x4)
  /// DATA_STACK_CLEAR.
  public static let clear = AccessMask(0x8)
  /// DATA_STACK_ALL_ACCESS: STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | the four specific rights.
  public static let all = AccessMask(0x1F_000F)
  /// The type's generic mapping: read = query, write = push, pop and clear, execute = SYNCHRONIZE.
  public static let genericMapping = GenericMapping(0x2_0001, 0x2_000E, 0x12_0000, 0x1F_000F)
  /// Names of the specific rights, for listings and the `access=` tags.
  public static let rightNames: [(UInt32, String)] = [(0x1, "QUERY"), (0x2, "PUSH"), (0x4, "POP"), (0x8, "CLEAR")]
}

/// DataStackInformationClass.
public enum DataStackInformationClass: UInt32, CaseIterable, Sendable {
  /// DataStackItemCount: a ULONG.
  case itemCount = 0
  /// DataStackTotalSize: a ULONG_PTR, the bytes of all items.
  case totalSize = 1
  /// DataStackConfiguration: DATA_STACK_CONFIGURATION.
  case configuration = 2

  /// The size of the class's buffer.
  public var length: Int {
    switch self {
    case .itemCount: return 4
    case .totalSize: return 8
    case .configuration: return DataStackConfiguration.size
    }
  }

  /// The C name (`DataStackItemCount`).
  public var name: String {
    switch self {
    case .itemCount: return "DataStackItemCount"
    case .totalSize: return "DataStackTotalSize"
    case .configuration: return "DataStackConfiguration"
    }
  }
}

/// DATA_STACK_CONFIGURATION: the limits a DataStack was created with (zero: no limit).
public struct DataStackConfiguration: Equatable, Sendable {
  /// sizeof on x64: ULONG, ULONG, ULONG_PTR.
  public static let size = 16
  /// MaxItemSize.
  public var maxItemSize: UInt32
  /// MaxItemCount.
  public var maxItemCount: UInt32
  /// MaxSize.
  public var maxSize: UInt64

  /// Creates a configuration.
  public init(maxItemSize: UInt32, maxItemCount: UInt32, maxSize: UInt64) {
    self.maxItemSize = maxItemSize
    self.maxItemCount = maxItemCount
    self.maxSize = maxSize
  }

  /// The structure's bytes.
  public var bytes: [UInt8] { LE.bytes(UInt64(maxItemSize), count: 4) + LE.bytes(UInt64(maxItemCount), count: 4) + LE.bytes(maxSize, count: 8) }

  /// Reads the structure (missing bytes read as zero).
  public init(bytes: [UInt8]) {
    maxItemSize = UInt32(LE.read(bytes, at: 0, count: 4))
    maxItemCount = UInt32(LE.read(bytes, at: 4, count: 4))
    maxSize = LE.read(bytes, at: 8, count: 8)
  }
}

/// Little-endian reads and writes of the input structures, without intermediate arrays.
enum Bytes {
  static func u32(_ b: [UInt8], _ o: Int) -> UInt32 {
    guard o >= 0, o + 4 <= b.count else { return 0 }
    return UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
  }

  static func u64(_ b: [UInt8], _ o: Int) -> UInt64 {
    guard o >= 0, o + 8 <= b.count else { return 0 }
    return b.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
  }

  static func put(_ b: inout [UInt8], _ o: Int, _ v: UInt64, _ count: Int) {
    guard o >= 0, o + count <= b.count else { return }
    for i in 0..<count { b[o + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) }
  }
}

extension DataStackProtocol {
  /// DataStackCreate { POBJECT_ATTRIBUTES; ULONG MaxItemSize; ULONG MaxItemCount; ULONG_PTR MaxSize }.
  public static func createInput(attributes: Bool, maxItemSize: UInt32, maxItemCount: UInt32, maxSize: UInt64) -> [UInt8] {
    var b = [UInt8](repeating: 0, count: Ioctl.create.inputSize)
    Bytes.put(&b, 0, pointerValue(attributes), 8)
    Bytes.put(&b, 8, UInt64(maxItemSize), 4)
    Bytes.put(&b, 12, UInt64(maxItemCount), 4)
    Bytes.put(&b, 16, maxSize, 8)
    return b
  }

  /// DataStackOpen { ACCESS_MASK DesiredAccess; POBJECT_ATTRIBUTES }.
  public static func openInput(desiredAccess: AccessMask, attributes: Bool) -> [UInt8] {
    var b = [UInt8](repeating: 0, count: Ioctl.open.inputSize)
    Bytes.put(&b, 0, UInt64(desiredAccess.rawValue), 4)
    Bytes.put(&b, 8, pointerValue(attributes), 8)
    return b
  }

  /// Rewrites a DataStackPush in place (a reused argument block, as C code's stack structure is).
  public static func encodePush(_ b: inout [UInt8], handle: Handle, buffer: Bool, size: UInt32) {
    if b.count != Ioctl.push.inputSize { b = [UInt8](repeating: 0, count: Ioctl.push.inputSize) }
    Bytes.put(&b, 0, handle.rawValue, 8)
    Bytes.put(&b, 8, pointerValue(buffer), 8)
    Bytes.put(&b, 16, UInt64(size), 4)
  }

  /// Rewrites a DataStackPop in place.
  public static func encodePop(_ b: inout [UInt8], handle: Handle, buffer: Bool, size: Bool) {
    if b.count != Ioctl.pop.inputSize { b = [UInt8](repeating: 0, count: Ioctl.pop.inputSize) }
    Bytes.put(&b, 0, handle.rawValue, 8)
    Bytes.put(&b, 8, pointerValue(buffer), 8)
    Bytes.put(&b, 16, pointerValue(size), 8)
  }

  /// DataStackPush { HANDLE; PVOID Buffer; ULONG Size }.
  public static func pushInput(handle: Handle, buffer: Bool, size: UInt32) -> [UInt8] {
    var b = [UInt8](repeating: 0, count: Ioctl.push.inputSize)
    Bytes.put(&b, 0, handle.rawValue, 8)
    Bytes.put(&b, 8, pointerValue(buffer), 8)
    Bytes.put(&b, 16, UInt64(size), 4)
    return b
  }

  /// DataStackPop { HANDLE; PVOID Buffer; PULONG Size }.
  public static func popInput(handle: Handle, buffer: Bool, size: Bool) -> [UInt8] {
    var b = [UInt8](repeating: 0, count: Ioctl.pop.inputSize)
    Bytes.put(&b, 0, handle.rawValue, 8)
    Bytes.put(&b, 8, pointerValue(buffer), 8)
    Bytes.put(&b, 16, pointerValue(size), 8)
    return b
  }

  /// DataStackClear { HANDLE }.
  public static func clearInput(handle: Handle) -> [UInt8] {
    var b = [UInt8](repeating: 0, count: Ioctl.clear.inputSize)
    Bytes.put(&b, 0, handle.rawValue, 8)
    return b
  }

  /// DataStackQuery { HANDLE; DataStackInformationClass; PVOID Buffer; ULONG BufferSize; PULONG ReturnLength }.
  public static func queryInput(
    handle: Handle, informationClass: UInt32, buffer: Bool, bufferSize: UInt32, returnLength: Bool
  ) -> [UInt8] {
    var b = [UInt8](repeating: 0, count: Ioctl.query.inputSize)
    Bytes.put(&b, 0, handle.rawValue, 8)
    Bytes.put(&b, 8, UInt64(informationClass), 4)
    Bytes.put(&b, 16, pointerValue(buffer), 8)
    Bytes.put(&b, 24, UInt64(bufferSize), 4)
    Bytes.put(&b, 32, pointerValue(returnLength), 8)
    return b
  }

  /// Reads a 32-bit member of an input structure (zero past the end).
  public static func u32(_ input: [UInt8], at offset: Int) -> UInt32 { Bytes.u32(input, offset) }

  /// Reads a 64-bit member of an input structure (zero past the end).
  public static func u64(_ input: [UInt8], at offset: Int) -> UInt64 { Bytes.u64(input, offset) }
}
