import CBPFInterpreter

// Instruction bodies of the direct-threaded engine, one per handler of CBPFInterpreter.h.
// Each is inlined into its C handler; the shared pieces (alu, load, store, branch, calls) are in
// ThreadedState+Operations.swift. Operand conventions (set by ThreadedCode.swift):
//   ALU:    dst, src, imm as in the instruction.
//   memory: dst, src, off as in the instruction; atomics keep their operation in imm.
//   lddw:   imm = index into the program's constant pool.
//   jumps:  off (conditional) or imm (ja, call local) = offset in ops from the next op.

/// The C handler for `handler`. It must be taken in this file: with multi-threaded whole-module
/// optimisation each Swift file becomes its own LLVM module, and clang emits the handlers into the
/// module that references them — which must be the one holding the bodies, or they cannot be
/// inlined into the handlers.
@inline(never)
func threadedHandlerAddress(_ handler: ThreadedHandler) -> UnsafeRawPointer? {
  bpf_tc_handler(Int32(handler.rawValue))
}

extension ThreadedState {
  // MARK: ALU64, immediate source

  @_silgen_name("bpf_exec_add64i") @inline(__always)
  mutating func add64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 &+ $1 }
  }
  @_silgen_name("bpf_exec_sub64i") @inline(__always)
  mutating func sub64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 &- $1 }
  }
  @_silgen_name("bpf_exec_mul64i") @inline(__always)
  mutating func mul64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 &* $1 }
  }
  @_silgen_name("bpf_exec_div64i") @inline(__always)
  mutating func div64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.div64($0, $1) }
  }
  @_silgen_name("bpf_exec_sdiv64i") @inline(__always)
  mutating func sdiv64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.sdiv64($0, $1) }
  }
  @_silgen_name("bpf_exec_or64i") @inline(__always)
  mutating func or64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 | $1 }
  }
  @_silgen_name("bpf_exec_and64i") @inline(__always)
  mutating func and64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 & $1 }
  }
  @_silgen_name("bpf_exec_lsh64i") @inline(__always)
  mutating func lsh64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.lsh64($0, $1) }
  }
  @_silgen_name("bpf_exec_rsh64i") @inline(__always)
  mutating func rsh64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.rsh64($0, $1) }
  }
  @_silgen_name("bpf_exec_mod64i") @inline(__always)
  mutating func mod64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.mod64($0, $1) }
  }
  @_silgen_name("bpf_exec_smod64i") @inline(__always)
  mutating func smod64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.smod64($0, $1) }
  }
  @_silgen_name("bpf_exec_xor64i") @inline(__always)
  mutating func xor64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 ^ $1 }
  }
  @_silgen_name("bpf_exec_mov64i") @inline(__always)
  mutating func mov64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { $1 }
  }
  @_silgen_name("bpf_exec_arsh64i") @inline(__always)
  mutating func arsh64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.arsh64($0, $1) }
  }
  // MARK: ALU64, register source

  @_silgen_name("bpf_exec_add64r") @inline(__always)
  mutating func add64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { $0 &+ $1 }
  }
  @_silgen_name("bpf_exec_sub64r") @inline(__always)
  mutating func sub64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { $0 &- $1 }
  }
  @_silgen_name("bpf_exec_mul64r") @inline(__always)
  mutating func mul64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { $0 &* $1 }
  }
  @_silgen_name("bpf_exec_div64r") @inline(__always)
  mutating func div64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.div64($0, $1) }
  }
  @_silgen_name("bpf_exec_sdiv64r") @inline(__always)
  mutating func sdiv64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.sdiv64($0, $1) }
  }
  @_silgen_name("bpf_exec_or64r") @inline(__always)
  mutating func or64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { $0 | $1 }
  }
  @_silgen_name("bpf_exec_and64r") @inline(__always)
  mutating func and64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { $0 & $1 }
  }
  @_silgen_name("bpf_exec_lsh64r") @inline(__always)
  mutating func lsh64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.lsh64($0, $1) }
  }
  @_silgen_name("bpf_exec_rsh64r") @inline(__always)
  mutating func rsh64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.rsh64($0, $1) }
  }
  @_silgen_name("bpf_exec_mod64r") @inline(__always)
  mutating func mod64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.mod64($0, $1) }
  }
  @_silgen_name("bpf_exec_smod64r") @inline(__always)
  mutating func smod64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.smod64($0, $1) }
  }
  @_silgen_name("bpf_exec_xor64r") @inline(__always)
  mutating func xor64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { $0 ^ $1 }
  }
  @_silgen_name("bpf_exec_mov64r") @inline(__always)
  mutating func mov64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { $1 }
  }
  @_silgen_name("bpf_exec_arsh64r") @inline(__always)
  mutating func arsh64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.arsh64($0, $1) }
  }
  // MARK: ALU, immediate source

  @_silgen_name("bpf_exec_add32i") @inline(__always)
  mutating func add32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.add32($0, $1) }
  }
  @_silgen_name("bpf_exec_sub32i") @inline(__always)
  mutating func sub32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.sub32($0, $1) }
  }
  @_silgen_name("bpf_exec_mul32i") @inline(__always)
  mutating func mul32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.mul32($0, $1) }
  }
  @_silgen_name("bpf_exec_div32i") @inline(__always)
  mutating func div32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.div32($0, $1) }
  }
  @_silgen_name("bpf_exec_sdiv32i") @inline(__always)
  mutating func sdiv32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.sdiv32($0, $1) }
  }
  @_silgen_name("bpf_exec_or32i") @inline(__always)
  mutating func or32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.or32($0, $1) }
  }
  @_silgen_name("bpf_exec_and32i") @inline(__always)
  mutating func and32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.and32($0, $1) }
  }
  @_silgen_name("bpf_exec_lsh32i") @inline(__always)
  mutating func lsh32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.lsh32($0, $1) }
  }
  @_silgen_name("bpf_exec_rsh32i") @inline(__always)
  mutating func rsh32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.rsh32($0, $1) }
  }
  @_silgen_name("bpf_exec_mod32i") @inline(__always)
  mutating func mod32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.mod32($0, $1) }
  }
  @_silgen_name("bpf_exec_smod32i") @inline(__always)
  mutating func smod32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.smod32($0, $1) }
  }
  @_silgen_name("bpf_exec_xor32i") @inline(__always)
  mutating func xor32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.xor32($0, $1) }
  }
  @_silgen_name("bpf_exec_mov32i") @inline(__always)
  mutating func mov32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { $1 & 0xffff_ffff }
  }
  @_silgen_name("bpf_exec_arsh32i") @inline(__always)
  mutating func arsh32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.arsh32($0, $1) }
  }
  // MARK: ALU, register source

  @_silgen_name("bpf_exec_add32r") @inline(__always)
  mutating func add32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.add32($0, $1) }
  }
  @_silgen_name("bpf_exec_sub32r") @inline(__always)
  mutating func sub32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.sub32($0, $1) }
  }
  @_silgen_name("bpf_exec_mul32r") @inline(__always)
  mutating func mul32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.mul32($0, $1) }
  }
  @_silgen_name("bpf_exec_div32r") @inline(__always)
  mutating func div32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.div32($0, $1) }
  }
  @_silgen_name("bpf_exec_sdiv32r") @inline(__always)
  mutating func sdiv32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.sdiv32($0, $1) }
  }
  @_silgen_name("bpf_exec_or32r") @inline(__always)
  mutating func or32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.or32($0, $1) }
  }
  @_silgen_name("bpf_exec_and32r") @inline(__always)
  mutating func and32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.and32($0, $1) }
  }
  @_silgen_name("bpf_exec_lsh32r") @inline(__always)
  mutating func lsh32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.lsh32($0, $1) }
  }
  @_silgen_name("bpf_exec_rsh32r") @inline(__always)
  mutating func rsh32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.rsh32($0, $1) }
  }
  @_silgen_name("bpf_exec_mod32r") @inline(__always)
  mutating func mod32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.mod32($0, $1) }
  }
  @_silgen_name("bpf_exec_smod32r") @inline(__always)
  mutating func smod32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.smod32($0, $1) }
  }
  @_silgen_name("bpf_exec_xor32r") @inline(__always)
  mutating func xor32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.xor32($0, $1) }
  }
  @_silgen_name("bpf_exec_mov32r") @inline(__always)
  mutating func mov32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { $1 & 0xffff_ffff }
  }
  @_silgen_name("bpf_exec_arsh32r") @inline(__always)
  mutating func arsh32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.arsh32($0, $1) }
  }

  // MARK: Unary

  @_silgen_name("bpf_exec_neg64") @inline(__always)
  mutating func neg64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    unary(r, pc) { 0 &- $0 }
  }
  @_silgen_name("bpf_exec_neg32") @inline(__always)
  mutating func neg32(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    unary(r, pc) { UInt64(0 &- Semantics.low($0)) }
  }
  @_silgen_name("bpf_exec_movsx8to64") @inline(__always)
  mutating func movsx8to64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.sx8to64($1) }
  }
  @_silgen_name("bpf_exec_movsx16to64") @inline(__always)
  mutating func movsx16to64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.sx16to64($1) }
  }
  @_silgen_name("bpf_exec_movsx32to64") @inline(__always)
  mutating func movsx32to64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.sx32to64($1) }
  }
  @_silgen_name("bpf_exec_movsx8to32") @inline(__always)
  mutating func movsx8to32(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.sx8to32($1) }
  }
  @_silgen_name("bpf_exec_movsx16to32") @inline(__always)
  mutating func movsx16to32(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    alu(r, pc, r.pointee[Int(pc.pointee.src)]) { Semantics.sx16to32($1) }
  }
  @_silgen_name("bpf_exec_zext16") @inline(__always)
  mutating func zext16(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    unary(r, pc) { $0 & 0xffff }
  }
  @_silgen_name("bpf_exec_zext32") @inline(__always)
  mutating func zext32(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    unary(r, pc) { $0 & 0xffff_ffff }
  }
  @_silgen_name("bpf_exec_nop") @inline(__always)
  mutating func nop(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    unary(r, pc) { $0 }
  }
  @_silgen_name("bpf_exec_bswap16") @inline(__always)
  mutating func bswap16(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    unary(r, pc) { UInt64(UInt16(truncatingIfNeeded: $0).byteSwapped) }
  }
  @_silgen_name("bpf_exec_bswap32") @inline(__always)
  mutating func bswap32(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    unary(r, pc) { UInt64(UInt32(truncatingIfNeeded: $0).byteSwapped) }
  }
  @_silgen_name("bpf_exec_bswap64") @inline(__always)
  mutating func bswap64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    unary(r, pc) { $0.byteSwapped }
  }
  @_silgen_name("bpf_exec_lddw") @inline(__always)
  mutating func lddw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    r.pointee[Int(pc.pointee.dst)] = constants[Int(pc.pointee.imm)]
    return pc + 1
  }

  // MARK: Memory, checked

  @_silgen_name("bpf_exec_ldxb") @inline(__always)
  mutating func ldxb(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    load(r, pc, rt, k, UInt8.self)
  }
  @_silgen_name("bpf_exec_ldxh") @inline(__always)
  mutating func ldxh(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    load(r, pc, rt, k, UInt16.self)
  }
  @_silgen_name("bpf_exec_ldxw") @inline(__always)
  mutating func ldxw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    load(r, pc, rt, k, UInt32.self)
  }
  @_silgen_name("bpf_exec_ldxdw") @inline(__always)
  mutating func ldxdw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    load(r, pc, rt, k, UInt64.self)
  }
  @_silgen_name("bpf_exec_ldxsb") @inline(__always)
  mutating func ldxsb(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    load(r, pc, rt, k, Int8.self)
  }
  @_silgen_name("bpf_exec_ldxsh") @inline(__always)
  mutating func ldxsh(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    load(r, pc, rt, k, Int16.self)
  }
  @_silgen_name("bpf_exec_ldxsw") @inline(__always)
  mutating func ldxsw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    load(r, pc, rt, k, Int32.self)
  }
  @_silgen_name("bpf_exec_stb") @inline(__always)
  mutating func stb(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    store(r, pc, rt, k, Semantics.imm64(pc.pointee.imm), UInt8.self)
  }
  @_silgen_name("bpf_exec_sth") @inline(__always)
  mutating func sth(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    store(r, pc, rt, k, Semantics.imm64(pc.pointee.imm), UInt16.self)
  }
  @_silgen_name("bpf_exec_stw") @inline(__always)
  mutating func stw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    store(r, pc, rt, k, Semantics.imm64(pc.pointee.imm), UInt32.self)
  }
  @_silgen_name("bpf_exec_stdw") @inline(__always)
  mutating func stdw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    store(r, pc, rt, k, Semantics.imm64(pc.pointee.imm), UInt64.self)
  }
  @_silgen_name("bpf_exec_stxb") @inline(__always)
  mutating func stxb(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    store(r, pc, rt, k, r.pointee[Int(pc.pointee.src)], UInt8.self)
  }
  @_silgen_name("bpf_exec_stxh") @inline(__always)
  mutating func stxh(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    store(r, pc, rt, k, r.pointee[Int(pc.pointee.src)], UInt16.self)
  }
  @_silgen_name("bpf_exec_stxw") @inline(__always)
  mutating func stxw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    store(r, pc, rt, k, r.pointee[Int(pc.pointee.src)], UInt32.self)
  }
  @_silgen_name("bpf_exec_stxdw") @inline(__always)
  mutating func stxdw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    store(r, pc, rt, k, r.pointee[Int(pc.pointee.src)], UInt64.self)
  }
  @_silgen_name("bpf_exec_atomic32") @inline(__always)
  mutating func atomic32(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    atomic(r, pc, rt, k, .word, checked: true)
  }
  @_silgen_name("bpf_exec_atomic64") @inline(__always)
  mutating func atomic64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    atomic(r, pc, rt, k, .doubleWord, checked: true)
  }

  // MARK: Memory the verifier proved safe: no checks

  @_silgen_name("bpf_exec_ldxbU") @inline(__always)
  mutating func ldxbU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    loadUnchecked(r, pc, rt, UInt8.self)
  }
  @_silgen_name("bpf_exec_ldxhU") @inline(__always)
  mutating func ldxhU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    loadUnchecked(r, pc, rt, UInt16.self)
  }
  @_silgen_name("bpf_exec_ldxwU") @inline(__always)
  mutating func ldxwU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    loadUnchecked(r, pc, rt, UInt32.self)
  }
  @_silgen_name("bpf_exec_ldxdwU") @inline(__always)
  mutating func ldxdwU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    loadUnchecked(r, pc, rt, UInt64.self)
  }
  @_silgen_name("bpf_exec_ldxsbU") @inline(__always)
  mutating func ldxsbU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    loadUnchecked(r, pc, rt, Int8.self)
  }
  @_silgen_name("bpf_exec_ldxshU") @inline(__always)
  mutating func ldxshU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    loadUnchecked(r, pc, rt, Int16.self)
  }
  @_silgen_name("bpf_exec_ldxswU") @inline(__always)
  mutating func ldxswU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    loadUnchecked(r, pc, rt, Int32.self)
  }
  @_silgen_name("bpf_exec_stbU") @inline(__always)
  mutating func stbU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    storeUnchecked(r, pc, rt, Semantics.imm64(pc.pointee.imm), UInt8.self)
  }
  @_silgen_name("bpf_exec_sthU") @inline(__always)
  mutating func sthU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    storeUnchecked(r, pc, rt, Semantics.imm64(pc.pointee.imm), UInt16.self)
  }
  @_silgen_name("bpf_exec_stwU") @inline(__always)
  mutating func stwU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    storeUnchecked(r, pc, rt, Semantics.imm64(pc.pointee.imm), UInt32.self)
  }
  @_silgen_name("bpf_exec_stdwU") @inline(__always)
  mutating func stdwU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    storeUnchecked(r, pc, rt, Semantics.imm64(pc.pointee.imm), UInt64.self)
  }
  @_silgen_name("bpf_exec_stxbU") @inline(__always)
  mutating func stxbU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    storeUnchecked(r, pc, rt, r.pointee[Int(pc.pointee.src)], UInt8.self)
  }
  @_silgen_name("bpf_exec_stxhU") @inline(__always)
  mutating func stxhU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    storeUnchecked(r, pc, rt, r.pointee[Int(pc.pointee.src)], UInt16.self)
  }
  @_silgen_name("bpf_exec_stxwU") @inline(__always)
  mutating func stxwU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    storeUnchecked(r, pc, rt, r.pointee[Int(pc.pointee.src)], UInt32.self)
  }
  @_silgen_name("bpf_exec_stxdwU") @inline(__always)
  mutating func stxdwU(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    storeUnchecked(r, pc, rt, r.pointee[Int(pc.pointee.src)], UInt64.self)
  }
  @_silgen_name("bpf_exec_atomic32U") @inline(__always)
  mutating func atomic32U(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    atomic(r, pc, rt, k, .word, checked: false)
  }
  @_silgen_name("bpf_exec_atomic64U") @inline(__always)
  mutating func atomic64U(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    atomic(r, pc, rt, k, .doubleWord, checked: false)
  }

  // MARK: Jumps

  @_silgen_name("bpf_exec_ja") @inline(__always)
  mutating func ja(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    jump(pc, k, Int(pc.pointee.imm))
  }
  @_silgen_name("bpf_exec_jeq64i") @inline(__always)
  mutating func jeq64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 == $1 }
  }
  @_silgen_name("bpf_exec_jne64i") @inline(__always)
  mutating func jne64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 != $1 }
  }
  @_silgen_name("bpf_exec_jgt64i") @inline(__always)
  mutating func jgt64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 > $1 }
  }
  @_silgen_name("bpf_exec_jge64i") @inline(__always)
  mutating func jge64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 >= $1 }
  }
  @_silgen_name("bpf_exec_jlt64i") @inline(__always)
  mutating func jlt64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_jle64i") @inline(__always)
  mutating func jle64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 <= $1 }
  }
  @_silgen_name("bpf_exec_jset64i") @inline(__always)
  mutating func jset64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 & $1 != 0 }
  }
  @_silgen_name("bpf_exec_jsgt64i") @inline(__always)
  mutating func jsgt64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 > $1 }
  }
  @_silgen_name("bpf_exec_jsge64i") @inline(__always)
  mutating func jsge64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 >= $1 }
  }
  @_silgen_name("bpf_exec_jslt64i") @inline(__always)
  mutating func jslt64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_jsle64i") @inline(__always)
  mutating func jsle64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch(r, pc, k, Semantics.imm64(pc.pointee.imm)) { $0 <= $1 }
  }
  @_silgen_name("bpf_exec_jeq64r") @inline(__always)
  mutating func jeq64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 == $1 }
  }
  @_silgen_name("bpf_exec_jne64r") @inline(__always)
  mutating func jne64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 != $1 }
  }
  @_silgen_name("bpf_exec_jgt64r") @inline(__always)
  mutating func jgt64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 > $1 }
  }
  @_silgen_name("bpf_exec_jge64r") @inline(__always)
  mutating func jge64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 >= $1 }
  }
  @_silgen_name("bpf_exec_jlt64r") @inline(__always)
  mutating func jlt64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_jle64r") @inline(__always)
  mutating func jle64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 <= $1 }
  }
  @_silgen_name("bpf_exec_jset64r") @inline(__always)
  mutating func jset64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 & $1 != 0 }
  }
  @_silgen_name("bpf_exec_jsgt64r") @inline(__always)
  mutating func jsgt64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 > $1 }
  }
  @_silgen_name("bpf_exec_jsge64r") @inline(__always)
  mutating func jsge64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 >= $1 }
  }
  @_silgen_name("bpf_exec_jslt64r") @inline(__always)
  mutating func jslt64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_jsle64r") @inline(__always)
  mutating func jsle64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 <= $1 }
  }
  @_silgen_name("bpf_exec_jeq32i") @inline(__always)
  mutating func jeq32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 == $1 }
  }
  @_silgen_name("bpf_exec_jne32i") @inline(__always)
  mutating func jne32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 != $1 }
  }
  @_silgen_name("bpf_exec_jgt32i") @inline(__always)
  mutating func jgt32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 > $1 }
  }
  @_silgen_name("bpf_exec_jge32i") @inline(__always)
  mutating func jge32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 >= $1 }
  }
  @_silgen_name("bpf_exec_jlt32i") @inline(__always)
  mutating func jlt32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_jle32i") @inline(__always)
  mutating func jle32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 <= $1 }
  }
  @_silgen_name("bpf_exec_jset32i") @inline(__always)
  mutating func jset32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 & $1 != 0 }
  }
  @_silgen_name("bpf_exec_jsgt32i") @inline(__always)
  mutating func jsgt32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 > $1 }
  }
  @_silgen_name("bpf_exec_jsge32i") @inline(__always)
  mutating func jsge32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 >= $1 }
  }
  @_silgen_name("bpf_exec_jslt32i") @inline(__always)
  mutating func jslt32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_jsle32i") @inline(__always)
  mutating func jsle32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch32(r, pc, k, Semantics.imm32(pc.pointee.imm)) { $0 <= $1 }
  }
  @_silgen_name("bpf_exec_jeq32r") @inline(__always)
  mutating func jeq32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 == $1 }
  }
  @_silgen_name("bpf_exec_jne32r") @inline(__always)
  mutating func jne32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 != $1 }
  }
  @_silgen_name("bpf_exec_jgt32r") @inline(__always)
  mutating func jgt32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 > $1 }
  }
  @_silgen_name("bpf_exec_jge32r") @inline(__always)
  mutating func jge32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 >= $1 }
  }
  @_silgen_name("bpf_exec_jlt32r") @inline(__always)
  mutating func jlt32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_jle32r") @inline(__always)
  mutating func jle32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 <= $1 }
  }
  @_silgen_name("bpf_exec_jset32r") @inline(__always)
  mutating func jset32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    branch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 & $1 != 0 }
  }
  @_silgen_name("bpf_exec_jsgt32r") @inline(__always)
  mutating func jsgt32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 > $1 }
  }
  @_silgen_name("bpf_exec_jsge32r") @inline(__always)
  mutating func jsge32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 >= $1 }
  }
  @_silgen_name("bpf_exec_jslt32r") @inline(__always)
  mutating func jslt32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_jsle32r") @inline(__always)
  mutating func jsle32r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    sbranch32(r, pc, k, r.pointee[Int(pc.pointee.src)]) { $0 <= $1 }
  }

  // MARK: Calls and exit

  @_silgen_name("bpf_exec_callHelper") @inline(__always)
  mutating func callHelper(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    callHelper(r, pc, k, id: Int64(pc.pointee.imm))
  }
  @_silgen_name("bpf_exec_callx") @inline(__always)
  mutating func callx(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    callHelper(r, pc, k, id: Int64(bitPattern: r.pointee[Int(pc.pointee.dst)]))
  }
  @_silgen_name("bpf_exec_callLocal") @inline(__always)
  mutating func callLocal(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    callLocal(r, pc, k)
  }
  @_silgen_name("bpf_exec_exit") @inline(__always)
  mutating func exit(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    exit(r, pc, k)
  }
  @_silgen_name("bpf_exec_fellOff") @inline(__always)
  mutating func fellOff(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    stop(.fellOff, pc, k)
  }

  // MARK: Superinstructions: two instructions in one op (ThreadedCode+Fusion.swift)
  // `rX = rY; rX op= imm` — dst X, src Y, imm.

  @_silgen_name("bpf_exec_movAdd64i") @inline(__always)
  mutating func movAdd64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 &+ $1 }
  }
  @_silgen_name("bpf_exec_movAnd64i") @inline(__always)
  mutating func movAnd64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 & $1 }
  }
  @_silgen_name("bpf_exec_movOr64i") @inline(__always)
  mutating func movOr64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 | $1 }
  }
  @_silgen_name("bpf_exec_movXor64i") @inline(__always)
  mutating func movXor64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 ^ $1 }
  }
  @_silgen_name("bpf_exec_movLsh64i") @inline(__always)
  mutating func movLsh64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.lsh64($0, $1) }
  }
  @_silgen_name("bpf_exec_movRsh64i") @inline(__always)
  mutating func movRsh64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.rsh64($0, $1) }
  }
  @_silgen_name("bpf_exec_movArsh64i") @inline(__always)
  mutating func movArsh64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm64(pc.pointee.imm)) { Semantics.arsh64($0, $1) }
  }
  @_silgen_name("bpf_exec_movMul64i") @inline(__always)
  mutating func movMul64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm64(pc.pointee.imm)) { $0 &* $1 }
  }

  // `rX = rY; rX op= rZ` — dst X, src Y, imm Z.

  @_silgen_name("bpf_exec_movAdd64r") @inline(__always)
  mutating func movAdd64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOpRegister(r, pc) { $0 &+ $1 }
  }
  @_silgen_name("bpf_exec_movSub64r") @inline(__always)
  mutating func movSub64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOpRegister(r, pc) { $0 &- $1 }
  }
  @_silgen_name("bpf_exec_movAnd64r") @inline(__always)
  mutating func movAnd64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOpRegister(r, pc) { $0 & $1 }
  }
  @_silgen_name("bpf_exec_movOr64r") @inline(__always)
  mutating func movOr64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOpRegister(r, pc) { $0 | $1 }
  }
  @_silgen_name("bpf_exec_movXor64r") @inline(__always)
  mutating func movXor64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOpRegister(r, pc) { $0 ^ $1 }
  }
  @_silgen_name("bpf_exec_movMul64r") @inline(__always)
  mutating func movMul64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOpRegister(r, pc) { $0 &* $1 }
  }

  // `wX = wY; wX op= imm` — dst X, src Y, imm.

  @_silgen_name("bpf_exec_movAdd32i") @inline(__always)
  mutating func movAdd32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.add32($0, $1) }
  }
  @_silgen_name("bpf_exec_movAnd32i") @inline(__always)
  mutating func movAnd32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.and32($0, $1) }
  }
  @_silgen_name("bpf_exec_movLsh32i") @inline(__always)
  mutating func movLsh32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.lsh32($0, $1) }
  }
  @_silgen_name("bpf_exec_movRsh32i") @inline(__always)
  mutating func movRsh32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.rsh32($0, $1) }
  }
  @_silgen_name("bpf_exec_movMul32i") @inline(__always)
  mutating func movMul32i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movOp(r, pc, Semantics.imm32(pc.pointee.imm)) { Semantics.mul32($0, $1) }
  }

  // `rD &= imm; if rD ==/!= 0 goto off` — dst D, imm, off (from the branch).

  @_silgen_name("bpf_exec_andJeqZero64") @inline(__always)
  mutating func andJeqZero64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    opBranch(r, pc, k, r.pointee[Int(pc.pointee.dst)] & Semantics.imm64(pc.pointee.imm)) { $0 == 0 }
  }
  @_silgen_name("bpf_exec_andJneZero64") @inline(__always)
  mutating func andJneZero64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    opBranch(r, pc, k, r.pointee[Int(pc.pointee.dst)] & Semantics.imm64(pc.pointee.imm)) { $0 != 0 }
  }

  // `rD += imm; if rD <op> rS goto off` — dst D, src S, imm, off (from the branch).

  @_silgen_name("bpf_exec_addJlt64r") @inline(__always)
  mutating func addJlt64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    addBranch(r, pc, k) { $0 < $1 }
  }
  @_silgen_name("bpf_exec_addJle64r") @inline(__always)
  mutating func addJle64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    addBranch(r, pc, k) { $0 <= $1 }
  }
  @_silgen_name("bpf_exec_addJne64r") @inline(__always)
  mutating func addJne64r(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    addBranch(r, pc, k) { $0 != $1 }
  }

  // `rX = rY; if rY ==/!= imm goto off` — dst X, src Y, imm, off (from the branch).

  @_silgen_name("bpf_exec_movJeq64i") @inline(__always)
  mutating func movJeq64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movBranch(r, pc, k) { $0 == $1 }
  }
  @_silgen_name("bpf_exec_movJne64i") @inline(__always)
  mutating func movJne64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movBranch(r, pc, k) { $0 != $1 }
  }

  // `rX = rY; goto off` and `rD += imm; goto off` — off from the jump.

  @_silgen_name("bpf_exec_movJa") @inline(__always)
  mutating func movJa(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    r.pointee[Int(pc.pointee.dst)] = r.pointee[Int(pc.pointee.src)]
    return jump(pc + 1, k, Int(pc.pointee.off))
  }
  @_silgen_name("bpf_exec_addJa64i") @inline(__always)
  mutating func addJa64i(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    r.pointee[Int(pc.pointee.dst)] &+= Semantics.imm64(pc.pointee.imm)
    return jump(pc + 1, k, Int(pc.pointee.off))
  }

  // `rD = rA; rD += rB; rX = *(size *)(rD + off)` — dst D, src A, imm B | X << 8, off.

  @_silgen_name("bpf_exec_movAddLdxb") @inline(__always)
  mutating func movAddLdxb(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movAddLoad(r, pc, rt, k, UInt8.self)
  }
  @_silgen_name("bpf_exec_movAddLdxh") @inline(__always)
  mutating func movAddLdxh(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movAddLoad(r, pc, rt, k, UInt16.self)
  }
  @_silgen_name("bpf_exec_movAddLdxw") @inline(__always)
  mutating func movAddLdxw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movAddLoad(r, pc, rt, k, UInt32.self)
  }
  @_silgen_name("bpf_exec_movAddLdxdw") @inline(__always)
  mutating func movAddLdxdw(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movAddLoad(r, pc, rt, k, UInt64.self)
  }

  // `rX = rY; rX &= imm; if rX ==/!= 0 goto off` — dst X, src Y, imm, off (from the branch).

  @_silgen_name("bpf_exec_movAndJeqZero64") @inline(__always)
  mutating func movAndJeqZero64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movAndBranch(r, pc, k) { $0 == 0 }
  }
  @_silgen_name("bpf_exec_movAndJneZero64") @inline(__always)
  mutating func movAndJneZero64(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor) -> TCPC {
    movAndBranch(r, pc, k) { $0 != 0 }
  }
}
