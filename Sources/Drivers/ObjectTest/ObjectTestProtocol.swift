import NTCore

/// The requests the object-test driver (`ObjTest.sys`) accepts on `\Device\ObjectTest`, and their
/// encoding: what a C header shared by a driver and its user-mode client would hold.
public enum ObjectTestRequest: Equatable {
  /// ExCreateCallback with or without OBJ_PERMANENT; the driver keeps the returned pointer.
  case createCallback(name: String, permanent: Bool, allowMultiple: Bool)
  /// ObCreateObject + ObInsertObject in kernel mode (Event, Mutant, Semaphore, Directory); the
  /// driver keeps a pointer, and opens a kernel handle when asked.
  case createObject(type: String, name: String, permanent: Bool, kernelOnly: Bool, kernelHandle: Bool)
  /// ObReferenceObjectByName: the driver keeps the pointer.
  case referenceByName(name: String)
  /// ObDereferenceObject on a pointer the driver keeps.
  case dereference(address: UInt64)
  /// ObMakeTemporaryObject on a pointer the driver keeps.
  case makeTemporary(address: UInt64)
  /// ObOpenObjectByPointer on a kept pointer: a kernel handle, or a handle in the caller's process.
  case openByPointer(address: UInt64, access: UInt32, kernelHandle: Bool)
  /// ObOpenObjectByName with the given access mode (KernelMode skips the access check).
  case openByName(name: String, access: UInt32, userModeCheck: Bool, kernelHandle: Bool)
  /// ZwMakeTemporaryObject (previous mode KernelMode).
  case zwMakeTemporary(handle: UInt64)
  /// ZwMakePermanentObject (previous mode KernelMode: no privilege check).
  case zwMakePermanent(handle: UInt64)
  /// ZwClose (kernel handles allowed).
  case zwClose(handle: UInt64)
  /// ExNotifyCallback on a kept callback object.
  case notify(address: UInt64, argument1: UInt64, argument2: UInt64)
  /// Lists the pointers the driver keeps.
  case list

  /// The device's NT name.
  public static let deviceName = "\\Device\\ObjectTest"
  /// The DOS name user mode opens (`\\.\ObjectTest`).
  public static let dosName = "\\??\\ObjectTest"
  /// FILE_DEVICE type of the device.
  public static let deviceType: UInt32 = 0x8000

  /// The IOCTL of a request (METHOD_BUFFERED, FILE_ANY_ACCESS, functions 0x900…).
  public var ioControlCode: UInt32 {
    let function: UInt32
    switch self {
    case .createCallback: function = 0x900
    case .createObject: function = 0x901
    case .referenceByName: function = 0x902
    case .dereference: function = 0x903
    case .makeTemporary: function = 0x904
    case .openByPointer: function = 0x905
    case .openByName: function = 0x906
    case .zwMakeTemporary: function = 0x907
    case .zwMakePermanent: function = 0x908
    case .zwClose: function = 0x909
    case .notify: function = 0x90A
    case .list: function = 0x90B
    }
    return (Self.deviceType << 16) | (function << 2)
  }

  /// The input buffer.
  public var bytes: [UInt8] {
    var w = ByteWriter()
    switch self {
    case .createCallback(let name, let permanent, let multiple):
      w.string(name); w.bool(permanent); w.bool(multiple)
    case .createObject(let type, let name, let permanent, let kernelOnly, let kernelHandle):
      w.string(type); w.string(name); w.bool(permanent); w.bool(kernelOnly); w.bool(kernelHandle)
    case .referenceByName(let name): w.string(name)
    case .dereference(let a), .makeTemporary(let a): w.u64(a)
    case .openByPointer(let a, let access, let kernelHandle): w.u64(a); w.u32(access); w.bool(kernelHandle)
    case .openByName(let name, let access, let user, let kernelHandle):
      w.string(name); w.u32(access); w.bool(user); w.bool(kernelHandle)
    case .zwMakeTemporary(let h), .zwMakePermanent(let h), .zwClose(let h): w.u64(h)
    case .notify(let a, let x, let y): w.u64(a); w.u64(x); w.u64(y)
    case .list: break
    }
    return w.bytes
  }

  /// Decodes an input buffer for an IOCTL; nil when it is malformed.
  public static func decode(code: UInt32, _ bytes: [UInt8]) -> ObjectTestRequest? {
    var r = ByteReader(bytes)
    switch (code >> 2) & 0xFFF {
    case 0x900:
      guard let n = r.string(), let p = r.bool(), let m = r.bool() else { return nil }
      return .createCallback(name: n, permanent: p, allowMultiple: m)
    case 0x901:
      guard let t = r.string(), let n = r.string(), let p = r.bool(), let k = r.bool(), let h = r.bool() else { return nil }
      return .createObject(type: t, name: n, permanent: p, kernelOnly: k, kernelHandle: h)
    case 0x902: return r.string().map { .referenceByName(name: $0) }
    case 0x903: return r.u64().map { .dereference(address: $0) }
    case 0x904: return r.u64().map { .makeTemporary(address: $0) }
    case 0x905:
      guard let a = r.u64(), let x = r.u32(), let k = r.bool() else { return nil }
      return .openByPointer(address: a, access: x, kernelHandle: k)
    case 0x906:
      guard let n = r.string(), let x = r.u32(), let u = r.bool(), let k = r.bool() else { return nil }
      return .openByName(name: n, access: x, userModeCheck: u, kernelHandle: k)
    case 0x907: return r.u64().map { .zwMakeTemporary(handle: $0) }
    case 0x908: return r.u64().map { .zwMakePermanent(handle: $0) }
    case 0x909: return r.u64().map { .zwClose(handle: $0) }
    case 0x90A:
      guard let a = r.u64(), let x = r.u64(), let y = r.u64() else { return nil }
      return .notify(address: a, argument1: x, argument2: y)
    case 0x90B: return .list
    default: return nil
    }
  }
}

/// One pointer the driver keeps, as `.list` reports it.
public struct HeldObject: Equatable {
  /// The object address.
  public let address: UInt64
  /// Type name.
  public let typeName: String
  /// Name in its header (kept after it leaves the namespace).
  public let name: String
  /// True while the name is in the namespace.
  public let inNamespace: Bool
  /// HandleCount and PointerCount.
  public let handleCount: Int64
  /// PointerCount.
  public let pointerCount: Int64
  /// True for a permanent object.
  public let permanent: Bool

  /// Encodes a list of them.
  public static func encode(_ list: [HeldObject]) -> [UInt8] {
    var w = ByteWriter()
    w.u32(UInt32(list.count))
    for h in list {
      w.u64(h.address); w.string(h.typeName); w.string(h.name); w.bool(h.inNamespace)
      w.u64(UInt64(bitPattern: h.handleCount)); w.u64(UInt64(bitPattern: h.pointerCount)); w.bool(h.permanent)
    }
    return w.bytes
  }

  /// Decodes a list; nil when malformed.
  public static func decode(_ bytes: [UInt8]) -> [HeldObject]? {
    var r = ByteReader(bytes)
    guard let n = r.u32(), n <= 100_000 else { return nil }
    var out: [HeldObject] = []
    for _ in 0..<n {
      guard let a = r.u64(), let t = r.string(), let name = r.string(), let ns = r.bool(), let hc = r.u64(), let pc = r.u64(),
        let p = r.bool()
      else { return nil }
      out.append(HeldObject(address: a, typeName: t, name: name, inNamespace: ns, handleCount: Int64(bitPattern: hc),
                            pointerCount: Int64(bitPattern: pc), permanent: p))
    }
    return out
  }
}

/// Little-endian request encoding.
public struct ByteWriter {
  /// The bytes written.
  public private(set) var bytes: [UInt8] = []

  /// An empty writer.
  public init() {}

  /// A byte.
  public mutating func u8(_ v: UInt8) { bytes.append(v) }
  /// A boolean byte.
  public mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
  /// A 32-bit value.
  public mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8((v >> (8 * UInt32(i))) & 0xFF)) } }
  /// A 64-bit value.
  public mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8((v >> (8 * UInt64(i))) & 0xFF)) } }
  /// A UTF-16 string with its unit count.
  public mutating func string(_ s: String) {
    let units = Array(s.utf16)
    u32(UInt32(units.count))
    for u in units { bytes.append(UInt8(u & 0xFF)); bytes.append(UInt8(u >> 8)) }
  }
}

/// Reads what ``ByteWriter`` wrote; every read fails cleanly past the end.
public struct ByteReader {
  private let bytes: [UInt8]
  private var offset = 0

  /// Reads from bytes.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// A byte.
  public mutating func u8() -> UInt8? {
    guard offset < bytes.count else { return nil }
    defer { offset += 1 }
    return bytes[offset]
  }
  /// A boolean byte (0 or 1).
  public mutating func bool() -> Bool? {
    guard let b = u8(), b <= 1 else { return nil }
    return b == 1
  }
  /// A 32-bit value.
  public mutating func u32() -> UInt32? {
    guard offset + 4 <= bytes.count else { return nil }
    defer { offset += 4 }
    return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
  }
  /// A 64-bit value.
  public mutating func u64() -> UInt64? {
    guard offset + 8 <= bytes.count else { return nil }
    defer { offset += 8 }
    return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
  }
  /// A UTF-16 string (at most 32767 units).
  public mutating func string() -> String? {
    guard let n = u32(), n <= 32_767, offset + Int(n) * 2 <= bytes.count else { return nil }
    var units: [UInt16] = []
    for i in 0..<Int(n) { units.append(UInt16(bytes[offset + 2 * i]) | UInt16(bytes[offset + 2 * i + 1]) << 8) }
    offset += Int(n) * 2
    return String(decoding: units, as: UTF16.self)
  }
}
