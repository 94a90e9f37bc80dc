/// A context in the shell's live tree: its spec plus links to parent and children.
public final class ContextNode {
  /// The declarative spec this node was built from.
  public let spec: ContextSpec
  /// The enclosing context; nil for the root.
  public private(set) weak var parent: ContextNode?
  /// Sub-contexts in table order.
  public private(set) var children: [ContextNode] = []

  init(spec: ContextSpec, parent: ContextNode?) {
    self.spec = spec
    self.parent = parent
    children = spec.subcontexts.map { ContextNode(spec: $0, parent: self) }
  }

  /// The context's name.
  public var name: String { spec.name }

  /// Names from the root down to this context (`["ntsh", "ebpf"]`).
  public var path: [String] {
    var names: [String] = []
    var node: ContextNode? = self
    while let n = node {
      names.append(n.name)
      node = n.parent
    }
    return names.reversed()
  }

  /// netsh's prompt: the path joined by spaces and `>`, with no trailing space, unless the
  /// context declares its own.
  public var prompt: String { spec.prompt ?? path.joined(separator: " ") + ">" }

  /// This context and its ancestors, nearest first.
  var lineage: [ContextNode] {
    var nodes: [ContextNode] = []
    var node: ContextNode? = self
    while let n = node {
      nodes.append(n)
      node = n.parent
    }
    return nodes
  }

  /// Every context of the subtree rooted here, depth first.
  public var subtree: [ContextNode] { [self] + children.flatMap(\.subtree) }
}
