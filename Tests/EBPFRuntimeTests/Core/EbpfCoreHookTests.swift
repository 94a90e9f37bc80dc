import BPF
import Testing

@testable import EBPFRuntime

/// Programs running on hook events: verdicts, maps changed by helpers, app ids, tail calls.
@Suite struct EbpfCoreHookTests {
  @Test func appIDIsTheLowerCasedDevicePathAndTheProgramSeesItsLastComponent() {
    let blob = AppID.blob(imageName: "SvcHost.exe", commandLine: "C:\\Windows\\system32\\svchost.exe -k netsvcs")
    #expect(AppID.text(blob[...]) == "\\device\\harddiskvolume3\\windows\\system32\\svchost.exe")
    #expect(blob.count == (52 + 1) * 2)
    #expect(AppID.text(blob[AppID.lastComponentOffset(blob)...]) == "svchost.exe")
  }

  @Test func bindCounterCountsPerProcessWithTheAppID() throws {
    let (core, _) = try CoreFixtures.loaded("bind_counter")
    CoreFixtures.deliver(core, CoreFixtures.bind(pid: 100, image: "svchost.exe"))
    CoreFixtures.deliver(core, CoreFixtures.bind(pid: 100, image: "svchost.exe"))
    CoreFixtures.deliver(core, CoreFixtures.bind(pid: 200, image: "notepad.exe"))
    let m = try #require(core.findMap("bind_stats"))
    let svchost = try m.map.lookup(le32(100))
    #expect(svchost.u64(0) == 2)
    #expect(svchost.u32(20) == 24)  // "svchost.exe" and its NUL, UTF-16
    #expect(AppID.text(svchost[24...]) == "svchost.exe")
    #expect(try m.map.lookup(le32(200)).u64(0) == 1)
  }

  @Test func denyListRefusesANamedExecutable() throws {
    let (core, _) = try CoreFixtures.loaded("bind_deny")
    let denied = try #require(core.findMap("denied_apps"))
    var key = AppID.blob(path: "notepad.exe")
    key += [UInt8](repeating: 0, count: 64 - key.count)
    try denied.map.update(key, le32(0))
    #expect(!CoreFixtures.deliver(core, CoreFixtures.bind(pid: 7, image: "notepad.exe")).permitted)
    #expect(CoreFixtures.deliver(core, CoreFixtures.bind(pid: 8, image: "svchost.exe")).permitted)
    #expect(try denied.map.lookup(key).u32(0) == 1)
  }

  @Test func tailCallsChainAndTheLastProgramDecides() throws {
    // The stages' sections come first in the file (they are declared before the map that names
    // them), so the object's first program is tcp_stage: attach the dispatcher by name.
    let (core, _) = try CoreFixtures.loaded("tail_calls", attach: false)
    #expect(core.programsByID.first?.name == "tcp_stage")
    _ = try core.attach(programID: try #require(core.findProgram("dispatch")).id)
    let tcp = CoreFixtures.deliver(core, CoreFixtures.bind(pid: 1, image: "a.exe", protocol: 6))
    #expect(tcp.verdict == 3)  // BIND_PERMIT_HARD from final_stage
    let udp = CoreFixtures.deliver(core, CoreFixtures.bind(pid: 1, image: "a.exe", protocol: 17))
    #expect(udp.verdict == 0)  // udp_stage's failed call on an empty slot
    let runs = try #require(core.findMap("stage_runs"))
    #expect(try (0..<4).map { try runs.map.lookup(le32($0)).u64(0) } == [2, 1, 1, 1])
  }

  @Test func mapInMapLookupReachesTheInnerMap() throws {
    let (core, _) = try CoreFixtures.loaded("map_in_map")
    CoreFixtures.deliver(core, CoreFixtures.bind(pid: 1, image: "a.exe", protocol: 17, operation: 2))
    let udp = try #require(core.findMap("udp_operations"))
    #expect(try udp.map.lookup(le32(2)).u64(0) == 1)
  }

  @Test func ringBufferGetsOneRecordPerBind() throws {
    let (core, _) = try CoreFixtures.loaded("ringbuf")
    CoreFixtures.deliver(core, CoreFixtures.bind(pid: 42, image: "curl.exe", port: 8080))
    let ring = try #require(core.findMap("bind_events")?.map as? RingBufferMap)
    let records = ring.pendingRecords()
    #expect(records.count == 1)
    #expect(records.first?.u32(0) == 42)
    #expect(records.first.map { UInt16($0[4]) | UInt16($0[5]) << 8 } == 8080)
  }

  @Test func printkWritesTheTraceBufferAndRefusesBadFormats() throws {
    let (core, _) = try CoreFixtures.loaded("printk")
    CoreFixtures.deliver(core, CoreFixtures.bind(pid: 1234, image: "a.exe"))
    #expect(
      core.trace.map(\.text) == [
        "bind hook called", "pid 1234", "pid 1234 protocol 6", "pid 1234 op 0 len 10", "100% of binds are traced",
      ])
    let results = try #require(core.findMap("printk_results"))
    #expect(Int64(bitPattern: try results.map.lookup(le32(5)).u64(0)) == -1)
  }

  @Test func lruEvictsTheLeastRecentlyUsedProcess() throws {
    let (core, _) = try CoreFixtures.loaded("lru")
    for pid in UInt32(1)...5 {
      CoreFixtures.deliver(core, CoreFixtures.bind(pid: pid, image: "a.exe", port: UInt16(pid)))
    }
    let recent = try #require(core.findMap("recent_binders"))
    #expect(throws: EBPFResult.objectNotFound) { try recent.map.lookup(le32(1)) }
    #expect(try recent.map.lookup(le32(5)).u32(0) == 5)
  }

  @Test func globalsAreReadAndWritten() throws {
    let (core, _) = try CoreFixtures.loaded("globals")
    var verdicts: [Int64?] = []
    for pid in UInt32(1)...5 {
      verdicts.append(CoreFixtures.deliver(core, CoreFixtures.bind(pid: pid, image: "a.exe", port: 8080)).verdict)
    }
    #expect(verdicts == [0, 0, 0, 1, 1])
    let bss = try #require(core.findMap(".bss"))
    #expect(try bss.map.lookup(le32(0)).u64(0) == 5)
  }

  @Test func bpfToBpfCallsClassifyPorts() throws {
    let (core, _) = try CoreFixtures.loaded("bpf2bpf")
    for port: UInt16 in [80, 8080, 50000, 443] {
      CoreFixtures.deliver(core, CoreFixtures.bind(pid: 1, image: "a.exe", port: port))
    }
    let classes = try #require(core.findMap("port_classes"))
    #expect(try (0..<3).map { try classes.map.lookup(le32($0)).u64(0) } == [2, 1, 1])
  }

  @Test func lpmDecidesConnectsByLongestPrefix() throws {
    let (core, _) = try CoreFixtures.loaded("lpm")
    let rules = try #require(core.findMap("connect_rules"))
    try rules.map.update(le32(8) + [10, 0, 0, 0], le32(0))
    try rules.map.update(le32(24) + [10, 1, 2, 0], le32(1))
    func connect(_ ip: [UInt8]) -> Bool {
      let event = SockAddrEvent(
        attachType: SectionResolver.attachType(forSection: "cgroup/connect4")!, family: 2, msgSrcIP: [192, 168, 1, 2],
        msgSrcPort: 50000, userIP: ip, userPort: 80, protocol: 6)
      return core.invoke(event.attachType, input: event.input, caller: CoreFixtures.caller(9)).permitted
    }
    #expect(!connect([10, 9, 9, 9]))
    #expect(connect([10, 1, 2, 3]))
    #expect(connect([8, 8, 8, 8]))
  }

  @Test func xdpParserSeesPackets() throws {
    let (core, object) = try CoreFixtures.loaded("xdp_parser", attach: false)
    _ = try core.attach(programID: object.programIDs[0], interfaceIndex: 1)
    let event = PacketEvent(interfaceIndex: 1, packet: [UInt8](repeating: 0, count: 14))
    let outcome = core.invoke(AttachType.all[0], input: event.input, caller: .system, interfaceIndex: 1)
    #expect(outcome.runs.count == 1)
    #expect(outcome.verdict != nil)
  }

  @Test func aHostileProgramFaultsAndTheHookPermits() throws {
    let core = EbpfCore(instructionBudget: 1000)
    let object = try core.load(bytes: try CoreFixtures.object("bind_counter"), options: LoadOptions(fileName: "b.o"))
    _ = try core.attach(programID: object.programIDs[0])
    // An event whose app id is empty still runs; a tiny budget is not reached by this program.
    let outcome = CoreFixtures.deliver(core, BindEvent(processID: 1, port: 1, protocol: 6, operation: 0, appID: []))
    #expect(outcome.permitted)
  }
}
