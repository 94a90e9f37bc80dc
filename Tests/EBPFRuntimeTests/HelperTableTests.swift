import Testing

import BPF
@testable import EBPFRuntime

@Suite struct HelperTableTests {
  @Test func globalIdsAreOneToThirtyFive() {
    #expect(HelperTable.global.map(\.id) == Array(1...35))
    #expect(HelperTable.globalPrototype(5)?.name == "bpf_tail_call")
    #expect(HelperTable.globalPrototype(12)?.name == "bpf_trace_printk2")
    #expect(HelperTable.globalPrototype(0) == nil && HelperTable.globalPrototype(36) == nil)
  }

  @Test func verifierNamesDifferForTheSafeMemoryHelpers() {
    #expect(HelperTable.globalPrototype(22)?.verifierName == "bpf_memcpy")
    #expect(HelperTable.globalPrototype(23)?.verifierName == "bpf_memcmp")
    #expect(HelperTable.globalPrototype(25)?.verifierName == "bpf_memmove")
    #expect(HelperTable.globalPrototype(24)?.verifierName == "bpf_memset")
  }

  @Test func prototypesUsePrevailKinds() throws {
    let update = try #require(HelperTable.globalPrototype(2))
    #expect(update.arguments == [.pointerToMap, .pointerToMapKey, .pointerToMapValue, .anything])
    #expect(update.argument(register: 5) == .dontCare)
    #expect(HelperTable.globalPrototype(1)?.returnKind == .pointerToMapValueOrNull)
    #expect(HelperTable.globalPrototype(5)?.returnKind == .integerOrNoReturnIfSucceed)
    #expect(HelperTable.globalPrototype(22)?.arguments.map(\.constantName) == [
      "EBPF_ARGUMENT_TYPE_PTR_TO_WRITABLE_MEM", "EBPF_ARGUMENT_TYPE_CONST_SIZE_OR_ZERO",
      "EBPF_ARGUMENT_TYPE_PTR_TO_READABLE_MEM", "EBPF_ARGUMENT_TYPE_CONST_SIZE_OR_ZERO",
    ])
    // Every sized memory argument is followed by its size.
    for prototype in HelperTable.global + ProgramType.all.flatMap(\.specificHelpers) {
      for (i, kind) in prototype.arguments.enumerated() where kind.isSizedMemory {
        #expect(i + 1 < prototype.arguments.count && prototype.arguments[i + 1].isSize, "\(prototype.name)")
      }
      #expect(prototype.arguments.count <= 5, "\(prototype.name)")
    }
  }

  @Test func whichTypesMayCallWhat() {
    #expect(HelperTable.prototype(1, for: .bind) != nil)
    #expect(HelperTable.prototype(26, for: .bind) == nil)
    #expect(HelperTable.prototype(35, for: .bind) == nil)
    #expect(HelperTable.prototype(26, for: .sockAddr)?.name == "bpf_get_socket_cookie")
    #expect(HelperTable.prototype(35, for: .sample)?.name == "bpf_redirect_map")
    #expect(HelperTable.prototype(0x10000, for: .xdp)?.name == "bpf_xdp_adjust_head")
    #expect(HelperTable.prototype(0x10000, for: .sockOps)?.name == "bpf_sock_ops_get_flow_id")
    #expect(HelperTable.prototype(0x10000, for: .bind) == nil)
    #expect(HelperTable.prototype(0x10000, for: .sockAddr) == nil)  // declared, not registered
    #expect(HelperTable.prototype(0x10002, for: .sockAddr)?.name == "bpf_sock_addr_get_network_context")
    #expect(HelperTable.prototype(0x10006, for: .sample)?.name == "sample_ext_helper_map_get_value")
    #expect(ProgramType.bind.callableHelpers.count == 33)
    #expect(ProgramType.sample.callableHelpers.map(\.id).contains(35))
  }

  @Test func listingsFollowPrevail() throws {
    // PREVAIL's printer: `out`/`mem` pairs, `?` on a size that may be zero, `uint64_t` otherwise.
    let memcpy = try #require(HelperTable.globalPrototype(22))
    #expect(
      HelperSignature(memcpy).listing == "r0 = bpf_memcpy:22(out r1[r2?], uint64_t r2, mem r3[r4?], uint64_t r4)")
    let update = try #require(HelperTable.globalPrototype(2))
    #expect(
      HelperSignature(update).listing == "r0 = bpf_map_update_elem:2(map_fd r1, map_key r2, map_value r3, uint64_t r4)")
  }
}
