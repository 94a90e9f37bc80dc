import Testing

@testable import BPF

/// The informational level's failure slice (`StateRecorder+Slice.swift`) and the control
/// dependences it uses (`ControlDependence.swift`).
@Suite struct FailureSliceTests {
  /// The slice of the first error of `source`, as the pcs it lists.
  static func slicePCs(_ source: String, _ environment: VerifierEnvironment = VerifierFixtures.bind) throws -> [Int] {
    let r = try VerifierFixtures.verify(source, environment, options: VerifierOptions(level: .informational))
    let slice = try #require(r.slices.first)
    return slice.steps.map(\.pc)
  }

  @Test func everyPathsDefinitionAndTheDecidingBranch() throws {
    // r3 is -8 or -16 depending on the context; the slice of the failing read holds both
    // definitions, the branch that picks one, and what the branch compares.
    let pcs = try Self.slicePCs(
      """
      mov %r2, 0
      stxdw [%r10-8], %r2
      mov %r6, 7
      stxdw [%r10-24], %r6
      ldxb %r4, [%r1+48]
      mov %r3, -8
      jne %r4, 6, use
      mov %r3, -16
      use:
      mov %r7, 1
      mov %r5, %r10
      add %r5, %r3
      ldxdw %r0, [%r5+0]
      exit
      """)
    // 2, 3 (the other slot) and 8 (r7) play no part.
    #expect(pcs == [0, 1, 4, 5, 6, 7, 9, 10, 11])
  }

  @Test func followsSpillsAndFills() throws {
    let pcs = try Self.slicePCs(
      """
      ldxb %r3, [%r1+48]
      mov %r6, 99
      stxdw [%r10-8], %r3
      mov %r3, 0
      ldxdw %r4, [%r10-8]
      mov %r2, %r10
      add %r2, -16
      add %r2, %r4
      stb [%r2+0], 1
      mov %r0, 0
      exit
      """)
    // The value reaches the store through the slot at r10-8; the later r3 = 0 (3) and r6 (1) do not.
    #expect(pcs == [0, 2, 4, 5, 6, 7, 8])
  }

  @Test func sliceReportShowsTheBranch() throws {
    let r = try VerifierFixtures.verify(
      """
      ldxb %r4, [%r1+48]
      mov %r3, 8
      jne %r4, 6, use
      mov %r3, 60
      use:
      mov %r2, %r1
      add %r2, %r3
      ldxb %r0, [%r2+0]
      exit
      """, options: VerifierOptions(level: .informational))
    let text = VerificationReport(r, level: .informational).text
    #expect(text.contains("6: Upper bound must be at most 56 (valid_access(r2.offset, width=1) for read)\n"))
    #expect(
      text.contains(
        """
        ; failure slice:
        ;       0:\tr4 = *(u8 *)(r1 + 48)\t[r1.type=ctx, r1.ctx_offset=0]
        ;       1:\tr3 = 8
        ;       2:\tif r4 != 6 goto +1 <4>\t[r4.type=number, r4.svalue=[0, 255]]
        ;       3:\tr3 = 60
        ;       4:\tr2 = r1\t[r1.type=ctx, r1.ctx_offset=0]
        ;       5:\tr2 += r3\t[r2.type=ctx, r2.ctx_offset=0, r3.type=number, r3.svalue=[8, 60]]
        ;       6:\tr0 = *(u8 *)(r2 + 0)\t[r2.type=ctx, r2.ctx_offset=[8, 60]]

        """))
  }

  @Test func argumentsAreFollowedToTheCallSites() throws {
    // The subprogram's bad access depends on r1 as each caller set it.
    let pcs = try Self.slicePCs(
      """
      mov %r6, %r1
      mov %r1, 4
      call local sub
      mov %r1, 70
      call local sub
      mov %r0, 0
      exit
      sub:
      mov %r2, %r10
      add %r2, -8
      add %r2, %r1
      stb [%r2+0], 1
      exit
      """)
    #expect(pcs.contains(1) && pcs.contains(3) && pcs.contains(2) && pcs.contains(4))
    #expect(!pcs.contains(0))
    #expect(Array(pcs.suffix(4)) == [7, 8, 9, 10])
  }

  @Test func largeProgramsStayLinear() throws {
    // 3,000 diamonds each possibly adding 1: every add and every branch is in the slice.
    var source = "ldxb %r3, [%r1+48]\nmov %r2, 0\n"
    for k in 0..<3000 { source += "jeq %r3, \(k % 200), +1\nadd %r2, 1\n" }
    source += "mov %r4, %r10\nadd %r4, -8\nadd %r4, %r2\nstb [%r4+0], 0\nmov %r0, 0\nexit\n"
    let pcs = try Self.slicePCs(source)
    #expect(pcs.count == 2 + 6000 + 4)
    #expect(pcs.first == 0 && pcs.last == 6005)
  }

  @Test func registersNamedInMessages() {
    let access = "Upper bound must be at most EBPF_STACK_SIZE (valid_access(r2.offset, width=r3) for read)"
    #expect(StateRecorder.registersNamed(in: access) == [2, 3])
    #expect(StateRecorder.registersNamed(in: "Invalid type (r10.type == number)") == [10])
    #expect(StateRecorder.registersNamed(in: "Loop counter is too large (pc[5] < 100000)") == [])
    #expect(StateRecorder.registersNamed(in: "Upper bound must be at most r0.shared_region_size (x)") == [0])
  }

  @Test func controlDependenceOfADiamondAndALoop() {
    // 0: if -> 2 | 1; 1: goto 3; 2: ...; 3: exit
    let diamond = ControlDependence(successors: [[2, 1], [3], [3], []])
    #expect(diamond.controllers == [[], [0], [0], []])
    // 0: x; 1: if -> 0 | 2 (loop); 2: exit. The loop body depends on the loop's branch.
    let loop = ControlDependence(successors: [[1], [0, 2], []])
    #expect(loop.controllers == [[1], [1], []])
    // An endless loop still gets an answer.
    let endless = ControlDependence(successors: [[1, 2], [1], []])
    #expect(endless.controllers[1] == [0])
  }
}
