/// Prints instructions in the kernel-log / PREVAIL style that `netsh ebpf show disassembly` uses:
/// `r1 = *(u32 *)(r6 + 44)`, `if w2 != 0 goto +41 <50>`, `w0 = w1`, `*(u64 *)(r10 - 8) = r1`,
/// `r1 = map_fd 1`, `lock *(u64 *)(r1 + 0) += r2`, `call 2`, `exit`.
///
/// Operators and operand order follow `llvm-objdump --mcpu=v4 -d` (LLVM 21). Deliberate
/// differences from llvm-objdump, all taken from PREVAIL's printer, which netsh shows:
/// - numbers are decimal (`r2 += -4`, `(r10 - 4)`), not hex (`-0x4`);
/// - loads and stores always name the 64-bit register (`r1 = *(u8 *)…`, `… = r1`), where
///   llvm-objdump prints `w1` for narrow accesses when ALU32 is enabled;
/// - a jump prints its target pc: `goto +3 <10>`, not `<func+0x50>`; `ja32` prints as `gotol`;
/// - a local call prints `call <pc>` (llvm-objdump prints the raw offset `call -0x1`);
/// - LDDW pseudo forms print as `map_fd N`, `map_val(N) + off`, `map_idx N`, `map_val_idx(N) + off`,
///   `var_addr(N)`, `code_addr(pc)` (llvm-objdump shows `0x0 ll` plus a relocation);
/// - a helper call prints `call N` unless `helperCall` supplies a rendering such as
///   `r0 = bpf_map_update_elem:2(map_fd r1, map_key r2, map_value r3, uint64_t r4)`;
/// - a call by BTF id prints `call btf N`; legacy packet loads print `r0 = *(u16 *)skb[r1 + 12]` (the offset is dropped
///   when 0, as both tools do).
public struct KernelSyntax: Sendable {
  /// Renders the full text of a helper call (including `r0 = `) for a helper id, or nil for `call N`.
  public var helperCall: @Sendable (Int32) -> String?

  /// Creates a printer; by default helper calls print as `call N`.
  public init(helperCall: @escaping @Sendable (Int32) -> String? = { _ in nil }) {
    self.helperCall = helperCall
  }

  /// One instruction at slot `pc` (needed for jump targets).
  public func text(_ insn: DecodedInstruction, at pc: Int) -> String {
    switch insn {
    case .alu(let op, let size, let dst, let source):
      let d = reg(dst, size)
      let s = operand(source, size)
      switch op {
      case .mov: return "\(d) = \(s)"
      case .movsx8: return "\(d) = (s8)\(s)"
      case .movsx16: return "\(d) = (s16)\(s)"
      case .movsx32: return "\(d) = (s32)\(s)"
      default: return "\(d) \(Self.symbol(op))= \(s)"
      }
    case .negate(let size, let dst):
      return "\(reg(dst, size)) = -\(reg(dst, size))"
    case .byteSwap(let kind, let bits, let dst):
      let stem = kind == .toLittleEndian ? "le" : kind == .toBigEndian ? "be" : "bswap"
      return "\(dst) = \(stem)\(bits) \(dst)"
    case .load(let width, let sx, let dst, let base, let offset):
      return "\(dst) = *(\(sx ? "s" : "u")\(width.bytes * 8) *)\(address(base, offset))"
    case .store(let width, let base, let offset, let value):
      return "*(u\(width.bytes * 8) *)\(address(base, offset)) = \(operand(value, .bits64))"
    case .atomic(let op, let width, let base, let offset, let src):
      let size: OperandSize = width == .word ? .bits32 : .bits64
      let bits = width.bytes * 8
      let s = reg(src, size)
      switch op {
      case .add(false), .or(false), .and(false), .xor(false):
        let sym = op == .add(fetch: false) ? "+" : op == .or(fetch: false) ? "|" : op == .and(fetch: false) ? "&" : "^"
        return "lock *(u\(bits) *)\(address(base, offset)) \(sym)= \(s)"
      case .add, .or, .and, .xor:
        let name =
          op == .add(fetch: true) ? "add" : op == .or(fetch: true) ? "or" : op == .and(fetch: true) ? "and" : "xor"
        return "\(s) = atomic_fetch_\(name)((u\(bits) *)\(address(base, offset)), \(s))"
      case .exchange:
        return "\(s) = xchg\(size == .bits32 ? "32_32" : "_64")(\(plain(base, offset)), \(s))"
      case .compareExchange:
        let r0 = reg(.r0, size)
        return "\(r0) = cmpxchg\(size == .bits32 ? "32_32" : "_64")(\(plain(base, offset)), \(r0), \(s))"
      }
    case .loadImmediate64(let dst, let value):
      switch value {
      case .value(let v): return "\(dst) = \(Int64(bitPattern: v)) ll"
      case .mapByFD(let fd): return "\(dst) = map_fd \(fd)"
      case .mapValue(let fd, let off): return "\(dst) = map_val(\(fd)) + \(off)"
      case .variableAddress(let id): return "\(dst) = var_addr(\(id))"
      case .codeAddress(let off): return "\(dst) = code_addr(\(pc + 1 + Int(off)))"
      case .mapByIndex(let i): return "\(dst) = map_idx \(i)"
      case .mapValueByIndex(let i, let off): return "\(dst) = map_val_idx(\(i)) + \(off)"
      }
    case .legacyPacketLoad(let width, let index, let imm):
      let inner = index.map { imm == 0 ? "\($0)" : "\($0) + \(imm)" } ?? "\(imm)"
      return "r0 = *(u\(width.bytes * 8) *)skb[\(inner)]"
    case .jump(let offset, let long):
      return "\(long ? "gotol" : "goto") \(Self.signed(Int(offset))) <\(pc + 1 + Int(offset))>"
    case .branch(let cond, let size, let dst, let source, let offset):
      let target = pc + 1 + Int(offset)
      return
        "if \(reg(dst, size)) \(Self.symbol(cond)) \(operand(source, size))"
        + " goto \(Self.signed(Int(offset))) <\(target)>"
    case .call(let id):
      return helperCall(id) ?? "call \(id)"
    case .callLocal(let offset):
      return "call <\(pc + 1 + Int(offset))>"
    case .callBTF(let id):
      return "call btf \(id)"
    case .callRegister(let r):
      return "callx \(r)"
    case .exit:
      return "exit"
    }
  }

  /// The listing netsh prints: for each instruction, optional annotation lines (e.g. `; file:line`
  /// and `; source`), then the pc right-aligned in 8 columns, `:`, a tab and the text.
  public func listing(_ program: DecodedProgram, annotations: (Int) -> [String] = { _ in [] }) -> String {
    var out = ""
    for (pc, insn) in program.instructions {
      for line in annotations(pc) {
        out += line
        out += "\n"
      }
      let number = String(pc)
      out += String(repeating: " ", count: max(0, 8 - number.count)) + number + ":\t" + text(insn, at: pc) + "\n"
    }
    return out
  }

  func reg(_ r: Register, _ size: OperandSize) -> String { size == .bits32 ? "w\(r.index)" : "r\(r.index)" }

  func operand(_ s: Source, _ size: OperandSize) -> String {
    switch s {
    case .register(let r): reg(r, size)
    case .immediate(let v): String(v)
    }
  }

  func address(_ base: Register, _ offset: Int16) -> String {
    "(\(base) \(offset < 0 ? "-" : "+") \(offset.magnitude))"
  }

  func plain(_ base: Register, _ offset: Int16) -> String {
    "\(base) \(offset < 0 ? "-" : "+") \(offset.magnitude)"
  }

  static func signed(_ v: Int) -> String { v < 0 ? String(v) : "+\(v)" }

  static func symbol(_ op: ALUOperation) -> String {
    switch op {
    case .add: "+"
    case .sub: "-"
    case .mul: "*"
    case .div: "/"
    case .sdiv: "s/"
    case .or: "|"
    case .and: "&"
    case .lsh: "<<"
    case .rsh: ">>"
    case .mod: "%"
    case .smod: "s%"
    case .xor: "^"
    case .mov, .movsx8, .movsx16, .movsx32: ""
    case .arsh: "s>>"
    }
  }

  static func symbol(_ c: JumpCondition) -> String {
    switch c {
    case .eq: "=="
    case .gt: ">"
    case .ge: ">="
    case .set: "&"
    case .ne: "!="
    case .sgt: "s>"
    case .sge: "s>="
    case .lt: "<"
    case .le: "<="
    case .slt: "s<"
    case .sle: "s<="
    }
  }
}
