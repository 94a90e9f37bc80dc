import NTCore

/// SeAccessCheck: what a token may do to an object with a given security descriptor.
///
/// The order is Windows': map generic rights through the type's mapping, refuse rights the type
/// does not have, handle ACCESS_SYSTEM_SECURITY and SeTakeOwnershipPrivilege, apply the mandatory
/// integrity policy, then grant everything for a missing descriptor or NULL DACL, give the owner
/// READ_CONTROL | WRITE_DAC unless an OWNER RIGHTS ACE says otherwise, and walk the ACEs in order:
/// a deny ACE that hits a still-undecided requested right denies the request; allow ACEs add
/// rights until all are granted. MAXIMUM_ALLOWED walks every ACE and grants what is left.
public enum AccessCheck {
  /// The rights granted, or the status that refuses the request.
  public static func check(
    _ sd: SecurityDescriptor?, token: Token, desired requested: AccessMask, mapping: GenericMapping,
    validAccess: AccessMask
  ) -> Result<AccessMask, NTStatus> {
    var desired = mapping.map(requested)
    let maximum = desired.contains(.maximumAllowed)
    desired.remove(.maximumAllowed)
    var granted: AccessMask = []
    if desired.contains(.accessSystemSecurity) {
      guard token.hasPrivilege(.security) else { return .failure(.privilegeNotHeld) }
      granted.insert(.accessSystemSecurity)
      desired.remove(.accessSystemSecurity)
    }
    if !desired.subtracting(validAccess).isEmpty { return .failure(.accessDenied) }
    if desired.contains(.writeOwner) && token.hasPrivilege(.takeOwnership) { granted.insert(.writeOwner) }

    // Mandatory integrity: rights the caller's level may not have.
    var integrityDenied: AccessMask = []
    let label = sd?.mandatoryLabel ?? (SID.mediumLabel, ACE.noWriteUp)
    if token.integrityRid < (label.sid.rid ?? 0) {
      if label.policy & ACE.noWriteUp != 0 { integrityDenied.formUnion(mapping.write.union([.delete, .writeDac, .writeOwner])) }
      if label.policy & ACE.noReadUp != 0 { integrityDenied.formUnion(mapping.read) }
      if label.policy & ACE.noExecuteUp != 0 { integrityDenied.formUnion(mapping.execute) }
      integrityDenied.remove(.readControl)
      integrityDenied.remove(.synchronize)
    }
    if !maximum, !desired.intersection(integrityDenied).isEmpty { return .failure(.accessDenied) }

    let all = mapping.all.union(validAccess)
    guard let sd, let dacl = sd.dacl else {
      // No descriptor or a NULL DACL: everything (minus what integrity takes away).
      let result = (maximum ? all.union(desired) : desired).union(granted).subtracting(integrityDenied)
      return result.isEmpty && maximum ? .failure(.accessDenied) : .success(result)
    }

    let ownerRightsAce = dacl.aces.contains { $0.sid == .ownerRights && $0.flags & ACE.inheritOnly == 0 }
    if token.isOwner(sd.owner) && !ownerRightsAce { granted.formUnion([.readControl, .writeDac]) }

    var denied: AccessMask = []
    let isOwner = token.isOwner(sd.owner)
    for ace in dacl.aces where ace.flags & ACE.inheritOnly == 0 {
      let mask = mapping.map(ace.mask)
      switch ace.kind {
      case .denied:
        guard token.matchesDeny(ace.sid) || (ace.sid == .ownerRights && isOwner) else { continue }
        if maximum {
          denied.formUnion(mask.subtracting(granted))
        } else if !mask.intersection(desired.subtracting(granted)).isEmpty {
          return .failure(.accessDenied)
        }
      case .allowed:
        guard token.matchesAllow(ace.sid) || (ace.sid == .ownerRights && isOwner) else { continue }
        granted.formUnion(mask.subtracting(denied))
      case .audit, .mandatoryLabel:
        continue
      }
      if !maximum && desired.isSubset(of: granted) { break }
    }
    granted.subtract(integrityDenied)
    if maximum {
      guard desired.isSubset(of: granted) else { return .failure(.accessDenied) }
      let result = granted.intersection(all.union([.accessSystemSecurity]))
      return result.isEmpty ? .failure(.accessDenied) : .success(result)
    }
    guard desired.isSubset(of: granted) else { return .failure(.accessDenied) }
    return .success(desired.union(granted.intersection(.accessSystemSecurity)))
  }
}
