/// ntsh's native image: the stand-in for the driver (`.sys`) bpf2c and Convert-BpfToNative build
/// from a verified object. It holds the object it was made from, the SHA-256 of that object (the
/// hash `show hash` prints, as Windows embeds one in a `hash` section) and what checked it.
///
/// Layout (little-endian): magic `NTSHEBPFNATIVE\0\0` (16 bytes), format version (u32, 1), flags
/// (u32; bit 0: the verifier proved the object, else only structural checks ran), object size
/// (u32), reserved (u32), the object's SHA-256 (32 bytes), then the object.
public struct NativeImage: Sendable, Hashable {
  /// The first 16 bytes of every image.
  public static let magic: [UInt8] = Array("NTSHEBPFNATIVE".utf8) + [0, 0]
  /// The format version this code writes and reads.
  public static let version: UInt32 = 1
  static let headerSize = 64

  /// The object the image was made from.
  public var object: [UInt8]
  /// SHA-256 of ``object``.
  public var hash: [UInt8]
  /// True when the verifier proved the object (false: structural checks only).
  public var verified: Bool

  /// An image of `object`.
  public init(object: [UInt8], verified: Bool) {
    self.object = object
    self.hash = SHA256.hash(object)
    self.verified = verified
  }

  /// True when `bytes` start like an image (any version).
  public static func isImage(_ bytes: [UInt8]) -> Bool { bytes.count >= 16 && Array(bytes[0..<16]) == magic }

  /// Reads an image; the failure names what is wrong.
  public init(bytes: [UInt8]) throws(LoadFailure) {
    guard Self.isImage(bytes) else { throw LoadFailure(.open, errno: 22, ["not an ntsh native image"]) }
    guard bytes.count >= Self.headerSize else {
      throw LoadFailure(.open, errno: 22, ["native image header is cut short"])
    }
    func word(_ o: Int) -> UInt32 {
      UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
    }
    guard word(16) == Self.version else {
      throw LoadFailure(
        .open, errno: 22, ["native image format version \(word(16)) is not supported (expected \(Self.version))"])
    }
    let size = Int(word(24))
    guard bytes.count - Self.headerSize == size else {
      throw LoadFailure(
        .open, errno: 22, ["native image says its object has \(size) bytes; it holds \(bytes.count - Self.headerSize)"])
    }
    object = Array(bytes[Self.headerSize...])
    hash = Array(bytes[32..<64])
    verified = word(20) & 1 != 0
    guard SHA256.hash(object) == hash else {
      throw LoadFailure(.open, errno: 22, ["native image is damaged: its object does not match its hash"])
    }
  }

  /// The image's bytes.
  public var bytes: [UInt8] {
    var out = Self.magic
    func word(_ v: UInt32) { for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) } }
    word(Self.version)
    word(verified ? 1 : 0)
    word(UInt32(truncatingIfNeeded: object.count))
    word(0)
    out += hash
    out += object
    return out
  }
}
