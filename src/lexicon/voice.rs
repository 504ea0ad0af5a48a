//! The voice of a hit (docs/METHODS.md §5): whose words are they?
//!
//! - `distanced`: the hit starts right after a distancing marker of the lexicon
//!   ("so-called", "alleged"), in the same sentence; quote marks between them do
//!   not matter (so-called “leftist” is distanced);
//! - `scare`: inside a quotation of one to [`SCARE_MAX_WORDS`] words (“vandals”,
//!   „Terroristen“, « vandales »): the author holds the word at a distance;
//! - `quoted`: inside a longer quotation, or in the speech of a line of
//!   dialogue (below): someone else's words;
//! - `own`: none of these: the author's words.
//!
//! The first that applies wins, in that order. A quotation contains a hit when it
//! contains the hit's first word (a phrase may run past a scare quote: a ‘soft’
//! coup). With nested quotations the innermost one decides between `scare` and
//! `quoted`. Words are counted as the analyzer counts them, so spaces inside the
//! marks (French « vandales », with a space, a no-break space U+00A0 or a narrow
//! no-break space U+202F) change nothing: « vandales » is a scare quote like
//! “vandals”.
//!
//! Quote marks, each pair as the typography that uses it writes it:
//! - “ ” (English), „ “ and „ ” (German, Polish, …: „ opens, and a “ closes
//!   it when one is open), " (a straight quote opens unless one is open);
//! - ‘ ’ (English) only at word boundaries: ’ between two letters or digits is
//!   an apostrophe (don’t), and a ’ with no ‘ open is a possessive (workers’);
//!   ‚ ‘ (German) and ‚ ’: ‚ opens at the start of a word, and a ‘ that ends
//!   a word closes it when one is open;
//! - « » and ‹ › (French, Spanish, Italian, Swiss, Russian, …), with or
//!   without spaces inside;
//! - » « and › ‹ (German and Danish books), only where they cannot be read the
//!   other way: a » (›) opens such a quotation only when no « (‹) is open for
//!   it to close, when it starts a word (no letter or digit before it) and
//!   when the quoted text follows it directly, with no space; a « (‹) closes
//!   it only when it directly follows the quoted text. So a » between spaces
//!   (a breadcrumb, "Home » News") or at the end of a line ("more »") opens
//!   nothing, and French « … » is read as before. Swedish and Finnish »…»,
//!   where one mark opens and closes, is not read (a stray » would then quote
//!   everything up to the next one).
//!
//! Quotations are paired within one line (a paragraph): an opening mark left
//! unclosed at the end of its line opens nothing, so an unbalanced quote never
//! changes the voice of the rest of the article. A quotation that runs over a
//! hard line break is therefore not detected (the limitation of that choice).
//!
//! Dialogue dashes ([`dialogue_spans`]), only in the languages whose
//! typography writes dialogue with them ([`uses_dialogue_dashes`]: Spanish,
//! Portuguese, Catalan, Galician): a line (paragraph) whose first character
//! other than whitespace is an em dash — (U+2014) is a line of dialogue, and
//! its words are a speaker's (`quoted`, however few: a line of dialogue is
//! speech, not a scare quote), except the narrator's incises: an em dash that
//! follows a space opens an incise, which runs to the next em dash or the end
//! of the line, and after which the speech goes on.
//!
//! ```text
//! —No lo haremos —dijo el ministro—. Seguiremos adelante.
//!  ^^^^^^^^^^^^^^ speech            ^^^^^^^^^^^^^^^^^^^^^^^ speech
//! ```
//!
//! Only a dash that begins a line starts dialogue: a pair of dashes inside a
//! line (Spanish “los vándalos —según el ministro— huyeron”, English “the
//! rioters — so he says — fled”) is a parenthesis in the author's voice, and in
//! other languages (English, French, …) a line that begins with a dash is not
//! read as dialogue either. A parenthesis of dashes inside a line of dialogue
//! reads as an incise of the narrator (it cannot be told from one).

use std::ops::Range;

use super::model::{Lexicon, TokView};
use crate::analyze::Analyzed;

/// A quotation of at most this many words around a term is a scare quote.
pub const SCARE_MAX_WORDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    Own,
    Quoted,
    Scare,
    Distanced,
}

impl Voice {
    pub const ALL: [Voice; 4] = [Voice::Own, Voice::Quoted, Voice::Scare, Voice::Distanced];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Own => "own",
            Voice::Quoted => "quoted",
            Voice::Scare => "scare",
            Voice::Distanced => "distanced",
        }
    }
}

impl std::fmt::Display for Voice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// “ … ”
    Curly,
    /// „ … “ and „ … ”
    Low,
    /// « … »
    Guillemet,
    /// ‹ … ›
    SingleGuillemet,
    /// " … "
    Straight,
    /// ‘ … ’
    Single,
    /// ‚ … ‘ and ‚ … ’
    LowSingle,
    /// » … «
    Reversed,
    /// › … ‹
    SingleReversed,
}

/// How many kinds of [`Mark`] there are.
const MARKS: usize = 9;

/// The languages whose typography writes dialogue with dashes, by ISO 639-1
/// code: Spanish, Portuguese, Catalan and Galician, where a paragraph that
/// opens with an em dash is a speaker's words (module doc). Other languages
/// that use dialogue dashes in fiction (French, Italian, Russian, Polish, …)
/// quote with « » or “ ” in the news, and use a dash at the start of a line
/// for other things (lists), so a dash there is not read as dialogue.
pub fn uses_dialogue_dashes(language: &str) -> bool {
    matches!(language, "es" | "pt" | "ca" | "gl")
}

/// The byte ranges of the contents of every quotation in `text` (between the
/// marks), sorted by start. Quotations nest; each is within one line.
pub fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        line_spans(line, offset, &mut spans);
        offset += line.len();
    }
    spans.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    spans
}

/// The open quotation marks of one line: a stack of (mark, content start),
/// with, for each kind of mark, the stack positions holding it, so that finding
/// the innermost open mark of a kind is O(1) (a scan of the stack made a line
/// of N unmatched openers and N closers of another kind N²).
#[derive(Default)]
struct Open {
    stack: Vec<(Mark, usize)>,
    by_mark: [Vec<usize>; MARKS],
}

impl Open {
    fn push(&mut self, m: Mark, start: usize) {
        self.by_mark[m as usize].push(self.stack.len());
        self.stack.push((m, start));
    }

    /// Closes the innermost open quotation whose mark is one of `marks` (and
    /// drops the ones opened inside it, left unclosed): its content start.
    fn close(&mut self, marks: &[Mark]) -> Option<usize> {
        let k = marks
            .iter()
            .filter_map(|&m| self.by_mark[m as usize].last().copied())
            .max()?;
        let (_, start) = self.stack[k];
        self.stack.truncate(k);
        for v in &mut self.by_mark {
            while v.last().is_some_and(|&i| i >= k) {
                v.pop();
            }
        }
        Some(start)
    }
}

fn line_spans(line: &str, base: usize, spans: &mut Vec<Range<usize>>) {
    let mut open = Open::default();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut close = |open: &mut Open, pos: usize, marks: &[Mark]| -> bool {
        match open.close(marks) {
            Some(start) => {
                spans.push(base + start..base + pos);
                true
            }
            None => false,
        }
    };
    for (k, &(pos, c)) in chars.iter().enumerate() {
        let after = pos + c.len_utf8();
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        // No character, or a space: the mark does not touch a word on that side.
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        match c {
            '\u{201C}' => {
                // “ closes a „ quotation (German style), otherwise opens.
                let closed = close(&mut open, pos, &[Mark::Low]);
                if !closed {
                    open.push(Mark::Curly, after);
                }
            }
            '\u{201D}' => {
                close(&mut open, pos, &[Mark::Curly, Mark::Low]);
            }
            '\u{201E}' => open.push(Mark::Low, after),
            '\u{00AB}' => {
                // « closes a » … « quotation when it touches the quoted text,
                // otherwise opens.
                let closed = !space(prev) && close(&mut open, pos, &[Mark::Reversed]);
                if !closed {
                    open.push(Mark::Guillemet, after);
                }
            }
            '\u{00BB}' => {
                // » closes a « quotation, otherwise opens a » … « one when it
                // starts a word.
                let closed = close(&mut open, pos, &[Mark::Guillemet]);
                if !closed && !alnum(prev) && !space(next) {
                    open.push(Mark::Reversed, after);
                }
            }
            '\u{2039}' => {
                let closed = !space(prev) && close(&mut open, pos, &[Mark::SingleReversed]);
                if !closed {
                    open.push(Mark::SingleGuillemet, after);
                }
            }
            '\u{203A}' => {
                let closed = close(&mut open, pos, &[Mark::SingleGuillemet]);
                if !closed && !alnum(prev) && !space(next) {
                    open.push(Mark::SingleReversed, after);
                }
            }
            '"' => {
                let closed = close(&mut open, pos, &[Mark::Straight]);
                if !closed {
                    open.push(Mark::Straight, after);
                }
            }
            '\u{201A}' if !alnum(prev) => open.push(Mark::LowSingle, after),
            '\u{2018}' => {
                // ‘ at the end of a word closes a ‚ quotation (German style);
                // at the start of a word it opens.
                let closed = !alnum(next) && close(&mut open, pos, &[Mark::LowSingle]);
                if !closed && !alnum(prev) {
                    open.push(Mark::Single, after);
                }
            }
            '\u{2019}' if !(alnum(prev) && alnum(next)) => {
                close(&mut open, pos, &[Mark::Single, Mark::LowSingle]);
            }
            _ => {}
        }
    }
}

/// The byte ranges of the speech in the lines of dialogue of `text`, sorted
/// (module doc): in each line whose first character other than whitespace is
/// an em dash, from that dash to the first em dash that follows a space (an
/// incise of the narrator), from the em dash that closes the incise to the
/// next incise, and so on to the end of the line. Only ranges holding a
/// letter or digit are given. For a language whose typography writes
/// dialogue so ([`uses_dialogue_dashes`]).
pub fn dialogue_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        dialogue_line(line, offset, &mut spans);
        offset += line.len();
    }
    spans
}

fn dialogue_line(line: &str, base: usize, spans: &mut Vec<Range<usize>>) {
    const DASH: char = '\u{2014}';
    let Some(speech) = line.trim_start().strip_prefix(DASH) else {
        return;
    };
    let end = line.trim_end().len();
    let mut push = |start: usize, stop: usize| {
        if line[start..stop].chars().any(char::is_alphanumeric) {
            spans.push(base + start..base + stop);
        }
    };
    // The start of the speech being read, or None inside an incise.
    let mut start = Some(line.len() - speech.len());
    let mut prev = DASH;
    for (pos, c) in line
        .char_indices()
        .skip_while(|&(i, _)| i < line.len() - speech.len())
    {
        if pos >= end {
            break;
        }
        if c == DASH {
            match start {
                Some(s) if prev.is_whitespace() => {
                    push(s, pos);
                    start = None;
                }
                Some(_) => {}
                None => start = Some(pos + DASH.len_utf8()),
            }
        }
        prev = c;
    }
    if let Some(s) = start {
        push(s, end);
    }
}

/// The voice quotations give each token of `analyzed` (own, quoted or scare),
/// from its innermost quotation: the one with the latest start (in
/// [`quote_spans`] order) that starts at or before the token and ends at or
/// after it. With `dialogue`, the speech of lines of dialogue
/// ([`dialogue_spans`]) is a quotation too, always `quoted`.
fn quote_voices(text: &str, analyzed: &Analyzed, dialogue: bool) -> Vec<Voice> {
    // (content, speech of a line of dialogue)
    let mut spans: Vec<(Range<usize>, bool)> =
        quote_spans(text).into_iter().map(|r| (r, false)).collect();
    if dialogue {
        spans.extend(dialogue_spans(text).into_iter().map(|r| (r, true)));
        spans.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    }
    let tokens = &analyzed.tokens;
    // Word tokens inside each span: those starting in it, less the last one if
    // it runs past the span's end (tokens do not overlap, so only the last
    // can). Logarithmic per span, whatever the nesting depth (counting them
    // one by one made N nested quotations of N words N²).
    let words: Vec<usize> = spans
        .iter()
        .map(|(r, _)| {
            let lo = tokens.partition_point(|t| t.start < r.start);
            let hi = tokens.partition_point(|t| t.start < r.end).max(lo);
            let past = hi > lo && tokens[hi - 1].end > r.end;
            hi - lo - usize::from(past)
        })
        .collect();
    // One sweep: spans are pushed as the tokens reach their start, and popped
    // from the top once they end before the token (tokens come in order, their
    // ends increasing), so the top is the innermost quotation. Linear in
    // tokens + spans (a search back through the spans for each match made N
    // quotations before N matches N²).
    let mut voices = Vec::with_capacity(tokens.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for t in tokens {
        while next < spans.len() && spans[next].0.start <= t.start {
            stack.push(next);
            next += 1;
        }
        while stack.last().is_some_and(|&k| spans[k].0.end < t.end) {
            stack.pop();
        }
        voices.push(match stack.last() {
            Some(&k) if spans[k].1 => Voice::Quoted,
            Some(&k) if words[k] <= SCARE_MAX_WORDS => Voice::Scare,
            Some(_) => Voice::Quoted,
            None => Voice::Own,
        });
    }
    voices
}

/// Everything needed to give a voice to a match in one article.
#[derive(Debug, Clone)]
pub struct VoiceContext {
    /// The voice quotations give each token (own, quoted or scare): from its
    /// innermost quotation, the speech of a line of dialogue one too in a
    /// language that writes dialogue with dashes.
    quoted: Vec<Voice>,
    /// Indices of the tokens that directly follow a distancing marker, sorted.
    after_marker: Vec<u32>,
}

impl VoiceContext {
    pub(crate) fn new(
        lex: &Lexicon,
        language: &str,
        text: &str,
        analyzed: &Analyzed,
        toks: &[TokView<'_>],
    ) -> VoiceContext {
        let quoted = quote_voices(text, analyzed, uses_dialogue_dashes(language));
        let mut after_marker = Vec::new();
        if let Some(set) = lex.distancing_in(language).filter(|s| !s.is_empty()) {
            let mut out = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                set.matches_at(toks, i, &mut out);
                match out.iter().map(|&(_, len)| len).max() {
                    Some(len) => {
                        let next = i + len;
                        if next < toks.len() && toks[next].sentence == toks[i].sentence {
                            after_marker.push(next as u32);
                        }
                        i = next;
                    }
                    None => i += 1,
                }
            }
        }
        VoiceContext {
            quoted,
            after_marker,
        }
    }

    /// The voice of a match whose first token is `first`. Only the first token
    /// counts for quotations: in a ‘soft’ coup the phrase "soft coup" is in
    /// scare quotes.
    pub fn voice(&self, first: usize) -> Voice {
        if self.after_marker.binary_search(&(first as u32)).is_ok() {
            return Voice::Distanced;
        }
        self.quoted.get(first).copied().unwrap_or(Voice::Own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Analyzer, AnalyzerConfig};
    use proptest::prelude::*;

    /// The quotation voice as it was computed before the sweep: for the
    /// token's bytes, the last span (quotations and, with `dialogue`, speech,
    /// in start order, the longer first) that starts at or before them and
    /// ends at or after them, its words counted one by one.
    fn voice_by_scan(text: &str, analyzed: &Analyzed, i: usize, dialogue: bool) -> Voice {
        let mut spans: Vec<(Range<usize>, bool)> =
            quote_spans(text).into_iter().map(|r| (r, false)).collect();
        if dialogue {
            spans.extend(dialogue_spans(text).into_iter().map(|r| (r, true)));
        }
        spans.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let t = &analyzed.tokens[i];
        let upto = spans.partition_point(|(r, _)| r.start <= t.start);
        match (0..upto).rev().find(|&k| spans[k].0.end >= t.end) {
            Some(k) if spans[k].1 => Voice::Quoted,
            Some(k) => {
                let r = &spans[k].0;
                let words = analyzed
                    .tokens
                    .iter()
                    .filter(|t| t.start >= r.start && t.start < r.end && t.end <= r.end)
                    .count();
                if words <= SCARE_MAX_WORDS {
                    Voice::Scare
                } else {
                    Voice::Quoted
                }
            }
            None => Voice::Own,
        }
    }

    proptest! {
        #[test]
        fn quote_voices_equal_the_scan(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("\u{201C}"), Just("\u{201D}"), Just("\u{201E}"), Just("\u{AB}"),
                    Just("\u{BB}"), Just("\u{2039}"), Just("\u{203A}"), Just("\""),
                    Just("\u{2018}"), Just("\u{2019}"), Just("\u{201A}"), Just("\u{2014}"),
                    Just(" \u{2014}"), Just(" "), Just("\u{A0}"), Just("\u{202F}"), Just("\n"),
                    Just("a"), Just("word "), Just("don\u{2019}t "), Just(". "),
                ],
                0..40,
            ),
            dialogue in any::<bool>(),
        ) {
            let text: String = parts.concat();
            let an = Analyzer::new("es", &AnalyzerConfig::default()).unwrap();
            let analyzed = an.analyze(&text);
            let voices = quote_voices(&text, &analyzed, dialogue);
            prop_assert_eq!(voices.len(), analyzed.tokens.len());
            for (i, v) in voices.iter().enumerate() {
                let want = voice_by_scan(&text, &analyzed, i, dialogue);
                prop_assert_eq!(*v, want, "token {} of {:?}", i, text);
            }
        }
    }

    /// The contents of the quotations of `text`.
    fn quoted(text: &str) -> Vec<&str> {
        quote_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    /// The speech of the lines of dialogue of `text`.
    fn speech(text: &str) -> Vec<&str> {
        dialogue_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    /// (word, voice) of every word of `text` in `language`, from quotations
    /// (and dialogue where the language writes it).
    fn voices(language: &str, text: &str) -> Vec<(String, Voice)> {
        let an = Analyzer::new(language, &AnalyzerConfig::default()).unwrap();
        let analyzed = an.analyze(text);
        let voices = quote_voices(text, &analyzed, uses_dialogue_dashes(language));
        analyzed
            .tokens
            .iter()
            .zip(voices)
            .map(|(t, v)| (text[t.start..t.end].to_string(), v))
            .collect()
    }

    fn of(pairs: &[(&str, Voice)]) -> Vec<(String, Voice)> {
        pairs.iter().map(|&(w, v)| (w.to_string(), v)).collect()
    }

    use Voice::{Own, Quoted, Scare};

    #[test]
    fn french_guillemets_with_spaces_inside() {
        for space in [" ", "\u{A0}", "\u{202F}"] {
            let t = format!("Des «{space}vandales{space}» ici.");
            assert_eq!(quoted(&t), [format!("{space}vandales{space}")], "{t:?}");
            assert_eq!(
                voices("fr", &t),
                of(&[("Des", Own), ("vandales", Scare), ("ici", Own)]),
                "{t:?}"
            );
            // Four words inside, spaces or not, are a quotation.
            let t = format!("Il dit «{space}les vandales sont partis{space}».");
            assert_eq!(
                voices("fr", &t)[2..4],
                of(&[("les", Quoted), ("vandales", Quoted)])
            );
        }
    }

    #[test]
    fn german_low_quotes() {
        assert_eq!(
            quoted("Die „Terroristen“ und „die anderen”."),
            ["Terroristen", "die anderen"]
        );
        assert_eq!(
            voices("de", "Die „Terroristen“ kamen."),
            of(&[("Die", Own), ("Terroristen", Scare), ("kamen", Own)])
        );
        // ‚ … ‘ single low quotes (and ‚ … ’), inside double ones.
        assert_eq!(
            quoted("Er sagte: „Das sind ‚Chaoten‘, nicht ‚Bürger’.“"),
            ["Das sind ‚Chaoten‘, nicht ‚Bürger’.", "Chaoten", "Bürger"]
        );
        // A ‘ that starts a word still opens an English quotation.
        assert_eq!(quoted("the ‘mob’ and ‚x‘ ‘y’"), ["mob", "x", "y"]);
        // ‚ after a digit is no opening mark (a comma typed as U+201A).
        assert_eq!(quoted("3‚5 ist ‚gut‘"), ["gut"]);
    }

    #[test]
    fn reversed_guillemets_only_where_unambiguous() {
        // German and Danish books: » … « and › … ‹.
        assert_eq!(
            quoted("Er nannte sie »Chaoten« und ›Krawallmacher‹."),
            ["Chaoten", "Krawallmacher"]
        );
        assert_eq!(
            quoted("»Sie sind ›Terroristen‹«, sagte er."),
            ["Sie sind ›Terroristen‹", "Terroristen"]
        );
        assert_eq!(
            voices("da", "De »bøller« kom."),
            of(&[("De", Own), ("bøller", Scare), ("kom", Own)])
        );
        // French and Swiss « … » and ‹ … › read as before, spaces or not.
        assert_eq!(quoted("« a » b «c» ‹ d › ‹e›"), [" a ", "c", " d ", "e"]);
        // A » between spaces or before the end opens nothing: breadcrumbs,
        // "more »", Swedish »…» (one mark opening and closing).
        assert!(quoted("Home » News » World « back").is_empty());
        assert!(quoted("Read more »\nNext » line").is_empty());
        assert!(quoted("Han sa »nej» igen.").is_empty());
        assert!(quoted("a›b ›c ‹d").is_empty());
        // A » after a letter does not open (a French closing mark whose « is
        // on another line).
        assert!(quoted("fin»début« suite").is_empty());
    }

    #[test]
    fn dialogue_dashes() {
        let t = "—No lo haremos —dijo el ministro—. Seguiremos adelante.\n  —¿Y los «vándalos»?\nLos vándalos —según él— huyeron.\n— Não vamos — disse ele.\n";
        assert_eq!(
            speech(t),
            [
                "No lo haremos ",
                ". Seguiremos adelante.",
                "¿Y los «vándalos»?",
                " Não vamos ",
            ]
        );
        let v = voices("es", t);
        let want = of(&[
            ("No", Quoted),
            ("lo", Quoted),
            ("haremos", Quoted),
            ("dijo", Own),
            ("el", Own),
            ("ministro", Own),
            ("Seguiremos", Quoted),
            ("adelante", Quoted),
            ("Y", Quoted),
            ("los", Quoted),
            // The innermost quotation decides: a scare quote inside speech.
            ("vándalos", Scare),
            // A pair of dashes inside a line is a parenthesis.
            ("Los", Own),
            ("vándalos", Own),
            ("según", Own),
            ("él", Own),
            ("huyeron", Own),
            ("Não", Quoted),
            ("vamos", Quoted),
            ("disse", Own),
            ("ele", Own),
        ]);
        assert_eq!(v, want);
        // A one-word line of dialogue is speech, not a scare quote.
        assert_eq!(voices("pt", "—Golpistas!"), of(&[("Golpistas", Quoted)]));
        // English (and French, …) does not write dialogue so.
        assert!(!uses_dialogue_dashes("en") && !uses_dialogue_dashes("fr"));
        assert!(["es", "pt", "ca", "gl"]
            .into_iter()
            .all(uses_dialogue_dashes));
        assert_eq!(
            voices("en", "—The rioters left —he said."),
            of(&[
                ("The", Own),
                ("rioters", Own),
                ("left", Own),
                ("he", Own),
                ("said", Own)
            ])
        );
        // No speech: a dash not at the start of the line, a line of dashes.
        assert!(speech("Dijo —no— y se fue.\n——\n —\n").is_empty());
    }
}
