// Minimal program-side definitions for the BPF loader's own test objects.
// Written for ntsh; no system headers (build with -ffreestanding).
#ifndef NTSH_CORE_FIXTURE_H
#define NTSH_CORE_FIXTURE_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef int s32;
typedef long long s64;

#define SEC(name) __attribute__((section(name), used))
#define NOINLINE __attribute__((noinline))

// BTF-defined map fields: each one is a pointer whose pointee type carries the value.
#define MAP_UINT(field, n) int (*field)[n]
#define MAP_TYPE(field, t) typeof(t) *field
#define MAP_ARRAY(field, t) typeof(t) *field[]

enum { MAP_HASH = 1, MAP_ARRAY = 2, MAP_PROG_ARRAY = 3, MAP_ARRAY_OF_MAPS = 7, MAP_LRU_HASH = 8,
       MAP_RINGBUF = 13 };

// Helper ids as eBPF for Windows numbers them (only the ones these programs call).
static void *(*map_lookup)(void *map, const void *key) = (void *)1;
static long (*map_update)(void *map, const void *key, const void *value, u64 flags) = (void *)2;
static long (*tail_call)(void *ctx, void *prog_array, u32 index) = (void *)5;
static u64 (*pid_tgid)(void) = (void *)19;

#endif
