extension DecodedInstruction {
  /// The slots of this instruction (two for LDDW): the exact inverse of `decode`.
  public func encode() -> [Instruction] {
    switch self {
    case .alu(let op, let size, let dst, let source):
      let cls = size == .bits64 ? Opcode.classALU64 : Opcode.classALU
      switch source {
      case .register(let src):
        return [
          Instruction(
            opcode: cls | op.opcodeBits | Opcode.sourceRegister, dst: dst.index, src: src.index,
            offset: op.offsetField)
        ]
      case .immediate(let imm):
        return [Instruction(opcode: cls | op.opcodeBits, dst: dst.index, offset: op.offsetField, imm: imm)]
      }
    case .negate(let size, let dst):
      let cls = size == .bits64 ? Opcode.classALU64 : Opcode.classALU
      return [Instruction(opcode: cls | 0x80, dst: dst.index)]
    case .byteSwap(let kind, let bits, let dst):
      let opcode: UInt8
      switch kind {
      case .toLittleEndian: opcode = Opcode.classALU | 0xD0
      case .toBigEndian: opcode = Opcode.classALU | 0xD0 | Opcode.sourceRegister
      case .unconditional: opcode = Opcode.classALU64 | 0xD0
      }
      return [Instruction(opcode: opcode, dst: dst.index, imm: Int32(bits))]
    case .load(let width, let sx, let dst, let base, let offset):
      let mode = sx ? Opcode.modeMEMSX : Opcode.modeMEM
      return [
        Instruction(
          opcode: Opcode.classLDX | mode | width.sizeBits, dst: dst.index, src: base.index,
          offset: offset)
      ]
    case .store(let width, let base, let offset, let value):
      switch value {
      case .register(let src):
        return [
          Instruction(
            opcode: Opcode.classSTX | Opcode.modeMEM | width.sizeBits, dst: base.index,
            src: src.index, offset: offset)
        ]
      case .immediate(let imm):
        return [
          Instruction(
            opcode: Opcode.classST | Opcode.modeMEM | width.sizeBits, dst: base.index,
            offset: offset, imm: imm)
        ]
      }
    case .atomic(let op, let width, let base, let offset, let src):
      return [
        Instruction(
          opcode: Opcode.classSTX | Opcode.modeATOMIC | width.sizeBits, dst: base.index,
          src: src.index, offset: offset, imm: op.immediate)
      ]
    case .loadImmediate64(let dst, let value):
      let (lo, hi): (Int32, Int32)
      switch value {
      case .value(let v):
        lo = Int32(bitPattern: UInt32(truncatingIfNeeded: v))
        hi = Int32(bitPattern: UInt32(truncatingIfNeeded: v >> 32))
      case .mapByFD(let fd): (lo, hi) = (fd, 0)
      case .mapValue(let fd, let off): (lo, hi) = (fd, off)
      case .variableAddress(let id): (lo, hi) = (id, 0)
      case .codeAddress(let off): (lo, hi) = (off, 0)
      case .mapByIndex(let i): (lo, hi) = (i, 0)
      case .mapValueByIndex(let i, let off): (lo, hi) = (i, off)
      }
      return [
        Instruction(opcode: Opcode.lddw, dst: dst.index, src: value.sourceField, imm: lo),
        Instruction(opcode: 0, imm: hi),
      ]
    case .legacyPacketLoad(let width, let index, let imm):
      let mode = index == nil ? Opcode.modeABS : Opcode.modeIND
      return [Instruction(opcode: Opcode.classLD | mode | width.sizeBits, src: index?.index ?? 0, imm: imm)]
    case .jump(let offset, let long):
      if long { return [Instruction(opcode: Opcode.ja32, imm: offset)] }
      return [Instruction(opcode: Opcode.ja, offset: Int16(truncatingIfNeeded: offset))]
    case .branch(let cond, let size, let dst, let source, let offset):
      let cls = size == .bits64 ? Opcode.classJMP : Opcode.classJMP32
      switch source {
      case .register(let src):
        return [
          Instruction(
            opcode: cls | cond.opcodeBits | Opcode.sourceRegister, dst: dst.index, src: src.index,
            offset: offset)
        ]
      case .immediate(let imm):
        return [Instruction(opcode: cls | cond.opcodeBits, dst: dst.index, offset: offset, imm: imm)]
      }
    case .call(let id):
      return [Instruction(opcode: Opcode.call, imm: id)]
    case .callLocal(let offset):
      return [Instruction(opcode: Opcode.call, src: 1, imm: offset)]
    case .callBTF(let id):
      return [Instruction(opcode: Opcode.call, src: 2, imm: id)]
    case .callRegister(let reg):
      return [Instruction(opcode: Opcode.callx, dst: reg.index)]
    case .exit:
      return [Instruction(opcode: Opcode.exit)]
    }
  }
}
