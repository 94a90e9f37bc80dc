import BPF

/// The global helpers 1–35 with eBPF for Windows' semantics (`ebpf_core.c`): map helpers return
/// the negated `ebpf_result_t`, the `_s` memory helpers return negated errno values, printk follows
/// ``Printk``'s rules. Pointer arguments are checked against the address space, so a program the
/// verifier has not proved safe stops with a fault instead of corrupting anything.
extension EbpfCore {
  /// `EINVAL` and `ERANGE`, as the `_s` helpers return them (negated).
  static let einval: Int64 = 22
  static let erange: Int64 = 34

  /// The helper table of a program type: the global helpers the core implements, the type's
  /// overrides and its own helpers from 65536.
  func helperTable(for type: ProgramType) -> HelperFunctionTable {
    var table = HelperFunctionTable()
    for prototype in HelperTable.callable(by: type) {
      let id = Int32(truncatingIfNeeded: prototype.id)
      if let f = typeHelper(prototype.id, type: type) ?? globalHelper(prototype.id) { table.register(id, f.call) }
    }
    return table
  }

  // MARK: Argument access

  /// Host memory for `count` bytes a helper reads, or nil (the helper then faults).
  @inline(__always)
  static func readable(_ call: HelperCall, _ address: UInt64, _ count: Int) -> UnsafeMutableRawPointer? {
    call.readablePointer(address, count: count)
  }

  /// Host memory for `count` bytes a helper writes, or nil.
  @inline(__always)
  static func writable(_ call: HelperCall, _ address: UInt64, _ count: Int) -> UnsafeMutableRawPointer? {
    try? call.memory.pointer(to: address, count: count, write: true)
  }

  static func badPointer(_ name: String, _ register: String, _ address: UInt64, _ count: Int, write: Bool)
    -> HelperResult
  {
    .fault(
      "\(name): \(register) (\(hex(address))) is not \(count) \(write ? "writable" : "readable") byte\(count == 1 ? "" : "s")"
    )
  }

  static func notAMap(_ name: String, _ value: UInt64) -> HelperResult {
    .fault("\(name): r1 (\(hex(value))) is not a map")
  }

  @inline(__always)
  static func result(_ r: EBPFResult) -> HelperResult { .value(UInt64(bitPattern: r.helperReturnValue)) }

  @inline(__always)
  static func signed(_ v: Int64) -> HelperResult { .value(UInt64(bitPattern: v)) }

  // MARK: Global helpers

  // One switch over the ids keeps each helper next to its semantics; the table stores the closures.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  func globalHelper(_ id: UInt32) -> Helper? {
    switch id {
    case 1:
      let core = Unmanaged.passUnretained(self)
      return Helper { call in core._withUnsafeGuaranteedRef { Self.lookupHelper($0, call) } }
    case 2:
      let core = Unmanaged.passUnretained(self)
      return Helper { call in core._withUnsafeGuaranteedRef { Self.updateHelper($0, call) } }
    case 3:
      return Helper { [unowned(unsafe) self] call in
        guard let m = self.map(handle: call.r1) else { return Self.notAMap("bpf_map_delete_elem", call.r1) }
        guard m.map.keySize > 0 else { return Self.result(.invalidArgument) }
        guard let key = Self.readable(call, call.r2, m.map.keySize) else {
          return Self.badPointer("bpf_map_delete_elem", "r2", call.r2, m.map.keySize, write: false)
        }
        return Self.result(m.map.delete(key: key))
      }
    case 4:
      return Helper { [unowned(unsafe) self] call in
        guard let m = self.map(handle: call.r1) else { return Self.notAMap("bpf_map_lookup_and_delete_elem", call.r1) }
        guard m.map.keySize > 0 else { return .value(0) }
        guard let key = Self.readable(call, call.r2, m.map.keySize) else {
          return Self.badPointer("bpf_map_lookup_and_delete_elem", "r2", call.r2, m.map.keySize, write: false)
        }
        guard let offset = m.map.lookupAndDelete(key: key, cpu: 0) else { return .value(0) }
        return .value(m.regionAddress &+ UInt64(offset))
      }
    case 5:
      return Helper { [unowned(unsafe) self] call in self.tailCall(call) }
    case 6:
      return Helper { [unowned(unsafe) self] _ in .value(UInt64(self.nextRandom())) }
    case 7, 9:
      return Helper { [unowned(unsafe) self] _ in .value(UInt64(bitPattern: self.clock.interruptTime()) &* 100) }
    case 8:
      return Helper { _ in .value(0) }
    case 10:
      return Helper { call in Self.checksumDifference(call) }
    case 11:
      return Helper { [unowned(unsafe) self] call in
        guard let m = self.map(handle: call.r1) else { return Self.notAMap("bpf_ringbuf_output", call.r1) }
        guard let ring = m.map as? RingBufferMap else { return Self.result(.invalidArgument) }
        let size = Int(clamping: call.r3)
        guard size > 0 else { return Self.result(ring.output([])) }
        guard let data = Self.readable(call, call.r2, size) else {
          return Self.badPointer("bpf_ringbuf_output", "r2", call.r2, size, write: false)
        }
        return Self.result(ring.output(data, count: size))
      }
    case 12, 13, 14, 15:
      let argumentCount = Int(id) - 12
      return Helper { [unowned(unsafe) self] call in self.printk(call, arguments: argumentCount) }
    case 16:
      return Helper { [unowned(unsafe) self] call in
        guard let m = self.map(handle: call.r1) else { return Self.notAMap("bpf_map_push_elem", call.r1) }
        guard let value = Self.readable(call, call.r2, m.map.valueSize) else {
          return Self.badPointer("bpf_map_push_elem", "r2", call.r2, m.map.valueSize, write: false)
        }
        return Self.result(m.map.push(value: value, flags: call.r3))
      }
    case 17, 18:
      let name = id == 17 ? "bpf_map_pop_elem" : "bpf_map_peek_elem"
      return Helper { [unowned(unsafe) self] call in
        guard let m = self.map(handle: call.r1) else { return Self.notAMap(name, call.r1) }
        guard let out = Self.writable(call, call.r2, m.map.valueSize) else {
          return Self.badPointer(name, "r2", call.r2, m.map.valueSize, write: true)
        }
        return Self.result(id == 17 ? m.map.pop(into: out) : m.map.peek(into: out))
      }
    case 19:
      return Helper { [unowned(unsafe) self] _ in
        .value(UInt64(self.caller.processID) << 32 | UInt64(self.caller.threadID))
      }
    case 20:
      return Helper { [unowned(unsafe) self] _ in .value(self.caller.logonID) }
    case 21:
      // The core's implementation is a TODO in eBPF for Windows (issue 1871): it returns -1.
      return Helper { _ in Self.signed(-1) }
    case 22, 25:
      let name = id == 22 ? "bpf_memcpy_s" : "bpf_memmove_s"
      return Helper { call in Self.copy(call, name: name) }
    case 23:
      return Helper { call in Self.compare(call) }
    case 24:
      return Helper { call in
        let size = Int(clamping: call.r2)
        guard size > 0 else { return .value(call.r1) }
        guard let p = Self.writable(call, call.r1, size) else {
          return Self.badPointer("bpf_memset", "r1", call.r1, size, write: true)
        }
        p.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: call.r3), count: size)
        return .value(call.r1)
      }
    case 27:
      return Helper { call in Self.stringCopy(call) }
    case 28:
      return Helper { call in Self.stringConcatenate(call) }
    case 29:
      return Helper { call in
        let size = Int(clamping: call.r2)
        guard call.r1 != 0, size > 0 else { return .value(0) }
        guard let p = Self.readable(call, call.r1, size) else {
          return Self.badPointer("bpf_strnlen_s", "r1", call.r1, size, write: false)
        }
        let bytes = UnsafeRawBufferPointer(start: p, count: size)
        return .value(UInt64(bytes.firstIndex(of: 0) ?? size))
      }
    case 30, 31:
      return Helper { [unowned(unsafe) self] _ in .value(UInt64(bitPattern: self.clock.interruptTime()) / 10_000) }
    case 32:
      return Helper { [unowned(unsafe) self] call in self.perfEventOutput(call) }
    case 33:
      return Helper { [unowned(unsafe) self] _ in .value(self.caller.processStartKey) }
    case 34:
      return Helper { [unowned(unsafe) self] _ in .value(UInt64(bitPattern: self.caller.threadCreateTime)) }
    default:
      return nil
    }
  }

  // MARK: Helper bodies

  // The hot map helpers take the runtime as an argument: captured into an inner closure it would
  // be retained on every call.
  static func lookupHelper(_ core: EbpfCore, _ call: HelperCall) -> HelperResult {
    guard let slot = core.mapSlot(handle: call.r1) else { return notAMap("bpf_map_lookup_elem", call.r1) }
    return slot._withUnsafeGuaranteedRef { core.lookup($0, call) }
  }

  static func updateHelper(_ core: EbpfCore, _ call: HelperCall) -> HelperResult {
    guard let slot = core.mapSlot(handle: call.r1) else { return notAMap("bpf_map_update_elem", call.r1) }
    return slot._withUnsafeGuaranteedRef { update($0, call) }
  }

  /// `bpf_map_lookup_elem`: the value's address, the inner map of a map of maps, or null.
  @inline(__always)
  func lookup(_ m: MapObject, _ call: HelperCall) -> HelperResult {
    m.fastMap._withUnsafeGuaranteedRef { lookup(m, $0, call) }
  }

  @inline(__always)
  func lookup(_ m: MapObject, _ map: EBPFMap, _ call: HelperCall) -> HelperResult {
    let keySize = map.keySize
    guard keySize > 0 else { return .value(0) }
    guard let key = Self.readable(call, call.r2, keySize) else {
      return Self.badPointer("bpf_map_lookup_elem", "r2", call.r2, keySize, write: false)
    }
    let type = map.type
    if type.holdsObjectIDs {
      // A map-in-map lookup yields the inner map itself, which the program passes on.
      guard type.isMapOfMaps, let inner = map.objectID(key: key), maps[inner] != nil else { return .value(0) }
      return .value(Self.handle(ofMap: inner))
    }
    guard let offset = map.lookup(key: key, cpu: 0) else { return .value(0) }
    return .value(m.regionAddress &+ UInt64(offset))
  }

  /// `bpf_map_update_elem`.
  @inline(__always)
  static func update(_ m: MapObject, _ call: HelperCall) -> HelperResult {
    m.fastMap._withUnsafeGuaranteedRef { update($0, call) }
  }

  @inline(__always)
  static func update(_ map: EBPFMap, _ call: HelperCall) -> HelperResult {
    guard map.keySize > 0 else { return result(.invalidArgument) }
    guard let key = readable(call, call.r2, map.keySize) else {
      return badPointer("bpf_map_update_elem", "r2", call.r2, map.keySize, write: false)
    }
    guard let value = readable(call, call.r3, map.valueSize) else {
      return badPointer("bpf_map_update_elem", "r3", call.r3, map.valueSize, write: false)
    }
    return result(map.update(key: key, value: value, flags: call.r4, cpu: 0))
  }

  func tailCall(_ call: HelperCall) -> HelperResult {
    // eBPF for Windows allows 33 tail calls per invocation; the next one fails and the caller goes on.
    guard call.tailCallCount < 33 else { return Self.result(.noMoreTailCalls) }
    guard let m = map(handle: call.r2), m.map.type == .progArray else { return Self.result(.invalidArgument) }
    var index = UInt32(truncatingIfNeeded: call.r3).littleEndian
    guard let id = withUnsafeBytes(of: &index, { m.map.objectID(key: $0.baseAddress.unsafelyUnwrapped) }),
      let target = programs[id], target.programType.number == runningProgram?.programType.number
    else { return Self.result(.invalidArgument) }
    target.runCount &+= 1
    runningProgram = target
    return .tailCall(target.program)
  }

  func nextRandom() -> UInt32 {
    randomState ^= randomState >> 12
    randomState ^= randomState << 25
    randomState ^= randomState >> 27
    return UInt32(truncatingIfNeeded: (randomState &* 0x2545_F491_4F6C_DD1D) >> 32)
  }

  func printk(_ call: HelperCall, arguments count: Int) -> HelperResult {
    let size = Int(clamping: call.r2)
    guard Printk.formatSizes.contains(size) else { return Self.signed(-1) }
    guard let p = Self.readable(call, call.r1, size) else {
      return Self.badPointer("bpf_trace_printk", "r1", call.r1, size, write: false)
    }
    let format = Array(UnsafeRawBufferPointer(start: p, count: size))
    let arguments = Array([call.r3, call.r4, call.r5].prefix(count))
    guard let text = Printk.render(format: format, arguments: arguments) else { return Self.signed(-1) }
    appendTrace(.printk, text)
    return .value(UInt64(text.utf8.count))
  }

  func perfEventOutput(_ call: HelperCall) -> HelperResult {
    guard let m = map(handle: call.r2) else {
      return .fault("bpf_perf_event_output: r2 (\(hex(call.r2))) is not a map")
    }
    guard let perf = m.map as? PerfEventArrayMap else { return Self.result(.invalidArgument) }
    let size = Int(clamping: call.r5)
    var data = UnsafeRawBufferPointer(start: nil, count: 0)
    if size > 0 {
      guard let p = Self.readable(call, call.r4, size) else {
        return Self.badPointer("bpf_perf_event_output", "r4", call.r4, size, write: false)
      }
      data = UnsafeRawBufferPointer(start: p, count: size)
    }
    var contextData: UnsafeRawBufferPointer?
    let length = Int(clamping: invocation.dataEndAddress &- invocation.dataAddress)
    if invocation.dataPointerOffset >= 0, length > 0,
      let p = Self.readable(call, invocation.dataAddress, length)
    {
      contextData = UnsafeRawBufferPointer(start: p, count: length)
    }
    return Self.result(perf.output(data, flags: call.r3, cpu: 0, contextData: contextData))
  }

  static func copy(_ call: HelperCall, name: String) -> HelperResult {
    let destinationSize = call.r2
    let sourceSize = call.r4
    guard sourceSize <= destinationSize else { return signed(-einval) }
    let count = Int(clamping: sourceSize)
    guard count > 0 else { return .value(0) }
    guard let source = readable(call, call.r3, count) else {
      return badPointer(name, "r3", call.r3, count, write: false)
    }
    guard let destination = writable(call, call.r1, count) else {
      return badPointer(name, "r1", call.r1, count, write: true)
    }
    destination.copyMemory(from: source, byteCount: count)  // copyMemory is memmove-safe
    return .value(0)
  }

  static func compare(_ call: HelperCall) -> HelperResult {
    let n1 = Int(clamping: call.r2)
    let n2 = Int(clamping: call.r4)
    let common = min(n1, n2)
    if common > 0 {
      guard let a = readable(call, call.r1, common) else {
        return badPointer("bpf_memcmp_s", "r1", call.r1, common, write: false)
      }
      guard let b = readable(call, call.r3, common) else {
        return badPointer("bpf_memcmp_s", "r3", call.r3, common, write: false)
      }
      for i in 0..<common {
        let x = a.load(fromByteOffset: i, as: UInt8.self)
        let y = b.load(fromByteOffset: i, as: UInt8.self)
        if x != y { return signed(x < y ? -1 : 1) }
      }
    }
    return signed(n1 == n2 ? 0 : n1 < n2 ? -1 : 1)
  }

  static func stringCopy(_ call: HelperCall) -> HelperResult {
    let destinationSize = Int(clamping: call.r2)
    let count = Int(clamping: call.r4)
    guard destinationSize > 0 else { return signed(-einval) }
    guard let destination = writable(call, call.r1, destinationSize) else {
      return badPointer("bpf_strncpy_s", "r1", call.r1, destinationSize, write: true)
    }
    var length = 0
    if count > 0 {
      guard let source = readable(call, call.r3, count) else {
        return badPointer("bpf_strncpy_s", "r3", call.r3, count, write: false)
      }
      length = UnsafeRawBufferPointer(start: source, count: count).firstIndex(of: 0) ?? count
      guard length < destinationSize else {
        destination.storeBytes(of: 0, as: UInt8.self)
        return signed(-erange)
      }
      destination.copyMemory(from: source, byteCount: length)
    }
    destination.storeBytes(of: 0, toByteOffset: length, as: UInt8.self)
    return .value(0)
  }

  static func stringConcatenate(_ call: HelperCall) -> HelperResult {
    let destinationSize = Int(clamping: call.r2)
    let count = Int(clamping: call.r4)
    guard destinationSize > 0 else { return signed(-einval) }
    guard let destination = writable(call, call.r1, destinationSize) else {
      return badPointer("bpf_strncat_s", "r1", call.r1, destinationSize, write: true)
    }
    guard let existing = UnsafeRawBufferPointer(start: destination, count: destinationSize).firstIndex(of: 0) else {
      return signed(-einval)
    }
    var length = 0
    var source: UnsafeMutableRawPointer?
    if count > 0 {
      guard let s = readable(call, call.r3, count) else {
        return badPointer("bpf_strncat_s", "r3", call.r3, count, write: false)
      }
      source = s
      length = UnsafeRawBufferPointer(start: s, count: count).firstIndex(of: 0) ?? count
    }
    guard existing + length < destinationSize else {
      destination.storeBytes(of: 0, as: UInt8.self)
      return signed(-erange)
    }
    if let source, length > 0 { (destination + existing).copyMemory(from: source, byteCount: length) }
    destination.storeBytes(of: 0, toByteOffset: existing + length, as: UInt8.self)
    return .value(0)
  }

  /// `bpf_csum_diff` as eBPF for Windows' `ebpf_core_csum_diff` (libs/execution_context/ebpf_core.c)
  /// computes it: sizes and seed are C `int`s; sizes must be multiples of 4 (else -EINVAL); the
  /// result starts at the seed, adds each 16-bit word of `to`, then the complement of each 16-bit
  /// word of `from` (a null buffer adds nothing), and is returned unfolded; a sum that ends up
  /// negative (the seed was, or the 32-bit sum overflowed) gives -EINVAL.
  static func checksumDifference(_ call: HelperCall) -> HelperResult {
    let fromSize = Int32(truncatingIfNeeded: call.r2)
    let toSize = Int32(truncatingIfNeeded: call.r4)
    guard fromSize % 4 == 0, toSize % 4 == 0 else { return signed(-einval) }
    var sum = Int32(truncatingIfNeeded: call.r5)
    func add(_ address: UInt64, _ size: Int32, complement: Bool) -> Bool {
      guard size > 0, address != 0 else { return true }
      guard let p = readable(call, address, Int(size)) else { return false }
      for i in stride(from: 0, to: Int(size), by: 2) {
        let word = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt16.self))
        sum &+= Int32(complement ? ~word : word)
      }
      return true
    }
    guard add(call.r3, toSize, complement: false) else {
      return badPointer("bpf_csum_diff", "r3", call.r3, Int(toSize), write: false)
    }
    guard add(call.r1, fromSize, complement: true) else {
      return badPointer("bpf_csum_diff", "r1", call.r1, Int(fromSize), write: false)
    }
    return sum < 0 ? signed(-einval) : .value(UInt64(sum))
  }
}

/// A helper function as the runtime builds it: a closure in a concrete struct keeps its own
/// calling convention (one in an Optional would be called through a reabstraction thunk). The
/// closures hold the runtime `unowned(unsafe)`: the runtime owns the interpreters that own them, so
/// none is called after it is gone, and the hot path skips the unowned reference's checks.
struct Helper {
  let call: HelperFunction
}

/// `0x` and lowercase hex digits.
func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
