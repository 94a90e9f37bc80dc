import Testing

@testable import EBPFRuntime

@Suite struct EBPFResultTests {
  @Test func codesAreContiguousFromZero() {
    #expect(EBPFResult.allCases.map(\.rawValue) == Array(0...34))
    #expect(EBPFResult.outOfSpace.rawValue == 29)
    #expect(EBPFResult.noMoreTailCalls.name == "EBPF_NO_MORE_TAIL_CALLS")
    #expect(EBPFResult(code: 35) == nil)
  }

  @Test func helpersReturnTheNegatedCode() {
    #expect(EBPFResult.success.helperReturnValue == 0)
    #expect(EBPFResult.invalidArgument.helperReturnValue == -6)
    #expect(EBPFResult.noMoreTailCalls.helperReturnValue == -27)
  }

  @Test(arguments: [
    (EBPFResult.verificationFailed, Int32(13)), (.noMemory, 12), (.invalidArgument, 22), (.invalidObject, 22),
    (.extensionFailedToLoad, 22), (.alreadyInitialized, 22), (.invalidFD, 9), (.operationNotSupported, 129),
    (.insufficientBuffer, 119), (.fileNotFound, 2), (.keyNotFound, 2), (.objectNotFound, 2), (.noMoreKeys, 2),
    (.objectAlreadyExists, 17), (.invalidPointer, 14), (.outOfSpace, 28), (.accessDenied, 1), (.failed, 131),
    (.keyAlreadyExists, 131), (.success, 0),
  ])
  func errnoMapping(result: EBPFResult, errno: Int32) {
    #expect(result.errno == errno)
  }
}
