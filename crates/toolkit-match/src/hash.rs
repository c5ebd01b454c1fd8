//! FNV-1a, the hash of the matcher's word sets and phrase index: the keys are short
//! words from the profile, hashed for every word of a resume, where SipHash's
//! resistance to chosen collisions buys nothing and costs several times as long.

use std::hash::{BuildHasherDefault, Hasher};

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One more byte of an FNV-1a hash: a word's prefixes are hashed in one pass.
pub(crate) fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

/// FNV-1a as a [`Hasher`], for `HashSet<String, Fnv>`.
pub(crate) struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> FnvHasher {
        FnvHasher(FNV_OFFSET)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| fnv_step(h, b));
    }
}

pub(crate) type Fnv = BuildHasherDefault<FnvHasher>;
