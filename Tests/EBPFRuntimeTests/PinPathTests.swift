import Testing

@testable import EBPFRuntime

@Suite struct PinPathTests {
  @Test(arguments: [
    ("mymap", "BPF:\\mymap"),
    ("/mymap", "BPF:\\mymap"),
    ("\\mymap", "BPF:\\mymap"),
    ("a/b/c", "BPF:\\a\\b\\c"),
    ("BPF:\\a", "BPF:\\a"),
    ("bpf:/a/b", "BPF:\\a\\b"),
    ("BPF:a", "BPF:\\a"),
    ("/ebpf/global/my_map", "BPF:\\my_map"),
    ("/EBPF/Global/x/y", "BPF:\\x\\y"),
    ("/ebpf/global", "BPF:\\ebpf\\global"),
    ("/sys/fs/bpf/x", "BPF:\\sys\\fs\\bpf\\x"),
    ("a//b", "BPF:\\a\\b"),
    ("//a", "BPF:\\a"),
    ("a/./b", "BPF:\\a\\b"),
    ("a/../b", "BPF:\\b"),
    ("a/b/../../c", "BPF:\\c"),
    ("a/b/..", "BPF:\\a"),
    ("a/..", "BPF:"),
    ("a/.", "BPF:\\a\\."),
    ("a/...", "BPF:\\a\\..."),
    ("", "BPF:\\"),
    ("BPF:", "BPF:\\"),
    ("my pin", "BPF:\\my pin"),
  ])
  func canonicalForms(input: String, expected: String) throws {
    #expect(try PinPath.canonicalize(input) == expected)
  }

  @Test(arguments: ["a:b", "/c:/x", "BPF:\\x:y", "/..", "..", "../a", "/../a", "a/../../b", "BPF:\\..\\x"])
  func invalidPaths(input: String) {
    #expect(throws: EBPFResult.invalidArgument) { try PinPath.canonicalize(input) }
  }

  @Test func lengthLimit() throws {
    // "BPF:" + "\" + 250 characters + NUL = 256 bytes: the largest that fits.
    let longest = String(repeating: "x", count: 250)
    #expect(try PinPath.canonicalize(longest).count == 255)
    #expect(throws: EBPFResult.insufficientBuffer) { try PinPath.canonicalize(longest + "x") }
    // The check precedes simplification: a long path that would shrink still fails.
    #expect(throws: EBPFResult.insufficientBuffer) {
      try PinPath.canonicalize(String(repeating: "/", count: 300) + "a")
    }
    #expect(throws: EBPFResult.insufficientBuffer) { try PinPath.canonicalize("abc", capacity: 8) }
    #expect(try PinPath.canonicalize("abc", capacity: 9) == "BPF:\\abc")
  }

  @Test func derivedPaths() throws {
    #expect(try PinPath.pinByNamePath(mapName: "proc_map") == "BPF:\\proc_map")
    #expect(PinPath.programPinName(root: "mypinpath", section: "sample_ext/0") == "mypinpath/sample_ext_0")
    #expect(PinPath.canonicalOrNil("a:b") == nil)
  }
}
