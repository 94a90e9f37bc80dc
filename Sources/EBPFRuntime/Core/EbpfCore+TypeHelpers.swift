import BPF

/// The helpers each hook supplies: its ids from 65536 and its own versions of global helpers
/// (netebpfext's sock_addr and sock_ops providers, the XDP test provider, the sample extension).
extension EbpfCore {
  /// The sample extension's fixed `bpf_get_current_pid_tgid` (`SAMPLE_PID_TGID_VALUE`).
  static let samplePidTgid: UInt64 = 9999

  // swiftlint:disable:next cyclomatic_complexity function_body_length
  func typeHelper(_ id: UInt32, type: ProgramType) -> Helper? {
    switch (type.number, id) {
    case (ProgramType.xdp.number, 0x10000):
      return Helper { [unowned(unsafe) self] call in self.adjustHead(call) }

    case (ProgramType.sockAddr.number, 21):
      // sock_addr answers from the connection's token.
      return Helper { [unowned(unsafe) self] _ in .value(self.caller.isAdministrator ? 1 : 0) }
    case (ProgramType.sockAddr.number, 26):
      return Helper { [unowned(unsafe) self] _ in .value(self.invocation.extras.socketCookie) }
    case (ProgramType.sockAddr.number, 0x10001):
      // netebpfext (net_ebpf_ext_sock_addr.c): -1 for no data, and at any layer but connect
      // redirect (the connect4/6 attach types); the context is kept for the redirected connection.
      return Helper { [unowned(unsafe) self] call in
        let connect: Set<UInt32> = [3, 4]
        let size = Int(UInt32(truncatingIfNeeded: call.r3))
        guard call.r2 != 0, size > 0, connect.contains(self.invocation.extras.attachTypeNumber) else {
          return Self.signed(-1)
        }
        guard let p = Self.readable(call, call.r2, size) else {
          return Self.badPointer("bpf_sock_addr_set_redirect_context", "r2", call.r2, size, write: false)
        }
        self.invocation.redirectContext = Array(UnsafeRawBufferPointer(start: p, count: size))
        return .value(0)
      }
    case (ProgramType.sockAddr.number, 0x10002):
      return Helper { [unowned(unsafe) self] call in
        let size = Int(clamping: call.r3)
        let layoutSize = 32
        guard size >= layoutSize else { return Self.result(.invalidArgument) }
        guard let out = Self.writable(call, call.r2, size) else {
          return Self.badPointer("bpf_sock_addr_get_network_context", "r2", call.r2, size, write: true)
        }
        let e = self.invocation.extras
        out.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        out.storeBytes(of: UInt32(1).littleEndian, toByteOffset: 0, as: UInt32.self)
        out.storeBytes(of: e.interfaceType.littleEndian, toByteOffset: 4, as: UInt32.self)
        out.storeBytes(of: e.tunnelType.littleEndian, toByteOffset: 8, as: UInt32.self)
        out.storeBytes(of: e.nextHopInterfaceLuid.littleEndian, toByteOffset: 16, as: UInt64.self)
        out.storeBytes(of: e.subInterfaceIndex.littleEndian, toByteOffset: 24, as: UInt32.self)
        return .value(0)
      }

    case (ProgramType.sockOps.number, 0x10000):
      return Helper { [unowned(unsafe) self] _ in .value(self.invocation.extras.flowID) }

    case (ProgramType.sample.number, 19):
      return Helper { _ in .value(Self.samplePidTgid) }
    case (ProgramType.sample.number, 35):
      return Helper { _ in .fault("bpf_redirect_map: ntsh's sample extension does not model redirection") }
    case (ProgramType.sample.number, 0x10000):
      return Helper { _ in .value(0) }
    case (ProgramType.sample.number, 0x10001):
      return Helper { call in Self.sampleFind(call) }
    case (ProgramType.sample.number, 0x10002):
      return Helper { call in Self.sampleReplace(call) }
    case (ProgramType.sample.number, 0x10003):
      // The implicit helpers receive the context after their declared arguments; ntsh's reading
      // of them: the first returns `helper_data_1`, the second `helper_data_2` plus its argument.
      return Helper { [unowned(unsafe) self] _ in .value(UInt64(self.contextField(offset: 24))) }
    case (ProgramType.sample.number, 0x10004):
      return Helper { [unowned(unsafe) self] call in
        .value(UInt64(self.contextField(offset: 28)) &+ UInt64(UInt32(truncatingIfNeeded: call.r1)))
      }
    case (ProgramType.sample.number, 0x10005):
      return globalHelper(1)
    case (ProgramType.sample.number, 0x10006):
      return Helper { [unowned(unsafe) self] call in
        guard let m = self.map(handle: call.r1) else { return Self.notAMap("sample_ext_helper_map_get_value", call.r1) }
        let map = m.map
        let size = Int(clamping: call.r4)
        guard map.keySize > 0, size >= map.valueSize else { return Self.signed(-1) }
        guard let key = Self.readable(call, call.r2, map.keySize) else {
          return Self.badPointer("sample_ext_helper_map_get_value", "r2", call.r2, map.keySize, write: false)
        }
        guard let out = Self.writable(call, call.r3, size) else {
          return Self.badPointer("sample_ext_helper_map_get_value", "r3", call.r3, size, write: true)
        }
        guard let offset = map.lookup(key: key, cpu: 0) else { return Self.signed(-1) }
        out.copyMemory(from: map.values.pointer(offset), byteCount: map.valueSize)
        return .value(0)
      }
    default:
      return nil
    }
  }

  /// A 32-bit field of the running invocation's context.
  func contextField(offset: Int) -> UInt32 {
    guard let host = invocation.contextHost, offset + 4 <= invocation.contextSize else {
      return 0
    }
    return UInt32(littleEndian: host.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  /// `bpf_xdp_adjust_head(ctx, delta)`: moves the packet's start by `delta` bytes (negative grows
  /// it into the headroom); at least one byte must remain, and at most `HookMemory.maxDataSize`.
  /// Returns 0, or −1 when it cannot.
  func adjustHead(_ call: HelperCall) -> HelperResult {
    guard call.r1 == invocation.contextAddress, invocation.contextHost != nil else {
      return .fault("bpf_xdp_adjust_head: r1 is not the context")
    }
    let delta = Int64(Int32(truncatingIfNeeded: call.r2))
    let newStart = Int64(bitPattern: invocation.dataAddress) &+ delta
    let end = Int64(bitPattern: invocation.dataEndAddress)
    guard newStart >= Int64(bitPattern: invocation.headroomStart), newStart < end,
      end - newStart <= HookMemory.maxDataSize
    else { return Self.signed(-1) }
    invocation.dataAddress = UInt64(bitPattern: newStart)
    writePointers()
    return .value(0)
  }

  static func sampleFind(_ call: HelperCall) -> HelperResult {
    let size = Int(clamping: call.r2)
    let findSize = Int(clamping: call.r4)
    guard size > 0, findSize > 0 else { return signed(-1) }
    guard let buffer = readable(call, call.r1, size) else {
      return badPointer("sample_ebpf_extension_find", "r1", call.r1, size, write: false)
    }
    guard let find = readable(call, call.r3, findSize) else {
      return badPointer("sample_ebpf_extension_find", "r3", call.r3, findSize, write: false)
    }
    let haystack = UnsafeRawBufferPointer(start: buffer, count: size)
    let needle = UnsafeRawBufferPointer(start: find, count: findSize)
    let h = Array(haystack.prefix(upTo: haystack.firstIndex(of: 0) ?? size))
    let n = Array(needle.prefix(upTo: needle.firstIndex(of: 0) ?? findSize))
    guard !n.isEmpty else { return .value(0) }
    guard h.count >= n.count else { return signed(-1) }
    for start in 0...(h.count - n.count) where Array(h[start..<start + n.count]) == n { return .value(UInt64(start)) }
    return signed(-1)
  }

  static func sampleReplace(_ call: HelperCall) -> HelperResult {
    let size = Int(clamping: call.r2)
    let position = Int64(bitPattern: call.r3)
    let replaceSize = Int(clamping: call.r5)
    guard position >= 0, position < Int64(size), replaceSize > 0 else { return signed(-1) }
    guard let buffer = writable(call, call.r1, size) else {
      return badPointer("sample_ebpf_extension_replace", "r1", call.r1, size, write: true)
    }
    guard let replacement = readable(call, call.r4, replaceSize) else {
      return badPointer("sample_ebpf_extension_replace", "r4", call.r4, replaceSize, write: false)
    }
    var dest = Int(position)
    var source = 0
    // Copies up to the replacement's NUL, stopping before the buffer's last byte.
    while dest < size - 1, source < replaceSize {
      let byte = replacement.load(fromByteOffset: source, as: UInt8.self)
      if byte == 0 { break }
      buffer.storeBytes(of: byte, toByteOffset: dest, as: UInt8.self)
      dest += 1
      source += 1
    }
    return .value(0)
  }
}
