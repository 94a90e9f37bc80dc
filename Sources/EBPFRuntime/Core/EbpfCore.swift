import BPF

/// The simulated `ebpfcore.sys`: the object table (programs, maps and links with ids from one
/// counter), pins, the hooks' attach lists, the helper functions, the trace buffer, and the
/// interpreter that runs programs over one simulated address space.
///
/// Lifetimes follow eBPF for Windows: an object lives while something references it. A load's
/// ``LoadedObject`` (netsh's open `bpf_object`) holds every program and map it created; a pin holds
/// its object; a link holds its program; a program holds the maps it uses; an outer map holds its
/// inner maps. Program arrays do not hold their programs (a program and the array it tail-calls
/// through would keep each other alive): a dying program is taken out of every program array.
///
/// One instance belongs to one boot of a machine. Not thread-safe; everything runs on the shell's
/// thread, as the rest of the simulation does.
public final class EbpfCore {
  /// The memory programs see: contexts, data, stacks and every map's values.
  public let memory = AddressSpace()
  /// Programs by id.
  public private(set) var programs: [UInt32: ProgramObject] = [:]
  /// Maps by id.
  public private(set) var maps: [UInt32: MapObject] = [:]
  /// Links by id.
  public private(set) var links: [UInt32: LinkObject] = [:]
  /// Pins: canonical path → object id.
  public private(set) var pins: [String: UInt32] = [:]
  /// Open loads (netsh's object handles), oldest first.
  public private(set) var loadedObjects: [LoadedObject] = []
  /// The trace buffer: printk output and faults, oldest first (at most ``traceCapacity`` lines).
  public private(set) var trace: [TraceRecord] = []
  /// Trace lines dropped because the buffer was full.
  public private(set) var droppedTraceRecords = 0
  /// Lines the trace buffer keeps.
  public static let traceCapacity = 10_000
  /// The id counter.
  public internal(set) var ids = ObjectIDAllocator()
  /// The virtual clock.
  public let clock: MachineClock
  /// Instructions a run may execute before it is stopped: a backstop only, since loading proves
  /// every program terminates (tail-call chains are bounded by the interpreter's limit).
  public let instructionBudget: UInt64

  // The state helpers read on every call. Runs are never nested or concurrent (one shell thread, and
  // helpers never start runs), so the dynamic exclusivity checks are dropped for these.
  /// Who the running program runs for (set around every run).
  @exclusivity(unchecked) var caller = CallerIdentity.system
  /// The hook data of the running invocation (perf_event_output's context capture, XDP's head).
  @exclusivity(unchecked) var invocation = InvocationState()
  /// The program running now, for printk and faults (unowned: whoever started the run holds it).
  @exclusivity(unchecked) unowned(unsafe) var runningProgram: ProgramObject?
  /// Map objects by id, for the helpers' fast path (sparse; ids are small and never reused). Held
  /// unmanaged: ``maps`` keeps them alive, and a slot is cleared before its map goes.
  @exclusivity(unchecked) var mapSlots: [Unmanaged<MapObject>?] = []
  /// State of `bpf_get_prandom_u32` (xorshift64*, seeded).
  var randomState: UInt64
  /// One interpreter (with its own stack) per program type, created on first use.
  var interpreters: [UInt32: Interpreter] = [:]
  /// Context and data regions per program type, registered once and reused by every run.
  var hookMemory: [UInt32: HookMemory] = [:]
  /// What each attach point runs, in attach order: rebuilt when links change, read by every event.
  @exclusivity(unchecked) var attached: [UInt32: [(link: LinkObject, program: ProgramObject)]] = [:]
  /// The bind hook's interpreter and memory, kept at hand for the hot path (unmanaged: the
  /// dictionaries above own them for the runtime's life).
  @exclusivity(unchecked) var bindExecution: (interpreter: Unmanaged<Interpreter>, memory: Unmanaged<HookMemory>)?
  /// The program attached to the bind hook (unmanaged: ``programs`` owns it; kept in step with
  /// the attach list).
  @exclusivity(unchecked) var bindProgram: Unmanaged<ProgramObject>?

  /// Map pointers programs hold are `mapHandleBase | id`: outside every region, so a program that
  /// dereferences one faults, and helpers recognise them.
  public static let mapHandleBase: UInt64 = 0xffff_b000_0000_0000

  /// A fresh runtime (nothing loaded, ids start over).
  public init(clock: MachineClock = .stopped, seed: UInt64 = 0, instructionBudget: UInt64 = 1 << 24) {
    self.clock = clock
    self.instructionBudget = instructionBudget
    randomState = seed ^ 0x9E37_79B9_7F4A_7C15
    if randomState == 0 { randomState = 0x2545_F491_4F6C_DD1D }
  }

  // MARK: Lookup

  /// The map for a pointer a program passed to a helper.
  @inline(__always)
  func map(handle: UInt64) -> MapObject? {
    guard handle & 0xffff_ffff_0000_0000 == Self.mapHandleBase else { return nil }
    let id = Int(handle & 0xffff_ffff)
    return id < mapSlots.count ? mapSlots[id]?.takeUnretainedValue() : nil
  }

  /// The map slot for a pointer, unretained (the hot helpers).
  @inline(__always)
  func mapSlot(handle: UInt64) -> Unmanaged<MapObject>? {
    guard handle & 0xffff_ffff_0000_0000 == Self.mapHandleBase else { return nil }
    let id = Int(handle & 0xffff_ffff)
    return id < mapSlots.count ? mapSlots[id] : nil
  }

  /// The pointer value programs use for a map.
  public static func handle(ofMap id: UInt32) -> UInt64 { mapHandleBase | UInt64(id) }

  /// Programs in id order.
  public var programsByID: [ProgramObject] { programs.keys.sorted().compactMap { programs[$0] } }
  /// Maps in id order.
  public var mapsByID: [MapObject] { maps.keys.sorted().compactMap { maps[$0] } }
  /// Links in id order.
  public var linksByID: [LinkObject] { links.keys.sorted().compactMap { links[$0] } }

  /// The map with this id, or the one named so (the lowest id wins when names repeat).
  public func findMap(_ reference: String) -> MapObject? {
    if let id = parseObjectID(reference), let m = maps[id] { return m }
    return mapsByID.first { $0.name == reference }
  }

  /// The program with this id, or the one named so.
  public func findProgram(_ reference: String) -> ProgramObject? {
    if let id = parseObjectID(reference), let p = programs[id] { return p }
    return programsByID.first { $0.name == reference }
  }

  // MARK: Registration (used by loading)

  func register(_ map: MapObject) {
    maps[map.id] = map
    let slot = Int(map.id)
    if slot >= mapSlots.count { mapSlots.append(contentsOf: repeatElement(nil, count: slot + 1 - mapSlots.count)) }
    mapSlots[slot] = Unmanaged.passUnretained(map)
  }

  func register(_ program: ProgramObject) { programs[program.id] = program }

  func register(_ object: LoadedObject) { loadedObjects.append(object) }

  // MARK: References

  func retainMap(_ id: UInt32) { maps[id]?.references += 1 }

  func releaseMap(_ id: UInt32) {
    guard let m = maps[id] else { return }
    m.references -= 1
    guard m.references <= 0 else { return }
    if m.map.type.isMapOfMaps, let inner = try? m.map.entries() {
      for entry in inner {
        let held = loadU32(entry.value)
        if held != 0 { releaseMap(held) }
      }
    }
    maps[id] = nil
    if Int(id) < mapSlots.count { mapSlots[Int(id)] = nil }
    memory.unregister(m.region)
  }

  func retainProgram(_ id: UInt32) { programs[id]?.references += 1 }

  func releaseProgram(_ id: UInt32) {
    guard let p = programs[id] else { return }
    p.references -= 1
    guard p.references <= 0 else { return }
    programs[id] = nil
    // Program arrays do not hold their programs; clear the slots that named this one.
    for m in maps.values where m.map.type == .progArray {
      for key in (try? m.map.keys()) ?? [] where (try? m.map.lookup(key)).map(loadU32) == id {
        try? m.map.update(key, [0, 0, 0, 0])
      }
    }
    for mapID in p.mapIDs { releaseMap(mapID) }
  }

  // MARK: Loaded objects

  /// Closes a load's handle: its references on every program and map go.
  public func close(_ object: LoadedObject) {
    guard !object.isClosed else { return }
    object.isClosed = true
    loadedObjects.removeAll { $0 === object }
    for id in object.programIDs { releaseProgram(id) }
    for id in object.mapIDs { releaseMap(id) }
  }

  /// The open load that created a program.
  public func loadedObject(containingProgram id: UInt32) -> LoadedObject? {
    loadedObjects.first { $0.programIDs.contains(id) }
  }

  // MARK: Pins

  /// Pins an object at a path (canonicalised); ``EBPFResult/alreadyPinned`` when the path is taken,
  /// ``EBPFResult/invalidObject`` for an unknown id.
  @discardableResult
  public func pin(_ id: UInt32, at path: String) throws(EBPFResult) -> String {
    let canonical = try PinPath.canonicalize(path)
    guard pins[canonical] == nil else { throw .alreadyPinned }
    if let p = programs[id] {
      p.pinPaths.append(canonical)
      retainProgram(id)
    } else if let m = maps[id] {
      m.pinPaths.append(canonical)
      retainMap(id)
    } else {
      throw .invalidObject
    }
    pins[canonical] = id
    return canonical
  }

  /// Removes one pin; ``EBPFResult/objectNotFound`` when nothing is pinned there.
  public func unpin(path: String) throws(EBPFResult) {
    let canonical = try PinPath.canonicalize(path)
    guard let id = pins.removeValue(forKey: canonical) else { throw .objectNotFound }
    if let p = programs[id] {
      p.pinPaths.removeAll { $0 == canonical }
      releaseProgram(id)
    } else if let m = maps[id] {
      m.pinPaths.removeAll { $0 == canonical }
      releaseMap(id)
    }
  }

  /// Pin paths of programs, sorted by code point (what `show pins` lists).
  public var programPins: [(path: String, id: UInt32)] {
    pins.filter { programs[$0.value] != nil }.map { ($0.key, $0.value) }.sorted {
      Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8))
    }
  }

  /// The object pinned at a path.
  public func pinnedObject(at path: String) -> UInt32? {
    guard let canonical = try? PinPath.canonicalize(path) else { return nil }
    return pins[canonical]
  }

  // MARK: Links

  /// Attaches a program; returns the link. Bind allows one program at a time
  /// (``EBPFResult/accessDenied`` for a second); XDP takes an interface and sock_addr a compartment.
  public func attach(
    programID: UInt32, attachType requested: AttachType? = nil, interfaceIndex: UInt32 = 0, compartmentID: UInt32 = 0
  ) throws(EBPFResult) -> LinkObject {
    guard let p = programs[programID] else { throw .invalidObject }
    guard let attachType = requested ?? p.expectedAttachType ?? p.programType.attachTypes.first else {
      throw .invalidArgument
    }
    guard attachType.programTypeNumber == p.programType.number else { throw .invalidArgument }
    if attachType.number == AttachType.bindNumber, links.values.contains(where: { $0.attachType == attachType }) {
      throw .accessDenied
    }
    guard let id = ids.allocate() else { throw .noMemory }
    let link = LinkObject(
      id: id, programID: programID, attachType: attachType, interfaceIndex: interfaceIndex, compartmentID: compartmentID
    )
    links[id] = link
    p.linkIDs.append(id)
    retainProgram(programID)
    attached[attachType.number, default: []].append((link, p))
    refreshBindProgram()
    return link
  }

  /// Detaches a link.
  public func detach(linkID: UInt32) throws(EBPFResult) {
    guard let link = links.removeValue(forKey: linkID) else { throw .objectNotFound }
    programs[link.programID]?.linkIDs.removeAll { $0 == linkID }
    attached[link.attachType.number]?.removeAll { $0.link === link }
    refreshBindProgram()
    releaseProgram(link.programID)
  }

  func refreshBindProgram() {
    bindProgram = attached[AttachType.bindNumber]?.first.map { Unmanaged.passUnretained($0.program) }
  }

  /// True when a program is attached at `attachType`.
  public func hasPrograms(at attachType: AttachType) -> Bool { !(attached[attachType.number]?.isEmpty ?? true) }

  /// Links of an attach type, in attach order (ascending link id).
  public func links(for attachType: AttachType) -> [LinkObject] {
    (attached[attachType.number] ?? []).map(\.link)
  }

  // MARK: Trace buffer

  func appendTrace(_ kind: TraceRecord.Kind, _ text: String) {
    if trace.count >= Self.traceCapacity {
      // Drop the oldest tenth at once, so a program printing on every event does not shift the
      // whole buffer each time.
      let drop = max(1, trace.count - Self.traceCapacity + Self.traceCapacity / 10)
      trace.removeFirst(drop)
      droppedTraceRecords += drop
    }
    trace.append(
      TraceRecord(
        kind: kind, time: clock.interruptTime(), programID: runningProgram?.id ?? 0,
        programName: runningProgram?.name ?? "", processID: caller.processID, text: text))
  }

  /// Empties the trace buffer.
  public func clearTrace() {
    trace.removeAll()
    droppedTraceRecords = 0
  }
}

/// A decimal or `0x` id.
func parseObjectID(_ text: String) -> UInt32? {
  if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt32(text.dropFirst(2), radix: 16) }
  return UInt32(text)
}

/// The little-endian u32 at the start of a value (0 when shorter).
func loadU32(_ bytes: [UInt8]) -> UInt32 {
  guard bytes.count >= 4 else { return 0 }
  return UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
}

extension AttachType {
  /// `BPF_ATTACH_TYPE_BIND`.
  static let bindNumber: UInt32 = 2
}
