/// Which conditional branches decide whether an instruction runs. Instruction `y` is control
/// dependent on branch `b` when `y` post-dominates one of `b`'s successors but not `b` itself:
/// one way out of `b` always reaches `y`, the other may avoid it.
///
/// Post-dominators come from Cooper, Harvey and Kennedy's iterative dominator algorithm on the
/// reversed flow graph, rooted at a virtual exit that every `exit` (and every instruction from which
/// no `exit` is reachable, such as an endless loop) leads to. The dependences are found by walking
/// up the post-dominator tree from each branch successor to the branch's immediate post-dominator;
/// `budget` bounds the walks in total, so pathological programs get a partial (still deterministic)
/// answer rather than quadratic work.
struct ControlDependence {
  /// The branches each instruction is control dependent on, in increasing order.
  let controllers: [[Int]]

  /// `successors[i]` are the instructions control may pass to after instruction `i`.
  init(successors: [[Int]], budget: Int = 4_000_000) {
    let n = successors.count
    let exit = n
    // The reversed graph: from the virtual exit to the instructions without successors, and from
    // each instruction to its predecessors.
    var reversed = [[Int]](repeating: [], count: n + 1)
    var forward = successors + [[]]
    for (i, list) in successors.enumerated() {
      if list.isEmpty {
        reversed[exit].append(i)
        forward[i] = [exit]
      }
      for t in list where t >= 0 && t < n { reversed[t].append(i) }
    }
    // Post-order of the reversed graph from the exit; instructions it cannot reach (no way out)
    // are connected to the exit, in index order, so every instruction gets a post-dominator.
    var number = [Int](repeating: -1, count: n + 1)
    var order: [Int] = []
    order.reserveCapacity(n + 1)
    var visited = [Bool](repeating: false, count: n + 1)
    func search(from root: Int) {
      var stack: [(node: Int, next: Int)] = [(root, 0)]
      visited[root] = true
      while let top = stack.last {
        let children = reversed[top.node]
        if top.next < children.count {
          stack[stack.count - 1].next += 1
          let c = children[top.next]
          if !visited[c] {
            visited[c] = true
            stack.append((c, 0))
          }
        } else {
          number[top.node] = order.count
          order.append(top.node)
          stack.removeLast()
        }
      }
    }
    search(from: exit)
    var extra: [Int] = []
    for i in 0..<n where !visited[i] {
      extra.append(i)
      forward[i].append(exit)
      reversed[exit].append(i)
      search(from: i)
    }
    if !extra.isEmpty {
      // Number again with the exit last (it is the root of all).
      number = [Int](repeating: -1, count: n + 1)
      order.removeAll(keepingCapacity: true)
      visited = [Bool](repeating: false, count: n + 1)
      search(from: exit)
    }
    var ipdom = [Int](repeating: -1, count: n + 1)
    ipdom[exit] = exit
    func intersect(_ a: Int, _ b: Int) -> Int {
      var x = a
      var y = b
      while x != y {
        while number[x] < number[y] { x = ipdom[x] }
        while number[y] < number[x] { y = ipdom[y] }
      }
      return x
    }
    var changed = true
    while changed {
      changed = false
      for v in order.reversed() where v != exit {
        var candidate = -1
        for p in forward[v] where p >= 0 && p <= n && ipdom[p] != -1 {
          candidate = candidate == -1 ? p : intersect(p, candidate)
        }
        if candidate != -1 && ipdom[v] != candidate {
          ipdom[v] = candidate
          changed = true
        }
      }
    }
    var controllers = [[Int]](repeating: [], count: n)
    var steps = 0
    walks: for (b, list) in successors.enumerated() where Set(list).count > 1 {
      for s in Set(list).sorted() where s >= 0 && s < n {
        var runner = s
        while runner != exit && runner != ipdom[b] && runner >= 0 {
          if controllers[runner].last != b { controllers[runner].append(b) }
          runner = ipdom[runner]
          steps += 1
          if steps >= budget { break walks }
        }
      }
    }
    self.controllers = controllers
  }
}
