/// A weak topological order of a graph (Bourdoncle): vertices in topological order, with every
/// cycle grouped into a component whose head is its first vertex in reverse postorder. Iterating
/// components until their heads stabilise, widening at heads, computes a fixpoint; every cycle of
/// the graph passes through the head of a component that contains it.
///
/// Built iteratively (hierarchical strongly connected components) so hostile graphs cannot
/// exhaust the call stack.
struct WeakTopologicalOrder {
  enum Element {
    case vertex(Int)
    case component(Int)
  }

  struct Component {
    var head: Int
    var elements: [Element] = []
    /// Nesting level (0 for outermost loops).
    var depth: Int
    var parent: Int?
    /// Every vertex inside, the head and nested components included.
    var vertices: [Int]
  }

  private(set) var elements: [Element] = []
  private(set) var components: [Component] = []
  /// The innermost component of each vertex (nil outside loops).
  private(set) var componentOf: [Int?]
  /// The deepest nesting level plus one (0 without loops).
  private(set) var levels = 0

  /// Orders the vertices reachable from `entry`; components nested deeper than `depthLimit` are
  /// recorded (so `levels` exceeds the limit) but not decomposed.
  init(vertexCount: Int, entry: Int, depthLimit: Int = .max, successors: (Int) -> [Int]) {
    componentOf = [Int?](repeating: nil, count: vertexCount)
    guard vertexCount > 0 else { return }
    // Reverse postorder numbers, by an iterative depth-first search.
    var rpo = [Int](repeating: Int.max, count: vertexCount)
    var visited = [Bool](repeating: false, count: vertexCount)
    var order: [Int] = []
    var stack: [(Int, Int)] = [(entry, 0)]
    visited[entry] = true
    while let (v, i) = stack.last {
      let succ = successors(v)
      if i < succ.count {
        stack[stack.count - 1].1 = i + 1
        let w = succ[i]
        if !visited[w] {
          visited[w] = true
          stack.append((w, 0))
        }
      } else {
        order.append(v)
        stack.removeLast()
      }
    }
    for (n, v) in order.reversed().enumerated() { rpo[v] = n }
    let reachable = order.reversed()

    // Hierarchical decomposition: a task orders a vertex set into one element list.
    var member = [Int](repeating: -1, count: vertexCount)
    var tasks: [(vertices: [Int], target: Int?, depth: Int)] = [(Array(reachable), nil, 0)]
    var stamp = 0
    while let task = tasks.popLast() {
      stamp += 1
      for v in task.vertices { member[v] = stamp }
      let sccs = WeakTopologicalOrder.stronglyConnected(
        task.vertices, successors: successors, inSet: { member[$0] == stamp })
      var list: [Element] = []
      for scc in sccs {
        let isCycle = scc.count > 1 || successors(scc[0]).contains(scc[0])
        if !isCycle {
          list.append(.vertex(scc[0]))
          continue
        }
        let head = scc.min { rpo[$0] < rpo[$1] } ?? scc[0]
        let c = components.count
        components.append(Component(head: head, depth: task.depth, parent: task.target, vertices: scc))
        levels = max(levels, task.depth + 1)
        for v in scc { componentOf[v] = c }
        list.append(.component(c))
        // Deeper levels are not decomposed: the analysis refuses such programs anyway, and
        // decomposing thousands of levels would cost levels times vertices.
        if task.depth < depthLimit { tasks.append((scc.filter { $0 != head }, c, task.depth + 1)) }
      }
      if let t = task.target { components[t].elements = list } else { elements = list }
      // Members of the next tasks are re-stamped; nothing else to reset.
    }
  }

  /// True when vertex `v` lies inside component `c` (at any nesting level).
  func isInside(_ v: Int, _ c: Int) -> Bool {
    var k = componentOf[v]
    while let x = k {
      if x == c { return true }
      k = components[x].parent
    }
    return false
  }

  /// The component headed by `v`, if `v` is a head.
  func component(headedBy v: Int) -> Int? {
    guard let c = componentOf[v], components[c].head == v else { return nil }
    return c
  }

  /// Strongly connected components of the subgraph induced by `vertices`, in topological order
  /// (iterative Tarjan).
  static func stronglyConnected(_ vertices: [Int], successors: (Int) -> [Int], inSet: (Int) -> Bool) -> [[Int]] {
    var index: [Int: Int] = [:]
    var low: [Int: Int] = [:]
    var onStack: Set<Int> = []
    var stack: [Int] = []
    var result: [[Int]] = []
    var counter = 0
    for root in vertices where index[root] == nil {
      var frames: [(v: Int, succ: [Int], i: Int)] = []
      func open(_ v: Int) {
        index[v] = counter
        low[v] = counter
        counter += 1
        stack.append(v)
        onStack.insert(v)
        frames.append((v, successors(v).filter(inSet), 0))
      }
      open(root)
      while !frames.isEmpty {
        let top = frames.count - 1
        let (v, succ, i) = frames[top]
        if i < succ.count {
          frames[top].i = i + 1
          let w = succ[i]
          if index[w] == nil {
            open(w)
          } else if onStack.contains(w) {
            low[v] = min(low[v] ?? 0, index[w] ?? 0)
          }
          continue
        }
        frames.removeLast()
        if let parent = frames.last {
          low[parent.v] = min(low[parent.v] ?? 0, low[v] ?? 0)
        }
        if low[v] == index[v] {
          var scc: [Int] = []
          while let w = stack.popLast() {
            onStack.remove(w)
            scc.append(w)
            if w == v { break }
          }
          result.append(scc)
        }
      }
    }
    return result.reversed()
  }
}
