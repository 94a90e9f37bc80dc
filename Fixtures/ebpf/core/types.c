// Global variables whose types cover the BTF kinds a loader must decode: bitfields, unions, enums
// (32- and 64-bit), floats, qualifiers, typedef chains, function pointers, tags, and a callback whose
// address is taken (LDDW of a code address).
#include "core.h"

#define DECL_TAG(x) __attribute__((btf_decl_tag(x)))
#define TYPE_TAG(x) __attribute__((btf_type_tag(x)))

enum colour { RED = 1, GREEN = 2, BLUE = -4 };
enum wide : unsigned long long { HUGE_VALUE = 0x1234567890ULL, SMALL_VALUE = 3 };

typedef u32 handle_t;
typedef handle_t object_id;

struct flags {
  u32 low : 3;
  u32 mid : 9;
  s32 high : 20;
  u8 tail;
} DECL_TAG("packed_flags");

union number {
  u64 as_int;
  double as_double;
  u8 bytes[8];
};

struct shape {
  struct flags f;
  union number n;
  enum colour c;
  enum wide w;
  float ratio;
  const volatile object_id *restrict owner;
  int (*callback)(void *data, u64 index);
  struct shape *next;
  u16 pairs[2][3];
  u32 TYPE_TAG("user") *tagged;
};

struct shape shapes[2] = {{.f = {.low = 5, .mid = 300, .high = -7, .tail = 9}, .c = BLUE, .ratio = 1.5f}};
union number scratch DECL_TAG("scratch_space");
enum wide mode = HUGE_VALUE;
object_id counter;

static long (*for_each)(u32 n, void *fn, void *ctx, u64 flags) = (void *)181;

static int step(void *data, u64 index) {
  counter += (u32)index;
  return 0;
}

SEC("sample_ext")
int walk(void *ctx) DECL_TAG("entry_point") {
  shapes[0].callback = step;
  return (int)for_each(4, step, ctx, 0) + (int)scratch.as_int + shapes[1].f.mid;
}

char _license[] SEC("license") = "GPL";
