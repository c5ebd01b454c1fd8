//! FNV-1a as a [`Hasher`], for the matcher's sets of words: the keys are short words
//! from the profile, looked up for every word of a resume, where SipHash's resistance
//! to chosen collisions buys nothing and costs several times as long. The hash itself
//! is the one the behaviour weights are stored under (`toolkit_profile::weights`).

use std::hash::{BuildHasherDefault, Hasher};

use toolkit_profile::weights::{FNV1A_START, fnv1a_continue};

/// FNV-1a as a [`Hasher`], for `HashSet<String, Fnv>`.
pub(crate) struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> FnvHasher {
        FnvHasher(FNV1A_START)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a_continue(self.0, bytes);
    }
}

pub(crate) type Fnv = BuildHasherDefault<FnvHasher>;
