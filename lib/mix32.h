/*
 * mix32.h - MurmurHash3's 32-bit finaliser, shared by both rings: a
 * bijection on 32 bits that spreads every input bit, used where a value
 * must look unrelated to its neighbours' (the fuzzer's seeds,
 * user/fuzz/fuzzrand.c; the kernel's DMA canary words,
 * kernel/dma/canary.c).
 */
#ifndef LIB_MIX32_H
#define LIB_MIX32_H

#include <stdint.h>

static inline uint32_t mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	h *= 0xC2B2AE35u;
	h ^= h >> 16;
	return h;
}

#endif
