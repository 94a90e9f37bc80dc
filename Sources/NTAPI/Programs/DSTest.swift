import Drivers
import Kernel
import NTCore

/// `DSTest.exe`: the seed's DataStack test, as part 3 writes it. Every instance creates (or opens)
/// `MyDataStack` — no item-size limit, 100 items, 10 MB. The first instance is the pusher: it sleeps
/// 5 s, pushes two strings, then the integers 1…10 with 100 ms between them. An instance that finds
/// the object already there (ERROR_ALREADY_EXISTS) is the popper: for 10 s it pops every 300 ms and
/// prints what it got. With `/wait` the popper is part 4's: it waits on the object (at most 5 s),
/// pops, sleeps 300 ms and prints the item count and size, until a wait times out.
///
/// DataStack.dll is linked statically: when it refuses to load (a WOW64 process, or no driver) the
/// process never reaches `main` and exits with STATUS_DLL_INIT_FAILED.
public enum DSTest: UserProgram {
  /// DSTest.exe.
  public static let imageName = "DSTest.exe"
  /// Listing text.
  public static let summary = "The seed's DataStack test: the first instance pushes, the next pops (/wait: part 4's popper)."

  /// The program.
  public static func main(_ api: Win32, _ arguments: [String]) async throws -> UInt32 {
    guard api.LoadDataStackLibrary() else { return NTStatus.dllInitFailed.rawValue }
    let waits = arguments.contains { $0.lowercased() == "/wait" }
    guard let h = api.CreateDataStack(nil, 0, 100, 10 << 20, "MyDataStack") else {
      api.printf("Failed to create data stack (\(api.GetLastError()))\n")
      return 1
    }
    api.printf("Handle created: 0x\(pointer(h.rawValue))\n")
    if api.GetLastError() == Win32Error.alreadyExists.code {
      api.printf("Opened an existing object... will pop elements\n")
      if waits { try await popItemsWaiting(api, h) } else { try await popItems(api, h) }
    } else {
      try await api.Sleep(5000)
      pushString(api, h, "Hello, data stack!")
      pushString(api, h, "Pushing another string...")
      for i in 1...10 {
        try await api.Sleep(100)
        _ = api.PushDataStack(h, UserBuffer(LE.bytes(UInt64(i), count: 4)), 4)
      }
    }
    _ = api.CloseHandle(h)
    return 0
  }

  /// `%p`: 16 upper-case hex digits.
  static func pointer(_ v: UInt64) -> String {
    let digits = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
  }

  /// PushString: the text and its NUL.
  @discardableResult
  static func pushString(_ api: Win32, _ h: Handle, _ text: String) -> Bool {
    let bytes = Array(text.utf8) + [0]
    let ok = api.PushDataStack(h, UserBuffer(bytes), UInt32(bytes.count))
    if !ok { api.printf("Error in PushString: \(api.GetLastError())\n") }
    return ok
  }

  /// Prints a popped item as the seed does: a string when longer than an int, else the int.
  static func printItem(_ api: Win32, _ buffer: UserBuffer, _ size: UInt32) {
    api.printf("Popped \(size) bytes: " + (size > 4 ? buffer.cString : String(buffer.int32)) + "\n")
  }

  /// PopItems (part 3): pops every 300 ms for 10 s; ERROR_NO_DATA is expected while the stack is empty.
  static func popItems(_ api: Win32, _ h: Handle) async throws {
    let buffer = UserBuffer(count: 256)
    let size = UserULong()
    let tick = api.GetTickCount64()
    while api.GetTickCount64() &- tick < 10_000 {
      size.value = UInt32(buffer.count)
      if !api.PopDataStack(h, buffer, size) && api.GetLastError() != Win32Error.noData.code {
        api.printf("Error in PopDataStack (\(api.GetLastError()))\n")
        break
      }
      if size.value != 0 { printItem(api, buffer, size.value) }
      try await api.Sleep(300)
    }
  }

  /// Part 4's popper: waits (at most 5 s) for the stack to hold items, pops one, sleeps 300 ms and
  /// prints what is left.
  static func popItemsWaiting(_ api: Win32, _ h: Handle) async throws {
    let buffer = UserBuffer(count: 256)
    let size = UserULong()
    while try await api.WaitForSingleObject(h, 5000) == Win32.WAIT_OBJECT_0 {
      size.value = UInt32(buffer.count)
      if !api.PopDataStack(h, buffer, size) && api.GetLastError() != Win32Error.noData.code {
        api.printf("Error in PopDataStack (\(api.GetLastError()))\n")
        break
      }
      if size.value != 0 { printItem(api, buffer, size.value) }
      try await api.Sleep(300)
      var count: UInt32 = 0
      var total: UInt64 = 0
      if api.GetDataStackItemCount(h, &count) && api.GetDataStackSize(h, &total) {
        api.printf("Data stack Item count: \(count) Size: \(total)\n")
      }
    }
  }
}

/// `DSTest32.exe`: the same test built for x86. DataStack.dll refuses to load in a WOW64 process
/// (the driver would refuse its requests too), so it exits with STATUS_DLL_INIT_FAILED.
public enum DSTest32: UserProgram {
  /// DSTest32.exe.
  public static let imageName = "DSTest32.exe"
  /// Listing text.
  public static let summary = "DSTest built for x86: a WOW64 process, refused by DataStack.dll."
  /// A 32-bit image.
  public static var isWow64: Bool { true }

  /// The program.
  public static func main(_ api: Win32, _ arguments: [String]) async throws -> UInt32 {
    try await DSTest.main(api, arguments)
  }
}
