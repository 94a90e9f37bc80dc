/// The failure slice of the informational level: the instructions an error depends on.
///
/// A backward slice over the program's control flow, along every path: starting from the registers
/// the failing check names (all the instruction reads when it names none), it collects each
/// instruction that may define one of them on some path to the failure, then, transitively, the
/// definitions of that instruction's operands. Spills and fills are followed through the stack when
/// the recorded state gives the slot's offset. Conditional branches that decide whether a slice
/// instruction runs (control dependence) join the slice with their operands. A local call is a
/// summary (it reads r1–r5, defines r0–r5); a slice reaching a subprogram's entry takes in its call
/// sites and continues there for r1–r5 and the stack. Each (instruction, register or stack range) pair is visited
/// once, so the work is linear in the program's size times the items followed.
extension StateRecorder {
  /// What a slice follows back: a register, or stack bytes at absolute offsets.
  enum SliceItem: Hashable {
    case register(Int)
    case stack(Range<Int>)
  }

  /// Whether an instruction defines an item: not at all, possibly or in part, or wholly.
  enum Definition { case no, partly, fully }

  /// Where the slice stands: definitions of `item` reaching the point just before `at`.
  private struct Need: Hashable {
    let at: Int
    let item: SliceItem
  }

  /// Where a memory access of `width` bytes at `base + offset` falls on the stack, by the state
  /// recorded before instruction `i`: a known byte range, somewhere unknown, or not on the stack.
  private enum StackPlace { case known(Range<Int>), unknown, notStack }

  private func stackPlace(_ i: Int, _ base: Register, offset: Int64, width: Interval) -> StackPlace {
    guard let s = before[i], !s.isBottom else { return .unknown }
    let v = s.value(base)
    guard v.types.contains(.stack) else { return .notStack }
    guard v.types == .stack, width.lo >= 0, width.hi != .max,
      let lo = v.offsets.stack.adding(Interval(constant: offset))?.lo,
      let hi = v.offsets.stack.adding(Interval(constant: offset))?.hi.addingReportingOverflow(width.hi),
      !hi.overflow, lo >= 0, lo <= hi.partialValue, hi.partialValue <= Int64(s.stack.size)
    else { return .unknown }
    return .known(Int(lo)..<Int(hi.partialValue))
  }

  /// The stack places a helper call's memory arguments cover (`writes`: the buffers it fills).
  private func helperPlaces(_ i: Int, _ id: Int32, writes: Bool) -> [StackPlace] {
    guard let h = environment.helpers[id], let s = before[i], !s.isBottom else { return [] }
    var out: [StackPlace] = []
    for r in 1...5 {
      let kind = h.argument(r)
      let width: Interval
      switch kind {
      case .writableMemory where writes, .readableMemory where !writes, .readableMemoryOrNull where !writes:
        let size = s.regs[r + 1]
        width = size.types == .number ? Interval(max(0, size.scalar.s.lo), max(0, size.scalar.s.hi)) : .full
      case .mapKey where !writes, .mapValue where !writes:
        let map = maps(in: s.regs[1].maps).first
        width = map.map { Interval(constant: Int64(kind == .mapKey ? $0.keySize : $0.valueSize)) } ?? .full
      default:
        continue
      }
      let place = stackPlace(i, Register(unchecked: UInt8(r)), offset: 0, width: width)
      if case .notStack = place { continue }
      out.append(place)
    }
    return out
  }

  private func maps(in mask: UInt64) -> [VerifierMap] {
    environment.maps.enumerated().filter { mask & AbstractMachine.mapBit($0.offset) != 0 }.map(\.element)
  }

  /// The stack bytes instruction `i` reads, when it is a load, an atomic or a helper call.
  private func stackReads(_ i: Int) -> [StackPlace] {
    switch graph.code.instructions[i].instruction {
    case .load(let width, _, _, let base, let offset):
      return [stackPlace(i, base, offset: Int64(offset), width: Interval(constant: Int64(width.bytes)))]
    case .atomic(_, let width, let base, let offset, _):
      return [stackPlace(i, base, offset: Int64(offset), width: Interval(constant: Int64(width.bytes)))]
    case .call(let id):
      return helperPlaces(i, id, writes: false)
    default:
      return []
    }
  }

  /// The stack bytes instruction `i` writes.
  private func stackWrites(_ i: Int) -> [StackPlace] {
    switch graph.code.instructions[i].instruction {
    case .store(let width, let base, let offset, _), .atomic(_, let width, let base, let offset, _):
      return [stackPlace(i, base, offset: Int64(offset), width: Interval(constant: Int64(width.bytes)))]
    case .call(let id):
      return helperPlaces(i, id, writes: true)
    default:
      return []
    }
  }

  /// What instruction `i` reads, as slice items (r10 is never defined, so it is left out). A fill
  /// reads its stack slot; a helper call's result depends on its arguments, not on the bytes its
  /// memory arguments point to (a lookup's key decides which value, not whether it may be null).
  private func uses(_ i: Int) -> [SliceItem] {
    let insn = graph.code.instructions[i].instruction
    var out = Self.registers(insn, environment).reads.filter { $0 < 10 }.sorted().map(SliceItem.register)
    if case .call = insn { return out }
    for case .known(let range) in stackReads(i) where !range.isEmpty { out.append(.stack(range)) }
    return out
  }

  private func defines(_ i: Int, _ item: SliceItem) -> Definition {
    switch item {
    case .register(let r):
      return Self.registers(graph.code.instructions[i].instruction, environment).writes.contains(r) ? .fully : .no
    case .stack(let wanted):
      var result = Definition.no
      for place in stackWrites(i) {
        switch place {
        case .known(let range) where range.lowerBound <= wanted.lowerBound && range.upperBound >= wanted.upperBound:
          if case .store = graph.code.instructions[i].instruction { return .fully }
          result = .partly
        case .known(let range) where range.overlaps(wanted):
          result = .partly
        case .unknown:
          result = .partly
        default:
          break
        }
      }
      return result
    }
  }

  /// The registers named in an error's text (`r2` in `valid_access(r2.offset, width=r3)`).
  static func registersNamed(in text: String) -> Set<Int> {
    var out: Set<Int> = []
    let chars = Array(text.utf8)
    var i = 0
    while i < chars.count {
      let previous: UInt8 = i > 0 ? chars[i - 1] : 32
      let isWordBefore =
        (previous >= 48 && previous <= 57) || (previous >= 65 && previous <= 90) || (previous >= 97 && previous <= 122)
        || previous == 95
      if chars[i] == 114, !isWordBefore {  // "r"
        var j = i + 1
        var n = 0
        while j < chars.count, chars[j] >= 48, chars[j] <= 57, j - i <= 2 {
          n = n * 10 + Int(chars[j] - 48)
          j += 1
        }
        let after: UInt8 = j < chars.count ? chars[j] : 32
        let isWordAfter = (after >= 65 && after <= 90) || (after >= 97 && after <= 122) || after == 95
        if j > i + 1, n <= 10, !isWordAfter { out.insert(n) }
        i = max(j, i + 1)
      } else {
        i += 1
      }
    }
    return out
  }

  /// Control may pass from instruction `i` to `normal[i]`; `calls` are the edges from local calls
  /// into their subprograms (a call's fall-through edge is its summary).
  private func successors() -> (normal: [[Int]], calls: [(site: Int, entry: Int)]) {
    let list = graph.code.instructions
    var normal = [[Int]](repeating: [], count: list.count)
    var calls: [(Int, Int)] = []
    for (i, e) in list.enumerated() {
      let next = i + 1 < list.count ? [i + 1] : []
      switch e.instruction {
      case .jump:
        normal[i] = graph.target(of: i).map { [$0] } ?? []
      case .branch:
        normal[i] = (graph.target(of: i).map { [$0] } ?? []) + next
      case .exit:
        break
      case .callLocal:
        normal[i] = next
        if let t = graph.target(of: i) { calls.append((i, t)) }
      default:
        normal[i] = next
      }
    }
    return (normal, calls)
  }

  /// The failure slice of `error`, in pc order, each step with the registers it reads as they were.
  func slice(for error: VerificationMessage, budget: Int = 2_000_000) -> FailureSlice {
    guard let start = graph.instructionAtPC[error.pc] else { return FailureSlice(error: error, steps: []) }
    let list = graph.code.instructions
    let (successors, calls) = successors()
    var predecessors = [[Int]](repeating: [], count: list.count)
    for (i, targets) in successors.enumerated() { for t in targets { predecessors[t].append(i) } }
    var callSites = [Int: [Int]]()
    for c in calls { callSites[c.entry, default: []].append(c.site) }
    let control = ControlDependence(successors: successors)

    var chosen: Set<Int> = []
    var seen: Set<Need> = []
    var queue: [Need] = []
    func need(_ at: Int, _ item: SliceItem) {
      if seen.insert(Need(at: at, item: item)).inserted { queue.append(Need(at: at, item: item)) }
    }
    // Adds an instruction and the branches deciding whether it runs, with their operands.
    func choose(_ i: Int, _ operands: [SliceItem]) {
      for u in operands { need(i, u) }
      var pending = [i]
      while let x = pending.popLast() {
        guard chosen.insert(x).inserted else { continue }
        for b in control.controllers[x] where !chosen.contains(b) {
          for u in uses(b) { need(b, u) }
          pending.append(b)
        }
      }
    }

    let reads = Self.registers(list[start].instruction, environment).reads
    let named = Self.registersNamed(in: error.text).intersection(reads)
    var seeds = (named.isEmpty ? reads : named).filter { $0 < 10 }.sorted().map(SliceItem.register)
    if error.text.hasPrefix("Stack content") {
      for case .known(let range) in stackReads(start) where !range.isEmpty { seeds.append(.stack(range)) }
    }
    choose(start, seeds)

    var head = 0
    while head < queue.count && head < budget {
      let n = queue[head]
      head += 1
      for q in predecessors[n.at] {
        switch defines(q, n.item) {
        case .no: need(q, n.item)
        case .fully: choose(q, uses(q))
        case .partly:
          choose(q, uses(q))
          need(q, n.item)
        }
      }
      // Entering a subprogram: its arguments and the stack come unchanged from the call sites.
      for site in callSites[n.at] ?? [] {
        switch n.item {
        case .register(let r) where r >= 1 && r <= 5:
          choose(site, [n.item])
        case .stack:
          choose(site, [n.item])
        default: break
        }
      }
    }

    let steps = chosen.sorted().map { i -> FailureSlice.Step in
      let (pc, insn) = list[i]
      var state: [String] = []
      if let s = before[i], !s.isBottom {
        for r in Self.registers(insn, environment).reads.sorted() where r < 10 {
          state += AbstractState.describe("r\(r)", s.regs[r], mapFDs: mapFDs)
        }
      }
      return FailureSlice.Step(pc: pc, text: syntax.text(insn, at: pc), state: state)
    }
    return FailureSlice(error: error, steps: steps)
  }
}
