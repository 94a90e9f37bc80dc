/// nt's global variables ntsh models, at addresses in the kernel image, with live contents.
///
/// The debugger resolves `nt!ObTypeIndexTable`, `nt!ObHeaderCookie`, `nt!ObpInfoMaskToOffset`,
/// `nt!PsActiveProcessHead`… here, and `db`/`dq` of them read the kernel's current state.
public final class KernelSymbols {
  /// One symbol.
  public struct Symbol: Sendable, Equatable {
    /// The name without the module (`ObTypeIndexTable`).
    public let name: String
    /// Its address.
    public let address: UInt64
    /// Its size in bytes.
    public let size: Int
  }

  /// The image size of ntoskrnl.exe.
  public static let imageSize: UInt64 = 0x104_6000
  private unowned let kernel: Kernel
  /// Symbols by name.
  public private(set) var byName: [String: Symbol] = [:]

  init(kernel: Kernel) {
    self.kernel = kernel
    let data = kernel.layout.kernelBase + 0xC0_0000
    var offset: UInt64 = 0
    func add(_ name: String, _ size: Int, _ render: @escaping (Kernel) -> [UInt8]) {
      let s = Symbol(name: name, address: data + offset, size: size)
      byName[name] = s
      kernel.memory.map(AddressSpace.Region(base: s.address, size: size, label: "nt!\(name)") { [unowned kernel] in render(kernel) })
      offset += UInt64((size + 0x1F) & ~0xF)
    }
    add("ObTypeIndexTable", 256 * 8) { k in
      var b: [UInt8] = LE.bytes(0, count: 8) + LE.bytes(0xBAD0_B0B0, count: 8)
      for i in 2..<256 { b += LE.bytes(k.ob.type(index: i)?.object?.address ?? 0, count: 8) }
      return b
    }
    add("ObHeaderCookie", 1) { k in [k.layout.headerCookie] }
    add("ObpInfoMaskToOffset", 256) { _ in OptionalHeader.infoMaskToOffset }
    add("ObpRootDirectoryObject", 8) { k in LE.bytes(k.ob.root?.address ?? 0, count: 8) }
    add("ObpTypeDirectoryObject", 8) { k in LE.bytes(k.ob.objectTypesDirectory?.address ?? 0, count: 8) }
    add("ObpKernelHandleTable", 8) { k in LE.bytes(k.ob.kernelHandles?.address ?? 0, count: 8) }
    add("ObpDefaultObject", 0x18) { k in dispatcherHeaderBytes(k.ob.defaultObject, base: k.symbols.address(of: "ObpDefaultObject") ?? 0, size: 6) }
    add("PsInitialSystemProcess", 8) { k in LE.bytes(k.systemProcess?.object?.address ?? 0, count: 8) }
    add("PsActiveProcessHead", 0x10) { k in
      let first = (k.processes.first?.object?.address).map { $0 + 0x448 } ?? 0
      let last = (k.processes.last?.object?.address).map { $0 + 0x448 } ?? 0
      return LE.bytes(first, count: 8) + LE.bytes(last, count: 8)
    }
    add("KeTickCount", 8) { k in LE.bytes(UInt64(k.dispatcher.tickCount), count: 8) }
  }

  /// The address of a symbol (with or without `nt!`), case-insensitively.
  public func address(of name: String) -> UInt64? { symbol(named: name)?.address }

  /// A symbol by name.
  public func symbol(named name: String) -> Symbol? {
    var n = Substring(name)
    if let bang = n.firstIndex(of: "!") { n = n[n.index(after: bang)...] }
    if let s = byName[String(n)] { return s }
    return byName.values.first { $0.name.lowercased() == n.lowercased() }
  }

  /// The symbol containing an address, and the offset into it.
  public func symbol(containing address: UInt64) -> (Symbol, UInt64)? {
    for s in byName.values where address >= s.address && address < s.address + UInt64(s.size) {
      return (s, address - s.address)
    }
    return nil
  }

  /// Every symbol, by address.
  public var all: [Symbol] { byName.values.sorted { $0.address < $1.address } }
}
