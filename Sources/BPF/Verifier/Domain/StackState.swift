/// What the stack holds: per byte whether it is initialised, and the values of spilled registers.
///
/// Offsets are absolute in the interpreter's layout: frame `d` occupies `d * 512 ..< (d + 1) * 512`
/// and its r10 is `(d + 1) * 512`. A byte is `uninit` (may be unwritten on some path), `number`
/// (written with numeric data) or `cell` (part of a spilled value that may be a pointer, readable
/// only as that whole value).
struct StackState: Hashable, Sendable {
  enum Byte: UInt8, Hashable, Sendable {
    case uninit = 0
    case number = 1
    case cell = 2
  }

  /// One spilled value: `width` bytes at `offset`.
  struct Cell: Hashable, Sendable {
    var offset: Int
    var width: Int
    var value: RegisterValue
    /// The zone slot holding exactly this value (relations included), if the cell owns one.
    var slot: Int? = nil
  }

  /// Byte kinds of the live frames.
  private(set) var bytes: [Byte]
  /// Spilled values, sorted by offset, never overlapping.
  private(set) var cells: [Cell]
  /// Where the initialised segment starts: the bytes from here up to the zone's frontier
  /// (`AbstractState.Var.frontier`) hold numbers, whatever the byte kinds say. A loop filling a
  /// buffer element after element moves the frontier with its index, so the buffer is known written
  /// when the loop exits. No pointer is ever spilled below the frontier while the segment exists.
  var segmentBase: Int? = nil
  /// Bytes written on every path where the zone's guard value (`AbstractState.Var.guardValue`) is
  /// outside `unless`: a subprogram that fills an out-parameter only when it returns 0 joins its
  /// paths at its exit, and the caller's check of r0 then tells the bytes are written.
  var guarded: Guarded? = nil

  /// Bytes known written (holding numbers) when the guard value is outside `unless`.
  struct Guarded: Hashable, Sendable {
    var bytes: Range<Int>
    var unless: Interval
  }

  /// `frames` frames, all uninitialised.
  init(frames: Int) {
    bytes = [Byte](repeating: .uninit, count: frames * StackState.frameSize)
    cells = []
  }

  static let frameSize = 512

  var size: Int { bytes.count }

  /// Adds or drops frames so that `frames` are live; new frames start uninitialised.
  mutating func resize(frames: Int) {
    let n = frames * StackState.frameSize
    if n < bytes.count {
      bytes.removeLast(bytes.count - n)
      cells.removeAll { $0.offset + $0.width > n }
      if let b = segmentBase, b >= n { segmentBase = nil }
      if let g = guarded, g.bytes.upperBound > n { guarded = nil }
    } else if n > bytes.count {
      bytes.append(contentsOf: repeatElement(.uninit, count: n - bytes.count))
    }
  }

  func byte(_ i: Int) -> Byte { bytes[i] }

  /// The cell exactly at `offset` with `width`, if any.
  func cell(at offset: Int, width: Int) -> Cell? {
    guard let i = cellIndex(startingAt: offset) else { return nil }
    return cells[i].width == width ? cells[i] : nil
  }

  private func cellIndex(startingAt offset: Int) -> Int? {
    var lo = 0
    var hi = cells.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if cells[mid].offset < offset { lo = mid + 1 } else { hi = mid }
    }
    return lo < cells.count && cells[lo].offset == offset ? lo : nil
  }

  /// True when every byte of `range` is initialised with numbers (or numeric cells).
  func isNumeric(_ range: Range<Int>) -> Bool {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return false }
    for i in range where bytes[i] != .number { return false }
    return true
  }

  /// True when every byte of `range` is initialised.
  func isInitialized(_ range: Range<Int>) -> Bool {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return false }
    for i in range where bytes[i] == .uninit { return false }
    return true
  }

  /// True when some byte of `range` belongs to a cell that may hold a pointer.
  func overlapsPointerCell(_ range: Range<Int>) -> Bool {
    for c in cells where c.offset < range.upperBound && range.lowerBound < c.offset + c.width {
      if !c.value.types.isSubset(of: [.number]) { return true }
    }
    return false
  }

  /// Marks `range` as holding numbers (the part of the segment known written for sure).
  mutating func markNumeric(_ range: Range<Int>) {
    let r = max(0, range.lowerBound)..<max(max(0, range.lowerBound), min(range.upperBound, bytes.count))
    for c in cells where c.offset < r.upperBound && r.lowerBound < c.offset + c.width {
      if !c.value.types.isSubset(of: [.number]) { return }  // never: no pointer lies in the segment
    }
    for i in r { bytes[i] = .number }
  }

  /// Removes the cells overlapping `range` (their bytes keep their kinds).
  private mutating func dropCells(overlapping range: Range<Int>) {
    cells.removeAll { $0.offset < range.upperBound && range.lowerBound < $0.offset + $0.width }
  }

  /// A strong update: `value` now fills `offset ..< offset + width`; the cell takes zone slot
  /// `slot` over from any other cell.
  mutating func store(_ value: RegisterValue, at offset: Int, width: Int, slot: Int? = nil) {
    let range = offset..<(offset + width)
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return }
    // Bytes of cells partly overwritten stay initialised but lose their cell.
    for c in cells where c.offset < range.upperBound && range.lowerBound < c.offset + c.width {
      for i in c.offset..<(c.offset + c.width) where !range.contains(i) && bytes[i] == .cell {
        bytes[i] = .uninit  // the leftover bytes of a pointer must not be read as a number
      }
    }
    dropCells(overlapping: range)
    let numeric = value.types.isSubset(of: [.number])
    for i in range { bytes[i] = numeric ? .number : .cell }
    if let slot {
      for i in cells.indices where cells[i].slot == slot { cells[i].slot = nil }
    }
    let position = cells.firstIndex { $0.offset > offset } ?? cells.count
    cells.insert(Cell(offset: offset, width: width, value: value, slot: slot), at: position)
  }

  /// Numeric data written at an unknown place inside `range` (a variable-offset store, a helper
  /// writing an unknown length): cells there are dropped and pointer bytes become unreadable;
  /// uninitialised bytes stay so unless inside `certain`, which is written on every path.
  mutating func storeNumbers(somewhereIn range: Range<Int>, certainly certain: Range<Int>) {
    let r = max(0, range.lowerBound)..<max(max(0, range.lowerBound), min(range.upperBound, bytes.count))
    for c in cells where c.offset < r.upperBound && r.lowerBound < c.offset + c.width {
      for i in c.offset..<(c.offset + c.width) where bytes[i] == .cell { bytes[i] = .uninit }
    }
    dropCells(overlapping: r)
    let c =
      max(
        certain.lowerBound, r.lowerBound)..<max(
        max(certain.lowerBound, r.lowerBound), min(certain.upperBound, r.upperBound))
    for i in c { bytes[i] = .number }
  }

  /// The join: bytes initialised on both sides keep their kind, cells equal in place are joined.
  func join(_ o: StackState) -> StackState {
    var r = self
    let n = min(bytes.count, o.bytes.count)
    if r.bytes.count > n { r.bytes.removeLast(r.bytes.count - n) }
    var joined: [Cell] = []
    var j = 0
    for c in cells where c.offset + c.width <= n {
      while j < o.cells.count && o.cells[j].offset < c.offset { j += 1 }
      if j < o.cells.count, o.cells[j].offset == c.offset, o.cells[j].width == c.width {
        // The slot survives only where both sides relate the same cell to it.
        let slot = c.slot == o.cells[j].slot ? c.slot : nil
        joined.append(Cell(offset: c.offset, width: c.width, value: c.value.join(o.cells[j].value), slot: slot))
      }
    }
    for i in 0..<n where r.bytes[i] != o.bytes[i] {
      // number vs cell of a numeric spill is still a number; anything else is unusable.
      r.bytes[i] = .uninit
    }
    for c in joined {
      let numeric = c.value.types.isSubset(of: [.number])
      for i in c.offset..<(c.offset + c.width) { r.bytes[i] = numeric ? .number : .cell }
    }
    // Cells not kept leave their bytes as joined above; a lone cell's bytes on one side only
    // become uninit (number vs cell) or number (both numeric).
    r.cells = joined
    r.normalizeCellBytes()
    // `AbstractState.join` aligned the segments first; one that differs is not kept.
    if segmentBase != o.segmentBase { r.segmentBase = nil }
    if guarded != o.guarded { r.guarded = nil }
    return r
  }

  /// Bytes marked `cell` without a cell become unusable.
  private mutating func normalizeCellBytes() {
    var covered = [Bool](repeating: false, count: bytes.count)
    for c in cells { for i in c.offset..<(c.offset + c.width) { covered[i] = true } }
    for i in 0..<bytes.count where bytes[i] == .cell && !covered[i] { bytes[i] = .uninit }
  }

  /// True when every concrete stack `self` describes is described by `o`.
  func isIncluded(in o: StackState) -> Bool {
    guard bytes.count == o.bytes.count else { return false }
    if let b = o.segmentBase, segmentBase != b { return false }
    if let g = o.guarded, guarded != g { return false }
    for i in 0..<bytes.count where o.bytes[i] != .uninit && o.bytes[i] != bytes[i] { return false }
    for c in o.cells {
      guard let mine = cell(at: c.offset, width: c.width), mine.value.isIncluded(in: c.value) else { return false }
      if c.slot != nil && mine.slot != c.slot { return false }
    }
    return true
  }

  /// Widens the values of cells present in both.
  func widen(_ next: StackState, thresholds: [Int64]) -> StackState {
    var r = next
    for (i, c) in r.cells.enumerated() {
      if let old = cell(at: c.offset, width: c.width) {
        r.cells[i].value = old.value.widen(c.value, thresholds: thresholds)
      }
    }
    return r
  }

  /// Clears the null id `id` in every cell (a new lookup result takes it over).
  mutating func clearNullID(_ id: UInt32) {
    for i in cells.indices where cells[i].value.nullID == id { cells[i].value.nullID = 0 }
  }

  /// Applies `f` to every cell's value (null checks refine spilled copies too).
  mutating func updateCells(_ f: (inout RegisterValue) -> Void) {
    for i in cells.indices { f(&cells[i].value) }
  }
}
