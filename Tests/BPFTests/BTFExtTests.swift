import Testing

@testable import BPF

@Suite struct BTFExtTests {
  @Test func sectionsCarryFunctionAndLineRecords() throws {
    let o = try Fixture.object("programs")
    let ext = try #require(o.btfExt)
    #expect(Set(ext.sections.map(\.name)) == [".text", "bind", "xdp/probe"])
    let bind = try #require(ext.section(named: "bind"))
    #expect(bind.functions.map(\.name) == ["first_bind", "second_bind"])
    #expect(bind.functions.map(\.instruction) == [0, 10])
    let text = try #require(ext.section(named: ".text"))
    #expect(text.functions.map(\.name) == ["classify", "mix", "bump"])
    #expect(text.lines.allSatisfy { $0.line > 0 && !$0.source.isEmpty })
    #expect(bind.coreRelocations.isEmpty)
  }

  @Test func everyInstructionOfAProgramHasASourceLine() throws {
    let o = try Fixture.object("maps")
    for program in o.programs {
      for i in program.instructions.indices {
        let line = try #require(program.line(at: i))
        #expect(line.fileName == "./maps.c")
        #expect(line.instruction <= i)
      }
    }
  }

  @Test func truncatedBlobsAreErrors() throws {
    let o = try Fixture.object("maps")
    let btf = try #require(o.btf)
    let section = try #require(o.elf.section(named: ".BTF.ext"))
    let bytes = o.elf.contents(of: section)
    for cut in [0, 10, 23, 40, bytes.count - 3] {
      do {
        _ = try BTFExt.parse(bytes: Array(bytes.prefix(cut)), btf: btf)
        Issue.record("parsed .BTF.ext cut at \(cut)")
      } catch {
        #expect([.truncated, .badLayout, .badHeader].contains(error.kind), "\(cut): \(error)")
      }
    }
    #expect(try BTFExt.parse(bytes: bytes, btf: btf).sections.count == 2)
  }

  @Test func misalignedInstructionOffsetIsAnError() throws {
    let o = try Fixture.object("maps")
    let btf = try #require(o.btf)
    var bytes = o.elf.contents(of: try #require(o.elf.section(named: ".BTF.ext")))
    // The first func_info record's instruction offset: header, record size, section name + count.
    let headerLength = Int(bytes[4]) | Int(bytes[5]) << 8
    let funcInfoOffset = Int(bytes[8]) | Int(bytes[9]) << 8
    bytes[headerLength + funcInfoOffset + 12] = 3
    do {
      _ = try BTFExt.parse(bytes: bytes, btf: btf)
      Issue.record("accepted a misaligned instruction offset")
    } catch {
      #expect(error.kind == .badRecord)
      #expect(error.message.contains("instruction offset 0x3 is not a multiple of 8"))
    }
  }
}
