/// The words a context understands, with inheritance resolved: its own commands, verb groups and
/// sub-contexts first, then each ancestor's, a nearer definition hiding a farther one of the same
/// name (netsh's command inheritance).
struct ContextTable {
  enum Entry {
    case context(ContextNode)
    case command(CommandSpec, owner: ContextNode)
    case group(String)
  }

  struct Member {
    let spec: CommandSpec
    let owner: ContextNode
  }

  let node: ContextNode
  /// First words in resolution order.
  let topLevel: [(keyword: String, value: Entry)]
  /// Which context each top-level keyword comes from.
  let owners: [String: ContextNode]

  init(_ node: ContextNode) {
    self.node = node
    var seen = Set<String>()
    var entries: [(keyword: String, value: Entry)] = []
    var owners: [String: ContextNode] = [:]
    for context in node.lineage {
      func add(_ keyword: String, _ entry: Entry) {
        guard seen.insert(keyword.lowercased()).inserted else { return }
        entries.append((keyword, entry))
        owners[keyword.lowercased()] = context
      }
      for command in context.spec.commands where command.words.count == 1 {
        add(command.words[0], .command(command, owner: context))
      }
      for command in context.spec.commands where command.words.count > 1 {
        add(command.words[0], .group(command.words[0]))
      }
      for child in context.children { add(child.name, .context(child)) }
    }
    topLevel = entries
    self.owners = owners
  }

  /// The commands of a verb group, nearest definition of each noun first.
  func groupMembers(_ verb: String) -> [Member] {
    var seen = Set<String>()
    var members: [Member] = []
    for context in node.lineage {
      for command in context.spec.commands
      where command.words.count == 2 && PrefixMatcher.equalsIgnoringCase(command.words[0], verb) {
        if seen.insert(command.words[1].lowercased()).inserted {
          members.append(Member(spec: command, owner: context))
        }
      }
    }
    return members
  }
}
