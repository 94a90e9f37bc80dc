import NTCore

/// An access token: who a process is (user, groups, integrity), what it may do (privileges) and
/// what new objects get by default (owner, default DACL).
///
/// The body of objects of the Token type.
public final class Token {
  /// A group membership and its attributes.
  public struct Group: Sendable, Equatable {
    /// The group.
    public var sid: SID
    /// SE_GROUP_* attributes.
    public var attributes: UInt32

    /// SE_GROUP_MANDATORY.
    public static let mandatory: UInt32 = 0x1
    /// SE_GROUP_ENABLED_BY_DEFAULT.
    public static let enabledByDefault: UInt32 = 0x2
    /// SE_GROUP_ENABLED.
    public static let enabled: UInt32 = 0x4
    /// SE_GROUP_OWNER.
    public static let owner: UInt32 = 0x8
    /// SE_GROUP_USE_FOR_DENY_ONLY.
    public static let denyOnly: UInt32 = 0x10
    /// SE_GROUP_INTEGRITY.
    public static let integrity: UInt32 = 0x20
    /// SE_GROUP_INTEGRITY_ENABLED.
    public static let integrityEnabled: UInt32 = 0x40
    /// SE_GROUP_LOGON_ID.
    public static let logonId: UInt32 = 0xC000_0000
    /// The usual attributes of a group in a token: mandatory, enabled by default, enabled.
    public static let standard: UInt32 = 0x7

    /// Creates a membership.
    public init(_ sid: SID, _ attributes: UInt32 = Group.standard) {
      self.sid = sid
      self.attributes = attributes
    }

    /// True when the group counts for allow ACEs.
    public var isEnabled: Bool { attributes & Self.enabled != 0 && attributes & Self.denyOnly == 0 }
  }

  /// A privilege held by the token and whether it is enabled.
  public struct PrivilegeEntry: Sendable, Equatable {
    /// The privilege.
    public var privilege: Privilege
    /// SE_PRIVILEGE_ENABLED.
    public var enabled: Bool
    /// SE_PRIVILEGE_ENABLED_BY_DEFAULT.
    public var enabledByDefault: Bool

    /// Creates an entry.
    public init(_ privilege: Privilege, enabled: Bool, byDefault: Bool? = nil) {
      self.privilege = privilege
      self.enabled = enabled
      self.enabledByDefault = byDefault ?? enabled
    }
  }

  /// TOKEN_ELEVATION_TYPE.
  public enum ElevationType: Int, Sendable {
    /// TokenElevationTypeDefault: no split token (SYSTEM, services, UAC off).
    case `default` = 1
    /// TokenElevationTypeFull: the elevated half of a split token.
    case full = 2
    /// TokenElevationTypeLimited: the filtered half.
    case limited = 3
  }

  /// TokenId.
  public let tokenId: UInt64
  /// AuthenticationId: the logon session LUID (0x3e7 for SYSTEM).
  public let authenticationId: UInt64
  /// The user.
  public var user: SID
  /// `DOMAIN\name` of the user, for listings.
  public var userName: String
  /// Group memberships (the logon SID and the integrity label among them).
  public var groups: [Group]
  /// Privileges.
  public var privileges: [PrivilegeEntry]
  /// The mandatory integrity level.
  public var integrityLevel: SID
  /// The session the token belongs to.
  public var sessionId: UInt32
  /// Owner given to objects the token's process creates.
  public var defaultOwner: SID
  /// Primary group given to new objects.
  public var primaryGroup: SID
  /// DACL given to named objects created without a security descriptor.
  public var defaultDacl: ACL
  /// The elevation type.
  public var elevationType: ElevationType

  /// Creates a token.
  public init(
    tokenId: UInt64, authenticationId: UInt64, user: SID, userName: String, groups: [Group],
    privileges: [PrivilegeEntry], integrityLevel: SID, sessionId: UInt32, defaultOwner: SID, primaryGroup: SID,
    defaultDacl: ACL, elevationType: ElevationType
  ) {
    self.tokenId = tokenId
    self.authenticationId = authenticationId
    self.user = user
    self.userName = userName
    self.groups = groups
    self.privileges = privileges
    self.integrityLevel = integrityLevel
    self.sessionId = sessionId
    self.defaultOwner = defaultOwner
    self.primaryGroup = primaryGroup
    self.defaultDacl = defaultDacl
    self.elevationType = elevationType
  }

  /// A copy with a new id (NtDuplicateToken), as a child process inherits its parent's token.
  public func duplicate(tokenId: UInt64) -> Token {
    Token(
      tokenId: tokenId, authenticationId: authenticationId, user: user, userName: userName, groups: groups,
      privileges: privileges, integrityLevel: integrityLevel, sessionId: sessionId, defaultOwner: defaultOwner,
      primaryGroup: primaryGroup, defaultDacl: defaultDacl, elevationType: elevationType)
  }

  /// True when the privilege is present and enabled (SeSinglePrivilegeCheck for a user caller).
  public func hasPrivilege(_ p: Privilege) -> Bool { privileges.contains { $0.privilege == p && $0.enabled } }

  /// True when the privilege is present at all (enabled or not).
  public func holdsPrivilege(_ p: Privilege) -> Bool { privileges.contains { $0.privilege == p } }

  /// Enables or disables a held privilege; false when the token does not hold it.
  @discardableResult
  public func setPrivilege(_ p: Privilege, enabled: Bool) -> Bool {
    guard let i = privileges.firstIndex(where: { $0.privilege == p }) else { return false }
    privileges[i].enabled = enabled
    return true
  }

  /// True when the SID matches for allow ACEs: the user or an enabled group.
  public func matchesAllow(_ sid: SID) -> Bool {
    if sid == user { return true }
    return groups.contains { $0.sid == sid && $0.isEnabled }
  }

  /// True when the SID matches for deny ACEs: the user, an enabled group or a deny-only group.
  public func matchesDeny(_ sid: SID) -> Bool {
    if sid == user { return true }
    return groups.contains { $0.sid == sid && ($0.isEnabled || $0.attributes & Group.denyOnly != 0) }
  }

  /// True when the token may act as the owner given in a security descriptor.
  public func isOwner(_ owner: SID?) -> Bool {
    guard let owner else { return false }
    if owner == user { return true }
    return groups.contains { $0.sid == owner && $0.attributes & Group.owner != 0 && $0.isEnabled }
  }

  /// True for a member of BUILTIN\Administrators that may use it (an elevated admin or SYSTEM).
  public var isAdministrator: Bool { matchesAllow(.administrators) }

  /// The logon SID (S-1-5-5-X-Y) among the groups.
  public var logonSid: SID? { groups.first { $0.attributes & Group.logonId == Group.logonId }?.sid }

  /// The integrity level's RID (0x2000 for Medium, 0x3000 for High…).
  public var integrityRid: UInt32 { integrityLevel.rid ?? 0 }
}
