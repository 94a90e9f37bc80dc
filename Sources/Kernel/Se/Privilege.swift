/// A privilege, identified by its LUID's low part as `!token` prints it.
public enum Privilege: UInt32, Sendable, CaseIterable, Comparable {
  case createToken = 2, assignPrimaryToken, lockMemory, increaseQuota, machineAccount, tcb, security,
    takeOwnership, loadDriver, systemProfile, systemtime, profileSingleProcess, increaseBasePriority,
    createPagefile, createPermanent, backup, restore, shutdown, debug, audit, systemEnvironment,
    changeNotify, remoteShutdown, undock, syncAgent, enableDelegation, manageVolume, impersonate,
    createGlobal, trustedCredManAccess, relabel, increaseWorkingSet, timeZone, createSymbolicLink,
    delegateSessionUserImpersonate

  /// The name Windows uses: `SeCreatePermanentPrivilege`.
  public var name: String {
    let base: String
    switch self {
    case .createToken: base = "CreateToken"
    case .assignPrimaryToken: base = "AssignPrimaryToken"
    case .lockMemory: base = "LockMemory"
    case .increaseQuota: base = "IncreaseQuota"
    case .machineAccount: base = "MachineAccount"
    case .tcb: base = "Tcb"
    case .security: base = "Security"
    case .takeOwnership: base = "TakeOwnership"
    case .loadDriver: base = "LoadDriver"
    case .systemProfile: base = "SystemProfile"
    case .systemtime: base = "Systemtime"
    case .profileSingleProcess: base = "ProfileSingleProcess"
    case .increaseBasePriority: base = "IncreaseBasePriority"
    case .createPagefile: base = "CreatePagefile"
    case .createPermanent: base = "CreatePermanent"
    case .backup: base = "Backup"
    case .restore: base = "Restore"
    case .shutdown: base = "Shutdown"
    case .debug: base = "Debug"
    case .audit: base = "Audit"
    case .systemEnvironment: base = "SystemEnvironment"
    case .changeNotify: base = "ChangeNotify"
    case .remoteShutdown: base = "RemoteShutdown"
    case .undock: base = "Undock"
    case .syncAgent: base = "SyncAgent"
    case .enableDelegation: base = "EnableDelegation"
    case .manageVolume: base = "ManageVolume"
    case .impersonate: base = "Impersonate"
    case .createGlobal: base = "CreateGlobal"
    case .trustedCredManAccess: base = "TrustedCredManAccess"
    case .relabel: base = "Relabel"
    case .increaseWorkingSet: base = "IncreaseWorkingSet"
    case .timeZone: base = "TimeZone"
    case .createSymbolicLink: base = "CreateSymbolicLink"
    case .delegateSessionUserImpersonate: base = "DelegateSessionUserImpersonate"
    }
    return "Se" + base + "Privilege"
  }

  /// Looks a privilege up by name (`SeDebugPrivilege`, `debug`), case-insensitively.
  public static func named(_ text: String) -> Privilege? {
    let t = text.lowercased()
    return allCases.first { $0.name.lowercased() == t || $0.name.lowercased() == "se" + t + "privilege" }
  }

  /// Orders by LUID.
  public static func < (a: Privilege, b: Privilege) -> Bool { a.rawValue < b.rawValue }
}
