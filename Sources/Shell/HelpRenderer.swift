/// Renders netsh's help layouts from the command tables: the context listing (`?`), a verb
/// group's listing (`show ?`) and a command's usage (`add program ?`).
enum HelpRenderer {
  /// One-line help of netsh's standard verbs.
  static let standardGroups: [String: String] = [
    "add": "Adds a configuration entry to a list of entries.",
    "delete": "Deletes a configuration entry from a list of entries.",
    "set": "Updates configuration settings.",
    "show": "Displays information.",
    "pin": "Pins an object to a path.",
    "unpin": "Unpins an object from a path.",
  ]

  static let footer = [
    "To view help for a command, type the command, followed by a space, and then",
    " type ?.",
  ]

  /// A listing row: the name padded to 14 columns, then ` - ` and the help (netsh's `%-14s - %s`).
  static func row(_ name: String, _ help: String) -> String {
    let pad = max(0, 14 - name.count)
    return name + String(repeating: " ", count: pad) + " - " + help
  }

  static func contextSummary(_ node: ContextNode) -> String {
    node.spec.summary ?? "Changes to the `\(node.path.joined(separator: " "))' context."
  }

  static func groupSummary(_ verb: String, in node: ContextNode) -> String {
    for context in node.lineage {
      if let g = context.spec.groups.first(where: { PrefixMatcher.equalsIgnoringCase($0.name, verb) }) {
        return g.summary
      }
    }
    return standardGroups[verb.lowercased()] ?? "Runs the `\(verb)' commands."
  }

  /// The rows a context contributes to a listing, sorted by name.
  static func rows(of context: ContextNode, visibleFrom node: ContextNode, table: ContextTable) -> [String] {
    var rows: [(String, String)] = []
    var groups = Set<String>()
    for command in context.spec.commands where !command.hidden {
      let word = command.words[0]
      guard table.owners[word.lowercased()] === context || command.words.count > 1 else { continue }
      if command.words.count == 1 {
        rows.append((word, command.summary))
      } else if groups.insert(word.lowercased()).inserted {
        rows.append((word, groupSummary(word, in: context)))
      }
    }
    if context === node {
      for child in context.children { rows.append((child.name, contextSummary(child))) }
    }
    return rows.sorted { $0.0.lowercased() < $1.0.lowercased() }.map { row($0.0, $0.1) }
  }

  /// `?` in a context: inherited commands, own commands, sub-contexts, then netsh's footer.
  static func contextListing(_ node: ContextNode, session: Session) {
    let out = session.output
    let table = session.shell?.table(for: node) ?? ContextTable(node)
    out.line()
    if let note = node.spec.note {
      out.line(note)
      out.line()
    }
    out.line("The following commands are available:")
    for ancestor in node.lineage.dropFirst().reversed() {
      let rows = rows(of: ancestor, visibleFrom: node, table: table)
      guard !rows.isEmpty else { continue }
      out.line()
      out.line("Commands inherited from the \(ancestor.path.joined(separator: " ")) context:")
      rows.forEach(out.line)
    }
    let own = rows(of: node, visibleFrom: node, table: table)
    if !own.isEmpty {
      out.line()
      out.line("Commands in this context:")
      own.forEach(out.line)
    }
    if !node.children.isEmpty {
      out.line()
      out.line("The following sub-contexts are available:")
      out.line(" " + node.children.map(\.name).sorted().joined(separator: " "))
    }
    out.line()
    footer.forEach(out.line)
    out.line()
  }

  /// A bare verb or `verb ?`: the group's commands, inherited ones first.
  static func groupListing(_ verb: String, in node: ContextNode, table: ContextTable, session: Session) {
    let out = session.output
    let members = table.groupMembers(verb).filter { !$0.spec.hidden }
    out.line()
    out.line("The following commands are available:")
    for context in node.lineage.reversed() {
      let rows = members.filter { $0.owner === context }
        .map { row($0.spec.name, $0.spec.summary) }
        .sorted { $0.lowercased() < $1.lowercased() }
      guard !rows.isEmpty else { continue }
      out.line()
      out.line(
        context === node
          ? "Commands in this context:" : "Commands inherited from the \(context.path.joined(separator: " ")) context:")
      rows.forEach(out.line)
    }
    out.line()
  }

  /// The usage line of a command: `Usage: add program [filename=]<path> [[type=]<string>] …`,
  /// wrapped under the first argument.
  static func usageLines(_ spec: CommandSpec, width: Int = 100) -> [String] {
    let head = "Usage: " + spec.name
    var lines: [String] = []
    var current = head
    let indent = String(repeating: " ", count: head.count + 1)
    for tag in spec.tags {
      let item: String
      switch tag.presence {
      case .required: item = "[\(tag.name)=]\(tag.valueSyntax)"
      case .optional: item = "[[\(tag.name)=]\(tag.valueSyntax)]"
      case .multiple: item = "[[\(tag.name)=]\(tag.valueSyntax) ...]"
      case .oneOrMore: item = "[\(tag.name)=]\(tag.valueSyntax) ..."
      case .rest: item = "[\(tag.valueSyntax) ...]"
      }
      if current.count + 1 + item.count > width && current != head {
        lines.append(current)
        current = indent + item
      } else {
        current += " " + item
      }
    }
    lines.append(current)
    return lines
  }

  /// `command ?`: usage, parameters, remarks and examples.
  static func usage(_ spec: CommandSpec, to out: Output) {
    usageText(spec).forEach(out.line)
  }

  /// The long help of a command as lines, starting with a blank line.
  static func usageText(_ spec: CommandSpec) -> [String] {
    var lines: [String] = []
    func line(_ s: String = "") { lines.append(s) }
    line()
    usageLines(spec).forEach { line($0) }
    if !spec.tags.isEmpty {
      line()
      line("Parameters:")
      line()
      let width = max(13, (spec.tags.map(\.name.count).max() ?? 0) + 1)
      line("       " + "Tag".padding(width) + "  Value")
      for tag in spec.tags {
        var help = tag.help
        if case .choice(let words) = tag.value { help += " One of: " + words.joined(separator: ", ") + "." }
        if let d = tag.defaultValue { help += " Default: \(d)." }
        if tag.isRequired { help += " Required." }
        let lead = "       " + tag.name.padding(width) + "- "
        let wrapped = wrap(help, width: 100 - lead.count)
        for (i, part) in wrapped.enumerated() {
          line((i == 0 ? lead : String(repeating: " ", count: lead.count)) + part)
        }
      }
    }
    let remarks = spec.remarks.isEmpty ? [spec.summary] : spec.remarks
    line()
    for (i, paragraph) in remarks.enumerated() {
      let lead = i == 0 ? "Remarks: " : "         "
      for (j, part) in wrap(paragraph, width: 91).enumerated() {
        line((j == 0 ? lead : "         ") + part)
      }
    }
    if !spec.examples.isEmpty {
      line()
      line(spec.examples.count == 1 ? "Example:" : "Examples:")
      line()
      spec.examples.forEach { line("       " + $0) }
    }
    line()
    return lines
  }

  /// Greedy word wrap.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if !current.isEmpty && current.count + 1 + word.count > width {
        lines.append(current)
        current = String(word)
      } else {
        current += current.isEmpty ? String(word) : " " + word
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }
}

extension String {
  /// Left-justifies in a field of `width` characters (no truncation).
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
