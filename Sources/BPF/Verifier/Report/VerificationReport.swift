/// The text `netsh ebpf show verification` prints for a verification result (eBPF for Windows'
/// format around PREVAIL's report):
///
/// - success: `Verification succeeded`, `Program terminates within N loop iterations`;
/// - failure: `Verification failed`, a blank line, `Verification report:`, then per error a
///   `; file:line` / `; source` block (blank lines around it, only when the line changes) and
///   `<pc>: <message>`, then a blank line, `<N> errors` (always plural) and a blank line.
///
/// Level `informational` adds each error's failure slice; `verbose` adds the abstract state before
/// and after every instruction and the notes (unreachable code, division by zero).
public struct VerificationReport: Sendable {
  /// A source position from line info (BTF.ext).
  public struct SourceLine: Hashable, Sendable {
    /// The file name as compiled (`./bind_counter.c`).
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The source text of the line.
    public var text: String

    /// Creates a source position.
    public init(file: String, line: Int, text: String) {
      self.file = file
      self.line = line
      self.text = text
    }
  }

  /// The complete text.
  public let text: String
  /// True for a failure (netsh prints it to standard error).
  public let isFailure: Bool

  /// Renders `result` at `level`; `lineInfo` maps a pc to its source line when the object has
  /// line info.
  public init(
    _ result: VerificationResult, level: VerificationLevel = .normal,
    lineInfo: @escaping (Int) -> SourceLine? = { _ in nil }
  ) {
    var out = ""
    var printer = LinePrinter(lineInfo: lineInfo)
    if level == .verbose {
      out += Self.invariants(result.invariants, &printer)
      printer.reset()
    }
    if level != .normal && !result.notes.isEmpty {
      out += "Notes:\n"
      for n in result.notes { out += "\(n)\n" }
      out += "\n"
    }
    if result.succeeded {
      out += "Verification succeeded\n"
      out += "Program terminates within \(result.maxLoopCount) loop iterations\n"
      text = out
      isFailure = false
      return
    }
    out += "Verification failed\n\nVerification report:\n"
    for e in result.errors {
      out += printer.lineBlock(for: e.pc)
      out += "\(e)\n"
      if level == .informational, let slice = result.slices.first(where: { $0.error == e }) {
        out += Self.slice(slice)
      }
    }
    out += "\n\(result.errors.count) errors\n\n"
    text = out
    isFailure = true
  }

  /// Prints `; file:line` / `; source` blocks when the source line changes.
  struct LinePrinter {
    let lineInfo: (Int) -> SourceLine?
    var previous: SourceLine? = nil

    init(lineInfo: @escaping (Int) -> SourceLine?) { self.lineInfo = lineInfo }

    mutating func reset() { previous = nil }

    mutating func lineBlock(for pc: Int) -> String {
      guard let line = lineInfo(pc), line != previous else { return "" }
      previous = line
      return "\n; \(line.file):\(line.line)\n; \(line.text)\n\n"
    }

    /// The block without the surrounding blank lines (for listings).
    mutating func comment(for pc: Int) -> String {
      guard let line = lineInfo(pc), line != previous else { return "" }
      previous = line
      return "; \(line.file):\(line.line)\n; \(line.text)\n"
    }
  }

  static func invariants(_ entries: [InvariantEntry], _ printer: inout LinePrinter) -> String {
    var out = ""
    var chain: [Int]? = nil
    for e in entries {
      if e.callChain != chain {
        chain = e.callChain
        if !e.callChain.isEmpty {
          out += "\n; in the call made at \(e.callChain.map(String.init).joined(separator: " -> "))\n"
        }
        printer.reset()
      }
      out += "\nPre-invariant : [\n" + e.pre.map { "    " + $0 }.joined(separator: ",\n") + "]\n"
      out += printer.comment(for: e.pc)
      let pc = String(e.pc)
      out += String(repeating: " ", count: max(0, 8 - pc.count)) + pc + ":\t" + e.text + "\n"
      out += "Post-invariant : [\n" + e.post.map { "    " + $0 }.joined(separator: ",\n") + "]\n"
    }
    return out + "\n"
  }

  static func slice(_ s: FailureSlice) -> String {
    guard !s.steps.isEmpty else { return "" }
    var out = "; failure slice:\n"
    for step in s.steps {
      let pc = String(step.pc)
      out += ";" + String(repeating: " ", count: max(0, 8 - pc.count)) + pc + ":\t" + step.text
      if !step.state.isEmpty { out += "\t[" + step.state.joined(separator: ", ") + "]" }
      out += "\n"
    }
    return out
  }
}
