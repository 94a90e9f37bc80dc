import Testing

@testable import EBPFRuntime

@Suite struct PrintkTests {
  /// The buffer bpf_printk passes: the literal with its terminating NUL.
  func literal(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

  @Test(arguments: [
    ("Hello, world", [UInt64](), "Hello, world"),
    ("Hello, world\n", [], "Hello, world"),
    ("two\n\n", [], "two\n"),
    ("PID: %u using %%u", [1234], "PID: 1234 using %u"),
    ("PID: %lu using %%lu", [1234], "PID: 1234 using %lu"),
    ("PID: %llu using %%llu", [1234], "PID: 1234 using %llu"),
    ("%u %u %u", [1, 2, 3], "1 2 3"),
    ("%d", [UInt64(bitPattern: -5)], "-5"),
    ("%i", [0xFFFF_FFFF], "-1"),
    ("%u", [0x1_0000_0002], "2"),
    ("%lu", [0x1_0000_0002], "2"),
    ("%llu", [0x1_0000_0002], "4294967298"),
    ("%lld", [UInt64(bitPattern: -7)], "-7"),
    ("%x", [0xDEAD_BEEF_CAFE], "beefcafe"),
    ("%llx", [0xDEAD_BEEF_CAFE], "deadbeefcafe"),
    ("100%% done", [], "100% done"),
  ])
  func accepted(format: String, arguments: [UInt64], expected: String) {
    #expect(Printk.render(format: literal(format), arguments: arguments) == expected)
    #expect(Printk.helperResult(format: literal(format), arguments: arguments) == Int64(expected.utf8.count))
  }

  @Test(arguments: [
    ("BAD1 %", [UInt64]()), ("BAD2 %ll", []), ("BAD3 %5d", [1]), ("BAD4 %p", [1]), ("BAD5", [1]), ("BAD6 %u", []),
    ("%lllu", [1]), ("%s", [1]), ("%u %u", [1]), ("%c", [65]), ("%.2u", [1]), ("%-u", [1]), ("%u%u%u%u", [1, 2, 3, 4]),
  ])
  func refused(format: String, arguments: [UInt64]) {
    #expect(Printk.render(format: literal(format), arguments: arguments) == nil)
    #expect(Printk.helperResult(format: literal(format), arguments: arguments) == -1)
  }

  @Test func formatBufferSizeLimits() {
    #expect(Printk.render(format: [0x41], arguments: []) == nil)  // 1 byte
    #expect(Printk.render(format: [0x41, 0], arguments: []) == "A")
    #expect(Printk.render(format: [UInt8](repeating: 0x41, count: 510) + [0], arguments: [])?.count == 510)
    #expect(Printk.render(format: [UInt8](repeating: 0x41, count: 511) + [0], arguments: []) == nil)
    // Text stops at the first NUL inside the buffer.
    #expect(Printk.render(format: Array("ab\0%s".utf8) + [0], arguments: []) == "ab")
  }
}
