import EBPFRuntime
import Kernel

#if canImport(Glibc)
  import Glibc
#endif

/// The eBPF hook path end to end, and map operations made by programs against a Swift Dictionary
/// doing the same work. Prints events (or operations) per second; never asserts a timing.
enum HookBenchmarks {
  /// The repository root (the benchmark reads the committed fixture objects).
  static let root: String = {
    var path = #filePath
    for _ in 0..<3 { if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) } }
    return path
  }()

  static func object(_ relative: String) -> [UInt8]? {
    let path = root + "/Fixtures/ebpf/" + relative
    guard let f = fopen(path, "rb") else {
      Bench.printError("ntsh-bench: cannot open \(path)\n")
      return nil
    }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = fread(&chunk, 1, chunk.count, f)
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    return bytes
  }

  static func report(_ name: String, events: Int, seconds: Double, unit: String, baseline: Double? = nil) {
    let rate = Double(events) / seconds
    var line =
      name + String(repeating: " ", count: max(0, 52 - name.count))
      + String(format1(rate / 1e6)).leftPadded(to: 7) + " M \(unit)/s  (\(Int(seconds * 1e9 / Double(events))) ns each)"
    if let baseline {
      line += "   Dictionary: \(format1(Double(events) / baseline / 1e6)) M/s"
    }
    print(line)
  }

  static func format1(_ v: Double) -> String {
    let tenths = Int((v * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// The thread's CPU time in nanoseconds: on a shared machine, time spent descheduled is not counted.
  static func cpuNow() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  /// The best of three timings of `body`, in thread CPU time (the machine is shared; the best run
  /// is the least disturbed).
  static func seconds(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
      let start = cpuNow()
      body()
      best = min(best, Double(cpuNow() - start) / 1e9)
    }
    return best
  }

  /// A runtime with one fixture loaded and its first program attached.
  static func loaded(_ relative: String) -> (EbpfCore, ProgramObject)? {
    guard let bytes = object(relative) else { return nil }
    let core = EbpfCore()
    guard let object = try? core.load(bytes: bytes, options: LoadOptions(fileName: relative)),
      let first = object.programIDs.first, let program = core.programs[first],
      (try? core.attach(programID: first)) != nil
    else {
      Bench.printError("ntsh-bench: \(relative) did not load\n")
      return nil
    }
    return (core, program)
  }

  /// `only` is `path` or `maps` to run one half.
  static func run(only: String? = nil, events n: Int = 2_000_000) {
    if only != "maps" {
      print("eBPF hook path (release build; one core; thread CPU time, best of 3):")
      hookPath(n, kernelToo: only != "bind")
    }
    if only == nil { print("") }
    if only != "path" && only != "bind" {
      print("Map work done by programs, one bind event each (the whole hook path per run):")
      mapsFromPrograms(n)
    }
  }

  /// TraceConnections handling binds of 64 processes: build the bind context from the event, run
  /// the program (hash lookup, memcpy of the app id on a first bind, update).
  static func hookPath(_ n: Int, kernelToo: Bool = true) {
    guard let (core, _) = loaded("programs/trace_connections.o") else { return }
    // The provider keeps each process's app id and where its last component starts (EbpfHost does).
    let processes = (0..<64).map { i in
      let blob = AppID.blob(imageName: "process\(i).exe")
      return (pid: UInt32(1000 + 4 * i), appID: blob, start: AppID.lastComponentOffset(blob))
    }
    let callers = processes.map {
      CallerIdentity(
        processID: $0.pid, threadID: $0.pid + 4, logonID: 0x3e7, isAdministrator: false,
        processStartKey: UInt64($0.pid), threadCreateTime: 0)
    }
    var permitted = 0
    let t = seconds {
      for i in 0..<n {
        let p = i & 63
        let event = BindEvent(
          processID: UInt64(processes[p].pid), ipv4: 0, port: UInt16(truncatingIfNeeded: 49_152 + i), protocol: 6,
          operation: 0, appID: processes[p].appID, appIDStart: processes[p].start)
        if core.invoke(bind: event, caller: callers[p], keepRuns: false).permitted { permitted += 1 }
      }
    }
    report("TraceConnections on bind events (64 processes)", events: n, seconds: t, unit: "events")
    if permitted != 3 * n { print("  (\(3 * n - permitted) events were refused?)") }
    guard kernelToo else { return }

    // The same through the machine: a kernel event raised by a process, delivered by EbpfHost.
    let machine = Machine(configuration: BootConfiguration(seed: 0))
    let host = EbpfHost(machine: machine)
    guard let bytes = object("programs/trace_connections.o"),
      let loaded = try? host.core.load(bytes: bytes, options: LoadOptions(fileName: "t.o")),
      (try? host.core.attach(programID: loaded.programIDs[0])) != nil,
      let svchost = machine.kernel.processes.first(where: { $0.imageName == "svchost.exe" })
    else { return }
    let kernelEvents = n / 10
    let k = machine.kernel
    let t2 = seconds {
      for i in 0..<kernelEvents {
        _ = k.raise(
          KernelEvent(
            kind: NetworkEvent.bind, process: svchost, thread: nil,
            fields: [
              NetworkEvent.Field.family: 2, NetworkEvent.Field.port: UInt64(i & 0xffff), NetworkEvent.Field.protocol: 6,
            ],
            payload: [0, 0, 0, 0]))
      }
    }
    report("  the same as kernel events through EbpfHost", events: kernelEvents, seconds: t2, unit: "events")
  }

  static func mapsFromPrograms(_ n: Int) {
    // Hash lookup + update, keyed by pid (1024 distinct pids, map capacity 1024).
    if let (core, _) = loaded("bench/hash_update.o") {
      let events = (0..<1024).map { BindEvent(processID: UInt64($0), ipv4: 0, port: 1, protocol: 6, operation: 0, appID: []) }
      let t = seconds { for i in 0..<n { _ = core.invoke(bind: events[i & 1023], caller: .system, keepRuns: false) } }
      var d: [UInt32: UInt64] = [:]
      let b = seconds {
        for i in 0..<n {
          let key = UInt32(i & 1023)
          if let c = d[key] { d[key] = c &+ 1 } else { d[key] = 1 }
        }
      }
      report("hash: lookup, then increment or insert", events: n, seconds: t, unit: "runs", baseline: b)
    }
    if let (core, _) = loaded("bench/array_update.o") {
      let events = (0..<64).map { BindEvent(processID: UInt64($0), ipv4: 0, port: 1, protocol: 6, operation: 0, appID: []) }
      let t = seconds { for i in 0..<n { _ = core.invoke(bind: events[i & 63], caller: .system, keepRuns: false) } }
      var d: [UInt32: UInt64] = [:]
      let b = seconds { for i in 0..<n { d[UInt32(i & 63), default: 0] &+= 1 } }
      report("array: lookup and increment", events: n, seconds: t, unit: "runs", baseline: b)
    }
    if let (core, _) = loaded("bench/lru_update.o") {
      // 512 pids cycling through a 256-entry LRU map: every run misses and evicts.
      let events = (0..<512).map { BindEvent(processID: UInt64($0), ipv4: 0, port: 1, protocol: 6, operation: 0, appID: []) }
      let t = seconds { for i in 0..<n { _ = core.invoke(bind: events[i & 511], caller: .system, keepRuns: false) } }
      var d: [UInt32: UInt64] = [:]
      var order: [UInt32] = []
      var head = 0
      let b = seconds {
        for i in 0..<n {
          let key = UInt32(i & 511)
          if let c = d[key] {
            d[key] = c &+ 1
          } else {
            if d.count == 256 {
              d[order[head]] = nil
              head += 1
            }
            d[key] = 1
            order.append(key)
          }
        }
      }
      report("lru_hash under eviction: miss, evict, insert", events: n, seconds: t, unit: "runs", baseline: b)
    }
    if let (core, _) = loaded("bench/lpm_lookup.o"), let prefixes = core.findMap("prefixes") {
      for (length, address) in [
        (8, [10, 0, 0, 0]), (16, [10, 1, 0, 0]), (24, [10, 1, 2, 0]), (16, [192, 168, 0, 0]),
      ] {
        try? prefixes.map.update([UInt8(length), 0, 0, 0] + address.map(UInt8.init), [1, 0, 0, 0])
      }
      let events = (0..<256).map { i in
        BindEvent(processID: 1, address: [10, 1, UInt8(i & 3), UInt8(i)], port: 1, protocol: 6, operation: 0, appID: [])
      }
      let t = seconds { for i in 0..<n { _ = core.invoke(bind: events[i & 255], caller: .system, keepRuns: false) } }
      // The Dictionary does the same matching: one probe per prefix length, longest first.
      let table: [UInt64: UInt32] = [
        8 << 32 | 0x0a00_0000: 1, 16 << 32 | 0x0a01_0000: 1, 24 << 32 | 0x0a01_0200: 1, 16 << 32 | 0xc0a8_0000: 1,
      ]
      var hits = 0
      let b = seconds {
        for i in 0..<n {
          let address = UInt32(0x0a01_0000) | UInt32(i & 3) << 8 | UInt32(i & 255)
          for length in stride(from: 32, through: 0, by: -1) {
            let masked = length == 0 ? 0 : address & (UInt32.max << UInt32(32 - length))
            if table[UInt64(length) << 32 | UInt64(masked)] != nil {
              hits += 1
              break
            }
          }
        }
      }
      report("lpm_trie: longest-prefix lookup (4 prefixes)", events: n, seconds: t, unit: "runs", baseline: b)
      if hits == 0 { print("  (no Dictionary hits?)") }
    }
  }
}
