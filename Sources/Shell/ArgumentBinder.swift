/// netsh's `PreprocessCommand`: binds a command's words to its tags.
///
/// `tag=value` binds by case-insensitive tag prefix; a bare word fills the first tag not yet
/// present, in table order; choice values match by prefix and are stored in their canonical
/// spelling; required tags must be present. A `.rest` tag swallows every remaining word verbatim.
public enum ArgumentBinder {
  /// Binds `tokens` to `tags`.
  public static func bind(_ tokens: some Collection<Token>, to tags: [TagSpec]) throws(ShellError) -> Arguments {
    var args = Arguments(tags: tags)
    var present = [Bool](repeating: false, count: tags.count)
    var resting: Int?
    for token in tokens {
      if let r = resting {
        args.append(tag: r, value: token.text, rest: token)
        continue
      }
      var index: Int
      var value: String
      if let tag = token.tag {
        let candidates = tags.enumerated().filter { $0.element.presence != .rest }.map { (keyword: $0.element.name, value: $0.offset) }
        let match = PrefixMatcher.match(tag, in: candidates)
        if case .one(let i) = match {
          index = i
        } else {
          // A word with an `=` that is not a tag may still be a positional value (`alias x a=b`).
          guard let next = firstFree(tags, present), tags[next].presence == .rest else {
            if case .ambiguous(let names) = match {
              throw .ambiguousArgument(what: "The tag '\(tag)'", candidates: names)
            }
            throw .invalidArgument(token.text)
          }
          resting = next
          present[next] = true
          args.append(tag: next, value: token.text, rest: token)
          continue
        }
        value = token.value
        if present[index] && !(tags[index].presence == .multiple || tags[index].presence == .oneOrMore) {
          throw .duplicateTag(tags[index].name)
        }
      } else {
        guard let next = firstFree(tags, present) else { throw .invalidArgument(token.text) }
        index = next
        value = token.text
        if tags[index].presence == .rest {
          resting = index
          present[index] = true
          args.append(tag: index, value: value, rest: token)
          continue
        }
      }
      present[index] = true
      args.append(tag: index, value: try canonical(value, for: tags[index], token: token))
    }
    for (i, tag) in tags.enumerated() where tag.isRequired && !present[i] {
      throw .missingRequired
    }
    return args
  }

  private static func firstFree(_ tags: [TagSpec], _ present: [Bool]) -> Int? {
    tags.indices.first { !present[$0] }
  }

  private static func canonical(_ value: String, for tag: TagSpec, token: Token) throws(ShellError) -> String {
    switch tag.value {
    case .choice(let words):
      switch PrefixMatcher.match(value, in: words.map { (keyword: $0, value: $0) }) {
      case .one(let word): return word
      case .ambiguous(let names):
        throw .ambiguousArgument(what: "The value '\(value)' of \(tag.name)", candidates: names)
      case .none: throw .invalidArgument(token.text)
      }
    case .integer:
      guard Arguments.parseInteger(value) != nil else { throw .invalidArgument(token.text) }
      return value
    case .text, .file, .commandLine:
      return value
    }
  }
}
