//! Word segmentation with an ASCII fast path that gives exactly the segments of
//! UAX #29 (`unicode-segmentation`), and the test of when sentence boundaries
//! cannot change the words of a text.
//!
//! The text is cut into pieces at every boundary between an ASCII whitespace byte
//! and an ASCII non-whitespace byte. Such a boundary is a UAX #29 word boundary
//! whatever the context: no rule joins whitespace with a following or preceding
//! ASCII character (WB3d joins only spaces with spaces; WB4 attaches only
//! Extend/Format/ZWJ, which are not ASCII), and the rules that look two characters
//! ahead or behind (WB6, WB7, WB11, WB12) need a Mid* character next to the
//! boundary, which whitespace is not. So segmenting each piece alone gives the
//! segments of the whole. Consecutive all-ASCII pieces are segmented here, as
//! one stretch (rules WB3–WB13b restricted to ASCII); any other piece by
//! `unicode-segmentation`. Finding the non-ASCII bytes takes one pass, eight
//! bytes at a time.
//!
//! One departure from UAX #29: U+202F NARROW NO-BREAK SPACE separates words.
//! UAX #29 makes it ExtendNumLet (for Mongolian), so it would join the words
//! around it ("la\u{202F}vandale" one word, "vandales\u{202F}" a word other
//! than "vandales"), while French typography puts it inside « » and before
//! : ; ! ? as a space. A piece holding one is segmented a part at a time, the parts
//! between the U+202F.
//!
//! Invariant, checked by property tests against `split_word_bound_indices`: the
//! word-like and hyphen segments reported are exactly those of UAX #29 on the
//! text's parts between U+202F characters.

use unicode_segmentation::UnicodeSegmentation;

/// ASCII word-break classes (UAX #29 table 3, restricted to ASCII).
#[derive(Clone, Copy, PartialEq, Eq)]
enum C {
    /// A–Z, a–z (ALetter)
    L,
    /// 0–9 (Numeric)
    N,
    /// `_` (ExtendNumLet)
    E,
    /// `:` (MidLetter)
    Ml,
    /// `.` (MidNumLet) and `'` (Single_Quote): both MidNumLetQ
    Mnl,
    /// `,` `;` (MidNum)
    Mn,
    Cr,
    Lf,
    /// VT, FF (Newline)
    Nl,
    /// space (WSegSpace)
    Ws,
    Other,
}

/// Indexed by any byte (no bounds check); only ASCII bytes reach it.
const fn class_table() -> [C; 256] {
    let mut t = [C::Other; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphabetic() {
            C::L
        } else if b.is_ascii_digit() {
            C::N
        } else {
            match b {
                b'_' => C::E,
                b':' => C::Ml,
                b'.' | b'\'' => C::Mnl,
                b',' | b';' => C::Mn,
                b'\r' => C::Cr,
                b'\n' => C::Lf,
                0x0B | 0x0C => C::Nl,
                b' ' => C::Ws,
                _ => C::Other,
            }
        };
        i += 1;
    }
    t
}

static CLASS: [C; 256] = class_table();

/// Bytes of class L, N or E (what a run inside a word is made of).
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(CLASS[i], C::L | C::N | C::E);
        i += 1;
    }
    t
};

#[inline]
fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Calls `f(start, end, wordlike)` (offsets from `base`) for every UAX #29 word
/// segment of `text` that is word-like (contains a letter or digit) or is a
/// joining hyphen (`wordlike` false): ASCII hyphen-minus, U+2010 hyphen and
/// U+2011 non-breaking hyphen; en and em dashes separate words. Other segments
/// (spaces, punctuation) are not reported.
#[inline]
pub fn segments(text: &str, base: usize, f: &mut impl FnMut(usize, usize, bool)) {
    let b = text.as_bytes();
    // Everything before `done` has been reported. ASCII stretches between
    // non-ASCII pieces go to `ascii_segments` whole: they are unions of pieces,
    // and a cut between pieces changes no segment.
    let mut done = 0;
    while let Some(k) = first_non_ascii(b, done) {
        // The piece holding byte k: from the transition before it to the one after.
        let mut start = k;
        while start > done && !transition(b, start) {
            start -= 1;
        }
        let mut end = k + 1;
        while end < b.len() && !transition(b, end) {
            end += 1;
        }
        if start > done {
            ascii_segments(&b[done..start], base + done, f);
        }
        unicode_piece(text, start, end, base, f);
        done = end;
    }
    if done < b.len() {
        ascii_segments(&b[done..], base + done, f);
    }
}

/// Is there a cut between pieces before byte `j` (0 < j < len): an ASCII
/// whitespace byte next to an ASCII non-whitespace byte?
#[inline]
fn transition(b: &[u8], j: usize) -> bool {
    let (p, c) = (b[j - 1], b[j]);
    c < 0x80 && p < 0x80 && is_ascii_ws(c) != is_ascii_ws(p)
}

/// The position of the first byte ≥ 0x80 at or after `from`, eight bytes at a time.
#[inline]
fn first_non_ascii(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let high = w & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(at + (high.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c >= 0x80)
        .map(|p| at + p)
}

#[inline]
fn unicode_piece(
    text: &str,
    s: usize,
    e: usize,
    base: usize,
    f: &mut impl FnMut(usize, usize, bool),
) {
    let mut from = s;
    for part in text[s..e].split(NNBSP) {
        for (i, seg) in part.split_word_bound_indices() {
            if seg.chars().any(char::is_alphanumeric) {
                f(base + from + i, base + from + i + seg.len(), true);
            } else if matches!(seg, "-" | "\u{2010}" | "\u{2011}") {
                f(base + from + i, base + from + i + seg.len(), false);
            }
        }
        from += part.len() + NNBSP.len_utf8();
    }
}

/// U+202F NARROW NO-BREAK SPACE: a space between words here (module doc).
const NNBSP: char = '\u{202F}';

/// UAX #29 word segments of an ASCII slice.
fn ascii_segments(b: &[u8], base: usize, f: &mut impl FnMut(usize, usize, bool)) {
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = CLASS[b[i] as usize];
        match c {
            C::L | C::N | C::E => {
                let mut j = i + 1;
                loop {
                    // WB5, WB8, WB9, WB10, WB13a, WB13b: a run of letters,
                    // digits and `_`.
                    while j < n && WORD[b[j] as usize] {
                        j += 1;
                    }
                    // WB6/WB7 (letters around MidLetter/MidNumLetQ) and
                    // WB11/WB12 (digits around MidNum/MidNumLetQ).
                    if j + 1 < n {
                        let d = CLASS[b[j] as usize];
                        if matches!(d, C::Ml | C::Mnl | C::Mn) {
                            let prev = CLASS[b[j - 1] as usize];
                            let next = CLASS[b[j + 1] as usize];
                            if (prev == C::L && next == C::L && d != C::Mn)
                                || (prev == C::N && next == C::N && d != C::Ml)
                            {
                                j += 2;
                                continue;
                            }
                        }
                    }
                    break;
                }
                // Word-like unless it is all `_`.
                let alnum = c != C::E || b[i..j].iter().any(u8::is_ascii_alphanumeric);
                if alnum {
                    f(base + i, base + j, true);
                }
                i = j;
            }
            C::Cr if i + 1 < n && b[i + 1] == b'\n' => i += 2,
            C::Ws => {
                while i < n && b[i] == b' ' {
                    i += 1;
                }
            }
            _ => {
                if b[i] == b'-' {
                    f(base + i, base + i + 1, false);
                }
                i += 1;
            }
        }
    }
}

/// Can sentence boundaries be ignored when listing the words of `text`? True
/// when every character of the text is
/// - ASCII, a Latin letter (U+00C0–U+017F, each Upper or Lower for sentence
///   breaking) or typographic punctuation that is neither a sentence terminator
///   nor a letter (NBSP, « », U+2010–U+2023, U+2026), or
/// - a word segment of its own whatever its neighbours (`standalone`: Word_Break
///   Other or Newline, such as £ © ° €, CJK ideographs and punctuation, emoji),
///   or a separator that ends no sentence (the fullwidth comma and colon).
///
/// Why: a sentence boundary can fall inside a UAX #29 word only right after a
/// character that terminates sentences (SB11) and can sit inside a word. A
/// standalone character is never inside a longer word, so the boundaries around
/// it are word boundaries; a separator inside a word is no terminator, and never
/// stands next to a `.` there. Among the other characters the only terminator is
/// `.`, and a `.` inside a word has letters or digits on both sides, where SB6,
/// SB7 and SB8 forbid a sentence break as long as those letters are Upper or
/// Lower (not OLetter, as Hebrew or Arabic letters are). Checked exhaustively for
/// every allowed character of the Basic Multilingual Plane by a test (characters
/// beyond it go through the same probe).
pub fn sentences_cannot_split_words(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    text.chars().all(|c| {
        c.is_ascii()
            || matches!(c,
                '\u{00A0}' | '\u{00AB}' | '\u{00BB}'
                | '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{017F}'
                | '\u{2010}'..='\u{2023}' | '\u{2026}')
            || standalone(c)
    })
}

/// Can `c` stand anywhere without putting a sentence boundary inside a word?
/// Yes when it is a UAX #29 word segment of its own next to anything, or when
/// it is a separator that can join two letters or digits (MidLetter, MidNum,
/// MidNumLet: the fullwidth comma and colon) and does not end sentences; never
/// a letter, digit, mark or joiner. Found by segmenting `c` between letters,
/// digits, Hebrew letters, underscores and itself (every rule that joins a
/// character to a neighbour, WB3c–WB16, joins it in one of these) and by asking
/// whether "a`c` B" is two sentences. Remembered per thread.
fn standalone(c: char) -> bool {
    thread_local! {
        static KNOWN: std::cell::RefCell<rustc_hash::FxHashMap<char, bool>> =
            std::cell::RefCell::default();
    }
    KNOWN.with(|known| {
        *known.borrow_mut().entry(c).or_insert_with(|| {
            let c = c.to_string();
            let apart = |pattern: &str| {
                pattern
                    .replace("{}", &c)
                    .split_word_bounds()
                    .all(|segment| segment.chars().nth(1).is_none())
            };
            let ends_sentences = || format!("a{c} B").split_sentence_bounds().nth(1).is_some();
            // Never a letter, digit, mark or joiner (they join their own kind).
            apart("{}{}")
                && (["a{}a", "1{}1", "\u{05D0}{}\u{05D0}", "_{}_"]
                    .iter()
                    .all(|p| apart(p))
                    || !ends_sentences())
        })
    })
}

/// UAX #29 sentence boundaries: `text.split_sentence_bound_indices()`, with a
/// fast path for ASCII text (the rules SB3–SB11 by hand, on the bytes that can
/// end a sentence; property-tested equal to `unicode-segmentation`).
pub fn sentence_bound_indices(text: &str) -> Sentences<'_> {
    let inner = if text.is_ascii() {
        SentencesInner::Ascii {
            breaks: ascii_sentence_breaks(text.as_bytes()).into_iter(),
            start: 0,
        }
    } else {
        SentencesInner::Unicode(text.split_sentence_bound_indices())
    };
    Sentences { text, inner }
}

/// The sentences of a text with their byte offsets (see [`sentence_bound_indices`]).
pub struct Sentences<'a> {
    text: &'a str,
    inner: SentencesInner<'a>,
}

enum SentencesInner<'a> {
    Ascii {
        breaks: std::vec::IntoIter<usize>,
        start: usize,
    },
    Unicode(unicode_segmentation::USentenceBoundIndices<'a>),
}

impl<'a> Iterator for Sentences<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match &mut self.inner {
            SentencesInner::Unicode(it) => it.next(),
            SentencesInner::Ascii { breaks, start } => {
                let from = *start;
                if from >= self.text.len() {
                    return None;
                }
                let to = breaks.next().unwrap_or(self.text.len());
                *start = to;
                self.text.get(from..to).map(|s| (from, s))
            }
        }
    }
}

/// Sentence_Break values of ASCII characters (UAX #29, SentenceBreakProperty.txt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sb {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

fn sb(b: u8) -> Sb {
    match b {
        b'\r' => Sb::Cr,
        b'\n' => Sb::Lf,
        b'\t' | 0x0B | 0x0C | b' ' => Sb::Sp,
        b'a'..=b'z' => Sb::Lower,
        b'A'..=b'Z' => Sb::Upper,
        b'0'..=b'9' => Sb::Numeric,
        b'.' => Sb::ATerm,
        b'!' | b'?' => Sb::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sb::Close,
        b',' | b'-' | b':' | b';' => Sb::SContinue,
        _ => Sb::Other,
    }
}

/// The bytes after which a sentence boundary can come: CR, LF and the
/// terminators (`sb` gives Cr, Lf, ATerm or STerm).
static BOUNDARY_START: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t
};

/// Byte offsets (between 0 and the length, exclusive) where UAX #29 puts a
/// sentence boundary in ASCII text. A boundary can only follow a paragraph
/// separator (SB4; CR LF stays together, SB3) or a sequence SATerm Close* Sp*
/// (SB11, unless SB6–SB10 keep the sentence going); everywhere else SB998 holds.
fn ascii_sentence_breaks(b: &[u8]) -> Vec<usize> {
    let n = b.len();
    let cat = |i: usize| b.get(i).map_or(Sb::Other, |&x| sb(x));
    let mut breaks = Vec::new();
    let mut p = 0;
    while p < n {
        // Anywhere else SB998 holds: skip to the next CR, LF or terminator.
        while p < n && !BOUNDARY_START[b[p] as usize] {
            p += 1;
        }
        if p >= n {
            break;
        }
        match cat(p) {
            Sb::Cr => {
                // SB3 CR × LF; SB4 ParaSep ÷.
                if cat(p + 1) == Sb::Lf {
                    p += 1;
                }
                if p + 1 < n {
                    breaks.push(p + 1);
                }
                p += 1;
            }
            Sb::Lf => {
                if p + 1 < n {
                    breaks.push(p + 1);
                }
                p += 1;
            }
            term @ (Sb::ATerm | Sb::STerm) => {
                // SATerm Close* Sp*: no boundary inside (SB9, SB10).
                let mut q = p + 1;
                while q < n && cat(q) == Sb::Close {
                    q += 1;
                }
                while q < n && cat(q) == Sb::Sp {
                    q += 1;
                }
                if q >= n {
                    break;
                }
                let next = cat(q);
                let keep = match next {
                    // SB9/SB10: ParaSep (the boundary comes after it, SB4);
                    // SB8a: SContinue or another terminator (handled in turn).
                    Sb::Cr | Sb::Lf | Sb::SContinue | Sb::ATerm | Sb::STerm => true,
                    // SB6: ATerm × Numeric.
                    Sb::Numeric if q == p + 1 && term == Sb::ATerm => true,
                    // SB7: (Upper | Lower) ATerm × Upper.
                    Sb::Upper
                        if q == p + 1
                            && term == Sb::ATerm
                            && p > 0
                            && matches!(cat(p - 1), Sb::Upper | Sb::Lower) =>
                    {
                        true
                    }
                    _ if term == Sb::ATerm => {
                        // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower |
                        // ParaSep | SATerm))* Lower.
                        let first = (q..n).map(cat).find(|c| {
                            matches!(
                                c,
                                Sb::Upper | Sb::Lower | Sb::Cr | Sb::Lf | Sb::ATerm | Sb::STerm
                            )
                        });
                        first == Some(Sb::Lower)
                    }
                    _ => false,
                };
                if !keep {
                    breaks.push(q);
                }
                p = q;
            }
            _ => p += 1,
        }
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// ASCII text made of the characters the sentence rules care about.
    fn sentence_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "word", "B", "Mr", "US", "1", "42", ".", ".", "!", "?", " ", " ", "  ", "\t",
            "\r", "\n", "\r\n", "\"", "'", "(", ")", "[", "}", ",", "-", ":", ";", "#", "_", "x",
            "Z", "\u{b}", "\u{c}", "%",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn ascii_sentences_equal_uax29(text in sentence_text()) {
            let want: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
            let got: Vec<(usize, &str)> = sentence_bound_indices(&text).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn any_ascii_sentences_equal_uax29(text in "[\\x00-\\x7f]{0,80}") {
            let want: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
            let got: Vec<(usize, &str)> = sentence_bound_indices(&text).collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn ascii_sentences_examples() {
        let cases = [
            "Mr. Castillo left. Boluarte took over!  \"Coup?\" they said.\r\nNext",
            "e.g. this, U.S. Army. 3.14 is pi. etc. and so on.) Then (a) b.",
            "",
            "...",
            "End.",
        ];
        for t in cases {
            let want: Vec<(usize, &str)> = t.split_sentence_bound_indices().collect();
            let got: Vec<(usize, &str)> = sentence_bound_indices(t).collect();
            assert_eq!(got, want, "{t:?}");
        }
        // Non-ASCII text takes the general path.
        let t = "Él dijo “golpe”. Otra frase.";
        let want: Vec<(usize, &str)> = t.split_sentence_bound_indices().collect();
        assert_eq!(sentence_bound_indices(t).collect::<Vec<_>>(), want);
    }

    /// The reference: word-like and hyphen segments of UAX #29 on each part
    /// of the text between U+202F characters.
    fn reference(text: &str) -> Vec<(usize, usize, bool)> {
        let mut v = Vec::new();
        let mut from = 0;
        for part in text.split('\u{202F}') {
            v.extend(part.split_word_bound_indices().filter_map(|(i, s)| {
                let (i, e) = (from + i, from + i + s.len());
                if s.chars().any(char::is_alphanumeric) {
                    Some((i, e, true))
                } else if matches!(s, "-" | "\u{2010}" | "\u{2011}") {
                    Some((i, e, false))
                } else {
                    None
                }
            }));
            from += part.len() + '\u{202F}'.len_utf8();
        }
        v
    }

    #[test]
    fn narrow_no_break_space_separates_words() {
        // UAX #29 alone joins U+202F to the letters and digits around it.
        let t = "la\u{202F}vandale «\u{202F}vandales\u{202F}»\u{202F}: a\u{202F}\u{202F}b";
        let words: Vec<&str> = fast(t).iter().map(|&(s, e, _)| &t[s..e]).collect();
        assert_eq!(words, ["la", "vandale", "vandales", "a", "b"]);
        assert_eq!(fast(t), reference(t));
    }

    fn fast(text: &str) -> Vec<(usize, usize, bool)> {
        let mut v = Vec::new();
        segments(text, 0, &mut |s, e, w| v.push((s, e, w)));
        v
    }

    #[test]
    fn ascii_rules() {
        // WB6/7: letters around : . ' ; WB11/12: digits around , ; . ' ; no mixing.
        assert_eq!(
            fast("can't e.g a:b 3,5 3.5 a,b 3:5 a.1"),
            reference("can't e.g a:b 3,5 3.5 a,b 3:5 a.1")
        );
        let t = "don't stop—the U.S. 1,000,000 x_y __ a-b \r\n end.";
        assert_eq!(fast(t), reference(t));
        assert_eq!(
            fast("can't 3,5 a,b"),
            vec![(0, 5, true), (6, 9, true), (10, 11, true), (12, 13, true)]
        );
    }

    /// Characters that exercise every ASCII rule, plus non-ASCII neighbours.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            6 => prop::sample::select(vec!['a', 'B', 'z', '7', '0']),
            6 => prop::sample::select(vec![' ', ' ', '.', ',', ';', ':', '\'', '"', '-', '_', '\n', '\r', '\t', '\u{b}', '!', '?', '(', '@', '/']),
            2 => prop::sample::select(vec!['é', 'Ö', '\u{2019}', '\u{201C}', '\u{2014}', '\u{2010}', '\u{0301}', '\u{200D}', '\u{00A0}', '\u{202F}', 'ב', 'ب', '中', 'カ', '\u{1F1FA}', '\u{1F600}', '\u{FF0E}', '\u{2024}', '\u{0589}', '\u{00B7}', '\u{3000}']),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn fast_segments_equal_uax29(chars in prop::collection::vec(tricky_char(), 0..60)) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(fast(&text), reference(&text), "text {:?}", text);
        }

        #[test]
        fn fast_segments_equal_uax29_on_any_text(text in "\\PC{0,40}") {
            prop_assert_eq!(fast(&text), reference(&text), "text {:?}", text);
        }
    }

    /// Every character `sentences_cannot_split_words` allows, in every position
    /// around a `.` and between letters and digits: segmenting the whole text
    /// gives the same words as segmenting each UAX #29 sentence.
    #[test]
    fn allowed_characters_never_put_a_sentence_break_inside_a_word() {
        let allowed: Vec<char> = (0x80u32..0x10000)
            .filter_map(char::from_u32)
            .filter(|c| sentences_cannot_split_words(&c.to_string()))
            .collect();
        // 41,171 of the plane (unicode-segmentation 1.13 tables).
        assert_eq!(allowed.len(), 41_171);
        // The fixed list, and standalone characters (the ones a news text has).
        for c in "\u{00A0}«»ÀÖØöøſ‐‣…£©°€™•·。，：；、的？！（）「」".chars()
        {
            assert!(allowed.contains(&c), "U+{:04X}", c as u32);
        }
        // Letters that join their neighbours, marks, joiners, and the full
        // stops that can sit inside a word are not allowed.
        for c in "αжשب\u{0301}\u{200D}\u{00AD}\u{2024}\u{FF0E}\u{FE52}ア".chars() {
            assert!(!allowed.contains(&c), "U+{:04X}", c as u32);
        }
        let words_whole = |t: &str| fast(t);
        let words_by_sentence = |t: &str| {
            let mut v = Vec::new();
            for (off, s) in t.split_sentence_bound_indices() {
                segments(s, off, &mut |a, b, w| v.push((a, b, w)));
            }
            v
        };
        for &c in &allowed {
            for pat in [
                "a.{}b",
                "A.{}B",
                "{}.a",
                "{}.A",
                "1.{}",
                "{}.1",
                "a{}.B",
                "x {}. Y",
                "{}{}.{}{}",
                "a.{} B",
                "3{}.4",
                "a{}b.C",
                "1{}2.3",
                "a.b{}C d",
                "{}a.b{}",
            ] {
                let t = pat.replace("{}", &c.to_string());
                assert_eq!(
                    words_whole(&t),
                    words_by_sentence(&t),
                    "{t:?} (U+{:04X})",
                    c as u32
                );
            }
        }
    }
}
