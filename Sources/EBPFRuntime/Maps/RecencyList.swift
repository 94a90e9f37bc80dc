/// The use order of an LRU map's slots: a doubly linked list over slot numbers, least recently used
/// at the head. Every operation is O(1); the links live in raw buffers allocated once, so the hot
/// path has no copy-on-write or exclusivity checks.
final class RecencyList {
  private let previous: UnsafeMutablePointer<Int32>
  private let next: UnsafeMutablePointer<Int32>
  private var head: Int32 = -1
  private var tail: Int32 = -1

  init(slots: Int) {
    previous = .allocate(capacity: max(slots, 1))
    previous.initialize(repeating: -1, count: max(slots, 1))
    next = .allocate(capacity: max(slots, 1))
    next.initialize(repeating: -1, count: max(slots, 1))
  }

  deinit {
    previous.deallocate()
    next.deallocate()
  }

  /// The least recently used slot.
  var oldest: Int? { head < 0 ? nil : Int(head) }

  /// Adds a slot as the most recently used.
  @inline(__always)
  func append(_ slot: Int) {
    let s = Int32(slot)
    previous[slot] = tail
    next[slot] = -1
    if tail >= 0 { next[Int(tail)] = s } else { head = s }
    tail = s
  }

  /// Takes a slot out of the list.
  @inline(__always)
  func remove(_ slot: Int) {
    let p = previous[slot]
    let n = next[slot]
    if p >= 0 { next[Int(p)] = n } else { head = n }
    if n >= 0 { previous[Int(n)] = p } else { tail = p }
    previous[slot] = -1
    next[slot] = -1
  }

  /// Makes a listed slot the most recently used.
  @inline(__always)
  func touch(_ slot: Int) {
    guard Int32(slot) != tail else { return }
    remove(slot)
    append(slot)
  }

  /// Slots from least to most recently used.
  var order: [Int] {
    var result: [Int] = []
    var s = head
    while s >= 0 {
      result.append(Int(s))
      s = next[Int(s)]
    }
    return result
  }
}
