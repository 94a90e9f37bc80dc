#if canImport(Glibc)
  import Glibc
#endif

/// Tab completion from the command tables: context names, commands and nouns at the current
/// position, `tag=` names of the command being typed, enumerated values, file paths for file tags,
/// and dynamic values a context supplies.
public struct Completer {
  /// What completing the word under the cursor offers.
  public struct Completion: Equatable {
    /// The partial word being completed (the text the candidates replace).
    public var word: String
    /// Full replacements for the partial word, sorted.
    public var candidates: [String]

    /// The longest text every candidate starts with (case-insensitively), in the first candidate's spelling.
    public var commonPrefix: String {
      guard var prefix = candidates.first.map(Array.init) else { return "" }
      for candidate in candidates.dropFirst() {
        let c = Array(candidate)
        var n = 0
        while n < prefix.count && n < c.count && prefix[n].lowercased() == c[n].lowercased() { n += 1 }
        prefix = Array(prefix[..<n])
      }
      return String(prefix)
    }

    /// True when a completed candidate should be followed by a space (not after `tag=` or `dir/`).
    public static func wantsSpace(_ candidate: String) -> Bool {
      !(candidate.hasSuffix("=") || candidate.hasSuffix("/"))
    }
  }

  private enum Position {
    case topLevel(ContextNode)
    case noun(ContextNode, verb: String)
    case arguments(CommandSpec, used: Set<Int>, positional: Int)
    case nothing
  }

  /// The shell whose tables and session are completed against.
  public let shell: Shell

  /// Creates a completer.
  public init(shell: Shell) { self.shell = shell }

  /// Completes the last word of `line` (the text before the cursor).
  public func complete(_ line: String) -> Completion {
    let (words, partial) = split(line)
    var position = Position.topLevel(shell.session.current)
    for word in words {
      position = advance(position, over: word)
    }
    let candidates = offer(position, partial: partial)
    return Completion(word: partial, candidates: candidates)
  }

  /// Splits into complete words and the partial last word (quotes stripped, unbalanced allowed).
  private func split(_ line: String) -> ([Token], String) {
    var words: [Token] = []
    var current = ""
    var inQuote = false
    var tagLength: Int?
    var started = false
    for ch in line {
      if inQuote {
        if ch == "\"" { inQuote = false } else { current.append(ch) }
      } else if ch == " " || ch == "\t" {
        if started { words.append(Token(current, tagLength: tagLength)) }
        current = ""
        tagLength = nil
        started = false
      } else if ch == "\"" {
        inQuote = true
        started = true
      } else {
        if ch == "=" && tagLength == nil && !current.isEmpty { tagLength = current.utf8.count }
        current.append(ch)
        started = true
      }
    }
    return (words, current)
  }

  private func advance(_ position: Position, over word: Token) -> Position {
    switch position {
    case .topLevel(let node):
      // `help X` and `pushd X` complete X as a command of its own.
      if Shell.helpWords.contains(word.text.lowercased()) { return .topLevel(node) }
      guard case .one(let entry) = PrefixMatcher.match(word.text, in: shell.table(for: node).topLevel) else {
        return .nothing
      }
      switch entry {
      case .context(let child): return .topLevel(child)
      case .group(let verb): return .noun(node, verb: verb)
      case .command(let spec, _):
        if case .commandLine = spec.tags.first?.value { return .topLevel(node) }
        return .arguments(spec, used: [], positional: 0)
      }
    case .noun(let node, let verb):
      let members = shell.table(for: node).groupMembers(verb)
      guard case .one(let member) = PrefixMatcher.match(word.text, in: members.map { (keyword: $0.spec.words[1], value: $0) })
      else { return .nothing }
      return .arguments(member.spec, used: [], positional: 0)
    case .arguments(let spec, var used, let positional):
      if let tag = word.tag,
        case .one(let i) = PrefixMatcher.match(tag, in: spec.tags.enumerated().map { (keyword: $0.element.name, value: $0.offset) })
      {
        used.insert(i)
        return .arguments(spec, used: used, positional: positional)
      }
      guard let next = spec.tags.indices.first(where: { !used.contains($0) }) else { return .nothing }
      if spec.tags[next].presence == .rest { return .nothing }
      used.insert(next)
      return .arguments(spec, used: used, positional: positional + 1)
    case .nothing:
      return .nothing
    }
  }

  private func offer(_ position: Position, partial: String) -> [String] {
    func matching(_ words: [String]) -> [String] {
      let hits = words.filter { partial.isEmpty || PrefixMatcher.hasPrefixIgnoringCase($0, partial) }
      var seen = Set<String>()
      return hits.filter { seen.insert($0).inserted }.sorted()
    }
    switch position {
    case .topLevel(let node):
      let table = shell.table(for: node)
      let words = table.topLevel.compactMap { entry -> String? in
        if case .command(let spec, _) = entry.value, spec.hidden { return nil }
        return entry.keyword
      }
      return matching(words)
    case .noun(let node, let verb):
      return matching(shell.table(for: node).groupMembers(verb).filter { !$0.spec.hidden }.map { $0.spec.words[1] })
    case .arguments(let spec, let used, _):
      if let eq = partial.firstIndex(of: "=") {
        let tagText = String(partial[..<eq])
        let valuePart = String(partial[partial.index(after: eq)...])
        guard case .one(let tag) = PrefixMatcher.match(tagText, in: spec.tags.map { (keyword: $0.name, value: $0) })
        else { return [] }
        return values(for: tag, partial: valuePart).map { tag.name + "=" + $0 }
      }
      var words: [String] = []
      for (i, tag) in spec.tags.enumerated() where !used.contains(i) && tag.presence != .rest {
        words.append(tag.name + "=")
      }
      var result = matching(words)
      if let next = spec.tags.indices.first(where: { !used.contains($0) }) {
        result += values(for: spec.tags[next], partial: partial)
      }
      var seen = Set<String>()
      return result.filter { seen.insert($0).inserted }.sorted()
    case .nothing:
      return []
    }
  }

  private func values(for tag: TagSpec, partial: String) -> [String] {
    var words: [String]
    switch tag.value {
    case .choice(let choices): words = choices
    case .file: return files(matching: partial)
    case .text, .integer, .commandLine: words = []
    }
    if let dynamic = tag.complete { words += dynamic(shell.session) }
    return words.filter { partial.isEmpty || PrefixMatcher.hasPrefixIgnoringCase($0, partial) }.sorted()
  }

  /// Paths under the session's folder that start with `partial`; directories end with `/`.
  private func files(matching partial: String) -> [String] {
    let slash = partial.lastIndex(of: "/")
    let dirPart = slash.map { String(partial[...$0]) } ?? ""
    let namePart = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    let directory = dirPart.isEmpty ? shell.session.baseDirectory : shell.session.resolvePath(dirPart)
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var result: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name == "." || name == ".." { continue }
      if name.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
      guard name.hasPrefix(namePart) else { continue }
      var st = stat()
      let isDir = stat(directory + "/" + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
      result.append(dirPart + name + (isDir ? "/" : ""))
    }
    return result.sorted()
  }
}
