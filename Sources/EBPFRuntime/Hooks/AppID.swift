/// The application id the bind hook hands programs.
///
/// WFP's ALE layers identify an application by its image path in NT device form, lower-cased, as
/// UTF-16LE with the terminating NUL counted in the blob (`FWPS_FIELD_ALE_RESOURCE_ASSIGNMENT_V4_ALE_APP_ID`,
/// "the full path of the application"; `FwpmGetAppIdFromFileName0` produces the same form, e.g.
/// `\device\harddiskvolume3\windows\system32\svchost.exe`). netebpfext's bind hook then moves
/// `app_id_start` past the last backslash (`_net_ebpf_ext_resource_truncate_appid` in
/// `netebpfext/net_ebpf_ext_bind.c` of microsoft/ebpf-for-windows, read with the search tool),
/// leaving `app_id_end` where it was: a bind program sees `svchost.exe` and its NUL, 2 bytes per
/// character, while the bytes before `app_id_start` still hold the folder part.
public enum AppID {
  /// The boot volume as WFP names it (ntsh's `C:` is `\Device\HarddiskVolume3`).
  public static let volume = "\\device\\harddiskvolume3"

  /// The NT path of an image: from a `C:\…` command line when it gives one, else System32.
  public static func path(imageName: String, commandLine: String = "") -> String {
    var first = commandLine.trimmingPrefix { $0 == " " }
    if first.hasPrefix("\"") {
      first = first.dropFirst().prefix { $0 != "\"" }
    } else {
      first = first.prefix { $0 != " " }
    }
    let lower = String(first).lowercased()
    if lower.hasPrefix("c:\\"), lower.hasSuffix(imageName.lowercased()) {
      return volume + String(lower.dropFirst(2))
    }
    for root in ["\\systemroot\\", "%systemroot%\\"]
    where lower.hasPrefix(root) && lower.hasSuffix(imageName.lowercased()) {
      return volume + "\\windows\\" + String(lower.dropFirst(root.count))
    }
    return volume + "\\windows\\system32\\" + imageName.lowercased()
  }

  /// The blob: the lower-cased path as UTF-16LE with a terminating NUL.
  public static func blob(path: String) -> [UInt8] {
    var bytes: [UInt8] = []
    for unit in path.lowercased().utf16 + [0] {
      bytes.append(UInt8(truncatingIfNeeded: unit))
      bytes.append(UInt8(truncatingIfNeeded: unit >> 8))
    }
    return bytes
  }

  /// The blob of an image.
  public static func blob(imageName: String, commandLine: String = "") -> [UInt8] {
    blob(path: path(imageName: imageName, commandLine: commandLine))
  }

  /// Where the bind hook starts the app id: after the last backslash (0 when there is none).
  public static func lastComponentOffset(_ blob: [UInt8]) -> Int {
    blob.withUnsafeBufferPointer { b in
      var i = b.count & ~1
      while i >= 2 {
        i -= 2
        if b[i] == UInt8(ascii: "\\") && b[i + 1] == 0 { return i + 2 }
      }
      return 0
    }
  }

  /// The text of UTF-16LE bytes up to the first NUL.
  public static func text(_ bytes: ArraySlice<UInt8>) -> String {
    var units: [UInt16] = []
    var i = bytes.startIndex
    while i + 1 < bytes.endIndex {
      let u = UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
      if u == 0 { break }
      units.append(u)
      i += 2
    }
    return String(decoding: units, as: UTF16.self)
  }
}
