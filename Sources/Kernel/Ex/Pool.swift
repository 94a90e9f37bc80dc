/// The executive pools: tagged allocations from seeded address ranges, with PoolMon's counters.
///
/// Every allocation gets a `_POOL_HEADER` (16 bytes) in front of its payload and a region in the
/// address space, so `!pool` and `db` can show it. Sizes are rounded up to 16 bytes, as the pool
/// does; the counters are per tag and per pool kind (paged or non-paged), like PoolMon's rows.
public final class Pool {
  /// PoolMon's row for one tag in one pool kind.
  public struct TagUsage: Sendable, Equatable {
    /// The tag.
    public var tag: PoolTag
    /// True for paged pool.
    public var paged: Bool
    /// Allocations made.
    public var allocs: Int = 0
    /// Allocations freed.
    public var frees: Int = 0
    /// Bytes currently allocated (block sizes, headers included).
    public var bytes: Int = 0

    /// Outstanding allocations (PoolMon's Diff).
    public var diff: Int { allocs - frees }
  }

  /// One allocation.
  public final class Block {
    /// The payload address (just past the pool header); what ExAllocatePoolWithTag returns.
    public let address: UInt64
    /// The size the caller asked for.
    public let size: Int
    /// The block size including the header, rounded to 16 bytes.
    public let blockSize: Int
    /// The tag.
    public let tag: PoolTag
    /// The pool type requested.
    public let poolType: PoolType
    /// True once freed.
    public internal(set) var isFreed = false
    /// Bytes the owner stored in the payload (drivers' data); rendered when no renderer is set.
    public var data: [UInt8] = []
    /// Renders the payload from live state (object allocations).
    var renderer: (() -> [UInt8])?
    /// The process charged for the allocation, for `_POOL_HEADER.ProcessBilled`.
    var processBilled: UInt64 = 0
    /// Where the block sits in its arena's list.
    var slot = 0

    init(address: UInt64, size: Int, blockSize: Int, tag: PoolTag, poolType: PoolType) {
      self.address = address
      self.size = size
      self.blockSize = blockSize
      self.tag = tag
      self.poolType = poolType
    }

    /// The header address.
    public var headerAddress: UInt64 { address - 0x10 }
  }

  /// The largest single allocation the pool grants.
  public static let maximumAllocation = 256 << 20
  /// The size of each pool's address range.
  static let arenaSize: UInt64 = 1 << 40
  /// Bytes each pool kind may hold before allocations fail.
  public let limit: Int
  private let nonPagedArena: Arena
  private let pagedArena: Arena
  private let sessionArena: Arena
  /// Bytes currently allocated, non-paged and paged.
  public private(set) var nonPagedBytes = 0
  /// Bytes currently allocated in paged pool.
  public private(set) var pagedBytes = 0
  private var usage: [TagUsage] = []
  private var usageIndex: [UInt64: Int] = [:]
  private var lastKey: UInt64 = .max
  private var lastIndex = 0
  /// Number of live allocations.
  public private(set) var liveCount = 0

  /// One pool's address range: blocks in allocation (address) order, freed ones as holes that a
  /// compaction removes once they outnumber the live ones.
  final class Arena {
    let base: UInt64
    var next: UInt64
    var addresses: [UInt64] = []
    var blocks: [Block?] = []
    var holes = 0

    init(base: UInt64) {
      self.base = base
      next = base
    }

    func append(_ b: Block) {
      b.slot = blocks.count
      addresses.append(b.headerAddress)
      blocks.append(b)
    }

    func remove(_ b: Block) {
      guard b.slot < blocks.count, blocks[b.slot] === b else { return }
      blocks[b.slot] = nil
      holes += 1
      if holes > 64 && holes * 2 > blocks.count { compact() }
    }

    private func compact() {
      var a: [UInt64] = []
      var bs: [Block?] = []
      a.reserveCapacity(blocks.count - holes)
      bs.reserveCapacity(blocks.count - holes)
      for case let b? in blocks {
        b.slot = bs.count
        a.append(b.headerAddress)
        bs.append(b)
      }
      addresses = a
      blocks = bs
      holes = 0
    }

    /// The live block whose allocation (header included) contains an address.
    func block(containing address: UInt64) -> Block? {
      var lo = 0, hi = addresses.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if addresses[mid] <= address { lo = mid + 1 } else { hi = mid }
      }
      guard lo > 0, let b = blocks[lo - 1], address - b.headerAddress < UInt64(b.blockSize) else { return nil }
      return b
    }
  }

  /// Creates the pools over seeded base addresses.
  init(memory: AddressSpace, layout: AddressLayout, limit: Int = 1 << 30) {
    self.limit = limit
    nonPagedArena = Arena(base: layout.nonPagedPoolBase)
    pagedArena = Arena(base: layout.pagedPoolBase)
    sessionArena = Arena(base: layout.sessionPoolBase)
    for arena in [nonPagedArena, pagedArena, sessionArena] {
      memory.addProvider(arena.base..<arena.base &+ Self.arenaSize) { [unowned arena] address in
        guard let b = arena.block(containing: address) else { return nil }
        return AddressSpace.Region(base: b.headerAddress, size: b.blockSize, label: "Pool \(b.tag)") { Pool.render(b) }
      }
    }
  }

  private func arena(_ type: PoolType) -> Arena {
    switch type {
    case .pagedSession: return sessionArena
    case _ where type.isPaged: return pagedArena
    default: return nonPagedArena
    }
  }

  private func usageSlot(_ tag: PoolTag, paged: Bool) -> Int {
    let key = UInt64(tag.rawValue) << 1 | (paged ? 1 : 0)
    if key == lastKey { return lastIndex }
    let i: Int
    if let existing = usageIndex[key] {
      i = existing
    } else {
      i = usage.count
      usage.append(TagUsage(tag: tag, paged: paged))
      usageIndex[key] = i
    }
    lastKey = key
    lastIndex = i
    return i
  }

  /// ExAllocatePoolWithTag: nil when the size is zero or too large or the pool is exhausted.
  public func allocate(_ type: PoolType, size: Int, tag: PoolTag) -> Block? {
    guard size > 0, size <= Self.maximumAllocation else { return nil }
    let blockSize = (size + 0x10 + 0xF) & ~0xF
    let paged = type.isPaged
    if paged {
      guard pagedBytes + blockSize <= limit else { return nil }
    } else {
      guard nonPagedBytes + blockSize <= limit else { return nil }
    }
    let a = arena(type)
    guard a.next &- a.base &+ UInt64(blockSize) <= Self.arenaSize else { return nil }
    let header = a.next
    a.next &+= UInt64(blockSize)
    let block = Block(address: header + 0x10, size: size, blockSize: blockSize, tag: tag, poolType: type)
    if paged { pagedBytes += blockSize } else { nonPagedBytes += blockSize }
    let slot = usageSlot(tag, paged: paged)
    usage[slot].allocs += 1
    usage[slot].bytes += blockSize
    a.append(block)
    liveCount += 1
    return block
  }

  /// ExFreePool: returns the block; freeing twice is refused (false) instead of corrupting counters.
  @discardableResult
  public func free(_ block: Block) -> Bool {
    guard !block.isFreed else { return false }
    block.isFreed = true
    block.renderer = nil
    let paged = block.poolType.isPaged
    if paged { pagedBytes -= block.blockSize } else { nonPagedBytes -= block.blockSize }
    let slot = usageSlot(block.tag, paged: paged)
    usage[slot].frees += 1
    usage[slot].bytes -= block.blockSize
    arena(block.poolType).remove(block)
    liveCount -= 1
    return true
  }

  /// The live block whose payload starts at an address.
  public func block(at address: UInt64) -> Block? {
    guard let b = block(containing: address), b.address == address else { return nil }
    return b
  }

  /// The live block containing an address (header included).
  public func block(containing address: UInt64) -> Block? {
    for a in [nonPagedArena, pagedArena, sessionArena] where address >= a.base && address < a.next {
      return a.block(containing: address)
    }
    return nil
  }

  /// PoolMon's rows, sorted by tag then pool kind.
  public var tagUsage: [TagUsage] {
    usage.sorted { ($0.tag, $0.paged ? 1 : 0) < ($1.tag, $1.paged ? 1 : 0) }
  }

  /// The row of one tag in one pool kind (zeros if never used).
  public func usage(of tag: PoolTag, paged: Bool) -> TagUsage {
    usageIndex[UInt64(tag.rawValue) << 1 | (paged ? 1 : 0)].map { usage[$0] } ?? TagUsage(tag: tag, paged: paged)
  }

  static func render(_ block: Block) -> [UInt8] {
    var w = LayoutWriter("_POOL_HEADER")
    let units = block.blockSize / 16
    w.set("BlockSize", units <= 0xFF ? UInt64(units) : 0)
    w.set("PoolType", UInt64(block.poolType.isPaged ? 1 : 2) & 0xFF)
    w.set("PoolTag", UInt64(block.tag.rawValue))
    w.set("ProcessBilled", block.processBilled)
    var payload = block.renderer?() ?? block.data
    if payload.count < block.blockSize - 0x10 {
      payload += Array(repeating: 0, count: block.blockSize - 0x10 - payload.count)
    }
    return w.bytes + payload
  }
}
