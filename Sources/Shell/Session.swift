#if canImport(Glibc)
  import Glibc
#endif

/// The state of one shell session: where the user is, aliases, the context stack, options and the
/// output. Handlers reach it through ``CommandCall/session``.
public final class Session {
  /// Options fixed for the whole session.
  public struct Options {
    /// Continue a script after a failed command.
    public var keepGoing = false
    /// Make `format=json` the default of every `show` command.
    public var json = false
    /// Seed for anything random (address layout jitter, generated programs).
    public var seed: UInt64 = 0
    /// True when a person types at a terminal.
    public var interactive = false

    /// Default options.
    public init() {}
  }

  /// The context commands are resolved in.
  public internal(set) var current: ContextNode
  /// The root context.
  public let root: ContextNode
  /// netsh's `pushd` stack.
  public internal(set) var contextStack: [ContextNode] = []
  /// Aliases: name → replacement text for the first word of a line.
  public internal(set) var aliases: [String: String] = [:]
  /// Session options.
  public var options: Options
  /// Where output goes.
  public let output: Output
  /// Folder against which relative paths are resolved and printed (a transcript's folder).
  public var baseDirectory: String
  /// Set by `exit`, `quit`, `bye`.
  public internal(set) var exitRequested = false
  /// Files of the `exec` calls running now, outermost first (recursion guard).
  public internal(set) var scriptStack: [String] = []
  /// Run after every command, before the next prompt (background processes print here).
  public var afterCommand: [(Session) -> Void] = []
  /// The interpreter that owns this session.
  public internal(set) weak var shell: Shell?

  init(root: ContextNode, output: Output, options: Options, baseDirectory: String) {
    self.root = root
    self.current = root
    self.output = output
    self.options = options
    self.baseDirectory = baseDirectory
  }

  /// The prompt of the current context.
  public var prompt: String { current.prompt }

  /// An absolute path for a path the user typed (relative ones are taken from ``baseDirectory``).
  public func resolvePath(_ path: String) -> String {
    if path.hasPrefix("/") { return normalize(path) }
    if path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") {
      return normalize(String(cString: home) + path.dropFirst())
    }
    return normalize(baseDirectory + "/" + path)
  }

  /// A path as output shows it: relative to ``baseDirectory`` when inside it, absolute otherwise.
  public func displayPath(_ absolute: String) -> String {
    let base = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
    if absolute + "/" == base { return "." }
    if absolute.hasPrefix(base) { return String(absolute.dropFirst(base.count)) }
    return absolute
  }

  private func normalize(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }
}
