/// Generates plausible eBPF programs from a seed, for the verifier's soundness check: context
/// reads, arithmetic, stack spills and fills, map lookups with and without null checks, data
/// bounds checks (sometimes off by one), bounded loops, pointer arithmetic with masked offsets,
/// helper calls and bpf-to-bpf calls. Many programs are unsafe on purpose, so that the verifier's
/// verdicts are tested on both sides; those it accepts must then run without a trap.
public struct ProgramGenerator {
  /// The hook the programs are written for.
  public let hook: SoundnessHarness.Hook
  private var random: SplitMix64
  private var items: [Item] = []
  private var labels = 0
  /// True when the program calls the data-moving subprogram (`label 2`).
  private var wantsMover = false
  private var wantsPartialWriter = false

  /// A generator for `hook` with `seed`.
  public init(hook: SoundnessHarness.Hook, seed: UInt64) {
    self.hook = hook
    random = SplitMix64(seed: seed)
  }

  private enum Item {
    case insn(DecodedInstruction)
    case branch(JumpCondition, OperandSize, Register, Source, Int)
    case jump(Int)
    case call(Int)
    case label(Int)
  }

  private static func reg(_ i: Int) -> Register { Register(UInt8(i)) ?? .r0 }
  private let ctx = Register.r6
  private static let scratch: [Register] = [.r0, .r2, .r3, .r4, .r5]
  private static let pointers: [Register] = [.r7, .r8, .r9]

  private mutating func emit(_ i: DecodedInstruction) { items.append(.insn(i)) }
  private mutating func newLabel() -> Int {
    labels += 1
    return labels
  }

  /// The next program (nil only if no attempt produced a valid layout, which the snippets prevent).
  public mutating func next() -> DecodedProgram? {
    for _ in 0..<8 {
      items = []
      // Labels 0–9 name subprograms; branch targets come after.
      labels = 9
      wantsMover = false
      wantsPartialWriter = false
      let length = 1 + random.below(10)
      prologue()
      var wantsSubprogram = false
      for _ in 0..<length {
        if snippet() { wantsSubprogram = true }
        // Compilers reload scratch registers after calls and pointer work; mostly do the same.
        for r in Self.scratch.dropFirst() where random.chance(60) {
          emit(.alu(.mov, .bits64, dst: r, source: .immediate(Int32(random.below(64)))))
        }
      }
      emit(.alu(.mov, .bits64, dst: .r0, source: .immediate(Int32(random.below(3)))))
      if random.chance(30) { emit(.alu(.add, .bits64, dst: .r0, source: .register(random.pick(Self.scratch)))) }
      emit(.exit)
      if wantsSubprogram {
        subprogram()
        loopingSubprogram()
      }
      if wantsMover { movingSubprogram() }
      if wantsPartialWriter { partialWriter() }
      if let p = assemble() { return random.chance(35) ? mutate(p) ?? p : p }
    }
    return nil
  }

  private mutating func prologue() {
    emit(.alu(.mov, .bits64, dst: ctx, source: .register(.r1)))
    for r in Self.scratch where random.chance(75) {
      emit(.alu(.mov, .bits64, dst: r, source: .immediate(Int32(random.below(64)))))
    }
    if random.chance(60) {
      // Zero some stack slots the way clang initialises locals.
      for k in 1...8 where random.chance(70) {
        emit(.store(.doubleWord, base: .r10, offset: Int16(-8 * k), value: .immediate(0)))
      }
    }
    if hook != .plain && random.chance(70) {
      emit(.load(.doubleWord, signExtending: false, dst: .r7, base: ctx, offset: 0))
      emit(.load(.doubleWord, signExtending: false, dst: .r8, base: ctx, offset: 8))
    }
  }

  private var contextSize: Int { hook == .bind ? 56 : hook == .xdp ? 32 : 64 }

  private mutating func width() -> MemoryWidth { random.pick(MemoryWidth.allCases) }

  private mutating func smallOffset(_ size: Int, _ w: MemoryWidth) -> Int16 {
    // Mostly inside, sometimes exactly at or past the end.
    if random.chance(85) { return Int16(random.below(max(1, size - w.bytes + 1))) }
    return Int16(size - w.bytes + random.below(3))
  }

  /// Emits one snippet; returns true when it calls the subprogram.
  private mutating func snippet() -> Bool {
    switch random.below(29) {
    case 27, 28: partialWrite()
    case 25, 26: fillLoop()
    case 24: dataMovedByCall()
    case 22, 23: irreducibleLoop()
    case 15: mixedPointerJoin()
    case 16: pointerWalk()
    case 17: spilledLookup()
    case 18: signedArithmetic()
    case 19: dataLoop()
    case 20: variableStackWrite()
    case 21:
      emit(.alu(.mov, .bits64, dst: .r1, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r1, source: .immediate(-16)))
      emit(.store(.doubleWord, base: .r10, offset: -16, value: .immediate(0)))
      emit(.store(.doubleWord, base: .r10, offset: -8, value: .immediate(0)))
      items.append(.call(1))
      emit(.load(.doubleWord, signExtending: false, dst: .r0, base: .r10, offset: Int16(random.pick([-16, -8]))))
      return true
    case 0, 1: contextRead()
    case 2, 3: arithmetic()
    case 4: spillAndFill()
    case 5: stackStore()
    case 6: stackRead()
    case 7: lookup()
    case 8: dataAccess()
    case 9: loop()
    case 10: helperCall()
    case 11: maskedPointer()
    case 12: conditional()
    case 13:
      emit(.alu(.mov, .bits64, dst: .r1, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r1, source: .immediate(-8)))
      emit(.store(.doubleWord, base: .r10, offset: -8, value: .immediate(Int32(random.below(100)))))
      items.append(.call(0))
      return true
    default: globals()
    }
    return false
  }

  private mutating func contextRead() {
    let w = width()
    let off = smallOffset(contextSize, w)
    emit(.load(w, signExtending: false, dst: random.pick(Self.scratch), base: ctx, offset: off))
  }

  private mutating func arithmetic() {
    let ops: [ALUOperation] = [.add, .sub, .mul, .div, .mod, .and, .or, .xor, .lsh, .rsh, .arsh, .mov, .sdiv, .smod]
    let op = random.pick(ops)
    let size: OperandSize = random.chance(70) ? .bits64 : .bits32
    let src: Source =
      random.chance(60)
      ? .immediate(Int32(truncatingIfNeeded: random.pick([0, 1, 2, 3, 7, 8, 15, 31, 63, 64, 255, -1, -8, 1 << 20])))
      : .register(random.pick(Self.scratch))
    emit(.alu(op, size, dst: random.pick(Self.scratch), source: src))
  }

  private mutating func slot() -> Int16 { Int16(-8 * (1 + random.below(8))) }

  private mutating func spillAndFill() {
    let s = slot()
    let r = random.chance(50) ? ctx : random.pick(Self.scratch + Self.pointers)
    emit(.store(.doubleWord, base: .r10, offset: s, value: .register(r)))
    if random.chance(50) { emit(.call(helper: 19)) }  // clobbers r1-r5
    let d = random.pick(Self.pointers + [.r0])
    emit(.load(random.chance(85) ? .doubleWord : .word, signExtending: false, dst: d, base: .r10, offset: s))
    if random.chance(60) {
      let w = width()
      emit(.load(w, signExtending: false, dst: .r0, base: d, offset: smallOffset(16, w)))
    }
  }

  private mutating func stackStore() {
    let w = width()
    let off = Int16(-(w.bytes + random.below(64 - w.bytes + 1)))
    if random.chance(50) {
      emit(.store(w, base: .r10, offset: off, value: .immediate(Int32(random.below(1000)))))
    } else {
      emit(.store(w, base: .r10, offset: off, value: .register(random.pick(Self.scratch))))
    }
  }

  private mutating func stackRead() {
    let w = width()
    let off = Int16(-(w.bytes + random.below(64 - w.bytes + 1)))
    emit(
      .load(
        w, signExtending: random.chance(10) && w != .doubleWord, dst: random.pick(Self.scratch), base: .r10, offset: off
      ))
  }

  private mutating func mapReference(_ dst: Register) -> Int {
    let index = random.pick([0, 0, 1, 1, 3, 4, 6])
    emit(.loadImmediate64(dst: dst, value: random.chance(50) ? .mapByFD(Int32(index + 1)) : .mapByIndex(Int32(index))))
    return index
  }

  private mutating func lookup() {
    emit(.store(.word, base: .r10, offset: -4, value: .immediate(Int32(random.below(5)))))
    emit(.alu(.mov, .bits64, dst: .r2, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r2, source: .immediate(-4)))
    let index = mapReference(.r1)
    emit(.call(helper: 1))
    let skip = newLabel()
    let checked = random.chance(85)
    if checked { items.append(.branch(.eq, .bits64, .r0, .immediate(0), skip)) }
    if index == 3 {
      // A map of maps: look up in the inner map.
      emit(.alu(.mov, .bits64, dst: .r1, source: .register(.r0)))
      emit(.alu(.mov, .bits64, dst: .r2, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r2, source: .immediate(-4)))
      emit(.call(helper: 1))
      if random.chance(85) { items.append(.branch(.eq, .bits64, .r0, .immediate(0), skip)) }
    }
    let size = index == 0 ? 40 : index == 1 ? 8 : index == 6 ? 32 : 16
    let w = width()
    let off = smallOffset(size, w)
    if random.chance(50) {
      emit(.load(w, signExtending: false, dst: .r3, base: .r0, offset: off))
    } else if random.chance(70) {
      emit(.store(w, base: .r0, offset: off, value: .register(random.pick([.r3, .r4, .r6]))))
    } else {
      emit(
        .atomic(
          .add(fetch: random.chance(50)), random.pick([.word, .doubleWord]), base: .r0, offset: off & ~7, src: .r4))
    }
    if random.chance(40) { emit(.alu(.mov, .bits64, dst: .r9, source: .register(.r0))) }
    items.append(.label(skip))
  }

  private mutating func dataAccess() {
    guard hook != .plain else { return contextRead() }
    emit(.load(.doubleWord, signExtending: false, dst: .r7, base: ctx, offset: 0))
    emit(.load(.doubleWord, signExtending: false, dst: .r8, base: ctx, offset: 8))
    let n = random.pick([1, 2, 4, 8, 14, 20, 34])
    let skip = newLabel()
    emit(.alu(.mov, .bits64, dst: .r4, source: .register(.r7)))
    emit(.alu(.add, .bits64, dst: .r4, source: .immediate(Int32(n))))
    items.append(.branch(random.pick([.gt, .gt, .ge]), .bits64, .r4, .register(.r8), skip))
    let w = width()
    let off = smallOffset(n, w)
    if hook == .xdp && random.chance(30) {
      emit(.store(w, base: .r7, offset: off, value: .immediate(7)))
    } else {
      emit(.load(w, signExtending: false, dst: .r5, base: .r7, offset: off))
    }
    if random.chance(30) {
      // A variable step inside the checked area, then a second check.
      emit(.alu(.and, .bits64, dst: .r5, source: .immediate(7)))
      emit(.alu(.add, .bits64, dst: .r7, source: .register(.r5)))
      emit(.alu(.mov, .bits64, dst: .r4, source: .register(.r7)))
      emit(.alu(.add, .bits64, dst: .r4, source: .immediate(2)))
      items.append(.branch(.gt, .bits64, .r4, .register(.r8), skip))
      emit(.load(.halfWord, signExtending: false, dst: .r5, base: .r7, offset: Int16(random.below(2))))
    }
    items.append(.label(skip))
  }

  private mutating func loop() {
    let counter = random.pick([Register.r2, .r3])
    let limit = Int32(1 + random.below(12))
    let top = newLabel()
    // The index's shape: counting up by a stride, counting down to zero, or clang's two-trip flag.
    let shape = random.below(10)
    let stride = Int32(random.pick([1, 1, 2, 3, 4, 8]))
    let down = shape >= 6 && shape < 9
    let flag = shape == 9
    let start: Int32 = flag ? 1 : down ? limit * stride : 0
    emit(.alu(.mov, random.chance(70) ? .bits64 : .bits32, dst: counter, source: .immediate(start)))
    emit(.store(.doubleWord, base: .r10, offset: -48, value: .immediate(0)))
    emit(.store(.doubleWord, base: .r10, offset: -40, value: .immediate(0)))
    items.append(.label(top))
    // Sometimes the index lives on the stack across the body (register pressure), as clang spills.
    let spilled = random.chance(25)
    if spilled { emit(.store(.doubleWord, base: .r10, offset: -24, value: .register(counter))) }
    // Body: index a 16-byte stack array with the masked counter.
    emit(.alu(.mov, .bits64, dst: .r4, source: .register(counter)))
    emit(.alu(.and, .bits64, dst: .r4, source: .immediate(Int32(random.pick([15, 7, 8, 31])))))
    emit(.alu(.mov, .bits64, dst: .r5, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r5, source: .immediate(-48)))
    emit(.alu(.add, .bits64, dst: .r5, source: .register(.r4)))
    emit(.load(.byte, signExtending: false, dst: .r0, base: .r5, offset: 0))
    if random.chance(50) { emit(.store(.byte, base: .r5, offset: 0, value: .register(.r0))) }
    if hook != .plain && random.chance(30) { dataAccess() }
    if spilled {
      if random.chance(50) { emit(.alu(.mov, .bits64, dst: counter, source: .immediate(Int32(random.below(99))))) }
      emit(.load(.doubleWord, signExtending: false, dst: counter, base: .r10, offset: -24))
    }
    let size: OperandSize = random.chance(70) ? .bits64 : .bits32
    if flag {
      // r4 = counter & 1; counter = 0; loop while r4 != 0.
      emit(.alu(.mov, .bits32, dst: .r4, source: .register(counter)))
      emit(.alu(.and, .bits32, dst: .r4, source: .immediate(Int32(random.pick([1, 1, 3])))))
      emit(.alu(.mov, .bits32, dst: counter, source: .immediate(0)))
      items.append(.branch(.ne, .bits32, .r4, .immediate(0), top))
      return
    }
    emit(.alu(down ? .sub : .add, size, dst: counter, source: .immediate(stride)))
    let unbounded = random.chance(5)
    if unbounded {
      items.append(.branch(.ne, size, counter, .register(.r0), top))
    } else if down {
      items.append(.branch(random.pick([.ne, .sgt, .gt]), size, counter, .immediate(0), top))
    } else {
      let end = random.chance(80) ? limit * stride : limit
      items.append(.branch(random.pick([.ne, .lt, .le]), size, counter, .immediate(end), top))
    }
  }

  /// A loop filling a stack buffer element after element (through a moving pointer or an index),
  /// sometimes with gaps between elements or a pointer spilled into it, then a read of the buffer
  /// or a helper reading it: the verifier's initialised segment.
  private mutating func fillLoop() {
    let w = width()
    let step = w.bytes + (random.chance(20) ? random.pick([1, 2]) : 0)
    let count = 1 + random.below(max(1, 96 / step))
    let start: Int32 = -96
    let top = newLabel()
    let pointerForm = random.chance(50)
    emit(.alu(.mov, .bits64, dst: .r5, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r5, source: .immediate(start)))
    emit(.alu(.mov, .bits64, dst: .r4, source: .immediate(0)))
    items.append(.label(top))
    let value: Source = random.chance(70) ? .immediate(Int32(random.below(1000))) : .register(.r0)
    if pointerForm {
      emit(.store(w, base: .r5, offset: 0, value: value))
    } else {
      emit(.alu(.mov, .bits64, dst: .r3, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r3, source: .immediate(start)))
      emit(.alu(.add, .bits64, dst: .r3, source: .register(.r4)))
      emit(.store(w, base: .r3, offset: 0, value: value))
    }
    if random.chance(8) {
      // A pointer spilled into the buffer: what is read there is no number.
      emit(.store(.doubleWord, base: .r10, offset: Int16(Int(start) + 8 * random.below(12)), value: .register(.r10)))
    }
    emit(.alu(.add, .bits64, dst: .r5, source: .immediate(Int32(step))))
    emit(.alu(.add, .bits64, dst: .r4, source: .immediate(Int32(step))))
    items.append(.branch(random.pick([.ne, .ne, .lt]), .bits64, .r4, .immediate(Int32(count * step)), top))
    let filled = count * step
    if random.chance(50) {
      let rw = width()
      let at = Int(start) + random.below(max(1, filled + 4 - rw.bytes + 1))
      emit(.load(rw, signExtending: false, dst: random.pick([.r0, .r2, .r4]), base: .r10, offset: Int16(at)))
    } else {
      emit(.alu(.mov, .bits64, dst: .r1, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r1, source: .immediate(start)))
      emit(.alu(.mov, .bits64, dst: .r2, source: .immediate(Int32(max(1, filled + random.below(5) - 2)))))
      emit(.call(helper: 12))
    }
  }

  private mutating func helperCall() {
    switch random.below(7) {
    case 6:
      // bpf_csum_diff's "memory or null" arguments: null, a stack buffer, or a number that is
      // not null (never valid).
      emit(.store(.doubleWord, base: .r10, offset: -8, value: .immediate(3)))
      emit(.store(.doubleWord, base: .r10, offset: -16, value: .immediate(4)))
      for (p, n) in [(Register.r1, Register.r2), (.r3, .r4)] {
        switch random.below(3) {
        case 0:
          emit(.alu(.mov, .bits64, dst: p, source: .immediate(0)))
          emit(.alu(.mov, .bits64, dst: n, source: .immediate(0)))
        case 1:
          emit(.alu(.mov, .bits64, dst: p, source: .register(.r10)))
          emit(.alu(.add, .bits64, dst: p, source: .immediate(-16)))
          emit(.alu(.mov, .bits64, dst: n, source: .immediate(Int32(random.pick([0, 8, 16, 24])))))
        default:
          emit(.load(.word, signExtending: false, dst: p, base: ctx, offset: Int16(random.below(contextSize / 4) * 4)))
          if random.chance(50) { emit(.alu(.or, .bits64, dst: p, source: .immediate(1))) }
          emit(.alu(.mov, .bits64, dst: n, source: .immediate(Int32(random.pick([0, 4])))))
        }
      }
      emit(.alu(.mov, .bits64, dst: .r5, source: .immediate(0)))
      emit(.call(helper: 10))
    case 0:
      emit(.call(helper: 6))
    case 1:
      let n = random.pick([8, 16, 24])
      emit(.store(.doubleWord, base: .r10, offset: -8, value: .immediate(0x6b6f)))
      emit(.store(.doubleWord, base: .r10, offset: -16, value: .immediate(0)))
      emit(.alu(.mov, .bits64, dst: .r1, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r1, source: .immediate(Int32(-n))))
      emit(.alu(.mov, .bits64, dst: .r2, source: .immediate(Int32(random.chance(85) ? n : n + 8))))
      emit(.call(helper: 12))
    case 2:
      emit(.store(.word, base: .r10, offset: -4, value: .immediate(1)))
      emit(.store(.doubleWord, base: .r10, offset: -16, value: .immediate(5)))
      if random.chance(70) { emit(.store(.doubleWord, base: .r10, offset: -24, value: .immediate(5))) }
      emit(.alu(.mov, .bits64, dst: .r2, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r2, source: .immediate(-4)))
      emit(.alu(.mov, .bits64, dst: .r3, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r3, source: .immediate(-24)))
      _ = mapReference(.r1)
      emit(.alu(.mov, .bits64, dst: .r4, source: .immediate(0)))
      emit(.call(helper: 2))
    case 3 where hook != .plain:
      // min(len, 16) bytes of data onto the stack.
      emit(.load(.doubleWord, signExtending: false, dst: .r3, base: ctx, offset: 0))
      emit(.load(.doubleWord, signExtending: false, dst: .r2, base: ctx, offset: 8))
      emit(.alu(.sub, .bits64, dst: .r2, source: .register(.r3)))
      let small = newLabel()
      let cap = Int32(random.chance(85) ? 16 : 24)
      items.append(.branch(.lt, .bits64, .r2, .immediate(cap), small))
      emit(.alu(.mov, .bits64, dst: .r2, source: .immediate(cap)))
      items.append(.label(small))
      emit(.alu(.mov, .bits64, dst: .r1, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r1, source: .immediate(-16)))
      emit(.alu(.mov, .bits64, dst: .r4, source: .register(.r2)))
      emit(.call(helper: 22))
      emit(.load(.byte, signExtending: false, dst: .r0, base: .r10, offset: Int16(-1 - random.below(16))))
    case 4:
      emit(.alu(.mov, .bits64, dst: .r1, source: .register(.r10)))
      emit(.alu(.add, .bits64, dst: .r1, source: .immediate(-32)))
      emit(.alu(.mov, .bits64, dst: .r2, source: .immediate(Int32(random.pick([8, 16, 32, 40])))))
      emit(.alu(.mov, .bits64, dst: .r3, source: .immediate(0)))
      emit(.call(helper: 24))
      emit(.load(.doubleWord, signExtending: false, dst: .r0, base: .r10, offset: -32))
    default:
      emit(.alu(.mov, .bits64, dst: .r1, source: .register(random.chance(90) ? ctx : .r10)))
      emit(.call(helper: 21))
    }
  }

  private mutating func maskedPointer() {
    let r = random.pick(Self.scratch)
    emit(.store(.doubleWord, base: .r10, offset: -64, value: .immediate(1)))
    emit(.store(.doubleWord, base: .r10, offset: -56, value: .immediate(2)))
    emit(.alu(.and, .bits64, dst: r, source: .immediate(Int32(random.pick([7, 8, 15, 16])))))
    emit(.alu(.mov, .bits64, dst: .r9, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r9, source: .immediate(-64)))
    emit(.alu(.add, .bits64, dst: .r9, source: .register(r)))
    emit(.load(.byte, signExtending: false, dst: .r0, base: .r9, offset: 0))
  }

  private mutating func conditional() {
    let skip = newLabel()
    let size: OperandSize = random.chance(70) ? .bits64 : .bits32
    let src: Source = random.chance(50) ? .immediate(Int32(random.below(64))) : .register(random.pick(Self.scratch))
    items.append(.branch(random.pick(JumpCondition.allCases), size, random.pick(Self.scratch), src, skip))
    if random.chance(50) { arithmetic() } else { contextRead() }
    items.append(.label(skip))
  }

  private mutating func globals() {
    let index = random.pick([5, 6])
    let w = width()
    let off = smallOffset(32, w)
    emit(
      .loadImmediate64(
        dst: .r9,
        value: random.chance(50)
          ? .mapValue(fd: Int32(index + 1), offset: 0) : .mapValueByIndex(index: Int32(index), offset: 0)))
    if random.chance(60) {
      emit(.load(w, signExtending: false, dst: .r0, base: .r9, offset: off))
    } else {
      emit(.store(w, base: .r9, offset: off, value: .immediate(3)))
    }
  }

  /// A loop entered in its middle (irreducible control flow): its first half runs only from the
  /// second iteration on.
  private mutating func irreducibleLoop() {
    let counter = random.pick([Register.r2, .r3])
    let top = newLabel()
    let middle = newLabel()
    emit(.alu(.mov, .bits64, dst: counter, source: .immediate(0)))
    let r = random.pick(Self.scratch.filter { $0 != counter })
    if random.chance(50) {
      items.append(.branch(.eq, .bits64, r, .register(r), middle))
    } else {
      items.append(
        .branch(random.pick(JumpCondition.allCases), .bits64, r, .immediate(Int32(random.below(64))), middle))
    }
    items.append(.label(top))
    let used = random.pick([Register.r4, .r5, .r7, .r9])
    emit(.alu(.add, .bits64, dst: .r0, source: .register(used)))
    if random.chance(50) { emit(.alu(.mov, .bits64, dst: used, source: .immediate(1))) }
    items.append(.label(middle))
    emit(.alu(.add, random.chance(70) ? .bits64 : .bits32, dst: counter, source: .immediate(1)))
    items.append(.branch(random.pick([.lt, .ne]), .bits64, counter, .immediate(Int32(1 + random.below(8))), top))
  }

  /// The caller's stack or a map value, chosen at run time (the seed's `p = found ? value : &local`).
  private mutating func mixedPointerJoin() {
    emit(.store(.word, base: .r10, offset: -4, value: .immediate(Int32(random.below(5)))))
    for k in 1...5 { emit(.store(.doubleWord, base: .r10, offset: Int16(-8 - 8 * k), value: .immediate(0))) }
    emit(.alu(.mov, .bits64, dst: .r2, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r2, source: .immediate(-4)))
    _ = mapReference(.r1)
    emit(.call(helper: 1))
    let join = newLabel()
    let local = newLabel()
    items.append(.branch(.eq, .bits64, .r0, .immediate(0), local))
    emit(.alu(.mov, .bits64, dst: .r7, source: .register(.r0)))
    items.append(.jump(join))
    items.append(.label(local))
    emit(.alu(.mov, .bits64, dst: .r7, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r7, source: .immediate(Int32(random.pick([-48, -40, -44])))))
    items.append(.label(join))
    let w = width()
    emit(.load(w, signExtending: false, dst: .r3, base: .r7, offset: smallOffset(8, w)))
  }

  /// A pointer walks a stack buffer until it meets the end pointer (`p != end`).
  private mutating func pointerWalk() {
    emit(.store(.doubleWord, base: .r10, offset: -32, value: .immediate(0)))
    emit(.store(.doubleWord, base: .r10, offset: -24, value: .immediate(0)))
    emit(.alu(.mov, .bits64, dst: .r2, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r2, source: .immediate(-32)))
    emit(.alu(.mov, .bits64, dst: .r3, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r3, source: .immediate(Int32(random.pick([-16, -16, -15, -17])))))
    let top = newLabel()
    items.append(.label(top))
    emit(.load(.byte, signExtending: false, dst: .r4, base: .r2, offset: 0))
    emit(.alu(.add, .bits64, dst: .r2, source: .immediate(1)))
    items.append(.branch(random.pick([.ne, .ne, .lt]), .bits64, .r2, .register(.r3), top))
  }

  /// A lookup result spilled before its null check; the check is on the filled copy.
  private mutating func spilledLookup() {
    emit(.store(.word, base: .r10, offset: -4, value: .immediate(Int32(random.below(5)))))
    emit(.alu(.mov, .bits64, dst: .r2, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r2, source: .immediate(-4)))
    _ = mapReference(.r1)
    emit(.call(helper: 1))
    emit(.alu(.mov, .bits64, dst: .r8, source: .register(.r0)))
    if random.chance(50) { emit(.alu(.add, .bits64, dst: .r8, source: .immediate(Int32(random.pick([0, 4, 8]))))) }
    emit(.store(.doubleWord, base: .r10, offset: -24, value: .register(.r0)))
    emit(.load(.doubleWord, signExtending: false, dst: .r9, base: .r10, offset: -24))
    let skip = newLabel()
    items.append(.branch(random.pick([.eq, .eq, .le]), .bits64, random.pick([.r9, .r0, .r8]), .immediate(0), skip))
    let base = random.pick([Register.r8, .r9, .r0])
    emit(.load(.word, signExtending: false, dst: .r3, base: base, offset: Int16(random.pick([0, 4]))))
    items.append(.label(skip))
  }

  /// Signed values and sign extensions feeding a masked stack offset.
  private mutating func signedArithmetic() {
    let r = random.pick([Register.r2, .r3])
    emit(
      .load(random.pick([.byte, .halfWord, .word]), signExtending: random.chance(50), dst: r, base: ctx, offset: 16))
    switch random.below(5) {
    case 0: emit(.alu(.movsx8, .bits64, dst: r, source: .register(r)))
    case 1: emit(.negate(random.chance(50) ? .bits64 : .bits32, dst: r))
    case 2: emit(.alu(.arsh, .bits64, dst: r, source: .immediate(Int32(random.below(64)))))
    case 3:
      emit(
        .byteSwap(
          random.pick([.toBigEndian, .toLittleEndian, .unconditional]), bits: random.pick([16, 32, 64]), dst: r))
    default:
      emit(.alu(random.pick([.smod, .sdiv]), .bits64, dst: r, source: .immediate(Int32(random.pick([-7, 3, 16])))))
    }
    let skip = newLabel()
    items.append(
      .branch(
        random.pick([.sgt, .slt, .sge, .sle]), random.chance(60) ? .bits64 : .bits32, r,
        .immediate(Int32(random.pick([0, -1, 8, 15]))), skip))
    if random.chance(80) { emit(.alu(.and, .bits64, dst: r, source: .immediate(15))) }
    emit(.store(.doubleWord, base: .r10, offset: -16, value: .immediate(0)))
    emit(.store(.doubleWord, base: .r10, offset: -8, value: .immediate(0)))
    emit(.alu(.mov, .bits64, dst: .r4, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r4, source: .immediate(-16)))
    emit(.alu(.add, .bits64, dst: .r4, source: .register(r)))
    emit(.load(.byte, signExtending: false, dst: .r0, base: .r4, offset: 0))
    items.append(.label(skip))
  }

  /// A loop over the data bounded only by its end, with a step from the data.
  private mutating func dataLoop() {
    guard hook != .plain else { return arithmetic() }
    emit(.load(.doubleWord, signExtending: false, dst: .r7, base: ctx, offset: 0))
    emit(.load(.doubleWord, signExtending: false, dst: .r8, base: ctx, offset: 8))
    let top = newLabel()
    let done = newLabel()
    items.append(.label(top))
    emit(.alu(.mov, .bits64, dst: .r4, source: .register(.r7)))
    emit(.alu(.add, .bits64, dst: .r4, source: .immediate(Int32(random.pick([1, 2, 4])))))
    items.append(.branch(.gt, .bits64, .r4, .register(.r8), done))
    emit(.load(.byte, signExtending: false, dst: .r5, base: .r7, offset: 0))
    emit(.alu(.and, .bits64, dst: .r5, source: .immediate(3)))
    emit(.alu(.add, .bits64, dst: .r5, source: .immediate(Int32(random.chance(90) ? 1 : 0))))
    emit(.alu(.add, .bits64, dst: .r7, source: .register(.r5)))
    items.append(.jump(top))
    items.append(.label(done))
  }

  /// A store at a variable (masked) stack offset, then a read around it.
  private mutating func variableStackWrite() {
    let r = random.pick([Register.r2, .r3])
    emit(.alu(.and, .bits64, dst: r, source: .immediate(Int32(random.pick([7, 15, 31])))))
    emit(.alu(.mov, .bits64, dst: .r4, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r4, source: .immediate(-40)))
    emit(.alu(.add, .bits64, dst: .r4, source: .register(r)))
    emit(
      .store(
        random.pick([.byte, .word, .doubleWord]), base: .r4, offset: 0, value: .register(random.pick([.r5, .r6]))))
    emit(.load(.byte, signExtending: false, dst: .r0, base: .r10, offset: Int16(-40 + random.below(40))))
  }

  /// XDP: checks the data, calls a subprogram that moves its start (`bpf_xdp_adjust_head`), then
  /// reads through the data pointer saved across the call or through a fresh one at the offset
  /// checked before the call (both stale).
  private mutating func dataMovedByCall() {
    guard hook == .xdp else { return dataAccess() }
    let n = random.pick([1, 4, 8, 14, 20])
    let skip = newLabel()
    emit(.load(.doubleWord, signExtending: false, dst: .r7, base: ctx, offset: 0))
    emit(.load(.doubleWord, signExtending: false, dst: .r8, base: ctx, offset: 8))
    emit(.alu(.mov, .bits64, dst: .r4, source: .register(.r7)))
    emit(.alu(.add, .bits64, dst: .r4, source: .immediate(Int32(n))))
    items.append(.branch(.gt, .bits64, .r4, .register(.r8), skip))
    emit(.alu(.mov, .bits64, dst: .r1, source: .register(ctx)))
    items.append(.call(2))
    wantsMover = true
    let base: Register = random.chance(50) ? .r7 : .r2
    if base == .r2 { emit(.load(.doubleWord, signExtending: false, dst: .r2, base: ctx, offset: 0)) }
    emit(.load(.byte, signExtending: false, dst: .r0, base: base, offset: Int16(random.below(n))))
    items.append(.label(skip))
  }

  /// `label 2`: moves the data start by a small amount, either way (XDP only).
  private mutating func movingSubprogram() {
    items.append(.label(2))
    emit(.alu(.mov, .bits64, dst: .r2, source: .immediate(Int32(random.pick([-8, -1, 1, 4, 13, 19])))))
    emit(.call(helper: SoundnessHarness.adjustHead.id))
    emit(.alu(.mov, .bits64, dst: .r0, source: .immediate(0)))
    emit(.exit)
  }

  /// `label 1`: a callee with a loop over its own frame, writing through the pointer in r1.
  private mutating func loopingSubprogram() {
    items.append(.label(1))
    emit(.alu(.mov, .bits64, dst: .r6, source: .register(.r1)))
    emit(.alu(.mov, .bits64, dst: .r2, source: .immediate(0)))
    let top = newLabel()
    items.append(.label(top))
    emit(.store(.doubleWord, base: .r6, offset: 0, value: .register(.r2)))
    emit(.alu(.add, .bits64, dst: .r2, source: .immediate(1)))
    items.append(.branch(.lt, .bits64, .r2, .immediate(Int32(1 + random.below(4))), top))
    emit(.load(.doubleWord, signExtending: false, dst: .r0, base: .r6, offset: Int16(random.pick([0, 8, 16]))))
    emit(.exit)
  }

  /// A call to `label 2`, which fills 16 bytes at r1 only when r2 is small and says so in r0 (0,
  /// else -1 or 1, sometimes as a 32-bit value); the caller tests r0 (rightly, wrongly or not at
  /// all) and reads the bytes: the verifier's guarded bytes.
  private mutating func partialWrite() {
    wantsPartialWriter = true
    emit(.alu(.mov, .bits64, dst: .r1, source: .register(.r10)))
    emit(.alu(.add, .bits64, dst: .r1, source: .immediate(-80)))
    if random.chance(50) {
      emit(.load(.byte, signExtending: false, dst: .r2, base: ctx, offset: Int16(random.below(4))))
    } else {
      emit(.alu(.mov, .bits64, dst: .r2, source: .immediate(Int32(random.below(40)))))
    }
    items.append(.call(2))
    let skip = newLabel()
    let size: OperandSize = random.chance(50) ? .bits64 : .bits32
    switch random.below(6) {
    case 0: items.append(.branch(.slt, size, .r0, .immediate(0), skip))
    case 1: items.append(.branch(.ne, size, .r0, .immediate(0), skip))
    case 2: items.append(.branch(.sgt, size, .r0, .immediate(0), skip))
    case 3: items.append(.branch(.eq, size, .r0, .immediate(0), skip))  // wrong way round
    case 4: items.append(.branch(.sge, size, .r0, .immediate(0), skip))  // wrong way round
    default: break  // no check at all
    }
    emit(.load(random.pick(MemoryWidth.allCases), signExtending: false, dst: .r3, base: .r10, offset: Int16(-80 + random.below(16))))
    items.append(.label(skip))
  }

  /// `label 2`: writes 16 bytes at r1 when r2 < 20 and returns 0; otherwise writes nothing and
  /// returns -1 (or 1, or -1 as a 32-bit value).
  private mutating func partialWriter() {
    items.append(.label(2))
    let failure = random.pick([Int32(-1), 1])
    emit(.alu(.mov, random.chance(50) ? .bits64 : .bits32, dst: .r0, source: .immediate(failure)))
    let out = newLabel()
    items.append(.branch(.gt, .bits64, .r2, .immediate(Int32(random.pick([19, 20, 40]))), out))
    emit(.store(.doubleWord, base: .r1, offset: 0, value: .register(.r2)))
    if random.chance(85) { emit(.store(.doubleWord, base: .r1, offset: 8, value: .immediate(7))) }
    emit(.alu(.mov, .bits64, dst: .r0, source: .immediate(0)))
    items.append(.label(out))
    emit(.exit)
  }

  /// `label 0`: stores through the pointer in r1 (into the caller's frame), uses its own frame.
  private mutating func subprogram() {
    items.append(.label(0))
    emit(.store(.doubleWord, base: .r10, offset: -8, value: .immediate(9)))
    emit(.load(.doubleWord, signExtending: false, dst: .r2, base: .r10, offset: -8))
    emit(.store(.doubleWord, base: .r1, offset: Int16(random.chance(90) ? 0 : 8), value: .register(.r2)))
    emit(.alu(.mov, .bits64, dst: .r0, source: .immediate(0)))
    emit(.exit)
  }

  /// Changes a few instructions of `p` slightly (an immediate or offset by a small amount, a
  /// condition, a width): mutants sit near the verifier's decision boundary.
  private mutating func mutate(_ p: DecodedProgram) -> DecodedProgram? {
    var list = p.instructions.map(\.instruction)
    for _ in 0..<(1 + random.below(3)) {
      let i = random.below(list.count)
      let delta =
        random.chance(85)
        ? Int32(random.pick([-8, -4, -2, -1, 1, 2, 4, 8]))
        : random.pick([Int32.max, Int32.min, 0x7fff, -0x8000, 512, -512])
      switch list[i] {
      case .alu(let op, let size, let dst, .immediate(let v)):
        list[i] = .alu(op, size, dst: dst, source: .immediate(v &+ delta))
      case .load(let w, let sx, let dst, let base, let off):
        list[i] = .load(
          random.chance(50) ? random.pick(MemoryWidth.allCases) : w, signExtending: sx, dst: dst, base: base,
          offset: off &+ Int16(truncatingIfNeeded: delta))
      case .store(let w, let base, let off, let value):
        list[i] = .store(w, base: base, offset: off &+ Int16(truncatingIfNeeded: delta), value: value)
      case .branch(_, let size, let dst, let src, let off):
        list[i] = .branch(random.pick(JumpCondition.allCases), size, dst: dst, source: src, offset: off)
      default:
        break
      }
    }
    return try? DecodedProgram(slots: list.flatMap { $0.encode() })
  }

  /// Lays out the items, resolving labels; nil when something does not fit.
  private func assemble() -> DecodedProgram? {
    var position: [Int: Int] = [:]
    var pc = 0
    for item in items {
      switch item {
      case .insn(let i): pc += i.slotCount
      case .branch, .jump, .call: pc += 1
      case .label(let l): position[l] = pc
      }
    }
    var slots: [Instruction] = []
    for item in items {
      let here = slots.count
      switch item {
      case .insn(let i):
        slots += i.encode()
      case .branch(let c, let size, let dst, let src, let l):
        guard let t = position[l], let off = Int16(exactly: t - here - 1) else { return nil }
        slots += DecodedInstruction.branch(c, size, dst: dst, source: src, offset: off).encode()
      case .jump(let l):
        guard let t = position[l], let off = Int16(exactly: t - here - 1) else { return nil }
        slots += DecodedInstruction.jump(offset: Int32(off), long: false).encode()
      case .call(let l):
        guard let t = position[l] else { return nil }
        slots += DecodedInstruction.callLocal(offset: Int32(t - here - 1)).encode()
      case .label:
        break
      }
    }
    return try? DecodedProgram(slots: slots)
  }
}

extension ProgramGenerator {
  /// What a fuzz input asks for: a hook, instruction bytes and whether to render a verbose report.
  public struct FuzzCase: Sendable {
    /// The hook the program runs in.
    public var hook: SoundnessHarness.Hook
    /// Little-endian instruction bytes (a multiple of 8).
    public var code: [UInt8]
    /// True when the report should be rendered at the verbose level.
    public var verbose: Bool
  }

  /// Decodes a fuzz input: byte 0 picks the hook (low two bits: bind, xdp, plain) and the mode.
  /// With bit 7 clear the rest is raw instruction bytes; with bit 7 set, bytes 1–8 seed the
  /// generator and the remaining bytes are XORed into the generated program's bytes (structure the
  /// fuzzer can mutate). Bit 6 asks for a verbose report.
  public static func fuzzCase(_ bytes: [UInt8]) -> FuzzCase? {
    guard let head = bytes.first else { return nil }
    let hooks = SoundnessHarness.Hook.allCases
    let hook = hooks[Int(head & 3) % hooks.count]
    var code: [UInt8]
    if head & 0x80 != 0 {
      var seed: UInt64 = 0
      for b in bytes.dropFirst().prefix(8) { seed = seed << 8 | UInt64(b) }
      var generator = ProgramGenerator(hook: hook, seed: seed)
      guard let program = generator.next() else { return nil }
      code = program.slots.flatMap { slot -> [UInt8] in
        (0..<8).map { UInt8(truncatingIfNeeded: slot.raw >> (8 * UInt64($0))) }
      }
      for (i, b) in bytes.dropFirst(9).enumerated() where !code.isEmpty { code[(i * 7) % code.count] ^= b }
    } else {
      code = Array(bytes.dropFirst())
    }
    code.removeLast(code.count % 8)
    return FuzzCase(hook: hook, code: code, verbose: head & 0x40 != 0)
  }
}
