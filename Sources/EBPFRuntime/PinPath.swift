/// Pin path canonicalisation (`ebpf_canonicalize_path`): every pin lives under the virtual device
/// `BPF:`, with backslashes, as in `BPF:\my\pin\path`.
///
/// The rules, in order: the output starts with `BPF:` (an input `BPF:` prefix, any case, is dropped);
/// an input not starting with `/` or `\` gets a `\` (relative paths hang off the root); `/` becomes
/// `\`; a `:` after the prefix is invalid; a leading `\ebpf\global\` (any case, the old pin root) is
/// removed; then from left to right `\\` collapses to `\`, `\.\` to `\`, `\..\` removes the previous
/// component and a final `\..` cuts the path at the previous separator — popping past the root is
/// invalid. `/sys/fs/bpf/x` is kept as `BPF:\sys\fs\bpf\x`.
public enum PinPath {
  /// The device prefix.
  public static let prefix = "BPF:"
  /// Buffer size eBPF for Windows uses for a pin path, terminating NUL included (`EBPF_MAX_PIN_PATH_LENGTH`).
  public static let maximumLength = 256

  /// The canonical form of `input`; throws ``EBPFResult/invalidArgument`` for a bad path and
  /// ``EBPFResult/insufficientBuffer`` when it cannot fit `capacity` bytes (NUL included).
  public static func canonicalize(_ input: String, capacity: Int = maximumLength) throws(EBPFResult) -> String {
    let source = Array(input.utf8)
    let backslash = UInt8(ascii: "\\")
    let slash = UInt8(ascii: "/")
    let hasPrefix = startsCaseInsensitive(source, at: 0, with: Array(prefix.utf8))
    let relative = source.first != slash && source.first != backslash
    let rest = hasPrefix ? Array(source[4...]) : source
    // The size check happens before any simplification, as in eBPF for Windows.
    guard 4 + (relative ? 1 : 0) + rest.count + 1 <= capacity else { throw .insufficientBuffer }

    var path: [UInt8] = (relative ? [backslash] : []) + rest
    for i in path.indices {
      if path[i] == slash { path[i] = backslash } else if path[i] == UInt8(ascii: ":") { throw .invalidArgument }
    }
    let oldRoot = Array("\\ebpf\\global\\".utf8)
    if startsCaseInsensitive(path, at: 0, with: oldRoot) { path.removeSubrange(1..<oldRoot.count) }

    // `path` is everything after "BPF:"; index 0 is the root separator.
    var i = 0
    while i < path.count {
      if matches(path, at: i, "\\\\") {
        path.remove(at: i + 1)
      } else if matches(path, at: i, "\\.\\") {
        path.removeSubrange(i + 1..<i + 3)
      } else if matches(path, at: i, "\\..\\") {
        guard let previous = path[..<i].lastIndex(of: backslash) else { throw .invalidArgument }
        path.removeSubrange(previous + 1..<i + 4)
        i = previous
      } else if i + 3 == path.count, matches(path, at: i, "\\..") {
        guard let previous = path[..<i].lastIndex(of: backslash) else { throw .invalidArgument }
        path.removeSubrange(previous...)
        i = previous
      } else {
        i += 1
      }
    }
    return prefix + String(decoding: path, as: UTF8.self)
  }

  /// The canonical path, or nil when it is invalid.
  public static func canonicalOrNil(_ input: String) -> String? { try? canonicalize(input) }

  /// The pin path of a map declared with `LIBBPF_PIN_BY_NAME`: `/ebpf/global/<name>` canonicalised.
  public static func pinByNamePath(mapName: String) throws(EBPFResult) -> String {
    try canonicalize("/ebpf/global/" + mapName)
  }

  /// The path `add program ... pinned=all` uses for a program: `<pinpath>/<section with '/' as '_'>`.
  public static func programPinName(root: String, section: String) -> String {
    root + "/" + String(section.map { $0 == "/" ? "_" : $0 })
  }

  private static func matches(_ bytes: [UInt8], at index: Int, _ text: StaticString) -> Bool {
    let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    guard index + pattern.count <= bytes.count else { return false }
    for (k, byte) in pattern.enumerated() where bytes[index + k] != byte { return false }
    return true
  }

  private static func startsCaseInsensitive(_ bytes: [UInt8], at index: Int, with pattern: [UInt8]) -> Bool {
    guard index + pattern.count <= bytes.count else { return false }
    for (k, byte) in pattern.enumerated() where lower(bytes[index + k]) != lower(byte) { return false }
    return true
  }

  private static func lower(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
  }
}
