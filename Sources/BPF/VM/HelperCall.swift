/// What a helper function receives: its id, r1–r5, the program's memory, and run state.
public struct HelperCall {
  /// The helper id (the `imm` of `call`, or the register value of `callx`).
  public let id: Int32
  /// Slot index of the calling instruction.
  public let pc: Int
  /// Argument registers.
  public var r1, r2, r3, r4, r5: UInt64
  /// The program's memory: read keys, write values, register regions for returned memory. Held
  /// unowned: a call lives only while its interpreter (which owns the memory) runs, and every
  /// helper call would otherwise pay a retain and a release.
  public unowned(unsafe) let memory: AddressSpace
  /// Tail calls made so far in this run.
  public let tailCallCount: Int
  /// The address space's region table, for checked reads without touching the space object.
  let table: UnsafePointer<RegionEntry>

  /// Creates a call (the interpreter does; tests of helper functions may too).
  public init(
    id: Int32, pc: Int = 0, r1: UInt64 = 0, r2: UInt64 = 0, r3: UInt64 = 0, r4: UInt64 = 0, r5: UInt64 = 0,
    memory: AddressSpace, tailCallCount: Int = 0
  ) {
    self.id = id
    self.pc = pc
    self.r1 = r1
    self.r2 = r2
    self.r3 = r3
    self.r4 = r4
    self.r5 = r5
    self.memory = memory
    self.tailCallCount = tailCallCount
    table = UnsafePointer(memory.table)
  }

  /// Host memory for `count` (at least 1) bytes the helper reads at `address`, checked as a program
  /// load would be; nil when they are not all readable. (Writes go through ``memory``, which also
  /// keeps a sanitizing run's initialisation shadow.)
  @inline(__always)
  public func readablePointer(_ address: UInt64, count: Int) -> UnsafeMutableRawPointer? {
    guard count > 0, count < 1 << 32 else { return nil }
    return translateRead(table, address, UInt64(count))
  }
}

/// What a helper function returns.
public enum HelperResult {
  /// Continue with this value in r0.
  case value(UInt64)
  /// Stop the run with a fault carrying this message.
  case fault(String)
  /// Replace the running program by another (bpf_tail_call): it starts at pc 0 with r1 = the
  /// helper's r1, a fresh frame, and its exit ends the run. Limited by `maxTailCalls`.
  case tailCall(Program)
  /// End the run now with this r0 (as an `exit` from the outermost frame would).
  case exit(UInt64)
}

/// A helper function the runtime provides.
public typealias HelperFunction = (HelperCall) -> HelperResult
