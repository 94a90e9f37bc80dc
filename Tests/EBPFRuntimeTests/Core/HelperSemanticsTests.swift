import BPF
import Testing

@testable import EBPFRuntime

/// The helpers called directly, with arguments in the runtime's own address space: eBPF for
/// Windows' return conventions (negated ebpf_result for maps, negated errno for the `_s` helpers).
@Suite struct HelperSemanticsTests {
  final class Fixture {
    let core: EbpfCore
    let a: MemoryRegion
    let b: MemoryRegion

    init(seed: UInt64 = 0, clock: MachineClock = .stopped) throws {
      core = EbpfCore(clock: clock, seed: seed)
      a = try core.memory.allocate(size: 64, kind: .other, name: "a")
      b = try core.memory.allocate(size: 64, kind: .other, name: "b")
    }

    func bytes(_ r: MemoryRegion, _ count: Int = 64) -> [UInt8] { Array(core.memory.bytes(of: r).prefix(count)) }

    func set(_ r: MemoryRegion, _ values: [UInt8]) {
      for (i, v) in values.enumerated() { core.memory.bytes(of: r)[i] = v }
    }

    func call(_ id: Int32, type: ProgramType = .bind, _ r: UInt64...) -> HelperResult? {
      let regs = r + [UInt64](repeating: 0, count: 5 - r.count)
      let c = HelperCall(id: id, r1: regs[0], r2: regs[1], r3: regs[2], r4: regs[3], r5: regs[4], memory: core.memory)
      return core.helperTable(for: type)[id]?(c)
    }

    func value(_ id: Int32, type: ProgramType = .bind, _ r: UInt64...) -> Int64? {
      let regs = r + [UInt64](repeating: 0, count: 5 - r.count)
      let c = HelperCall(id: id, r1: regs[0], r2: regs[1], r3: regs[2], r4: regs[3], r5: regs[4], memory: core.memory)
      guard case .value(let v) = core.helperTable(for: type)[id]?(c) else { return nil }
      return Int64(bitPattern: v)
    }
  }

  @Test func memcpyRefusesASourceLargerThanTheDestination() throws {
    let f = try Fixture()
    f.set(f.b, [1, 2, 3, 4])
    #expect(f.value(22, f.a.address, 8, f.b.address, 4) == 0)
    #expect(f.bytes(f.a, 4) == [1, 2, 3, 4])
    #expect(f.value(22, f.a.address, 2, f.b.address, 4) == -22)
    #expect(f.value(25, f.a.address + 1, 8, f.a.address, 4) == 0)  // memmove: overlapping is fine
    #expect(f.bytes(f.a, 5) == [1, 1, 2, 3, 4])
  }

  @Test func memcmpOrdersByBytesThenLength() throws {
    let f = try Fixture()
    f.set(f.a, [1, 2, 3])
    f.set(f.b, [1, 2, 4])
    #expect(f.value(23, f.a.address, 3, f.b.address, 3) == -1)
    #expect(f.value(23, f.b.address, 3, f.a.address, 3) == 1)
    #expect(f.value(23, f.a.address, 2, f.b.address, 2) == 0)
    #expect(f.value(23, f.a.address, 2, f.b.address, 3) == -1)
  }

  @Test func stringHelpers() throws {
    let f = try Fixture()
    f.set(f.b, Array("hello".utf8) + [0])
    #expect(f.value(27, f.a.address, 8, f.b.address, 6) == 0)
    #expect(f.bytes(f.a, 6) == Array("hello".utf8) + [0])
    #expect(f.value(27, f.a.address, 3, f.b.address, 6) == -34)  // too small: -ERANGE, emptied
    #expect(f.bytes(f.a, 1) == [0])
    #expect(f.value(27, f.a.address, 8, f.b.address, 6) == 0)
    #expect(f.value(28, f.a.address, 16, f.b.address, 6) == 0)
    #expect(f.bytes(f.a, 11) == Array("hellohello".utf8) + [0])
    #expect(f.value(29, f.a.address, 64) == 10)
    #expect(f.value(29, 0, 64) == 0)
    #expect(f.value(24, f.a.address, 4, 0x41) == Int64(bitPattern: f.a.address))
    #expect(f.bytes(f.a, 4) == [0x41, 0x41, 0x41, 0x41])
  }

  @Test func checksumDifferenceNeedsWholeWords() throws {
    let f = try Fixture()
    f.set(f.a, [0x01, 0x00, 0x02, 0x00])
    #expect(f.value(10, 0, 0, f.a.address, 4, 0) == 3)
    #expect(f.value(10, 0, 0, f.a.address, 3, 0) == -22)
    #expect(f.value(10, f.a.address, 6, 0, 0, 0) == -22)
  }

  /// Little-endian bytes of 16-bit words (the helper adds words as the CPU reads them).
  static func words(_ w: [UInt16]) -> [UInt8] { w.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] } }

  static func fold(_ v: Int64) -> UInt16 {
    var s = UInt64(bitPattern: v)
    while s >> 16 != 0 { s = (s & 0xffff) + (s >> 16) }
    return ~UInt16(s)
  }

  @Test func checksumDifferenceIsTheUnfoldedSignedSum() throws {
    let f = try Fixture()
    // An IPv4 header (checksum field zero) whose checksum is 0xb861.
    let to: [UInt16] = [0x4500, 0x0073, 0x0000, 0x4000, 0x4011, 0x0000, 0xc0a8, 0x0001, 0xc0a8, 0x00c7]
    let from: [UInt16] = [0x4500, 0x0073, 0x0000, 0x4000, 0x4011, 0x0000, 0x0a00, 0x0001, 0x0a00, 0x0002]
    f.set(f.a, Self.words(from))
    f.set(f.b, Self.words(to))
    // Not folded: the sum of the words, carries and all.
    let whole = try #require(f.value(10, 0, 0, f.b.address, 20, 0))
    #expect(whole == 0x2479c)
    #expect(Self.fold(whole) == 0xb861)
    // The difference from the other header, seeded with that header's sum, gives the same checksum.
    let seed = try #require(f.value(10, 0, 0, f.a.address, 20, 0))
    let diff = try #require(f.value(10, f.a.address, 20, f.b.address, 20, UInt64(seed)))
    #expect(Self.fold(diff) == 0xb861)
    // The seed is a C int: 0xffffffff is -1, and a negative total is refused with -EINVAL.
    f.set(f.a, [0x01, 0x00, 0x02, 0x00])
    #expect(f.value(10, 0, 0, f.a.address, 4, 0xffff_ffff) == 2)
    #expect(f.value(10, 0, 0, f.a.address, 4, UInt64(bitPattern: -5)) == -22)
  }

  @Test func processHelpersReadTheCaller() throws {
    let f = try Fixture()
    f.core.caller = CallerIdentity(
      processID: 1234, threadID: 5678, logonID: 0x9_9999, isAdministrator: true, processStartKey: 7,
      threadCreateTime: 42)
    #expect(f.value(19) == Int64(1234) << 32 | Int64(5678))
    #expect(f.value(20) == 0x9_9999)
    #expect(f.value(21) == -1)  // the core's is-admin is not implemented in eBPF for Windows
    #expect(f.value(21, type: .sockAddr) == 1)  // sock_addr answers from the token
    #expect(f.value(19, type: .sample) == 9999)  // the sample extension's fixed value
    #expect(f.value(33) == 7)
    #expect(f.value(34) == 42)
    #expect(f.call(26) == nil)  // no socket cookie outside sock_addr
    #expect(f.call(26, type: .sockAddr) != nil)
  }

  @Test func clockAndRandomness() throws {
    var now: Int64 = 12_345_678
    let f = try Fixture(seed: 7, clock: MachineClock(interruptTime: { now }, systemTime: { 0 }))
    #expect(f.value(7) == 1_234_567_800)
    #expect(f.value(30) == 1234)
    now = 0
    #expect(f.value(9) == 0)
    let g = try Fixture(seed: 7)
    let first = (0..<4).compactMap { _ in f.value(6) }
    let second = (0..<4).compactMap { _ in g.value(6) }
    #expect(first == second)
    #expect(Set(first).count > 1)
  }

  @Test func printkRendersOrRefuses() throws {
    let f = try Fixture()
    f.set(f.a, Array("pid %u".utf8) + [0])
    #expect(f.value(13, f.a.address, 7, 42) == 6)
    #expect(f.core.trace.last?.text == "pid 42")
    #expect(f.value(12, f.a.address, 7) == -1)  // one conversion, no argument
    #expect(f.value(13, f.a.address, 1, 42) == -1)  // a format buffer of one byte
  }

  @Test func badPointersFault() throws {
    let f = try Fixture()
    if case .fault(let message) = f.call(22, f.a.address, 8, 0xdead_0000, 8) {
      #expect(message.contains("r3"))
    } else {
      Issue.record("expected a fault")
    }
    if case .fault(let message) = f.call(1, 12_345, f.a.address) {
      #expect(message.contains("is not a map"))
    } else {
      Issue.record("expected a fault")
    }
  }

  @Test func sampleHelpers() throws {
    let f = try Fixture()
    f.set(f.a, Array("hello world".utf8) + [0])
    f.set(f.b, Array("world".utf8) + [0])
    #expect(f.value(0x10001, type: .sample, f.a.address, 12, f.b.address, 6) == 6)
    #expect(f.value(0x10002, type: .sample, f.a.address, 12, 0, f.b.address, 6) == 0)
    #expect(f.bytes(f.a, 11) == Array("world world".utf8))
    #expect(f.value(0x10002, type: .sample, f.a.address, 12, 99, f.b.address, 6) == -1)
    if case .fault = f.call(35, type: .sample) {} else { Issue.record("redirect_map should say it is not modelled") }
  }
}

/// The hash a native image carries.
@Suite struct NativeImageTests {
  @Test func sha256KnownAnswers() {
    func hex(_ b: [UInt8]) -> String { b.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }
    #expect(hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func imagesRoundTripAndRefuseDamage() throws {
    let image = NativeImage(object: [1, 2, 3], verified: false)
    #expect(try NativeImage(bytes: image.bytes) == image)
    var damaged = image.bytes
    damaged[damaged.count - 1] ^= 0xff
    #expect(throws: LoadFailure.self) { try NativeImage(bytes: damaged) }
    #expect(throws: LoadFailure.self) { try NativeImage(bytes: Array(image.bytes.prefix(40))) }
    #expect(throws: LoadFailure.self) { try NativeImage(bytes: Array(image.bytes.dropLast())) }
  }
}

/// The trace buffer keeps the newest lines.
@Suite struct TraceBufferTests {
  @Test func oldLinesGoWhenTheBufferIsFull() {
    let core = EbpfCore()
    for i in 0..<(EbpfCore.traceCapacity + 5) { core.appendTrace(.printk, "line \(i)") }
    #expect(core.trace.count <= EbpfCore.traceCapacity)
    #expect(core.trace.last?.text == "line \(EbpfCore.traceCapacity + 4)")
    #expect(core.droppedTraceRecords + core.trace.count == EbpfCore.traceCapacity + 5)
    core.clearTrace()
    #expect(core.trace.isEmpty && core.droppedTraceRecords == 0)
  }
}
