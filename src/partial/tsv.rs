//! Reading and writing the TSV format described in the module above.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use super::counts::{add_count, add_surface, add_term, count_rows, surface_rows, term_rows};
use super::{
    kwic_order, ArticleEntry, ArticleId, Header, InputFile, SourceMeta, Stats, END, MAGIC, VERSION,
};
use crate::error::{Error, Result, Warning};
use crate::lexicon::score::SentenceCell;
use crate::lexicon::{ArticleLexStats, KwicLine, Voice};

/// Appends `s` escaped (backslash, tab, newline, carriage return).
fn esc(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unesc(s: &str) -> std::result::Result<String, String> {
    if !s.contains('\\') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(o) => return Err(format!("unknown escape \\{o}")),
            None => return Err("a backslash ends the field".into()),
        }
    }
    Ok(out)
}

/// A line under construction: fields joined by tabs.
struct Line(String);

impl Line {
    fn new(kind: &str) -> Line {
        Line(kind.to_string())
    }
    fn s(mut self, v: &str) -> Line {
        self.0.push('\t');
        esc(&mut self.0, v);
        self
    }
    fn o(self, v: &Option<String>) -> Line {
        self.s(v.as_deref().unwrap_or(""))
    }
    fn n(mut self, v: impl std::fmt::Display) -> Line {
        // Writing to a String cannot fail.
        let _ = write!(self.0, "\t{v}");
        self
    }
    fn list(mut self, v: impl IntoIterator<Item = u64>) -> Line {
        self.0.push('\t');
        for (i, x) in v.into_iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            let _ = write!(self.0, "{x}");
        }
        self
    }
    fn raw(mut self, v: &str) -> Line {
        self.0.push('\t');
        self.0.push_str(v);
        self
    }
    fn out(mut self, w: &mut Out<impl Write>) -> io::Result<()> {
        self.0.push('\n');
        w.records += 1;
        w.w.write_all(self.0.as_bytes())
    }
}

/// Where records go, counted for the `end` record.
struct Out<'a, W> {
    w: &'a mut W,
    records: u64,
}

/// A sentence's word count and its (category, hits, covered) cells.
type SentenceKind = (u32, Vec<(u16, u32, u32)>);

/// The sentence kinds of an article (see the format): `WC[:C.H.V]...[*N]`.
fn sentence_kinds(l: &ArticleLexStats) -> String {
    let mut per: Vec<SentenceKind> = l.sentence_wc.iter().map(|&w| (w, Vec::new())).collect();
    for c in &l.cells {
        if let Some(s) = per.get_mut(c.sentence as usize) {
            s.1.push((c.category, c.hits, c.covered));
        }
    }
    for s in &mut per {
        s.1.sort_unstable();
    }
    per.sort_unstable();
    let mut out = String::new();
    let mut i = 0;
    while i < per.len() {
        let mut j = i + 1;
        while j < per.len() && per[j] == per[i] {
            j += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{}", per[i].0);
        for (c, h, v) in &per[i].1 {
            let _ = write!(out, ":{c}.{h}.{v}");
        }
        if j - i > 1 {
            let _ = write!(out, "*{}", j - i);
        }
        i = j;
    }
    out
}

/// How far the `*N` repeats of sentence kinds may expand a partial in memory:
/// at most `EXPANSION_BASE` + `EXPANSION_PER_BYTE` × (bytes read so far)
/// sentences and sentence cells in all. A partial is compressed (`5*1000` is a
/// thousand sentences in six bytes), so without a bound a few edited bytes
/// (`*4294967295`) would make the reader allocate gigabytes. Real partials
/// stay far below: every article record also carries its metadata and counts,
/// and the terms and hits have a line each.
pub(crate) const EXPANSION_BASE: u64 = 1 << 24;
pub(crate) const EXPANSION_PER_BYTE: u64 = 64;

/// Sentences and cells expanded so far from a stream, against its bound.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    used: u64,
    /// Bytes of the stream read so far.
    bytes: u64,
}

impl Budget {
    fn allowed(&self) -> u64 {
        EXPANSION_BASE.saturating_add(EXPANSION_PER_BYTE.saturating_mul(self.bytes))
    }

    fn take(&mut self, n: u64) -> std::result::Result<(), String> {
        let used = self.used.saturating_add(n);
        if used > self.allowed() {
            return Err(format!(
                "the sentence kinds expand to more sentences than a partial of {} bytes can hold (at most {} sentences and sentence cells: 2^24 + 64 per byte); not a partial framelens wrote",
                self.bytes,
                self.allowed()
            ));
        }
        self.used = used;
        Ok(())
    }
}

/// Parses the sentence kinds of an article of `sentences` sentences and
/// `words` words into `l`: the number of sentences must be `sentences`, their
/// words must add up to `words`, and the expansion must fit `budget`.
fn parse_kinds(
    s: &str,
    sentences: u64,
    words: u64,
    l: &mut ArticleLexStats,
    budget: &mut Budget,
) -> std::result::Result<(), String> {
    let bad = |item: &str| format!("bad sentence kind {item:?}");
    // (sentence kind, repeats)
    let mut kinds: Vec<(SentenceKind, u64)> = Vec::new();
    let (mut n_sentences, mut n_words, mut cost) = (0u64, 0u64, 0u64);
    let overflow = || "sentence kinds: counts past 2^64".to_string();
    for item in s.split(' ').filter(|x| !x.is_empty()) {
        let (base, n) = match item.split_once('*') {
            Some((b, n)) => (b, n.parse::<u64>().map_err(|_| bad(item))?),
            None => (item, 1),
        };
        let mut parts = base.split(':');
        let wc: u32 = parts
            .next()
            .and_then(|w| w.parse().ok())
            .ok_or_else(|| bad(item))?;
        let mut cells = Vec::new();
        for p in parts {
            let v: Vec<&str> = p.split('.').collect();
            if v.len() != 3 {
                return Err(bad(item));
            }
            let (Ok(c), Ok(h), Ok(cov)) = (v[0].parse(), v[1].parse(), v[2].parse()) else {
                return Err(bad(item));
            };
            cells.push((c, h, cov));
        }
        n_sentences = n_sentences.checked_add(n).ok_or_else(overflow)?;
        n_words = (wc as u64)
            .checked_mul(n)
            .and_then(|w| n_words.checked_add(w))
            .ok_or_else(overflow)?;
        cost = (cells.len() as u64 + 1)
            .checked_mul(n)
            .and_then(|c| cost.checked_add(c))
            .ok_or_else(overflow)?;
        kinds.push(((wc, cells), n));
    }
    if n_sentences != sentences {
        return Err(format!(
            "{sentences} sentences but {n_sentences} in the sentence kinds"
        ));
    }
    if n_words != words {
        return Err(format!(
            "{words} words but the sentences of the sentence kinds have {n_words}"
        ));
    }
    if u32::try_from(l.sentence_wc.len() as u64 + n_sentences).is_err() {
        return Err("more than 2^32 sentences in one article".into());
    }
    // Checked before anything is allocated.
    budget.take(cost)?;
    l.sentence_wc.reserve(n_sentences as usize);
    for ((wc, cells), n) in kinds {
        for _ in 0..n {
            let sentence = l.sentence_wc.len() as u32;
            l.sentence_wc.push(wc);
            l.cells
                .extend(cells.iter().map(|&(category, hits, covered)| SentenceCell {
                    sentence,
                    category,
                    hits,
                    covered,
                }));
        }
    }
    Ok(())
}

/// Checks that an article's counts agree with each other, as `count` writes
/// them: per category, the hits of its sentences, its voices and its targets
/// all add up to its hits, and the words its sentences cover to its covered
/// words. A partial edited by hand fails here rather than in the report.
fn check_article(l: &ArticleLexStats) -> std::result::Result<(), String> {
    let k = l.hits.len();
    let mut cell_hits = vec![0u64; k];
    let mut cell_cov = vec![0u64; k];
    for c in &l.cells {
        let i = c.category as usize;
        let (Some(h), Some(v)) = (cell_hits.get_mut(i), cell_cov.get_mut(i)) else {
            return Err(format!("sentence kind of category {i}, but {k} categories"));
        };
        let sum = |a: u64, b: u32| a.checked_add(b as u64).ok_or("hits past 2^64");
        *h = sum(*h, c.hits)?;
        *v = sum(*v, c.covered)?;
    }
    let per = l.actors.len().checked_div(k).unwrap_or(0);
    if per * k != l.actors.len() {
        return Err(format!(
            "{} target counts do not divide into {k} categories",
            l.actors.len()
        ));
    }
    for c in 0..k {
        let hits = l.hits[c];
        let voices = l.voice[c].iter().try_fold(0u64, |a, &x| a.checked_add(x));
        let targets = l.actors[c * per..(c + 1) * per]
            .iter()
            .try_fold(0u64, |a, &x| a.checked_add(x));
        if cell_hits[c] != hits || voices != Some(hits) || targets != Some(hits) {
            return Err(format!(
                "category {c}: {hits} hits, but {} in its sentences, {} by voice and {} by target",
                cell_hits[c],
                voices.map_or("more than 2^64".into(), |v| v.to_string()),
                targets.map_or("more than 2^64".into(), |v| v.to_string()),
            ));
        }
        if cell_cov[c] != l.covered[c] {
            return Err(format!(
                "category {c}: {} words covered, but {} in its sentences",
                l.covered[c], cell_cov[c]
            ));
        }
    }
    Ok(())
}

/// Writes `stats` in canonical order (whatever order its vectors are in).
pub fn write(stats: &Stats, w: &mut impl Write) -> io::Result<()> {
    let mut header = Line::new(MAGIC)
        .raw(VERSION)
        .s(&stats.header.settings)
        .s(&stats.header.lexicon_sha256)
        .0;
    header.push('\n');
    w.write_all(header.as_bytes())?;
    let w = &mut Out { w, records: 0 };
    write_inputs(stats, w)?;
    write_counts(stats, w)?;
    write_articles(stats, w)?;
    write_forms_and_targets(stats, w)?;
    write_kwic(stats, w)?;
    // Last: the number of records above, so that a partial cut short is an error.
    writeln!(w.w, "{END}\t{}", w.records)
}

/// The `corpus`, `input`, `source`, `skipped` and `warning` records.
fn write_inputs(stats: &Stats, w: &mut Out<impl Write>) -> io::Result<()> {
    for c in &stats.corpora {
        Line::new("corpus").s(c).out(w)?;
    }
    for i in &stats.inputs {
        Line::new("input")
            .s(&i.path)
            .n(i.bytes)
            .s(&i.sha256)
            .out(w)?;
    }
    for (id, m) in &stats.sources {
        Line::new("source")
            .s(id)
            .s(&m.name)
            .o(&m.url)
            .s(&m.language)
            .o(&m.notes)
            .o(&m.group)
            .out(w)?;
    }
    Line::new("skipped").n(stats.skipped_empty).out(w)?;
    let mut warnings: Vec<&Warning> = stats.warnings.iter().collect();
    warnings.sort();
    for x in warnings {
        Line::new("warning")
            .s(&x.path.display().to_string())
            .n(x.line)
            .n(x.column)
            .s(&x.message)
            .out(w)?;
    }
    Ok(())
}

/// The `count`, `term` and `surface` records.
fn write_counts(stats: &Stats, w: &mut Out<impl Write>) -> io::Result<()> {
    for (id, articles, words) in count_rows(&stats.counts) {
        Line::new("count").s(id).n(articles).n(words).out(w)?;
    }
    for (id, term, n, df, r) in term_rows(&stats.counts) {
        Line::new("term")
            .s(id)
            .s(term)
            .n(n)
            .n(df)
            .n(r.sum)
            .n(r.sum_sq)
            .n(r.top)
            .out(w)?;
    }
    for (id, term, form, n) in surface_rows(&stats.counts) {
        Line::new("surface").s(id).s(term).s(form).n(n).out(w)?;
    }
    Ok(())
}

/// The `article` records.
fn write_articles(stats: &Stats, w: &mut Out<impl Write>) -> io::Result<()> {
    for ((source, id), a) in &stats.articles {
        let l = &a.lex;
        Line::new("article")
            .s(source)
            .s(&id.0)
            .o(&a.title)
            .o(&a.date)
            .o(&a.author)
            .o(&a.url)
            .n(a.words)
            .n(a.sentences)
            .list(l.hits.iter().copied())
            .list(l.covered.iter().copied())
            .list(l.voice.iter().flatten().copied())
            .list(l.actors.iter().copied())
            .raw(&sentence_kinds(l))
            .out(w)?;
    }
    Ok(())
}

/// The `form` and `target` records.
fn write_forms_and_targets(stats: &Stats, w: &mut Out<impl Write>) -> io::Result<()> {
    for (source, forms) in &stats.forms {
        for ((c, e, form), n) in forms {
            Line::new("form").s(source).n(c).n(e).s(form).n(n).out(w)?;
        }
    }
    for ((source, actor, category, form), n) in &stats.targets {
        Line::new("target")
            .s(source)
            .s(actor)
            .s(category)
            .s(form)
            .n(n)
            .out(w)?;
    }
    Ok(())
}

/// The `kwic` records: per source × category, the first [`super::KWIC_SAMPLE`]
/// in KWIC order, repeats dropped.
fn write_kwic(stats: &Stats, w: &mut Out<impl Write>) -> io::Result<()> {
    for ((source, category), lines) in &stats.kwic {
        let mut v: Vec<&KwicLine> = lines.iter().collect();
        v.sort_by(|a, b| kwic_order(a, b));
        v.dedup();
        v.truncate(super::KWIC_SAMPLE);
        for k in v {
            Line::new("kwic")
                .s(source)
                .s(&k.article)
                .n(k.sentence)
                .n(k.start)
                .n(k.end)
                .raw(k.voice.as_str())
                .s(category)
                .o(&k.target)
                .s(&k.left)
                .s(&k.matched)
                .s(&k.right)
                .out(w)?;
        }
    }
    Ok(())
}

/// Writes to a file, or to standard output for `-`.
pub fn write_file(stats: &Stats, path: &Path) -> Result<()> {
    if path == Path::new("-") {
        let mut w = BufWriter::with_capacity(1 << 20, crate::diag::Stdout::lock());
        write(stats, &mut w)
            .and_then(|_| w.flush())
            .map_err(|e| Error::io("<stdout>", e))
    } else {
        let f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
        let mut w = BufWriter::with_capacity(1 << 20, f);
        write(stats, &mut w)
            .and_then(|_| w.flush())
            .map_err(|e| Error::io(path, e))
    }
}

/// Reads a partial from a file, or from standard input for `-`.
pub fn read_file(path: &Path) -> Result<Stats> {
    if path == Path::new("-") {
        read(io::stdin().lock(), Path::new("<stdin>"))
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        read(BufReader::with_capacity(1 << 20, f), path)
    }
}

struct Fields<'a> {
    it: std::str::Split<'a, char>,
    kind: &'a str,
}

impl<'a> Fields<'a> {
    fn raw(&mut self) -> std::result::Result<&'a str, String> {
        self.it
            .next()
            .ok_or_else(|| format!("{} record: too few fields", self.kind))
    }
    fn s(&mut self) -> std::result::Result<String, String> {
        unesc(self.raw()?)
    }
    fn o(&mut self) -> std::result::Result<Option<String>, String> {
        let s = self.s()?;
        Ok(if s.is_empty() { None } else { Some(s) })
    }
    fn n<T: std::str::FromStr>(&mut self) -> std::result::Result<T, String> {
        let r = self.raw()?;
        r.parse()
            .map_err(|_| format!("{} record: {r:?} is not a non-negative integer", self.kind))
    }
    fn list(&mut self) -> std::result::Result<Vec<u64>, String> {
        let r = self.raw()?;
        if r.is_empty() {
            return Ok(Vec::new());
        }
        r.split(',')
            .map(|x| {
                x.parse()
                    .map_err(|_| format!("{} record: bad list {r:?}", self.kind))
            })
            .collect()
    }
    fn voice(&mut self) -> std::result::Result<Voice, String> {
        let r = self.raw()?;
        Voice::ALL
            .into_iter()
            .find(|v| v.as_str() == r)
            .ok_or_else(|| format!("unknown voice {r:?}"))
    }
    fn end(mut self) -> std::result::Result<(), String> {
        match self.it.next() {
            None => Ok(()),
            Some(_) => Err(format!("{} record: too many fields", self.kind)),
        }
    }
}

/// The lines of a partial: at most [`crate::corpus::MAX_RECORD_BYTES`] each,
/// UTF-8, each ended by `\n`.
struct Lines<'p, R> {
    r: R,
    path: &'p Path,
    /// Lines read so far (the number of the current one).
    line: u64,
    /// The current line, without its `\n`.
    text: String,
    budget: Budget,
}

impl<R: BufRead> Lines<'_, R> {
    /// Reads the next line into `text`; `false` at the end.
    fn next(&mut self) -> Result<bool> {
        let mut buf = std::mem::take(&mut self.text).into_bytes();
        buf.clear();
        let n = crate::corpus::read_line_capped(&mut self.r, &mut buf).map_err(|e| {
            if e.kind() == io::ErrorKind::InvalidData {
                Error::input(self.path, self.line + 1, format!("line {e}"))
            } else {
                Error::io(self.path, e)
            }
        })?;
        if n == 0 {
            return Ok(false);
        }
        self.line += 1;
        self.budget.bytes += n as u64;
        if n == buf.len() {
            return Err(Error::input(
                self.path,
                self.line,
                "the last line has no line end: the partial was cut off (truncated)",
            ));
        }
        self.text = String::from_utf8(buf).map_err(|e| {
            Error::input(
                self.path,
                self.line,
                format!(
                    "invalid UTF-8 at byte {} of the line",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        Ok(true)
    }
}

/// Reads a partial (or several concatenated); errors name `path:line`. Each
/// partial must end with its `end` record, whose count must match: a partial
/// cut short is an error, not a smaller corpus.
pub fn read(r: impl BufRead, path: &Path) -> Result<Stats> {
    let mut lines = Lines {
        r,
        path,
        line: 0,
        text: String::new(),
        budget: Budget::default(),
    };
    if !lines.next()? {
        return Err(Error::input(path, 1, "empty file: not a framelens partial"));
    }
    let mut partials = Partials {
        path,
        cur: Stats::new(parse_header(&lines.text, path, 1)?),
        open: Some((1, 0)),
        acc: None,
    };
    while lines.next()? {
        let (line, text) = (lines.line, lines.text.as_str());
        if text.starts_with(MAGIC) {
            partials.header(text, line)?;
        } else {
            partials.record(text, line, &mut lines.budget)?;
        }
    }
    partials.finish(lines.line)
}

/// The partials of a stream read so far: the current one, and the sum of
/// those before it.
struct Partials<'p> {
    path: &'p Path,
    cur: Stats,
    /// The line of the current partial's header, and its records so far; `None`
    /// once its `end` record was read.
    open: Option<(u64, u64)>,
    acc: Option<Stats>,
}

impl Partials<'_> {
    /// A header on `line` after the first: concatenated partials (a tree merge
    /// through pipes), summed. The one before must have ended.
    fn header(&mut self, text: &str, line: u64) -> Result<()> {
        if let Some((start, _)) = self.open {
            return Err(Error::input(
                self.path,
                line,
                format!("the partial that starts on line {start} has no {END} record before this header: it was cut off (truncated)"),
            ));
        }
        let h = parse_header(text, self.path, line)?;
        let done = std::mem::replace(&mut self.cur, Stats::new(h));
        self.acc = Some(add(
            self.acc.take(),
            done,
            self.path,
            line,
            "the partial that ends above this line",
        )?);
        self.open = Some((line, 0));
        Ok(())
    }

    /// A line other than a header: the `end` record, or a record counted
    /// towards it.
    fn record(&mut self, text: &str, line: u64, budget: &mut Budget) -> Result<()> {
        let path = self.path;
        let Some((start, records)) = self.open.as_mut() else {
            return Err(Error::input(
                path,
                line,
                format!("a record after the {END} record of its partial"),
            ));
        };
        if let Some(count) = text.strip_prefix(END).and_then(|t| t.strip_prefix('\t')) {
            let count: u64 = count.parse().map_err(|_| {
                Error::input(
                    path,
                    line,
                    format!("{END} record: {count:?} is not a count"),
                )
            })?;
            if count != *records {
                return Err(Error::input(
                    path,
                    line,
                    format!(
                        "the partial that starts on line {start} has {records} records but its {END} record says {count}: records were lost or added"
                    ),
                ));
            }
            self.open = None;
            return Ok(());
        }
        *records += 1;
        parse_record(text, &mut self.cur, budget).map_err(|m| Error::input(path, line, m))
    }

    /// The sum of the partials, checked, once the stream ended after `last_line`.
    fn finish(self, last_line: u64) -> Result<Stats> {
        if let Some((start, _)) = self.open {
            return Err(Error::input(
                self.path,
                last_line,
                format!("the partial that starts on line {start} ends without its {END} record: it was cut off (truncated)"),
            ));
        }
        let mut stats = add(
            self.acc,
            self.cur,
            self.path,
            last_line,
            "the partial that ends here",
        )?;
        stats.finish();
        stats
            .check_totals()
            .map_err(|m| Error::input(self.path, 0, m))?;
        Ok(stats)
    }
}

fn add(acc: Option<Stats>, s: Stats, path: &Path, line: u64, what: &str) -> Result<Stats> {
    match acc {
        None => Ok(s),
        Some(mut a) => {
            a.merge_unsorted(s)
                .map_err(|m| Error::input(path, line, format!("cannot merge {what}: {m}")))?;
            Ok(a)
        }
    }
}

fn parse_header(text: &str, path: &Path, line: u64) -> Result<Header> {
    let f: Vec<&str> = text.split('\t').collect();
    if f.first() != Some(&MAGIC) {
        return Err(Error::input(
            path,
            line,
            format!("not a framelens partial (the first line must start with {MAGIC})"),
        ));
    }
    if f.get(1) != Some(&VERSION) {
        return Err(Error::input(
            path,
            line,
            format!(
                "partial format {} is not supported (this framelens reads {VERSION}; a partial of another format is from another framelens: count the corpus again)",
                f.get(1).unwrap_or(&"(none)")
            ),
        ));
    }
    if f.len() != 4 {
        return Err(Error::input(path, line, "header: expected 4 fields"));
    }
    let un = |s: &str| unesc(s).map_err(|m| Error::input(path, line, m));
    Ok(Header {
        settings: un(f[2])?,
        lexicon_sha256: un(f[3])?,
    })
}

/// The result of parsing a record: an error is the message for its line.
type Parsed = std::result::Result<(), String>;

/// Parses one record into `st`: a flat dispatch on its kind, then a check that
/// no field is left.
fn parse_record(text: &str, st: &mut Stats, budget: &mut Budget) -> Parsed {
    let mut it = text.split('\t');
    let kind = it.next().unwrap_or("");
    let mut f = Fields { it, kind };
    match kind {
        "corpus" => corpus_record(&mut f, st)?,
        "input" => input_record(&mut f, st)?,
        "source" => source_record(&mut f, st)?,
        "skipped" => skipped_record(&mut f, st)?,
        "warning" => warning_record(&mut f, st)?,
        "count" => count_record(&mut f, st)?,
        "term" => term_record(&mut f, st)?,
        "surface" => surface_record(&mut f, st)?,
        "article" => article_record(&mut f, st, budget)?,
        "form" => form_record(&mut f, st)?,
        "target" => target_record(&mut f, st)?,
        // Checks its fields before adding the line.
        "kwic" => return kwic_record(f, st),
        other => return Err(unknown_kind(other)),
    }
    f.end()
}

fn unknown_kind(kind: &str) -> String {
    format!(
        "unknown record kind {:?}",
        kind.chars().take(40).collect::<String>()
    )
}

fn corpus_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    st.corpora.insert(f.s()?);
    Ok(())
}

fn input_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    st.inputs.insert(InputFile {
        path: f.s()?,
        bytes: f.n()?,
        sha256: f.s()?,
    });
    Ok(())
}

fn source_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    let id = f.s()?;
    let m = SourceMeta {
        name: f.s()?,
        url: f.o()?,
        language: f.s()?,
        notes: f.o()?,
        group: f.o()?,
    };
    if st.sources.insert(id.clone(), m).is_some() {
        return Err(format!("source {id:?} is listed twice"));
    }
    Ok(())
}

fn skipped_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    st.skipped_empty = super::checked_sum(st.skipped_empty, f.n()?, "skipped articles")?;
    Ok(())
}

fn warning_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    st.warnings.push(Warning {
        path: f.s()?.into(),
        line: f.n()?,
        column: f.n()?,
        message: f.s()?,
    });
    Ok(())
}

fn count_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    let id = f.s()?;
    add_count(&mut st.counts, &id, f.n()?, f.n()?)
}

fn term_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    let (id, term) = (f.s()?, f.s()?);
    let (count, df) = (f.n()?, f.n()?);
    let rates = crate::count::RateSum {
        sum: f.n()?,
        sum_sq: f.n()?,
        top: f.n()?,
    };
    if rates.top > count {
        return Err(format!(
            "term {term:?}: its top article count {} is above its count {count}",
            rates.top
        ));
    }
    add_term(&mut st.counts, &id, &term, count, df, rates)
}

fn surface_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    let (id, term, form) = (f.s()?, f.s()?, f.s()?);
    add_surface(&mut st.counts, &id, &term, &form, f.n()?)
}

/// An `article` record: its metadata, its per-category counts and its sentence
/// kinds, checked against each other (see [`check_article`]).
fn article_record(f: &mut Fields, st: &mut Stats, budget: &mut Budget) -> Parsed {
    let source = f.s()?;
    let id = f.s()?;
    let (title, date, author, url) = (f.o()?, f.o()?, f.o()?, f.o()?);
    let words: u64 = f.n()?;
    let sentences: u64 = f.n()?;
    let hits = f.list()?;
    let covered = f.list()?;
    let voice_flat = f.list()?;
    let actors = f.list()?;
    let kinds = f.raw()?;
    let k = hits.len();
    if covered.len() != k || voice_flat.len() != 4 * k {
        return Err(format!(
            "article {id:?}: {k} categories of hits but {} of covered and {} voice counts",
            covered.len(),
            voice_flat.len()
        ));
    }
    let mut lex = ArticleLexStats {
        wc: words,
        hits,
        covered,
        voice: voice_flat
            .chunks(4)
            .map(|c| [c[0], c[1], c[2], c[3]])
            .collect(),
        actors,
        ..Default::default()
    };
    parse_kinds(kinds, sentences, words, &mut lex, budget)
        .and_then(|_| check_article(&lex))
        .map_err(|m| format!("article {id:?}: {m}"))?;
    let entry = ArticleEntry {
        title,
        date,
        author,
        url,
        words,
        sentences,
        lex,
    };
    if st
        .articles
        .insert((source.clone(), ArticleId(id.clone())), entry)
        .is_some()
    {
        return Err(format!(
            "article {id:?} of source {source:?} is listed twice"
        ));
    }
    Ok(())
}

fn form_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    let source = f.s()?;
    let (c, e): (u16, u32) = (f.n()?, f.n()?);
    let form = f.s()?;
    let n = st
        .forms
        .entry(source)
        .or_default()
        .entry((c, e, form))
        .or_default();
    *n = super::checked_sum(*n, f.n()?, "form counts")?;
    Ok(())
}

fn target_record(f: &mut Fields, st: &mut Stats) -> Parsed {
    let key = (f.s()?, f.s()?, f.s()?, f.s()?);
    let n = st.targets.entry(key).or_default();
    *n = super::checked_sum(*n, f.n()?, "target counts")?;
    Ok(())
}

/// A `kwic` record, added only once [`Fields::end`] found no extra field.
fn kwic_record(mut f: Fields, st: &mut Stats) -> Parsed {
    let k = KwicLine {
        source: f.s()?,
        article: f.s()?,
        sentence: f.n()?,
        start: f.n()?,
        end: f.n()?,
        voice: f.voice()?,
        category: Some(f.s()?),
        target: f.o()?,
        left: f.s()?,
        matched: f.s()?,
        right: f.s()?,
    };
    f.end()?;
    st.add_kwic(k);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let s = "a\tb\nc\\d\re \\t";
        let mut e = String::new();
        esc(&mut e, s);
        assert_eq!(e, "a\\tb\\nc\\\\d\\re \\\\t");
        assert!(!e.contains('\t') && !e.contains('\n'));
        assert_eq!(unesc(&e).unwrap(), s);
        assert!(unesc("x\\q").is_err());
        assert!(unesc("x\\").is_err());
    }

    #[test]
    fn sentence_kinds_run_length() {
        // Three sentences of 5 words without hits, one of 9 with category 1 hit once
        // covering 2 words: sorted by (wc, cells).
        let l = ArticleLexStats {
            sentence_wc: vec![5, 9, 5, 5],
            cells: vec![SentenceCell {
                sentence: 1,
                category: 1,
                hits: 1,
                covered: 2,
            }],
            ..Default::default()
        };
        assert_eq!(sentence_kinds(&l), "5*3 9:1.1.2");
        let mut back = ArticleLexStats::default();
        let mut budget = Budget::default();
        parse_kinds("5*3 9:1.1.2", 4, 24, &mut back, &mut budget).unwrap();
        assert_eq!(back.sentence_wc, vec![5, 5, 5, 9]);
        assert_eq!(back.cells[0].sentence, 3);
        let mut other = ArticleLexStats::default();
        assert!(parse_kinds("5:1.1", 1, 5, &mut other, &mut budget).is_err());
        // The counts must agree with the article's.
        let e = parse_kinds("5*3", 4, 15, &mut other, &mut budget).unwrap_err();
        assert!(e.contains("4 sentences but 3"), "{e}");
        let e = parse_kinds("5*3", 3, 16, &mut other, &mut budget).unwrap_err();
        assert!(e.contains("16 words but the sentences"), "{e}");
    }

    #[test]
    fn sentence_kinds_cannot_expand_past_the_budget() {
        // The 12-byte edit of the issue: 4,294,967,295 sentences of 5 words.
        let mut l = ArticleLexStats::default();
        let mut budget = Budget {
            used: 0,
            bytes: 1000,
        };
        let e = parse_kinds(
            "5*4294967295",
            4294967295,
            5 * 4294967295,
            &mut l,
            &mut budget,
        )
        .unwrap_err();
        assert!(
            e.contains("more sentences than a partial of 1000 bytes"),
            "{e}"
        );
        assert!(l.sentence_wc.capacity() == 0, "nothing was allocated");
        // Past 2^64: an error, not a wrapped count.
        let e = parse_kinds("1*18446744073709551615 1*2", 0, 0, &mut l, &mut budget).unwrap_err();
        assert!(e.contains("past 2^64"), "{e}");
        // Within it, fine; then the budget is used up.
        let n = EXPANSION_BASE / 2 + 64_000;
        parse_kinds(&format!("0*{n}"), n, 0, &mut l, &mut budget).unwrap();
        assert_eq!(l.sentence_wc.len() as u64, n);
        let mut l = ArticleLexStats::default();
        assert!(parse_kinds(&format!("0*{n}"), n, 0, &mut l, &mut budget).is_err());
    }
}
