/// Counts of instruction kinds and control-flow shapes, as PREVAIL reports them (the keys netsh's
/// `show sections level=verbose` prints). Computed from the program, truthfully:
/// - `instructions`: nodes of PREVAIL's CFG, i.e. instructions plus the entry and exit nodes;
/// - `other`: jumps, exit, local calls, and the entry and exit nodes;
/// - `jumps`: jump and branch instructions; `joins`: blocks with more than one predecessor;
/// - `map_in_map` / `reallocate`: 1 when the program uses a map of maps / a helper that moves
///   the data region.
public struct VerifierStatistics: Hashable, Sendable {
  /// Values by key.
  public private(set) var values: [String: Int]

  /// The keys netsh prints, in its (alphabetical) order.
  public static let keys = [
    "arith", "arith32", "arith64", "assign", "call_1", "call_mem", "call_nomem", "instructions", "joins",
    "jumps", "load", "load_store", "map_in_map", "other", "packet_access", "reallocate", "store",
  ]

  /// The value of `key` (0 for unknown keys).
  public subscript(key: String) -> Int { values[key] ?? 0 }

  /// Raw instruction count (an LDDW counts once).
  public var instructionCount: Int { values["instructions"].map { max(0, $0 - 2) } ?? 0 }

  /// All counts zero (a program that did not decode).
  public static let empty = VerifierStatistics(values: Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) }))

  private init(values: [String: Int]) { self.values = values }

  /// Counts for `program` in `environment`.
  public init(program: DecodedProgram, environment: VerifierEnvironment) {
    var v: [String: Int] = [:]
    for k in Self.keys { v[k] = 0 }
    v["instructions"] = program.count + 2
    v["other"] = 2
    var usesMapOfMaps = false
    for (_, insn) in program.instructions {
      switch insn {
      case .alu(let op, let size, _, _):
        v[size == .bits64 ? "arith64" : "arith32", default: 0] += 1
        switch op {
        case .mov, .movsx8, .movsx16, .movsx32: v["assign", default: 0] += 1
        default: v["arith", default: 0] += 1
        }
      case .negate, .byteSwap:
        v["arith", default: 0] += 1
      case .load:
        v["load", default: 0] += 1
      case .store:
        v["store", default: 0] += 1
      case .atomic:
        v["load_store", default: 0] += 1
      case .legacyPacketLoad:
        v["packet_access", default: 0] += 1
      case .loadImmediate64(_, let w):
        v["assign", default: 0] += 1
        if let i = environment.mapIndex(for: w), case .mapOfMaps = environment.maps[i].kind { usesMapOfMaps = true }
      case .call(let id):
        let sig = environment.helpers[id]
        if sig?.reallocatesData == true { v["reallocate"] = 1 }
        if sig?.returns == .mapValueOrNull {
          v["call_1", default: 0] += 1
        } else if let sig, sig.arguments.allSatisfy({ $0 == .anything || $0 == .dontCare }) {
          v["call_nomem", default: 0] += 1
        } else {
          v["call_mem", default: 0] += 1
        }
      case .callRegister, .callBTF:
        v["call_mem", default: 0] += 1
      case .jump, .branch:
        v["jumps", default: 0] += 1
        v["other", default: 0] += 1
      case .exit, .callLocal:
        v["other", default: 0] += 1
      }
    }
    v["map_in_map"] = usesMapOfMaps ? 1 : 0
    v["joins"] = Self.joins(program)
    values = v
  }

  /// Blocks with more than one distinct predecessor block (jumps, branches and fall-throughs).
  static func joins(_ program: DecodedProgram) -> Int {
    let list = program.instructions
    var index: [Int: Int] = [:]
    for (i, e) in list.enumerated() { index[e.pc] = i }
    func target(_ i: Int) -> Int? {
      switch list[i].instruction {
      case .jump, .branch, .callLocal: return list[i].instruction.target(from: list[i].pc).flatMap { index[$0] }
      default: return nil
      }
    }
    var leader = [Bool](repeating: false, count: list.count + 1)
    leader[0] = true
    for (i, e) in list.enumerated() {
      switch e.instruction {
      case .jump, .branch, .callLocal, .exit:
        if let t = target(i) { leader[t] = true }
        leader[i + 1] = true
      default:
        break
      }
    }
    var block = [Int](repeating: 0, count: list.count)
    var b = -1
    for i in 0..<list.count {
      if leader[i] { b += 1 }
      block[i] = b
    }
    var predecessors = [Set<Int>](repeating: [], count: list.count)
    for (i, e) in list.enumerated() {
      switch e.instruction {
      case .jump:
        if let t = target(i) { predecessors[t].insert(block[i]) }
      case .branch:
        if let t = target(i) { predecessors[t].insert(block[i]) }
        if i + 1 < list.count { predecessors[i + 1].insert(block[i]) }
      case .exit:
        break
      default:
        if i + 1 < list.count, leader[i + 1] { predecessors[i + 1].insert(block[i]) }
      }
    }
    return predecessors.filter { $0.count > 1 }.count
  }
}
