/// The use order of an LRU map's slots: a doubly linked list over slot numbers, least recently used
/// at the head. Every operation is O(1).
final class RecencyList {
  private var previous: [Int32]
  private var next: [Int32]
  private var head: Int32 = -1
  private var tail: Int32 = -1

  init(slots: Int) {
    previous = [Int32](repeating: -1, count: slots)
    next = [Int32](repeating: -1, count: slots)
  }

  /// The least recently used slot.
  var oldest: Int? { head < 0 ? nil : Int(head) }

  /// Adds a slot as the most recently used.
  func append(_ slot: Int) {
    let s = Int32(slot)
    previous[slot] = tail
    next[slot] = -1
    if tail >= 0 { next[Int(tail)] = s } else { head = s }
    tail = s
  }

  /// Takes a slot out of the list.
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
