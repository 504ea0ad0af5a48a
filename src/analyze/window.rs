//! The n-gram window: which terms a text's words give, in order. The one
//! definition of an n-gram, driven by the full analyzer
//! (`Analyzer::for_each_term`, words as strings) and by the counting scan
//! (`count::scan`, words as ids).
//!
//! A driver reports each word of a text in order — [`Window::word`] for a
//! counted word, [`Window::stopword`] for a stopword — and each sentence start
//! ([`Window::sentence`]). For every counted word the window hands back the
//! terms that end at it, shortest first: the word itself (when the shortest
//! length counted is 1), then the runs of 2..=`max` words of its sentence
//! that end at it.
//!
//! The two stopword rules differ in which runs count, and only in
//! [`Window::stopword`]:
//! - [`NgramStopwords::Skip`] (the default; tidytext, quanteda): a run is of
//!   words adjacent in the text, and one holding a stopword is dropped, so a
//!   stopword empties the window. "we can do better" gives "can" and "better"
//!   and no bigram; "state of emergency" gives no "state emergency".
//! - [`NgramStopwords::Join`] (scikit-learn's `stop_words` with
//!   `ngram_range`): stopwords are removed first and the words around them
//!   join, so a stopword leaves the window as it is. "we can do better" gives
//!   the bigram "can better".
//!
//! A token that is no word (a number, a URL) is no token at all (the driver
//! does not report it): the words on either side of it are adjacent.

use super::{AnalyzerConfig, NgramStopwords};

/// The longest n-gram the window forms.
pub const MAX_N: usize = 3;

/// The last counted words of the current sentence, at most `max`.
#[derive(Debug, Clone)]
pub struct Window<T> {
    min: usize,
    max: usize,
    /// A stopword empties the window (`NgramStopwords::Skip`).
    skip: bool,
    len: usize,
    words: [T; MAX_N],
}

impl<T: Copy + Default> Window<T> {
    /// A window for `min..=max`-grams (`max` is taken into 1..=`MAX_N`, `min`
    /// into 1..=`max`), stopwords treated by `rule`.
    pub fn new(min: u8, max: u8, rule: NgramStopwords) -> Window<T> {
        let max = usize::from(max).clamp(1, MAX_N);
        Window {
            min: usize::from(min).clamp(1, max),
            max,
            skip: rule == NgramStopwords::Skip,
            len: 0,
            words: [T::default(); MAX_N],
        }
    }

    /// The window of an analyzer's settings.
    pub fn of(config: &AnalyzerConfig) -> Window<T> {
        Window::new(config.ngram_min, config.ngram_max, config.ngram_stopwords)
    }

    /// A sentence starts: no n-gram spans a sentence boundary.
    #[inline]
    pub fn sentence(&mut self) {
        self.len = 0;
    }

    /// A stopword: no term of its own; with `Skip` no n-gram spans it, with
    /// `Join` the counted words on either side of it still join (see the
    /// module doc).
    #[inline]
    pub fn stopword(&mut self) {
        if self.skip {
            self.len = 0;
        }
    }

    /// A counted word: calls `emit` with every term that ends at it, shortest
    /// first (`[w]`, then the last two words, then the last three), from
    /// `min` words up.
    #[inline]
    pub fn word(&mut self, w: T, mut emit: impl FnMut(&[T])) {
        if self.max == 1 {
            emit(std::slice::from_ref(&w));
            return;
        }
        if self.len == self.max {
            // Slots past `max` are unused: shifting them along too is harmless.
            for i in 1..MAX_N {
                self.words[i - 1] = self.words[i];
            }
            self.len -= 1;
        }
        let Some(slot) = self.words.get_mut(self.len) else {
            return;
        };
        *slot = w;
        self.len += 1;
        // The run from word k holds len - k words: `min` words first, up to len.
        let Some(last) = self.len.checked_sub(self.min) else {
            return;
        };
        for k in (0..=last).rev() {
            if let Some(gram) = self.words.get(k..self.len) {
                emit(gram);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One step of a driver: a sentence start, a stopword, or a counted word.
    #[derive(Clone, Copy)]
    enum Step {
        Sentence,
        Stop,
        Word(char),
    }
    use Step::*;

    /// The terms the window gives for `steps`, each as its words, with
    /// stopwords joined (the words around them join).
    fn terms(n: u8, steps: &[Step]) -> Vec<String> {
        terms_of(Window::new(1, n, NgramStopwords::Join), steps)
    }

    fn terms_of(mut w: Window<char>, steps: &[Step]) -> Vec<String> {
        let mut out = Vec::new();
        for &s in steps {
            match s {
                Sentence => w.sentence(),
                Stop => w.stopword(),
                Word(c) => w.word(c, |g| out.push(g.iter().collect())),
            }
        }
        out
    }

    #[test]
    fn unigrams_only_ignore_sentences() {
        let steps = [Word('a'), Sentence, Word('b'), Stop, Word('c')];
        assert_eq!(terms(1, &steps), ["a", "b", "c"]);
    }

    #[test]
    fn one_to_three_grams_shortest_first() {
        let steps = [Word('a'), Word('b'), Word('c'), Word('d')];
        assert_eq!(
            terms(3, &steps),
            ["a", "b", "ab", "c", "bc", "abc", "d", "cd", "bcd"]
        );
        assert_eq!(terms(2, &steps), ["a", "b", "ab", "c", "bc", "d", "cd"]);
    }

    #[test]
    fn no_ngram_crosses_a_sentence_start() {
        let steps = [
            Sentence,
            Word('a'),
            Word('b'),
            Sentence,
            Word('c'),
            Word('d'),
            Word('e'),
            Sentence,
            Sentence,
            Word('f'),
        ];
        assert_eq!(
            terms(3, &steps),
            ["a", "b", "ab", "c", "d", "cd", "e", "de", "cde", "f"]
        );
        assert_eq!(
            terms(2, &steps),
            ["a", "b", "ab", "c", "d", "cd", "e", "de", "f"]
        );
    }

    #[test]
    fn words_around_a_stopword_join_with_join() {
        // "we can do better": "we" and "do" are stopwords.
        let steps = [Stop, Word('c'), Stop, Word('b')];
        assert_eq!(terms(2, &steps), ["c", "b", "cb"]);
        // A stopword at a sentence start does not undo the boundary.
        let steps = [Word('a'), Sentence, Stop, Word('b'), Stop, Stop, Word('c')];
        assert_eq!(terms(3, &steps), ["a", "b", "c", "bc"]);
    }

    #[test]
    fn no_ngram_spans_a_stopword_with_skip() {
        let skip =
            |min, max, steps: &[Step]| terms_of(Window::new(min, max, NgramStopwords::Skip), steps);
        // "we can do better": every pair holds a stopword.
        let steps = [Stop, Word('c'), Stop, Word('b')];
        assert_eq!(skip(1, 2, &steps), ["c", "b"]);
        assert!(skip(2, 3, &steps).is_empty());
        // "state of emergency declared": no "state emergency", but
        // "emergency declared".
        let steps = [Word('s'), Stop, Word('e'), Word('d')];
        assert_eq!(skip(1, 2, &steps), ["s", "e", "d", "ed"]);
        let steps = [Word('a'), Word('b'), Word('c'), Stop, Word('d'), Word('e')];
        assert_eq!(
            skip(1, 3, &steps),
            ["a", "b", "ab", "c", "bc", "abc", "d", "e", "de"]
        );
        assert_eq!(skip(3, 3, &steps), ["abc"]);
        // With unigrams only the two rules agree.
        assert_eq!(skip(1, 1, &steps), terms(1, &steps));
    }

    #[test]
    fn the_shortest_length_leaves_out_shorter_terms() {
        let steps = [Word('a'), Word('b'), Stop, Word('c'), Sentence, Word('d')];
        let join = |min, max| terms_of(Window::new(min, max, NgramStopwords::Join), &steps);
        assert_eq!(join(2, 2), ["ab", "bc"]);
        assert_eq!(join(2, 3), ["ab", "bc", "abc"]);
        assert_eq!(join(3, 3), ["abc"]);
        assert_eq!(join(1, 3), ["a", "b", "ab", "c", "bc", "abc", "d"]);
    }

    #[test]
    fn n_is_taken_into_range() {
        let steps = [Word('a'), Word('b'), Word('c'), Word('d')];
        assert_eq!(terms(0, &steps), terms(1, &steps));
        assert_eq!(terms(9, &steps), terms(3, &steps));
        // A shortest length past the longest is the longest.
        let w = Window::new(5, 2, NgramStopwords::Join);
        assert_eq!(terms_of(w, &steps), ["ab", "bc", "cd"]);
        let w = Window::new(0, 1, NgramStopwords::Skip);
        assert_eq!(terms_of(w, &steps), ["a", "b", "c", "d"]);
    }
}
