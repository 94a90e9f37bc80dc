import NTCore

extension ObjectManager {
  /// A security descriptor shared by every object that has the same one (ObpLogSecurityDescriptor).
  final class SecurityCacheEntry {
    let block: Pool.Block
    let key: SecurityDescriptor
    var references = 0

    init(block: Pool.Block, key: SecurityDescriptor) {
      self.block = block
      self.key = key
    }
  }

  /// SeAssignSecurity, simplified: an explicit descriptor (owner and group filled from the token);
  /// otherwise, for named objects and types that require security, the token's default owner,
  /// group and DACL; otherwise none. A caller below Medium integrity labels what it creates.
  func assignSecurity(_ explicit: SecurityDescriptor?, to object: KObject, token: Token) -> SecurityDescriptor? {
    var sd: SecurityDescriptor
    if let explicit {
      sd = explicit
      if sd.owner == nil { sd.owner = token.defaultOwner }
      if sd.group == nil { sd.group = token.primaryGroup }
    } else if object.name != nil || object.type.initializer.securityRequired {
      sd = SecurityDescriptor(owner: token.defaultOwner, group: token.primaryGroup, dacl: token.defaultDacl)
    } else {
      return nil
    }
    if token.integrityRid < (SID.mediumLabel.rid ?? 0), sd.mandatoryLabel == nil {
      var sacl = sd.sacl ?? ACL([])
      sacl.aces.append(ACE(.mandatoryLabel, AccessMask(ACE.noWriteUp), token.integrityLevel))
      sd.sacl = sacl
    }
    return sd
  }

  /// What a user-mode caller may put in a descriptor it gives (SeAssignSecurity at creation,
  /// NtSetSecurityObject): an ACL fits AclSize's 16 bits (STATUS_INVALID_ACL); the owner is the
  /// caller's user or an enabled group with SE_GROUP_OWNER, unless SeRestorePrivilege is enabled
  /// (STATUS_INVALID_OWNER; SeTakeOwnershipPrivilege grants WRITE_OWNER, not other owners); a
  /// mandatory label is at most the caller's integrity level unless SeRelabelPrivilege is enabled
  /// (STATUS_INVALID_LABEL); audit ACEs need SeSecurityPrivilege (STATUS_PRIVILEGE_NOT_HELD).
  func validateAssignment(_ sd: SecurityDescriptor, token: Token) -> NTStatus? {
    if let s = Self.validateStructure(sd) { return s }
    if let owner = sd.owner, !token.isOwner(owner), !token.hasPrivilege(.restore) { return .invalidOwner }
    if let label = sd.mandatoryLabel, (label.sid.rid ?? 0) > token.integrityRid, !token.hasPrivilege(.relabel) {
      return .invalidLabel
    }
    if sd.sacl?.aces.contains(where: { $0.kind == .audit }) == true, !token.hasPrivilege(.security) {
      return .privilegeNotHeld
    }
    return nil
  }

  /// RtlValidSecurityDescriptor's size rule: each ACL's AclSize is a 16-bit field.
  static func validateStructure(_ sd: SecurityDescriptor) -> NTStatus? {
    for acl in [sd.dacl, sd.sacl].compactMap({ $0 }) where acl.size > ACL.maximumSize { return .invalidACL }
    return nil
  }

  /// Caches a descriptor's bytes in paged pool (tag `ObSc`), shared between identical descriptors.
  func logSecurity(_ sd: SecurityDescriptor?) -> SecurityCacheEntry? {
    guard let sd else { return nil }
    if let e = securityCache[sd] {
      e.references += 1
      return e
    }
    let bytes = sd.bytes
    guard let block = pool.allocate(.paged, size: bytes.count, tag: PoolTag("ObSc")) else { return nil }
    block.data = bytes
    let e = SecurityCacheEntry(block: block, key: sd)
    e.references = 1
    securityCache[sd] = e
    return e
  }

  /// Drops a reference on a cached descriptor.
  func releaseSecurity(_ entry: SecurityCacheEntry?) {
    guard let entry else { return }
    entry.references -= 1
    if entry.references == 0 {
      securityCache[entry.key] = nil
      pool.free(entry.block)
    }
  }

  /// Replaces an object's descriptor (NtSetSecurityObject after its checks).
  func setSecurity(_ object: KObject, _ sd: SecurityDescriptor) {
    releaseSecurity(object.securityBlock)
    object.securityDescriptor = sd
    object.securityBlock = logSecurity(sd)
  }

  /// The access check for opening an existing object.
  func checkOpenAccess(
    _ object: KObject, desired: AccessMask, mode: KProcessorMode, process: EProcess, attributes: ObjectAttributeFlags
  ) -> Result<AccessMask, NTStatus> {
    if mode == .kernelMode && !attributes.contains(.forceAccessCheck) {
      return .success(grantWithoutCheck(desired, type: object.type))
    }
    if object.flags.contains(.kernelOnlyAccess) { return .failure(.accessDenied) }
    if object.flags.contains(.exclusiveObject), let owner = object.exclusiveProcess, owner !== process {
      return .failure(.accessDenied)
    }
    return checkAccess(object, desired: desired, process: process)
  }

  /// SeAccessCheck of a process's token against an object's descriptor.
  func checkAccess(_ object: KObject, desired: AccessMask, process: EProcess) -> Result<AccessMask, NTStatus> {
    let i = object.type.initializer
    return AccessCheck.check(
      object.securityDescriptor, token: process.token, desired: desired, mapping: i.genericMapping,
      validAccess: i.validAccessMask)
  }

  /// The checks for creating a name in a directory: DIRECTORY_CREATE_OBJECT (or
  /// DIRECTORY_CREATE_SUBDIRECTORY for a directory), and SeCreateGlobalPrivilege for sections and
  /// symbolic links created in the global namespace from a user session.
  func checkCreateAccess(in parent: KObject, type: ObjectType, mode: KProcessorMode, process: EProcess) -> NTStatus? {
    guard mode == .userMode else { return nil }
    let right: UInt32 = type.name == "Directory" ? 0x8 : 0x4
    if case .failure = checkAccess(parent, desired: AccessMask(right), process: process) { return .accessDenied }
    if type.name == "SymbolicLink" || type.name == "Section", parent === kernel.globalNamedObjects,
      (process.sessionId ?? 0) != 0, !process.token.hasPrivilege(.createGlobal)
    {
      return .accessDenied
    }
    return nil
  }
}
