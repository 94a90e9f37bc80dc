// BTF-defined maps of several kinds: a hash keyed by pid whose value holds a name, an array, an LRU
// hash, a ring buffer, an array of maps with a `values` initialiser, and a program array whose slots
// are initialised with programs.
#include "core.h"

struct task_stat {
  u32 id;
  char name[32];
  u32 count;
};

struct {
  MAP_UINT(type, MAP_HASH);
  MAP_TYPE(key, u32);
  MAP_TYPE(value, struct task_stat);
  MAP_UINT(max_entries, 1024);
} task_stats SEC(".maps");

struct {
  MAP_UINT(type, MAP_ARRAY);
  MAP_UINT(key_size, 4);
  MAP_UINT(value_size, 8);
  MAP_UINT(max_entries, 16);
  MAP_UINT(pinning, 1);
} slots SEC(".maps");

struct {
  MAP_UINT(type, MAP_LRU_HASH);
  MAP_TYPE(key, u64);
  MAP_TYPE(value, u64);
  MAP_UINT(max_entries, 4);
  MAP_UINT(map_flags, 2);
} recent SEC(".maps");

struct {
  MAP_UINT(type, MAP_RINGBUF);
  MAP_UINT(max_entries, 4096);
} events SEC(".maps");

struct inner_array {
  MAP_UINT(type, MAP_ARRAY);
  MAP_TYPE(key, u32);
  MAP_TYPE(value, u32);
  MAP_UINT(max_entries, 1);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
  MAP_UINT(type, MAP_ARRAY_OF_MAPS);
  MAP_TYPE(key, u32);
  MAP_UINT(max_entries, 3);
  MAP_ARRAY(values, struct inner_array);
} outer SEC(".maps") = {
  .values = { [0] = &inner_a, [2] = &inner_b },
};

int jump_target(void *ctx);

struct {
  MAP_UINT(type, MAP_PROG_ARRAY);
  MAP_UINT(key_size, 4);
  MAP_UINT(max_entries, 2);
  MAP_ARRAY(values, int(void *));
} jumps SEC(".maps") = {
  .values = { [1] = (void *)&jump_target },
};

SEC("sample_ext")
int jump_target(void *ctx) {
  u32 key = 0;
  u32 *inner_value;
  void *inner = map_lookup(&outer, &key);
  if (!inner)
    return 0;
  inner_value = map_lookup(inner, &key);
  return inner_value ? *inner_value : 0;
}

SEC("sample_ext/entry")
int entry(void *ctx) {
  u32 pid = (u32)(pid_tgid() >> 32);
  struct task_stat *s = map_lookup(&task_stats, &pid);
  if (s) {
    s->count++;
  } else {
    struct task_stat fresh = {.id = pid, .name = "task", .count = 1};
    map_update(&task_stats, &pid, &fresh, 0);
  }
  u64 k = pid;
  u64 *r = map_lookup(&recent, &k);
  u32 slot = 3;
  u64 *v = map_lookup(&slots, &slot);
  if (v && r)
    *v += *r;
  tail_call(ctx, &jumps, 1);
  return 0;
}

char _license[] SEC("license") = "Dual MIT/GPL";
