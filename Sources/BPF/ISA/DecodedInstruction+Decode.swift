extension DecodedInstruction {
  /// Decodes and validates the instruction starting at slot `pc` (reading the second slot of an
  /// LDDW too). Jump targets are not checked here; `DecodedProgram` does that.
  public static func decode(_ slots: [Instruction], at pc: Int) throws(DecodeError) -> DecodedInstruction {
    guard slots.indices.contains(pc) else { throw DecodeError(pc: pc, .truncatedWideInstruction) }
    let insn = slots[pc]
    var d = FieldChecker(insn: insn, pc: pc)
    let op = insn.opcode
    switch op & 0x07 {
    case Opcode.classALU, Opcode.classALU64:
      return try decodeALU(&d)
    case Opcode.classJMP, Opcode.classJMP32:
      return try decodeJump(&d)
    case Opcode.classLDX:
      let mode = op & 0xE0
      guard mode == Opcode.modeMEM || (mode == Opcode.modeMEMSX && op & 0x18 != Opcode.sizeDW) else {
        throw d.error(.unknownOpcode(op))
      }
      let dst = try d.writtenRegister(insn.dst)
      let base = try d.register(insn.src, .src)
      try d.zero(.imm)
      return .load(width(op), signExtending: mode == Opcode.modeMEMSX, dst: dst, base: base, offset: insn.offset)
    case Opcode.classST:
      guard op & 0xE0 == Opcode.modeMEM else { throw d.error(.unknownOpcode(op)) }
      let base = try d.register(insn.dst, .dst)
      try d.zero(.src)
      return .store(width(op), base: base, offset: insn.offset, value: .immediate(insn.imm))
    case Opcode.classSTX:
      let mode = op & 0xE0
      let base = try d.register(insn.dst, .dst)
      let src = try d.register(insn.src, .src)
      if mode == Opcode.modeMEM {
        try d.zero(.imm)
        return .store(width(op), base: base, offset: insn.offset, value: .register(src))
      }
      guard mode == Opcode.modeATOMIC, op & 0x18 == Opcode.sizeW || op & 0x18 == Opcode.sizeDW else {
        throw d.error(.unknownOpcode(op))
      }
      let atomic: AtomicOperation
      switch insn.imm {
      case 0x00, 0x01: atomic = .add(fetch: insn.imm & 1 != 0)
      case 0x40, 0x41: atomic = .or(fetch: insn.imm & 1 != 0)
      case 0x50, 0x51: atomic = .and(fetch: insn.imm & 1 != 0)
      case 0xA0, 0xA1: atomic = .xor(fetch: insn.imm & 1 != 0)
      case Opcode.atomicXchg: atomic = .exchange
      case Opcode.atomicCmpxchg: atomic = .compareExchange
      default: throw d.error(.invalidImmediate(insn.imm))
      }
      if atomic.fetches && atomic != .compareExchange && src == .r10 { throw d.error(.frameRegisterWritten) }
      return .atomic(atomic, width(op), base: base, offset: insn.offset, src: src)
    default:  // classLD
      return try decodeLD(&d, slots)
    }
  }

  private static func width(_ op: UInt8) -> MemoryWidth {
    switch op & 0x18 {
    case Opcode.sizeB: .byte
    case Opcode.sizeH: .halfWord
    case Opcode.sizeW: .word
    default: .doubleWord
    }
  }

  private static func decodeALU(_ d: inout FieldChecker) throws(DecodeError) -> DecodedInstruction {
    let insn = d.insn
    let op = insn.opcode
    let is64 = op & 0x07 == Opcode.classALU64
    let size: OperandSize = is64 ? .bits64 : .bits32
    let isReg = op & Opcode.sourceRegister != 0
    let dst = try d.writtenRegister(insn.dst)
    let code = op & 0xF0
    switch code {
    case 0x80:  // NEG
      guard !isReg else { throw d.error(.unknownOpcode(op)) }
      try d.zero(.src)
      try d.zero(.offset)
      try d.zero(.imm)
      return .negate(size, dst: dst)
    case 0xD0:  // END
      if is64 && isReg { throw d.error(.unknownOpcode(op)) }
      try d.zero(.src)
      try d.zero(.offset)
      guard insn.imm == 16 || insn.imm == 32 || insn.imm == 64 else { throw d.error(.invalidImmediate(insn.imm)) }
      let kind: ByteSwapKind = is64 ? .unconditional : (isReg ? .toBigEndian : .toLittleEndian)
      return .byteSwap(kind, bits: UInt8(insn.imm), dst: dst)
    case 0xE0, 0xF0:
      throw d.error(.unknownOpcode(op))
    default:
      break
    }
    let operation: ALUOperation
    switch (code, insn.offset) {
    case (0x00, 0): operation = .add
    case (0x10, 0): operation = .sub
    case (0x20, 0): operation = .mul
    case (0x30, 0): operation = .div
    case (0x30, 1): operation = .sdiv
    case (0x40, 0): operation = .or
    case (0x50, 0): operation = .and
    case (0x60, 0): operation = .lsh
    case (0x70, 0): operation = .rsh
    case (0x90, 0): operation = .mod
    case (0x90, 1): operation = .smod
    case (0xA0, 0): operation = .xor
    case (0xB0, 0): operation = .mov
    case (0xB0, 8) where isReg: operation = .movsx8
    case (0xB0, 16) where isReg: operation = .movsx16
    case (0xB0, 32) where isReg && is64: operation = .movsx32
    case (0xC0, 0): operation = .arsh
    default: throw d.error(.invalidOffset(insn.offset))
    }
    if isReg {
      let src = try d.register(insn.src, .src)
      try d.zero(.imm)
      return .alu(operation, size, dst: dst, source: .register(src))
    }
    try d.zero(.src)
    return .alu(operation, size, dst: dst, source: .immediate(insn.imm))
  }

  private static func decodeJump(_ d: inout FieldChecker) throws(DecodeError) -> DecodedInstruction {
    let insn = d.insn
    let op = insn.opcode
    let is64 = op & 0x07 == Opcode.classJMP
    let isReg = op & Opcode.sourceRegister != 0
    switch op & 0xF0 {
    case 0x00:  // JA
      guard !isReg else { throw d.error(.unknownOpcode(op)) }
      try d.zero(.dst)
      try d.zero(.src)
      if is64 {
        try d.zero(.imm)
        return .jump(offset: Int32(insn.offset), long: false)
      }
      try d.zero(.offset)
      return .jump(offset: insn.imm, long: true)
    case 0x80:  // CALL
      guard is64 else { throw d.error(.unknownOpcode(op)) }
      try d.zero(.offset)
      if isReg {
        let reg = try d.register(insn.dst, .dst)
        try d.zero(.src)
        try d.zero(.imm)
        return .callRegister(reg)
      }
      try d.zero(.dst)
      switch insn.src {
      case 0: return .call(helper: insn.imm)
      case 1: return .callLocal(offset: insn.imm)
      case 2: return .callBTF(id: insn.imm)
      default: throw d.error(.unknownCallSource(insn.src))
      }
    case 0x90:  // EXIT
      guard is64, !isReg else { throw d.error(.unknownOpcode(op)) }
      try d.zero(.dst)
      try d.zero(.src)
      try d.zero(.offset)
      try d.zero(.imm)
      return .exit
    case 0xE0, 0xF0:
      throw d.error(.unknownOpcode(op))
    default:
      break
    }
    let condition: JumpCondition
    switch op & 0xF0 {
    case 0x10: condition = .eq
    case 0x20: condition = .gt
    case 0x30: condition = .ge
    case 0x40: condition = .set
    case 0x50: condition = .ne
    case 0x60: condition = .sgt
    case 0x70: condition = .sge
    case 0xA0: condition = .lt
    case 0xB0: condition = .le
    case 0xC0: condition = .slt
    default: condition = .sle
    }
    let dst = try d.register(insn.dst, .dst)
    let size: OperandSize = is64 ? .bits64 : .bits32
    if isReg {
      let src = try d.register(insn.src, .src)
      try d.zero(.imm)
      return .branch(condition, size, dst: dst, source: .register(src), offset: insn.offset)
    }
    try d.zero(.src)
    return .branch(condition, size, dst: dst, source: .immediate(insn.imm), offset: insn.offset)
  }

  private static func decodeLD(_ d: inout FieldChecker, _ slots: [Instruction]) throws(DecodeError)
    -> DecodedInstruction
  {
    let insn = d.insn
    let op = insn.opcode
    let mode = op & 0xE0
    if mode == Opcode.modeABS || mode == Opcode.modeIND {
      guard op & 0x18 != Opcode.sizeDW else { throw d.error(.unknownOpcode(op)) }
      try d.zero(.dst)
      try d.zero(.offset)
      if mode == Opcode.modeABS {
        try d.zero(.src)
        return .legacyPacketLoad(width(op), index: nil, immediate: insn.imm)
      }
      let index = try d.register(insn.src, .src)
      return .legacyPacketLoad(width(op), index: index, immediate: insn.imm)
    }
    guard op == Opcode.lddw else { throw d.error(.unknownOpcode(op)) }
    let dst = try d.writtenRegister(insn.dst)
    try d.zero(.offset)
    guard d.pc + 1 < slots.count else { throw d.error(.truncatedWideInstruction) }
    let next = slots[d.pc + 1]
    guard next.opcode == 0, next.dst == 0, next.src == 0, next.offset == 0 else {
      throw d.error(.malformedWideSecondSlot)
    }
    let value: WideImmediate
    switch insn.src {
    case 0:
      value = .value(UInt64(UInt32(bitPattern: insn.imm)) | UInt64(UInt32(bitPattern: next.imm)) << 32)
    case 1, 3, 4, 5:
      guard next.imm == 0 else { throw d.error(.malformedWideSecondSlot) }
      switch insn.src {
      case 1: value = .mapByFD(insn.imm)
      case 3: value = .variableAddress(insn.imm)
      case 4: value = .codeAddress(insn.imm)
      default: value = .mapByIndex(insn.imm)
      }
    case 2: value = .mapValue(fd: insn.imm, offset: next.imm)
    case 6: value = .mapValueByIndex(index: insn.imm, offset: next.imm)
    default: throw d.error(.unknownPseudoSource(insn.src))
    }
    return .loadImmediate64(dst: dst, value: value)
  }
}

/// Field validation for one slot, producing errors at its pc.
private struct FieldChecker {
  let insn: Instruction
  let pc: Int

  func error(_ kind: DecodeError.Kind) -> DecodeError { DecodeError(pc: pc, kind) }

  func register(_ value: UInt8, _ field: DecodeError.Field) throws(DecodeError) -> Register {
    guard let r = Register(value) else { throw error(.invalidRegister(field, value)) }
    return r
  }

  func writtenRegister(_ value: UInt8) throws(DecodeError) -> Register {
    let r = try register(value, .dst)
    guard r != .r10 else { throw error(.frameRegisterWritten) }
    return r
  }

  func zero(_ field: DecodeError.Field) throws(DecodeError) {
    let v: Int64
    switch field {
    case .dst: v = Int64(insn.dst)
    case .src: v = Int64(insn.src)
    case .offset: v = Int64(insn.offset)
    case .imm: v = Int64(insn.imm)
    }
    guard v == 0 else { throw error(.nonzeroField(field, v)) }
  }
}
