import Testing

@testable import NTCore

@Suite struct NTStatusTests {
  @Test func severityDecidesSuccess() {
    #expect(NTStatus.success.isSuccess)
    #expect(NTStatus(0x4000_0000).isSuccess)  // informational
    #expect(!NTStatus(0x8000_0005).isSuccess)  // warning
    #expect(!NTStatus(0xC000_0034).isSuccess)  // error
  }
}
