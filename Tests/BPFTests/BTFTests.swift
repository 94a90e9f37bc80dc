import Testing

@testable import BPF

@Suite struct BTFTests {
  @Test func lookupByIdAndNameAndResolvedSizes() throws {
    let o = try Fixture.object("maps")
    let btf = try #require(o.btf)
    let stat = try #require(btf.type(named: "task_stat", kind: .structure))
    #expect(stat.members.map(\.name) == ["id", "name", "count"])
    #expect(stat.members.map(\.bitOffset) == [0, 32, 288])
    #expect(btf.size(of: stat.id) == 40)
    #expect(btf.typeName(stat.members[1].type) == "char[32]")
    #expect(btf.size(of: stat.members[1].type) == 32)
    let u32 = try #require(btf.type(named: "u32", kind: .typedef))
    #expect(btf.size(of: u32.id) == 4)
    #expect(btf.resolvedType(u32.id)?.name == "unsigned int")
    #expect(btf.types(named: "u32") == [u32.id])
    #expect(btf.type(named: "no_such_type") == nil)
    #expect(btf.type(UInt32(btf.count + 1)) == nil)
    #expect(btf.size(of: 0) == nil)
  }

  @Test func everyKindDecodes() throws {
    let btf = try #require(try Fixture.object("types").btf)
    let kinds = Set(btf.types.dropFirst().map(\.kind))
    let expected: Set<BTFKind> = [
      .int, .pointer, .array, .structure, .union, .enumeration, .typedef, .volatile, .const, .restrict, .function,
      .functionProto, .variable, .dataSection, .float, .declTag, .typeTag, .enum64,
    ]
    #expect(expected.isSubset(of: kinds))
    let flags = try #require(btf.type(named: "flags", kind: .structure))
    #expect(flags.members.map(\.bitfieldSize) == [3, 9, 20, 0])
    #expect(flags.members.map(\.bitOffset) == [0, 3, 12, 32])
    let colour = try #require(btf.type(named: "colour"))
    #expect(colour.enumerators.map(\.value) == [1, 2, -4])
    let wide = try #require(btf.type(named: "wide"))
    #expect(wide.kind == .enum64 && wide.enumerators.first?.value == 0x12_3456_7890)
    let shape = try #require(btf.type(named: "shape", kind: .structure))
    let owner = try #require(shape.members.first { $0.name == "owner" })
    #expect(btf.typeName(owner.type) == "const volatile object_id * restrict")
    let callback = try #require(shape.members.first { $0.name == "callback" })
    #expect(btf.typeName(callback.type) == "int (void *, u64) *")
    let pairs = try #require(shape.members.first { $0.name == "pairs" })
    #expect(btf.size(of: pairs.type) == 12)
    #expect(btf.size(of: shape.id) == 88)
    #expect(btf.type(named: "step", kind: .function)?.detail == .function(proto: 8, linkage: 0))
    let tag = try #require(btf.types.first { $0.kind == .declTag && $0.name == "packed_flags" })
    #expect(tag.detail == .declTag(target: flags.id, component: -1))
  }

  @Test func dataSectionsAreFilledFromTheSymbolTable() throws {
    let o = try Fixture.object("types")
    let btf = try #require(o.btf)
    let bss = try #require(btf.type(named: ".bss", kind: .dataSection))
    // clang leaves size 0 and offset 0 for every variable; the loader fills them in.
    guard case .dataSection(let size, let variables) = bss.detail else { Issue.record("not a DATASEC"); return }
    #expect(size == 12)
    #expect(variables.map(\.offset) == [0, 8])
    #expect(btf.dumpRaw(bss.id).contains("type_id=48 offset=8 size=4 (VAR 'counter')"))
  }

  @Test func rawDumpFormat() throws {
    var b = BTFTestBuilder()
    let int = b.int("int", size: 4, signed: true)
    let u8 = b.int("u8", size: 1)
    let arr = b.array(of: u8, index: int, count: 6)
    b.structure("pkt", size: 12, [("len", int, 0, 0), ("mac", arr, 32, 0)])
    b.add("kind", kind: .enumeration, vlen: 1, flag: true, sizeOrType: 4, [b.string("NEG"), UInt32(bitPattern: -2)])
    b.add("u", kind: .forward, flag: true)
    let dump = try b.parse().dumpRaw()
    #expect(
      dump == """
        [1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED
        [2] INT 'u8' size=1 bits_offset=0 nr_bits=8 encoding=(none)
        [3] ARRAY '(anon)' type_id=2 index_type_id=1 nr_elems=6
        [4] STRUCT 'pkt' size=12 vlen=2
        \t'len' type_id=1 bits_offset=0
        \t'mac' type_id=3 bits_offset=32
        [5] ENUM 'kind' encoding=SIGNED size=4 vlen=1
        \t'NEG' val=-2
        [6] FWD 'u' fwd_kind=union

        """)
  }

  @Test func typedefCycleIsAnError() {
    var b = BTFTestBuilder()
    b.typedef("a", 2)
    b.typedef("b", 1)
    #expect(throws: BTFError(.cycle, "BTF type 1 (TYPEDEF 'a') refers back to itself through a loop of types")) {
      try b.parse()
    }
  }

  @Test func arrayOfItselfIsACycle() {
    var b = BTFTestBuilder()
    let int = b.int("int", size: 4)
    b.array(of: 3, index: int, count: 2)
    b.typedef("t", 2)
    do {
      _ = try b.parse()
      Issue.record("parsed an array containing itself")
    } catch {
      #expect(error.kind == .cycle)
    }
  }

  @Test func pointerLoopsAreFine() throws {
    var b = BTFTestBuilder()
    let node = b.structure("node", size: 8, [("next", 2, 0, 0)])
    b.pointer(to: node)
    let btf = try b.parse()
    #expect(btf.size(of: 1) == 8 && btf.size(of: 2) == 8)
    #expect(btf.typeName(2) == "struct node *")
  }

  @Test func longTypedefChainResolvesWithoutRecursion() throws {
    var b = BTFTestBuilder()
    b.int("int", size: 4)
    for i in 2...200_000 { b.typedef(i % 2 == 0 ? "a" : "b", UInt32(i - 1)) }
    let btf = try b.parse()
    #expect(btf.size(of: 200_000) == 4)
    #expect(btf.resolved(200_000) == 1)
    #expect(btf.format([1, 0, 0, 0], as: 200_000) == .unsigned(1))
  }

  @Test func arraySizeOverflowIsAnError() {
    var b = BTFTestBuilder()
    let int = b.int("int", size: 4)
    let inner = b.array(of: int, index: int, count: 0x10000)
    b.array(of: inner, index: int, count: 0x10000)
    #expect(throws: BTFError(.sizeOverflow, "BTF type 3 (ARRAY): 65536 elements of 262144 bytes exceed 4 GiB")) {
      try b.parse()
    }
  }

  @Test func danglingReferencesAndBadHeadersAreErrors() {
    var b = BTFTestBuilder()
    b.pointer(to: 7)
    #expect(throws: BTFError.self) { try b.parse() }
    do { _ = try b.parse() } catch { #expect(error.kind == .badTypeReference) }
    var bytes = BTFTestBuilder().bytes
    bytes[2] = 2
    do { _ = try BTF.parse(bytes: bytes) } catch { #expect(error.kind == .badHeader) }
    do { _ = try BTF.parse(bytes: Array(bytes.prefix(12))) } catch { #expect(error.kind == .truncated) }
  }

  @Test func typeCountLimit() {
    var b = BTFTestBuilder()
    for _ in 0..<100 { b.int("int", size: 4) }
    var limits = ObjectLimits()
    limits.maxBTFTypes = 50
    do {
      _ = try BTF.parse(bytes: b.bytes, limits: limits)
      Issue.record("parsed past the type limit")
    } catch {
      #expect(error.kind == .limitExceeded)
    }
  }
}
