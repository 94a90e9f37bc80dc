/// An attachment of a program to a hook (`bpf_link`).
public final class LinkObject {
  /// The object id.
  public let id: UInt32
  /// The attached program's id.
  public let programID: UInt32
  /// Where it is attached.
  public let attachType: AttachType
  /// The interface an XDP program is attached to (0 for every interface).
  public let interfaceIndex: UInt32
  /// The compartment a sock_addr program is attached to (0 for every compartment).
  public let compartmentID: UInt32

  init(id: UInt32, programID: UInt32, attachType: AttachType, interfaceIndex: UInt32, compartmentID: UInt32) {
    self.id = id
    self.programID = programID
    self.attachType = attachType
    self.interfaceIndex = interfaceIndex
    self.compartmentID = compartmentID
  }

  /// `bpf_link_type`: XDP links are `xdp` (3), sock_addr links `cgroup` (2), the rest `plain` (1).
  public var linkType: UInt32 {
    switch attachType.programTypeNumber {
    case ProgramType.xdp.number: return 3
    case ProgramType.sockAddr.number: return 2
    default: return 1
    }
  }

  /// The link type's display name.
  public var linkTypeName: String { ["unspec", "plain", "cgroup", "xdp"][Int(linkType)] }
}
