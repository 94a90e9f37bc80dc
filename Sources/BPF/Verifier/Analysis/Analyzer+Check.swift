/// The checking pass over the fixpoint: every reachable instruction runs once more per context,
/// this time recording failed checks; loop counters are bounded; proofs are collected.
extension Analyzer {
  /// What the checking pass found.
  struct Outcome {
    /// Failed checks by pc, each message once, in discovery order within a pc.
    var errors: [Int: [String]] = [:]
    /// Notes (not errors) by pc.
    var notes: [Int: [String]] = [:]
    /// Instruction indices reached with a non-empty state.
    var reached: Set<Int> = []
    /// Memory-access pcs reached, and those whose checks failed somewhere.
    var accessesReached: Set<Int> = []
    var accessesFailed: Set<Int> = []
    /// Per loop head pc: the most times the head is entered per entry of the loop (nil: unbounded).
    var loopBounds: [(pc: Int, bound: Int64?)] = []
    /// The most times any loop head is entered in one run (products over nested loops).
    var maxLoopCount: UInt64 = 0

    mutating func add(_ message: String, at pc: Int) {
      if errors[pc]?.contains(message) == true { return }
      errors[pc, default: []].append(message)
    }
  }

  /// Re-runs every reachable instruction recording findings; `visit` sees each instruction's
  /// states (for verbose dumps and failure slices).
  func check(
    visit: (
      (_ node: Int, _ instruction: Int, _ before: AbstractState, _ after: AbstractState, _ errors: [String]) -> Void
    )? =
      nil
  ) -> Outcome {
    var outcome = Outcome()
    let findings = Findings(recording: true)
    let machine = AbstractMachine(environment: environment, options: options, findings: findings)
    for v in 0..<graph.nodes.count {
      guard let start = pre[v], !start.isBottom else { continue }
      var s = start
      var ordinal = 0
      for i in graph.instructions(of: v) {
        let (pc, insn) = graph.code.instructions[i]
        let site = Site(pc: pc, depth: s.depth, nullID: graph.nullID(node: v, ordinal: ordinal))
        if case .call = insn { ordinal += 1 }
        if case .callRegister = insn { ordinal += 1 }
        findings.reset()
        let before = s
        machine.execute(insn, at: site, &s)
        if case .exit = insn { machine.checkExit(s) }
        outcome.reached.insert(i)
        switch insn {
        case .load, .store, .atomic:
          outcome.accessesReached.insert(pc)
          if !findings.allChecksPassed { outcome.accessesFailed.insert(pc) }
        default:
          break
        }
        for m in findings.errors { outcome.add(m, at: pc) }
        for m in findings.notes where outcome.notes[pc]?.contains(m) != true {
          outcome.notes[pc, default: []].append(m)
        }
        visit?(v, i, before, s, findings.errors)
        if s.isBottom { break }
      }
    }
    checkLoops(&outcome)
    return outcome
  }

  /// Bounds every loop: the head of a loop nested in others is reached at most its own bound times
  /// per entry, and the loop is entered at most its parent's total times, so the totals multiply.
  /// The limit applies to the totals (one loop of 200,000 trips and two nested loops of 500 are
  /// both refused), as PREVAIL's per-head counters, which are never reset, count totals.
  private func checkLoops(_ outcome: inout Outcome) {
    var totals: [UInt64] = Array(repeating: 0, count: wto.components.count)
    // How many times each loop may be entered in one run. Between two entries of a loop the run
    // passes its parent's head (else both would lie in one component), so a loop is entered at
    // most once per arrival at its parent's head — plus once per entry of the parent when the
    // parent can be entered below its head (irreducible), where the child may run before the
    // parent's head is ever reached. A loop outside every other is entered at most once.
    var entries: [UInt64] = Array(repeating: 1, count: wto.components.count)
    // Components are created parents first, so a parent's total is known before its children's.
    for (c, component) in wto.components.enumerated() {
      if let p = component.parent {
        let extra = enteredBelowHead(p) ? entries[p] : 0
        let (e, o) = totals[p].addingReportingOverflow(extra)
        entries[c] = o ? .max : e
      }
      guard let s = pre[component.head], !s.isBottom else { continue }
      let pc = graph.code.instructions[graph.instructions(of: component.head).lowerBound].pc
      let hi = s.loopCount(component.depth).hi
      outcome.loopBounds.append((pc, hi == .max ? nil : hi))
      let (t, o) = UInt64(max(0, hi)).multipliedReportingOverflow(by: max(entries[c], 1))
      totals[c] = hi == .max || o || entries[c] == .max ? .max : t
      guard totals[c] <= UInt64(options.loopLimit) else {
        outcome.add("Loop counter is too large (pc[\(pc)] < \(options.loopLimit))", at: pc)
        continue
      }
      outcome.maxLoopCount = max(outcome.maxLoopCount, totals[c])
    }
  }

  /// True when an edge from outside component `c` reaches one of its vertices other than the head.
  private func enteredBelowHead(_ c: Int) -> Bool {
    let component = wto.components[c]
    for v in component.vertices where v != component.head {
      for e in graph.predecessors[v] where !wto.isInside(e.from, c) { return true }
    }
    return false
  }
}

extension AbstractMachine {
  /// The conditions at `exit`: the program returns a number; a subprogram returns something.
  func checkExit(_ s: AbstractState) {
    guard !s.isBottom else { return }
    let r0 = s.regs[0]
    if s.depth == 0 {
      if r0.types != .number { findings.fail("Invalid type (\(AssertionText.type(.r0, .number)))") }
    } else if !r0.isInitialized {
      findings.fail("Uninitialized register (r0.type != uninit)")
    }
  }
}
