/// Prints instructions in the bpf_conformance dialect that `Assembler` reads. Jump targets are
/// printed as signed slot offsets (`+3`, `-1`), so `Assembler.assemble(AssemblySyntax.listing(p))`
/// reproduces the slots of `p` exactly.
public enum AssemblySyntax {
  /// One instruction as a line of assembly (without newline).
  public static func text(_ insn: DecodedInstruction) -> String {
    switch insn {
    case .alu(let op, let size, let dst, let source):
      let suffix = size == .bits32 ? "32" : ""
      switch op {
      case .movsx8, .movsx16, .movsx32:
        let from = op == .movsx8 ? "8" : op == .movsx16 ? "16" : "32"
        return "movsx\(from)\(size == .bits32 ? "32" : "64") \(reg(dst)), \(operand(source))"
      default:
        return "\(name(op))\(suffix) \(reg(dst)), \(operand(source))"
      }
    case .negate(let size, let dst):
      return "neg\(size == .bits32 ? "32" : "") \(reg(dst))"
    case .byteSwap(let kind, let bits, let dst):
      let stem = kind == .toLittleEndian ? "le" : kind == .toBigEndian ? "be" : "bswap"
      return "\(stem)\(bits) \(reg(dst))"
    case .load(let width, let sx, let dst, let base, let offset):
      return "ldx\(sx ? "s" : "")\(suffix(width)) \(reg(dst)), \(memory(base, offset))"
    case .store(let width, let base, let offset, let value):
      switch value {
      case .register(let src): return "stx\(suffix(width)) \(memory(base, offset)), \(reg(src))"
      case .immediate(let imm): return "st\(suffix(width)) \(memory(base, offset)), \(imm)"
      }
    case .atomic(let op, let width, let base, let offset, let src):
      let w = width == .word ? "32" : ""
      let body: String
      switch op {
      case .add(let f): body = "\(f ? "fetch " : "")add\(w)"
      case .or(let f): body = "\(f ? "fetch " : "")or\(w)"
      case .and(let f): body = "\(f ? "fetch " : "")and\(w)"
      case .xor(let f): body = "\(f ? "fetch " : "")xor\(w)"
      case .exchange: body = "xchg\(w)"
      case .compareExchange: body = "cmpxchg\(w)"
      }
      return "lock \(body) \(memory(base, offset)), \(reg(src))"
    case .loadImmediate64(let dst, let value):
      let v: String
      switch value {
      case .value(let x): v = "0x" + String(x, radix: 16)
      case .mapByFD(let fd): v = "map_fd(\(fd))"
      case .mapValue(let fd, let off): v = "map_value(\(fd), \(signed(off)))"
      case .variableAddress(let id): v = "var_addr(\(id))"
      case .codeAddress(let off): v = "code_addr(\(signed(off)))"
      case .mapByIndex(let i): v = "map_idx(\(i))"
      case .mapValueByIndex(let i, let off): v = "map_value_idx(\(i), \(signed(off)))"
      }
      return "lddw \(reg(dst)), \(v)"
    case .legacyPacketLoad(let width, let index, let imm):
      if let index { return "ldind\(suffix(width)) \(reg(index)), \(imm)" }
      return "ldabs\(suffix(width)) \(imm)"
    case .jump(let offset, let long):
      return "\(long ? "ja32" : "ja") \(signed(offset))"
    case .branch(let cond, let size, let dst, let source, let offset):
      return "j\(name(cond))\(size == .bits32 ? "32" : "") \(reg(dst)), \(operand(source)), \(signed(Int32(offset)))"
    case .call(let id): return "call \(id)"
    case .callLocal(let offset): return "call local \(signed(offset))"
    case .callBTF(let id): return "call runtime \(id)"
    case .callRegister(let r): return "call \(reg(r))"
    case .exit: return "exit"
    }
  }

  /// The whole program, one instruction per line, each line ending in a newline.
  public static func listing(_ program: DecodedProgram) -> String {
    var out = ""
    for (_, insn) in program.instructions {
      out += text(insn)
      out += "\n"
    }
    return out
  }

  static func reg(_ r: Register) -> String { "%r\(r.index)" }

  static func operand(_ s: Source) -> String {
    switch s {
    case .register(let r): reg(r)
    case .immediate(let v): String(v)
    }
  }

  static func memory(_ base: Register, _ offset: Int16) -> String {
    offset == 0 ? "[\(reg(base))]" : "[\(reg(base))\(offset < 0 ? "-" : "+")\(offset.magnitude)]"
  }

  static func signed(_ v: Int32) -> String { v < 0 ? String(v) : "+\(v)" }

  static func suffix(_ w: MemoryWidth) -> String {
    switch w {
    case .byte: "b"
    case .halfWord: "h"
    case .word: "w"
    case .doubleWord: "dw"
    }
  }

  static func name(_ op: ALUOperation) -> String {
    switch op {
    case .add: "add"
    case .sub: "sub"
    case .mul: "mul"
    case .div: "div"
    case .sdiv: "sdiv"
    case .or: "or"
    case .and: "and"
    case .lsh: "lsh"
    case .rsh: "rsh"
    case .mod: "mod"
    case .smod: "smod"
    case .xor: "xor"
    case .mov, .movsx8, .movsx16, .movsx32: "mov"
    case .arsh: "arsh"
    }
  }

  static func name(_ c: JumpCondition) -> String {
    switch c {
    case .eq: "eq"
    case .gt: "gt"
    case .ge: "ge"
    case .set: "set"
    case .ne: "ne"
    case .sgt: "sgt"
    case .sge: "sge"
    case .lt: "lt"
    case .le: "le"
    case .slt: "slt"
    case .sle: "sle"
    }
  }
}
