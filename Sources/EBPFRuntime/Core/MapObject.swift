import BPF

/// A map in the runtime's object table: the map itself, its id, the memory region programs reach
/// its values through, and what `show maps` and the map viewer need (pins, inner map, BTF types).
public final class MapObject {
  /// The object id (from the runtime's one counter).
  public let id: UInt32
  /// The map and its values.
  public let map: EBPFMap
  /// The same map, for the helpers' hot path: used through `_withUnsafeGuaranteedRef` it costs no
  /// retain, and ``map`` keeps the object alive as long as this map object lives.
  let fastMap: Unmanaged<EBPFMap>
  /// The map's value arena as programs see it (one region of the runtime's address space).
  public let region: MemoryRegion
  /// The region's first simulated address (what lookups add offsets to).
  public let regionAddress: UInt64
  /// The object's BTF, when the map came from an object that has BTF.
  public let btf: BTF?
  /// BTF type of the key, when declared with `__type`.
  public let keyType: UInt32?
  /// BTF type of the value (the section's DATASEC for global data).
  public let valueType: UInt32?
  /// The id of the inner map template of a map-in-map, nil when there is none.
  public let innerMapID: UInt32?
  /// The file the map was loaded from (empty for maps created by hand).
  public let fileName: String
  /// Canonical pin paths, in the order they were added.
  public internal(set) var pinPaths: [String] = []
  /// References held on the map: the loaded object, pins, programs using it, outer maps holding it.
  var references = 0
  /// For a program array, the program type it took from the first program associated with it
  /// (loaded using it, or stored in it); eBPF for Windows never resets it.
  public internal(set) var programType: ProgramType?

  init(
    id: UInt32, map: EBPFMap, region: MemoryRegion, btf: BTF?, keyType: UInt32?, valueType: UInt32?,
    innerMapID: UInt32?, fileName: String
  ) {
    self.id = id
    self.map = map
    self.fastMap = Unmanaged.passUnretained(map)
    self.region = region
    self.regionAddress = region.address
    self.btf = btf
    self.keyType = keyType
    self.valueType = valueType
    self.innerMapID = innerMapID
    self.fileName = fileName
  }

  /// The map's name.
  public var name: String { map.definition.name }
  /// The definition it was created from.
  public var definition: MapDefinition { map.definition }
}
