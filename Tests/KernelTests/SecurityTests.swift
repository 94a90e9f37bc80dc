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
