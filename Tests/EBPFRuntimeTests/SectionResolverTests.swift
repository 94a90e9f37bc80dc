import Testing

@testable import EBPFRuntime

@Suite struct SectionResolverTests {
  @Test(arguments: [
    ("bind", "bind", "bind"), ("bind_1", "bind", "bind"), ("bind/0", "bind", "bind"), ("xdp", "xdp", "xdp"),
    ("xdp_test", "xdp", "xdp"), ("sockops", "sockops", "sockops"), ("sample_ext/0", "sample_ext", "sample"),
    ("cgroup/connect4", "cgroup/connect4", "sock_addr"), ("cgroup/connect6", "cgroup/connect6", "sock_addr"),
    ("cgroup/connect_authorization4", "cgroup/connect_authorization4", "sock_addr"),
    ("cgroup/recv_accept6", "cgroup/recv_accept6", "sock_addr"), ("cgroup/bind4", "cgroup/bind4", "sock_addr"),
    ("cgroup/listen6/x", "cgroup/listen6", "sock_addr"),
  ])
  func resolves(section: String, attach: String, program: String) {
    #expect(SectionResolver.attachType(forSection: section)?.name == attach)
    #expect(SectionResolver.programTypeName(forSection: section) == program)
  }

  @Test(arguments: ["", "Bind", ".text", "maps", "cgroup/", "cgroup/connect", "license", "b"])
  func unknownSectionsAreUnspec(section: String) {
    #expect(SectionResolver.attachType(forSection: section) == nil)
    #expect(SectionResolver.programTypeName(forSection: section) == "unspec")
  }

  @Test func prefixesAreLongestFirst() {
    let lengths = SectionResolver.prefixes.map(\.name.count)
    #expect(lengths == lengths.sorted(by: >))
    #expect(SectionResolver.prefixes.count == AttachType.all.count)
  }
}
