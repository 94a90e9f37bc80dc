/// Collects what the report levels need from the checking pass: every instruction's states
/// (verbose), or the state before each instruction for failure slices (informational; the slice
/// itself is in `StateRecorder+Slice.swift`).
final class StateRecorder {
  let level: VerificationLevel
  let graph: ProgramGraph
  let environment: VerifierEnvironment
  let syntax: KernelSyntax
  /// The descriptor each map index is printed as (`r1.map_fd=1`), from the environment's fds.
  let mapFDs: [Int: Int32]
  private(set) var entries: [InvariantEntry] = []
  /// The first state seen before each instruction (informational).
  private(set) var before: [Int: AbstractState] = [:]

  /// The pcs of the loop heads around node `v`, by nesting depth (to name loop counters `pc[N]`).
  let loopHeads: (Int) -> [Int: Int]

  init(
    level: VerificationLevel, graph: ProgramGraph, environment: VerifierEnvironment,
    loopHeads: @escaping (Int) -> [Int: Int] = { _ in [:] }
  ) {
    self.level = level
    self.graph = graph
    self.environment = environment
    self.loopHeads = loopHeads
    let helpers = environment.helpers
    syntax = KernelSyntax(helperCall: { helpers[$0]?.listing })
    var fds: [Int: Int32] = [:]
    for (fd, index) in environment.mapIndexByFD where fds[index].map({ fd < $0 }) ?? true { fds[index] = fd }
    mapFDs = fds
  }

  var wantsStates: Bool { level != .normal }

  /// The call chain of node `v` (pcs of the calls, outermost first).
  private func callChain(_ v: Int) -> [Int] {
    var chain: [Int] = []
    var c: Int? = graph.nodes[v].context
    while let x = c, let parent = graph.contexts[x].parent {
      chain.append(graph.code.instructions[graph.contexts[x].callSite].pc)
      c = parent
    }
    return chain.reversed()
  }

  func record(_ node: Int, _ instruction: Int, _ pre: AbstractState, _ post: AbstractState, _ errors: [String]) {
    let (pc, insn) = graph.code.instructions[instruction]
    switch level {
    case .verbose:
      let hasData = environment.context.hasData
      let heads = loopHeads(node)
      entries.append(
        InvariantEntry(
          pc: pc, callChain: callChain(node), pre: pre.constraints(hasData: hasData, loopHeads: heads, mapFDs: mapFDs),
          post: post.constraints(hasData: hasData, loopHeads: heads, mapFDs: mapFDs), text: syntax.text(insn, at: pc)))
    case .informational:
      if before[instruction] == nil { before[instruction] = pre }
    case .normal:
      break
    }
  }

  /// The registers an instruction reads and writes.
  static func registers(_ insn: DecodedInstruction, _ environment: VerifierEnvironment) -> (
    reads: Set<Int>, writes: Set<Int>
  ) {
    func idx(_ r: Register) -> Int { Int(r.index) }
    switch insn {
    case .alu(let op, _, let dst, let source):
      var reads: Set<Int> = op == .mov || op == .movsx8 || op == .movsx16 || op == .movsx32 ? [] : [idx(dst)]
      if case .register(let r) = source { reads.insert(idx(r)) }
      return (reads, [idx(dst)])
    case .negate(_, let dst), .byteSwap(_, _, let dst):
      return ([idx(dst)], [idx(dst)])
    case .load(_, _, let dst, let base, _):
      return ([idx(base)], [idx(dst)])
    case .store(_, let base, _, let value):
      if case .register(let r) = value { return ([idx(base), idx(r)], []) }
      return ([idx(base)], [])
    case .atomic(let op, _, let base, _, let src):
      if op == .compareExchange { return ([idx(base), idx(src), 0], [0]) }
      return ([idx(base), idx(src)], op.fetches ? [idx(src)] : [])
    case .loadImmediate64(let dst, _):
      return ([], [idx(dst)])
    case .branch(_, _, let dst, let source, _):
      if case .register(let r) = source { return ([idx(dst), idx(r)], []) }
      return ([idx(dst)], [])
    case .call(let id):
      let n = environment.helpers[id]?.arguments.count ?? 0
      return (Set(1..<(n + 1)), [0, 1, 2, 3, 4, 5])
    case .callRegister(let r):
      return ([idx(r)], [0, 1, 2, 3, 4, 5])
    case .callLocal:
      return ([1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5])
    case .exit:
      return ([0], [])
    case .jump, .legacyPacketLoad, .callBTF:
      return ([], [])
    }
  }
}
