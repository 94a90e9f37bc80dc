import CBPFInterpreter

/// `uint64_t **regs` of the C handlers: the register file (r0–r10).
typealias TCRegs = UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
/// The current instruction.
typealias TCPC = UnsafePointer<bpf_op>
/// `const void **rt`: the address space's region table.
typealias TCTable = UnsafeMutablePointer<UnsafeRawPointer>
/// `intptr_t *k`: the budget anchor.
typealias TCAnchor = UnsafeMutablePointer<Int>

/// Bytes per pre-decoded instruction.
let opStride = MemoryLayout<bpf_op>.stride
/// Bytes of stack per call frame.
let frameSize = 512

/// A suspended caller: where to return and its callee-saved registers.
struct CallFrame {
  var returnPC: TCPC
  var r6: UInt64, r7: UInt64, r8: UInt64, r9: UInt64
}

/// Why the chain of handlers stopped.
enum StopReason: UInt8 {
  case running, exit, memory, budget, callDepth, fellOff
  /// A fault whose reason the engine holds (helpers, tail calls).
  case engineFault
}

/// The state the instruction bodies share, reached through the Swift context register.
///
/// The budget anchor `k` (a register of the C handlers) makes instruction counting free on
/// straight-line code: with B the budget, `k = code + (B - executed + entry) * opStride` where
/// `entry` is the index of the first instruction of the current straight-line run. The budget is
/// exceeded at instruction `a` exactly when `code + a * opStride >= k`, so only control
/// transfers (taken jumps, calls, exits) check `pc >= k`, and a transfer from `a` to `t` adds
/// `(t - a - 1) * opStride` to `k` — the same amount the jump adds to `pc`. Instructions executed
/// up to and including `a` are `B - ((k - pc_a) / opStride - 1)`.
struct ThreadedState {
  var code: TCPC
  var halt: TCPC
  var constants: UnsafePointer<UInt64>
  var frames: UnsafeMutablePointer<CallFrame>
  var depth = 0
  /// Deepest frame zeroed in this run (frames are zeroed when first entered).
  var zeroedDepth = 0
  var maxDepth: Int
  var stackEntry: UnsafeMutablePointer<RegionEntry>
  var stackBase: UInt64
  var stopReason = StopReason.running
  var stopPC: TCPC?
  var finalK = 0
  var faultAddress: UInt64 = 0
  var faultSize = 0
  var faultWrite = false
  var engine: Unmanaged<ThreadedEngine>
}
