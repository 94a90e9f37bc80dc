/// Hands out the ids of programs, maps and links from one counter, as eBPF for Windows' object
/// table does: the counter starts at 1 and is incremented before use, so the first object gets 2,
/// and ids are never reused.
///
/// The order within a load reproduces what netsh shows. A native image (`.sys`, the seed's
/// `TestConnections.sys` on a fresh system) creates its maps in file order, then its programs, then
/// the link of the program it attaches: map 2, program 3, link 4 — the seed's `show maps` and
/// `show programs`. Loading an ELF object through the JIT/interpreter path first consumes one id
/// that no listed object keeps (eBPF for Windows' golden tests load `tail_call.o` on a fresh system
/// as maps 3 and 4, programs 5 and 6, link 7, and every later load of the two-map `droppacket.o`
/// advances ids by 5), so ``beginLoad(_:)`` with ``LoadKind/elf`` reserves it.
public struct ObjectIDAllocator: Sendable {
  /// What is being loaded.
  public enum LoadKind: Sendable {
    /// An ELF object run by the interpreter (or JIT).
    case elf
    /// A native image.
    case native
  }

  /// The last id handed out (1 before the first).
  public private(set) var last: UInt32

  /// A fresh allocator, as after boot.
  public init() { last = 1 }

  /// An allocator whose last id was `last` (tests of the id space's end).
  init(last: UInt32) { self.last = last }

  /// The next id, or nil when the 32-bit space is exhausted (the caller reports ``EBPFResult/noMemory``).
  public mutating func allocate() -> UInt32? {
    guard last < UInt32.max else { return nil }
    last += 1
    return last
  }

  /// Starts an object load: an ELF load consumes one id before its maps are created.
  /// Returns false when the id space is exhausted.
  public mutating func beginLoad(_ kind: LoadKind) -> Bool {
    switch kind {
    case .elf: return allocate() != nil
    case .native: return true
    }
  }

  /// The id the next ``allocate()`` returns, without consuming it.
  public var peekNext: UInt32? { last < UInt32.max ? last + 1 : nil }
}
