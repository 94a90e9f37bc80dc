/// Superinstructions: where two adjacent instructions match a common pattern, the first op is
/// replaced by one op doing both and continuing after the second. The second op stays as it was,
/// so a jump to it still works, op index still equals instruction index (budget accounting and
/// fault pcs are unchanged), and a fused branch transfers from the second op as the plain one
/// would. The patterns are the ones clang's two-address BPF code is full of:
///   `rX = rY; rX op= imm|rZ`  (three-address arithmetic),
///   `rD &= imm; if rD ==/!= 0 goto` (bit tests),
///   `rD += imm; if rD </<=/!= rS goto` (loop counters),
///   `rX = rY; if rY ==/!= imm goto`, `rX = rY; goto`, `rD += imm; goto` (loop ends),
/// and two triples, `rD = rA; rD += rB; rX = *(size *)(rD + off)` (array indexing) and
/// `rX = rY; rX &= imm; if rX ==/!= 0 goto` (bit tests of a copy).
extension ThreadedCode {
  /// The fused op for the instructions starting at `i`, if they form a pattern.
  static func fuse(_ ops: [ThreadedOp], at i: Int) -> ThreadedOp? {
    guard i + 1 < ops.count else { return nil }
    if i + 2 < ops.count {
      if let triple = fuseIndexedLoad(ops[i], ops[i + 1], ops[i + 2]) { return triple }
      if let triple = fuseBitTest(ops[i], ops[i + 1], ops[i + 2]) { return triple }
    }
    return fuse(ops[i], ops[i + 1])
  }

  /// `rX = rY; rX &= imm; if rX ==/!= 0 goto`: testing bits of a copy.
  static func fuseBitTest(_ a: ThreadedOp, _ b: ThreadedOp, _ c: ThreadedOp) -> ThreadedOp? {
    guard a.handler == .mov64r, b.handler == .and64i, b.dst == a.dst, c.dst == a.dst, c.imm == 0 else { return nil }
    switch c.handler {
    case .jeq64i: return ThreadedOp(.movAndJeqZero64, dst: a.dst, src: a.src, off: c.off, imm: b.imm)
    case .jne64i: return ThreadedOp(.movAndJneZero64, dst: a.dst, src: a.src, off: c.off, imm: b.imm)
    default: return nil
    }
  }

  static func fuseIndexedLoad(_ a: ThreadedOp, _ b: ThreadedOp, _ c: ThreadedOp) -> ThreadedOp? {
    guard a.handler == .mov64r, b.handler == .add64r, b.dst == a.dst, b.src != a.dst, c.src == a.dst else {
      return nil
    }
    let h: ThreadedHandler? =
      switch c.handler {
      // A proven (unchecked) load keeps its check here: the fused op is worth more than the check.
      case .ldxb, .ldxbU: .movAddLdxb
      case .ldxh, .ldxhU: .movAddLdxh
      case .ldxw, .ldxwU: .movAddLdxw
      case .ldxdw, .ldxdwU: .movAddLdxdw
      default: nil
      }
    guard let h else { return nil }
    return ThreadedOp(h, dst: a.dst, src: a.src, off: c.off, imm: Int32(b.src) | Int32(c.dst) << 8)
  }

  /// The fused op for `first` followed by `second`, if they form a pattern.
  static func fuse(_ first: ThreadedOp, _ second: ThreadedOp) -> ThreadedOp? {
    switch (first.handler, second.handler) {
    case (.mov64r, .jeq64i) where second.dst == first.dst || second.dst == first.src:
      return ThreadedOp(.movJeq64i, dst: first.dst, src: first.src, off: second.off, imm: second.imm)
    case (.mov64r, .jne64i) where second.dst == first.dst || second.dst == first.src:
      return ThreadedOp(.movJne64i, dst: first.dst, src: first.src, off: second.off, imm: second.imm)
    case (.mov64r, .ja) where Int16(exactly: second.imm) != nil:
      return ThreadedOp(.movJa, dst: first.dst, src: first.src, off: Int16(second.imm))
    case (.add64i, .ja) where Int16(exactly: second.imm) != nil:
      return ThreadedOp(.addJa64i, dst: first.dst, off: Int16(second.imm), imm: first.imm)
    case (.mov64r, let h) where second.dst == first.dst:
      let f: ThreadedHandler? =
        switch h {
        case .add64i: .movAdd64i
        case .and64i: .movAnd64i
        case .or64i: .movOr64i
        case .xor64i: .movXor64i
        case .lsh64i: .movLsh64i
        case .rsh64i: .movRsh64i
        case .arsh64i: .movArsh64i
        case .mul64i: .movMul64i
        case .add64r: .movAdd64r
        case .sub64r: .movSub64r
        case .and64r: .movAnd64r
        case .or64r: .movOr64r
        case .xor64r: .movXor64r
        case .mul64r: .movMul64r
        default: nil
        }
      guard let f else { return nil }
      if h.rawValue >= ThreadedHandler.add64r.rawValue {
        return ThreadedOp(f, dst: first.dst, src: first.src, imm: Int32(second.src))
      }
      return ThreadedOp(f, dst: first.dst, src: first.src, imm: second.imm)
    case (.mov32r, let h) where second.dst == first.dst:
      let f: ThreadedHandler? =
        switch h {
        case .add32i: .movAdd32i
        case .and32i: .movAnd32i
        case .lsh32i: .movLsh32i
        case .rsh32i: .movRsh32i
        case .mul32i: .movMul32i
        default: nil
        }
      guard let f else { return nil }
      return ThreadedOp(f, dst: first.dst, src: first.src, imm: second.imm)
    case (.and64i, .jeq64i) where second.dst == first.dst && second.imm == 0:
      return ThreadedOp(.andJeqZero64, dst: first.dst, off: second.off, imm: first.imm)
    case (.and64i, .jne64i) where second.dst == first.dst && second.imm == 0:
      return ThreadedOp(.andJneZero64, dst: first.dst, off: second.off, imm: first.imm)
    case (.add64i, .jlt64r) where second.dst == first.dst:
      return ThreadedOp(.addJlt64r, dst: first.dst, src: second.src, off: second.off, imm: first.imm)
    case (.add64i, .jle64r) where second.dst == first.dst:
      return ThreadedOp(.addJle64r, dst: first.dst, src: second.src, off: second.off, imm: first.imm)
    case (.add64i, .jne64r) where second.dst == first.dst:
      return ThreadedOp(.addJne64r, dst: first.dst, src: second.src, off: second.off, imm: first.imm)
    default:
      return nil
    }
  }
}
