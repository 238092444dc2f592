//! What the unit tests share.

/// A small deterministic generator (xorshift64) for tests that try many made-up inputs: the
/// same inputs on every run, and no dependency for it.
#[derive(Debug)]
pub(crate) struct Rolls(u64);

impl Rolls {
    /// A generator started from `seed` (not zero).
    pub fn new(seed: u64) -> Rolls {
        Rolls(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (zero when `n` is zero).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
