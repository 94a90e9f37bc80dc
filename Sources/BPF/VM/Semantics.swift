/// RFC 9669 arithmetic, shared by both execution engines so they cannot disagree.
/// All functions take and return register values (UInt64); 32-bit variants zero-extend.
enum Semantics {
  @inline(__always) static func imm64(_ imm: Int32) -> UInt64 { UInt64(bitPattern: Int64(imm)) }
  @inline(__always) static func imm32(_ imm: Int32) -> UInt64 { UInt64(UInt32(bitPattern: imm)) }
  @inline(__always) static func low(_ v: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: v) }
  @inline(__always) static func zx(_ v: UInt32) -> UInt64 { UInt64(v) }

  // 64-bit
  @inline(__always) static func div64(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? 0 : a / b }
  @inline(__always) static func mod64(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? a : a % b }
  @inline(__always) static func sdiv64(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let x = Int64(bitPattern: a)
    let y = Int64(bitPattern: b)
    if y == 0 { return 0 }
    if y == -1 { return UInt64(bitPattern: 0 &- x) }  // INT_MIN / -1 wraps to INT_MIN
    return UInt64(bitPattern: x / y)
  }
  @inline(__always) static func smod64(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let x = Int64(bitPattern: a)
    let y = Int64(bitPattern: b)
    if y == 0 { return a }
    if y == -1 { return 0 }
    return UInt64(bitPattern: x % y)  // truncated: the sign follows the dividend
  }
  @inline(__always) static func lsh64(_ a: UInt64, _ b: UInt64) -> UInt64 { a << (b & 63) }
  @inline(__always) static func rsh64(_ a: UInt64, _ b: UInt64) -> UInt64 { a >> (b & 63) }
  @inline(__always) static func arsh64(_ a: UInt64, _ b: UInt64) -> UInt64 {
    UInt64(bitPattern: Int64(bitPattern: a) >> (b & 63))
  }

  // 32-bit (operands are the low halves; results zero-extended)
  @inline(__always) static func add32(_ a: UInt64, _ b: UInt64) -> UInt64 { zx(low(a) &+ low(b)) }
  @inline(__always) static func sub32(_ a: UInt64, _ b: UInt64) -> UInt64 { zx(low(a) &- low(b)) }
  @inline(__always) static func mul32(_ a: UInt64, _ b: UInt64) -> UInt64 { zx(low(a) &* low(b)) }
  @inline(__always) static func div32(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let y = low(b)
    return y == 0 ? 0 : zx(low(a) / y)
  }
  @inline(__always) static func mod32(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let y = low(b)
    return y == 0 ? zx(low(a)) : zx(low(a) % y)
  }
  @inline(__always) static func sdiv32(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let x = Int32(bitPattern: low(a))
    let y = Int32(bitPattern: low(b))
    if y == 0 { return 0 }
    if y == -1 { return zx(UInt32(bitPattern: 0 &- x)) }
    return zx(UInt32(bitPattern: x / y))
  }
  @inline(__always) static func smod32(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let x = Int32(bitPattern: low(a))
    let y = Int32(bitPattern: low(b))
    if y == 0 { return zx(low(a)) }
    if y == -1 { return 0 }
    return zx(UInt32(bitPattern: x % y))
  }
  @inline(__always) static func or32(_ a: UInt64, _ b: UInt64) -> UInt64 { zx(low(a) | low(b)) }
  @inline(__always) static func and32(_ a: UInt64, _ b: UInt64) -> UInt64 { zx(low(a) & low(b)) }
  @inline(__always) static func xor32(_ a: UInt64, _ b: UInt64) -> UInt64 { zx(low(a) ^ low(b)) }
  @inline(__always) static func lsh32(_ a: UInt64, _ b: UInt64) -> UInt64 { zx(low(a) << (low(b) & 31)) }
  @inline(__always) static func rsh32(_ a: UInt64, _ b: UInt64) -> UInt64 { zx(low(a) >> (low(b) & 31)) }
  @inline(__always) static func arsh32(_ a: UInt64, _ b: UInt64) -> UInt64 {
    zx(UInt32(bitPattern: Int32(bitPattern: low(a)) >> (low(b) & 31)))
  }

  // Sign extension
  @inline(__always) static func sx8to64(_ v: UInt64) -> UInt64 {
    UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: v)))
  }
  @inline(__always) static func sx16to64(_ v: UInt64) -> UInt64 {
    UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: v)))
  }
  @inline(__always) static func sx32to64(_ v: UInt64) -> UInt64 {
    UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: v)))
  }
  @inline(__always) static func sx8to32(_ v: UInt64) -> UInt64 {
    zx(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: v))))
  }
  @inline(__always) static func sx16to32(_ v: UInt64) -> UInt64 {
    zx(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: v))))
  }

  /// Applies an ALU operation (for the reference engine; the threaded engine has one handler each).
  static func alu(_ op: ALUOperation, _ size: OperandSize, _ a: UInt64, _ b: UInt64) -> UInt64 {
    if size == .bits64 {
      switch op {
      case .add: return a &+ b
      case .sub: return a &- b
      case .mul: return a &* b
      case .div: return div64(a, b)
      case .sdiv: return sdiv64(a, b)
      case .or: return a | b
      case .and: return a & b
      case .lsh: return lsh64(a, b)
      case .rsh: return rsh64(a, b)
      case .mod: return mod64(a, b)
      case .smod: return smod64(a, b)
      case .xor: return a ^ b
      case .mov: return b
      case .movsx8: return sx8to64(b)
      case .movsx16: return sx16to64(b)
      case .movsx32: return sx32to64(b)
      case .arsh: return arsh64(a, b)
      }
    }
    switch op {
    case .add: return add32(a, b)
    case .sub: return sub32(a, b)
    case .mul: return mul32(a, b)
    case .div: return div32(a, b)
    case .sdiv: return sdiv32(a, b)
    case .or: return or32(a, b)
    case .and: return and32(a, b)
    case .lsh: return lsh32(a, b)
    case .rsh: return rsh32(a, b)
    case .mod: return mod32(a, b)
    case .smod: return smod32(a, b)
    case .xor: return xor32(a, b)
    case .mov: return zx(low(b))
    case .movsx8: return sx8to32(b)
    case .movsx16: return sx16to32(b)
    case .movsx32: return zx(low(b))  // not decodable; kept total
    case .arsh: return arsh32(a, b)
    }
  }

  /// Byte-order conversion of the low `bits` bits, zero-extended.
  static func byteSwap(_ kind: ByteSwapKind, _ bits: UInt8, _ v: UInt64) -> UInt64 {
    switch (kind, bits) {
    case (.toLittleEndian, 16): return UInt64(UInt16(truncatingIfNeeded: v).littleEndian)
    case (.toLittleEndian, 32): return UInt64(UInt32(truncatingIfNeeded: v).littleEndian)
    case (.toLittleEndian, _): return v.littleEndian
    case (.toBigEndian, 16): return UInt64(UInt16(truncatingIfNeeded: v).bigEndian)
    case (.toBigEndian, 32): return UInt64(UInt32(truncatingIfNeeded: v).bigEndian)
    case (.toBigEndian, _): return v.bigEndian
    case (.unconditional, 16): return UInt64(UInt16(truncatingIfNeeded: v).byteSwapped)
    case (.unconditional, 32): return UInt64(UInt32(truncatingIfNeeded: v).byteSwapped)
    case (.unconditional, _): return v.byteSwapped
    }
  }

  /// Evaluates a branch condition on 32 or 64 bits.
  static func condition(_ c: JumpCondition, _ size: OperandSize, _ a: UInt64, _ b: UInt64) -> Bool {
    if size == .bits32 {
      let x = low(a)
      let y = low(b)
      switch c {
      case .eq: return x == y
      case .ne: return x != y
      case .gt: return x > y
      case .ge: return x >= y
      case .lt: return x < y
      case .le: return x <= y
      case .set: return x & y != 0
      case .sgt: return Int32(bitPattern: x) > Int32(bitPattern: y)
      case .sge: return Int32(bitPattern: x) >= Int32(bitPattern: y)
      case .slt: return Int32(bitPattern: x) < Int32(bitPattern: y)
      case .sle: return Int32(bitPattern: x) <= Int32(bitPattern: y)
      }
    }
    switch c {
    case .eq: return a == b
    case .ne: return a != b
    case .gt: return a > b
    case .ge: return a >= b
    case .lt: return a < b
    case .le: return a <= b
    case .set: return a & b != 0
    case .sgt: return Int64(bitPattern: a) > Int64(bitPattern: b)
    case .sge: return Int64(bitPattern: a) >= Int64(bitPattern: b)
    case .slt: return Int64(bitPattern: a) < Int64(bitPattern: b)
    case .sle: return Int64(bitPattern: a) <= Int64(bitPattern: b)
    }
  }

  /// Loads `width` bytes from host memory, zero- or sign-extended.
  @inline(__always) static func load(_ p: UnsafeRawPointer, _ width: MemoryWidth, signExtending: Bool) -> UInt64 {
    switch width {
    case .byte:
      let v = p.load(as: UInt8.self)
      return signExtending ? sx8to64(UInt64(v)) : UInt64(v)
    case .halfWord:
      let v = UInt16(littleEndian: p.loadUnaligned(as: UInt16.self))
      return signExtending ? sx16to64(UInt64(v)) : UInt64(v)
    case .word:
      let v = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))
      return signExtending ? sx32to64(UInt64(v)) : UInt64(v)
    case .doubleWord:
      return UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
    }
  }

  /// Stores the low `width` bytes of `v` to host memory.
  @inline(__always) static func store(_ p: UnsafeMutableRawPointer, _ width: MemoryWidth, _ v: UInt64) {
    switch width {
    case .byte: p.storeBytes(of: UInt8(truncatingIfNeeded: v), as: UInt8.self)
    case .halfWord: p.storeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian, as: UInt16.self)
    case .word: p.storeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian, as: UInt32.self)
    case .doubleWord: p.storeBytes(of: v.littleEndian, as: UInt64.self)
    }
  }

  /// Performs an atomic operation on host memory; returns (new src, new r0).
  /// (Programs run single-threaded; "atomic" is about the semantics, not the host.)
  static func atomic(
    _ op: AtomicOperation, _ width: MemoryWidth, _ p: UnsafeMutableRawPointer, src: UInt64,
    r0: UInt64
  ) -> (src: UInt64, r0: UInt64) {
    let is32 = width == .word
    let old = load(p, width, signExtending: false)
    let s = is32 ? zx(low(src)) : src
    var result = (src: src, r0: r0)
    var new = old
    switch op {
    case .add(let fetch):
      new = old &+ s
      if fetch { result.src = old }
    case .or(let fetch):
      new = old | s
      if fetch { result.src = old }
    case .and(let fetch):
      new = old & s
      if fetch { result.src = old }
    case .xor(let fetch):
      new = old ^ s
      if fetch { result.src = old }
    case .exchange:
      new = s
      result.src = old
    case .compareExchange:
      let expected = is32 ? zx(low(r0)) : r0
      if old == expected { new = s }
      result.r0 = old
    }
    store(p, width, new)
    return result
  }
}
