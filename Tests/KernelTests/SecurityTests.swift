import NTCore
import Testing

@testable import Kernel

@Suite struct AccessCheckTests {
  let mapping = GenericMapping(0x20001, 0x20002, 0x120000, 0x1F_0003)
  let valid = AccessMask(0x1F_0003)

  func token(_ b: Booted) -> Token { b.ntsh.token }

  @Test func nullAndEmptyDacl() throws {
    let b = Booted()
    let null = try SDDL.parse("O:SYD:NO_ACCESS_CONTROL")
    #expect(AccessCheck.check(null, token: token(b), desired: .genericAll, mapping: mapping, validAccess: valid) == .success(AccessMask(0x1F_0003)))
    let empty = try SDDL.parse("O:SYD:")
    #expect(AccessCheck.check(empty, token: token(b), desired: AccessMask(0x1), mapping: mapping, validAccess: valid) == .failure(.accessDenied))
    // The owner still gets READ_CONTROL and WRITE_DAC.
    let owned = try SDDL.parse("O:BAD:")
    #expect(AccessCheck.check(owned, token: token(b), desired: [.readControl, .writeDac], mapping: mapping, validAccess: valid) == .success([.readControl, .writeDac]))
    let ownerRights = try SDDL.parse("O:BAD:(A;;RC;;;OW)")
    #expect(AccessCheck.check(ownerRights, token: token(b), desired: .writeDac, mapping: mapping, validAccess: valid) == .failure(.accessDenied))
  }

  @Test func aceOrderMatters() throws {
    let b = Booted()
    let denyFirst = try SDDL.parse("O:SYD:(D;;0x2;;;WD)(A;;GA;;;WD)")
    let allowFirst = try SDDL.parse("O:SYD:(A;;GA;;;WD)(D;;0x2;;;WD)")
    #expect(AccessCheck.check(denyFirst, token: token(b), desired: AccessMask(0x2), mapping: mapping, validAccess: valid) == .failure(.accessDenied))
    #expect(AccessCheck.check(allowFirst, token: token(b), desired: AccessMask(0x2), mapping: mapping, validAccess: valid) == .success(AccessMask(0x2)))
    #expect(AccessCheck.check(denyFirst, token: token(b), desired: AccessMask(0x1), mapping: mapping, validAccess: valid) == .success(AccessMask(0x1)))
    #expect(AccessCheck.check(denyFirst, token: token(b), desired: .maximumAllowed, mapping: mapping, validAccess: valid) == .success(AccessMask(0x1F_0001)))
  }

  @Test func genericRightsMapAndInvalidBitsAreRefused() throws {
    let b = Booted()
    let sd = try SDDL.parse("O:SYD:(A;;GR;;;WD)")
    #expect(AccessCheck.check(sd, token: token(b), desired: .genericRead, mapping: mapping, validAccess: valid) == .success(AccessMask(0x20001)))
    #expect(AccessCheck.check(sd, token: token(b), desired: AccessMask(0x4), mapping: mapping, validAccess: valid) == .failure(.accessDenied))
    #expect(AccessCheck.check(sd, token: token(b), desired: .accessSystemSecurity, mapping: mapping, validAccess: valid) == .failure(.privilegeNotHeld))
  }

  @Test func denyOnlyGroupsAndIntegrity() throws {
    let b = Booted()
    let explorer = try #require(b.kernel.processes.first { $0.imageName == "explorer.exe" })
    let adminsOnly = try SDDL.parse("O:SYD:(A;;GA;;;BA)")
    #expect(AccessCheck.check(adminsOnly, token: explorer.token, desired: AccessMask(0x1), mapping: mapping, validAccess: valid) == .failure(.accessDenied))
    #expect(AccessCheck.check(adminsOnly, token: token(b), desired: AccessMask(0x1), mapping: mapping, validAccess: valid) == .success(AccessMask(0x1)))
    let highLabelled = try SDDL.parse("O:SYD:(A;;GA;;;WD)S:(ML;;NW;;;HI)")
    #expect(AccessCheck.check(highLabelled, token: explorer.token, desired: AccessMask(0x2), mapping: mapping, validAccess: valid) == .failure(.accessDenied))
    #expect(AccessCheck.check(highLabelled, token: explorer.token, desired: AccessMask(0x1), mapping: mapping, validAccess: valid) == .success(AccessMask(0x1)))
  }

  @Test func sddlRoundTripsAndRejectsGarbage() throws {
    let text = "O:BAG:SYD:P(A;OICI;GA;;;SY)(D;;0x2;;;WD)S:(ML;;NW;;;LW)"
    #expect(SDDL.format(try SDDL.parse(text)) == text)
    #expect(throws: SDDL.ParseError.self) { try SDDL.parse("D:(X;;GA;;;SY)") }
    #expect(throws: SDDL.ParseError.self) { try SDDL.parse("O:nobody") }
    #expect(throws: SDDL.ParseError.self) { try SDDL.parse("D:(A;;GA;;SY)") }
  }
}

/// What a user-mode caller may put in a descriptor: at creation (SeAssignSecurity) and through
/// NtSetSecurityObject.
@Suite struct AssignSecurityTests {
  func create(_ b: Booted, as p: EProcess? = nil, _ name: String?, _ sddl: String) throws -> (status: NTStatus, handle: Handle) {
    let sd = try SDDL.parse(sddl)
    var h = Handle.null
    let attrs = ObjectAttributes(name.map(Booted.bno), securityDescriptor: sd)
    let s = b.user(as: p ?? b.ntsh) { $0.NtCreateEvent(&h, .genericAll, attrs, notification: true, initialState: false) }
    return (s, h)
  }

  @Test func anOwnerMustBeTheCallerOrAnOwnerGroup() throws {
    let b = Booted()
    // ntsh.exe is an elevated administrator: itself and Administrators (SE_GROUP_OWNER) may own.
    #expect(try create(b, "Mine", "O:BAD:(A;;GA;;;WD)").status == .success)
    #expect(try create(b, "User", "O:S-1-5-21-2964136283-1427930472-3358761490-1001D:(A;;GA;;;WD)").status == .success)
    #expect(try create(b, "Sys", "O:SYD:(A;;GA;;;WD)").status == .invalidOwner)
    #expect(try create(b, nil, "O:SYD:(A;;GA;;;WD)").status == .invalidOwner)
    // The refused name was never inserted.
    var h = Handle.null
    #expect(b.user { $0.NtOpenEvent(&h, .synchronize, ObjectAttributes(Booted.bno("Sys"))) } == .objectNameNotFound)
    // SeTakeOwnershipPrivilege does not let a caller give ownership away; SeRestorePrivilege does.
    b.ntsh.token.setPrivilege(.takeOwnership, enabled: true)
    #expect(try create(b, "Sys", "O:SYD:(A;;GA;;;WD)").status == .invalidOwner)
    b.ntsh.token.setPrivilege(.restore, enabled: true)
    #expect(try create(b, "Sys", "O:SYD:(A;;GA;;;WD)").status == .success)
  }

  @Test func aLabelMayNotBeAboveTheCallersIntegrity() throws {
    let b = Booted()
    let explorer = try #require(b.kernel.processes.first { $0.imageName == "explorer.exe" })
    #expect(try create(b, as: explorer, "MedHigh", "D:(A;;GA;;;WD)S:(ML;;NW;;;HI)").status == .invalidLabel)
    #expect(try create(b, as: explorer, "MedLow", "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)").status == .success)
    #expect(try create(b, "HighHigh", "D:(A;;GA;;;WD)S:(ML;;NW;;;HI)").status == .success)
    #expect(try create(b, "HighSys", "D:(A;;GA;;;WD)S:(ML;;NW;;;SI)").status == .invalidLabel)
  }

  @Test func auditAcesNeedSeSecurityPrivilege() throws {
    let b = Booted()
    #expect(try create(b, "Audited", "D:(A;;GA;;;WD)S:(AU;SA;GA;;;WD)").status == .privilegeNotHeld)
    b.ntsh.token.setPrivilege(.security, enabled: true)
    let (s, h) = try create(b, "Audited", "D:(A;;GA;;;WD)S:(AU;SA;GA;;;WD)")
    #expect(s == .success)
    #expect(b.object(h)?.securityDescriptor?.sacl?.aces.first?.kind == .audit)
  }

  @Test func setSecurityChecksTheHandleAndWhatItAssigns() throws {
    let b = Booted()
    let (s, h) = try create(b, "Target", "D:(A;;GA;;;WD)")
    #expect(s == .success)
    func set(_ h: Handle, _ sddl: String) throws -> NTStatus {
      let sd = try SDDL.parse(sddl)
      return b.user { $0.NtSetSecurityObject(h, sd) }
    }
    #expect(try set(h, "O:SY") == .invalidOwner)
    #expect(try set(h, "O:BA") == .success)
    #expect(try set(h, "S:(ML;;NW;;;SI)") == .invalidLabel)
    #expect(try set(h, "S:(ML;;NW;;;LW)") == .success)
    // Audit ACEs need ACCESS_SYSTEM_SECURITY on the handle, which needs SeSecurityPrivilege to get.
    #expect(try set(h, "S:(AU;SA;GA;;;WD)") == .accessDenied)
    // A handle without WRITE_OWNER may not change the owner or the label.
    var weak = Handle.null
    #expect(b.user { $0.NtOpenEvent(&weak, [.synchronize, .writeDac], ObjectAttributes(Booted.bno("Target"))) } == .success)
    #expect(try set(weak, "O:BA") == .accessDenied)
    #expect(try set(weak, "S:(ML;;NW;;;LW)") == .accessDenied)
    #expect(try set(weak, "D:(A;;GA;;;WD)") == .success)
    // Setting an audit ACE keeps the label, and the other way round.
    b.ntsh.token.setPrivilege(.security, enabled: true)
    var full = Handle.null
    let both: AccessMask = [.accessSystemSecurity, .writeOwner]
    #expect(b.user { $0.NtOpenEvent(&full, both, ObjectAttributes(Booted.bno("Target"))) } == .success)
    #expect(try set(full, "S:(AU;SA;GA;;;WD)") == .success)
    let sacl = b.object(h)?.securityDescriptor?.sacl?.aces.map(\.kind)
    #expect(sacl == [.mandatoryLabel, .audit])
  }

  @Test func anAclOver64KiBIsRefused() throws {
    let b = Booted()
    // An ACE for Everyone is 20 bytes: 3,300 of them make a 66,008-byte list.
    let many = "D:" + String(repeating: "(A;;GA;;;WD)", count: 3_300)
    #expect(throws: SDDL.ParseError.self) { try SDDL.parse(many) }
    let ace = ACE(.allowed, .genericAll, .everyone)
    let sd = SecurityDescriptor(owner: nil, group: nil, dacl: ACL(Array(repeating: ace, count: 3_300)))
    var h = Handle.null
    let attrs = ObjectAttributes(Booted.bno("Huge"), securityDescriptor: sd)
    #expect(b.user { $0.NtCreateEvent(&h, .genericAll, attrs, notification: true, initialState: false) } == .invalidACL)
    let (s, small) = try create(b, "Small", "D:(A;;GA;;;WD)")
    #expect(s == .success)
    #expect(b.user { $0.NtSetSecurityObject(small, sd) } == .invalidACL)
    // The largest such list that fits is accepted: 8 + 3,276 × 20 bytes.
    let fits = SecurityDescriptor(owner: nil, group: nil, dacl: ACL(Array(repeating: ace, count: 3_276)))
    #expect(fits.dacl?.size == 65_528)
    #expect(b.user { $0.NtSetSecurityObject(small, fits) } == .success)
  }
}
