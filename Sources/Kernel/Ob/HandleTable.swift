import NTCore

/// A handle table: handle value = index × 4, entries with the object, granted access, attributes
/// and the entry's cached reference count (the bias `!trueref` subtracts).
///
/// Freed entries are reused last-freed-first, so closing and reopening gives the same handle value,
/// as on Windows. The table itself and its 256-entry pages live in paged pool under tag `Obtb`;
/// like Windows, the table never shrinks while its process lives.
public final class HandleTable {
  /// One handle.
  public struct Entry {
    /// The object (nil for a free entry).
    public internal(set) var object: KObject?
    /// GrantedAccess.
    public internal(set) var grantedAccess: AccessMask
    /// OBJ_PROTECT_CLOSE, OBJ_INHERIT and OBJ_AUDIT_OBJECT_CLOSE.
    public internal(set) var attributes: ObjectAttributeFlags
    /// The cached references still charged to the object (`RefCnt`).
    public internal(set) var refCount: UInt16

    /// True for OBJ_INHERIT.
    public var isInheritable: Bool { attributes.contains(.inherit) }
    /// True for OBJ_PROTECT_CLOSE.
    public var isProtected: Bool { attributes.contains(.protectClose) }
  }

  /// The most handles one table holds (Windows' per-process limit is 2^24).
  public static let maximumHandles = 1 << 24
  /// Entries per table page.
  static let entriesPerPage = 256

  /// True for the kernel handle table (handles 0xffffffff8000xxxx).
  public let isKernelTable: Bool
  /// The owning process, which owns the table. Unowned rather than weak: a weak reference gives the
  /// process a side table, and every retain of the process (each system call makes several) then
  /// takes the runtime's slow path.
  public internal(set) unowned var process: EProcess?
  /// Live handles.
  public private(set) var count = 0
  var entries: [Entry] = [Entry(object: nil, grantedAccess: [], attributes: [], refCount: 0)]
  private var free: [Int] = []
  /// Live handles per object, kept only for types with a close procedure (which is told how many
  /// handles the process still has), so a close never scans the table.
  private var closeTracked: [ObjectIdentifier: Int] = [:]
  let tableBlock: Pool.Block?
  private(set) var pages: [Pool.Block] = []
  private unowned let pool: Pool

  init(pool: Pool, kernelTable: Bool) {
    self.pool = pool
    isKernelTable = kernelTable
    tableBlock = pool.allocate(.paged, size: 0x80, tag: PoolTag("Obtb"))
    growIfNeeded(to: 1)
  }

  /// The `_HANDLE_TABLE` address (`ObjectTable` in `!process`).
  public var address: UInt64 { tableBlock?.address ?? 0 }

  /// The handle value for a table index.
  public func handle(forIndex i: Int) -> Handle { isKernelTable ? .kernel(index: i) : .user(index: i) }

  /// The entry behind a handle, if live.
  public func entry(_ h: Handle) -> Entry? {
    let i = h.index
    guard i > 0, i < entries.count, entries[i].object != nil else { return nil }
    return entries[i]
  }

  /// Live handles in value order with their entries.
  public var handles: [(handle: Handle, entry: Entry)] {
    var out: [(Handle, Entry)] = []
    out.reserveCapacity(count)
    for i in 1..<entries.count where entries[i].object != nil { out.append((handle(forIndex: i), entries[i])) }
    return out
  }

  /// The address of a handle's `_HANDLE_TABLE_ENTRY`.
  public func entryAddress(_ h: Handle) -> UInt64 {
    let i = h.index
    guard i / Self.entriesPerPage < pages.count else { return 0 }
    return pages[i / Self.entriesPerPage].address + UInt64(i % Self.entriesPerPage) * 16
  }

  /// Stores an entry; nil when the table is full or pool is exhausted.
  func insert(_ object: KObject, access: AccessMask, attributes: ObjectAttributeFlags, refCount: UInt16) -> Handle? {
    let i: Int
    if let reused = free.popLast() {
      i = reused
    } else {
      guard entries.count < Self.maximumHandles, growIfNeeded(to: entries.count + 1) else { return nil }
      entries.append(Entry(object: nil, grantedAccess: [], attributes: [], refCount: 0))
      i = entries.count - 1
    }
    entries[i] = Entry(object: object, grantedAccess: access, attributes: attributes, refCount: refCount)
    count += 1
    track(object, 1)
    return handle(forIndex: i)
  }

  /// Stores an entry at a given index (handle inheritance keeps values); false if taken or full.
  func insert(_ object: KObject, access: AccessMask, attributes: ObjectAttributeFlags, refCount: UInt16, at index: Int) -> Bool {
    guard index > 0, index < Self.maximumHandles, growIfNeeded(to: index + 1) else { return false }
    while entries.count <= index {
      entries.append(Entry(object: nil, grantedAccess: [], attributes: [], refCount: 0))
      free.insert(entries.count - 1, at: 0)
    }
    guard entries[index].object == nil else { return false }
    free.removeAll { $0 == index }
    entries[index] = Entry(object: object, grantedAccess: access, attributes: attributes, refCount: refCount)
    count += 1
    track(object, 1)
    return true
  }

  /// Removes an entry and returns it.
  func remove(_ h: Handle) -> Entry? {
    let i = h.index
    guard i > 0, i < entries.count, entries[i].object != nil else { return nil }
    let e = entries[i]
    entries[i] = Entry(object: nil, grantedAccess: [], attributes: [], refCount: 0)
    free.append(i)
    count -= 1
    if let o = e.object { track(o, -1) }
    return e
  }

  /// The live handles this table has to an object whose type has a close procedure (0 for others).
  func handleCount(of object: KObject) -> Int { closeTracked[ObjectIdentifier(object)] ?? 0 }

  private func track(_ object: KObject, _ delta: Int) {
    guard object.type.initializer.closeProcedure != nil else { return }
    let key = ObjectIdentifier(object)
    let n = (closeTracked[key] ?? 0) + delta
    closeTracked[key] = n > 0 ? n : nil
  }

  /// Uses one cached reference of an entry; returns false when none is left.
  func takeCachedReference(_ h: Handle) -> Bool {
    let i = h.index
    guard entries[i].refCount > 0 else { return false }
    entries[i].refCount -= 1
    return true
  }

  /// Recharges an entry's cached references.
  func recharge(_ h: Handle, to value: UInt16) { entries[h.index].refCount = value }

  /// Changes a handle's attributes (NtSetInformationObject ObjectHandleFlagInformation).
  func setAttributes(_ h: Handle, _ attributes: ObjectAttributeFlags) { entries[h.index].attributes = attributes }

  @discardableResult
  private func growIfNeeded(to n: Int) -> Bool {
    while pages.count * Self.entriesPerPage < n {
      guard let page = pool.allocate(.paged, size: 0x1000 - 0x10, tag: PoolTag("Obtb")) else { return false }
      let first = pages.count * Self.entriesPerPage
      page.renderer = { [unowned self] in self.renderPage(first: first) }
      pages.append(page)
    }
    return true
  }

  private func renderPage(first: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Self.entriesPerPage * 16)
    for i in first..<first + Self.entriesPerPage {
      var w = LayoutWriter("_HANDLE_TABLE_ENTRY")
      if i < entries.count, let o = entries[i].object {
        w.set("Unlocked", 1)
        w.set("RefCnt", UInt64(entries[i].refCount))
        w.set("Attributes", UInt64(entries[i].attributes.rawValue & 0x7))
        w.set("ObjectPointerBits", (o.headerAddress >> 4) & ((1 << 44) - 1))
        w.set("GrantedAccessBits", UInt64(entries[i].grantedAccess.rawValue & 0x1FF_FFFF))
      }
      bytes += w.bytes
    }
    return bytes
  }

  /// Frees the table and its pages (process deletion).
  func destroy() {
    for p in pages { pool.free(p) }
    pages.removeAll()
    if let t = tableBlock { pool.free(t) }
  }
}
