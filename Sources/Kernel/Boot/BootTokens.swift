import NTCore

/// The accounts of the boot world and their tokens: SYSTEM, LOCAL SERVICE, NETWORK SERVICE, the
/// interactive user (an administrator, with an elevated and a filtered token), and DWM-1.
enum BootTokens {
  /// The machine's domain SID (S-1-5-21-…).
  static let machineDomain = SID("S-1-5-21-2964136283-1427930472-3358761490")!
  /// The interactive user's SID (RID 1001).
  static let user = machineDomain.appending(1001)!
  /// `NTSH-PC\user`.
  static let userName = "NTSH-PC\\user"
  /// The interactive logon session LUID.
  static let userLogon: UInt64 = 0x2_D5C3
  /// The interactive logon SID.
  static let userLogonSid = SID.logonSession(high: 0, low: UInt32(userLogon))
  /// S-1-5-114 (local account and member of Administrators) and S-1-5-113 (local account).
  static let localAccountAdmin = SID("S-1-5-114")!
  static let localAccount = SID("S-1-5-113")!
  static let ntlm = SID("S-1-5-64-10")!

  private typealias G = Token.Group

  static func system(tokenId: UInt64) -> Token {
    let enabled: Set<Privilege> = [
      .lockMemory, .tcb, .systemProfile, .profileSingleProcess, .increaseBasePriority, .createPagefile,
      .createPermanent, .debug, .audit, .changeNotify, .impersonate, .createGlobal, .increaseWorkingSet, .timeZone,
      .createSymbolicLink, .delegateSessionUserImpersonate,
    ]
    let privileges = Privilege.allCases.filter { $0 != .machineAccount && $0 != .enableDelegation && $0 != .syncAgent
      && $0 != .trustedCredManAccess && $0 != .relabel && $0 != .remoteShutdown
    }.map { Token.PrivilegeEntry($0, enabled: enabled.contains($0)) }
    return Token(
      tokenId: tokenId, authenticationId: 0x3E7, user: .localSystem, userName: "NT AUTHORITY\\SYSTEM",
      groups: [
        G(.administrators, G.standard | G.owner), G(.everyone), G(.authenticatedUsers),
        G(.systemLabel, G.integrity | G.integrityEnabled),
      ],
      privileges: privileges, integrityLevel: .systemLabel, sessionId: 0, defaultOwner: .administrators,
      primaryGroup: .localSystem,
      defaultDacl: ACL([ACE(.allowed, .genericAll, .localSystem), ACE(.allowed, AccessMask(0xA002_0000), .administrators)]),
      elevationType: .default)
  }

  static func service(_ sid: SID, name: String, logon: UInt64, tokenId: UInt64) -> Token {
    Token(
      tokenId: tokenId, authenticationId: logon, user: sid, userName: name,
      groups: [
        G(.everyone), G(.users), G(.service), G(.consoleLogon), G(.authenticatedUsers), G(.thisOrganization),
        G(.logonSession(high: 0, low: UInt32(logon) + 0x100), G.standard | G.logonId), G(.local),
        G(.systemLabel, G.integrity | G.integrityEnabled),
      ],
      privileges: [
        .init(.assignPrimaryToken, enabled: false), .init(.increaseQuota, enabled: false), .init(.audit, enabled: true),
        .init(.changeNotify, enabled: true), .init(.impersonate, enabled: true), .init(.createGlobal, enabled: true),
        .init(.increaseWorkingSet, enabled: false), .init(.timeZone, enabled: false),
      ],
      integrityLevel: .systemLabel, sessionId: 0, defaultOwner: sid, primaryGroup: sid,
      defaultDacl: ACL([ACE(.allowed, .genericAll, .localSystem), ACE(.allowed, .genericAll, sid)]),
      elevationType: .default)
  }

  static func elevatedUser(tokenId: UInt64) -> Token {
    let disabled: [Privilege] = [
      .increaseQuota, .security, .takeOwnership, .loadDriver, .systemProfile, .systemtime, .profileSingleProcess,
      .increaseBasePriority, .createPagefile, .backup, .restore, .shutdown, .debug, .systemEnvironment,
      .remoteShutdown, .undock, .manageVolume, .increaseWorkingSet, .timeZone, .createSymbolicLink,
      .delegateSessionUserImpersonate,
    ]
    let enabled: [Privilege] = [.changeNotify, .impersonate, .createGlobal]
    let privileges = (disabled.map { Token.PrivilegeEntry($0, enabled: false) }
      + enabled.map { Token.PrivilegeEntry($0, enabled: true) }).sorted { $0.privilege < $1.privilege }
    return Token(
      tokenId: tokenId, authenticationId: userLogon, user: user, userName: userName,
      groups: userGroups(admin: G.standard | G.owner) + [G(.highLabel, G.integrity | G.integrityEnabled)],
      privileges: privileges, integrityLevel: .highLabel, sessionId: 1, defaultOwner: .administrators, primaryGroup: user,
      defaultDacl: ACL([ACE(.allowed, .genericAll, .administrators), ACE(.allowed, .genericAll, .localSystem)]),
      elevationType: .full)
  }

  static func limitedUser(tokenId: UInt64) -> Token {
    Token(
      tokenId: tokenId, authenticationId: userLogon + 1, user: user, userName: userName,
      groups: userGroups(admin: G.denyOnly) + [G(.mediumLabel, G.integrity | G.integrityEnabled)],
      privileges: [
        .init(.shutdown, enabled: false), .init(.changeNotify, enabled: true), .init(.undock, enabled: false),
        .init(.increaseWorkingSet, enabled: false), .init(.timeZone, enabled: false),
      ],
      integrityLevel: .mediumLabel, sessionId: 1, defaultOwner: user, primaryGroup: user,
      defaultDacl: ACL([
        ACE(.allowed, .genericAll, user), ACE(.allowed, .genericAll, .localSystem),
        ACE(.allowed, AccessMask(0xA000_0000), userLogonSid),
      ]),
      elevationType: .limited)
  }

  static func dwm(tokenId: UInt64) -> Token {
    let dwmSid = SID("S-1-5-90-0-1")!
    return Token(
      tokenId: tokenId, authenticationId: 0x9_A1B, user: dwmSid, userName: "Window Manager\\DWM-1",
      groups: [
        G(.everyone), G(.users), G(.interactive), G(.consoleLogon), G(.authenticatedUsers), G(.thisOrganization),
        G(.logonSession(high: 0, low: 0x9A1B), G.standard | G.logonId), G(.local),
        G(.systemLabel, G.integrity | G.integrityEnabled),
      ],
      privileges: [.init(.changeNotify, enabled: true), .init(.increaseWorkingSet, enabled: false), .init(.timeZone, enabled: false)],
      integrityLevel: .systemLabel, sessionId: 1, defaultOwner: dwmSid, primaryGroup: dwmSid,
      defaultDacl: ACL([ACE(.allowed, .genericAll, dwmSid), ACE(.allowed, .genericAll, .localSystem)]),
      elevationType: .default)
  }

  private static func userGroups(admin attributes: UInt32) -> [Token.Group] {
    [
      G(.everyone), G(localAccountAdmin, attributes == G.denyOnly ? G.denyOnly : G.standard),
      G(.administrators, attributes), G(.users), G(.interactive), G(.consoleLogon), G(.authenticatedUsers),
      G(.thisOrganization), G(localAccount), G(userLogonSid, G.standard | G.logonId), G(.local), G(ntlm),
    ]
  }
}
