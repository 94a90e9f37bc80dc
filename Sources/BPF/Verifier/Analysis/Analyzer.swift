/// The fixpoint computation: forward abstract interpretation over the expanded control-flow graph
/// in weak topological order, widening at loop heads (with thresholds from the program's constants),
/// then a few narrowing passes; loop counters (one per nesting level, reset on entry, kept both
/// counting up and counting down so indexes moving either way relate to them) measure every loop so
/// termination can be checked. A final pass re-runs every reachable instruction from the
/// fixpoint states and records the failed checks.
final class Analyzer {
  let graph: ProgramGraph
  let wto: WeakTopologicalOrder
  let environment: VerifierEnvironment
  let options: VerifierOptions
  private let machine: AbstractMachine
  private let thresholds: [Int64]
  /// Fixpoint state before each node's block, and after it (before the edge refinements).
  private(set) var pre: [AbstractState?]
  private(set) var post: [AbstractState?]
  /// Work spent so far: instruction visits, each weighted by the zone's size relative to a
  /// loop-free program's (every nesting level adds variables), so the budget bounds time rather
  /// than visits.
  private var work = 0
  /// What one instruction visit costs at this zone size.
  private let visitCost: Int
  /// Variables of this program's zones (programs nested past `maxNesting` are refused unanalysed).
  private let zoneSize: Int
  /// True when the analysis budget ran out (the result is then a failure).
  private(set) var exhausted = false

  /// Widen after this many plain joins at a head.
  private let widenDelay = 2
  /// Widening steps that may stop at thresholds before jumping to infinity (a finite set, so this
  /// only bounds the work on programs with very many constants).
  private let thresholdSteps = 24
  /// Iterations after which a loop head keeps only bounds (no relations): closing a widened zone
  /// can re-tighten what widening loosened, and such sequences need not stabilise; bounds alone
  /// do. Programs that need this many iterations lose precision, never soundness.
  private let closingIterations = 48

  init(graph: ProgramGraph, environment: VerifierEnvironment, options: VerifierOptions) {
    self.graph = graph
    self.environment = environment
    self.options = options
    wto = WeakTopologicalOrder(vertexCount: graph.nodes.count, entry: 0, depthLimit: Analyzer.maxNesting) { v in
      graph.successors[v].map(\.to)
    }
    machine = AbstractMachine(environment: environment, options: options, findings: Findings(recording: false))
    pre = Array(repeating: nil, count: graph.nodes.count)
    post = Array(repeating: nil, count: graph.nodes.count)
    thresholds = Analyzer.thresholds(of: graph.code, options: options)
    reallocatingContexts = Analyzer.reallocatingContexts(graph, environment)
    // Measured: a visit's time grows about as the zone size to the fourth power in deep nests
    // (closing the zone at every head iteration dominates).
    zoneSize = AbstractState.Var.count(levels: min(max(1, wto.levels), Analyzer.maxNesting))
    let n = zoneSize
    let base = AbstractState.Var.count(levels: 1)
    visitCost = max(1, (n * n * n * n) / (base * base * base * base))
  }

  /// Calling contexts whose code (callees included) may call a helper that moves the data region.
  private let reallocatingContexts: Set<Int>

  static func reallocatingContexts(_ graph: ProgramGraph, _ environment: VerifierEnvironment) -> Set<Int> {
    var out: Set<Int> = []
    for v in graph.nodes.indices {
      let moves = graph.instructions(of: v).contains { i in
        switch graph.code.instructions[i].instruction {
        case .call(let id): return environment.helpers[id]?.reallocatesData ?? false
        case .callRegister: return environment.helpers.values.contains(where: \.reallocatesData)
        default: return false
        }
      }
      guard moves else { continue }
      var c: Int? = graph.nodes[v].context
      while let x = c, out.insert(x).inserted { c = graph.contexts[x].parent }
    }
    return out
  }

  /// Constants the program compares against or moves (and their neighbours), in both signs.
  static func thresholds(of code: DecodedProgram, options: VerifierOptions) -> [Int64] {
    var set: Set<Int64> = [0, 1, -1, options.dataSizeLimit, options.dataSizeLimit + 1, options.loopLimit]
    for (_, insn) in code.instructions {
      var c: Int64? = nil
      switch insn {
      case .branch(_, _, _, .immediate(let v), _): c = Int64(v)
      case .alu(.mov, _, _, .immediate(let v)): c = Int64(v)
      default: break
      }
      if let c {
        for d: Int64 in [-1, 0, 1] {
          set.insert(c + d)
          set.insert(-(c + d))
        }
      }
      if set.count > 4096 { break }
    }
    return set.sorted()
  }

  /// Loop nesting levels the analysis takes on: each level adds two zone variables, and every
  /// zone operation costs their number squared or cubed, while an outer iteration re-analyses all
  /// the levels inside it. Real programs stay far below this.
  static let maxNesting = 16

  /// The refusal of a program whose loops nest deeper than `maxNesting`, at the first such head.
  func nestingError() -> (pc: Int, message: String)? {
    guard wto.levels > Analyzer.maxNesting,
      let c = wto.components.first(where: { $0.depth == Analyzer.maxNesting })
    else { return nil }
    let pc = graph.code.instructions[graph.instructions(of: c.head).lowerBound].pc
    return (pc, "Loops are nested too deeply to verify (more than \(Analyzer.maxNesting) levels)")
  }

  // MARK: Fixpoint

  /// Runs the analysis.
  func run() {
    guard !graph.nodes.isEmpty else { return }
    iterate(wto.elements)
  }

  private func iterate(_ elements: [WeakTopologicalOrder.Element]) {
    for e in elements {
      if exhausted { return }
      switch e {
      case .vertex(let v): update(v, pre: computePre(v))
      case .component(let c): stabilize(c)
      }
    }
  }

  private func update(_ v: Int, pre state: AbstractState?) {
    if let state, !holdsState[v] {
      holdsState[v] = true
      charge(Analyzer.storageCost(state))
    }
    pre[v] = state
    post[v] = state.map { blockOutput(v, $0) }
  }

  /// Nodes that have held a state (each is charged its storage once).
  private lazy var holdsState = [Bool](repeating: false, count: graph.nodes.count)

  /// Adds `units` to the work done; the analysis stops when the budget is spent.
  private func charge(_ units: Int) {
    work += units
    if work > options.analysisBudget { exhausted = true }
  }

  /// What keeping a node's states costs: a visit per 256 bytes of one state (zone matrix, stack
  /// bytes, registers). Without it, inlined call trees whose frames stay small in visits keep
  /// gigabytes of states (a 1,000-instruction program fanning out three calls per level, seven
  /// levels deep: 2.6 GB); with it, the states kept stay within about 512 MB (pre and post).
  static func storageCost(_ s: AbstractState) -> Int {
    let bytes = s.zone.count * s.zone.count * 8 + s.stack.size + 10 * MemoryLayout<RegisterValue>.stride
    return max(1, bytes / 256)
  }

  /// What one iteration at a loop head costs beyond its block: closing the zone and closing it
  /// again to compare (n^3 steps each, about a thousandth of a visit at the base size). Counting
  /// only the instructions let nests with tiny bodies close zones for seconds (16 nested
  /// two-trip loops of two instructions: 6.9 s).
  private var headIterationCost: Int { max(1, zoneSize * zoneSize * zoneSize / 1000) }



  private func stabilize(_ c: Int) {
    let component = wto.components[c]
    let h = component.head
    for v in component.vertices {
      pre[v] = nil
      post[v] = nil
    }
    var raw: AbstractState? = nil
    var iteration = 0
    while !exhausted {
      guard let fresh = computePre(h) else {
        // Nothing reaches the head yet — but an irreducible loop may be entered below its head,
        // and its back edges then bring the head a state: run the body, then look again.
        if iteration > 0 { return }
        update(h, pre: nil)
        iterate(component.elements)
        iteration += 1
        continue
      }
      var next: AbstractState
      if let old = pre[h], let previous = raw {
        if fresh.isIncluded(in: old) { break }
        if iteration < widenDelay {
          next = previous.join(fresh)
        } else {
          let t = iteration - widenDelay < thresholdSteps && iteration < closingIterations ? thresholds : []
          next = previous.widen(previous.join(fresh), thresholds: t)
        }
      } else {
        next = fresh
      }
      if iteration >= closingIterations {
        // Past this point relations are dropped at the head: bounds alone widen to a limit in few
        // steps, and closure can no longer re-tighten what widening loosened.
        next.zone.keepBoundsOnly()
      }
      // The join holds every state of `fresh`; when it no longer changes the iterate, that iterate
      // is a post-fixpoint even if `isIncluded` could not see it (two forms of one state).
      if let previous = raw, next == previous { break }
      raw = next
      charge(headIterationCost)
      update(h, pre: next.closed())
      iterate(component.elements)
      iteration += 1
    }
    // Narrowing: recompute from the post-fixpoint while it keeps shrinking.
    for _ in 0..<2 where !exhausted {
      guard let fresh = computePre(h), let old = pre[h], fresh.isIncluded(in: old), !old.isIncluded(in: fresh) else {
        break
      }
      charge(headIterationCost)
      update(h, pre: fresh)
      iterate(component.elements)
    }
  }

  /// The join of what flows into `v` (with the loop counter of a head reset on entering edges and
  /// incremented on every arrival); nil when nothing reaches it yet.
  func computePre(_ v: Int) -> AbstractState? {
    let head = wto.component(headedBy: v)
    let depth = head.map { wto.components[$0].depth }
    var result: AbstractState? = nil
    func add(_ s: AbstractState, entering: Bool) {
      guard !s.isBottom else { return }
      var s = s
      if entering, let depth {
        s.zone.assign(AbstractState.Var.counter(depth), Interval(constant: 0))
        s.zone.assign(AbstractState.Var.countdown(depth), Interval(constant: 0))
      }
      // Loop heads join plainly (their fixpoint needs a stable form); elsewhere a join may keep
      // bytes written on one side under a guard.
      result = result.map { depth == nil ? $0.joinGuarding(s) : $0.join(s) } ?? s
    }
    if v == 0 {
      add(
        AbstractState.entry(
          counters: max(1, wto.levels), dataSizeLimit: options.dataSizeLimit,
          hasMeta: environment.context.metaOffset != nil),
        entering: true)
    }
    for e in graph.predecessors[v] {
      guard let out = edgeOutput(e) else { continue }
      let entering = head.map { !wto.isInside(e.from, $0) } ?? false
      add(out, entering: entering)
    }
    if let depth, var r = result {
      r.zone.shift(AbstractState.Var.counter(depth), by: 1)
      r.zone.shift(AbstractState.Var.countdown(depth), by: -1)
      r.synchronize()
      result = r
    }
    return result
  }

  /// The state along edge `e`, or nil when its source has none.
  func edgeOutput(_ e: ProgramGraph.Edge) -> AbstractState? {
    guard let out = post[e.from] else { return nil }
    switch e.kind {
    case .next, .jump:
      return out
    case .taken, .notTaken:
      let last = graph.instructions(of: e.from).upperBound - 1
      guard case .branch(let cond, let size, let dst, let source, _) = graph.code.instructions[last].instruction else {
        return out
      }
      return machine.assume(cond, size, dst, source, taken: e.kind == .taken, out)
    case .call:
      var s = out
      s.depth += 1
      s.keepFrames(s.depth + 1)
      for r in [0, 6, 7, 8, 9] { s.clobber(r) }
      return s
    case .ret(let callNode):
      guard let site = post[callNode] else { return nil }
      return Analyzer.returning(
        from: out, to: site, counters: unchangedCounters(across: callNode),
        dataMoved: reallocatingContexts.contains(graph.nodes[e.from].context))
    }
  }

  /// The pc of the head of each loop around node `v`, by nesting depth.
  func loopHeads(around v: Int) -> [Int: Int] {
    var out: [Int: Int] = [:]
    var c = v < wto.componentOf.count ? wto.componentOf[v] : nil
    while let x = c {
      let component = wto.components[x]
      out[component.depth] = graph.code.instructions[graph.instructions(of: component.head).lowerBound].pc
      c = component.parent
    }
    return out
  }

  /// The loop counters a call made at `callNode` cannot change: those of the loops around the
  /// call whose heads lie outside the callee.
  func unchangedCounters(across callNode: Int) -> [Int] {
    let context = graph.nodes[callNode].context
    var out: [Int] = []
    var c = wto.componentOf[callNode]
    while let x = c {
      let component = wto.components[x]
      if graph.nodes[component.head].context == context
        || graph.isAncestor(graph.nodes[component.head].context, of: context)
      {
        out += [AbstractState.Var.counter(component.depth), AbstractState.Var.countdown(component.depth)]
      }
      c = component.parent
    }
    return out
  }

  /// The caller's state after a callee returns: the callee's r0, memory and knowledge of the data
  /// size; the caller's r6–r9 (saved by the call) with their relations to the data size and to
  /// the counters of loops around the call; r1–r5 clobbered; the callee's frame gone. When the
  /// callee may have moved the data region (`dataMoved`), what the caller knew of the data size
  /// and metadata is stale and its saved data pointers die, as the callee's own did.
  static func returning(
    from exit: AbstractState, to site: AbstractState, counters: [Int] = [], dataMoved: Bool = false
  ) -> AbstractState {
    typealias Var = AbstractState.Var
    var r = exit
    var shared = (dataMoved ? [Var.zero] : [Var.zero, Var.packetSize, Var.metaOffset]) + counters
    for reg in 6...9 {
      r.regs[reg] = site.regs[reg]
      r.zone.forget(Var.value(reg))
      r.zone.forget(Var.offset(reg))
      shared += [Var.value(reg), Var.offset(reg)]
    }
    r.zone.importConstraints(from: site.zone, among: shared)
    for reg in 6...9 where dataMoved && r.regs[reg].types.contains(.packet) {
      var v = r.regs[reg]
      v.types.remove(.packet)
      if v.types.isEmpty || v.types == .uninit { v = .uninit } else { v.types.insert(.uninit) }
      r.set(reg, v)
    }
    for reg in 1...5 { r.clobber(reg) }
    r.depth = site.depth
    r.keepFrames(site.depth + 1)
    r.synchronize()
    return r
  }

  /// Runs node `v`'s block from `state` (without recording findings).
  func blockOutput(_ v: Int, _ state: AbstractState) -> AbstractState {
    var s = state
    var ordinal = 0
    for i in graph.instructions(of: v) {
      if s.isBottom { break }
      let (pc, insn) = graph.code.instructions[i]
      let site = Site(pc: pc, depth: s.depth, nullID: graph.nullID(node: v, ordinal: ordinal))
      if case .call = insn { ordinal += 1 }
      if case .callRegister = insn { ordinal += 1 }
      machine.execute(insn, at: site, &s)
      charge(visitCost)
    }
    return s
  }
}
