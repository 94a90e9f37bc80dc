import Kernel
import NTAPI
import Testing

@testable import EBPFRuntime

/// The runtime on a machine: sockets of simulated processes reach the hooks.
@Suite struct EbpfHostTests {
  func machine() -> (EbpfHost, Win32) {
    let m = Machine(configuration: BootConfiguration(seed: 0))
    let host = EbpfHost(machine: m)
    let k = m.kernel
    guard let p = k.shellProcess, case .success(let t) = k.actingThread(in: p) else { fatalError("boot") }
    return (host, Win32(kernel: k, thread: t))
  }

  func run(_ api: Win32, _ line: String) -> UInt32? {
    guard let pi = api.CreateProcess(line), let p = api.kernel.process(pid: pi.processId) else { return nil }
    _ = api.kernel.dispatcher.run(until: { !p.isAlive }, limit: 1_000_000)
    return p.exitStatus
  }

  @Test func curlBindsAndTheCounterSeesEveryProcess() throws {
    let (host, api) = machine()
    let core = host.core
    let object = try core.load(bytes: try CoreFixtures.object("bind_counter"), options: LoadOptions(fileName: "b.o"))
    _ = try core.attach(programID: object.programIDs[0])
    #expect(run(api, "curl.exe http://10.0.0.1/ http://10.0.0.2/") == 7)
    #expect(run(api, "curl.exe http://10.0.0.3/") == 7)
    let m = try #require(core.findMap("bind_stats"))
    let entries = try m.map.entries()
    #expect(entries.count == 2)
    // Two binds and two unbinds for the first curl, one each for the second.
    #expect(entries.map { $0.value.u64(0) }.sorted() == [1, 2])
    #expect(entries.map { $0.value.u64(8) }.sorted() == [1, 2])
    #expect(entries.allSatisfy { AppID.text($0.value[24...]) == "curl.exe" })
  }

  @Test func aDenyingProgramRefusesTheBind() throws {
    let (host, api) = machine()
    let core = host.core
    let object = try core.load(bytes: try CoreFixtures.object("bind_deny"), options: LoadOptions(fileName: "d.o"))
    _ = try core.attach(programID: object.programIDs[0])
    var key = AppID.blob(path: "curl.exe")
    key += [UInt8](repeating: 0, count: 64 - key.count)
    try core.findMap("denied_apps")?.map.update(key, le32(0))
    #expect(run(api, "curl.exe --local-port 5000 http://127.0.0.1/") == 45)
    #expect(try core.findMap("denied_apps")?.map.lookup(key).u32(0) == 1)
  }

  @Test func fireReportsWhatTheHooksDid() throws {
    let (host, _) = machine()
    let core = host.core
    let object = try core.load(bytes: try CoreFixtures.object("bind_counter"), options: LoadOptions(fileName: "b.o"))
    _ = try core.attach(programID: object.programIDs[0])
    let svchost = try #require(host.kernel.processes.first { $0.imageName == "svchost.exe" })
    let fired = try #require(
      host.fire(
        NetworkEvent.bind, pid: svchost.pid, fields: ["port": 135, "protocol": 6, "family": 2], payload: [0, 0, 0, 0]))
    #expect(fired.verdicts == [0])
    #expect(fired.hooks.map(\.hook) == ["bind", "cgroup/bind4"])
    #expect(fired.hooks.first?.outcome.runs.count == 1)
  }

  @Test func aRestartUnloadsEverything() throws {
    let (host, _) = machine()
    _ = try host.core.load(bytes: try CoreFixtures.object("bind_counter"), options: LoadOptions(fileName: "b.o"))
    host.machine.restart()
    #expect(host.core.programs.isEmpty)
  }
}
