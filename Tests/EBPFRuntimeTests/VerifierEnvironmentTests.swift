import BPF
import EBPFRuntime
import Testing

/// The verifier's view of eBPF for Windows' program types and maps.
@Suite struct VerifierEnvironmentTests {
  @Test func contextsComeFromTheDescriptors() {
    let bind = VerifierContext(.bind)
    #expect(bind.size == 56 && bind.dataOffset == 0 && bind.endOffset == 8 && bind.metaOffset == nil)
    #expect(bind.readOnlyRanges == [0..<8, 8..<16])
    #expect(!bind.dataWritable)
    let xdp = VerifierContext(.xdp)
    #expect(xdp.metaOffset == 16 && xdp.dataWritable && xdp.hasData)
    #expect(!VerifierContext(.sockAddr).hasData)
  }

  @Test func helpersFollowTheProgramType() throws {
    let bind = VerifierEnvironment(programType: .bind, maps: [])
    #expect(bind.helpers[1]?.returns == .mapValueOrNull)
    #expect(bind.helpers[22]?.name == "bpf_memcpy")
    #expect(bind.helpers[22]?.arguments == [.writableMemory, .sizeOrZero, .readableMemory, .sizeOrZero])
    #expect(bind.helpers[26] == nil && bind.helpers[65536] == nil)
    let xdp = VerifierEnvironment(programType: .xdp, maps: [])
    #expect(try #require(xdp.helpers[65536]).reallocatesData)
    #expect(VerifierEnvironment(programType: .sockAddr, maps: []).helpers[26] != nil)
    #expect(
      bind.helpers[2]?.listing
        == "r0 = bpf_map_update_elem:2(map_fd r1, map_key r2, map_value r3, uint64_t r4)")
  }

  @Test func mapsOfMapsGetTheirInnerTemplate() {
    let inner = MapDefinition(type: .array, keySize: 4, valueSize: 8, maxEntries: 2)
    let outer = MapDefinition(
      type: .arrayOfMaps, keySize: 4, valueSize: 4, maxEntries: 2, name: "outer", innerMap: InnerMapTemplate(inner))
    let programs = MapDefinition(type: .progArray, keySize: 4, valueSize: 4, maxEntries: 8, name: "jump")
    let env = VerifierEnvironment(programType: .bind, maps: [outer, programs])
    #expect(env.maps.count == 3)
    #expect(env.maps[0].kind == .mapOfMaps(innerIndex: 2))
    #expect(env.maps[1].kind == .programArray)
    #expect(env.maps[2].valueSize == 8)
    #expect(env.mapIndexByFD == [1: 0, 2: 1])
  }
}
