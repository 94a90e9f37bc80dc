import NtshKit
import Shell
import Testing

/// Malformed eBPF input from Fixtures/bad/ebpf: each script fails cleanly with netsh's (or ntsh's)
/// message, never a crash or a hang.
@Suite struct BadEbpfInputTests {
  static let cases: [(file: String, line: String)] = [
    ("bad-elf.txt", "error 22: could not open file"),
    ("empty-elf.txt", "not an ELF file (the first bytes are not 7f 45 4c 46)"),
    ("missing-file.txt", "error 2: could not open file"),
    ("directory.txt", "error 21: could not open file"),
    ("unknown-type.txt", "unknown-type.txt:1: The parameter is incorrect."),
    ("unknown-section.txt", "section 'kprobe/NtCreateFile' does not name a known program type"),
    (
      "mixed-maps.txt",
      "map 'btf_counts' is defined only in .maps, but the object's legacy 'maps' section is the one used"
    ),
    ("unknown-helper.txt", "error 13: could not load program"),
    ("spin.txt", "2: Loop counter is too large (pc[2] < 100000)"),
    ("wild-pointer.txt", "2: Invalid type (r1.type in {ctx, stack, packet, shared})"),
    ("delete-unknown-program.txt", "Program not found"),
    ("set-unknown-program.txt", "Program not found."),
    ("pin-unknown-program.txt", "pin-unknown-program.txt:1: The parameter is incorrect."),
    ("unpin-unknown-map.txt", "unpin-unknown-map.txt:1: The parameter is incorrect."),
    ("pin-path-colon.txt", "error 22: could not pin to C:\\pins\\counter"),
    (
      "pin-path-escape.txt",
      "pin-path-escape.txt:2: '..\\..\\outside' is not a valid pin path: a ':' may only follow BPF, and '..' may not leave the root (EBPF_INVALID_ARGUMENT)."
    ),
    ("pin-path-too-long.txt", "error 119: could not pin to " + String(repeating: "p", count: 300)),
    (
      "pin-path-taken.txt",
      "pin-path-taken.txt:2: The pin path BPF:\\count_binds is already in use (EBPF_ALREADY_PINNED)."
    ),
    ("second-bind-program.txt", "error 20: could not attach program"),
    (
      "interface-not-allowed.txt", "Interface parameter is not allowed for program types that don't support interfaces."
    ),
    ("interface-invalid.txt", "Interface parameter is invalid."),
    ("compartment-invalid.txt", "Compartment parameter is invalid."),
    ("unknown-map.txt", "unknown-map.txt:1: There is no map 'nosuchmap'."),
    ("key-too-big.txt", "key-too-big.txt:2: The key is not valid for bind_stats: 0x1ffffffff does not fit in 4 bytes."),
    (
      "value-too-many-members.txt",
      "value-too-many-members.txt:2: The value is not valid for bind_stats: 7 values for 5 members of _bind_stats."
    ),
    ("key-not-found.txt", "key-not-found.txt:2: Error: key not found in bind_stats (EBPF_OBJECT_NOT_FOUND)."),
    ("fire-no-such-process.txt", "fire-no-such-process.txt:1: There is no running process with id 99999."),
    ("fire-bad-address.txt", "fire-bad-address.txt:1: remote=10.0.0.300 is not an IPv4 or IPv6 address."),
    (
      "test-unknown-field.txt",
      "test-unknown-field.txt:2: bind_md_t has no settable field 'no_such_field' (fields: process_id, socket_address, socket_address_length, operation, protocol)."
    ),
    (
      "test-pointer-field.txt",
      "test-pointer-field.txt:2: bind_md_t has no settable field 'app_id_start' (fields: process_id, socket_address, socket_address_length, operation, protocol)."
    ),
    ("test-repeat-zero.txt", "test-repeat-zero.txt:2: repeat= must be between 1 and 10000000."),
    ("test-unknown-program.txt", "test-unknown-program.txt:1: There is no program '99'."),
    ("disassembly-no-section.txt", "error: Section not found"),
    (
      "verification-bad-elf.txt",
      "error: ELF file ../elf/big-endian.elf is malformed: big-endian object: only little-endian eBPF is supported"
    ),
    (
      "verification-unknown-helper.txt",
      "1: invalid helper function id 999"
    ),
    ("verification-unknown-section.txt", "error: Section kprobe/NtCreateFile names no known program type (give type=)"),
    ("hash-no-section.txt", "Error: No hash section found in ../../ebpf/programs/bind_counter.o"),
    ("convert-bad-object.txt", "../../ebpf/bad/unknown_helper.o was not converted."),
    ("show-programs-bad-type.txt", "show-programs-bad-type.txt:1: The parameter is incorrect."),
    ("delete-hex-id.txt", "Program not found"),
    ("set-attach-unknown-program.txt", "error 6: could not attach program"),
    ("prog-array-mixed-types.txt", "xdp_entry: program array 'next_stage' holds bind programs, not xdp"),
    (
      "set-entry-other-type.txt",
      "set-entry-other-type.txt:3: The entry could not be stored in stages (EBPF_INVALID_FD): it holds bind programs and program 11 is of type xdp."
    ),
  ]

  func run(_ file: String) throws -> (ok: Bool, output: String) {
    let text = try FileReader.readText(Fixtures.path("bad/ebpf/" + file))
    let out = Output.capturing()
    let shell = Ntsh.makeShell(output: out, baseDirectory: Fixtures.path("bad/ebpf"))
    let ok = ScriptRunner(shell: shell).run(lines: FileReader.lines(of: text), name: file)
    return (ok, out.takeCaptured())
  }

  @Test(arguments: cases.map(\.file))
  func badInputFailsCleanly(_ file: String) throws {
    let expected = Self.cases.first { $0.file == file }?.line ?? ""
    let (ok, output) = try run(file)
    #expect(!ok, "\(file) should fail")
    #expect(output.split(separator: "\n").map(String.init).contains(expected), "\(output.prefix(2000))")
  }

  @Test func everyFixtureIsListed() throws {
    let readme = try FileReader.readText(Fixtures.path("bad/ebpf/README.md"))
    for c in Self.cases { #expect(readme.contains(c.file), "\(c.file) missing from README") }
  }

  @Test func everyMalformedELFIsRefusedCleanly() throws {
    // The whole malformed-object corpus through add program: each one a clean open failure.
    let folder = Fixtures.path("bad/elf")
    for name in Fixtures.files(in: "bad/elf", extension: "elf") {
      let out = Output.capturing()
      let shell = Ntsh.makeShell(output: out, baseDirectory: folder)
      let file = String(name.split(separator: "/").last ?? "")
      let ok = ScriptRunner(shell: shell).run(lines: ["ebpf add program \(file) pinned=none"], name: file)
      let text = out.takeCaptured()
      #expect(!ok || text.hasPrefix("Loaded with ID"), "\(file): \(text)")
      #expect(text.hasPrefix("error ") || text.hasPrefix("Loaded with ID"), "\(file): \(text)")
    }
  }
}
