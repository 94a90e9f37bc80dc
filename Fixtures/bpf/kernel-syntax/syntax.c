/* Exercises many instruction forms so the kernel-style disassembler can be cross-checked
 * against llvm-objdump --mcpu=v4. Written for this project; compiled by
 * scripts/crosscheck-disassembly.sh. */
typedef unsigned long long u64;
typedef long long s64;
typedef unsigned int u32;
typedef int s32;
typedef signed char s8;
typedef short s16;
typedef unsigned short u16;
typedef unsigned char u8;

__attribute__((noinline)) static u64 helper_like(u64 a, u64 b) { return a / (b | 1) + a % 7 - (s64)a / 3; }

__attribute__((section("kernel_syntax"))) u64 syntax_forms(u64 *p, s64 x, s32 y)
{
    s64 r = 0;
    r += *(s8 *)p;
    r += *(s16 *)(p + 1);
    r += *(s32 *)(p + 2);
    r += *(u8 *)(p + 3);
    r += *(u16 *)(p + 9);
    r += x / y;
    r += x % y;
    r += (s8)x;
    r += (s16)y;
    r += (s32)x;
    r ^= __builtin_bswap64(r);
    r += __builtin_bswap32((u32)x) + __builtin_bswap16((u16)y);
    __sync_fetch_and_add((u64 *)p, 1);
    r += __sync_fetch_and_add((u64 *)p, 3);
    __sync_fetch_and_or((u32 *)p, 5);
    r += __sync_fetch_and_xor((u64 *)p, r);
    r += __sync_fetch_and_and((u32 *)(p + 7), (u32)r);
    r += __sync_val_compare_and_swap((u64 *)p, 3, 4);
    r += __sync_val_compare_and_swap((u32 *)(p + 8), 3, (u32)r);
    r += __sync_lock_test_and_set((u64 *)p, 9);
    r += (u64)x >> 3;
    r += x >> 5;
    r += (u32)y >> 2;
    r += (s32)y >> 1;
    r += -x;
    r += -(u32)y;
    if ((s32)r < -5)
        r *= 3;
    if (r & 4)
        r += 2;
    if ((u32)r > 77)
        r -= y;
    if (r >= x)
        r |= 0x1000;
    if ((s64)r <= x)
        r = (u32)r * 0x12345;
    r += helper_like(r, x);
    *(u16 *)(p + 4) = 7;
    *(u8 *)(p + 5) = (u8)r;
    *(u32 *)(p + 5) = (u32)x;
    p[6] = 0x123456789abcll;
    p[7] = -1;
    return r;
}

/* Instruction forms clang does not emit from C, written in LLVM's BPF assembly. */
__attribute__((naked, section("asm_block"))) void asm_forms(void)
{
    asm volatile(
        "r1 = be16 r1\n r1 = be32 r1\n r1 = be64 r1\n r1 = le16 r1\n r1 = le32 r1\n r1 = le64 r1\n"
        "r1 = bswap16 r1\n r1 = bswap32 r1\n r1 = bswap64 r1\n"
        "r1 = -r1\n w1 = -w1\n w1 = (s8)w2\n w1 = (s16)w2\n r1 = (s8)r2\n r1 = (s16)r2\n r1 = (s32)r2\n"
        "r1 s%= r2\n w1 s%= w2\n w1 s/= 3\n r1 s%= -7\n w1 s>>= w2\n r1 s>>= r2\n w1 <<= 3\n w1 %= w2\n w1 /= 9\n"
        "w1 = 0xffffffff\n r1 = -1\n w1 ^= w2\n w1 &= 255\n w1 |= w2\n w1 -= w2\n w1 *= w2\n"
        "r0 = *(s32 *)(r1 + 4)\n r0 = *(u32 *)(r1 - 4)\n r0 = *(u64 *)(r10 - 512)\n"
        "*(u8 *)(r10 - 1) = 200\n *(u32 *)(r10 - 8) = -2\n *(u8 *)(r10 - 1) = r1\n *(u16 *)(r10 - 2) = r1\n"
        "lock *(u32 *)(r1 + 0) += w2\n lock *(u64 *)(r1 + 8) |= r2\n lock *(u64 *)(r1 - 8) &= r2\n lock *(u32 *)(r1 + 4) ^= w2\n"
        "w2 = atomic_fetch_xor((u32 *)(r1 + 4), w2)\n w2 = xchg32_32(r1 + 4, w2)\n"
        "if r1 & 0x10 goto +1\n if w1 & w2 goto +1\n if r1 == r2 goto -3\n if w1 != 7 goto +0\n"
        "if r1 >= 3 goto +1\n if w1 <= w2 goto +1\n if r1 s>= -3 goto +1\n if w1 s<= -3 goto +1\n if r1 s> r2 goto +1\n"
        "if w1 < 0 goto +1\n if r1 > r2 goto +1\n if w1 == w2 goto +1\n"
        "goto +1\n gotol +2\n goto -1\n"
        "call 5\n callx r2\n"
        "r0 = *(u8 *)skb[12]\n r0 = *(u16 *)skb[r1]\n"
        "r2 = 0xffffffffffffffff ll\n r3 = 0x7fffffffffffffff ll\n"
        "exit\n");
}
