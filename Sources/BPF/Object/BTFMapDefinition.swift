/// A map declared in a `.maps` section, decoded from its BTF description (the anonymous struct of
/// `__uint` / `__type` / `__array` fields). Absent fields are nil; interpreting `type` numbers and
/// checking required fields is the runtime's business.
public struct BTFMapDefinition: Sendable, Hashable {
  /// An initial value of a map-in-map or program-array slot (`.values = { [i] = &x }`).
  public struct SlotInitializer: Sendable, Hashable {
    /// What the slot holds.
    public enum Target: Sendable, Hashable {
      /// Another map of this object: `BPFObject.maps[index]`.
      case map(index: Int)
      /// A program of this object, by function name.
      case program(name: String)
    }

    /// The slot (array index) initialised.
    public let slot: Int
    /// The symbol named by the initialiser.
    public let symbol: String
    /// What it resolves to.
    public let target: Target
  }

  /// The map's name (its variable's name).
  public internal(set) var name: String
  /// Offset of the map's variable in `.maps`.
  public internal(set) var offset: Int
  /// BTF id of the map's struct type.
  public let btfType: UInt32
  /// `type` (map type number).
  public var type: UInt32?
  /// `key_size`, or the size of `key`'s type.
  public var keySize: UInt32?
  /// BTF id of `key`'s type when declared with `__type`.
  public var keyType: UInt32?
  /// `value_size`, or the size of `value`'s type.
  public var valueSize: UInt32?
  /// BTF id of `value`'s type when declared with `__type`.
  public var valueType: UInt32?
  /// `max_entries`.
  public var maxEntries: UInt32?
  /// `map_flags`.
  public var mapFlags: UInt32?
  /// `pinning` (0 none, 1 by name).
  public var pinning: UInt32?
  /// `numa_node`.
  public var numaNode: UInt32?
  /// `map_extra`.
  public var mapExtra: UInt32?
  /// The inner map template of a map-in-map (`__array(values, struct inner)`), if any.
  public var innerMap: BTFMapDefinition? {
    get { inner.first }
    set { inner = newValue.map { [$0] } ?? [] }
  }
  /// True when `values` is declared as an array of function prototypes (a program array).
  public var valuesArePrograms: Bool = false
  /// `values` initialisers, by slot.
  public var initialValues: [SlotInitializer] = []
  /// Names of fields this loader does not know (the runtime may warn or reject).
  public var unknownFields: [String] = []

  /// Storage for `innerMap` (a struct cannot contain itself directly).
  private var inner: [BTFMapDefinition] = []

  init(name: String, offset: Int, btfType: UInt32) {
    self.name = name
    self.offset = offset
    self.btfType = btfType
  }
}

/// A variable of a legacy `maps` (or `maps/…`) section, as raw bytes: the layout of the legacy map
/// definition differs between eBPF for Windows and Linux, so the runtime interprets it.
public struct LegacyMapSymbol: Sendable, Hashable {
  /// The variable's name.
  public let name: String
  /// Its section's name (`maps` or `maps/…`).
  public let sectionName: String
  /// Its section's index.
  public let sectionIndex: Int
  /// Offset of the definition in the section.
  public let offset: Int
  /// The definition's size in bytes.
  public let size: Int
  /// The definition's bytes.
  public let bytes: [UInt8]
}

/// A global-data section (`.data`, `.bss`, `.rodata`, `.rodata.str1.1`, `.data.*` …).
public struct DataSection: Sendable, Hashable {
  /// A variable in the section.
  public struct Variable: Sendable, Hashable {
    /// The variable's name.
    public let name: String
    /// Its offset in the section.
    public let offset: Int
    /// Its size in bytes.
    public let size: Int
    /// BTF id of its type (the VAR's target), when the object has BTF for it.
    public let btfType: UInt32?
  }

  /// The section's name.
  public let name: String
  /// The ELF section's index.
  public let sectionIndex: Int
  /// Size in bytes.
  public let size: Int
  /// True for NOBITS sections (`.bss`): `contents` is empty and the memory starts zeroed.
  public let isZeroFilled: Bool
  /// True when the section is not writable (`.rodata*`).
  public let isReadOnly: Bool
  /// Initial contents (empty when zero-filled).
  public let contents: [UInt8]
  /// BTF id of the section's DATASEC type, when present.
  public let btfType: UInt32?
  /// Variables, by offset (from BTF when available, else from the symbol table).
  public let variables: [Variable]

  /// The section's initial image: `contents`, or `size` zero bytes.
  public var initialImage: [UInt8] { isZeroFilled ? [UInt8](repeating: 0, count: size) : contents }
}
