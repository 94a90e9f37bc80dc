/// A notification a simulated process raises for kernel extensions to observe — the attach point
/// for hook providers such as the eBPF runtime's (`bind`, `connect`, `process` hooks).
public struct KernelEvent {
  /// What happened (`bind`, `connect`, …), as the listener registered it.
  public let kind: String
  /// The process it happened in.
  public let process: EProcess
  /// The thread that raised it.
  public let thread: EThread?
  /// Named integer fields (addresses, ports, protocol…).
  public var fields: [String: UInt64]
  /// Raw data (a packet, a name).
  public var payload: [UInt8]

  /// Creates an event.
  public init(kind: String, process: EProcess, thread: EThread?, fields: [String: UInt64] = [:], payload: [UInt8] = []) {
    self.kind = kind
    self.process = process
    self.thread = thread
    self.fields = fields
    self.payload = payload
  }
}

extension Kernel {
  /// Registers a listener for events of a kind; it returns a verdict (0 to permit). The returned
  /// id removes it.
  @discardableResult
  public func addEventListener(_ kind: String, _ listener: @escaping (KernelEvent) -> Int64) -> Int {
    nextListenerId += 1
    eventListeners.append((nextListenerId, kind, listener))
    return nextListenerId
  }

  /// Removes a listener.
  public func removeEventListener(_ id: Int) { eventListeners.removeAll { $0.id == id } }

  /// Delivers an event to the listeners of its kind, in registration order; their verdicts.
  public func raise(_ event: KernelEvent) -> [Int64] {
    var verdicts: [Int64] = []
    for l in eventListeners where l.kind == event.kind { verdicts.append(l.listener(event)) }
    return verdicts
  }
}
