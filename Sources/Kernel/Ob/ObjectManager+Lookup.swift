import NTCore

/// What a name lookup found.
enum LookupResult {
  /// The object (referenced for the caller).
  case found(KObject)
  /// The last component does not exist; its directory and name (for creation).
  case missing(parent: KObject, leaf: String)
}

extension ObjectManager {
  /// ObpLookupObjectName: walks a path from the root (or a root directory handle), following
  /// symbolic links, and tells path-not-found (a missing directory on the way) from
  /// name-not-found (a missing last component).
  ///
  /// Comparisons are case-insensitive when OBJ_CASE_INSENSITIVE is given or the type sought is a
  /// case-insensitive type (Directory, SymbolicLink, Type…), and exact otherwise — for every
  /// component, as Windows does. An intermediate component that is not a directory gives
  /// STATUS_OBJECT_TYPE_MISMATCH; more than ``maximumReparse`` links give
  /// STATUS_REPARSE_POINT_NOT_RESOLVED.
  func resolve(
    _ name: String, root: Handle?, attributes: ObjectAttributeFlags, type: ObjectType?, mode: KProcessorMode,
    process: EProcess, forCreate: Bool
  ) -> Result<LookupResult, NTStatus> {
    if let s = validateName(name, hasRoot: root != nil) { return .failure(s) }
    let caseInsensitive = attributes.contains(.caseInsensitive) || (type?.initializer.caseInsensitive ?? true)
    var current: KObject
    var components: [Substring]
    if let root {
      let directoryType = self.type(named: "Directory")
      switch referenceByHandle(root, desired: [], type: nil, mode: mode, process: process) {
      case .failure(let s): return .failure(s)
      case .success(let r):
        dereference(r.object)
        guard r.object.type === directoryType else { return .failure(.objectTypeMismatch) }
        current = r.object
      }
      components = name.split(separator: "\\", omittingEmptySubsequences: false)
    } else {
      current = self.root
      if name == "\\" {
        reference(current)
        return .success(.found(current))
      }
      components = name.dropFirst().split(separator: "\\", omittingEmptySubsequences: false)
    }
    var reparses = 0
    var i = 0
    while i < components.count {
      let component = components[i]
      let last = i == components.count - 1
      guard let dir = current.body as? ObjectDirectory else { return .failure(.objectTypeMismatch) }
      if mode == .userMode, !process.token.hasPrivilege(.changeNotify),
        case .failure = checkAccess(current, desired: AccessMask(0x2), process: process)
      {
        return .failure(.accessDenied)
      }
      var found = dir.lookup(String(component), key: DirectoryHash.upcase(String(component)), caseInsensitive: caseInsensitive)
      if found == nil, current === self.root, component == "??", let global = kernel.globalDosDevices {
        found = ObjectDirectory.Entry(name: "??", object: global, hash: 0, key: [], block: nil)
      }
      guard let entry = found else {
        if last {
          return forCreate ? .success(.missing(parent: current, leaf: String(component))) : .failure(.objectNameNotFound)
        }
        return .failure(.objectPathNotFound)
      }
      var object = entry.object
      if let link = object.body as? SymbolicLink, !(last && attributes.contains(.openLink)) {
        reparses += 1
        if reparses > Self.maximumReparse { return .failure(.reparsePointNotResolved) }
        if let target = link.dynamicTarget {
          object = target
        } else {
          let rest = components[(i + 1)...].joined(separator: "\\")
          let target = link.target.isEmpty ? "\\" : link.target
          let path = rest.isEmpty ? target : (target.hasSuffix("\\") ? target + rest : target + "\\" + rest)
          guard path.hasPrefix("\\") else { return .failure(.objectPathSyntaxBad) }
          current = self.root
          if path == "\\" {
            reference(current)
            return .success(.found(current))
          }
          components = path.dropFirst().split(separator: "\\", omittingEmptySubsequences: false)
          if components.contains(where: \.isEmpty) { return .failure(.objectNameInvalid) }
          i = 0
          continue
        }
      }
      if last {
        reference(object)
        return .success(.found(object))
      }
      current = object
      i += 1
    }
    reference(current)
    return .success(.found(current))
  }
}
