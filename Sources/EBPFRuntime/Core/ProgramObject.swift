import BPF

/// A loaded program: its executable form, where it came from, and what `show programs` reports.
public final class ProgramObject {
  /// The object id.
  public let id: UInt32
  /// The function name.
  public let name: String
  /// The ELF section it came from.
  public let sectionName: String
  /// The file it was loaded from, as the user named it.
  public let fileName: String
  /// Its program type (resolved from the section, or given with `type=`).
  public let programType: ProgramType
  /// The attach type its section selects, when the section names one.
  public let expectedAttachType: AttachType?
  /// How it runs (`INTERPRET` for objects, `NATIVE` for native images).
  public let executionType: ExecutionType
  /// The executable program the interpreter runs, with the verifier's proof (every loaded program has one).
  public let program: Program
  /// The linked code with relocations, line info and functions (for listings and traces).
  public let code: BPFProgram
  /// The object's BTF (func and line info names), if any.
  public let btf: BTF?
  /// Ids of the maps the program references, in first-use order.
  public let mapIDs: [UInt32]
  /// Canonical pin paths, in the order they were added.
  public internal(set) var pinPaths: [String] = []
  /// Links attaching the program.
  public internal(set) var linkIDs: [UInt32] = []
  /// Times the program ran from a hook, a test run or a tail call.
  @exclusivity(unchecked) public internal(set) var runCount: UInt64 = 0
  /// References held on the program: the loaded object, pins, links, program arrays holding it.
  var references = 0

  init(
    id: UInt32, name: String, sectionName: String, fileName: String, programType: ProgramType,
    expectedAttachType: AttachType?, executionType: ExecutionType, program: Program, code: BPFProgram, btf: BTF?,
    mapIDs: [UInt32]
  ) {
    self.id = id
    self.name = name
    self.sectionName = sectionName
    self.fileName = fileName
    self.programType = programType
    self.expectedAttachType = expectedAttachType
    self.executionType = executionType
    self.program = program
    self.code = code
    self.btf = btf
    self.mapIDs = mapIDs
  }
}
