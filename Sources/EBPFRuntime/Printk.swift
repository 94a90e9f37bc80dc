/// `bpf_printk`'s run-time rules (helpers 12–15, `_ebpf_core_trace_printk`): which formats are
/// accepted and what is printed.
///
/// The format buffer must be 2 to 511 bytes (its size includes the terminating NUL); the text stops
/// at the first NUL; one trailing newline is dropped. Conversions are `%d %i %u %x`, each optionally
/// with `l` or `ll`, and `%%`. Windows is LLP64: `long` is 32 bits, so `%d`, `%ld` (and `i u x`) print
/// the low 32 bits of their 64-bit argument — `%d`/`%i` as signed — and `%lld` prints all 64. Any
/// other conversion, a width or precision, a `%` at the end, or a count of conversions different
/// from the number of arguments makes the helper print nothing and return −1; otherwise it returns
/// the length of what it printed.
public enum Printk {
  /// Smallest and largest accepted format buffer sizes.
  public static let formatSizes = 2...511

  /// The text the helper prints, or nil when it refuses the format (the helper then returns −1).
  /// `format` is the buffer the program passed, `arguments` the 0–3 extra arguments.
  public static func render(format: [UInt8], arguments: [UInt64]) -> String? {
    guard formatSizes.contains(format.count), arguments.count <= 3 else { return nil }
    var text = format.firstIndex(of: 0).map { Array(format[..<$0]) } ?? format
    if text.last == UInt8(ascii: "\n") { text.removeLast() }

    var output: [UInt8] = []
    var next = 0
    var i = 0
    while i < text.count {
      let byte = text[i]
      guard byte == UInt8(ascii: "%") else {
        output.append(byte)
        i += 1
        continue
      }
      i += 1
      guard i < text.count else { return nil }
      if text[i] == UInt8(ascii: "%") {
        output.append(byte)
        i += 1
        continue
      }
      var longs = 0
      while longs < 2, i < text.count, text[i] == UInt8(ascii: "l") {
        longs += 1
        i += 1
      }
      guard i < text.count, next < arguments.count else { return nil }
      let value = arguments[next]
      next += 1
      let wide = longs == 2
      switch text[i] {
      case UInt8(ascii: "d"), UInt8(ascii: "i"):
        let signed = wide ? Int64(bitPattern: value) : Int64(Int32(truncatingIfNeeded: value))
        output += Array(String(signed).utf8)
      case UInt8(ascii: "u"):
        output += Array(String(wide ? value : UInt64(UInt32(truncatingIfNeeded: value))).utf8)
      case UInt8(ascii: "x"):
        output += Array(String(wide ? value : UInt64(UInt32(truncatingIfNeeded: value)), radix: 16).utf8)
      default:
        return nil
      }
      i += 1
    }
    guard next == arguments.count else { return nil }
    return String(decoding: output, as: UTF8.self)
  }

  /// What the helper returns for this call: the printed length, or −1.
  public static func helperResult(format: [UInt8], arguments: [UInt64]) -> Int64 {
    guard let text = render(format: format, arguments: arguments) else { return -1 }
    return Int64(text.utf8.count)
  }
}
