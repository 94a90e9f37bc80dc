import Testing

@testable import BPF

@Suite struct BTFFormatTests {
  func taskStat() throws -> (BTF, UInt32) {
    let o = try Fixture.object("maps")
    let btf = try #require(o.btf)
    return (btf, try #require(o.map(named: "task_stats")?.valueType))
  }

  func value(id: UInt32, name: [UInt8], count: UInt32) -> [UInt8] {
    func le(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    return le(id) + name + [UInt8](repeating: 0, count: 32 - name.count) + le(count)
  }

  @Test func structWithCharArrayRendersByField() throws {
    let (btf, type) = try taskStat()
    let v = btf.format(value(id: 4242, name: Array("svchost.exe".utf8), count: 3), as: type)
    #expect(
      v == .fields([
        BTFField(name: "id", value: .unsigned(4242)), BTFField(name: "name", value: .string("svchost.exe")),
        BTFField(name: "count", value: .unsigned(3)),
      ]))
    #expect(v.description == "{id: 4242, name: \"svchost.exe\", count: 3}")
    #expect(v.json() == "{\"id\":4242,\"name\":\"svchost.exe\",\"count\":3}")
    #expect(v.json(indent: 2) == "{\n  \"id\": 4242,\n  \"name\": \"svchost.exe\",\n  \"count\": 3\n}")
    #expect(v[field: "name"] == .string("svchost.exe"))
  }

  @Test func utf16LETextIsDetected() throws {
    let (btf, type) = try taskStat()
    let wide: [UInt8] = Array("notepad.exe".utf8).flatMap { [$0, UInt8(0)] }
    let v = btf.format(value(id: 1, name: wide, count: 1), as: type)
    #expect(v[field: "name"] == BTFValue.string("notepad.exe"))
    #expect(BTF.looksLikeUTF16LE([0x61, 0, 0x62, 0, 0, 0]))
    #expect(!BTF.looksLikeUTF16LE([0x61, 0, 0, 0]))
    #expect(!BTF.looksLikeUTF16LE(Array("abcd".utf8)[...]))
  }

  @Test func hookDecidesTheEncoding() throws {
    let (btf, type) = try taskStat()
    let bytes = value(id: 1, name: [0x41, 0, 0x42, 0], count: 1)
    let utf16 = BTFFormatOptions { path, _ in path == ["name"] ? .utf16LE : nil }
    #expect(btf.format(bytes, as: type, options: utf16)[field: "name"] == .string("AB"))
    let plain = BTFFormatOptions { _, _ in BTFTextEncoding.utf8 }
    #expect(btf.format(bytes, as: type, options: plain)[field: "name"] == .string("A"))
    let numbers = BTFFormatOptions { _, _ in BTFTextEncoding.none }
    guard case .array(let items) = btf.format(bytes, as: type, options: numbers)[field: "name"] else {
      Issue.record("not an array")
      return
    }
    #expect(items.count == 32 && items[0] == .signed(0x41) && items[1] == .signed(0))
  }

  @Test func controlCharactersAreNotText() throws {
    let (btf, type) = try taskStat()
    let v = btf.format(value(id: 1, name: [0x41, 0x07, 0x42], count: 1), as: type)
    guard case .array(let items) = v[field: "name"] else {
      Issue.record("binary bytes rendered as text")
      return
    }
    #expect(items.prefix(3) == [.signed(0x41), .signed(7), .signed(0x42)])
  }

  @Test func bitfieldsEnumsFloatsAndUnionsFromTheDataSection() throws {
    let o = try Fixture.object("types")
    let btf = try #require(o.btf)
    let data = try #require(o.dataSection(named: ".data"))
    let v = btf.format(data.contents, as: try #require(data.btfType))
    guard case .array(let shapes) = v[field: "shapes"], let first = shapes.first else {
      Issue.record("shapes is not an array: \(v)")
      return
    }
    let f = try #require(first[field: "f"])
    #expect(f[field: "low"] == .unsigned(5))
    #expect(f[field: "mid"] == .unsigned(300))
    #expect(f[field: "high"] == .signed(-7))
    #expect(f[field: "tail"] == .unsigned(9))
    #expect(first[field: "c"] == .enumerator(name: "BLUE", value: -4))
    #expect(first[field: "ratio"] == .float(1.5))
    #expect(first[field: "owner"] == .pointer(0))
    // u8 is a typedef: a u8 array is numbers, not text.
    guard case .array(let bytes) = first[field: "n"]?[field: "bytes"] else {
      Issue.record("union member bytes missing")
      return
    }
    #expect(bytes.count == 8 && bytes.allSatisfy { $0 == .unsigned(0) })
    #expect(first[field: "pairs"] == .array(Array(repeating: .array(Array(repeating: .unsigned(0), count: 3)), count: 2)))
    #expect(v[field: "mode"] == .enumerator(name: "HUGE_VALUE", value: 0x12_3456_7890))
  }

  @Test func shortBuffersRenderWhatIsThere() throws {
    let (btf, type) = try taskStat()
    let v = btf.format([7, 0, 0, 0, 0x61, 0x62], as: type)
    #expect(v[field: "id"] == .unsigned(7))
    #expect(v[field: "name"] == .string("ab"))
    #expect(v[field: "count"] == .bytes([]))
    #expect(btf.format([], as: type)[field: "id"] == .bytes([]))
  }

  @Test func aStructContainingItselfIsACycle() throws {
    var b = BTFTestBuilder()
    b.structure("loop", size: 4, [("again", 1, 0, 0)])
    #expect(throws: BTFError.self) { try b.parse() }
    do {
      _ = try b.parse()
    } catch {
      #expect(error.kind == .cycle)
      #expect(error.message.contains("(STRUCT 'loop') contains itself by value"))
    }
  }

  @Test func aMemberPastTheEndOfItsStructIsRefused() throws {
    var b = BTFTestBuilder()
    let int = b.int("int", size: 4)
    b.structure("pair", size: 8, [("a", int, 0, 0), ("b", int, 64, 0)])
    do {
      _ = try b.parse()
      Issue.record("accepted")
    } catch {
      #expect(error.message.contains("member 'b' at bit 64 runs past its 8 bytes"))
    }
  }

  @Test func longFieldNamesAreBoundedByTheNameBudget() throws {
    var b = BTFTestBuilder()
    let int = b.int("int", size: 4)
    let name = String(repeating: "n", count: 60_000)
    let element = b.structure("s", size: 4, [(name, int, 0, 0)])
    let array = b.array(of: element, index: int, count: 40_000)
    let btf = try b.parse()
    let v = btf.format([UInt8](repeating: 0, count: 4 * 40_000), as: array)
    guard case .array(let items) = v else {
      Issue.record("not an array")
      return
    }
    // About maxNameBytes / 60,000 elements keep their field; the rest are summarised.
    let named = items.filter { if case .fields(let f) = $0 { return f.first?.name == name } else { return false } }
    #expect(named.count <= BTFFormatOptions().maxNameBytes / 60_000 + 1)
    #expect(v.json().utf8.count < 4 * BTFFormatOptions().maxNameBytes)
  }

  @Test func hugeArraysAreBoundedByTheBufferAndTheNodeBudget() throws {
    var b = BTFTestBuilder()
    let int = b.int("int", size: 4)
    let empty = b.structure("empty", size: 0, [])
    b.array(of: empty, index: int, count: 0xFFFF_FFFF)
    b.array(of: int, index: int, count: 1_000_000)
    let btf = try b.parse()
    #expect(btf.format([], as: 3) == .array([]))
    let bytes = [UInt8](repeating: 1, count: 4 * 100_000)
    guard case .array(let items) = btf.format(bytes, as: 4) else {
      Issue.record("not an array")
      return
    }
    #expect(items.count == BTFFormatOptions().maxNodes)
    #expect(items.last == .elided(count: 1_000_000 - (BTFFormatOptions().maxNodes - 1)))
    #expect(items.first == .unsigned(0x0101_0101))
  }

  @Test func jsonEscapesStrings() {
    let v = BTFValue.fields([BTFField(name: "s", value: .string("a\"b\\c\n\u{1}"))])
    #expect(v.json() == "{\"s\":\"a\\\"b\\\\c\\n\\u0001\"}")
    #expect(BTFValue.bytes([0xAB, 1]).json() == "[\"0xab\",\"0x01\"]")
  }
}
