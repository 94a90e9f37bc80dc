/// A session as a person saw it: input lines (a known prompt, one optional space, the command)
/// each followed by the output expected from it.
///
/// Lines before the first input line are a free-form header, kept as written and not compared.
/// An expected line may hold holes, `{{regex}}`, for the few values that legitimately vary
/// (durations); everything else must match byte for byte.
public struct Transcript {
  /// One command and what it should print.
  public struct Step {
    /// The prompt exactly as the transcript wrote it, including an optional space.
    public var prompt: String
    /// The command typed.
    public var input: String
    /// Expected output lines (stdout and stderr interleaved).
    public var expected: [String]

    /// The input line as written.
    public var inputLine: String { prompt + input }
  }

  /// Lines before the first input.
  public var header: [String]
  /// The commands in order.
  public var steps: [Step]

  /// Parses a transcript, recognising input lines by the given prompts.
  public init(text: String, prompts: [String]) {
    let cores = Set(prompts.map { $0.trimmingSpaces }).sorted { $0.count > $1.count }
    header = []
    steps = []
    for line in FileReader.lines(of: text) {
      if let core = cores.first(where: { line.hasPrefix($0) }) {
        var rest = Substring(line.dropFirst(core.count))
        var prompt = core
        if rest.hasPrefix(" ") {
          rest = rest.dropFirst()
          prompt += " "
        }
        steps.append(Step(prompt: prompt, input: String(rest), expected: []))
      } else if steps.isEmpty {
        header.append(line)
      } else {
        steps[steps.count - 1].expected.append(line)
      }
    }
  }

  /// True when `actual` matches the expected line `pattern` (literally, or through its holes).
  public static func line(_ actual: String, matches pattern: String) -> Bool {
    if actual == pattern { return true }
    guard pattern.contains("{{"), let regex = HolePattern(pattern) else { return false }
    return regex.matches(actual)
  }
}

/// An expected line with `{{regex}}` holes, compiled to one anchored regular expression.
struct HolePattern {
  private let regex: Regex<AnyRegexOutput>

  init?(_ pattern: String) {
    var source = ""
    var rest = Substring(pattern)
    while let open = rest.firstRange(of: "{{") {
      source += Self.escape(rest[..<open.lowerBound])
      let after = rest[open.upperBound...]
      guard let close = after.firstRange(of: "}}") else { return nil }
      source += "(?:" + after[..<close.lowerBound] + ")"
      rest = after[close.upperBound...]
    }
    source += Self.escape(rest)
    guard let compiled = try? Regex(source) else { return nil }
    regex = compiled
  }

  func matches(_ line: String) -> Bool {
    (try? regex.wholeMatch(in: line)) != nil
  }

  private static func escape(_ text: Substring) -> String {
    var out = ""
    for ch in text {
      if "\\^$.|?*+()[]{}/".contains(ch) { out.append("\\") }
      out.append(ch)
    }
    return out
  }
}
