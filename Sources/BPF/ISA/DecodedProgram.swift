/// A whole instruction sequence, decoded and validated: every slot decodes, every jump and
/// local call lands on the first slot of an instruction inside the program, and the last
/// instruction cannot fall through past the end.
public struct DecodedProgram: Hashable, Sendable {
  /// The raw slots.
  public let slots: [Instruction]
  /// The decoded instructions in order, with the slot index each starts at.
  public let instructions: [(pc: Int, instruction: DecodedInstruction)]

  /// Decodes and validates `slots`.
  public init(slots: [Instruction]) throws(DecodeError) {
    guard !slots.isEmpty else { throw DecodeError(pc: 0, .emptyProgram) }
    var list: [(pc: Int, instruction: DecodedInstruction)] = []
    list.reserveCapacity(slots.count)
    var isStart = [Bool](repeating: false, count: slots.count)
    var pc = 0
    while pc < slots.count {
      let insn = try DecodedInstruction.decode(slots, at: pc)
      list.append((pc, insn))
      isStart[pc] = true
      pc += insn.slotCount
    }
    for (pc, insn) in list {
      guard let target = insn.target(from: pc) else { continue }
      guard target >= 0 && target < slots.count else {
        throw DecodeError(pc: pc, .jumpOutOfRange(target: target, count: slots.count))
      }
      guard isStart[target] else { throw DecodeError(pc: pc, .jumpIntoWideInstruction(target: target)) }
    }
    if let (lastPC, last) = list.last {
      switch last {
      case .exit, .jump: break
      default: throw DecodeError(pc: lastPC, .fallsOffEnd)
      }
    }
    self.slots = slots
    self.instructions = list
  }

  /// Decodes and validates little-endian instruction bytes.
  public init(bytes: [UInt8]) throws(DecodeError) {
    guard bytes.count % 8 == 0 else { throw DecodeError(pc: bytes.count / 8, .partialSlot(byteCount: bytes.count)) }
    try self.init(slots: Instruction.decode(bytes))
  }

  /// Number of instructions (an LDDW counts once).
  public var count: Int { instructions.count }

  /// Compares slots (the instructions are derived from them).
  public static func == (a: DecodedProgram, b: DecodedProgram) -> Bool { a.slots == b.slots }

  /// Hashes the slots.
  public func hash(into hasher: inout Hasher) { hasher.combine(slots) }
}
