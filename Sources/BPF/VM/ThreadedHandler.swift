/// The handlers of the direct-threaded engine, in the order of `BPF_TC_HANDLERS` in
/// CBPFInterpreter.h (plus `halt`, last). ThreadedEngineTests checks the two lists agree.
enum ThreadedHandler: Int, CaseIterable {
  case add64i, sub64i, mul64i, div64i, sdiv64i, or64i, and64i, lsh64i, rsh64i, mod64i, smod64i, xor64i, mov64i
  case arsh64i, add64r, sub64r, mul64r, div64r, sdiv64r, or64r, and64r, lsh64r, rsh64r, mod64r, smod64r, xor64r
  case mov64r, arsh64r, add32i, sub32i, mul32i, div32i, sdiv32i, or32i, and32i, lsh32i, rsh32i, mod32i, smod32i
  case xor32i, mov32i, arsh32i, add32r, sub32r, mul32r, div32r, sdiv32r, or32r, and32r, lsh32r, rsh32r, mod32r
  case smod32r, xor32r, mov32r, arsh32r, neg64, neg32, movsx8to64, movsx16to64, movsx32to64, movsx8to32
  case movsx16to32, zext16, zext32, nop, bswap16, bswap32, bswap64, lddw, ldxb, ldxh, ldxw, ldxdw, ldxsb, ldxsh
  case ldxsw, stb, sth, stw, stdw, stxb, stxh, stxw, stxdw, atomic32, atomic64, ldxbU, ldxhU, ldxwU, ldxdwU
  case ldxsbU, ldxshU, ldxswU, stbU, sthU, stwU, stdwU, stxbU, stxhU, stxwU, stxdwU, atomic32U, atomic64U, ja
  case jeq64i, jne64i, jgt64i, jge64i, jlt64i, jle64i, jset64i, jsgt64i, jsge64i, jslt64i, jsle64i, jeq64r
  case jne64r, jgt64r, jge64r, jlt64r, jle64r, jset64r, jsgt64r, jsge64r, jslt64r, jsle64r, jeq32i, jne32i
  case jgt32i, jge32i, jlt32i, jle32i, jset32i, jsgt32i, jsge32i, jslt32i, jsle32i, jeq32r, jne32r, jgt32r
  case jge32r, jlt32r, jle32r, jset32r, jsgt32r, jsge32r, jslt32r, jsle32r, callHelper, callx, callLocal, exit
  case fellOff
  // Superinstructions (ThreadedCode+Fusion.swift)
  case movAdd64i, movAnd64i, movOr64i, movXor64i, movLsh64i, movRsh64i, movArsh64i
  case movMul64i, movAdd64r, movSub64r, movAnd64r, movOr64r, movXor64r, movMul64r
  case movAdd32i, movAnd32i, movLsh32i, movRsh32i, movMul32i, andJeqZero64, andJneZero64, addJlt64r, addJle64r
  case addJne64r, movJeq64i, movJne64i, movJa, addJa64i, movAddLdxb, movAddLdxh, movAddLdxw, movAddLdxdw
  case movAndJeqZero64, movAndJneZero64
  case halt
}
