import BPF

/// libFuzzer entry: the input is a 4-byte little-endian length N, N bytes of `.BTF`, then the
/// `.BTF.ext` bytes (run.sh builds seeds of that shape from the fixture objects). Parses both and,
/// when the BTF parses, dumps, names, sizes and formats a sample of types (the elf target dumps
/// whole BTF blobs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBTF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard bytes.count >= 4 else { return 0 }
  let declared = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
  let split = min(4 + declared, bytes.count)
  let btfBytes = Array(bytes[4..<split])
  let extBytes = Array(bytes[split...])
  guard let btf = try? BTF.parse(bytes: btfBytes) else { return 0 }
  let sample = Array(btfBytes.prefix(256))
  var options = BTFFormatOptions()
  options.maxNodes = 128
  // A bounded sample of types (the first and last four) keeps executions fast; the elf target
  // formats map and data types too.
  let count = UInt32(btf.count)
  let ids = Set((0...min(count, 4)).map { $0 } + (count - min(count, 4)...count).map { $0 })
  for id in ids.sorted() {
    _ = btf.size(of: id)
    _ = btf.resolved(id)
    _ = btf.typeName(id)
    _ = btf.dumpRaw(id)
    _ = btf.format(sample, as: id, options: options).json()
  }
  _ = try? BTFExt.parse(bytes: extBytes, btf: btf)
  return 0
}
