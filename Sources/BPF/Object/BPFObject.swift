/// A loaded eBPF ELF object as clang `-target bpf` produces it: programs with their relocations
/// and line info, `.text` subprograms, BTF and legacy map definitions, global data, license, BTF.
///
/// Loading validates the whole file and never traps on hostile input: every defect is an
/// `ObjectError` naming what is wrong. Binding relocations to created maps and choosing between
/// BTF and legacy maps is the runtime's job; `link(_:)` appends called subprograms.
public struct BPFObject: Sendable {
  /// The validated ELF structure (sections, symbols, raw relocations).
  public let elf: ELFFile
  /// Programs: functions of executable sections other than `.text`, by section then offset.
  public let programs: [BPFProgram]
  /// Functions of `.text` (bpf-to-bpf call targets), by offset.
  public let subprograms: [BPFProgram]
  /// Maps of the `.maps` section, decoded from BTF, by offset.
  public let maps: [BTFMapDefinition]
  /// Variables of legacy `maps` / `maps/…` sections as raw bytes, by section then offset (the
  /// index of a symbol within its section is what legacy inner-map indices count).
  public let legacyMapSymbols: [LegacyMapSymbol]
  /// Global-data sections.
  public let dataSections: [DataSection]
  /// The `license` section's string, if present.
  public let license: String?
  /// The `version` section's value, if present.
  public let version: UInt32?
  /// The `.BTF` type graph (data sections' sizes and variable offsets filled in from the ELF
  /// symbols, as loaders do), if present.
  public let btf: BTF?
  /// The `.BTF.ext` records, if present.
  public let btfExt: BTFExt?
  /// Every function (program or subprogram) by where it starts, for linking.
  let functionsByLocation: [CodeLocation: BPFProgram]

  /// Loads and validates an object.
  public static func load(bytes: [UInt8], limits: ObjectLimits = .standard) throws(ObjectError) -> BPFObject {
    var loader = ObjectLoader(limits: limits)
    return try loader.load(bytes)
  }

  /// The program with this function name.
  public func program(named name: String) -> BPFProgram? { programs.first { $0.name == name } }

  /// The programs of a section, in offset order.
  public func programs(inSection name: String) -> [BPFProgram] { programs.filter { $0.sectionName == name } }

  /// The BTF map with this name.
  public func map(named name: String) -> BTFMapDefinition? { maps.first { $0.name == name } }

  /// The data section with this name.
  public func dataSection(named name: String) -> DataSection? { dataSections.first { $0.name == name } }

  init(
    elf: ELFFile, programs: [BPFProgram], subprograms: [BPFProgram], maps: [BTFMapDefinition],
    legacyMapSymbols: [LegacyMapSymbol], dataSections: [DataSection], license: String?, version: UInt32?, btf: BTF?,
    btfExt: BTFExt?
  ) {
    self.elf = elf
    self.programs = programs
    self.subprograms = subprograms
    self.maps = maps
    self.legacyMapSymbols = legacyMapSymbols
    self.dataSections = dataSections
    self.license = license
    self.version = version
    self.btf = btf
    self.btfExt = btfExt
    var functions: [CodeLocation: BPFProgram] = [:]
    for f in programs + subprograms {
      functions[CodeLocation(section: f.sectionIndex, instruction: f.sectionOffset)] = f
    }
    functionsByLocation = functions
  }
}
