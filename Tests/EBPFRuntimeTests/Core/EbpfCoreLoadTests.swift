import BPF
import Foundation
import Testing

@testable import EBPFRuntime

/// Loading fixture objects: ids, maps from BTF / legacy / global data, relocations, initialisers.
@Suite struct EbpfCoreLoadTests {
  /// Every committed fixture object.
  static let fixtures: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: CoreFixtures.root + "/Fixtures/ebpf/programs")) ?? [])
    .filter { $0.hasSuffix(".o") }.map { String($0.dropLast(2)) }.sorted()

  @Test func thereAreFixtures() { #expect(Self.fixtures.count >= 19) }

  @Test(arguments: fixtures)
  func everyFixtureLoads(name: String) throws {
    let (core, object) = try CoreFixtures.loaded(name, attach: false)
    #expect(!object.programIDs.isEmpty)
    for id in object.programIDs { #expect(core.programs[id]?.executionType == .interpret) }
  }

  @Test func anELFLoadConsumesOneExtraIDBeforeItsMaps() throws {
    let (core, object) = try CoreFixtures.loaded("bind_counter")
    #expect(object.mapIDs == [3])
    #expect(object.programIDs == [4])
    #expect(core.links.keys.sorted() == [5])
  }

  @Test func aNativeImageDoesNot() throws {
    let core = EbpfCore()
    let image = NativeImage(object: try CoreFixtures.object("bind_counter"), verified: false)
    let object = try core.load(bytes: image.bytes, options: LoadOptions(fileName: "bind_counter.sys"))
    #expect(object.mapIDs == [2])
    #expect(object.programIDs == [3])
    #expect(core.programs[3]?.executionType == .native)
    #expect(try core.attach(programID: 3).id == 4)
  }

  @Test func mapsComeFromBTFWithTheirTypes() throws {
    let (core, _) = try CoreFixtures.loaded("bind_counter")
    let m = try #require(core.findMap("bind_stats"))
    #expect(m.definition.type == .hash)
    #expect(m.definition.keySize == 4)
    #expect(m.definition.valueSize == 88)
    #expect(m.definition.maxEntries == 256)
    #expect(m.keyType != nil && m.valueType != nil)
    #expect(m.innerMapID == nil)
  }

  @Test func globalDataBecomesOneEntryArrays() throws {
    let (core, _) = try CoreFixtures.loaded("globals")
    let names = core.mapsByID.map(\.name)
    #expect(names.contains(".rodata") && names.contains(".data") && names.contains(".bss"))
    let data = try #require(core.findMap(".data"))
    #expect(try data.map.lookup([0, 0, 0, 0]).u32(0) == 8080)
  }

  @Test func legacyMapsUseWindowsLayoutAndInnerIndex() throws {
    let (core, _) = try CoreFixtures.loaded("legacy_maps")
    let outer = try #require(core.findMap("per_protocol"))
    let template = try #require(core.findMap("protocol_template"))
    #expect(outer.definition.type == .arrayOfMaps)
    #expect(outer.innerMapID == template.id)
  }

  @Test func mapInMapInitialiserFillsTheOuterMap() throws {
    let (core, _) = try CoreFixtures.loaded("map_in_map")
    let outer = try #require(core.findMap("operations_by_protocol"))
    let tcp = try #require(core.findMap("tcp_operations"))
    let udp = try #require(core.findMap("udp_operations"))
    #expect(try outer.map.lookup(le32(0)).u32(0) == tcp.id)
    #expect(try outer.map.lookup(le32(1)).u32(0) == udp.id)
    #expect(outer.innerMapID == tcp.id)
  }

  @Test func programArrayInitialiserNamesPrograms() throws {
    let (core, _) = try CoreFixtures.loaded("tail_calls")
    let stages = try #require(core.findMap("stages"))
    let tcp = try #require(core.findProgram("tcp_stage"))
    #expect(try stages.map.lookup(le32(0)).u32(0) == tcp.id)
    #expect(try stages.map.lookup(le32(3)).u32(0) == 0)
  }

  @Test func programArrayInitialiserUsesThisLoadsPrograms() throws {
    // The same file loaded three times: each load's array holds that load's programs only.
    let core = EbpfCore()
    for _ in 0..<3 {
      let object = try core.load(bytes: try CoreFixtures.object("tail_calls"), options: LoadOptions(fileName: "t.o"))
      let stages = try #require(object.mapIDs.compactMap { core.maps[$0] }.first { $0.name == "stages" })
      func id(_ name: String) -> UInt32? { object.programIDs.first { core.programs[$0]?.name == name } }
      #expect(try stages.map.lookup(le32(0)).u32(0) == id("tcp_stage"))
      #expect(try stages.map.lookup(le32(1)).u32(0) == id("udp_stage"))
      #expect(try stages.map.lookup(le32(2)).u32(0) == id("final_stage"))
    }
  }

  @Test func mapInMapInitialiserUsesThisLoadsMaps() throws {
    let core = EbpfCore()
    for _ in 0..<3 {
      let object = try core.load(bytes: try CoreFixtures.object("map_in_map"), options: LoadOptions(fileName: "m.o"))
      let mine = object.mapIDs.compactMap { core.maps[$0] }
      let outer = try #require(mine.first { $0.name == "operations_by_protocol" })
      let tcp = try #require(mine.first { $0.name == "tcp_operations" })
      #expect(try outer.map.lookup(le32(0)).u32(0) == tcp.id)
    }
  }

  @Test func aProgramArrayHoldsOneProgramType() throws {
    let (core, _) = try CoreFixtures.loaded("tail_calls", attach: false)
    let stages = try #require(core.findMap("stages"))
    #expect(stages.programType?.name == "bind")
    let xdp = try core.load(bytes: try CoreFixtures.object("xdp_tag"), options: LoadOptions(fileName: "x.o"))
    #expect(throws: EBPFResult.invalidFD) { try core.updateElement(stages, key: le32(3), value: le32(xdp.programIDs[0])) }
    let bind = try #require(core.findProgram("final_stage"))
    try core.updateElement(stages, key: le32(3), value: le32(bind.id))
    #expect(try stages.map.lookup(le32(3)).u32(0) == bind.id)
  }

  @Test func programsOfTwoTypesCannotShareAProgramArray() throws {
    let core = EbpfCore()
    let bytes = try [UInt8](
      #require(FileManager.default.contents(atPath: CoreFixtures.root + "/Fixtures/ebpf/bad/mixed_prog_array.o")))
    do {
      _ = try core.load(bytes: bytes, options: LoadOptions(fileName: "m.o"))
      Issue.record("loaded")
    } catch {
      #expect(error.headline == "error 9: could not load program")
    }
    #expect(core.programs.isEmpty && core.maps.isEmpty)
  }

  @Test func badBytesFailToOpen() {
    let core = EbpfCore()
    #expect(throws: LoadFailure.self) { try core.load(bytes: [0x7f, 0x45], options: LoadOptions(fileName: "x.o")) }
    do {
      _ = try core.load(bytes: [1, 2, 3], options: LoadOptions(fileName: "x.o"))
    } catch {
      #expect(error.headline == "error 22: could not open file")
    }
  }

  @Test func closingTheLoadFreesUnpinnedObjects() throws {
    let (core, object) = try CoreFixtures.loaded("bind_counter", attach: false)
    try core.pin(object.programIDs[0], at: "counter")
    core.close(object)
    #expect(core.programs.count == 1)
    #expect(core.maps.count == 1)
    try core.unpin(path: "BPF:\\counter")
    #expect(core.programs.isEmpty && core.maps.isEmpty)
    #expect(core.memory.liveRegions.allSatisfy { $0.kind != .mapValue })
  }

  @Test func bindAllowsOneAttachment() throws {
    let (core, _) = try CoreFixtures.loaded("bind_counter")
    let second = try core.load(
      bytes: try CoreFixtures.object("bind_deny"), options: LoadOptions(fileName: "bind_deny.o"))
    #expect(throws: EBPFResult.accessDenied) { try core.attach(programID: second.programIDs[0]) }
  }
}
