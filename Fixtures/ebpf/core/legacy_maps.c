// A legacy `maps` section laid out like eBPF for Windows' map definition (eight 32-bit fields, the
// fifth being the inner map's index), next to a BTF-defined map: a loader must expose both.
#include "core.h"

struct legacy_map_def {
  u32 type;
  u32 key_size;
  u32 value_size;
  u32 max_entries;
  u32 inner_map_idx;
  u32 pinning;
  u32 id;
  u32 inner_id;
};

SEC("maps") struct legacy_map_def port_counts = {
  .type = MAP_HASH, .key_size = 2, .value_size = 8, .max_entries = 64,
};

SEC("maps") struct legacy_map_def inner_template = {
  .type = MAP_ARRAY, .key_size = 4, .value_size = 4, .max_entries = 1, .id = 9,
};

SEC("maps") struct legacy_map_def outer_by_index = {
  .type = MAP_ARRAY_OF_MAPS, .key_size = 4, .value_size = 4, .max_entries = 2, .inner_map_idx = 1,
};

struct {
  MAP_UINT(type, MAP_HASH);
  MAP_TYPE(key, u16);
  MAP_TYPE(value, u64);
  MAP_UINT(max_entries, 64);
} port_counts_btf SEC(".maps");

SEC("bind")
int count_port(u16 *ctx) {
  u16 port = ctx[3];
  u64 *n = map_lookup(&port_counts, &port);
  if (n) {
    (*n)++;
    return 0;
  }
  u64 one = 1;
  map_update(&port_counts, &port, &one, 0);
  return map_lookup(&port_counts_btf, &port) != 0;
}

char _license[] SEC("license") = "MIT";
