/// A bounds-checked little-endian window on a byte array.
///
/// Every read takes an offset relative to the window and returns nil when any byte of the value
/// would fall outside it, so parsers never trap on hostile offsets.
struct ByteView: Sendable {
  /// The whole underlying buffer.
  let bytes: [UInt8]
  /// Where the window starts in `bytes`.
  let base: Int
  /// The window's length in bytes.
  let count: Int

  /// A window on the whole of `bytes`.
  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    base = 0
    count = bytes.count
  }

  private init(bytes: [UInt8], base: Int, count: Int) {
    self.bytes = bytes
    self.base = base
    self.count = count
  }

  /// True when `length` bytes starting at `offset` lie inside the window (no overflow possible).
  func contains(offset: Int, length: Int) -> Bool {
    offset >= 0 && length >= 0 && offset <= count && length <= count - offset
  }

  /// A sub-window, or nil when it would leave this one.
  func slice(offset: Int, length: Int) -> ByteView? {
    guard contains(offset: offset, length: length) else { return nil }
    return ByteView(bytes: bytes, base: base + offset, count: length)
  }

  /// A sub-window from `offset` to the end, or nil when `offset` is outside.
  func suffix(from offset: Int) -> ByteView? {
    guard offset >= 0, offset <= count else { return nil }
    return slice(offset: offset, length: count - offset)
  }

  /// The window's bytes as a new array.
  var array: [UInt8] { Array(bytes[base..<(base + count)]) }

  func u8(_ offset: Int) -> UInt8? {
    guard contains(offset: offset, length: 1) else { return nil }
    return bytes[base + offset]
  }

  func u16(_ offset: Int) -> UInt16? {
    guard contains(offset: offset, length: 2) else { return nil }
    let p = base + offset
    return UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8
  }

  func u32(_ offset: Int) -> UInt32? {
    guard contains(offset: offset, length: 4) else { return nil }
    let p = base + offset
    return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16
      | UInt32(bytes[p + 3]) << 24
  }

  func u64(_ offset: Int) -> UInt64? {
    guard let lo = u32(offset), let hi = u32(offset &+ 4), offset <= Int.max - 4 else { return nil }
    return UInt64(lo) | UInt64(hi) << 32
  }

  /// The NUL-terminated string starting at `offset`, or nil when the offset is outside the window
  /// or no NUL follows before its end. Invalid UTF-8 is repaired, never rejected.
  func cString(_ offset: Int) -> String? {
    guard offset >= 0, offset < count else { return nil }
    var end = base + offset
    let limit = base + count
    while end < limit {
      if bytes[end] == 0 {
        return String(decoding: bytes[(base + offset)..<end], as: UTF8.self)
      }
      end += 1
    }
    return nil
  }
}
