import EBPFRuntime
import Foundation
import Kernel
import NTAPI
import Testing

/// The seed's own TraceConnections program (extracted from the seed at run time, never committed)
/// through the walk-through: compiled, converted to a native image, loaded as netsh would, then
/// several processes bind (some twice) and proc_map holds one entry per process with its name and
/// count — the same results the walk-through transcript shows for ntsh's equivalent program.
@Suite(
  .enabled(if: TestSupport.clang != nil, "needs clang with the BPF target"),
  .enabled(if: TestSupport.seedDirectory != nil, "needs the seed documents"))
struct SeedWalkthroughTests {
  @Test func theSeedsProgramCountsBindsPerProcess() throws {
    let source = try #require(try HeaderTests.seedProgram(), "the seed's full-code listing was not found")
    let (outcome, objectPath) = try TestSupport.compile(source, name: "TraceConnections")
    #expect(outcome.exitStatus == 0, "\(outcome.text)")
    let object = try #require(FileManager.default.contents(atPath: objectPath).map { [UInt8]($0) })

    let machine = Machine(configuration: BootConfiguration(seed: 0))
    let host = EbpfHost(machine: machine)
    let core = host.core
    let image = NativeImage(object: object, verified: false)
    let loaded = try core.load(bytes: image.bytes, options: LoadOptions(fileName: "TestConnections.sys"))
    // The seed's session on a fresh system: map 2, program 3 (NATIVE, bind), attached and pinned.
    #expect(loaded.mapIDs == [2] && loaded.programIDs == [3])
    let program = try #require(core.programs[3])
    #expect(program.executionType.modeName == "NATIVE" && program.programType.name == "bind")
    _ = try core.attach(programID: 3)
    try core.pin(3, at: program.name)
    let map = try #require(core.findMap("proc_map"))
    #expect(map.definition.type == .hash && map.definition.keySize == 4 && map.definition.valueSize == 40)
    #expect(map.definition.maxEntries == 1024 && map.innerMapID == nil)

    // curl.exe binds once per URL: one process binds twice, another once; svchost.exe binds by hand.
    let k = machine.kernel
    let shell = try #require(k.shellProcess)
    guard case .success(let thread) = k.actingThread(in: shell) else {
      Issue.record("no acting thread")
      return
    }
    let api = Win32(kernel: k, thread: thread)
    var curls: [UInt32] = []
    for line in ["curl.exe http://10.0.0.1/ http://10.0.0.2/", "curl.exe http://10.0.0.3/"] {
      let pi = try #require(api.CreateProcess(line))
      curls.append(pi.processId)
      let p = try #require(k.process(pid: pi.processId))
      _ = k.dispatcher.run(until: { !p.isAlive }, limit: 1_000_000)
    }
    let svchost = try #require(k.processes.first { $0.imageName == "svchost.exe" })
    _ = host.fire(
      NetworkEvent.bind, pid: svchost.pid, fields: ["family": 2, "port": 135, "protocol": 6], payload: [0, 0, 0, 0])

    var seen: [UInt32: (name: String, count: UInt32)] = [:]
    for entry in try map.map.entries() {
      let v = entry.value
      let id = UInt32(v[0]) | UInt32(v[1]) << 8 | UInt32(v[2]) << 16 | UInt32(v[3]) << 24
      let count = UInt32(v[36]) | UInt32(v[37]) << 8 | UInt32(v[38]) << 16 | UInt32(v[39]) << 24
      seen[id] = (AppID.text(v[4..<36]), count)
    }
    #expect(seen.count == 3)
    #expect(seen[curls[0]].map { $0.name == "curl.exe" && $0.count == 2 } == true)
    #expect(seen[curls[1]].map { $0.name == "curl.exe" && $0.count == 1 } == true)
    #expect(seen[svchost.pid].map { $0.name == "svchost.exe" && $0.count == 1 } == true)
  }
}
