import Testing

@testable import EBPFRuntime

@Suite struct ProgramTypeTests {
  @Test func numbersNamesAndGUIDs() {
    #expect(ProgramType.all.map(\.number) == [1, 2, 3, 4, 999])
    #expect(ProgramType.all.map(\.name) == ["xdp", "bind", "sock_addr", "sockops", "sample"])
    #expect(ProgramType.bind.guid == "608c517c-6c52-4a26-b677-bb1c34425adf")
    #expect(ProgramType.displayName(forNumber: 0) == "unspec")
    #expect(ProgramType.displayName(forNumber: 6) == nil)
    #expect(ProgramType.named("sockops")?.number == 4)
  }

  @Test func guidsAreWellFormedAndDistinct() {
    let guids = ProgramType.all.map(\.guid) + AttachType.all.map(\.guid)
    #expect(Set(guids).count == guids.count)
    for guid in guids {
      let parts = guid.split(separator: "-").map(\.count)
      #expect(parts == [8, 4, 4, 4, 12], "\(guid)")
      #expect(guid.allSatisfy { $0.isHexDigit && !$0.isUppercase || $0 == "-" }, "\(guid)")
    }
  }

  @Test(arguments: ProgramType.all)
  func contextDescriptorIsConsistent(type: ProgramType) {
    let context = type.context
    for field in context.fields {
      #expect(field.offset >= 0 && field.end <= context.size, "\(type.name).\(field.name)")
    }
    for offset in [context.dataOffset, context.endOffset, context.metaOffset].compactMap({ $0 }) {
      let field = context.fields.first { $0.offset == offset }
      #expect(field?.readOnly == true && field?.size == 8, "\(type.name) pointer at \(offset)")
    }
    #expect(context.fields.map(\.offset) == context.fields.map(\.offset).sorted())
  }

  @Test func bindContextMatchesTheWindowsLayout() {
    let bind = ProgramType.bind.context
    #expect(bind.size == 56)
    #expect(bind.rawOffsets == (0, 8, -1))
    #expect(bind.field(named: "operation")?.offset == 44)
    #expect(bind.field(named: "protocol")?.offset == 48)
    #expect(bind.isWriteForbidden(offset: 0, width: 8))
    #expect(bind.isWriteForbidden(offset: 4, width: 8))
    #expect(!bind.isWriteForbidden(offset: 16, width: 8))
    #expect(bind.isWriteForbidden(offset: 52, width: 8))
    #expect(bind.isWriteForbidden(offset: -1, width: 1))
    #expect(ProgramType.sockAddr.context.rawOffsets == (-1, -1, -1))
    #expect(ProgramType.xdp.context.rawOffsets == (0, 8, 16))
  }

  @Test func verdicts() {
    #expect(ProgramType.bind.verdict?.name(of: 0) == "BIND_PERMIT_SOFT")
    #expect(ProgramType.bind.verdict?.value(of: "BIND_PERMIT") == 0)
    #expect(ProgramType.bind.verdict?.name(of: 3) == "BIND_PERMIT_HARD")
    #expect(ProgramType.xdp.verdict?.name(of: 0) == nil)
    #expect(ProgramType.sockAddr.verdict?.value(of: "BPF_SOCK_ADDR_VERDICT_PROCEED_HARD") == 2)
    #expect(ProgramType.sockOps.verdict == nil)
  }

  @Test func attachTypes() {
    #expect(ProgramType.sockAddr.attachTypes.map(\.number) == [3, 4, 5, 6, 12, 13, 14, 15, 16, 17])
    #expect(AttachType.withNumber(8)?.name == "sample_ext")
    #expect(AttachType.displayName(forNumber: 0) == "unspec")
    #expect(AttachType.displayName(forNumber: 9) == nil)
    #expect(AttachType.withNumber(2)?.programType == .bind)
  }

  @Test func mapTypes() {
    #expect(MapType.allCases.map(\.rawValue) == Array(0...16))
    #expect(MapType.allCases.filter(\.isPerCPU) == [.percpuHash, .percpuArray, .lruPercpuHash, .perfEventArray])
    #expect(MapType.lruPercpuHash.rawValue == 11 && MapType.stack.rawValue == 12)
    #expect(MapType.displayName(forNumber: 100) == "unspec")
    #expect(MapType.ringbuf.displayName == "ringbuf")
  }

  @Test func executionTypes() {
    #expect(ExecutionType.allCases.map(\.modeName) == ["NATIVE", "JIT", "INTERPRET", "NATIVE"])
  }
}
