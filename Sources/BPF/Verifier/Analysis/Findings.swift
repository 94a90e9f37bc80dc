/// What checking one instruction found: failed safety conditions (errors), facts worth telling at
/// the verbose level (notes), and whether its memory access was proven in bounds.
final class Findings {
  /// True when messages are wanted (the final pass); during the fixpoint only the flags matter.
  let recording: Bool
  private(set) var errors: [String] = []
  private(set) var notes: [String] = []
  /// False once any check of the instruction failed.
  private(set) var allChecksPassed = true

  init(recording: Bool) { self.recording = recording }

  /// Records a failed check.
  func fail(_ message: @autoclosure () -> String) {
    allChecksPassed = false
    if recording {
      let m = message()
      if !errors.contains(m) { errors.append(m) }
    }
  }

  /// Records a note (not an error).
  func note(_ message: @autoclosure () -> String) {
    if recording {
      let m = message()
      if !notes.contains(m) { notes.append(m) }
    }
  }

  /// Starts a new instruction.
  func reset() {
    errors.removeAll(keepingCapacity: true)
    notes.removeAll(keepingCapacity: true)
    allChecksPassed = true
  }
}

/// PREVAIL's assertion texts, the parenthesised part of a message.
enum AssertionText {
  /// `r1.type == number` or `r1.type in {ctx, stack}`.
  static func type(_ r: Register, _ required: TypeSet) -> String {
    let names = TypeSet.names.filter { required.contains($0.0) }.map(\.1)
    if names.count == 1 { return "\(r).type == \(names[0])" }
    return "\(r).type in {" + names.joined(separator: ", ") + "}"
  }

  /// `valid_access(r1.offset+12, width=2) for write`.
  static func access(_ r: Register, offset: Int64, width: String, write: Bool) -> String {
    var s = "valid_access(\(r).offset"
    if offset > 0 { s += "+\(offset)" } else if offset < 0 { s += "\(offset)" }
    return s + ", width=\(width)) for " + (write ? "write" : "read")
  }

  /// `valid_access(r1.offset) for comparison/subtraction`.
  static func comparison(_ r: Register) -> String { "valid_access(\(r).offset) for comparison/subtraction" }
}
