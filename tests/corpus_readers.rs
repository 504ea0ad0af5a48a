//! Corpus readers (README.md, "Corpus layouts"): the three layouts, every error and warning
//! (each must name the file and the line), streaming, and the sample corpus.
//!
//! Expected values are worked out by hand from the fixture bytes written here
//! or in `tests/fixtures/corpus/`; byte offsets are counted in the comments.

use std::path::{Path, PathBuf};

use framelens::analyze::{Analyzer, AnalyzerConfig};
use framelens::corpus::{read_all, Article, CorpusReader, CorpusSummary, ReadOptions};
use sha2::{Digest, Sha256};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(rel)
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read(path: &Path) -> (Vec<Article>, CorpusSummary) {
    read_with(path, &ReadOptions::default())
}

fn read_with(path: &Path, opts: &ReadOptions) -> (Vec<Article>, CorpusSummary) {
    match read_all(path, opts) {
        Ok(r) => r,
        Err(e) => panic!("reading {} failed: {e}", path.display()),
    }
}

fn error(path: &Path, opts: &ReadOptions) -> String {
    match read_all(path, opts) {
        Ok((articles, _)) => panic!("expected an error, read {} article(s)", articles.len()),
        Err(e) => e.to_string(),
    }
}

/// Asserts that `msg` names `file` at `line` (0 = the whole file), with or
/// without a column (`path:line: ` or `path:line:column: `), and says `needle`.
fn assert_at(msg: &str, file: &str, line: u64, needle: &str) {
    let loc = if line == 0 {
        format!("{file}: ")
    } else {
        format!("{file}:{line}:")
    };
    let at = msg.find(&loc);
    assert!(at.is_some(), "expected {loc:?} in: {msg}");
    if line > 0 {
        let rest = msg.get(at.unwrap_or(0) + loc.len()..).unwrap_or("");
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        assert!(
            rest.starts_with(' ') || rest.starts_with(": "),
            "expected {loc:?} then a column or a space in: {msg}"
        );
    }
    assert!(msg.contains(needle), "expected {needle:?} in: {msg}");
}

fn lossy() -> ReadOptions {
    ReadOptions {
        lossy: true,
        ..ReadOptions::default()
    }
}

fn only(sources: &[&str]) -> ReadOptions {
    ReadOptions {
        only_sources: sources.iter().map(|s| s.to_string()).collect(),
        ..ReadOptions::default()
    }
}

/// All articles, read in batches of about `max_bytes`, with the batch sizes.
fn read_batched(path: &Path, max_bytes: usize) -> (Vec<Article>, Vec<usize>) {
    let mut reader = CorpusReader::open(path, &ReadOptions::default()).unwrap();
    let mut all = Vec::new();
    let mut sizes = Vec::new();
    while let Some(batch) = reader.next_batch(max_bytes).unwrap() {
        assert!(!batch.is_empty());
        sizes.push(batch.len());
        all.extend(batch);
    }
    reader.finish().unwrap();
    (all, sizes)
}

fn ids(articles: &[Article]) -> Vec<&str> {
    articles.iter().map(|a| a.id.as_str()).collect()
}

// ---------------------------------------------------------------- happy paths

#[test]
fn directory_with_manifest() {
    let root = fixture("dir");
    let (articles, summary) = read(&root);
    // Sources sorted, files sorted by name; notes.csv, .hidden.txt and README.md ignored.
    assert_eq!(
        ids(&articles),
        [
            "alpha-news/a-first.txt",
            "alpha-news/b-second.md",
            "beta-times/dos.txt",
            "beta-times/uno.txt"
        ]
    );
    let a = &articles[0];
    assert_eq!(a.source, "alpha-news");
    assert_eq!(a.text, "The first story.\nSubscribe to our channel\n");
    assert_eq!(a.path, root.join("alpha-news/a-first.txt"));
    assert_eq!(
        (a.line, a.title.as_deref(), a.language.as_str()),
        (0, None, "en")
    );

    let b = &articles[1];
    assert_eq!(b.text, "# Second\n\nThe second story.\n");
    assert_eq!(b.title.as_deref(), Some("Second story"));
    assert_eq!(b.date.as_deref(), Some("2023-01-04"));
    assert_eq!(b.author.as_deref(), Some("A. Writer"));
    assert_eq!(b.url.as_deref(), Some("https://alpha.example/2"));

    // Language: the source's ("es"), unless the article's entry overrides it ("pt").
    assert_eq!(
        (articles[2].language.as_str(), articles[2].title.as_deref()),
        ("es", None)
    );
    assert_eq!(
        (articles[3].language.as_str(), articles[3].title.as_deref()),
        ("pt", Some("Uno"))
    );

    let alpha = &summary.sources["alpha-news"];
    assert_eq!(alpha.name, "Alpha News");
    assert_eq!(alpha.url.as_deref(), Some("https://alpha.example"));
    assert_eq!(alpha.boilerplate, ["Subscribe to our channel"]);
    assert_eq!(alpha.notes.as_deref(), Some("fixture"));
    let beta = &summary.sources["beta-times"];
    // Declared Spanish, but one of its articles says it is Portuguese: a
    // source's language, once read, is its articles', here several.
    assert_eq!(
        (beta.name.as_str(), beta.language.as_str()),
        ("The Beta Times", "mul")
    );

    assert_eq!(summary.articles, 4);
    assert_eq!(
        summary
            .articles_by_source
            .values()
            .copied()
            .collect::<Vec<_>>(),
        [2, 2]
    );
    // 42 + 28 + 21 + 21 bytes of text.
    assert_eq!(summary.text_bytes, 112);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    assert_eq!(summary.article_notes.len(), 1);
    assert_eq!(
        summary.article_notes["beta-times/uno.txt"],
        "language overridden"
    );
}

#[test]
fn directory_without_manifest_uses_folder_names() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "zeta/1.txt", "One.");
    write(dir.path(), "eta/b.md", "Bee.");
    write(dir.path(), "eta/a.TXT", "Ay.");
    let (articles, summary) = read(dir.path());
    assert_eq!(ids(&articles), ["eta/a.TXT", "eta/b.md", "zeta/1.txt"]);
    assert_eq!(summary.sources["zeta"].name, "zeta");
    assert_eq!(summary.sources["zeta"].language, "en");
}

#[test]
fn directory_source_filter_and_folders_inside_sources() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/x.txt", "Ex.");
    write(dir.path(), "a/sub/y.txt", "Not read.");
    write(dir.path(), "b/z.txt", "Zed.");
    let (articles, summary) = read_with(dir.path(), &only(&["a"]));
    assert_eq!(ids(&articles), ["a/x.txt"]);
    assert_eq!(summary.sources.keys().collect::<Vec<_>>(), ["a"]);
    assert_eq!(summary.warnings.len(), 1);
    assert_at(
        &summary.warnings[0].to_string(),
        "sub",
        0,
        "folder inside a source folder ignored",
    );
}

#[test]
fn jsonl_layout() {
    let path = fixture("articles.jsonl");
    let (articles, summary) = read(&path);
    assert_eq!(ids(&articles), ["a-1", "42", "articles.jsonl:4"]);
    let a = &articles[0];
    assert_eq!(
        (a.source.as_str(), a.text.as_str(), a.line),
        ("Outlet A", "First text.", 1)
    );
    assert_eq!(a.title.as_deref(), Some("One"));
    assert_eq!(a.date.as_deref(), Some("2023-01-01"));
    assert_eq!(a.url.as_deref(), Some("https://a.example/1"));
    assert_eq!(a.language, "en");
    // Line 2 is blank; line 3 ends with CRLF, has a numeric id and a null author.
    let b = &articles[1];
    assert_eq!(
        (b.source.as_str(), b.text.as_str(), b.line),
        ("Outlet B", "Segundo texto.", 3)
    );
    assert_eq!((b.language.as_str(), b.author.as_deref()), ("es", None));
    // An empty title is no title.
    assert_eq!((articles[2].line, articles[2].title.as_deref()), (4, None));
    assert_eq!(
        summary.sources.keys().collect::<Vec<_>>(),
        ["Outlet A", "Outlet B"]
    );
    assert_eq!(summary.sources["Outlet B"].name, "Outlet B");
    assert_eq!(summary.articles_by_source["Outlet A"], 2);
}

#[test]
fn jsonl_source_filter() {
    let (articles, summary) = read_with(&fixture("articles.jsonl"), &only(&["Outlet B"]));
    assert_eq!(ids(&articles), ["42"]);
    assert_eq!(summary.sources.keys().collect::<Vec<_>>(), ["Outlet B"]);
}

#[test]
fn csv_all_the_news_header() {
    let path = fixture("all-the-news.csv");
    let (articles, summary) = read(&path);
    assert_eq!(ids(&articles), ["17283", "17284", "17285"]);
    let a = &articles[0];
    assert_eq!((a.source.as_str(), a.line), ("New York Times", 2));
    assert_eq!(
        a.text,
        "WASHINGTON — Congressional Republicans have a new fear.\nSecond line, with a comma and \"quotes\"."
    );
    assert_eq!(a.title.as_deref(), Some("House Republicans Fret"));
    assert_eq!(a.author.as_deref(), Some("Carl Hulse"));
    assert_eq!(a.date.as_deref(), Some("2016-12-31"));
    assert_eq!(a.url, None);
    // The first record spans lines 2–3, so the second starts on line 4 (CRLF end).
    let b = &articles[1];
    assert_eq!(
        (b.source.as_str(), b.line, b.text.as_str()),
        ("Breitbart", 4, "After the bullet shells get counted.")
    );
    assert_eq!(
        (b.author.as_deref(), b.url.as_deref()),
        (None, Some("https://example.com/b"))
    );
    // Line 5 is blank.
    assert_eq!(
        (articles[2].line, articles[2].text.as_str()),
        (6, "Short, one line.")
    );
    assert_eq!(summary.articles_by_source["New York Times"], 2);
}

#[test]
fn csv_column_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "x.csv",
        "Outlet,headline,Body,doc_id\nA,H1,first body,d1\nB,H2,second body,d2\n",
    );
    let opts = ReadOptions {
        source_column: Some("outlet".into()),
        text_column: Some("body".into()),
        id_column: Some("DOC_ID".into()),
        ..ReadOptions::default()
    };
    let (articles, _) = read_with(&path, &opts);
    assert_eq!(ids(&articles), ["d1", "d2"]);
    assert_eq!(
        (articles[1].source.as_str(), articles[1].text.as_str()),
        ("B", "second body")
    );

    // Default names are matched case-insensitively, `source` before `publication`.
    let path = write(dir.path(), "y.csv", "Publication,Source,TEXT\nP,S,words\n");
    let (articles, _) = read(&path);
    assert_eq!(
        (articles[0].source.as_str(), articles[0].id.as_str()),
        ("S", "y.csv:2")
    );

    let msg = error(
        &path,
        &ReadOptions {
            text_column: Some("body".into()),
            ..ReadOptions::default()
        },
    );
    assert_at(&msg, "y.csv", 1, "no column \"body\"");
    let path = write(dir.path(), "z.csv", "outlet,body\nA,b\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "z.csv",
        1,
        "no \"source\" or \"publication\" column",
    );
}

#[test]
fn streaming_in_batches_gives_the_same_articles() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for path in [
        fixture("dir"),
        fixture("articles.jsonl"),
        fixture("all-the-news.csv"),
        sample,
    ] {
        let (whole, _) = read(&path);
        let (one_each, sizes) = read_batched(&path, 1);
        assert_eq!(one_each, whole, "{}", path.display());
        assert_eq!(sizes, vec![1; whole.len()]);
        let (some, _) = read_batched(&path, 30);
        assert_eq!(some, whole, "{}", path.display());
    }
    // Text sizes 42, 28, 21, 21: a batch closes once it reaches 50 bytes.
    let (_, sizes) = read_batched(&fixture("dir"), 50);
    assert_eq!(sizes, [2, 2]);
}

// ---------------------------------------------------------- encoding problems

#[test]
fn invalid_utf8_in_a_file_is_an_error_with_line_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    // "ok line\n" is 8 bytes, "bad " 4 more: the bad byte is at offset 12, line 2.
    write(dir.path(), "s/a.txt", b"ok line\nbad \xff here\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "a.txt",
        2,
        "invalid UTF-8 at byte offset 12",
    );
}

#[test]
fn lossy_replaces_invalid_utf8_and_warns() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "s/a.txt", b"ok line\nbad \xff here\n");
    let (articles, summary) = read_with(dir.path(), &lossy());
    assert_eq!(articles[0].text, "ok line\nbad \u{FFFD} here\n");
    assert_eq!(summary.warnings.len(), 1);
    assert_at(
        &summary.warnings[0].to_string(),
        "a.txt",
        2,
        "replaced with U+FFFD",
    );
}

#[test]
fn invalid_utf8_in_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    // Line 1 is 26 bytes + "\n"; on line 2, `{"source":"s","text":"b` is 23 bytes: offset 50.
    let path = write(
        dir.path(),
        "x.jsonl",
        b"{\"source\":\"s\",\"text\":\"ok\"}\n{\"source\":\"s\",\"text\":\"b\xffd\"}\n",
    );
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.jsonl",
        2,
        "invalid UTF-8 at byte offset 50",
    );
    let (articles, summary) = read_with(&path, &lossy());
    assert_eq!(articles[1].text, "b\u{FFFD}d");
    assert_at(&summary.warnings[0].to_string(), "x.jsonl", 2, "U+FFFD");
}

#[test]
fn invalid_utf8_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    // 12 + 7 + 9 + 2 bytes precede the bad byte, which is on line 4 (record of line 3).
    let path = write(
        dir.path(),
        "x.csv",
        b"source,text\nA,fine\nB,\"multi\nli\xffne\"\n",
    );
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.csv",
        4,
        "invalid UTF-8 at byte offset 30",
    );
    let (articles, _) = read_with(&path, &lossy());
    assert_eq!(articles[1].text, "multi\nli\u{FFFD}ne");
}

#[test]
fn a_bom_is_stripped_silently() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d/s/a.txt", "\u{FEFF}Hello world.\n");
    let (articles, summary) = read(&dir.path().join("d"));
    assert_eq!(articles[0].text, "Hello world.\n");
    assert!(summary.warnings.is_empty());

    let path = write(
        dir.path(),
        "x.jsonl",
        "\u{FEFF}{\"source\":\"s\",\"text\":\"t\"}\n",
    );
    assert_eq!(read(&path).0[0].text, "t");

    // Without stripping, the first column would be "\u{FEFF}source" and not found.
    let path = write(dir.path(), "x.csv", "\u{FEFF}source,text\r\ns,t\r\n");
    assert_eq!(read(&path).0[0].source, "s");
}

#[test]
fn binary_file_in_a_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "s/ok.txt", "Fine.");
    write(dir.path(), "s/img.txt", b"GIF89a\x00\x01\x02");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "img.txt",
        1,
        "binary file (NUL byte at byte offset 6)",
    );
}

// -------------------------------------------------------------- empty articles

#[test]
fn empty_articles_are_warned_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d/s/a.txt", "  \n\t\n");
    write(dir.path(), "d/s/b.txt", "Real text.");
    let (articles, summary) = read(&dir.path().join("d"));
    assert_eq!(ids(&articles), ["s/b.txt"]);
    assert_eq!(summary.skipped_empty, 1);
    assert_eq!(summary.warnings.len(), 1);
    assert_at(
        &summary.warnings[0].to_string(),
        "a.txt",
        0,
        "empty article skipped",
    );

    let path = write(
        dir.path(),
        "x.jsonl",
        "{\"source\":\"s\",\"text\":\"one\"}\n{\"source\":\"s\",\"text\":\"  \\n \"}\n{\"source\":\"s\",\"text\":\"\"}\n",
    );
    let (articles, summary) = read(&path);
    assert_eq!(articles.len(), 1);
    assert_eq!(summary.skipped_empty, 2);
    assert_at(
        &summary.warnings[0].to_string(),
        "x.jsonl",
        2,
        "empty article skipped",
    );
    assert_at(
        &summary.warnings[1].to_string(),
        "x.jsonl",
        3,
        "empty article skipped",
    );

    let path = write(dir.path(), "x.csv", "source,text\nA,one\nB,\"\"\n");
    let mut reader = CorpusReader::open(&path, &ReadOptions::default()).unwrap();
    while reader.next_batch(1).unwrap().is_some() {}
    assert_eq!(reader.skipped_empty(), 1);
    assert_at(
        &reader.warnings()[0].to_string(),
        "x.csv",
        3,
        "empty article skipped",
    );
}

#[test]
fn a_corpus_with_no_articles_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        &dir.path().display().to_string(),
        0,
        "no articles",
    );

    write(dir.path(), "s/a.txt", " \n");
    let msg = error(dir.path(), &ReadOptions::default());
    assert_at(
        &msg,
        &dir.path().display().to_string(),
        0,
        "no articles to read (1 empty article(s) skipped)",
    );

    let path = write(dir.path(), "x.jsonl", "\n\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.jsonl",
        0,
        "no articles",
    );
    let path = write(dir.path(), "x.csv", "source,text\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.csv",
        0,
        "no articles",
    );
}

// -------------------------------------------------------------------- manifest

/// A corpus with one source `s` holding `a.txt`, and `manifest` as corpus.toml.
fn with_manifest(manifest: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "s/a.txt", "Text.");
    write(dir.path(), "corpus.toml", manifest);
    dir
}

#[test]
fn manifest_entry_for_a_missing_file() {
    let dir = with_manifest(
        "[sources.s]\nname = \"S\"\n\n[articles.\"s/missing.txt\"]\ntitle = \"Gone\"\n",
    );
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        4,
        "points at a missing file",
    );
}

#[test]
fn manifest_entry_outside_the_corpus() {
    // The file exists (next to the corpus directory), but is not in it.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Outside.");
    write(dir.path(), "c/s/a.txt", "Inside.");
    write(
        dir.path(),
        "c/corpus.toml",
        "[articles.\"../a.txt\"]\ntitle = \"Up\"\n",
    );
    assert_at(
        &error(&dir.path().join("c"), &ReadOptions::default()),
        "corpus.toml",
        1,
        "points outside the corpus directory",
    );

    let dir = with_manifest("# absolute\n[articles.\"/etc/hosts.txt\"]\ntitle = \"Abs\"\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        2,
        "points outside the corpus directory",
    );
}

#[cfg(unix)]
#[test]
fn manifest_entry_through_a_symlink_that_leaves_the_corpus() {
    let outside = tempfile::tempdir().unwrap();
    let target = write(outside.path(), "secret.txt", "Outside.");
    let dir = with_manifest("[articles.\"s/link.txt\"]\ntitle = \"Link\"\n");
    std::os::unix::fs::symlink(&target, dir.path().join("s/link.txt")).unwrap();
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        1,
        "outside the corpus directory",
    );
}

#[test]
fn manifest_entry_must_name_an_article_in_a_source_folder() {
    let dir = with_manifest("[articles.\"a.txt\"]\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        1,
        "must be \"<source folder>/<file>.txt\"",
    );
    let dir = with_manifest("\n[articles.\"s/a.csv\"]\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        2,
        "is not an article file",
    );
}

#[test]
fn malformed_manifest_gives_line_and_column() {
    // The string opened on line 2 is not closed before the end of the line (column 10).
    let dir = with_manifest("[sources.s]\nname = \"S\nurl = \"x\"\n");
    let msg = error(dir.path(), &ReadOptions::default());
    assert!(
        msg.contains("corpus.toml:2:10: malformed TOML: "),
        "expected path:line:column in: {msg}"
    );
}

#[test]
fn unknown_manifest_keys_are_named() {
    let dir = with_manifest("[sources.s]\nname = \"S\"\n  nme = \"S\"\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        3,
        "unknown field `nme`",
    );
    let dir = with_manifest("[articles.\"s/a.txt\"]\ntitel = \"T\"\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        2,
        "unknown field `titel`",
    );
    let dir = with_manifest("[source.s]\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        1,
        "unknown field `source`",
    );
}

#[test]
fn manifest_source_without_a_folder() {
    let dir = with_manifest("[sources.s]\n\n[sources.t]\nname = \"T\"\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        3,
        "[sources.t] names no folder",
    );
}

#[test]
fn manifest_values_are_checked() {
    let dir = with_manifest("[articles.\"s/a.txt\"]\ntitle = \"T\"\ndate = \"15-01-2023\"\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        3,
        "is not a date: YYYY-MM-DD",
    );
    let dir = with_manifest("[sources.s]\nboilerplate = [\n  \"ok\",\n  \"  \",\n]\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        4,
        "empty boilerplate entry",
    );
    let dir = with_manifest("[sources.s]\nlanguage = \"English\"\n");
    assert_at(
        &error(dir.path(), &ReadOptions::default()),
        "corpus.toml",
        2,
        "not an ISO 639-1 code",
    );
}

// ------------------------------------------------------------------ languages

fn languages(articles: &[Article]) -> Vec<(&str, &str)> {
    articles
        .iter()
        .map(|a| (a.id.as_str(), a.language.as_str()))
        .collect()
}

/// `ReadOptions::language` (`--language`) is the language of every article
/// that names none, nor its source, in every layout; an article's own
/// language, then its source's in `corpus.toml`, come first.
#[test]
fn the_default_language_fills_in_for_every_layout() {
    let es = ReadOptions {
        language: Some("es".into()),
        ..ReadOptions::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let jsonl = write(
        dir.path(),
        "x.jsonl",
        "{\"source\":\"s\",\"text\":\"Uno.\",\"id\":\"1\"}\n{\"source\":\"s\",\"text\":\"Two.\",\"id\":\"2\",\"language\":\"en\"}\n",
    );
    let (articles, summary) = read_with(&jsonl, &es);
    assert_eq!(languages(&articles), [("1", "es"), ("2", "en")]);
    // A source's language is its articles': here two, so "mul".
    assert_eq!(summary.sources["s"].language, "mul");
    let (articles, summary) = read(&jsonl);
    assert_eq!(languages(&articles), [("1", "en"), ("2", "en")]);
    assert_eq!(summary.sources["s"].language, "en");

    let csv = write(
        dir.path(),
        "x.csv",
        "id,source,text,language\n1,s,Uno,\n2,s,Two,en\n",
    );
    let (articles, _) = read_with(&csv, &es);
    assert_eq!(languages(&articles), [("1", "es"), ("2", "en")]);

    let root = dir.path().join("d");
    write(&root, "plain/a.txt", "Uno.");
    write(&root, "declared/a.txt", "Um.");
    write(&root, "declared/b.txt", "One.");
    write(
        &root,
        "corpus.toml",
        "[sources.declared]\nlanguage = \"pt\"\n[articles.\"declared/b.txt\"]\nlanguage = \"en\"\n",
    );
    let (articles, summary) = read_with(&root, &es);
    assert_eq!(
        languages(&articles),
        [
            ("declared/a.txt", "pt"),
            ("declared/b.txt", "en"),
            ("plain/a.txt", "es")
        ]
    );
    assert_eq!(summary.sources["plain"].language, "es");
    // Declared Portuguese, with an English article: several languages.
    assert_eq!(summary.sources["declared"].language, "mul");
    let bad = ReadOptions {
        language: Some("Spanish".into()),
        ..ReadOptions::default()
    };
    let msg = error(&jsonl, &bad);
    assert!(
        msg.contains("--language: language \"Spanish\" is not an ISO 639-1 code"),
        "{msg}"
    );
}

/// `--language-column` names the CSV column of each article's language (like
/// the other column options: case-insensitive, and it must exist); the
/// `language` column is used without it. A value that is no ISO 639-1 code is
/// an error naming the file and line, in JSONL and CSV as in `corpus.toml`.
#[test]
fn csv_language_column_and_bad_language_values() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "x.csv",
        "id,source,text,Lang\n1,s,Uno,es\n2,s,Two,\n3,t,Um,pt\n",
    );
    let opts = ReadOptions {
        language_column: Some("lang".into()),
        ..ReadOptions::default()
    };
    let (articles, _) = read_with(&csv, &opts);
    assert_eq!(
        languages(&articles),
        [("1", "es"), ("2", "en"), ("3", "pt")]
    );
    // Without the option, a column named otherwise is not a language column.
    let (articles, _) = read(&csv);
    assert_eq!(
        languages(&articles),
        [("1", "en"), ("2", "en"), ("3", "en")]
    );
    let missing = ReadOptions {
        language_column: Some("idioma".into()),
        ..ReadOptions::default()
    };
    assert_at(
        &error(&csv, &missing),
        "x.csv",
        1,
        "no column \"idioma\" (--language-column)",
    );
    let jsonl = fixture("articles.jsonl");
    assert!(error(&jsonl, &opts).contains("column options apply to CSV corpora only"));

    let csv = write(
        dir.path(),
        "y.csv",
        "source,text,language\ns,Uno,es\ns,Dos,ES\n",
    );
    assert_at(
        &error(&csv, &ReadOptions::default()),
        "y.csv",
        3,
        "language \"ES\" is not an ISO 639-1 code",
    );
    let jsonl = write(
        dir.path(),
        "y.jsonl",
        "{\"source\":\"s\",\"text\":\"Uno.\",\"language\":\"es\"}\n\n{\"source\":\"s\",\"text\":\"Um.\",\"language\":\"pt-BR\"}\n",
    );
    let msg = error(&jsonl, &ReadOptions::default());
    assert_at(
        &msg,
        "y.jsonl",
        3,
        "language \"pt-BR\" is not an ISO 639-1 code",
    );
    assert!(msg.ends_with("did you mean \"pt\"?"), "{msg}");
    // Checked whichever sources are read: a bad value is a bad file.
    assert_at(
        &error(&jsonl, &only(&["zzz"])),
        "y.jsonl",
        3,
        "is not an ISO 639-1 code",
    );
}

// ------------------------------------------------------------------ duplicates

#[test]
fn duplicate_jsonl_id_names_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "x.jsonl",
        "{\"source\":\"s\",\"text\":\"a\",\"id\":\"x\"}\n{\"source\":\"s\",\"text\":\"b\",\"id\":\"y\"}\n{\"source\":\"t\",\"text\":\"c\",\"id\":\"x\"}\n",
    );
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.jsonl",
        3,
        "duplicate id \"x\": already used on line 1",
    );
    // An integer id and the same digits as a string are the same id.
    let path = write(dir.path(), "y.jsonl", "{\"source\":\"s\",\"text\":\"a\",\"id\":7}\n{\"source\":\"s\",\"text\":\"b\",\"id\":\"7\"}\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "y.jsonl",
        2,
        "already used on line 1",
    );
}

#[test]
fn duplicate_csv_id_names_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "x.csv",
        "id,source,text\n1,A,\"one\ntwo\"\n2,A,three\n1,B,four\n",
    );
    // Record "1" starts on line 2 and spans two lines; the duplicate is on line 5.
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.csv",
        5,
        "duplicate id \"1\": already used on line 2",
    );
}

// ----------------------------------------------------------------- JSONL lines

#[test]
fn jsonl_line_that_is_not_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "x.jsonl",
        "{\"source\":\"s\",\"text\":\"a\"}\n{\"source\": \"s\", \"text\": \n",
    );
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.jsonl",
        2,
        "not valid JSON",
    );
    let path = write(dir.path(), "y.jsonl", "[1, 2]\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "y.jsonl",
        1,
        "expected a JSON object",
    );
}

#[test]
fn jsonl_line_missing_source_or_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.jsonl", "{\"text\":\"a\"}\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.jsonl",
        1,
        "missing field \"source\"",
    );
    let path = write(
        dir.path(),
        "y.jsonl",
        "{\"source\":\"s\",\"text\":\"a\"}\n\n{\"source\":\"s\",\"body\":\"b\"}\n",
    );
    assert_at(
        &error(&path, &ReadOptions::default()),
        "y.jsonl",
        3,
        "missing field \"text\"",
    );
}

#[test]
fn jsonl_text_null() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "x.jsonl",
        "{\"source\":\"s\",\"text\":\"a\"}\n{\"source\":\"s\",\"text\":null}\n",
    );
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.jsonl",
        2,
        "field \"text\" is null",
    );
    let path = write(dir.path(), "y.jsonl", "{\"source\":\"s\",\"text\":5}\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "y.jsonl",
        1,
        "field \"text\" must be a string, not a number",
    );
}

// ------------------------------------------------------------------- CSV rows

#[test]
fn csv_ragged_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.csv", "source,text\nA,one\nB,two,three\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.csv",
        3,
        "row has 3 field(s) but the header (line 1) has 2",
    );
}

#[test]
fn csv_unclosed_quote() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "x.csv",
        "source,text\nA,one\nB,\"two\nC,three\n",
    );
    assert_at(
        &error(&path, &ReadOptions::default()),
        "x.csv",
        3,
        "unclosed quote",
    );
    // A stray quote that a later quote closes: the text after it is reported where it is.
    let path = write(dir.path(), "y.csv", "source,text\nA,\"one\nB,\"two\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "y.csv",
        3,
        "unexpected text after the closing quote",
    );
    let path = write(dir.path(), "z.csv", "source,text\nA,say \"hi\"\n");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "z.csv",
        2,
        "quote inside unquoted field 2",
    );
}

// ------------------------------------------------------------ source selection

#[test]
fn unknown_source_lists_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d/alpha/a.txt", "A.");
    write(dir.path(), "d/beta/b.txt", "B.");
    let root = dir.path().join("d");
    let msg = error(&root, &only(&["gamma"]));
    assert_at(
        &msg,
        &root.display().to_string(),
        0,
        "unknown source \"gamma\"; known sources: alpha, beta",
    );

    let msg = error(&fixture("articles.jsonl"), &only(&["Outlet C", "Outlet A"]));
    assert_at(
        &msg,
        "articles.jsonl",
        0,
        "unknown source \"Outlet C\"; known sources: Outlet A, Outlet B",
    );
    let msg = error(&fixture("all-the-news.csv"), &only(&["Guardian"]));
    assert_at(
        &msg,
        "all-the-news.csv",
        0,
        "known sources: Breitbart, New York Times",
    );
}

#[test]
fn wrong_kind_of_path_or_option() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "notes.txt", "x");
    assert_at(
        &error(&path, &ReadOptions::default()),
        "notes.txt",
        0,
        "not a corpus",
    );
    let msg = error(
        &fixture("articles.jsonl"),
        &ReadOptions {
            text_column: Some("body".into()),
            ..ReadOptions::default()
        },
    );
    assert!(
        msg.contains("articles.jsonl") && msg.contains("CSV corpora only"),
        "{msg}"
    );
}

// --------------------------------------------------------------- sample corpus

/// SHA-256 of the seed articles as received (computed with sha256sum),
/// by the file each was copied to.
const SAMPLE: [(&str, &str); 5] = [
    (
        "fight-racism-fight-imperialism/peruvian-masses-defy-coup.txt",
        "25673912879b014824b9f8347c8826d6c98c5e48c21fa3bd00538892d1ad7768",
    ),
    (
        "fourth-international/solidarity-with-the-peruvian-people.txt",
        "bc105c5e7e423aaa61f4b60493fbf6ef9e044e0f04584625d73c70df975f5680",
    ),
    (
        "proletarian/solidarity-with-the-people-of-peru-against-us-aggression.txt",
        "a6a29ffc8d2a2155133a7abd2cf01e90acf471cb05c3108723920cc1a7b15278",
    ),
    (
        "resumen-latinoamericano/peru-the-coup-within-the-coup.txt",
        "decd728aaf25659b70325197a2091c8043c9efc2a1450c3b02fd88c5c7635862",
    ),
    (
        "unnamed-outlet/peru-right-wing-or-left-wing-coup.txt",
        "3bd9ef19d3cbf3a3f69df1147c623ca97e6c17acbbab6385ff943a21d7cb4d86",
    ),
];

fn sample() -> (Vec<Article>, CorpusSummary) {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn sample_corpus_is_the_seeds_byte_for_byte() {
    let (articles, summary) = sample();
    assert_eq!(summary.sources.len(), 5);
    assert_eq!(summary.articles, 5);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    assert_eq!(
        ids(&articles),
        SAMPLE.iter().map(|(id, _)| *id).collect::<Vec<_>>()
    );
    for (article, (id, sha)) in articles.iter().zip(SAMPLE) {
        assert_eq!(hex(&Sha256::digest(article.text.as_bytes())), sha, "{id}");
        assert_eq!(article.language, "en");
    }
}

#[test]
fn sample_corpus_metadata() {
    let (articles, summary) = sample();
    let meta: Vec<(&str, Option<&str>, Option<&str>)> = articles
        .iter()
        .map(|a| {
            (
                a.title.as_deref().unwrap(),
                a.date.as_deref(),
                a.author.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        meta,
        [
            ("Peruvian masses defy coup", None, Some("Sam McGill")),
            (
                "Solidarity with the Peruvian people",
                Some("2023-01-04"),
                Some("Executive Bureau of the Fourth International")
            ),
            (
                "Solidarity with the people of Peru against US aggression",
                None,
                Some("Proletarian writers")
            ),
            (
                "Peru: The Coup within the Coup",
                Some("2022-12-22"),
                Some("Carlos Aznarez")
            ),
            (
                "Peru: Right Wing or Left Wing Coup?",
                Some("2023-01-15"),
                None
            ),
        ]
    );
    // Each title is the article's first line of text (after blank and boilerplate lines).
    for a in &articles {
        let bp = &summary.sources[&a.source].boilerplate;
        let first = a
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !bp.iter().any(|b| b == l));
        assert_eq!(first, a.title.as_deref(), "{}", a.id);
    }
    assert_eq!(
        articles[1].url.as_deref(),
        Some("https://fourth.international/en/566/latin-america/494")
    );
    assert_eq!(
        summary.sources["resumen-latinoamericano"].name,
        "Resumen Latinoamericano – US"
    );
    // Whatever is not stated is explained.
    for id in [
        "fight-racism-fight-imperialism/peruvian-masses-defy-coup.txt",
        "unnamed-outlet/peru-right-wing-or-left-wing-coup.txt",
    ] {
        assert!(summary.article_notes.contains_key(id), "{id}");
    }
}

#[test]
fn sample_boilerplate_matches_whole_lines() {
    let (articles, summary) = sample();
    // Lines dropped per article, counted by hand: byline + credit; none; byline,
    // signature, date, credit, URL; header, caption, issue line, two widgets, cookie
    // notice; byline ×2, "Subscribe" ×2, caption.
    let expected_dropped = [6, 5, 5, 2, 0];
    for (article, expected) in articles.iter().zip(expected_dropped) {
        let bp = &summary.sources[&article.source].boilerplate;
        let dropped = article
            .text
            .lines()
            .filter(|l| bp.iter().any(|b| b == l.trim()))
            .count();
        assert_eq!(dropped, expected, "{}", article.id);
        for entry in bp {
            assert!(
                article.text.lines().any(|l| l.trim() == entry),
                "{}: {entry:?} matches no line",
                article.id
            );
        }
    }

    // Through the analyzer: the cookie notice and the credits no longer count.
    let analyzer = Analyzer::new("en", &AnalyzerConfig::default()).unwrap();
    let norms = |a: &Article, with_bp: bool| -> Vec<String> {
        let bp = &summary.sources[&a.source].boilerplate;
        let an = if with_bp {
            analyzer.analyze_with_boilerplate(&a.text, bp)
        } else {
            analyzer.analyze(&a.text)
        };
        an.tokens.into_iter().map(|t| t.norm.to_string()).collect()
    };
    for (index, word) in [
        (0, "cookies"),
        (0, "mayimbú"),
        (3, "telesur"),
        (2, "subscribe"),
    ] {
        assert!(
            norms(&articles[index], false).iter().any(|n| n == word),
            "{word}"
        );
        assert!(
            !norms(&articles[index], true).iter().any(|n| n == word),
            "{word}"
        );
    }
}

#[test]
fn sample_corpus_equals_the_seed_files_when_present() {
    // The articles as received, when the shared folder sits beside the checkout.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        return; // the SHA-256 test above covers machines without the seeds
    }
    let (articles, _) = sample();
    let seed_files = [
        "003_d36f1c1c32bc8559.txt",
        "002_d06204874497a471.txt",
        "004_2d54e582b2f8f4a1.txt",
        "000_a31d54005f0d4c2b.txt",
        "001_6dad6b28b8236906.txt",
    ];
    for (article, seed) in articles.iter().zip(seed_files) {
        assert_eq!(
            article.text.as_bytes(),
            std::fs::read(seeds.join(seed)).unwrap(),
            "{}",
            article.id
        );
    }
}

/// With `hash_inputs`, the reader hashes each file from the bytes it reads:
/// a directory's manifest and each article file that gave an article (an
/// empty one gives none), or the whole JSONL/CSV file, read in small batches
/// so that the hash spans many reads. Without it, nothing is hashed.
#[test]
fn inputs_are_hashed_as_read_only_when_asked() {
    let hashed = ReadOptions {
        hash_inputs: true,
        ..ReadOptions::default()
    };
    let file = |p: &Path| {
        let b = std::fs::read(p).unwrap();
        let h: String = Sha256::digest(&b)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect();
        (p.to_path_buf(), b.len() as u64, h)
    };
    let digests = |path: &Path, opts: &ReadOptions| {
        let mut reader = CorpusReader::open(path, opts).unwrap();
        while reader.next_batch(16).unwrap().is_some() {}
        let s = reader.finish().unwrap();
        s.inputs
            .into_iter()
            .map(|d| (d.path, d.bytes, d.sha256))
            .collect::<Vec<_>>()
    };
    for f in [
        "tests/fixtures/corpus/articles.jsonl",
        "tests/fixtures/corpus/all-the-news.csv",
    ] {
        let p = Path::new(f);
        assert_eq!(digests(p, &hashed), vec![file(p)], "{f}");
        assert!(digests(p, &ReadOptions::default()).is_empty(), "{f}");
    }

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("a")).unwrap();
    std::fs::write(root.join("corpus.toml"), "[sources.a]\nname = \"A\"\n").unwrap();
    std::fs::write(root.join("a/1.txt"), "\u{feff}First article, with a BOM.").unwrap();
    std::fs::write(root.join("a/2.txt"), "  \n").unwrap();
    std::fs::write(root.join("a/3.txt"), "Third article.").unwrap();
    let want = vec![
        file(&root.join("corpus.toml")),
        file(&root.join("a/1.txt")),
        file(&root.join("a/3.txt")),
    ];
    assert_eq!(digests(root, &hashed), want);
    assert!(digests(root, &ReadOptions::default()).is_empty());
}
