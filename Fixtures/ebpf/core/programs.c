// Several programs in one section, programs in several sections, .text subprograms reached by
// bpf-to-bpf calls (static and global), global data in .data/.bss/.rodata and string literals.
#include "core.h"

struct counters {
  u64 seen;
  u64 allowed;
};

struct counters totals = {1, 2};       // .data
u32 last_verdict;                       // .bss
const u32 verdict_table[4] = {0, 1, 1, 0};  // .rodata
volatile const u32 tunable_limit = 7;    // .rodata, patched by loaders
static const char banner[] = "ntsh core fixture";
char greeting[16] = "hello";           // .data

static NOINLINE u32 mix(u32 a, u32 b) {
  u32 r = a * 31 + b;
  return r ^ (r >> 7);
}

NOINLINE u32 classify(u32 port) {
  if (port < 1024)
    return verdict_table[port & 3];
  return mix(port, tunable_limit) & 1;
}

static NOINLINE u64 bump(struct counters *c, u32 allowed) {
  c->seen++;
  if (allowed)
    c->allowed++;
  return c->seen;
}

SEC("bind")
int first_bind(u32 *ctx) {
  u32 v = classify(ctx[1]);
  bump(&totals, v);
  last_verdict = v;
  return v;
}

SEC("bind")
int second_bind(u32 *ctx) {
  u32 v = mix(ctx[0], ctx[2]);
  greeting[0] = banner[v & 15];
  return v != 0;
}

SEC("xdp/probe")
int probe(u32 *ctx) {
  if (ctx[0] > tunable_limit)
    return 1;
  return classify(ctx[0]) + (int)(pid_tgid() & 1);
}

char _license[] SEC("license") = "GPL";
u32 _version SEC("version") = 0x2a;
