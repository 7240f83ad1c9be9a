//! Names as hashes, and a small Bloom filter of the names a sentence
//! mentions: enough to ask whether a later sentence names the same source.

/// A hash of a word in ASCII lowercase (its bytes in the paragraph's
/// lowercase copy), never 0 (0 marks an empty slot). Eight bytes at a time:
/// every name of every paragraph's first sentence is hashed.
pub(super) fn word_hash(lower: &[u8]) -> u32 {
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |h: u64, chunk: &[u8]| {
        let mut buf = [0u8; 8];
        buf[..chunk.len()].copy_from_slice(chunk);
        (h ^ u64::from_le_bytes(buf))
            .wrapping_mul(MIX)
            .rotate_left(29)
    };
    let mut chunks = lower.chunks_exact(8);
    let mut h = (lower.len() as u64).wrapping_mul(MIX);
    for chunk in &mut chunks {
        h = step(h, chunk);
    }
    h = step(h, chunks.remainder());
    ((h >> 32) as u32).max(1)
}

/// The two bit positions of a hash in a 256-bit Bloom filter.
pub(super) fn bloom_bits(h: u32) -> [usize; 2] {
    [(h & 0xff) as usize, ((h >> 8) & 0xff) as usize]
}

pub(super) fn bloom_add(bloom: &mut [u64; 4], h: u32) {
    for bit in bloom_bits(h) {
        bloom[bit / 64] |= 1 << (bit % 64);
    }
}

pub(super) fn bloom_has(bloom: &[u64; 4], h: u32) -> bool {
    bloom_bits(h)
        .iter()
        .all(|&bit| bloom[bit / 64] & (1 << (bit % 64)) != 0)
}
