/// What a map is: type, sizes, capacity, name, pinning and — for map-in-map types — the template an
/// inner map must match. Built from an object's `.maps` (BTF) or legacy `maps` section, or by hand.
public struct MapDefinition: Sendable, Hashable {
  /// How a map asks to be pinned (`ebpf_pin_type_t`).
  public enum Pinning: UInt32, Sendable, Hashable {
    /// Not pinned by the loader.
    case none = 0
    /// Pinned at `BPF:\<name>`, reusing a compatible map already pinned there.
    case byName = 1
  }

  /// The map type.
  public var type: MapType
  /// Key size in bytes (4 for arrays, 0 for queue, stack and ring buffer).
  public var keySize: UInt32
  /// Value size in bytes (4 for maps holding object ids).
  public var valueSize: UInt32
  /// Capacity: entries, or bytes for a ring buffer and for each ring of a perf event array.
  public var maxEntries: UInt32
  /// The map's name (the variable name in the object).
  public var name: String
  /// Pinning requested by the definition.
  public var pinning: Pinning
  /// For hash_of_maps and array_of_maps: the inner map every value must match.
  public var innerMap: InnerMapTemplate?

  /// Creates a definition.
  public init(
    type: MapType, keySize: UInt32, valueSize: UInt32, maxEntries: UInt32, name: String = "",
    pinning: Pinning = .none, innerMap: InnerMapTemplate? = nil
  ) {
    self.type = type
    self.keySize = keySize
    self.valueSize = valueSize
    self.maxEntries = maxEntries
    self.name = name
    self.pinning = pinning
    self.innerMap = innerMap
  }
}

/// The shape an inner map of a map-in-map must have, and the id of the template map it came from.
public struct InnerMapTemplate: Sendable, Hashable {
  /// Inner map type.
  public var type: MapType
  /// Inner key size.
  public var keySize: UInt32
  /// Inner value size.
  public var valueSize: UInt32
  /// Inner capacity.
  public var maxEntries: UInt32
  /// The id of the map the template was taken from (`show maps` prints it as Inner ID), if any.
  public var templateID: UInt32?

  /// Creates a template.
  public init(type: MapType, keySize: UInt32, valueSize: UInt32, maxEntries: UInt32, templateID: UInt32? = nil) {
    self.type = type
    self.keySize = keySize
    self.valueSize = valueSize
    self.maxEntries = maxEntries
    self.templateID = templateID
  }

  /// The template of an existing map definition.
  public init(_ definition: MapDefinition, templateID: UInt32? = nil) {
    self.init(
      type: definition.type, keySize: definition.keySize, valueSize: definition.valueSize,
      maxEntries: definition.maxEntries, templateID: templateID)
  }

  /// True when a map of this definition may be stored in the outer map (type, key and value sizes
  /// and capacity all equal, as eBPF for Windows checks).
  public func accepts(_ definition: MapDefinition) -> Bool {
    definition.type == type && definition.keySize == keySize && definition.valueSize == valueSize
      && definition.maxEntries == maxEntries
  }
}
