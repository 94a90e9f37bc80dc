// TEMPORARY: a minimal reader of ELF64 section headers, only to find `.text` for `ntsh-bench vm`
// while the BPF module's ELF loader is being written. Replace with that loader once it lands.

/// Extracts the `.text` section of an ELF64 little-endian object.
enum ELFText {
  static func text(of bytes: [UInt8]) -> Result<[UInt8], BenchError> {
    func u16(_ o: Int) -> Int? { o >= 0 && o + 2 <= bytes.count ? Int(bytes[o]) | Int(bytes[o + 1]) << 8 : nil }
    func u32(_ o: Int) -> Int? {
      guard let lo = u16(o), let hi = u16(o + 2) else { return nil }
      return lo | hi << 16
    }
    func u64(_ o: Int) -> Int? {
      guard let lo = u32(o), let hi = u32(o + 4), hi < 1 << 30 else { return nil }
      return lo | hi << 32
    }
    guard bytes.count >= 64, bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c, bytes[3] == 0x46 else {
      return .failure(BenchError("not an ELF file"))
    }
    guard bytes[4] == 2, bytes[5] == 1 else { return .failure(BenchError("not a 64-bit little-endian ELF file")) }
    guard let shoff = u64(0x28), let shentsize = u16(0x3A), let shnum = u16(0x3C), let shstrndx = u16(0x3E),
      shentsize >= 64, shstrndx < shnum
    else { return .failure(BenchError("bad ELF header")) }
    func section(_ i: Int) -> (name: Int, offset: Int, size: Int)? {
      let h = shoff + i * shentsize
      guard let name = u32(h), let offset = u64(h + 0x18), let size = u64(h + 0x20),
        offset + size <= bytes.count
      else { return nil }
      return (name, offset, size)
    }
    guard let strtab = section(shstrndx) else { return .failure(BenchError("bad section string table")) }
    for i in 0..<shnum {
      guard let s = section(i) else { return .failure(BenchError("bad section header \(i)")) }
      let start = strtab.offset + s.name
      guard start < strtab.offset + strtab.size else { continue }
      let name = bytes[start..<strtab.offset + strtab.size].prefix(while: { $0 != 0 })
      if Array(name) == Array(".text".utf8) { return .success(Array(bytes[s.offset..<s.offset + s.size])) }
    }
    return .failure(BenchError("no .text section"))
  }
}

/// A benchmark input problem.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
