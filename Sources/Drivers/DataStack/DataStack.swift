import Kernel
import NTCore

/// The body of a DataStack object: the seed's `struct DataStack` — a stack of byte items in pool
/// blocks, a fast mutex, the counters and the limits (zero: no limit).
///
/// Each item is a paged-pool block tagged `Dstk` laid out as the seed's `DataBlock`
/// (`LIST_ENTRY Link; ULONG Size; UCHAR Data[]`), linked through the body's `Head` as
/// `InsertTailList`/`RemoveTailList` would link it, so the memory image reads like the real one.
/// The part-3 driver's body stops here; ``WaitableDataStack`` adds the part-4 event.
public class DataStack: ObjectBodyImage {
  /// sizeof(DataBlock) on x64: the header in front of every item's bytes (the data starts at +0x14).
  public static let blockHeaderSize = 24
  static let dataOffset = 20

  /// The items, bottom first.
  var items: [Pool.Block] = []
  /// The fast mutex every operation takes.
  let lock: FastMutex
  /// Size: the bytes of all items.
  public internal(set) var size: UInt64 = 0
  /// The limits the object was created with.
  public let configuration: DataStackConfiguration
  /// A popped item's image, reused by the next push.
  var spare: [UInt8]?
  /// Where `Head` sits in the body.
  let headOffset: Int
  /// The address of `Head` (the object's body address plus ``headOffset``).
  let headAddress: UInt64

  /// The event that is signaled while the stack is not empty (nil in the part-3 body).
  public let event: KEvent?

  init(_ nt: Ntoskrnl, object: KObject, configuration: DataStackConfiguration, headOffset: Int, event: KEvent? = nil) {
    lock = nt.ExInitializeFastMutex()
    self.configuration = configuration
    self.headOffset = headOffset
    headAddress = object.address &+ UInt64(headOffset)
    self.event = event
  }

  /// sizeof(DataStack) of the part-3 driver: no event in front.
  public static let bodySize = 0x68

  /// Count: the number of items.
  public var count: UInt32 { UInt32(items.count) }

  static func itemSize(_ block: Pool.Block) -> UInt32 { UInt32(truncatingIfNeeded: block.size - blockHeaderSize) }

  /// The members after `Head`, at their x64 offsets relative to `Head`.
  func image(of object: KObject) -> [UInt8] {
    var b = [UInt8](repeating: 0, count: 0x68)
    Bytes.put(&b, 0, items.first?.address ?? headAddress, 8)
    Bytes.put(&b, 8, items.last?.address ?? headAddress, 8)
    // FAST_MUTEX: Count 1 (free), Owner, Contention, a synchronization KEVENT, OldIrql.
    let mutex = headAddress &+ 0x10
    Bytes.put(&b, 0x10, 1, 4)
    b[0x28] = DispatcherObject.Kind.synchronizationEvent.rawValue
    b[0x2a] = 6
    Bytes.put(&b, 0x30, mutex &+ 0x20, 8)
    Bytes.put(&b, 0x38, mutex &+ 0x20, 8)
    Bytes.put(&b, 0x48, UInt64(count), 4)
    Bytes.put(&b, 0x4c, UInt64(configuration.maxItemCount), 4)
    Bytes.put(&b, 0x50, size, 8)
    Bytes.put(&b, 0x58, UInt64(configuration.maxItemSize), 4)
    Bytes.put(&b, 0x60, configuration.maxSize, 8)
    return b
  }

  /// The body's bytes (`Head` first in the part-3 layout).
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] { image(of: object) }

  // MARK: Items as DataBlocks

  /// Fills a new block as a DataBlock linked at the tail, and relinks the old tail to it.
  func link(_ block: Pool.Block, bytes: ArraySlice<UInt8>) {
    let flink = headAddress
    let blink = items.last?.address ?? headAddress
    let n = bytes.count
    // The image of a popped item of the same size is reused, as a lookaside list would be.
    let total = Self.dataOffset + n
    var d: [UInt8]
    if let s = spare, s.count == total {
      d = s
      spare = nil
    } else {
      d = [UInt8](repeating: 0, count: total)
    }
    d.withUnsafeMutableBytes { out in
      guard let base = out.baseAddress else { return }
      out.storeBytes(of: flink.littleEndian, toByteOffset: 0, as: UInt64.self)
      out.storeBytes(of: blink.littleEndian, toByteOffset: 8, as: UInt64.self)
      out.storeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian, toByteOffset: 16, as: UInt32.self)
      bytes.withUnsafeBytes { src in
        if let from = src.baseAddress, n > 0 { (base + Self.dataOffset).copyMemory(from: from, byteCount: n) }
      }
    }
    block.data = d
    if let tail = items.last { Bytes.put(&tail.data, 0, block.address, 8) }
    items.append(block)
  }

  /// Unlinks the tail block (RemoveTailList): the new tail's Flink goes back to `Head`. The block's
  /// image is kept for the next push (small ones only).
  func unlinkTail() -> Pool.Block? {
    guard let block = items.popLast() else { return nil }
    if let tail = items.last { Bytes.put(&tail.data, 0, headAddress, 8) }
    if block.data.capacity <= 4096 {
      spare = block.data
      block.data = []
    }
    return block
  }

  /// Copies an item's bytes to the start of a buffer the caller probed.
  static func copy(_ block: Pool.Block, into buffer: UserBuffer) {
    let n = Int(itemSize(block))
    guard block.data.count >= dataOffset + n, buffer.bytes.count >= n else { return }
    block.data.withUnsafeBytes { src in
      buffer.bytes.withUnsafeMutableBytes { dst in
        dst.baseAddress?.copyMemory(from: src.baseAddress! + dataOffset, byteCount: n)
      }
    }
  }

}

extension DataStack: CustomStringConvertible {
  /// `DataStack, 2 items (23 bytes), limits: item size none, items 100, size 10485760, signaled`.
  public var description: String {
    func limit(_ v: UInt64) -> String { v == 0 ? "none" : String(v) }
    let c = configuration
    return "DataStack, \(count) item\(count == 1 ? "" : "s") (\(size) bytes), limits: item size \(limit(UInt64(c.maxItemSize))), "
      + "items \(limit(UInt64(c.maxItemCount))), size \(limit(c.maxSize))"
      + (event.map { $0.isSet ? ", signaled" : ", not signaled" } ?? ", not waitable")
  }
}

/// The part-4 body: a notification KEVENT in front (so the type's NULL DefaultObject makes the
/// object waitable), signaled while the stack holds items.
public final class WaitableDataStack: DataStack, WaitableBody {
  /// sizeof(DataStack) of the part-4 driver.
  public static let waitableBodySize = 0x80

  let kevent: KEvent

  init(_ nt: Ntoskrnl, object: KObject, configuration: DataStackConfiguration) {
    kevent = nt.KeInitializeEvent(notification: true, state: false)
    super.init(nt, object: object, configuration: configuration, headOffset: 0x18, event: kevent)
  }

  /// What waits wait on.
  public var dispatcherObject: DispatcherObject { kevent }

  /// `KEVENT Event` then the part-3 members.
  public override func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var head = kevent.bodyImage(of: object, kernel: kernel)
    if head.count < 0x18 { head += [UInt8](repeating: 0, count: 0x18 - head.count) }
    return Array(head.prefix(0x18)) + image(of: object)
  }
}
