/// Why a load failed, in netsh's terms: the stage (`could not open file` / `could not load
/// program`), the errno netsh prints, and the log lines that explain it.
public struct LoadFailure: Error, Sendable, Hashable, CustomStringConvertible {
  /// Where the load stopped.
  public enum Stage: Sendable, Hashable {
    /// `bpf_object__open`: the file is missing, not an eBPF object, or names no known program type.
    case open
    /// `bpf_object__load`: maps, relocations, checks or program creation failed.
    case load
  }

  /// Where it stopped.
  public var stage: Stage
  /// The errno netsh prints (`ebpf_result_to_errno`).
  public var errno: Int32
  /// What went wrong, one line each (the program's log buffer).
  public var details: [String]

  /// Creates a failure.
  public init(_ stage: Stage, errno: Int32, _ details: [String]) {
    self.stage = stage
    self.errno = errno
    self.details = details
  }

  /// A failure from an `ebpf_result_t`.
  public init(_ stage: Stage, _ result: EBPFResult, _ details: [String]) {
    self.init(stage, errno: result.errno, details)
  }

  /// netsh's line: `error 22: could not open file`.
  public var headline: String {
    "error \(errno): " + (stage == .open ? "could not open file" : "could not load program")
  }

  /// The headline and the details.
  public var description: String { ([headline] + details).joined(separator: "\n") }
}
