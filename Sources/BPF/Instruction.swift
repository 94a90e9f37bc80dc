/// One 64-bit eBPF instruction slot as RFC 9669 encodes it (little-endian).
///
/// A wide instruction (LDDW) occupies two slots; the second slot carries the upper 32 bits of the
/// immediate in its `imm` field and has every other field zero.
public struct Instruction: Hashable, Sendable {
  /// The opcode byte: class in the low 3 bits, then source/size and operation/mode bits.
  public var opcode: UInt8
  /// Destination register number (0–10 for valid programs; 4 bits in the encoding).
  public var dst: UInt8
  /// Source register number (0–10 for valid programs; 4 bits in the encoding).
  public var src: UInt8
  /// Signed 16-bit offset.
  public var offset: Int16
  /// Signed 32-bit immediate.
  public var imm: Int32

  /// Creates an instruction from its fields.
  public init(opcode: UInt8, dst: UInt8 = 0, src: UInt8 = 0, offset: Int16 = 0, imm: Int32 = 0) {
    self.opcode = opcode
    self.dst = dst & 0xF
    self.src = src & 0xF
    self.offset = offset
    self.imm = imm
  }

  /// Decodes a slot from its 64-bit little-endian word.
  public init(raw: UInt64) {
    opcode = UInt8(truncatingIfNeeded: raw)
    let regs = UInt8(truncatingIfNeeded: raw >> 8)
    dst = regs & 0xF
    src = regs >> 4
    offset = Int16(truncatingIfNeeded: raw >> 16)
    imm = Int32(truncatingIfNeeded: raw >> 32)
  }

  /// The 64-bit little-endian word of this slot.
  public var raw: UInt64 {
    UInt64(opcode) | UInt64((src << 4) | (dst & 0xF)) << 8
      | UInt64(UInt16(bitPattern: offset)) << 16 | UInt64(UInt32(bitPattern: imm)) << 32
  }

  /// The instruction class (low three opcode bits).
  public var instructionClass: UInt8 { opcode & 0x07 }

  /// True for the first slot of a two-slot LDDW (opcode 0x18).
  public var isWide: Bool { opcode == 0x18 }
}

extension Instruction {
  /// Decodes consecutive slots from little-endian bytes; a trailing partial slot is ignored.
  public static func decode(_ bytes: some Collection<UInt8>) -> [Instruction] {
    var result: [Instruction] = []
    result.reserveCapacity(bytes.count / 8)
    var word: UInt64 = 0
    var n = 0
    for b in bytes {
      word |= UInt64(b) << (8 * UInt64(n))
      n += 1
      if n == 8 {
        result.append(Instruction(raw: word))
        word = 0
        n = 0
      }
    }
    return result
  }

  /// Encodes slots to little-endian bytes.
  public static func encode(_ instructions: [Instruction]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(instructions.count * 8)
    for insn in instructions {
      var w = insn.raw
      for _ in 0..<8 {
        out.append(UInt8(truncatingIfNeeded: w))
        w >>= 8
      }
    }
    return out
  }
}
