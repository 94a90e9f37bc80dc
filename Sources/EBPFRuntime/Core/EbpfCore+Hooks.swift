import BPF

/// One program's run during a hook invocation.
public struct HookRun {
  /// The program.
  public let program: ProgramObject
  /// Its outcome.
  public let result: Result<RunReport, Fault>
}

/// What a hook did with an event: the programs that ran and the action the hook took.
public struct HookOutcome {
  /// The attach point's program type number.
  public var programTypeNumber: UInt32 = 0
  /// The runs, in order (empty when the caller did not ask to keep them).
  public var runs: [HookRun] = []
  /// True when at least one program ran.
  public var ran = false
  /// True when the operation may go on (the kernel event's verdict is 0).
  public var permitted = true
  /// The hook's action as the verdict code it stands for (bind_action_t, sock_addr verdict,
  /// xdp_action_t), nil when no program gave one.
  public var verdict: Int64?

  /// The hook's action in words (`permitted (BIND_PERMIT_SOFT)`, `XDP_DROP` …).
  public var action: String {
    guard let v = verdict else { return ran ? "permitted (every program faulted)" : "permitted (no program attached)" }
    switch programTypeNumber {
    case ProgramType.bind.number:
      let name = ProgramType.bind.verdict?.name(of: v) ?? "unknown verdict \(v)"
      return v == 1 ? "denied (\(name))" : "permitted (\(name))"
    case ProgramType.sockAddr.number:
      let name = ProgramType.sockAddr.verdict?.name(of: v) ?? "unknown verdict \(v)"
      return (permitted ? "permitted (" : "rejected (") + name + ")"
    case ProgramType.xdp.number:
      return ProgramType.xdp.verdict?.name(of: v) ?? "XDP_DROP (unknown action \(v))"
    default:
      return "returned \(v)"
    }
  }
}

extension EbpfCore {
  /// Delivers an event to the programs attached at `attachType`, as the hook provider would, and
  /// combines their verdicts with the hook's rules:
  /// - bind: one program; `BIND_DENY` refuses, every other value permits;
  /// - sock_addr: every program in attach order (filtered by compartment); `REJECT` (0) or an unknown
  ///   value stops with a refusal, `PROCEED_HARD` (2) stops with permission, `PROCEED_SOFT` (1) goes on;
  /// - sock_ops: every program; return values are ignored;
  /// - xdp: the program attached to the interface (or to all); `XDP_PASS` passes, `XDP_TX` sends it
  ///   back, anything else drops;
  /// - sample: every program; the last one's value is the result.
  /// A run that faults counts as no verdict (recorded in the trace buffer).
  public func invoke(
    _ attachType: AttachType, input: HookInput, caller: CallerIdentity, interfaceIndex: UInt32 = 0,
    compartmentID: UInt32 = 0, keepRuns: Bool = true
  ) -> HookOutcome {
    var outcome = HookOutcome(programTypeNumber: attachType.programTypeNumber)
    guard let list = attached[attachType.number], !list.isEmpty else { return outcome }
    let single = attachType.programTypeNumber == ProgramType.xdp.number || attachType.number == AttachType.bindNumber
    for (link, program) in list {
      switch attachType.programTypeNumber {
      case ProgramType.xdp.number:
        guard link.interfaceIndex == 0 || link.interfaceIndex == interfaceIndex else { continue }
      case ProgramType.sockAddr.number:
        guard link.compartmentID == 0 || link.compartmentID == compartmentID else { continue }
      default: break
      }
      let result = run(program, input: input, caller: caller, captureOutput: false)
      if keepRuns { outcome.runs.append(HookRun(program: program, result: result)) }
      outcome.ran = true
      if case .success(let report) = result {
        if combine(report.returnValue, type: attachType.programTypeNumber, into: &outcome) { return outcome }
      } else if case .failure(let fault) = result {
        recordFault(program, fault, caller: caller)
      }
      if single { break }
    }
    return outcome
  }

  /// Folds one program's return value into the outcome; true when the hook stops here
  /// (sock_addr's reject and hard proceed).
  @inline(__always)
  func combine(_ returnValue: UInt64, type: UInt32, into outcome: inout HookOutcome) -> Bool {
    let value = Int64(Int32(truncatingIfNeeded: returnValue))
    outcome.verdict = value
    switch type {
    case ProgramType.bind.number:
      outcome.permitted = value != 1
    case ProgramType.sockAddr.number:
      guard value != 1 else { return false }
      outcome.permitted = value == 2
      return true
    case ProgramType.xdp.number:
      outcome.permitted = value == 1 || value == 3
    default:
      break
    }
    return false
  }

  /// The bind hook's hot path: the event written straight into the context region (no
  /// intermediate buffers), the attached program run, its verdict applied.
  public func invoke(bind event: BindEvent, caller: CallerIdentity, keepRuns: Bool = true) -> HookOutcome {
    var outcome = HookOutcome(programTypeNumber: ProgramType.bind.number)
    guard let attached = bindProgram else { return outcome }
    let run = attached._withUnsafeGuaranteedRef { runBind($0, event: event, caller: caller) }
    if keepRuns { outcome.runs.append(HookRun(program: attached.takeUnretainedValue(), result: run.result)) }
    outcome.ran = true
    if let e = run.execution {
      _ = combine(e.result, type: ProgramType.bind.number, into: &outcome)
    } else if let fault = run.fault {
      recordFault(attached.takeUnretainedValue(), fault, caller: caller)
    }
    return outcome
  }

  func recordFault(_ program: ProgramObject, _ fault: Fault, caller: CallerIdentity) {
    let (previousProgram, previousCaller) = (runningProgram, self.caller)
    runningProgram = program
    self.caller = caller
    appendTrace(.fault, "fault: \(fault.description)")
    runningProgram = previousProgram
    self.caller = previousCaller
  }
}
