extension BPFObject {
  /// Opcode of a call (`BPF_JMP | BPF_CALL`).
  private static let callOpcode: UInt8 = 0x85
  /// `src` of an LDDW whose immediate is a code address relative to the next instruction
  /// (`BPF_PSEUDO_FUNC`).
  public static let pseudoFunctionSource: UInt8 = 4

  /// Links a program with every function it calls, directly or transitively: each callee is
  /// appended once after the program's own code, bpf-to-bpf call immediates become
  /// `target - (call + 1)`, and code-address LDDWs get `src` = 4 (`BPF_PSEUDO_FUNC`) with the same
  /// relative immediate, as the kernel expects. Map, data and external relocations, line info and
  /// func info of every function are carried over at their new positions; call and code-address
  /// relocations are resolved and dropped. `functions` lists the layout.
  public func link(_ program: BPFProgram) throws(ObjectError) -> BPFProgram {
    func key(_ f: BPFProgram) -> CodeLocation { CodeLocation(section: f.sectionIndex, instruction: f.sectionOffset) }

    var order: [BPFProgram] = [program]
    var starts: [CodeLocation: Int] = [key(program): 0]
    var length = program.instructions.count
    var next = 0
    while next < order.count {
      let f = order[next]
      next += 1
      for r in f.relocations {
        let target: CodeLocation
        switch r.kind {
        case .call(let t), .functionAddress(let t): target = t
        default: continue
        }
        guard starts[target] == nil else { continue }
        guard let callee = functionsByLocation[target] else {
          throw ObjectError(
            .badLink,
            "'\(f.name)' instruction \(r.instruction): target instruction \(target.instruction) of section \(target.section) is not a function of this object")
        }
        starts[target] = length
        length += callee.instructions.count
        order.append(callee)
      }
    }

    var linked = program
    linked.instructions.reserveCapacity(length)
    linked.functions = []
    linked.relocations = []
    linked.lineInfo = []
    linked.funcInfo = []
    for f in order {
      let base = starts[key(f)] ?? 0
      if base > 0 { linked.instructions.append(contentsOf: f.instructions) }
      linked.functions.append(.init(name: f.name, sectionName: f.sectionName, start: base, count: f.instructions.count))
      for r in f.relocations {
        let at = base + r.instruction
        switch r.kind {
        case .call(let t), .functionAddress(let t):
          let delta = (starts[t] ?? 0) - (at + 1)
          guard let imm = Int32(exactly: delta) else {
            throw ObjectError(.badLink, "'\(f.name)' instruction \(r.instruction): call distance \(delta) does not fit in 32 bits")
          }
          linked.instructions[at].imm = imm
          if case .functionAddress = r.kind { linked.instructions[at].src = BPFObject.pseudoFunctionSource }
        default:
          var moved = r
          moved.instruction = at
          linked.relocations.append(moved)
        }
      }
      for var l in f.lineInfo {
        l.instruction += base
        linked.lineInfo.append(l)
      }
      for var fi in f.funcInfo {
        fi.instruction += base
        linked.funcInfo.append(fi)
      }
    }
    return linked
  }
}
