/// The helper functions the bpf_conformance suite's programs call (the convention of its uBPF
/// plugin): 0 gather_bytes, 1 memfrob, 2 no_op, 3 sqrti, 4 strcmp, 5 unwind.
public enum ConformanceHelpers {
  /// A table with the six helpers.
  public static func table() -> HelperFunctionTable {
    var t = HelperFunctionTable()
    // (r1 & 0xff) << 32 | (r2 & 0xff) << 24 | … | (r5 & 0xff)
    t[0] = { c in
      .value((c.r1 & 0xff) << 32 | (c.r2 & 0xff) << 24 | (c.r3 & 0xff) << 16 | (c.r4 & 0xff) << 8 | (c.r5 & 0xff))
    }
    // XOR r2 bytes at r1 with 42.
    t[1] = { c in
      guard c.r2 < 1 << 32 else { return .fault("memfrob length \(c.r2) too large") }
      do throws(MemoryError) {
        let bytes = try c.memory.read(c.r1, count: Int(c.r2))
        try c.memory.write(bytes.map { $0 ^ 42 }, to: c.r1)
        return .value(0)
      } catch {
        return .fault(error.description)
      }
    }
    t[2] = { _ in .value(0) }
    // Integer square root, through a double as the reference plugin computes it.
    t[3] = { c in .value(UInt64(Double(c.r1).squareRoot())) }
    // strcmp of two NUL-terminated strings in program memory.
    t[4] = { c in
      do throws(MemoryError) {
        let a = try c.memory.cString(at: c.r1)
        let b = try c.memory.cString(at: c.r2)
        for (x, y) in zip(a, b) where x != y { return .value(UInt64(bitPattern: Int64(Int(x) - Int(y)))) }
        return .value(
          UInt64(bitPattern: Int64(a.count < b.count ? -Int(b[a.count]) : a.count > b.count ? Int(a[b.count]) : 0)))
      } catch {
        return .fault(error.description)
      }
    }
    // unwind: returns r1; a zero return ends the program with r0 = 0.
    t[5] = { c in c.r1 == 0 ? .exit(0) : .value(c.r1) }
    return t
  }
}
