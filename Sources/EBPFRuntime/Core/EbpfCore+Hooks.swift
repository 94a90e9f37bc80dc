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
  /// The runs, in order.
  public var runs: [HookRun] = []
  /// True when the operation may go on (the kernel event's verdict is 0).
  public var permitted = true
  /// The hook's action in words (`permitted`, `denied`, `XDP_DROP` …).
  public var action = "permitted (no program attached)"
  /// The hook's action as the verdict code it stands for (bind_action_t, sock_addr verdict, xdp_action_t).
  public var verdict: Int64?
  /// The last run's context and data.
  public var output: HookOutput?
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
    compartmentID: UInt32 = 0
  ) -> HookOutcome {
    var outcome = HookOutcome()
    var attached = links(for: attachType).compactMap { link -> ProgramObject? in
      switch attachType.programTypeNumber {
      case ProgramType.xdp.number:
        guard link.interfaceIndex == 0 || link.interfaceIndex == interfaceIndex else { return nil }
      case ProgramType.sockAddr.number:
        guard link.compartmentID == 0 || link.compartmentID == compartmentID else { return nil }
      default: break
      }
      return programs[link.programID]
    }
    if attachType.programTypeNumber == ProgramType.xdp.number || attachType.number == AttachType.bindNumber {
      attached = Array(attached.prefix(1))
    }
    guard !attached.isEmpty else {
      if attachType.programTypeNumber == ProgramType.xdp.number { outcome.action = "XDP_PASS (no program attached)" }
      return outcome
    }
    for program in attached {
      let result = run(program, input: input, caller: caller)
      outcome.runs.append(HookRun(program: program, result: result))
      guard case .success(let report) = result else {
        if case .failure(let fault) = result { recordFault(program, fault, caller: caller) }
        continue
      }
      outcome.output = report.output
      let value = Int64(Int32(truncatingIfNeeded: report.returnValue))
      switch attachType.programTypeNumber {
      case ProgramType.bind.number:
        outcome.verdict = value
        outcome.permitted = value != 1
        outcome.action = ProgramType.bind.verdict?.name(of: value).map { value == 1 ? "denied (\($0))" : "permitted (\($0))" }
          ?? "permitted (unknown verdict \(value))"
      case ProgramType.sockAddr.number:
        outcome.verdict = value
        switch value {
        case 1:
          outcome.action = "permitted (BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT)"
          continue
        case 2:
          outcome.action = "permitted (BPF_SOCK_ADDR_VERDICT_PROCEED_HARD)"
        default:
          outcome.permitted = false
          outcome.action = value == 0 ? "rejected (BPF_SOCK_ADDR_VERDICT_REJECT)" : "rejected (unknown verdict \(value))"
        }
        return outcome
      case ProgramType.xdp.number:
        outcome.verdict = value
        outcome.permitted = value == 1 || value == 3
        outcome.action = ProgramType.xdp.verdict?.name(of: value) ?? "XDP_DROP (unknown action \(value))"
      case ProgramType.sockOps.number:
        outcome.verdict = value
        outcome.action = "returned \(value)"
      default:
        outcome.verdict = value
        outcome.action = "returned \(value)"
      }
    }
    if outcome.verdict == nil { outcome.action = "permitted (every program faulted)" }
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
