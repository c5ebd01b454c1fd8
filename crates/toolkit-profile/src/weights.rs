//! The behaviour models' learned weights, compiled into the binary from
//! `profiles/behaviour.weights.tsv` by the build script: no parsing at start-up, and a
//! word's weights for every model in one hash-table probe.

// Learned weights that happen to be close to a constant such as 1/π are still weights.
#[allow(
    clippy::approx_constant,
    clippy::unreadable_literal,
    clippy::excessive_precision
)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/weights.rs"));
}

/// The FNV-1a hash of no bytes, where every hash starts.
pub const FNV1A_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a (64 bits) of a word stem; a pair of stems is `a_b`.
#[inline]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_continue(FNV1A_START, bytes)
}

/// Continues an FNV-1a hash with more bytes: `fnv1a_continue(fnv1a(b"a"), b"_b")` is
/// `fnv1a(b"a_b")`.
#[inline]
pub fn fnv1a_continue(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// How the weights were fitted.
pub fn note() -> &'static str {
    generated::NOTE
}

/// The weighted models, in column order.
pub fn models() -> &'static [&'static str] {
    generated::MODELS
}

/// The column of a model's weights in a word row.
pub fn model_column(name: &str) -> Option<usize> {
    generated::MODELS.iter().position(|m| *m == name)
}

/// The weights (no, listed, yes) of a model's named feature ("bias", "class:symptom").
pub fn named(column: usize, feature: &str) -> Option<[f32; 3]> {
    generated::NAMED
        .iter()
        .find(|(m, f, _)| usize::from(*m) == column && *f == feature)
        .map(|(_, _, w)| *w)
}

/// The names of a model's named features.
pub fn named_features(column: usize) -> impl Iterator<Item = &'static str> {
    generated::NAMED
        .iter()
        .filter(move |(m, _, _)| usize::from(*m) == column)
        .map(|(_, f, _)| *f)
}

/// Every model's weights for a word stem (or pair of stems) by its hash: three per
/// model, in column order.
pub fn word_row(hash: u64) -> Option<&'static [f32; WORD_ROW_WIDTH]> {
    word_row_index(hash).map(word_row_at)
}

/// The index of a word stem's row of weights (see [`word_row`]), by its hash: a
/// number that is smaller to keep than the row, and that [`word_row_at`] turns into it.
/// Rows are numbered in order of their stems' hashes: of two stems, the one with the
/// smaller hash has the smaller index.
#[inline]
pub fn word_row_index(hash: u64) -> Option<u32> {
    let slots = generated::WORD_SLOTS;
    let mut i = (hash as usize) & (slots.len() - 1);
    loop {
        let (h, row) = slots[i];
        if row == u32::MAX {
            return None;
        }
        if h == hash {
            return Some(row);
        }
        i = (i + 1) & (slots.len() - 1);
    }
}

/// The numbers of a word row: no, listed and yes for each model, in the order of
/// [`models`].
pub const WORD_ROW_WIDTH: usize = generated::WORD_ROW_WIDTH;

/// The row of weights at `index`, which [`word_row_index`] gave.
#[inline]
pub fn word_row_at(index: u32) -> &'static [f32; WORD_ROW_WIDTH] {
    let start = index as usize * WORD_ROW_WIDTH;
    generated::WORD_ROWS[start..start + WORD_ROW_WIDTH]
        .try_into()
        .expect("a row is as wide as WORD_ROW_WIDTH")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_continue() {
        assert_eq!(
            fnv1a_continue(fnv1a(b"kept"), b"_crash"),
            fnv1a(b"kept_crash")
        );
    }

    #[test]
    fn word_rows_hold_every_model() {
        let row = word_row(fnv1a(b"mentor")).expect("a common stem has weights");
        // A row's length is its type's: every model has its three columns there.
        assert_eq!(row.len(), models().len() * 3);
        assert!(word_row(fnv1a(b"zzzz-not-a-stem")).is_none());
        // The probe finds the slot a scan of every slot finds.
        for stem in [&b"mentor"[..], b"debug", b"team", b"zzzz-not-a-stem"] {
            let hash = fnv1a(stem);
            let scanned = generated::WORD_SLOTS
                .iter()
                .find(|&&(h, row)| h == hash && row != u32::MAX)
                .map(|&(_, row)| row);
            assert_eq!(word_row_index(hash), scanned, "{stem:?}");
        }
    }

    #[test]
    fn rows_are_numbered_in_order_of_hash() {
        let mut rows: Vec<(u64, u32)> = generated::WORD_SLOTS
            .iter()
            .copied()
            .filter(|&(_, row)| row != u32::MAX)
            .collect();
        rows.sort_unstable_by_key(|&(hash, _)| hash);
        let numbers: Vec<u32> = rows.iter().map(|&(_, row)| row).collect();
        let expected: Vec<u32> = (0..).take(rows.len()).collect();
        assert_eq!(numbers, expected);
        assert_eq!(generated::WORD_ROWS.len(), rows.len() * WORD_ROW_WIDTH);
    }
}
