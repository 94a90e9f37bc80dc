import Drivers
import Kernel
import NTCore
import Shell

extension ObjectContext {
  /// The object context's part of `dump`: lines that recreate what the user made, read from the
  /// machine's state (not replayed from history): the demand-start drivers that run, then one
  /// create line per named object ntsh.exe holds a handle to, in handle order, with the object's
  /// current settings. Objects only SYSTEM could create (permanent ones) and unnamed objects are
  /// left out: a script cannot name them.
  static func dump(_ world: ObjectWorld) -> [String] {
    guard world.machine.isBooted else { return [] }
    let k = world.machine.kernel
    guard k.bugCheckInfo == nil, let shell = k.shellProcess, shell.isAlive else { return [] }
    var lines: [String] = []
    for s in world.machine.services where s.startType == .demand {
      if k.modules.contains(where: { $0.name.lowercased() == s.name.lowercased() }) {
        lines.append("load driver \(s.name)")
      }
    }
    let bno = shell.sessionId.map { $0 == 0 ? "\\BaseNamedObjects\\" : "\\Sessions\\\($0)\\BaseNamedObjects\\" }
    for (_, entry) in shell.handleTable.handles {
      guard let object = entry.object, !object.isPermanent, let path = object.fullPath, !path.isEmpty,
        var line = createLine(object, name: win32Name(path, bno: bno))
      else { continue }
      if entry.isInheritable { line += " inherit=yes" }
      lines.append(line)
    }
    return lines
  }

  /// A name relative to the session's BaseNamedObjects when it lies there (the Win32 form), else
  /// the NT path; quoted when it needs it.
  static func win32Name(_ path: String, bno: String?) -> String {
    if let bno, path.count > bno.count, path.lowercased().hasPrefix(bno.lowercased()),
      !path.dropFirst(bno.count).contains("\\")
    {
      return Tokenizer.quote(String(path.dropFirst(bno.count)))
    }
    return Tokenizer.quote(path)
  }

  /// The create command for an object of a type the context can create, or nil.
  static func createLine(_ object: KObject, name: String) -> String? {
    switch object.body {
    case let e as KEvent:
      return "create event name=\(name) type=\(e.isNotification ? "notification" : "synchronization")"
        + " state=\(e.isSet ? "set" : "reset")"
    case let s as KSemaphore:
      return "create semaphore name=\(name) initial=\(s.count) maximum=\(s.limit)"
    case is KMutant:
      return "create mutex name=\(name)"
    case let l as SymbolicLink:
      return "create symlink name=\(name) target=\(Tokenizer.quote(l.target))"
    case let d as DataStack:
      let c = d.configuration
      return "create datastack name=\(name) maxitemsize=\(c.maxItemSize) maxitemcount=\(c.maxItemCount)"
        + " maxsize=\(c.maxSize)"
    default:
      switch object.type.name {
      case "Job": return "create job name=\(name)"
      case "Directory": return "create directory name=\(name)"
      default: return nil
      }
    }
  }
}
