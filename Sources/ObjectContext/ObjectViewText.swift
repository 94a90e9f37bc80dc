import Kernel
import NTCore

/// The `!object`-style rendering of an object view, with ntsh's extra lines after WinDbg's four.
enum ObjectViewText {
  static func lines(_ v: ObjectView) -> [String] {
    var out = [
      "Object: \(KdFormat.plain(v.address))  Type: (\(KdFormat.plain(v.typeAddress))) \(v.typeName)",
      "    ObjectHeader: \(KdFormat.plain(v.headerAddress)) (new version)",
      "    HandleCount: \(v.handleCount)  PointerCount: \(v.pointerCount)",
    ]
    if let name = v.name {
      let dir = v.directoryAddress == 0 ? "00000000" : KdFormat.plain(v.directoryAddress)
      out.append("    Directory Object: \(dir)  Name: \(name.visible)")
    }
    if let target = v.linkTarget { out.append("    Target String is '\(target)'") }
    out.append("    RealPointerCount: \(v.realPointerCount)")
    let flags = v.flags.names
    out.append("    Flags: 0x\(KdFormat.pad(UInt64(v.flags.rawValue), 2)) (\(flags.isEmpty ? "none" : flags.joined(separator: " ")))"
      + "  InfoMask: 0x\(KdFormat.pad(UInt64(v.infoMask), 2))")
    for (h, a) in v.optionalHeaders { out.append("        \(h.displayName)(\(KdFormat.plain(a)))") }
    if v.name != nil {
      out.append("    Path: " + (v.fullPath.map(\.visible) ?? "none (the name is no longer in the namespace)"))
    }
    out.append("    Body: \(v.bodySummary)")
    return out
  }
}

/// A security descriptor for people: owner, group, control, each ACE with its rights by name, SDDL.
enum SecurityText {
  static func lines(_ sd: SecurityDescriptor, type: ObjectType?, kernel: Kernel) -> [String] {
    var out: [String] = []
    out.append("Owner:    " + (sd.owner.map { Format.sid($0, kernel: kernel) } ?? "none"))
    out.append("Group:    " + (sd.group.map { Format.sid($0, kernel: kernel) } ?? "none"))
    out.append("Control:  0x\(String(sd.control, radix: 16, uppercase: true)) \(sd.controlNames.joined(separator: " "))")
    if !sd.daclPresent {
      out.append("DACL:     not present (everyone is granted access)")
    } else if let dacl = sd.dacl {
      out.append("DACL:     \(dacl.aces.count) ACE\(dacl.aces.count == 1 ? "" : "s")" + (dacl.aces.isEmpty ? " (nobody but the owner gets access)" : ""))
      for (i, a) in dacl.aces.enumerated() { out.append(ace(i, a, type: type, kernel: kernel)) }
    } else {
      out.append("DACL:     NULL (everyone is granted full access)")
    }
    if let sacl = sd.sacl {
      out.append("SACL:     \(sacl.aces.count) ACE\(sacl.aces.count == 1 ? "" : "s")")
      for (i, a) in sacl.aces.enumerated() { out.append(ace(i, a, type: type, kernel: kernel)) }
    } else {
      out.append("SACL:     none")
    }
    out.append("SDDL:     \(SDDL.format(sd))")
    return out
  }

  static func ace(_ i: Int, _ a: ACE, type: ObjectType?, kernel: Kernel) -> String {
    let rights: String
    if a.kind == .mandatoryLabel {
      let names = [(ACE.noWriteUp, "NO_WRITE_UP"), (ACE.noReadUp, "NO_READ_UP"), (ACE.noExecuteUp, "NO_EXECUTE_UP")]
        .filter { a.mask.rawValue & $0.0 != 0 }.map(\.1)
      rights = names.joined(separator: " ")
    } else {
      let mapped = type.map { $0.initializer.genericMapping.map(a.mask) } ?? a.mask
      rights = Format.access(mapped, type: type)
    }
    var flags = SDDL.flagCodes.filter { a.flags & $0.0 != 0 }.map(\.1).joined(separator: ",")
    if !flags.isEmpty { flags = " [\(flags)]" }
    return "  [\(i)] \(a.kind.name)\(flags) \(Format.sid(a.sid, kernel: kernel)): \(rights)"
  }
}
