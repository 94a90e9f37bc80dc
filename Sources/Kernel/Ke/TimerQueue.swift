/// The dispatcher's timer queue: a binary min-heap ordered by due time, then arming order.
struct TimerQueue {
  struct Entry {
    let due: Int64
    let sequence: UInt64
    let thread: EThread  // strong: a stale entry may outlive its thread's other owners
    let generation: UInt64
  }

  private var heap: [Entry] = []

  var isEmpty: Bool { heap.isEmpty }
  var count: Int { heap.count }
  var first: Entry? { heap.first }

  private static func less(_ a: Entry, _ b: Entry) -> Bool {
    a.due != b.due ? a.due < b.due : a.sequence < b.sequence
  }

  mutating func insert(_ e: Entry) {
    heap.append(e)
    var i = heap.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard Self.less(heap[i], heap[parent]) else { break }
      heap.swapAt(i, parent)
      i = parent
    }
  }

  mutating func removeFirst() -> Entry? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let e = heap.removeLast()
    var i = 0
    while true {
      let l = 2 * i + 1, r = l + 1
      var m = i
      if l < heap.count && Self.less(heap[l], heap[m]) { m = l }
      if r < heap.count && Self.less(heap[r], heap[m]) { m = r }
      if m == i { break }
      heap.swapAt(i, m)
      i = m
    }
    return e
  }

  mutating func removeAll() { heap.removeAll() }
}
