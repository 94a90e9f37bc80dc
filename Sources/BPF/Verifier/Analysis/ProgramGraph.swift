/// The control-flow graph the analysis runs on: basic blocks of the program, expanded per calling
/// context so that each bpf-to-bpf call site analyses its callee with its own states (calls are
/// inlined, not summarised). Nodes are (context, block) pairs reachable from the entry.
struct ProgramGraph {
  /// A maximal straight-line run of instructions (indices into `code.instructions`).
  struct Block {
    var first: Int
    var end: Int  // exclusive
  }

  /// How control reaches a successor.
  enum EdgeKind: Hashable {
    case next
    case jump
    case taken
    case notTaken
    /// Into a callee (a new frame).
    case call
    /// From a callee's exit back to the instruction after the call made at node `callNode`.
    case ret(callNode: Int)
  }

  struct Edge: Hashable {
    var from: Int
    var to: Int
    var kind: EdgeKind
  }

  /// A calling context: the chain of call sites leading to the code.
  struct Context {
    var parent: Int?
    /// Instruction index of the `call` that created it.
    var callSite: Int
    /// Call depth (0 for the program).
    var depth: Int
    /// The node whose block ends with the call.
    var callNode: Int
    /// The block execution resumes at after the callee returns.
    var returnBlock: Int
    /// Entry blocks of the functions on the chain (to detect recursion).
    var functionEntries: Set<Int>
  }

  struct Node {
    var context: Int
    var block: Int
    /// The first null id of the helper calls in this node (see `nullID`).
    var callIDBase: UInt32
  }

  let code: DecodedProgram
  private(set) var blocks: [Block] = []
  /// Block index of each instruction.
  private(set) var blockOfInstruction: [Int] = []
  private(set) var contexts: [Context] = []
  private(set) var nodes: [Node] = []
  private(set) var successors: [[Edge]] = []
  private(set) var predecessors: [[Edge]] = []
  /// Problems found while building: (instruction index, message).
  private(set) var errors: [(Int, String)] = []
  /// Instruction index of each pc (slot) that starts an instruction.
  let instructionAtPC: [Int: Int]

  /// Builds the graph; `maxDepth` frames may be live, `maxNodes` bounds the expansion.
  init(code: DecodedProgram, maxDepth: Int, maxInstructionVisits: Int) {
    self.code = code
    var map: [Int: Int] = [:]
    for (i, entry) in code.instructions.enumerated() { map[entry.pc] = i }
    instructionAtPC = map
    buildBlocks()
    expand(maxDepth: maxDepth, maxInstructionVisits: maxInstructionVisits)
  }

  /// The instruction index a jump or call at instruction `i` targets.
  func target(of i: Int) -> Int? {
    let (pc, insn) = code.instructions[i]
    return insn.target(from: pc).flatMap { instructionAtPC[$0] }
  }

  private mutating func buildBlocks() {
    let n = code.instructions.count
    var leader = [Bool](repeating: false, count: n + 1)
    leader[0] = true
    for (i, entry) in code.instructions.enumerated() {
      switch entry.instruction {
      case .branch, .jump, .callLocal:
        if let t = target(of: i) { leader[t] = true }
        leader[i + 1] = true
      case .exit:
        leader[i + 1] = true
      default:
        break
      }
    }
    blockOfInstruction = [Int](repeating: 0, count: n)
    var start = 0
    for i in 1...n where leader[i] || i == n {
      blocks.append(Block(first: start, end: i))
      start = i
    }
    for (b, block) in blocks.enumerated() {
      for i in block.first..<block.end { blockOfInstruction[i] = b }
    }
  }

  private mutating func expand(maxDepth: Int, maxInstructionVisits: Int) {
    var index: [Int: Int] = [:]  // (context, block) -> node
    let blockCount = blocks.count
    contexts.append(
      Context(parent: nil, callSite: -1, depth: 0, callNode: -1, returnBlock: -1, functionEntries: [0]))
    var contextIndex: [[Int]: Int] = [[]: 0]
    var contextKeys: [[Int]] = [[]]
    var visits = 0
    var callIDs: UInt32 = 1
    func node(_ context: Int, _ block: Int) -> Int? {
      let key = context * blockCount + block
      if let n = index[key] { return n }
      let b = blocks[block]
      visits += b.end - b.first
      if visits > maxInstructionVisits { return nil }
      index[key] = nodes.count
      var calls: UInt32 = 0
      for i in b.first..<b.end {
        if case .call = code.instructions[i].instruction { calls += 1 }
        if case .callRegister = code.instructions[i].instruction { calls += 1 }
      }
      nodes.append(Node(context: context, block: block, callIDBase: callIDs))
      callIDs &+= calls
      successors.append([])
      predecessors.append([])
      return nodes.count - 1
    }
    guard node(0, 0) != nil else { return }
    var work = 0
    var tooLarge = false
    while work < nodes.count {
      let v = work
      work += 1
      let ctx = nodes[v].context
      let block = blocks[nodes[v].block]
      let last = block.end - 1
      var out: [(Int, Int, EdgeKind)] = []  // (context, block, kind)
      switch code.instructions[last].instruction {
      case .branch:
        if last + 1 < code.instructions.count { out.append((ctx, blockOfInstruction[last + 1], .notTaken)) }
        if let t = target(of: last) { out.append((ctx, blockOfInstruction[t], .taken)) }
      case .jump:
        if let t = target(of: last) { out.append((ctx, blockOfInstruction[t], .jump)) }
      case .exit:
        let c = contexts[ctx]
        if let parent = c.parent { out.append((parent, c.returnBlock, .ret(callNode: c.callNode))) }
      case .callLocal:
        guard let t = target(of: last) else { break }
        let c = contexts[ctx]
        let targetBlock = blockOfInstruction[t]
        if c.functionEntries.contains(targetBlock) {
          errors.append((last, "Recursive call to the function at \(code.instructions[t].pc) is not allowed"))
          break
        }
        if c.depth + 1 >= maxDepth {
          errors.append((last, "Call depth exceeds the limit of \(maxDepth) frames"))
          break
        }
        guard last + 1 < code.instructions.count else { break }
        let key = contextKeys[ctx] + [last]
        let child: Int
        if let existing = contextIndex[key] {
          child = existing
        } else {
          child = contexts.count
          contexts.append(
            Context(
              parent: ctx, callSite: last, depth: c.depth + 1, callNode: v,
              returnBlock: blockOfInstruction[last + 1], functionEntries: c.functionEntries.union([targetBlock])))
          contextIndex[key] = child
          contextKeys.append(key)
        }
        out.append((child, targetBlock, .call))
      default:
        if last + 1 < code.instructions.count { out.append((ctx, blockOfInstruction[last + 1], .next)) }
      }
      for (c, b, kind) in out {
        guard let w = node(c, b) else {
          tooLarge = true
          break
        }
        let e = Edge(from: v, to: w, kind: kind)
        successors[v].append(e)
        predecessors[w].append(e)
      }
      if tooLarge { break }
    }
    if tooLarge {
      errors.append(
        (0, "Program is too complex to verify (more than \(maxInstructionVisits) instructions after inlining calls)"))
    }
  }

  /// The null id of the `ordinal`-th helper call in node `v`'s block.
  func nullID(node v: Int, ordinal: Int) -> UInt32 { nodes[v].callIDBase &+ UInt32(ordinal) }

  /// True when context `a` is `b` or one of its callers.
  func isAncestor(_ a: Int, of b: Int) -> Bool {
    var c: Int? = b
    while let x = c {
      if x == a { return true }
      c = contexts[x].parent
    }
    return false
  }

  /// Depth of node `v`'s code.
  func depth(of v: Int) -> Int { contexts[nodes[v].context].depth }

  /// The instructions of node `v`.
  func instructions(of v: Int) -> Range<Int> {
    let b = blocks[nodes[v].block]
    return b.first..<b.end
  }
}
