import BPF

/// libFuzzer entry: loads the input as an eBPF object and, when it loads, exercises everything
/// the runtime would touch (linking every program, BTF dumps and value formatting, line lookups).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzELF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let object = try? BPFObject.load(bytes: bytes) else { return 0 }
  for program in object.programs + object.subprograms {
    if let linked = try? object.link(program) {
      _ = linked.line(at: linked.instructions.count / 2)
    }
  }
  if let btf = object.btf {
    var options = BTFFormatOptions()
    options.maxNodes = 4096
    _ = btf.dumpRaw()
    for map in object.maps {
      for t in [map.keyType, map.valueType].compactMap({ $0 }) {
        _ = btf.format(Array(bytes.prefix(btf.size(of: t) ?? 0)), as: t, options: options).json(indent: 2)
        _ = btf.typeName(t)
      }
    }
    for section in object.dataSections {
      if let t = section.btfType {
        _ = btf.format(section.contents, as: t, options: options).description
      }
    }
  }
  return 0
}
