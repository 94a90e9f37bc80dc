import CBPFInterpreter

/// An op under construction.
struct ThreadedOp {
  var handler: ThreadedHandler
  var dst: UInt8 = 0
  var src: UInt8 = 0
  var off: Int16 = 0
  var imm: Int32 = 0

  init(_ handler: ThreadedHandler, dst: UInt8 = 0, src: UInt8 = 0, off: Int16 = 0, imm: Int32 = 0) {
    self.handler = handler
    self.dst = dst
    self.src = src
    self.off = off
    self.imm = imm
  }

  var raw: bpf_op {
    bpf_op(handler: threadedHandlerAddress(handler), dst: dst, src: src, off: off, imm: imm)
  }
}
