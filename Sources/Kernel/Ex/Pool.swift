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
  /// Bytes each pool kind may hold before allocations fail.
  public let limit: Int
  private let memory: AddressSpace
  private var nextNonPaged: UInt64
  private var nextPaged: UInt64
  private var nextSession: UInt64
  /// Bytes currently allocated, non-paged and paged.
  public private(set) var nonPagedBytes = 0
  /// Bytes currently allocated in paged pool.
  public private(set) var pagedBytes = 0
  private var usage: [Key: TagUsage] = [:]
  private var live: [UInt64: Block] = [:]

  private struct Key: Hashable {
    let tag: PoolTag
    let paged: Bool
  }

  /// Creates the pools over seeded base addresses.
  init(memory: AddressSpace, layout: AddressLayout, limit: Int = 1 << 30) {
    self.memory = memory
    self.limit = limit
    nextNonPaged = layout.nonPagedPoolBase
    nextPaged = layout.pagedPoolBase
    nextSession = layout.sessionPoolBase
  }

  /// ExAllocatePoolWithTag: nil when the size is zero or too large or the pool is exhausted.
  public func allocate(_ type: PoolType, size: Int, tag: PoolTag) -> Block? {
    guard size > 0, size <= Self.maximumAllocation else { return nil }
    let blockSize = (size + 0x10 + 0xF) & ~0xF
    if type.isPaged {
      guard pagedBytes + blockSize <= limit else { return nil }
    } else {
      guard nonPagedBytes + blockSize <= limit else { return nil }
    }
    let header: UInt64
    switch type {
    case .pagedSession:
      header = nextSession
      nextSession &+= UInt64(blockSize)
    case _ where type.isPaged:
      header = nextPaged
      nextPaged &+= UInt64(blockSize)
    default:
      header = nextNonPaged
      nextNonPaged &+= UInt64(blockSize)
    }
    let block = Block(address: header + 0x10, size: size, blockSize: blockSize, tag: tag, poolType: type)
    if type.isPaged { pagedBytes += blockSize } else { nonPagedBytes += blockSize }
    let key = Key(tag: tag, paged: type.isPaged)
    usage[key, default: TagUsage(tag: tag, paged: type.isPaged)].allocs += 1
    usage[key]?.bytes += blockSize
    live[block.address] = block
    memory.map(AddressSpace.Region(base: header, size: blockSize, label: "Pool \(tag)") { [unowned block] in
      Pool.render(block)
    })
    return block
  }

  /// ExFreePool: returns the block; freeing twice is refused (false) instead of corrupting counters.
  @discardableResult
  public func free(_ block: Block) -> Bool {
    guard !block.isFreed, live.removeValue(forKey: block.address) != nil else { return false }
    block.isFreed = true
    block.renderer = nil
    if block.poolType.isPaged { pagedBytes -= block.blockSize } else { nonPagedBytes -= block.blockSize }
    let key = Key(tag: block.tag, paged: block.poolType.isPaged)
    usage[key]?.frees += 1
    usage[key]?.bytes -= block.blockSize
    memory.unmap(base: block.headerAddress)
    return true
  }

  /// The live block whose payload starts at an address.
  public func block(at address: UInt64) -> Block? { live[address] }

  /// The live block containing an address (header included).
  public func block(containing address: UInt64) -> Block? {
    guard let r = memory.region(containing: address) else { return nil }
    return live[r.base + 0x10]
  }

  /// PoolMon's rows, sorted by tag then pool kind.
  public var tagUsage: [TagUsage] {
    usage.values.sorted { ($0.tag, $0.paged ? 1 : 0) < ($1.tag, $1.paged ? 1 : 0) }
  }

  /// The row of one tag in one pool kind (zeros if never used).
  public func usage(of tag: PoolTag, paged: Bool) -> TagUsage {
    usage[Key(tag: tag, paged: paged)] ?? TagUsage(tag: tag, paged: paged)
  }

  /// Number of live allocations.
  public var liveCount: Int { live.count }

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
