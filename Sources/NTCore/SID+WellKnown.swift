/// Well-known SIDs, their account names and the SDDL two-letter aliases.
extension SID {
  /// S-1-0-0, Nobody.
  public static let null = SID(known: 0, 0)
  /// S-1-1-0, Everyone.
  public static let everyone = SID(known: 1, 0)
  /// S-1-2-0, LOCAL.
  public static let local = SID(known: 2, 0)
  /// S-1-2-1, CONSOLE LOGON.
  public static let consoleLogon = SID(known: 2, 1)
  /// S-1-3-0, CREATOR OWNER.
  public static let creatorOwner = SID(known: 3, 0)
  /// S-1-3-1, CREATOR GROUP.
  public static let creatorGroup = SID(known: 3, 1)
  /// S-1-3-4, OWNER RIGHTS.
  public static let ownerRights = SID(known: 3, 4)
  /// S-1-5-4, INTERACTIVE.
  public static let interactive = SID(known: 5, 4)
  /// S-1-5-6, SERVICE.
  public static let service = SID(known: 5, 6)
  /// S-1-5-7, ANONYMOUS LOGON.
  public static let anonymous = SID(known: 5, 7)
  /// S-1-5-11, Authenticated Users.
  public static let authenticatedUsers = SID(known: 5, 11)
  /// S-1-5-12, RESTRICTED.
  public static let restricted = SID(known: 5, 12)
  /// S-1-5-15, This Organization.
  public static let thisOrganization = SID(known: 5, 15)
  /// S-1-5-18, SYSTEM (LocalSystem).
  public static let localSystem = SID(known: 5, 18)
  /// S-1-5-19, LOCAL SERVICE.
  public static let localService = SID(known: 5, 19)
  /// S-1-5-20, NETWORK SERVICE.
  public static let networkService = SID(known: 5, 20)
  /// S-1-5-32-544, BUILTIN\Administrators.
  public static let administrators = SID(known: 5, 32, 544)
  /// S-1-5-32-545, BUILTIN\Users.
  public static let users = SID(known: 5, 32, 545)
  /// S-1-5-32-546, BUILTIN\Guests.
  public static let guests = SID(known: 5, 32, 546)
  /// S-1-5-80-0, NT SERVICE\ALL SERVICES.
  public static let allServices = SID(known: 5, 80, 0)
  /// S-1-15-2-1, ALL APPLICATION PACKAGES.
  public static let allApplicationPackages = SID(known: 15, 2, 1)
  /// S-1-16-0, Untrusted Mandatory Level.
  public static let untrustedLabel = SID(known: 16, 0)
  /// S-1-16-4096, Low Mandatory Level.
  public static let lowLabel = SID(known: 16, 4096)
  /// S-1-16-8192, Medium Mandatory Level.
  public static let mediumLabel = SID(known: 16, 8192)
  /// S-1-16-8448, Medium Plus Mandatory Level.
  public static let mediumPlusLabel = SID(known: 16, 8448)
  /// S-1-16-12288, High Mandatory Level.
  public static let highLabel = SID(known: 16, 12288)
  /// S-1-16-16384, System Mandatory Level.
  public static let systemLabel = SID(known: 16, 16384)

  /// A logon-session SID, S-1-5-5-X-Y.
  public static func logonSession(high: UInt32, low: UInt32) -> SID { SID(known: 5, 5, high, low) }

  /// True for a mandatory integrity label (S-1-16-x).
  public var isIntegrityLabel: Bool { authority == 16 && subAuthorities.count == 1 }

  /// The kind and account name Windows shows for a well-known SID: ("Alias", "BUILTIN\Administrators").
  public var wellKnownAccount: (kind: String, name: String)? {
    if let n = Self.wellKnownNames[self] { return n }
    if authority == 5, subAuthorities.count == 3, subAuthorities[0] == 5 {
      return ("Logon Session", "NT AUTHORITY\\LogonSessionId_\(subAuthorities[1])_\(subAuthorities[2])")
    }
    if authority == 5, subAuthorities.count == 3, subAuthorities[0] == 90, subAuthorities[1] == 0 {
      return ("Well Known Group", "Window Manager\\DWM-\(subAuthorities[2])")
    }
    if authority == 5, subAuthorities.count == 3, subAuthorities[0] == 96, subAuthorities[1] == 0 {
      return ("Well Known Group", "Font Driver Host\\UMFD-\(subAuthorities[2])")
    }
    return nil
  }

  static let wellKnownNames: [SID: (kind: String, name: String)] = [
    .null: ("Well Known Group", "NULL SID"),
    .everyone: ("Well Known Group", "localhost\\Everyone"),
    .local: ("Well Known Group", "localhost\\LOCAL"),
    .consoleLogon: ("Well Known Group", "localhost\\CONSOLE LOGON"),
    .creatorOwner: ("Well Known Group", "localhost\\CREATOR OWNER"),
    .creatorGroup: ("Well Known Group", "localhost\\CREATOR GROUP"),
    .ownerRights: ("Well Known Group", "localhost\\OWNER RIGHTS"),
    .interactive: ("Well Known Group", "NT AUTHORITY\\INTERACTIVE"),
    .service: ("Well Known Group", "NT AUTHORITY\\SERVICE"),
    .anonymous: ("Well Known Group", "NT AUTHORITY\\ANONYMOUS LOGON"),
    .authenticatedUsers: ("Well Known Group", "NT AUTHORITY\\Authenticated Users"),
    .restricted: ("Well Known Group", "NT AUTHORITY\\RESTRICTED"),
    .thisOrganization: ("Well Known Group", "NT AUTHORITY\\This Organization"),
    .localSystem: ("Well Known Group", "NT AUTHORITY\\SYSTEM"),
    .localService: ("Well Known Group", "NT AUTHORITY\\LOCAL SERVICE"),
    .networkService: ("Well Known Group", "NT AUTHORITY\\NETWORK SERVICE"),
    SID(known: 5, 113): ("Well Known Group", "NT AUTHORITY\\Local account"),
    SID(known: 5, 114): ("Well Known Group", "NT AUTHORITY\\Local account and member of Administrators group"),
    SID(known: 5, 64, 10): ("Well Known Group", "NT AUTHORITY\\NTLM Authentication"),
    .administrators: ("Alias", "BUILTIN\\Administrators"),
    .users: ("Alias", "BUILTIN\\Users"),
    .guests: ("Alias", "BUILTIN\\Guests"),
    .allServices: ("Well Known Group", "NT SERVICE\\ALL SERVICES"),
    .allApplicationPackages: ("Well Known Group", "APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES"),
    .untrustedLabel: ("Label", "Mandatory Label\\Untrusted Mandatory Level"),
    .lowLabel: ("Label", "Mandatory Label\\Low Mandatory Level"),
    .mediumLabel: ("Label", "Mandatory Label\\Medium Mandatory Level"),
    .mediumPlusLabel: ("Label", "Mandatory Label\\Medium Plus Mandatory Level"),
    .highLabel: ("Label", "Mandatory Label\\High Mandatory Level"),
    .systemLabel: ("Label", "Mandatory Label\\System Mandatory Level"),
  ]

  /// SDDL's two-letter SID strings.
  public static let sddlAliases: [String: SID] = [
    "WD": .everyone, "CO": .creatorOwner, "CG": .creatorGroup, "OW": .ownerRights, "IU": .interactive,
    "SU": .service, "AN": .anonymous, "AU": .authenticatedUsers, "RC": .restricted, "SY": .localSystem,
    "LS": .localService, "NS": .networkService, "BA": .administrators, "BU": .users, "BG": .guests,
    "AC": .allApplicationPackages, "LW": .lowLabel, "ME": .mediumLabel, "MP": .mediumPlusLabel,
    "HI": .highLabel, "SI": .systemLabel,
  ]

  /// The SDDL alias of this SID, if it has one.
  public var sddlAlias: String? { Self.sddlAliases.first { $0.value == self }?.key }
}
