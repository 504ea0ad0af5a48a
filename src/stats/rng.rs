//! The one seeded random number generator: SplitMix64 (Steele, Lea & Flood 2014,
//! "Fast splittable pseudorandom number generators", OOPSLA; the generator of
//! Java's `SplittableRandom`, reference C code by Vigna, `splitmix64.c`).
//!
//! It is small, fast, passes BigCrush as a 64-bit stream, and a stream is one
//! `u64` of state, so every unit of work (an article to generate, a unit to
//! bootstrap) can have its own stream from a seed and be run in parallel with
//! the same result. Users: `generate` (synthetic corpora) and the lexicon
//! bootstrap (`lexicon::score`, also through [`rand_core::RngCore`] for
//! rand_distr's binomial sampler).
//!
//! Two ways to draw an integer in `0..n` exist, because each user's output was
//! defined with its own and both are reproducible by seed (see `docs/METHODS.md`):
//! - [`SplitMix64::below`]: Lemire's (2019) multiply-shift on the whole 64-bit
//!   output, `⌊x·n / 2⁶⁴⌋`, for any `n`; bias below `n/2⁶⁴`. The bootstrap uses it.
//! - [`SplitMix64::below_hi32`]: the same on the high 32 bits only,
//!   `⌊(x >> 32)·n / 2³²⌋`; bias below `n/2³²`, so it is meant for small `n`.
//!   `generate` uses it.
//!
//! The two agree unless the low 32 bits carry `x·n/2⁶⁴` across an integer, which
//! happens with probability below `n/2³²` per draw: rare, but not never, so
//! switching a user from one to the other would change its output (a generated
//! corpus, a bootstrap interval) for the same seed.

/// SplitMix64: one `u64` of state, advanced by the golden-ratio increment and
/// mixed by Stafford's "Mix13" finalizer.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

/// The golden-ratio increment of SplitMix64, `⌊2⁶⁴/φ⌋` made odd.
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl SplitMix64 {
    /// The stream that starts from state `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// A stream for item `k` of stream `seed`, independent of every other `k`:
    /// the state is the first output of `seed ^ γ` XOR `k` times an odd constant
    /// (so distinct `k` give distinct states).
    pub fn for_item(seed: u64, k: u64) -> SplitMix64 {
        let a = SplitMix64(seed ^ GOLDEN_GAMMA).next_u64();
        SplitMix64(a ^ k.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN_GAMMA);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` by multiply-shift on the whole output (Lemire 2019,
    /// without the rejection step: the bias is below n/2⁶⁴, negligible for any
    /// count a corpus has). 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `0..n` from the high 32 bits of the output only:
    /// `⌊(x >> 32)·n / 2³²⌋`. Bias below n/2³²: for small `n` (word lists,
    /// lengths). Differs from [`below`](Self::below) for the same state with
    /// probability below n/2³² (see the module doc). 0 when `n` is 0.
    pub fn below_hi32(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) as u128 * n as u128) >> 32) as usize
    }

    /// Uniform in [0, 1): the high 53 bits over 2⁵³.
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Standard normal (Box–Muller, the cosine half; two uniforms per draw).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.f64();
        let u2 = self.f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// For rand_distr's samplers (the bootstrap's binomial draws): 32-bit outputs are
/// the high half of a 64-bit one; bytes are 64-bit outputs, little-endian.
impl rand_core::RngCore for SplitMix64 {
    fn next_u32(&mut self) -> u32 {
        (SplitMix64::next_u64(self) >> 32) as u32
    }
    fn next_u64(&mut self) -> u64 {
        SplitMix64::next_u64(self)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let x = SplitMix64::next_u64(self).to_le_bytes();
            chunk.copy_from_slice(x.get(..chunk.len()).unwrap_or(&x));
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::RngCore;

    #[test]
    fn reference_values() {
        // First outputs for seed 0 and seed 1234567 of Vigna's splitmix64.c.
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        let mut r = SplitMix64::new(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn for_item_by_hand() {
        // seed 0: state = first output of γ (= SplitMix64(γ).next_u64()) XOR k·C.
        let first = SplitMix64::new(GOLDEN_GAMMA).next_u64();
        let mut r = SplitMix64::for_item(0, 3);
        let mut want = SplitMix64::new(first ^ 3u64.wrapping_mul(0xD1B5_4A32_D192_ED03));
        assert_eq!(r.next_u64(), want.next_u64());
        assert_ne!(
            SplitMix64::for_item(0, 3).next_u64(),
            SplitMix64::for_item(0, 4).next_u64()
        );
    }

    #[test]
    fn the_two_below_by_hand() {
        // Seed 0's first output x = 0xE220A8397B1DCDAF (0.8833… of 2⁶⁴).
        // below(10) = ⌊x·10/2⁶⁴⌋ = 8; below_hi32(10) = ⌊0xE220A839·10/2³²⌋ = 8.
        assert_eq!(SplitMix64::new(0).below(10), 8);
        assert_eq!(SplitMix64::new(0).below_hi32(10), 8);
        // A large n shows the difference: x·n/2⁶⁴ with n = 2⁴⁰ keeps bits that
        // the high-32 form drops. ⌊x/2²⁴⌋ vs ⌊(x >> 32)·2⁸⌋.
        let x = 0xE220_A839_7B1D_CDAFu64;
        assert_eq!(SplitMix64::new(0).below(1 << 40), (x >> 24) as usize);
        assert_eq!(
            SplitMix64::new(0).below_hi32(1 << 40),
            ((x >> 32) << 8) as usize
        );
        // n = 0 gives 0, not a panic.
        assert_eq!(SplitMix64::new(0).below(0), 0);
        assert_eq!(SplitMix64::new(0).below_hi32(0), 0);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = SplitMix64::new(7);
        let mut seen = [0u32; 7];
        for _ in 0..7000 {
            let (i, j) = (r.below(7), r.below_hi32(7));
            assert!(i < 7 && j < 7);
            seen[i] += 1;
            seen[j] += 1;
        }
        // 2,000 expected per value; 5 standard deviations is ±200.
        assert!(seen.iter().all(|&c| (1800..=2200).contains(&c)), "{seen:?}");
    }

    #[test]
    fn uniform_and_normal_by_hand() {
        // f64 = high 53 bits / 2⁵³ of the first output of seed 0.
        let x = 0xE220_A839_7B1D_CDAFu64;
        assert_eq!(
            SplitMix64::new(0).f64(),
            (x >> 11) as f64 / 9_007_199_254_740_992.0
        );
        let mut r = SplitMix64::new(0);
        let (u1, u2) = (1.0 - r.f64(), r.f64());
        let want = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        assert_eq!(SplitMix64::new(0).normal(), want);
        // Mean and variance of many draws.
        let mut r = SplitMix64::new(11);
        let v: Vec<f64> = (0..20_000).map(|_| r.normal()).collect();
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        let var = v.iter().map(|z| (z - mean) * (z - mean)).sum::<f64>() / v.len() as f64;
        assert!(
            mean.abs() < 0.04 && (var - 1.0).abs() < 0.05,
            "{mean} {var}"
        );
    }

    #[test]
    fn rng_core_is_the_same_stream() {
        let mut a = SplitMix64::new(5);
        let mut b = SplitMix64::new(5);
        assert_eq!(RngCore::next_u64(&mut a), b.next_u64());
        assert_eq!(a.next_u32(), (b.next_u64() >> 32) as u32);
        let mut bytes = [0u8; 12];
        a.fill_bytes(&mut bytes);
        let (x, y) = (b.next_u64().to_le_bytes(), b.next_u64().to_le_bytes());
        assert_eq!(bytes[..8], x);
        assert_eq!(bytes[8..], y[..4]);
    }
}
