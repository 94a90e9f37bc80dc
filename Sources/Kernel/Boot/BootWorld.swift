/// The boot world as data: namespace entries and processes, in creation order.
enum BootWorld {
  /// Security descriptors of the well-known directories (SDDL).
  enum SD {
    static let publicDirectory = "O:BAG:SYD:(A;;GRGX;;;WD)(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGX;;;RC)"
    static let kernelObjects = "O:BAG:SYD:(A;;GR;;;WD)(A;;GA;;;SY)(A;;GA;;;BA)"
    static let globalNamedObjects = "O:BAG:SYD:(A;;0x20007;;;WD)(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGX;;;RC)"
    static let sessionNamedObjects = "O:BAG:SYD:(A;;GRGX;;;WD)(A;;0x2000F;;;IU)(A;;GA;;;SY)(A;;GA;;;BA)"
    static let systemOnly = "O:BAG:SYD:(A;;GA;;;SY)(A;;GA;;;BA)"
  }

  /// One thing the boot creates in the namespace.
  enum Entry {
    case directory(String, sd: String = SD.publicDirectory, session: UInt32? = nil)
    case link(String, target: String)
    case event(String, notification: Bool, signaled: Bool)
    case mutant(String)
    case callback(String)
    case opaque(String, type: String)
    case memoryCondition(String)
  }

  static let namespace: [Entry] = [
    .directory("\\KernelObjects", sd: SD.kernelObjects),
    .directory("\\Callback"),
    .directory("\\Device"),
    .directory("\\Driver"),
    .directory("\\FileSystem"),
    .directory("\\FileSystem\\Filters"),
    .directory("\\GLOBAL??"),
    .link("\\DosDevices", target: "\\??"),
    .directory("\\BaseNamedObjects", sd: SD.globalNamedObjects, session: 0),
    .directory("\\BaseNamedObjects\\Restricted", sd: SD.globalNamedObjects),
    .link("\\BaseNamedObjects\\Global", target: "\\BaseNamedObjects"),
    .link("\\BaseNamedObjects\\Local", target: "\\BaseNamedObjects"),
    .link("\\BaseNamedObjects\\Session", target: "\\Sessions\\BNOLINKS"),
    .directory("\\Sessions"),
    .directory("\\Sessions\\0", session: 0),
    .directory("\\Sessions\\0\\DosDevices", session: 0),
    .directory("\\Sessions\\0\\DosDevices\\00000000-000003e7", session: 0),
    .directory("\\Sessions\\0\\DosDevices\\00000000-0002d5c3", session: 0),
    .directory("\\Sessions\\0\\DosDevices\\00000000-0002d5c4", session: 0),
    .directory("\\Sessions\\BNOLINKS"),
    .link("\\Sessions\\BNOLINKS\\0", target: "\\BaseNamedObjects"),
    .directory("\\Sessions\\1", session: 1),
    .directory("\\Sessions\\1\\BaseNamedObjects", sd: SD.sessionNamedObjects, session: 1),
    .link("\\Sessions\\1\\BaseNamedObjects\\Global", target: "\\BaseNamedObjects"),
    .link("\\Sessions\\1\\BaseNamedObjects\\Local", target: "\\Sessions\\1\\BaseNamedObjects"),
    .link("\\Sessions\\1\\BaseNamedObjects\\Session", target: "\\Sessions\\BNOLINKS"),
    .directory("\\Sessions\\1\\DosDevices", session: 1),
    .directory("\\Sessions\\1\\Windows", session: 1),
    .directory("\\Sessions\\1\\Windows\\WindowStations", session: 1),
    .opaque("\\Sessions\\1\\Windows\\ApiPort", type: "ALPC Port"),
    .directory("\\Sessions\\1\\AppContainerNamedObjects", session: 1),
    .link("\\Sessions\\BNOLINKS\\1", target: "\\Sessions\\1\\BaseNamedObjects"),
    .directory("\\Windows"),
    .directory("\\Windows\\WindowStations", session: 0),
    .opaque("\\Windows\\ApiPort", type: "ALPC Port"),
    .opaque("\\Windows\\SbApiPort", type: "ALPC Port"),
    .directory("\\RPC Control"),
    .opaque("\\RPC Control\\epmapper", type: "ALPC Port"),
    .opaque("\\RPC Control\\lsasspirpc", type: "ALPC Port"),
    .opaque("\\RPC Control\\LRPC-control", type: "ALPC Port"),
    .directory("\\KnownDlls"),
    .link("\\KnownDlls\\KnownDllPath", target: "C:\\Windows\\System32"),
    .opaque("\\KnownDlls\\kernel32.dll", type: "Section"),
    .opaque("\\KnownDlls\\KERNELBASE.dll", type: "Section"),
    .opaque("\\KnownDlls\\user32.dll", type: "Section"),
    .opaque("\\KnownDlls\\advapi32.dll", type: "Section"),
    .opaque("\\KnownDlls\\combase.dll", type: "Section"),
    .directory("\\NLS"),
    .directory("\\Security"),
    .event("\\Security\\LSA_AUTHENTICATION_INITIALIZED", notification: true, signaled: true),
    .directory("\\ArcName"),
    .directory("\\UMDFCommunicationPorts"),
    .directory("\\Silo"),
    .opaque("\\REGISTRY", type: "Key"),
    .event("\\SAM_SERVICE_STARTED", notification: true, signaled: true),
    .mutant("\\PendingRenameMutex"),
    .link("\\SystemRoot", target: "\\Device\\BootDevice\\Windows"),
    .memoryCondition("\\KernelObjects\\LowMemoryCondition"),
    .memoryCondition("\\KernelObjects\\HighMemoryCondition"),
    .memoryCondition("\\KernelObjects\\LowPagedPoolCondition"),
    .memoryCondition("\\KernelObjects\\HighPagedPoolCondition"),
    .memoryCondition("\\KernelObjects\\LowNonPagedPoolCondition"),
    .memoryCondition("\\KernelObjects\\HighNonPagedPoolCondition"),
    .memoryCondition("\\KernelObjects\\LowCommitCondition"),
    .memoryCondition("\\KernelObjects\\HighCommitCondition"),
    .memoryCondition("\\KernelObjects\\MaximumCommitCondition"),
    .memoryCondition("\\KernelObjects\\MemoryErrors"),
    .memoryCondition("\\KernelObjects\\PhysicalMemoryChange"),
    .event("\\KernelObjects\\PrefetchTracesReady", notification: true, signaled: true),
    .event("\\KernelObjects\\SystemErrorPortReady", notification: true, signaled: true),
    .mutant("\\KernelObjects\\BcdSyncMutant"),
    .callback("\\Callback\\PowerState"),
    .callback("\\Callback\\ProcessorAdd"),
    .callback("\\Callback\\SetSystemTime"),
    .callback("\\Callback\\PowerPort"),
    .callback("\\Callback\\PowerMonitorPort"),
    .callback("\\Callback\\WdEbNotificationCallback"),
    .event("\\BaseNamedObjects\\TermSrvReadyEvent", notification: true, signaled: true),
    .event("\\BaseNamedObjects\\SC_AutoStartComplete", notification: true, signaled: true),
  ]

  /// Built-in drivers and their devices; `\FileSystem\…` drivers live in that directory.
  static let drivers: [(driver: String, devices: [String])] = [
    ("\\Driver\\ACPI", []),
    ("\\Driver\\volmgr", ["\\Device\\HarddiskVolume1", "\\Device\\HarddiskVolume2", "\\Device\\HarddiskVolume3"]),
    ("\\Driver\\Null", ["\\Device\\Null"]),
    ("\\Driver\\Beep", ["\\Device\\Beep"]),
    ("\\Driver\\KSecDD", ["\\Device\\KsecDD"]),
    ("\\Driver\\condrv", ["\\Device\\ConDrv"]),
    ("\\Driver\\AFD", ["\\Device\\Afd"]),
    ("\\Driver\\Tcpip", ["\\Device\\Tcp", "\\Device\\Udp"]),
    ("\\FileSystem\\Ntfs", []),
    ("\\FileSystem\\FltMgr", ["\\FileSystem\\Filters\\FltMgrMsg"]),
    ("\\FileSystem\\Npfs", ["\\Device\\NamedPipe"]),
    ("\\FileSystem\\Msfs", ["\\Device\\Mailslot"]),
  ]

  /// Links made once the devices exist.
  static let deviceLinks: [(String, String)] = [
    ("\\Device\\BootDevice", "\\Device\\HarddiskVolume3"),
    ("\\GLOBAL??\\C:", "\\Device\\HarddiskVolume3"),
    ("\\GLOBAL??\\NUL", "\\Device\\Null"),
    ("\\GLOBAL??\\PIPE", "\\Device\\NamedPipe"),
    ("\\GLOBAL??\\MAILSLOT", "\\Device\\Mailslot"),
    ("\\GLOBAL??\\GLOBALROOT", ""),
    ("\\GLOBAL??\\Global", "\\GLOBAL??"),
    ("\\ArcName\\multi(0)disk(0)rdisk(0)partition(3)", "\\Device\\HarddiskVolume3"),
  ]

  /// Which token a boot process runs with.
  enum Account { case system, localService, networkService, elevatedUser, limitedUser, dwm }

  /// One boot process: image, parent (index into this list, or -1 for System), account,
  /// session, base priority, threads, and whether it exits once its children are started.
  struct Process {
    let image: String
    let commandLine: String
    let parent: Int
    let account: Account
    let session: UInt32?
    let priority: Int
    let threads: Int
    let transient: Bool
  }

  /// The processes after System, in start order. Indices refer to this list.
  static let processes: [Process] = [
    Process(image: "Registry", commandLine: "", parent: -1, account: .system, session: nil, priority: 8, threads: 4, transient: false),
    Process(image: "smss.exe", commandLine: "\\SystemRoot\\System32\\smss.exe", parent: -1, account: .system, session: nil,
            priority: 11, threads: 2, transient: false),
    Process(image: "smss.exe", commandLine: "\\SystemRoot\\System32\\smss.exe 00000000 00000080", parent: 1,
            account: .system, session: 0, priority: 11, threads: 1, transient: true),
    Process(image: "csrss.exe", commandLine: "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows", parent: 2,
            account: .system, session: 0, priority: 13, threads: 10, transient: false),
    Process(image: "wininit.exe", commandLine: "wininit.exe", parent: 2, account: .system, session: 0, priority: 13,
            threads: 2, transient: false),
    Process(image: "smss.exe", commandLine: "\\SystemRoot\\System32\\smss.exe 00000001 00000080", parent: 1,
            account: .system, session: 1, priority: 11, threads: 1, transient: true),
    Process(image: "csrss.exe", commandLine: "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows", parent: 5,
            account: .system, session: 1, priority: 13, threads: 11, transient: false),
    Process(image: "winlogon.exe", commandLine: "winlogon.exe", parent: 5, account: .system, session: 1, priority: 13,
            threads: 4, transient: false),
    Process(image: "services.exe", commandLine: "C:\\Windows\\system32\\services.exe", parent: 4, account: .system,
            session: 0, priority: 9, threads: 6, transient: false),
    Process(image: "lsass.exe", commandLine: "C:\\Windows\\system32\\lsass.exe", parent: 4, account: .system, session: 0,
            priority: 9, threads: 8, transient: false),
    Process(image: "svchost.exe", commandLine: "C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p", parent: 8,
            account: .system, session: 0, priority: 8, threads: 9, transient: false),
    Process(image: "svchost.exe", commandLine: "C:\\Windows\\system32\\svchost.exe -k RPCSS -p", parent: 8,
            account: .networkService, session: 0, priority: 8, threads: 7, transient: false),
    Process(image: "svchost.exe", commandLine: "C:\\Windows\\system32\\svchost.exe -k LocalServiceNetworkRestricted -p",
            parent: 8, account: .localService, session: 0, priority: 8, threads: 5, transient: false),
    Process(image: "svchost.exe", commandLine: "C:\\Windows\\system32\\svchost.exe -k netsvcs -p", parent: 8,
            account: .system, session: 0, priority: 8, threads: 12, transient: false),
    Process(image: "dwm.exe", commandLine: "\"dwm.exe\"", parent: 7, account: .dwm, session: 1, priority: 13, threads: 6,
            transient: false),
    Process(image: "userinit.exe", commandLine: "C:\\Windows\\system32\\userinit.exe", parent: 7, account: .limitedUser,
            session: 1, priority: 8, threads: 1, transient: true),
    Process(image: "explorer.exe", commandLine: "C:\\Windows\\Explorer.EXE", parent: 15, account: .limitedUser,
            session: 1, priority: 8, threads: 8, transient: false),
    Process(image: "ntsh.exe", commandLine: "ntsh.exe", parent: 16, account: .elevatedUser, session: 1, priority: 8,
            threads: 1, transient: false),
  ]

  /// Images of the protected processes (PsProtectedSignerWinTcb-Light and the minimal Registry
  /// process; System is protected too); LSA protection (RunAsPPL) is off, as on an upgraded 23H2.
  static let protectedImages: Set<String> = ["Registry", "smss.exe", "csrss.exe", "wininit.exe", "services.exe"]
  /// Images of the critical processes (their exit is CRITICAL_PROCESS_DIED). The first, transient
  /// smss.exe instances are not: they exit during boot.
  static let criticalImages: Set<String> = ["smss.exe", "csrss.exe", "wininit.exe", "winlogon.exe", "services.exe", "lsass.exe"]

  /// Index of ntsh.exe in ``processes``.
  static let ntshIndex = 17
}
