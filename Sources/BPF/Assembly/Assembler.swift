/// Assembler for the text dialect of the bpf_conformance suite (uBPF style):
/// `mov32 %r0, 0`, `ldxh %r3, [%r1+12]`, `stxdw [%r10-8], %r0`, `lock fetch add32 [%r10-8], %r1`,
/// `lddw %r0, 0x1122334455667788`, `jne %r1, 5, label`, `ja +3`, `ja32 L1`, `call 5`,
/// `call local func1`, `call %r2`, `movsx832 %r0, %r1`, `be16 %r0`, labels `name:`, `exit`.
///
/// As in the suite, a jump to the undefined label `exit` goes to the first `exit` instruction.
/// Extensions (for round trips of every encodable instruction): `call runtime N` (call by BTF id),
/// `ldabsw 12`/`ldindh %r1, 12` (legacy packet loads), and the LDDW pseudo forms
/// `lddw %r1, map_fd(N)`, `map_value(N, +off)`, `var_addr(N)`, `code_addr(+off)`, `map_idx(N)`,
/// `map_value_idx(N, +off)`. Registers `%r11`–`%r15` assemble (for negative tests) and are then
/// rejected by the decoder.
public enum Assembler {
  /// Assembles `source` into instruction slots.
  public static func assemble(_ source: String) throws(AssemblyError) -> [Instruction] {
    var state = AssemblerState()
    var lineNumber = 0
    for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var text = Substring(rawLine)
      if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
      try state.assembleLine(text.trimmed, line: lineNumber)
    }
    return try state.finish()
  }
}

/// A pending reference to a label, resolved once every label is known.
private struct Fixup {
  let slot: Int
  let label: String
  let line: Int
  /// True when the offset goes into `imm` (ja32, call local), false for the 16-bit `offset`.
  let wide: Bool
}

private struct AssemblerState {
  var slots: [Instruction] = []
  var labels: [String: Int] = [:]
  var firstExit: Int?
  var fixups: [Fixup] = []

  mutating func assembleLine(_ text: Substring, line: Int) throws(AssemblyError) {
    var rest = text
    // Leading labels: `name:` possibly followed by an instruction.
    while let colon = rest.firstIndex(of: ":") {
      let name = rest[..<colon].trimmed
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { break }
      guard labels[String(name)] == nil else { throw AssemblyError(line: line, "duplicate label '\(name)'") }
      labels[String(name)] = slots.count
      rest = rest[rest.index(after: colon)...].trimmed
    }
    guard !rest.isEmpty else { return }
    let mnemonicEnd = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
    let mnemonic = rest[..<mnemonicEnd].lowercased()
    let operandText = rest[mnemonicEnd...].trimmed
    var p = OperandParser(line: line)
    let insn = try encode(mnemonic: mnemonic, operandText: operandText, parser: &p)
    if insn.first?.opcode == Opcode.exit && firstExit == nil { firstExit = slots.count }
    slots.append(contentsOf: insn)
  }

  mutating func finish() throws(AssemblyError) -> [Instruction] {
    for f in fixups {
      let target: Int
      if let t = labels[f.label] {
        target = t
      } else if f.label == "exit", let t = firstExit {
        target = t
      } else {
        throw AssemblyError(line: f.line, "undefined label '\(f.label)'")
      }
      let delta = target - f.slot - 1
      if f.wide {
        guard let v = Int32(exactly: delta) else { throw AssemblyError(line: f.line, "jump too far") }
        slots[f.slot].imm = v
      } else {
        guard let v = Int16(exactly: delta) else {
          throw AssemblyError(line: f.line, "jump to '\(f.label)' (\(delta) slots) does not fit a 16-bit offset")
        }
        slots[f.slot].offset = v
      }
    }
    return slots
  }

  /// Encodes a jump target operand: `+N`/`-N` directly, a label through a fixup.
  mutating func target(_ text: Substring, parser p: OperandParser, wide: Bool) throws(AssemblyError) -> Int64 {
    if let first = text.first, first == "+" || first == "-" || first.isNumber {
      return try p.integer(text, "jump offset")
    }
    guard !text.isEmpty else { throw p.error("missing jump target") }
    fixups.append(Fixup(slot: slots.count, label: String(text), line: p.line, wide: wide))
    return 0
  }

  mutating func encode(mnemonic: String, operandText: Substring, parser p: inout OperandParser)
    throws(AssemblyError) -> [Instruction]
  {
    if mnemonic == "lock" { return [try encodeAtomic(operandText, p)] }
    if mnemonic == "call" { return [try encodeCall(operandText, p)] }
    let ops = p.split(operandText)
    func expect(_ n: Int) throws(AssemblyError) {
      guard ops.count == n else {
        throw p.error("'\(mnemonic)' takes \(n) operand\(n == 1 ? "" : "s"), got \(ops.count)")
      }
    }
    switch mnemonic {
    case "exit":
      try expect(0)
      return [Instruction(opcode: Opcode.exit)]
    case "ja", "ja32":
      try expect(1)
      let long = mnemonic == "ja32"
      let off = try target(ops[0], parser: p, wide: long)
      if long { return [Instruction(opcode: Opcode.ja32, imm: try p.fit32(off, "jump offset"))] }
      return [Instruction(opcode: Opcode.ja, offset: try p.fit16(off, "jump offset"))]
    case "lddw":
      try expect(2)
      let dst = try p.register(ops[0])
      return try p.wideImmediate(ops[1], dst: dst)
    default:
      break
    }
    if let width = Self.loadWidths[mnemonic] {
      try expect(2)
      let dst = try p.register(ops[0])
      let (base, off) = try p.memory(ops[1])
      let mode = mnemonic.hasPrefix("ldxs") ? Opcode.modeMEMSX : Opcode.modeMEM
      return [Instruction(opcode: Opcode.classLDX | mode | width.sizeBits, dst: dst, src: base, offset: off)]
    }
    if let width = Self.storeWidths[mnemonic] {
      try expect(2)
      let (base, off) = try p.memory(ops[0])
      if mnemonic.hasPrefix("stx") {
        let src = try p.register(ops[1])
        return [
          Instruction(opcode: Opcode.classSTX | Opcode.modeMEM | width.sizeBits, dst: base, src: src, offset: off)
        ]
      }
      let imm = try p.immediate32(ops[1])
      return [Instruction(opcode: Opcode.classST | Opcode.modeMEM | width.sizeBits, dst: base, offset: off, imm: imm)]
    }
    if let (width, indirect) = Self.legacyLoads[mnemonic] {
      let mode = indirect ? Opcode.modeIND : Opcode.modeABS
      if indirect {
        try expect(2)
        let index = try p.register(ops[0])
        return [Instruction(opcode: Opcode.classLD | mode | width.sizeBits, src: index, imm: try p.immediate32(ops[1]))]
      }
      try expect(1)
      return [Instruction(opcode: Opcode.classLD | mode | width.sizeBits, imm: try p.immediate32(ops[0]))]
    }
    if let (opcode, bits) = Self.byteSwaps[mnemonic] {
      try expect(1)
      return [Instruction(opcode: opcode, dst: try p.register(ops[0]), imm: bits)]
    }
    if let (cls, offset) = Self.signExtendingMoves[mnemonic] {
      try expect(2)
      let dst = try p.register(ops[0])
      guard ops[1].hasPrefix("%") else { throw p.error("'\(mnemonic)' needs a register source") }
      let src = try p.register(ops[1])
      return [Instruction(opcode: cls | 0xB0 | Opcode.sourceRegister, dst: dst, src: src, offset: offset)]
    }
    if let (cls, isNeg) = Self.aluClass(mnemonic, &p), let op = Self.aluOps[p.stem] {
      if isNeg {
        try expect(1)
        return [Instruction(opcode: cls | 0x80, dst: try p.register(ops[0]))]
      }
      try expect(2)
      let dst = try p.register(ops[0])
      let offset: Int16 = (p.stem == "sdiv" || p.stem == "smod") ? 1 : 0
      if ops[1].hasPrefix("%") {
        return [
          Instruction(
            opcode: cls | op | Opcode.sourceRegister, dst: dst, src: try p.register(ops[1]),
            offset: offset)
        ]
      }
      return [Instruction(opcode: cls | op, dst: dst, offset: offset, imm: try p.immediate32(ops[1]))]
    }
    if let (cls, op) = Self.jumpOp(mnemonic) {
      try expect(3)
      let dst = try p.register(ops[0])
      let off = try p.fit16(try target(ops[2], parser: p, wide: false), "jump offset")
      if ops[1].hasPrefix("%") {
        return [
          Instruction(
            opcode: cls | op | Opcode.sourceRegister, dst: dst, src: try p.register(ops[1]),
            offset: off)
        ]
      }
      return [Instruction(opcode: cls | op, dst: dst, offset: off, imm: try p.immediate32(ops[1]))]
    }
    throw p.error("unknown mnemonic '\(mnemonic)'")
  }

  mutating func encodeCall(_ text: Substring, _ p: OperandParser) throws(AssemblyError) -> Instruction {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    switch words.count {
    case 1 where words[0].hasPrefix("%"):
      return Instruction(opcode: Opcode.callx, dst: try p.register(words[0]))
    case 1:
      return Instruction(opcode: Opcode.call, imm: try p.immediate32(words[0]))
    case 2:
      switch words[0] {
      case "helper":
        if words[1].hasPrefix("%") { return Instruction(opcode: Opcode.callx, dst: try p.register(words[1])) }
        return Instruction(opcode: Opcode.call, imm: try p.immediate32(words[1]))
      case "local":
        let off = try target(words[1], parser: p, wide: true)
        return Instruction(opcode: Opcode.call, src: 1, imm: try p.fit32(off, "call offset"))
      case "runtime":
        return Instruction(opcode: Opcode.call, src: 2, imm: try p.immediate32(words[1]))
      default:
        throw p.error("unknown call kind '\(words[0])' (expected helper, local or runtime)")
      }
    default:
      throw p.error("'call' takes a helper id, a register, or 'local'/'helper'/'runtime' and a target")
    }
  }

  func encodeAtomic(_ text: Substring, _ p: OperandParser) throws(AssemblyError) -> Instruction {
    // lock [fetch] <op>[32] [dst+off], src
    var rest = text
    var fetch = false
    if rest.hasPrefix("fetch ") || rest.hasPrefix("fetch\t") {
      fetch = true
      rest = rest.dropFirst(5).trimmed
    }
    let opEnd = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
    var name = String(rest[..<opEnd])
    let is32 = name.hasSuffix("32")
    if is32 { name.removeLast(2) }
    let ops = p.split(rest[opEnd...].trimmed)
    guard ops.count == 2 else { throw p.error("'lock \(name)' takes a memory operand and a register") }
    let imm: Int32
    switch name {
    case "add": imm = 0x00
    case "or": imm = 0x40
    case "and": imm = 0x50
    case "xor": imm = 0xA0
    case "xchg", "cmpxchg":
      guard !fetch else { throw p.error("'lock \(name)' always fetches; drop 'fetch'") }
      imm = name == "xchg" ? Opcode.atomicXchg : Opcode.atomicCmpxchg
    default: throw p.error("unknown atomic operation '\(name)'")
    }
    let (base, off) = try p.memory(ops[0])
    let src = try p.register(ops[1])
    let size = is32 ? Opcode.sizeW : Opcode.sizeDW
    return Instruction(
      opcode: Opcode.classSTX | Opcode.modeATOMIC | size, dst: base, src: src, offset: off,
      imm: imm | (fetch ? Opcode.atomicFetch : 0))
  }

  static let loadWidths: [String: MemoryWidth] = [
    "ldxb": .byte, "ldxh": .halfWord, "ldxw": .word, "ldxdw": .doubleWord,
    "ldxsb": .byte, "ldxsh": .halfWord, "ldxsw": .word,
  ]
  static let storeWidths: [String: MemoryWidth] = [
    "stb": .byte, "sth": .halfWord, "stw": .word, "stdw": .doubleWord,
    "stxb": .byte, "stxh": .halfWord, "stxw": .word, "stxdw": .doubleWord,
  ]
  static let legacyLoads: [String: (MemoryWidth, Bool)] = [
    "ldabsb": (.byte, false), "ldabsh": (.halfWord, false), "ldabsw": (.word, false),
    "ldindb": (.byte, true), "ldindh": (.halfWord, true), "ldindw": (.word, true),
  ]
  static let byteSwaps: [String: (UInt8, Int32)] = {
    var t: [String: (UInt8, Int32)] = [:]
    for bits: Int32 in [16, 32, 64] {
      t["le\(bits)"] = (Opcode.classALU | 0xD0, bits)
      t["be\(bits)"] = (Opcode.classALU | 0xD0 | Opcode.sourceRegister, bits)
      t["bswap\(bits)"] = (Opcode.classALU64 | 0xD0, bits)
      t["swap\(bits)"] = (Opcode.classALU64 | 0xD0, bits)
    }
    return t
  }()
  static let signExtendingMoves: [String: (UInt8, Int16)] = [
    "movsx832": (Opcode.classALU, 8), "movsx1632": (Opcode.classALU, 16),
    "movsx864": (Opcode.classALU64, 8), "movsx1664": (Opcode.classALU64, 16), "movsx3264": (Opcode.classALU64, 32),
  ]
  static let aluOps: [String: UInt8] = [
    "add": 0x00, "sub": 0x10, "mul": 0x20, "div": 0x30, "sdiv": 0x30, "or": 0x40, "and": 0x50,
    "lsh": 0x60, "rsh": 0x70, "neg": 0x80, "mod": 0x90, "smod": 0x90, "xor": 0xA0, "mov": 0xB0, "arsh": 0xC0,
  ]
  static let jumpOps: [String: UInt8] = [
    "jeq": 0x10, "jgt": 0x20, "jge": 0x30, "jset": 0x40, "jne": 0x50, "jsgt": 0x60, "jsge": 0x70,
    "jlt": 0xA0, "jle": 0xB0, "jslt": 0xC0, "jsle": 0xD0,
  ]

  /// Splits an ALU mnemonic into class and stem (`add32` → ALU, `add`); nil when not ALU.
  static func aluClass(_ m: String, _ p: inout OperandParser) -> (UInt8, Bool)? {
    var stem = m
    var cls = Opcode.classALU64
    if m.hasSuffix("32") {
      stem = String(m.dropLast(2))
      cls = Opcode.classALU
    } else if m.hasSuffix("64") {
      stem = String(m.dropLast(2))
    }
    guard aluOps[stem] != nil else { return nil }
    p.stem = stem
    return (cls, stem == "neg")
  }

  static func jumpOp(_ m: String) -> (UInt8, UInt8)? {
    if m.hasSuffix("32"), let op = jumpOps[String(m.dropLast(2))] { return (Opcode.classJMP32, op) }
    if let op = jumpOps[m] { return (Opcode.classJMP, op) }
    return nil
  }
}

/// Operand parsing with errors at the current line.
private struct OperandParser {
  let line: Int
  var stem = ""

  func error(_ message: String) -> AssemblyError { AssemblyError(line: line, message) }

  /// Splits on commas outside brackets and parentheses.
  func split(_ text: Substring) -> [Substring] {
    guard !text.isEmpty else { return [] }
    var parts: [Substring] = []
    var depth = 0
    var start = text.startIndex
    var i = text.startIndex
    while i < text.endIndex {
      switch text[i] {
      case "[", "(": depth += 1
      case "]", ")": depth -= 1
      case "," where depth == 0:
        parts.append(text[start..<i].trimmed)
        start = text.index(after: i)
      default: break
      }
      i = text.index(after: i)
    }
    parts.append(text[start...].trimmed)
    return parts
  }

  func register(_ text: Substring) throws(AssemblyError) -> UInt8 {
    var t = text
    if t.hasPrefix("%") { t = t.dropFirst() }
    guard t.hasPrefix("r"), let n = UInt8(t.dropFirst()), n <= 15 else {
      throw error("invalid register '\(text)'")
    }
    return n
  }

  /// Parses a signed decimal or hexadecimal integer (`-12`, `+0x1f`, `0xFFFFFFFF`).
  func integer(_ text: Substring, _ what: String) throws(AssemblyError) -> Int64 {
    var t = text
    var negative = false
    if t.hasPrefix("-") {
      negative = true
      t = t.dropFirst()
    } else if t.hasPrefix("+") {
      t = t.dropFirst()
    }
    let magnitude: UInt64?
    if t.hasPrefix("0x") || t.hasPrefix("0X") {
      magnitude = UInt64(t.dropFirst(2), radix: 16)
    } else {
      magnitude = UInt64(t)
    }
    guard let m = magnitude, !t.isEmpty else { throw error("invalid \(what) '\(text)'") }
    if negative {
      guard m <= UInt64(Int64.max) + 1 else { throw error("\(what) '\(text)' out of range") }
      return m == UInt64(Int64.max) + 1 ? Int64.min : -Int64(m)
    }
    guard m <= UInt64(Int64.max) else { throw error("\(what) '\(text)' out of range") }
    return Int64(m)
  }

  /// A 32-bit immediate: accepts -2^31 … 2^32-1 (values above 2^31-1 are the unsigned spelling).
  func immediate32(_ text: Substring) throws(AssemblyError) -> Int32 {
    let v = try integer(text, "immediate")
    guard v >= Int64(Int32.min) && v <= Int64(UInt32.max) else {
      throw error("immediate '\(text)' does not fit 32 bits")
    }
    return Int32(truncatingIfNeeded: v)
  }

  func fit16(_ v: Int64, _ what: String) throws(AssemblyError) -> Int16 {
    guard let r = Int16(exactly: v) else { throw error("\(what) \(v) does not fit 16 bits") }
    return r
  }

  func fit32(_ v: Int64, _ what: String) throws(AssemblyError) -> Int32 {
    guard let r = Int32(exactly: v) else { throw error("\(what) \(v) does not fit 32 bits") }
    return r
  }

  /// `[%rN]`, `[%rN+off]`, `[%rN-off]`.
  func memory(_ text: Substring) throws(AssemblyError) -> (UInt8, Int16) {
    guard text.hasPrefix("["), text.hasSuffix("]") else {
      throw error("expected a memory operand like [%r1+8], got '\(text)'")
    }
    let inner = text.dropFirst().dropLast().trimmed
    guard let signIndex = inner.firstIndex(where: { $0 == "+" || $0 == "-" }) else {
      return (try register(inner), 0)
    }
    let reg = try register(inner[..<signIndex].trimmed)
    let off = try integer(inner[signIndex...].filter { $0 != " " }[...], "offset")
    return (reg, try fit16(off, "offset"))
  }

  /// The second operand of `lddw`: a 64-bit constant or a pseudo form.
  func wideImmediate(_ text: Substring, dst: UInt8) throws(AssemblyError) -> [Instruction] {
    if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
      let name = text[..<open].trimmed
      let args = split(text[text.index(after: open)..<text.index(before: text.endIndex)])
      func arg(_ i: Int) throws(AssemblyError) -> Int32 { try fit32(try integer(args[i], "operand"), "operand") }
      let forms: [Substring: (src: UInt8, argc: Int)] = [
        "map_fd": (1, 1), "map_value": (2, 2), "var_addr": (3, 1), "code_addr": (4, 1), "map_idx": (5, 1),
        "map_value_idx": (6, 2),
      ]
      guard let form = forms[name] else { throw error("unknown lddw pseudo form '\(name)'") }
      guard args.count == form.argc else { throw error("'\(name)' takes \(form.argc) argument(s)") }
      let lo = try arg(0)
      let hi = form.argc == 2 ? try arg(1) : 0
      return [Instruction(opcode: Opcode.lddw, dst: dst, src: form.src, imm: lo), Instruction(opcode: 0, imm: hi)]
    }
    let value: UInt64
    if text.hasPrefix("-") {
      value = UInt64(bitPattern: try integer(text, "immediate"))
    } else {
      var t = text
      if t.hasPrefix("+") { t = t.dropFirst() }
      let parsed = (t.hasPrefix("0x") || t.hasPrefix("0X")) ? UInt64(t.dropFirst(2), radix: 16) : UInt64(t)
      guard let v = parsed else { throw error("invalid 64-bit immediate '\(text)'") }
      value = v
    }
    return [
      Instruction(opcode: Opcode.lddw, dst: dst, imm: Int32(bitPattern: UInt32(truncatingIfNeeded: value))),
      Instruction(opcode: 0, imm: Int32(bitPattern: UInt32(truncatingIfNeeded: value >> 32))),
    ]
  }
}

extension Substring {
  var trimmed: Substring {
    var s = self
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return s
  }
}
