import NTCore
import Testing

@testable import Kernel

/// The pool's bookkeeping when blocks are freed in any order.
@Suite struct PoolTests {
  @Test func freeingTheNewestBlocksTrimsAndLookupsStayRight() throws {
    let b = Booted()
    let pool = b.kernel.pool
    let tag = PoolTag("Test")
    let a = try #require(pool.allocate(.paged, size: 32, tag: tag))
    let m = try #require(pool.allocate(.paged, size: 32, tag: tag))
    let z = try #require(pool.allocate(.paged, size: 32, tag: tag))
    #expect(pool.free(z))
    #expect(pool.block(at: z.address) == nil)
    #expect(pool.free(a))
    #expect(pool.block(at: a.address) == nil)
    #expect(pool.block(at: m.address) === m)
    // Addresses are never reused: the next block comes after the freed tail.
    let next = try #require(pool.allocate(.paged, size: 32, tag: tag))
    #expect(next.address > z.address)
    #expect(pool.block(containing: next.address + 8) === next)
    #expect(pool.block(at: m.address) === m)
    #expect(!pool.free(z))  // twice
    // Many allocate/free pairs leave nothing behind.
    for _ in 0..<10_000 {
      guard let x = pool.allocate(.paged, size: 16, tag: tag) else { Issue.record("allocation failed"); return }
      pool.free(x)
    }
    #expect(pool.usage(of: tag, paged: true).diff == 2)
    #expect(pool.block(at: m.address) === m && pool.block(at: next.address) === next)
  }
}
