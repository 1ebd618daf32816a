//! `random.seed(n)` and `random.randint(a, b)`: the same numbers CPython
//! draws, so that a port prints what the article's run printed.
//!
//! An asyncio mirror, not tokio's way. A Rust program that only wants
//! random numbers would use the `rand` crate (`rand::rng().random_range(
//! 0..=10)`), whose generators and range sampling differ from CPython's.
//! The articles' runs are seeded with 444, though, and only CPython's own
//! algorithm gives their numbers: a Mersenne Twister (`rand_mt`) seeded
//! with `init_by_array`, and `randint` drawing the top bits of one output
//! until the draw falls in range.

use rand_mt::Mt;

/// CPython's `random.Random`, as far as the examples use it.
///
/// `PyRandom::new(444)` is `random.seed(444)`: a Mersenne Twister seeded
/// with `init_by_array` over the seed's 32-bit words, least significant
/// first. [`PyRandom::randint`] follows CPython's `randint`, which draws
/// `getrandbits(k)` for the smallest `k` that covers the range and tries
/// again while the draw is out of range. So, seed for seed, the examples
/// sleep exactly as long as the Python originals in the articles.
#[derive(Debug, Clone)]
pub struct PyRandom {
    mt: Mt,
}

impl PyRandom {
    /// `random.seed(seed)` for a non-negative integer seed.
    pub fn new(seed: u64) -> Self {
        let low = seed as u32;
        let high = (seed >> 32) as u32;
        // CPython passes the seed's 32-bit words with no leading zero
        // words, and a single zero word for zero.
        let key = if high == 0 {
            vec![low]
        } else {
            vec![low, high]
        };
        PyRandom {
            mt: Mt::new_with_key(key),
        }
    }

    /// `random.getrandbits(k)` for `k <= 128`.
    ///
    /// Each 32-bit output fills the next word from the least significant
    /// end; the last, partial word keeps the top bits of its output.
    pub fn getrandbits(&mut self, k: u32) -> u128 {
        assert!(k <= 128, "getrandbits supports at most 128 bits");
        let mut result = 0u128;
        let mut shift = 0;
        let mut left = k;
        while left > 0 {
            let mut word = self.mt.next_u32();
            if left < 32 {
                word >>= 32 - left;
            }
            result |= u128::from(word) << shift;
            shift += 32;
            left = left.saturating_sub(32);
        }
        result
    }

    /// `random._randbelow(n)`: a number in `0..n`, for `n >= 1`.
    pub fn randbelow(&mut self, n: u128) -> u128 {
        let k = 128 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `random.randint(a, b)`: a number in `a..=b`. Panics if `b < a`,
    /// where CPython raises `ValueError`.
    pub fn randint(&mut self, a: i64, b: i64) -> i64 {
        assert!(a <= b, "empty range for randint({a}, {b})");
        let n = (i128::from(b) - i128::from(a) + 1) as u128;
        (i128::from(a) + self.randbelow(n) as i128) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(seed: u64, a: i64, b: i64, n: usize) -> Vec<i64> {
        let mut rng = PyRandom::new(seed);
        (0..n).map(|_| rng.randint(a, b)).collect()
    }

    // Every expected list below was printed by CPython 3.11:
    // `random.seed(seed); [random.randint(a, b) for _ in range(n)]`.

    #[test]
    fn seed_444_matches_the_articles() {
        assert_eq!(draws(444, 0, 10, 10), [4, 4, 0, 4, 7, 4, 4, 8, 10, 7]);
        assert_eq!(draws(444, 1, 5, 12), [3, 3, 1, 3, 4, 3, 3, 5, 4, 5, 3, 4]);
    }

    #[test]
    fn other_seeds_and_ranges() {
        assert_eq!(draws(0, 0, 10, 8), [6, 6, 0, 4, 8, 7, 6, 4]);
        assert_eq!(draws(1, 1, 6, 10), [2, 5, 1, 3, 1, 4, 4, 4, 6, 4]);
        assert_eq!(draws(444, -50, 50, 6), [-11, -14, -49, -11, 12, -15]);
    }

    #[test]
    fn seed_wider_than_32_bits() {
        assert_eq!(
            draws(2u64.pow(40) + 7, 0, 999, 6),
            [628, 765, 834, 960, 967, 654]
        );
    }

    #[test]
    fn ranges_wider_than_32_bits() {
        assert_eq!(
            draws(444, 0, 2i64.pow(40), 4),
            [632686884973, 678661687485, 607671032117, 665124991693]
        );
        // randint(0, 2**64 - 1) needs 65 bits per draw.
        let mut rng = PyRandom::new(12345);
        let got: Vec<u128> =
            (0..3).map(|_| rng.randbelow(1u128 << 64)).collect();
        assert_eq!(
            got,
            [
                13515657874892102023,
                15774518201988393282,
                3572421395562983696
            ]
        );
    }

    #[test]
    fn getrandbits_widths() {
        let mut rng = PyRandom::new(444);
        let got: Vec<u128> =
            [1, 7, 32, 33, 64].map(|k| rng.getrandbits(k)).into();
        assert_eq!(got, [0, 36, 56854717, 1327727452, 15891499723622021728]);
    }

    #[test]
    fn a_range_of_one_still_draws() {
        // CPython's randint(5, 5) consumes a draw; skipping it would shift
        // every later number.
        let mut rng = PyRandom::new(444);
        assert_eq!(rng.randint(5, 5), 5);
        assert_eq!(rng.randint(0, 1), 1);
        assert_eq!(rng.randint(0, 1), 0);
    }
}
