import BPF
import Foundation
import Testing

@testable import EBPFRuntime

/// The verifier in front of every load, and the promises the runtime keeps for its proofs.
@Suite struct EbpfCoreVerificationTests {
  static func verifierFixture(_ name: String) throws -> [UInt8] {
    let path = CoreFixtures.root + "/Fixtures/ebpf/verifier/\(name).o"
    guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileNoSuchFile) }
    return [UInt8](data)
  }

  @Test func anUnsafeObjectIsRefusedWithTheReportAndLeavesNothing() throws {
    let core = EbpfCore()
    let bytes = try Self.verifierFixture("unchecked_lookup")
    do throws(LoadFailure) {
      _ = try core.load(bytes: bytes, options: LoadOptions(fileName: "u.o"))
      Issue.record("an unchecked lookup loaded")
    } catch {
      #expect(error.headline == "error 13: could not load program")
      #expect(error.details.first == "Verification failed")
      #expect(error.details.contains("7: Possible null access (valid_access(r0.offset, width=8) for read)"))
      #expect(error.details.last == "2 errors")
    }
    #expect(core.programs.isEmpty)
    #expect(core.maps.isEmpty)
    #expect(core.loadedObjects.isEmpty)
  }

  @Test func everyLoadedProgramCarriesItsProofAndHooksRunVerified() throws {
    let (core, object) = try CoreFixtures.loaded("bind_counter")
    let program = try #require(core.programs[object.programIDs[0]])
    #expect(program.program.proof?.safeAccesses.isEmpty == false)
    #expect(try core.interpreter(for: .bind).configuration.mode == .verified)
    // The proof's slots are the relocated program's: the verified run counts like the checked one.
    let outcome = CoreFixtures.deliver(core, CoreFixtures.bind(pid: 42, image: "curl.exe"))
    #expect(outcome.runs.count == 1)
    #expect(outcome.permitted)
  }

  @Test func aNativeImageIsVerifiedAgainWhenLoaded() throws {
    // An image claiming to be verified around an unsafe object is still refused.
    let image = NativeImage(object: try Self.verifierFixture("packet_off_by_one"), verified: true).bytes
    #expect(throws: LoadFailure.self) { try EbpfCore().load(bytes: image, options: LoadOptions(fileName: "x.sys")) }
  }

  func tagRun(packetSize: Int, headroom: Int) throws -> RunReport {
    let (core, object) = try CoreFixtures.loaded("xdp_tag", attach: false)
    let program = try #require(core.programs[object.programIDs[0]])
    var input = PacketEvent(interfaceIndex: 1, packet: [UInt8](repeating: 0xee, count: packetSize)).input
    input.extras.headroom = headroom
    return try core.run(program, input: input, caller: .system).get()
  }

  @Test func adjustHeadGrowsIntoTheHeadroom() throws {
    let report = try tagRun(packetSize: 20, headroom: 16)
    #expect(report.returnValue == 1)  // XDP_PASS
    #expect(report.output?.data.prefix(5) == [0x6e, 0x74, 0x73, 0x68, 0xee])
    #expect(report.output?.data.count == 24)
    #expect(try tagRun(packetSize: 20, headroom: 0).returnValue == 2)  // no headroom: XDP_DROP
  }

  @Test func dataNeverExceedsTheVerifiersLimit() throws {
    // The verifier assumes at most 65,535 bytes of data: a bigger packet is cut to that, and
    // adjust_head cannot grow it past it.
    let report = try tagRun(packetSize: 70_000, headroom: 16)
    #expect(report.returnValue == 2)
    #expect(report.output?.data.count == HookMemory.maxDataSize)
    #expect(Int64(HookMemory.maxDataSize) == VerifierOptions().dataSizeLimit)
    #expect(try tagRun(packetSize: HookMemory.maxDataSize - 4, headroom: 16).returnValue == 1)
  }
}
