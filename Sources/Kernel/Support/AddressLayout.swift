/// Where a boot's kernel regions start: derived from the seed, so addresses are stable for a seed
/// and differ between seeds like they differ between real boots.
public struct AddressLayout: Sendable, Equatable {
  /// Base of non-paged pool (process, thread, event objects…).
  public let nonPagedPoolBase: UInt64
  /// Base of paged pool (directories, names, symbolic links…).
  public let pagedPoolBase: UInt64
  /// Base of session pool (win32k).
  public let sessionPoolBase: UInt64
  /// Load address of ntoskrnl.exe.
  public let kernelBase: UInt64
  /// Base from which driver images are loaded.
  public let driverBase: UInt64
  /// The per-boot ObHeaderCookie byte used to encode `_OBJECT_HEADER.TypeIndex`.
  public let headerCookie: UInt8

  /// Derives the layout from a seed.
  public init(seed: UInt64) {
    var rng = SplitMix64(seed: seed ^ 0x6E74_7368)  // "ntsh"
    nonPagedPoolBase = (0xFFFF_A000 + rng.next() % 0x1000) << 32 | (rng.next() % 0x400) << 20
    pagedPoolBase = (0xFFFF_C000 + rng.next() % 0x1000) << 32 | (rng.next() % 0x400) << 20
    sessionPoolBase = (0xFFFF_E000 + rng.next() % 0x1000) << 32 | (rng.next() % 0x400) << 20
    kernelBase = 0xFFFF_F800_0000_0000 | (rng.next() % 0x800) << 28
    driverBase = kernelBase + 0x0300_0000
    headerCookie = UInt8(truncatingIfNeeded: rng.next() | 1)
  }
}

/// The splitmix64 generator: small, fast, and the same on every machine.
public struct SplitMix64: Sendable {
  private var state: UInt64

  /// Creates a generator.
  public init(seed: UInt64) { state = seed }

  /// The next 64-bit value.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Address formatting in WinDbg's two styles.
public enum KdFormat {
  /// `ffffc509bf28b080` (what `!object`, `!process` and `!handle` print).
  public static func plain(_ a: UInt64) -> String { pad(a, 16) }

  /// `` ffffc509`bf28b080 `` (what `db`, `dq`, `dt` pointers print).
  public static func ticked(_ a: UInt64) -> String { pad(a >> 32, 8) + "`" + pad(a & 0xFFFF_FFFF, 8) }

  /// Lower-case hex padded with zeros.
  public static func pad(_ v: UInt64, _ digits: Int) -> String {
    let s = String(v, radix: 16)
    return s.count >= digits ? s : String(repeating: "0", count: digits - s.count) + s
  }
}
