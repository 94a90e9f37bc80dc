import NTCore
import Testing

@testable import Kernel

@Suite struct BootTests {
  @Test func typesHaveTheir23H2Indices() {
    let b = Booted()
    let ob = b.kernel.ob!
    let expected: [(String, UInt8)] = [
      ("Type", 2), ("Directory", 3), ("SymbolicLink", 4), ("Token", 5), ("Job", 6), ("Process", 7), ("Thread", 8),
      ("Event", 19), ("Mutant", 20), ("Callback", 21), ("Semaphore", 22), ("WindowStation", 27), ("Desktop", 28),
      ("Device", 36), ("Driver", 37), ("File", 40), ("Section", 46), ("Session", 47), ("Key", 48), ("ALPC Port", 51),
      ("VRegConfigurationContext", 71),
    ]
    for (name, index) in expected { #expect(ob.type(named: name)?.index == index, "\(name)") }
    #expect(ob.type(named: "Type")?.totalObjects == 70)
  }

  @Test func directoryHashMatchesRealBuckets() {
    let samples: [(String, Int)] = [
      ("Process", 1), ("Desktop", 1), ("Token", 5), ("Session", 12), ("Timer", 12), ("Mutant", 13), ("Driver", 36),
      ("KernelObjects", 23), ("FileSystem", 23),
    ]
    for (name, bucket) in samples { #expect(DirectoryHash.bucket(of: name) == bucket, "\(name)") }
  }

  @Test func bootWorldHasTheProcessesAndNamespace() {
    let b = Booted()
    let k = b.kernel
    #expect(k.systemProcess.pid == 4)
    let images = k.processes.map(\.imageName)
    for image in ["System", "Registry", "smss.exe", "csrss.exe", "wininit.exe", "winlogon.exe", "services.exe",
                  "lsass.exe", "svchost.exe", "explorer.exe", "ntsh.exe"] {
      #expect(images.contains(image), "\(image)")
    }
    #expect(images.filter { $0 == "csrss.exe" }.count == 2)
    #expect(!images.contains("userinit.exe"))  // exited after starting explorer
    #expect(b.ntsh.token.hasPrivilege(.createGlobal))
    #expect(!b.ntsh.token.holdsPrivilege(.createPermanent))
    #expect(k.systemProcess.token.hasPrivilege(.createPermanent))
    for path in ["\\ObjectTypes\\Event", "\\Callback\\PowerState", "\\Sessions\\1\\BaseNamedObjects", "\\Device\\Null",
                 "\\GLOBAL??\\C:", "\\KernelObjects\\Session1", "\\BaseNamedObjects\\Global"] {
      let r = k.ob.referenceByName(path, attributes: [.caseInsensitive, .openLink], type: nil, desired: [], mode: .kernelMode, process: k.systemProcess)
      if case .success(let o) = r { k.ob.dereference(o) } else { Issue.record("\(path): \(r)") }
    }
  }

  @Test func sameSeedSameAddressesOtherSeedOthers() {
    let a = Booted(seed: 7), b = Booted(seed: 7), c = Booted(seed: 8)
    #expect(a.ntsh.object?.address == b.ntsh.object?.address)
    #expect(a.ntsh.object?.address != c.ntsh.object?.address)
    #expect(a.kernel.ob.root.address == b.kernel.ob.root.address)
  }
}
