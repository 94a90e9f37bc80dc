/* Direct-threading shim for the BPF interpreter (Sources/BPF/VM/ThreadedEngine*.swift).
 *
 * C has what Swift lacks: guaranteed tail calls. Each handler below runs one instruction body,
 * written in Swift and inlined here (the bodies are Swift functions exported with @_silgen_name;
 * this header is imported into the BPF module, so clang and Swift code share one LLVM module),
 * then tail-calls the handler of the next instruction. The `swiftasynccall` convention
 * guarantees the tail call and keeps the interpreter state in fixed registers:
 *   regs  the eBPF register file (r0-r10),
 *   pc    the current instruction,
 *   rt    the address space's region table,
 *   k     the budget/instruction-count anchor (see ThreadedEngine.swift),
 *   state the engine state (Swift context register).
 * A body returns the next instruction; to stop, it records why in the state and returns the
 * program's halt instruction, whose handler simply returns.
 *
 * The last handlers are superinstructions: two adjacent instructions in one op (see ThreadedCode+Fusion.swift).
 * The handler list BPF_TC_HANDLERS must match ThreadedHandler in ThreadedHandler.swift case by
 * case (ThreadedEngineTests checks the names).
 */
#ifndef CBPF_INTERPRETER_H
#define CBPF_INTERPRETER_H

#include <stdint.h>

/* One pre-decoded instruction: 16 bytes. */
typedef struct bpf_op {
  const void *handler;
  uint8_t dst;
  uint8_t src;
  int16_t off;
  int32_t imm;
} bpf_op;

#define BPF_TC_TAILCC __attribute__((swiftasynccall))
#define BPF_TC_SWIFTCC __attribute__((swiftcall))
#define BPF_TC_CONTEXT __attribute__((swift_context))
#if defined(__clang__) && __clang_major__ >= 16
#define BPF_TC_INLINE [[clang::always_inline]]
#else
#define BPF_TC_INLINE
#endif

typedef BPF_TC_TAILCC void (*bpf_tc_handler_t)(uint64_t *regs, const bpf_op *pc, const void *rt, intptr_t k,
                                               BPF_TC_CONTEXT void *state);

#define BPF_TC_ALU(X, W, S) \
  X(add##W##S) X(sub##W##S) X(mul##W##S) X(div##W##S) X(sdiv##W##S) X(or##W##S) X(and##W##S) \
  X(lsh##W##S) X(rsh##W##S) X(mod##W##S) X(smod##W##S) X(xor##W##S) X(mov##W##S) X(arsh##W##S)
#define BPF_TC_JUMPS(X, W, S) \
  X(jeq##W##S) X(jne##W##S) X(jgt##W##S) X(jge##W##S) X(jlt##W##S) X(jle##W##S) X(jset##W##S) \
  X(jsgt##W##S) X(jsge##W##S) X(jslt##W##S) X(jsle##W##S)

#define BPF_TC_HANDLERS(X) \
  BPF_TC_ALU(X, 64, i) BPF_TC_ALU(X, 64, r) BPF_TC_ALU(X, 32, i) BPF_TC_ALU(X, 32, r) \
  X(neg64) X(neg32) X(movsx8to64) X(movsx16to64) X(movsx32to64) X(movsx8to32) X(movsx16to32) \
  X(zext16) X(zext32) X(nop) X(bswap16) X(bswap32) X(bswap64) \
  X(lddw) \
  X(ldxb) X(ldxh) X(ldxw) X(ldxdw) X(ldxsb) X(ldxsh) X(ldxsw) \
  X(stb) X(sth) X(stw) X(stdw) X(stxb) X(stxh) X(stxw) X(stxdw) X(atomic32) X(atomic64) \
  X(ldxbU) X(ldxhU) X(ldxwU) X(ldxdwU) X(ldxsbU) X(ldxshU) X(ldxswU) \
  X(stbU) X(sthU) X(stwU) X(stdwU) X(stxbU) X(stxhU) X(stxwU) X(stxdwU) X(atomic32U) X(atomic64U) \
  X(ja) \
  BPF_TC_JUMPS(X, 64, i) BPF_TC_JUMPS(X, 64, r) BPF_TC_JUMPS(X, 32, i) BPF_TC_JUMPS(X, 32, r) \
  X(callHelper) X(callx) X(callLocal) X(exit) X(fellOff) \
  X(movAdd64i) X(movAnd64i) X(movOr64i) X(movXor64i) X(movLsh64i) X(movRsh64i) X(movArsh64i) X(movMul64i) \
  X(movAdd64r) X(movSub64r) X(movAnd64r) X(movOr64r) X(movXor64r) X(movMul64r) X(movAdd32i) X(movAnd32i) \
  X(movLsh32i) X(movRsh32i) X(movMul32i) X(andJeqZero64) X(andJneZero64) X(addJlt64r) X(addJle64r) \
  X(addJne64r) X(movJeq64i) X(movJne64i) X(movJa) X(addJa64i) X(movAddLdxb) X(movAddLdxh) X(movAddLdxw) \
  X(movAddLdxdw) X(movAndJeqZero64) X(movAndJneZero64)

#define BPF_TC_DEFINE(NAME) \
  BPF_TC_SWIFTCC const bpf_op *bpf_exec_##NAME(uint64_t **regs, const bpf_op *pc, const void **rt, intptr_t *k, \
                                               BPF_TC_CONTEXT void *state); \
  static inline BPF_TC_TAILCC void bpf_tc_##NAME(uint64_t *regs, const bpf_op *pc, const void *rt, intptr_t k, \
                                                 BPF_TC_CONTEXT void *state) { \
    BPF_TC_INLINE pc = bpf_exec_##NAME(&regs, pc, &rt, &k, state); \
    return ((bpf_tc_handler_t)pc->handler)(regs, pc, rt, k, state); \
  }
BPF_TC_HANDLERS(BPF_TC_DEFINE)
#undef BPF_TC_DEFINE

/* Ends the chain of tail calls: the state already says why. */
static inline BPF_TC_TAILCC void bpf_tc_halt(uint64_t *regs, const bpf_op *pc, const void *rt, intptr_t k,
                                            BPF_TC_CONTEXT void *state) {
  (void)regs; (void)pc; (void)rt; (void)k; (void)state;
}

#define BPF_TC_ADDRESS(NAME) (const void *)&bpf_tc_##NAME,
#define BPF_TC_NAME(NAME) #NAME,
static const void *const bpf_tc_handler_table[] = {BPF_TC_HANDLERS(BPF_TC_ADDRESS)(const void *)&bpf_tc_halt};
static const char *const bpf_tc_handler_names[] = {BPF_TC_HANDLERS(BPF_TC_NAME) "halt"};
#undef BPF_TC_ADDRESS
#undef BPF_TC_NAME

/* Number of handlers, halt included (halt is last). */
static inline int bpf_tc_handler_count(void) {
  return (int)(sizeof(bpf_tc_handler_table) / sizeof(bpf_tc_handler_table[0]));
}
/* Address of handler `i` (0 <= i < count). */
static inline const void *bpf_tc_handler(int i) { return bpf_tc_handler_table[i]; }
/* Name of handler `i`, for checking the Swift mirror. */
static inline const char *bpf_tc_handler_name(int i) { return bpf_tc_handler_names[i]; }

/* Runs from `pc` until a body returns the halt instruction. Must be C: Swift cannot call a
 * swiftasynccall function pointer with the right convention (swiftlang/swift#69264). */
static inline void bpf_tc_run(const bpf_op *pc, uint64_t *regs, const void *rt, intptr_t k, void *state) {
  ((bpf_tc_handler_t)pc->handler)(regs, pc, rt, k, state);
}

#endif
