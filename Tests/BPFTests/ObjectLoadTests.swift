import Testing

@testable import BPF

@Suite struct ObjectLoadTests {
  @Test func smoke() throws {
    for name in ["programs", "maps", "legacy_maps", "types"] {
      let o = try Fixture.object(name)
      print(name, o.programs.map { "\($0.sectionName)/\($0.name) \($0.instructions.count) \($0.relocations)" })
      print(" sub", o.subprograms.map { "\($0.name) \($0.instructions.count)" })
      print(" maps", o.maps)
      print(" legacy", o.legacyMapSymbols.map { "\($0.name) \($0.offset) \($0.size)" })
      print(" data", o.dataSections.map { "\($0.name) \($0.size) \($0.variables)" })
      print(" license", o.license ?? "-", o.version ?? 0)
    }
  }
}
