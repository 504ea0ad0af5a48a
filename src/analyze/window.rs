//! The n-gram window: which terms a text's words give, in order. The one
//! definition of an n-gram, driven by the full analyzer
//! (`Analyzer::for_each_term`, words as strings) and by the counting scan
//! (`count::scan`, words as ids).
//!
//! A driver reports each word of a text in order — [`Window::word`] for a
//! counted word, [`Window::stopword`] for a stopword — and each sentence start
//! ([`Window::sentence`]). For every counted word the window hands back the
//! terms that end at it, shortest first: the word itself, then with `n` ≥ 2
//! the runs of 2..=n counted words of its sentence that end at it.
//!
//! Stopwords are left out and the words around them join: "we can do better"
//! gives "can" and "better" and the bigram "can better". (Counting as tidytext
//! and quanteda do, where an n-gram that spans a stopword is dropped, is the
//! same window emptied at each stopword: `stopword` is where the two differ.)

/// The longest n-gram the window forms.
pub const MAX_N: usize = 3;

/// The last counted words of the current sentence, at most `n`.
#[derive(Debug, Clone)]
pub struct Window<T> {
    n: usize,
    len: usize,
    words: [T; MAX_N],
}

impl<T: Copy + Default> Window<T> {
    /// A window for 1..=`n`-grams (`n` is taken into 1..=`MAX_N`).
    pub fn new(n: u8) -> Window<T> {
        Window {
            n: usize::from(n).clamp(1, MAX_N),
            len: 0,
            words: [T::default(); MAX_N],
        }
    }

    /// A sentence starts: no n-gram spans a sentence boundary.
    #[inline]
    pub fn sentence(&mut self) {
        self.len = 0;
    }

    /// A stopword: no term of its own; the counted words on either side of it
    /// still join (see the module doc).
    #[inline]
    pub fn stopword(&mut self) {}

    /// A counted word: calls `emit` with every term that ends at it, shortest
    /// first (`[w]`, then the last two words, then the last three).
    #[inline]
    pub fn word(&mut self, w: T, mut emit: impl FnMut(&[T])) {
        if self.n == 1 {
            emit(std::slice::from_ref(&w));
            return;
        }
        if self.len == self.n {
            // Slots past `n` are unused: shifting them along too is harmless.
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
        let words = &self.words[..self.len];
        for k in (0..words.len()).rev() {
            emit(&words[k..]);
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

    /// The terms the window gives for `steps`, each as its words.
    fn terms(n: u8, steps: &[Step]) -> Vec<String> {
        let mut w = Window::new(n);
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
    fn words_around_a_stopword_join() {
        // "we can do better": "we" and "do" are stopwords.
        let steps = [Stop, Word('c'), Stop, Word('b')];
        assert_eq!(terms(2, &steps), ["c", "b", "cb"]);
        // A stopword at a sentence start does not undo the boundary.
        let steps = [Word('a'), Sentence, Stop, Word('b'), Stop, Stop, Word('c')];
        assert_eq!(terms(3, &steps), ["a", "b", "c", "bc"]);
    }

    #[test]
    fn n_is_taken_into_range() {
        let steps = [Word('a'), Word('b'), Word('c'), Word('d')];
        assert_eq!(terms(0, &steps), terms(1, &steps));
        assert_eq!(terms(9, &steps), terms(3, &steps));
    }
}
