import Kernel
import Testing

@testable import ObjectContext

@Suite struct ObjectContextTests {
  @Test func theMachineBootsOnlyWhenACommandNeedsIt() {
    let h = Harness()
    _ = h.run("object ?")
    _ = h.run("error 5")
    #expect(!h.world.machine.isBooted)
    _ = h.run("object show clock")
    #expect(h.world.machine.isBooted)
  }

  @Test func restartRebootsInPlaceAndCommandsKeepWorking() {
    let h = Harness()
    #expect(h.run("object create event name=Before").hasPrefix("Created Event"))
    #expect(h.run("object set process image=services.exe").hasPrefix("Acting as services.exe"))
    let first = h.world.machine.kernel
    #expect(h.run("restart testsigning=off").hasPrefix("Restarted: test signing off"))
    #expect(h.run("object open event name=Before").contains("ERROR_FILE_NOT_FOUND (2)"))
    #expect(h.world.machine.kernel !== first)
    #expect(h.run("object show handles").hasPrefix("Handles of ntsh.exe"))  // back to ntsh.exe
    // The test driver is test-signed: with test signing off it no longer loads.
    #expect(h.run("object kernel list").contains("ERROR_FILE_NOT_FOUND (2)"))
    #expect(h.run("restart testsigning=on").hasPrefix("Restarted"))
    #expect(h.run("object kernel list") == "The driver holds no references.\n")
  }

  @Test func backgroundOutputIsPrefixedAndExitsAnnounced() {
    let h = Harness()
    let out = h.run("start cmd.exe /c echo hi & exit 3")
    #expect(out.contains("[cmd.exe "))
    #expect(out.contains("] hi\n"))
    #expect(out.contains("exited with code 3 (0x3)."))
  }

  @Test func runReturnsWhenTheProgramBlocksForever() {
    let h = Harness()
    let out = h.run("run notepad.exe")
    #expect(out.contains("is waiting and nothing can wake it now; it keeps running."))
    #expect(h.run("object show processes").contains("notepad.exe"))
  }

  @Test func aBugcheckStopsTheMachineUntilRestart() {
    let h = Harness()
    // Drop the kernel's own reference to a type object through the driver, after making it
    // temporary: the seed's crash when a type object dies.
    let r = h.run("object kernel reference \\ObjectTypes\\Timer")
    let address = String(r.split(separator: " ")[1].dropLast(2))
    _ = h.run("object kernel open address=\(address)")
    _ = h.run("object kernel temporary handle=0xffffffff80000004")
    _ = h.run("object kernel close handle=0xffffffff80000004")
    _ = h.run("object kernel dereference address=\(address)")
    let kernel = h.world.machine.kernel
    kernel.ntoskrnl.ObDereferenceObject(kernel.ob.type(named: "Timer")!.object!)  // the kernel's own pointer
    #expect(kernel.bugCheckInfo?.code == .pageFaultInNonPagedArea)
    #expect(h.run("object show clock").contains("The system has stopped: *** STOP: 0x00000050"))
    _ = h.run("restart")
    #expect(h.run("object show clock").hasPrefix("Up time:"))
  }
}

@Suite struct ParseTests {
  @Test func handlesAddressesAndAccess() throws {
    #expect(try Parse.handle("0x1a4").rawValue == 0x1a4)
    #expect(try Parse.handle("420").rawValue == 420)
    #expect(try Parse.address("ffffad8d`14503080") == 0xffff_ad8d_1450_3080)
    #expect(try Parse.address("0xFFFFAD8D14503080") == 0xffff_ad8d_1450_3080)
    #expect(throws: (any Error).self) { try Parse.address("ffffad8d145030801") }
    let event = Machine().kernel.ob.type(named: "Event")
    #expect(try Parse.access("SYNCHRONIZE|MODIFY_STATE", type: event, default: []).rawValue == 0x10_0002)
    #expect(try Parse.access("EVENT_MODIFY_STATE", type: event, default: []).rawValue == 0x2)
    #expect(try Parse.access("0x1f0003", type: event, default: []).rawValue == 0x1F_0003)
    #expect(throws: (any Error).self) { try Parse.access("FLY", type: event, default: []) }
    #expect(try Parse.milliseconds("infinite", default: 0) == 0xFFFF_FFFF)
  }
}

@Suite struct ControlCharacterNameTests {
  @Test func namesWithControlCharactersPrintEscaped() {
    let h = Harness()
    let name = "Esc\u{1B}[31mRed\u{7F}"
    var out = h.run("object create event name=\(name)")
    out += h.run("object show handles")
    out += h.run("object show directory \\Sessions\\1\\BaseNamedObjects")
    out += h.run("object show object \\Sessions\\1\\BaseNamedObjects\\\(name)")
    out += h.run("object show handle 0xc")
    #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x7F })
    #expect(out.components(separatedBy: "Esc^[[31mRed^?").count == 7, "\(out)")  // six printings
  }
}
