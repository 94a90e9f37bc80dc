/// Runs programs the verifier accepted in the interpreter's sanitizing mode — which traps on
/// out-of-bounds accesses, reads of uninitialised registers and stack bytes, and null
/// dereferences — on varied inputs, and reports every trap as a soundness violation.
///
/// The harness is its own little runtime: a bind-like or XDP-like context, a data region of
/// random size and content (meta bytes before it for XDP), maps backed by memory, and helpers that
/// honour the prototypes the verifier assumed (a helper given writable memory fills all of it).
public final class SoundnessHarness {
  /// The hooks the harness can imitate.
  public enum Hook: String, Sendable, CaseIterable {
    /// 56-byte context, read-only app id data region at 0/8.
    case bind
    /// 32-byte context, writable packet at 0/8 with metadata at 16.
    case xdp
    /// 64-byte context without data.
    case plain
  }

  /// A program that trapped although the verifier accepted it.
  public struct Violation: Sendable, CustomStringConvertible {
    /// The fault.
    public var fault: Fault
    /// The input's description.
    public var input: String
    /// `pc N: reason (input)`.
    public var description: String { "\(fault) (\(input))" }
  }

  public let hook: Hook
  /// What the verifier is told.
  public let environment: VerifierEnvironment

  /// The maps: programs reference them as `map_fd i+1` or `map_idx i`.
  public static let maps: [VerifierMap] = [
    VerifierMap(name: "hash", keySize: 4, valueSize: 40, maxEntries: 4),
    VerifierMap(name: "array", keySize: 4, valueSize: 8, maxEntries: 4),
    VerifierMap(name: "programs", kind: .programArray, keySize: 4, valueSize: 4, maxEntries: 4),
    VerifierMap(name: "outer", kind: .mapOfMaps(innerIndex: 4), keySize: 4, valueSize: 4, maxEntries: 2),
    VerifierMap(name: "inner", keySize: 4, valueSize: 16, maxEntries: 4),
    VerifierMap(name: ".rodata", keySize: 4, valueSize: 32, maxEntries: 1, readOnly: true),
    VerifierMap(name: ".data", keySize: 4, valueSize: 32, maxEntries: 1),
  ]

  /// The helpers, as the verifier sees them.
  public static let helpers: [HelperSignature] = [
    HelperSignature(id: 1, name: "bpf_map_lookup_elem", returns: .mapValueOrNull, arguments: [.map, .mapKey]),
    HelperSignature(id: 2, name: "bpf_map_update_elem", arguments: [.map, .mapKey, .mapValue, .anything]),
    HelperSignature(id: 3, name: "bpf_map_delete_elem", arguments: [.map, .mapKey]),
    HelperSignature(
      id: 5, name: "bpf_tail_call", returns: .integerOrNoReturnIfSucceed,
      arguments: [.context, .programArray, .anything]),
    HelperSignature(id: 6, name: "bpf_get_prandom_u32"),
    HelperSignature(id: 12, name: "bpf_trace_printk2", arguments: [.readableMemory, .size]),
    HelperSignature(id: 13, name: "bpf_trace_printk3", arguments: [.readableMemory, .size, .anything]),
    HelperSignature(id: 19, name: "bpf_get_current_pid_tgid"),
    HelperSignature(id: 21, name: "bpf_is_current_admin", arguments: [.context]),
    HelperSignature(
      id: 22, name: "bpf_memcpy", arguments: [.writableMemory, .sizeOrZero, .readableMemory, .sizeOrZero]),
    HelperSignature(id: 24, name: "bpf_memset", arguments: [.writableMemory, .sizeOrZero, .anything]),
    HelperSignature(
      id: 10, name: "bpf_csum_diff",
      arguments: [.readableMemoryOrNull, .sizeOrZero, .readableMemoryOrNull, .sizeOrZero, .anything]),
  ]

  /// XDP's `bpf_xdp_adjust_head` (id 65536): moves the data start inside the data region.
  public static let adjustHead = HelperSignature(
    id: 65536, name: "bpf_xdp_adjust_head", arguments: [.context, .anything], reallocatesData: true)

  /// A harness for `hook`.
  public init(hook: Hook) {
    self.hook = hook
    let context: VerifierContext
    switch hook {
    case .bind:
      context = VerifierContext(size: 56, dataOffset: 0, endOffset: 8, readOnlyRanges: [0..<16], dataWritable: false)
    case .xdp:
      context = VerifierContext(size: 32, dataOffset: 0, endOffset: 8, metaOffset: 16, readOnlyRanges: [0..<24])
    case .plain:
      context = VerifierContext(size: 64)
    }
    var fds: [Int32: Int] = [:]
    for i in Self.maps.indices { fds[Int32(i + 1)] = i }
    let helpers = hook == .xdp ? Self.helpers + [Self.adjustHead] : Self.helpers
    environment = VerifierEnvironment(context: context, helpers: helpers, maps: Self.maps, mapIndexByFD: fds)
  }

  /// The value a map reference (`lddw map_fd`) holds at run time: an opaque token.
  static func token(_ index: Int) -> UInt64 { 0x5EED_0000 + UInt64(index) }

  /// Runs `code` (already accepted, with `proof`) `runs` times on inputs drawn from `seed`;
  /// returns the traps, at most one per run. `loopBound` (the verifier's figure) sets the
  /// instruction budget a terminating run must fit in.
  public func check(
    _ code: DecodedProgram, proof: VerificationProof?, runs: Int, seed: UInt64, loopBound: UInt64 = 0
  ) -> [Violation] {
    var violations: [Violation] = []
    var random = SplitMix64(seed: seed)
    // Budget: every instruction once per loop iteration, generously.
    let perRun = UInt64(code.count + 1) &* (max(loopBound, 1) &+ 2) &* 4
    let budget = min(max(perRun, 10_000), 1 << 30)
    for _ in 0..<runs {
      // Each run gets its own address space, so a twin world allocated the same way has the same
      // addresses (programs may read pointer bits as numbers).
      let snapshot = random
      let memory = AddressSpace()
      guard
        let interpreter = try? Interpreter(
          configuration: .init(mode: .sanitizing, instructionBudget: budget, maxCallDepth: 8), memory: memory)
      else { continue }
      let world = World(hook: hook, memory: memory, random: &random)
      let outcome = run(code, proof: proof, in: world, on: interpreter)
      world.release()
      switch outcome {
      case .failure(let fault):
        if case .tailCallLimit = fault.reason { continue }
        violations.append(Violation(fault: fault, input: world.description))
      case .success(let result):
        // With a proof, the run is repeated in verified mode (the proven accesses unchecked) on
        // an identical world: it must compute the same result.
        guard proof != nil else { continue }
        let twinMemory = AddressSpace()
        guard
          let verified = try? Interpreter(
            configuration: .init(mode: .verified, instructionBudget: budget, maxCallDepth: 8), memory: twinMemory)
        else { continue }
        var again = snapshot
        let twin = World(hook: hook, memory: twinMemory, random: &again)
        let second = run(code, proof: proof, in: twin, on: verified)
        twin.release()
        switch second {
        case .success(let r) where r == result:
          break
        case .success(let r):
          let reason = Fault.Reason.helperFailed(id: 0, message: "verified run returned \(r), sanitizing \(result)")
          violations.append(
            Violation(fault: Fault(pc: 0, reason: reason, instructionsExecuted: 0), input: twin.description))
        case .failure(let fault):
          violations.append(Violation(fault: fault, input: "verified mode, " + twin.description))
        }
      }
    }
    return violations
  }

  /// One run of `code` in `world` (nil result when the program cannot be prepared).
  private func run(_ code: DecodedProgram, proof: VerificationProof?, in world: World, on interpreter: Interpreter)
    -> Result<UInt64, Fault>
  {
    interpreter.helpers = world.helpers()
    let resolve: (Int, WideImmediate) -> UInt64? = { _, value in
      guard let index = self.environment.mapIndex(for: value), world.maps.indices.contains(index) else { return nil }
      switch value {
      case .mapValue(_, let off), .mapValueByIndex(_, let off):
        return world.maps[index].region.address &+ UInt64(bitPattern: Int64(off))
      default:
        return Self.token(index)
      }
    }
    let program: Program
    do {
      program = try Program(code, proof: proof, resolve: resolve)
    } catch {
      let reason = Fault.Reason.helperFailed(id: 0, message: "the program could not be prepared: \(error)")
      return .failure(Fault(pc: 0, reason: reason, instructionsExecuted: 0))
    }
    do {
      return .success(try interpreter.run(program, arguments: [world.contextAddress]).result)
    } catch {
      return .failure(error)
    }
  }
}

/// One run's memory: context, data region, maps and the helpers over them.
struct World {
  struct MapStore {
    var region: MemoryRegion
    var present: [Bool]
  }

  let hook: SoundnessHarness.Hook
  let memory: AddressSpace
  var context: MemoryRegion?
  var data: MemoryRegion?
  var maps: [MapStore] = []
  var dataSize = 0
  var metaSize = 0
  var seed: UInt64

  init(hook: SoundnessHarness.Hook, memory: AddressSpace, random: inout SplitMix64) {
    self.hook = hook
    self.memory = memory
    seed = random.next()
    // Data region: often tiny (edges), sometimes larger.
    dataSize = random.pick([0, 1, 2, 13, 14, 15, 20, 33, 34, 35, 40, 54, 64, 100, 300, random.below(128)])
    metaSize = hook == .xdp ? random.pick([0, 4, 8]) : 0
    let contextSize = hook == .bind ? 56 : hook == .xdp ? 32 : 64
    var bytes = (0..<contextSize).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    if random.chance(30) { bytes = [UInt8](repeating: random.chance(50) ? 0 : 0xff, count: contextSize) }
    let dataBytes = (0..<(metaSize + dataSize)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    if hook != .plain {
      let access: MemoryRegion.Access = hook == .xdp ? .readWrite : .readOnly
      data = try? memory.allocate(copying: dataBytes, kind: .packet, name: "data", access: access)
      let base = data?.address ?? 0
      func put(_ v: UInt64, at off: Int) {
        for i in 0..<8 { bytes[off + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) }
      }
      put(base &+ UInt64(metaSize), at: 0)
      put(base &+ UInt64(metaSize + dataSize), at: 8)
      if hook == .xdp { put(base, at: 16) }
    }
    let writable: MemoryRegion.Access =
      hook == .bind ? .writable(16..<56) : hook == .xdp ? .writable(24..<32) : .readWrite
    context = try? memory.allocate(copying: bytes, kind: .context, name: "ctx", access: writable)
    for m in SoundnessHarness.maps {
      let size = m.valueSize * m.maxEntries
      let content = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      let access: MemoryRegion.Access = m.readOnly ? .readOnly : .readWrite
      guard let r = try? memory.allocate(copying: content, kind: .mapValue, name: m.name, access: access) else {
        continue
      }
      let present = (0..<m.maxEntries).map { _ in random.chance(60) }
      maps.append(MapStore(region: r, present: present))
    }
  }

  var contextAddress: UInt64 { context?.address ?? 0 }

  var description: String { "\(hook) data \(dataSize) bytes, meta \(metaSize), seed \(seed)" }

  func release() {
    if let context { memory.unregister(context) }
    if let data { memory.unregister(data) }
    for m in maps { memory.unregister(m.region) }
  }

  /// The helpers over this world's maps.
  func helpers() -> HelperFunctionTable {
    var t = HelperFunctionTable()
    let maps = self.maps
    let memory = self.memory
    var prandom = seed
    func mapIndex(_ token: UInt64) -> Int? {
      let i = Int(truncatingIfNeeded: token &- SoundnessHarness.token(0))
      return token >= SoundnessHarness.token(0) && i < maps.count ? i : nil
    }
    func key(_ call: HelperCall, _ address: UInt64, _ m: VerifierMap) -> Int? {
      guard let bytes = try? memory.read(address, count: m.keySize), bytes.count >= 4 else { return nil }
      return Int(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
    }
    t[1] = { call in
      guard let i = mapIndex(call.r1) else { return .fault("lookup: r1 is not a map") }
      let m = SoundnessHarness.maps[i]
      guard let k = key(call, call.r2, m) else { return .fault("lookup: key unreadable") }
      guard k < m.maxEntries, maps[i].present[k] else { return .value(0) }
      if case .mapOfMaps(let inner) = m.kind { return .value(SoundnessHarness.token(inner)) }
      return .value(maps[i].region.address &+ UInt64(k * m.valueSize))
    }
    t[2] = { call in
      guard let i = mapIndex(call.r1) else { return .fault("update: r1 is not a map") }
      let m = SoundnessHarness.maps[i]
      guard let k = key(call, call.r2, m) else { return .fault("update: key unreadable") }
      guard let value = try? memory.read(call.r3, count: m.valueSize) else { return .fault("update: value unreadable") }
      guard k < m.maxEntries, !m.readOnly, m.kind == .plain else { return .value(UInt64(bitPattern: -1)) }
      guard (try? memory.write(value, to: maps[i].region.address &+ UInt64(k * m.valueSize))) != nil else {
        return .fault("update: value store failed")
      }
      return .value(0)
    }
    t[3] = { call in
      guard let i = mapIndex(call.r1) else { return .fault("delete: r1 is not a map") }
      guard key(call, call.r2, SoundnessHarness.maps[i]) != nil else { return .fault("delete: key unreadable") }
      return .value(0)
    }
    t[5] = { call in
      guard let i = mapIndex(call.r2), SoundnessHarness.maps[i].kind == .programArray else {
        return .fault("tail call: r2 is not a program array")
      }
      return .value(UInt64(bitPattern: -6))  // empty slot: the caller continues
    }
    t[6] = { _ in
      prandom = prandom &* 6_364_136_223_846_793_005 &+ 1
      return .value(prandom >> 32)
    }
    let printk: HelperFunction = { call in
      guard call.r2 > 0, (try? memory.read(call.r1, count: Int(truncatingIfNeeded: min(call.r2, 1 << 20)))) != nil
      else {
        return .fault("printk: format unreadable")
      }
      return .value(0)
    }
    t[12] = printk
    t[13] = printk
    t[19] = { _ in .value(0x0000_04d2_0000_04d3) }
    t[21] = { call in
      guard (try? memory.read(call.r1, count: 1)) != nil else { return .fault("admin: bad context") }
      return .value(1)
    }
    t[22] = { call in
      let dsize = Int(truncatingIfNeeded: min(call.r2, 1 << 20))
      let ssize = Int(truncatingIfNeeded: min(call.r4, 1 << 20))
      guard let src = try? memory.read(call.r3, count: ssize) else { return .fault("memcpy: source unreadable") }
      // The verifier's contract: the whole destination buffer is written.
      var out = [UInt8](repeating: 0, count: dsize)
      if ssize <= dsize { out.replaceSubrange(0..<ssize, with: src) }
      guard (try? memory.write(out, to: call.r1)) != nil else { return .fault("memcpy: destination unwritable") }
      return .value(ssize <= dsize ? 0 : UInt64(bitPattern: -22))
    }
    t[24] = { call in
      let size = Int(truncatingIfNeeded: min(call.r2, 1 << 20))
      guard (try? memory.write([UInt8](repeating: UInt8(truncatingIfNeeded: call.r3), count: size), to: call.r1)) != nil
      else { return .fault("memset: destination unwritable") }
      return .value(0)
    }
    t[10] = { call in
      // A null buffer is skipped whatever its size, as the runtime's csum_diff does (the verifier,
      // like PREVAIL, lets a memory-or-null argument be null with any size).
      for (p, n) in [(call.r1, call.r2), (call.r3, call.r4)] where n > 0 && p != 0 {
        guard (try? memory.read(p, count: Int(truncatingIfNeeded: min(n, 1 << 20)))) != nil else {
          return .fault("csum_diff: buffer unreadable")
        }
      }
      return .value(0)
    }
    if hook == .xdp, let context, let data {
      // bpf_xdp_adjust_head: the data start moves by r2 (signed 32 bits) inside the region, at
      // least one byte remaining; the metadata start follows when the data would pass below it.
      let contextBytes = memory.bytes(of: context)
      t[65536] = { call in
        guard call.r1 == context.address, contextBytes.count >= 24 else { return .fault("adjust_head: bad context") }
        let start = contextBytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let end = contextBytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let meta = contextBytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        let delta = Int64(Int32(truncatingIfNeeded: call.r2))
        let moved = Int64(bitPattern: start) &+ delta
        guard moved >= Int64(bitPattern: data.address), moved < Int64(bitPattern: end) else {
          return .value(UInt64(bitPattern: -1))
        }
        let newStart = UInt64(bitPattern: moved)
        contextBytes.storeBytes(of: newStart, toByteOffset: 0, as: UInt64.self)
        if meta > newStart { contextBytes.storeBytes(of: newStart, toByteOffset: 16, as: UInt64.self) }
        return .value(0)
      }
    }
    return t
  }
}
