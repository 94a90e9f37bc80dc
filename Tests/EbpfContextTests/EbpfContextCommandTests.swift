import EBPFRuntime
import Foundation
import Kernel
import Shell
import Testing

@testable import EbpfContext

/// The context's commands in a shell of their own: JSON by default, completion from live state,
/// `dump`, helper listings.
@Suite struct EbpfContextCommandTests {
  static let programs = TestSupport.root + "/Fixtures/ebpf/programs"

  func shell(json: Bool = false) -> (Shell, Output) {
    var options = Session.Options()
    options.json = json
    let out = Output.capturing()
    let root = ContextSpec(name: "ntsh", subcontexts: [EbpfContext.spec(machine: Machine())])
    return (Shell(root: root, output: out, options: options, baseDirectory: Self.programs), out)
  }

  func run(_ shell: Shell, _ lines: [String]) -> Bool { ScriptRunner(shell: shell).run(lines: lines, name: "test") }

  @Test func jsonIsTheDefaultWithTheSessionOption() {
    let (s, out) = shell(json: true)
    #expect(run(s, ["ebpf add program bind_counter.o", "ebpf show programs"]))
    let text = out.takeCaptured()
    #expect(text.contains("\"name\": \"count_binds\""))
    #expect(text.contains("\"map_ids\": [3"))
    #expect(run(s, ["ebpf show maps format=table"]))
    #expect(out.takeCaptured().contains("bind_stats"))
  }

  @Test func verificationAsJSONCountsRawInstructionsAndListsErrors() {
    let (s, out) = shell(json: true)
    // bind_counter.o's program is 488 bytes: 61 instruction slots (its LDDWs take two each).
    #expect(run(s, ["ebpf show verification bind_counter.o"]))
    let text = out.takeCaptured()
    #expect(text.contains("\"verified\": true"))
    #expect(text.contains("\"insn_cnt\": 61"))
    #expect(!run(s, ["ebpf show verification ../verifier/unchecked_lookup.o"]))
    let failed = out.takeCaptured()
    #expect(failed.contains("\"verified\": false"))
    #expect(failed.contains("\"message\": \"Possible null access (valid_access(r0.offset, width=8) for read)\""))
  }

  @Test func completionOffersLiveIdsAndNames() {
    let (s, _) = shell()
    #expect(run(s, ["ebpf add program bind_counter.o"]))
    let completer = Completer(shell: s)
    #expect(completer.complete("ebpf delete program ").candidates.contains("4"))
    #expect(completer.complete("ebpf show entries ").candidates.contains("bind_stats"))
    #expect(completer.complete("ebpf unpin program 4 pinpath=").candidates.contains { $0.contains("count_binds") })
  }

  @Test func dumpRecreatesTheLoads() {
    let (s, out) = shell()
    #expect(run(s, ["ebpf add program bind_counter.o", "ebpf add program lpm.o pinned=none", "dump"]))
    let text = out.takeCaptured()
    #expect(text.contains("add program filename=\"bind_counter.o\" pinpath=\"BPF:\\count_binds\""))
    #expect(text.contains("add program filename=\"lpm.o\" pinned=none"))
  }

  @Test func unpinRemovesWhateverIsPinnedAtThePath() {
    // netsh's unpin checks that the id exists, then unpins the path (ebpf_object_unpin), whatever is there.
    let (s, out) = shell()
    #expect(run(s, ["ebpf add program bind_counter.o", "ebpf unpin map 3 count_binds", "ebpf show pins"]))
    #expect(!out.takeCaptured().contains("count_binds"))
    #expect(!run(s, ["ebpf unpin map 3 count_binds"]))
    #expect(out.takeCaptured().contains("Nothing is pinned at BPF:\\count_binds (EBPF_OBJECT_NOT_FOUND)."))
  }

  @Test func programIDsAreReadAsWtoiReadsThem() {
    #expect(ProgramCommands.wtoi("12") == 12)
    #expect(ProgramCommands.wtoi("  7x") == 7)
    #expect(ProgramCommands.wtoi("0x5") == 0)
    #expect(ProgramCommands.wtoi("abc") == 0)
    #expect(ProgramCommands.wtoi("") == 0)
    #expect(ProgramCommands.wtoi("-1") == UInt32.max)
    #expect(ProgramCommands.wtoi("99999999999999999999") == UInt32(Int32.max))
    #expect(ProgramCommands.wtoi("-99999999999999999999") == UInt32(bitPattern: Int32.min))
  }

  @Test func helperCallsNameTheirPrototype() {
    #expect(
      Listing.helperText(2, type: .bind)
        == "r0 = bpf_map_update_elem:2(map_fd r1, map_key r2, map_value r3, uint64_t r4)")
    // PREVAIL marks a size that may be zero with `?`.
    #expect(
      Listing.helperText(22, type: .bind) == "r0 = bpf_memcpy:22(out r1[r2?], uint64_t r2, mem r3[r4?], uint64_t r4)")
    #expect(Listing.helperText(26, type: .bind) == "r0 = bpf_get_socket_cookie:26(ctx r1)")
    #expect(Listing.helperText(999, type: .bind) == nil)
  }

  @Test func deleteProgramReleasesTheWholeObject() {
    let (s, out) = shell()
    #expect(run(s, ["ebpf add program tail_calls.o", "ebpf delete program 5", "ebpf show maps"]))
    let text = out.takeCaptured()
    #expect(text.contains("Unpinned 5 from BPF:\\tcp_stage"))
    #expect(!text.contains("stage_runs"))
  }
}
