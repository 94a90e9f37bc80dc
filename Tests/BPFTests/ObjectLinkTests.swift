import Testing

@testable import BPF

@Suite struct ObjectLinkTests {
  /// Every pseudo call (and code-address LDDW) of a linked program lands on the start of the
  /// function it named before linking.
  func checkCalls(_ linked: BPFProgram) {
    let starts = Set(linked.functions.map(\.start))
    var i = 0
    while i < linked.instructions.count {
      let insn = linked.instructions[i]
      if (insn.opcode == 0x85 && insn.src == 1) || (insn.isWide && insn.src == BPFObject.pseudoFunctionSource) {
        #expect(starts.contains(i + Int(insn.imm) + 1), "instruction \(i) of \(linked.name) targets \(i + Int(insn.imm) + 1)")
      }
      i += insn.isWide ? 2 : 1
    }
  }

  @Test func appendsCalledSubprogramsTransitively() throws {
    let o = try Fixture.object("programs")
    let first = try #require(o.program(named: "first_bind"))
    let linked = try o.link(first)
    #expect(linked.functions.map(\.name) == ["first_bind", "classify", "bump", "mix"])
    #expect(linked.functions.map(\.start) == [0, 10, 24, 34])
    #expect(linked.instructions.count == 40)
    #expect(linked.name == "first_bind" && linked.sectionName == "bind")
    // first_bind → classify (call -1 in the object) now jumps +8 to slot 10; → bump to slot 24.
    #expect(linked.instructions[1].imm == 8)
    #expect(linked.instructions[4].imm == 19)
    // classify's local call to mix: slot 10 + 11 = 21 → 34.
    #expect(linked.instructions[21].imm == 34 - 22)
    checkCalls(linked)
    // Only data relocations remain, at their new positions.
    #expect(linked.relocations.map(\.symbol) == ["last_verdict", "verdict_table", "tunable_limit", "totals"])
    #expect(linked.relocations.map(\.instruction) == [5, 13, 18, 24])
    // Line and func info of every function, shifted.
    #expect(linked.funcInfo.map(\.name) == ["first_bind", "classify", "bump", "mix"])
    #expect(linked.funcInfo.map(\.instruction) == [0, 10, 24, 34])
    #expect(linked.lineInfo.map(\.instruction) == linked.lineInfo.map(\.instruction).sorted())
    #expect(linked.line(at: 35)?.source.contains("a * 31 + b") == true)
  }

  @Test func programWithoutCallsIsUnchanged() throws {
    let o = try Fixture.object("maps")
    let entry = try #require(o.program(named: "entry"))
    let linked = try o.link(entry)
    #expect(linked.instructions == entry.instructions)
    #expect(linked.relocations == entry.relocations)
    #expect(linked.functions.count == 1)
  }

  @Test func eachProgramOfASectionLinksItsOwnCallees() throws {
    let o = try Fixture.object("programs")
    let second = try o.link(try #require(o.program(named: "second_bind")))
    #expect(second.functions.map(\.name) == ["second_bind", "mix"])
    checkCalls(second)
    let probe = try o.link(try #require(o.program(named: "probe")))
    #expect(probe.functions.map(\.name) == ["probe", "classify", "mix"])
    checkCalls(probe)
    for sub in o.subprograms { checkCalls(try o.link(sub)) }
  }

  @Test func codeAddressesBecomePseudoFunctionLoads() throws {
    let o = try Fixture.object("types")
    let linked = try o.link(try #require(o.program(named: "walk")))
    #expect(linked.functions.map(\.name) == ["walk", "step"])
    let step = linked.functions[1].start
    for at in [3, 7] {
      #expect(linked.instructions[at].src == BPFObject.pseudoFunctionSource)
      #expect(at + Int(linked.instructions[at].imm) + 1 == step)
    }
    checkCalls(linked)
    #expect(linked.relocations.map(\.symbol) == ["shapes", "scratch", "counter"])
  }

  @Test func callToNowhereIsALinkError() throws {
    let o = try Fixture.object("programs")
    var broken = try #require(o.program(named: "first_bind"))
    broken.relocations[0] = ProgramRelocation(
      instruction: 1, symbol: "ghost", kind: .call(target: CodeLocation(section: 99, instruction: 3)))
    do {
      _ = try o.link(broken)
      Issue.record("linked a call to a missing function")
    } catch {
      #expect(error.kind == .badLink)
      #expect(error.message.contains("target instruction 3 of section 99 is not a function of this object"))
    }
  }
}
