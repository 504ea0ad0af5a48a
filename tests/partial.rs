//! Partial statistics (`count`, `merge`, `report --stats`): the format written
//! out by hand for a tiny corpus, merge = count of the union (byte for byte),
//! associativity and commutativity, round trips, and errors naming file:line.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sha2::{Digest, Sha256};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn lexicon() -> PathBuf {
    Path::new(ROOT).join("corpus/lexicon.toml")
}

fn framelens(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("framelens").unwrap();
    c.current_dir(dir);
    c
}

/// Runs framelens in `dir` and returns stdout; panics with stderr on failure.
fn run(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = framelens(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs framelens expecting failure; returns stderr.
fn fail(dir: &Path, args: &[&str]) -> String {
    let out = framelens(dir).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

fn write(path: &Path, bytes: &[u8]) -> PathBuf {
    std::fs::write(path, bytes).unwrap();
    path.to_path_buf()
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

const TINY_LEXICON: &str = r#"
[meta]
name = "tiny"
version = "1"
language = "en"
description = "one category"
license = "CC0-1.0"

[categories.coup]
label = "Coup"
description = "the word coup"
terms = ["coup"]

[actors.boluarte]
label = "Boluarte"
aliases = ["Boluarte"]
"#;

// Ids in file order b-10 before b-9: the partial lists b-9 first (natural order).
const TINY_JSONL: &str = r#"{"id": "1", "source": "a", "text": "The coup failed. Boluarte called it a coup.", "title": "T\tab"}
{"id": "b-10", "source": "b", "text": "Riots."}
{"id": "b-9", "source": "b", "text": "Riots."}
"#;

/// The partial of TINY_JSONL, worked out by hand from the format description.
/// Article 1: tokens The coup failed | Boluarte called it a coup → sentences of
/// 3 and 5 words, WC 8; stopwords the, it, a; with --no-stem the terms are
/// boluarte, called, coup ×2, failed (surface forms as written: "Boluarte"). "coup" hits at bytes 4..8 (sentence 0,
/// no actor) and 38..42 (sentence 1, target boluarte), both in the author's
/// own voice. KWIC window 8: the whole article is context.
fn tiny_expected(corpus_line: &str, input_line: Option<String>, lex_sha: &str) -> String {
    let mut s = String::new();
    s += &format!("#framelens-partial\tv7\t{{\"analyzer\":{{\"case\":\"fold\",\"ngram_max\":1,\"ngram_min\":1,\"ngram_stopwords\":\"skip\",\"split_hyphens\":false,\"stem\":false,\"stopwords\":\"default\"}},\"kwic_sample\":50,\"kwic_window\":8}}\t{lex_sha}\n");
    s += &format!("corpus\t{corpus_line}\n");
    if let Some(i) = input_line {
        s += &i;
    }
    s += "source\ta\ta\t\ten\t\t\n";
    s += "source\tb\tb\t\ten\t\t\n";
    s += "skipped\t0\n";
    s += "count\ta\t1\t8\n";
    s += "count\tb\t2\t2\n";
    // Σx and Σx² of the per-article rates, scaled by 2⁶⁴ (x = 1/8 for a's
    // terms, 2/8 for coup; 1 in each of b's two one-word articles), and the top count.
    s += "term\ta\tboluarte\t1\t1\t2305843009213693952\t288230376151711744\t1\n";
    s += "term\ta\tcalled\t1\t1\t2305843009213693952\t288230376151711744\t1\n";
    s += "term\ta\tcoup\t2\t1\t4611686018427387904\t1152921504606846976\t2\n";
    s += "term\ta\tfailed\t1\t1\t2305843009213693952\t288230376151711744\t1\n";
    s += "term\tb\triots\t2\t2\t36893488147419103232\t36893488147419103232\t1\n";
    s += "surface\ta\tboluarte\tBoluarte\t1\n";
    s += "surface\ta\tcalled\tcalled\t1\n";
    s += "surface\ta\tcoup\tcoup\t2\n";
    s += "surface\ta\tfailed\tfailed\t1\n";
    s += "surface\tb\triots\tRiots\t2\n";
    // title "T<TAB>ab" escaped as T\tab
    s += "article\ta\t1\tT\\tab\t\t\t\t8\t2\t2\t2\t2,0,0,0\t1,1\t3:0.1.1 5:0.1.1\n";
    s += "article\tb\tb-9\t\t\t\t\t1\t1\t0\t0\t0,0,0,0\t0,0\t1\n";
    s += "article\tb\tb-10\t\t\t\t\t1\t1\t0\t0\t0,0,0,0\t0,0\t1\n";
    s += "form\ta\t0\t0\tcoup\t2\n";
    // The second "coup" is in a sentence naming Boluarte.
    s += "target\ta\tboluarte\tcoup\tcoup\t1\n";
    // The first "coup" has no actor in its sentence; the second is next to "Boluarte".
    s += "kwic\ta\t1\t0\t4\t8\town\tcoup\t\tThe\tcoup\tfailed. Boluarte called it a coup\n";
    s += "kwic\ta\t1\t1\t38\t42\town\tcoup\tboluarte\tThe coup failed. Boluarte called it a\tcoup\t\n";
    // The end record: the number of records between the header and it.
    let records = s.lines().count() - 1;
    s += &format!("end\t{records}\n");
    s
}

#[test]
fn the_format_of_a_tiny_corpus_is_as_documented() {
    let tmp = tempfile::tempdir().unwrap();
    let lex = write(&tmp.path().join("tiny.toml"), TINY_LEXICON.as_bytes());
    write(&tmp.path().join("tiny.jsonl"), TINY_JSONL.as_bytes());
    let lex_sha = sha(TINY_LEXICON.as_bytes());
    let lex_arg = lex.to_str().unwrap();

    let got = run(
        tmp.path(),
        &[
            "count",
            "--corpus",
            "tiny.jsonl",
            "--lexicon",
            lex_arg,
            "--no-stem",
        ],
    );
    let input = format!(
        "input\ttiny.jsonl\t{}\t{}\n",
        TINY_JSONL.len(),
        sha(TINY_JSONL.as_bytes())
    );
    assert_eq!(
        String::from_utf8(got).unwrap(),
        tiny_expected("tiny.jsonl", Some(input), &lex_sha)
    );

    // The same JSONL on standard input: no file to hash.
    let out = framelens(tmp.path())
        .args(["count", "--corpus", "-", "--lexicon", lex_arg, "--no-stem"])
        .write_stdin(TINY_JSONL)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        tiny_expected("-", None, &lex_sha)
    );
}

/// The sample corpus split into two directories (no corpus.toml, so both
/// halves and the whole are read the same way), each counted from inside its
/// folder with `--corpus .` so that recorded paths agree.
#[test]
fn merge_of_two_halves_equals_count_of_the_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, u) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("u"),
    );
    let mut sources: Vec<_> = std::fs::read_dir(Path::new(ROOT).join("corpus"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.path())
        .collect();
    sources.sort();
    assert_eq!(sources.len(), 5);
    for (i, s) in sources.iter().enumerate() {
        let name = s.file_name().unwrap();
        copy_dir(s, &(if i < 2 { &a } else { &b }).join(name));
        copy_dir(s, &u.join(name));
    }
    let lex = lexicon();
    let count = |dir: &Path| {
        run(
            dir,
            &["count", "--corpus", ".", "--lexicon", lex.to_str().unwrap()],
        )
    };
    let pa = write(&tmp.path().join("a.tsv"), &count(&a));
    let pb = write(&tmp.path().join("b.tsv"), &count(&b));
    let whole = count(&u);
    let merged = run(
        tmp.path(),
        &["merge", pa.to_str().unwrap(), pb.to_str().unwrap()],
    );
    assert!(whole.len() > 100_000, "the partial has every count");
    assert!(merged == whole, "merge(count(A), count(B)) != count(A ∪ B)");
    let reversed = run(
        tmp.path(),
        &["merge", pb.to_str().unwrap(), pa.to_str().unwrap()],
    );
    assert!(reversed == whole);
}

/// Three shards of the sample corpus (by --source), with its corpus.toml.
#[test]
fn merge_is_associative_and_commutative_and_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(ROOT);
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let shard = |name: &str, sources: &[&str]| {
        let mut args = vec!["count", "--corpus", "corpus", "--lexicon", lex];
        for s in sources {
            args.extend(["--source", s]);
        }
        write(&tmp.path().join(name), &run(root, &args))
    };
    let p1 = shard("1.tsv", &["fight-racism-fight-imperialism"]);
    let p2 = shard("2.tsv", &["fourth-international", "unnamed-outlet"]);
    let p3 = shard("3.tsv", &["proletarian", "resumen-latinoamericano"]);
    let all = run(root, &["count", "--corpus", "corpus", "--lexicon", lex]);
    let s = |p: &PathBuf| p.to_str().unwrap().to_string();
    let merge = |ps: &[&PathBuf], out: &str| {
        let mut args = vec!["merge".to_string()];
        args.extend(ps.iter().map(|p| s(p)));
        let bytes = run(
            tmp.path(),
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        write(&tmp.path().join(out), &bytes)
    };
    let p12 = merge(&[&p1, &p2], "12.tsv");
    let p23 = merge(&[&p2, &p3], "23.tsv");
    let left = std::fs::read(merge(&[&p12, &p3], "12_3.tsv")).unwrap();
    let right = std::fs::read(merge(&[&p1, &p23], "1_23.tsv")).unwrap();
    let rev = std::fs::read(merge(&[&p3, &p2, &p1], "321.tsv")).unwrap();
    assert!(left == all, "(1+2)+3 != count(all)");
    assert!(right == all, "1+(2+3) != count(all)");
    assert!(rev == all, "3+2+1 != count(all)");

    // A partial read and written again is the same bytes (library and CLI).
    let one = std::fs::read(&p2).unwrap();
    let stats = framelens::partial::read(&one[..], Path::new("2.tsv")).unwrap();
    let mut again = Vec::new();
    framelens::partial::write(&stats, &mut again).unwrap();
    assert!(again == one);
    assert!(run(tmp.path(), &["merge", &s(&p2)]) == one);
}

#[test]
fn partials_with_different_ngram_settings_do_not_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(ROOT);
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let count = |name: &str, source: &str, ngrams: &[&str]| {
        let mut args = vec!["count", "--source", source, "--lexicon", lex];
        args.extend(ngrams);
        write(&tmp.path().join(name), &run(root, &args))
    };
    let skip = count("skip.tsv", "proletarian", &["--ngrams", "2"]);
    let join = count(
        "join.tsv",
        "unnamed-outlet",
        &["--ngrams", "2", "--ngram-stopwords", "join"],
    );
    let bigrams = count("bigrams.tsv", "unnamed-outlet", &["--ngrams", "2..2"]);
    let same = count("same.tsv", "unnamed-outlet", &["--ngrams", "1..2"]);
    let path = |p: &PathBuf| p.to_str().unwrap().to_string();
    let err = fail(tmp.path(), &["merge", &path(&skip), &path(&join)]);
    assert!(err.contains("different settings"), "{err}");
    assert!(
        err.contains("\"ngram_stopwords\":\"skip\"")
            && err.contains("\"ngram_stopwords\":\"join\""),
        "{err}"
    );
    let err = fail(tmp.path(), &["merge", &path(&skip), &path(&bigrams)]);
    assert!(err.contains("different settings"), "{err}");
    assert!(
        err.contains("\"ngram_min\":1") && err.contains("\"ngram_min\":2"),
        "{err}"
    );
    // `--ngrams 2` is `--ngrams 1..2`: the same settings, so they merge, and
    // the merged partial keeps them.
    let merged =
        String::from_utf8(run(tmp.path(), &["merge", &path(&skip), &path(&same)])).unwrap();
    let header = merged.lines().next().unwrap();
    assert!(
        header.contains("\"ngram_max\":2,\"ngram_min\":1,\"ngram_stopwords\":\"skip\""),
        "{header}"
    );
}

#[test]
fn partials_with_different_settings_do_not_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(ROOT);
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let a = write(
        &tmp.path().join("stemmed.tsv"),
        &run(
            root,
            &["count", "--source", "proletarian", "--lexicon", lex],
        ),
    );
    let b = write(
        &tmp.path().join("unstemmed.tsv"),
        &run(
            root,
            &[
                "count",
                "--source",
                "unnamed-outlet",
                "--no-stem",
                "--lexicon",
                lex,
            ],
        ),
    );
    let err = fail(
        tmp.path(),
        &["merge", a.to_str().unwrap(), b.to_str().unwrap()],
    );
    assert!(
        err.contains("stemmed.tsv") && err.contains("unstemmed.tsv"),
        "{err}"
    );
    assert!(err.contains("different settings"), "{err}");
    assert!(
        err.contains("\"stem\":false") && err.contains("\"stem\":true"),
        "{err}"
    );

    // The same article in two partials is double counting, not a merge.
    let err = fail(
        tmp.path(),
        &["merge", a.to_str().unwrap(), a.to_str().unwrap()],
    );
    assert!(err.contains("in both"), "{err}");

    // report --stats with another lexicon than the partial's.
    let other = write(&tmp.path().join("tiny.toml"), TINY_LEXICON.as_bytes());
    let out = framelens(tmp.path())
        .args(["report", "--stats", a.to_str().unwrap(), "--lexicon"])
        .arg(&other)
        .arg("--out")
        .arg(tmp.path().join("r"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not the lexicon the partials were made with"),
        "{err}"
    );
}

#[test]
fn a_malformed_partial_is_an_error_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let good = run(
        Path::new(ROOT),
        &[
            "count",
            "--source",
            "proletarian",
            "--lexicon",
            lexicon().to_str().unwrap(),
        ],
    );
    let text = String::from_utf8(good).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let t = lines.iter().position(|l| l.starts_with("term\t")).unwrap();
    let check = |name: &str, line_no: usize, replacement: &str, expect: &str| {
        let mut v = lines.clone();
        v[line_no - 1] = replacement;
        let p = write(&tmp.path().join(name), (v.join("\n") + "\n").as_bytes());
        let err = fail(tmp.path(), &["merge", p.to_str().unwrap()]);
        let at = format!("{name}:{line_no}:");
        assert!(err.contains(&at) && err.contains(expect), "{err}");
    };
    check(
        "count.tsv",
        t + 1,
        "term\tproletarian\tcoup\tmany\t1\t0\t0\t1",
        "not a non-negative integer",
    );
    check(
        "fields.tsv",
        t + 1,
        "term\tproletarian\tcoup\t1",
        "too few fields",
    );
    check(
        "extra.tsv",
        t + 1,
        "term\tproletarian\tcoup\t1\t1\t1\t1\t1\t1",
        "too many fields",
    );
    check(
        "kind.tsv",
        t + 1,
        "terms\tproletarian",
        "unknown record kind",
    );
    check(
        "escape.tsv",
        t + 1,
        "term\tproletarian\tco\\up\t1\t1\t0\t0\t1",
        "unknown escape",
    );
    check(
        "header.tsv",
        1,
        "#framelens-partial\tv9\t{}\tx",
        "not supported",
    );
    check("magic.tsv", 1, "source\tcount", "not a framelens partial");
}

/// `report --stats P --corpus C` gives the same reports/ as `report --corpus C`,
/// every file byte for byte (the KWIC sample included: both use it; the key
/// terms' lines are read from C). Without `--corpus`, the report from
/// partials differs only where those lines are: the page says why it has
/// none, `data/key_lines.csv` has no rows, and the files that list them.
#[test]
fn report_from_stats_equals_report_from_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(ROOT);
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let direct = tmp.path().join("direct");
    let via = tmp.path().join("via");
    run(
        root,
        &[
            "report",
            "--quiet",
            "--lexicon",
            lex,
            "--out",
            direct.to_str().unwrap(),
        ],
    );
    let p1 = write(
        &tmp.path().join("p1.tsv"),
        &run(
            root,
            &[
                "count",
                "--source",
                "proletarian",
                "--source",
                "unnamed-outlet",
                "--lexicon",
                lex,
            ],
        ),
    );
    let p2 = write(
        &tmp.path().join("p2.tsv"),
        &run(
            root,
            &[
                "count",
                "--source",
                "fight-racism-fight-imperialism",
                "--source",
                "fourth-international",
                "--source",
                "resumen-latinoamericano",
                "--lexicon",
                lex,
            ],
        ),
    );
    let from_stats = |out: &Path, corpus: Option<&str>| {
        let mut args = vec![
            "report",
            "--quiet",
            "--lexicon",
            lex,
            "--stats",
            p1.to_str().unwrap(),
            "--stats",
            p2.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if let Some(c) = corpus {
            args.extend(["--corpus", c]);
        }
        run(root, &args);
    };
    from_stats(&via, Some("corpus"));
    let mut files = Vec::new();
    list(&direct, &direct, &mut files);
    let mut other = Vec::new();
    list(&via, &via, &mut other);
    assert_eq!(files, other);
    assert!(files.len() > 20, "{files:?}");
    for f in &files {
        let (x, y) = (
            std::fs::read(direct.join(f)).unwrap(),
            std::fs::read(via.join(f)).unwrap(),
        );
        assert!(x == y, "{} differs", f.display());
    }
    let lines = std::fs::read_to_string(direct.join("data/key_lines.csv")).unwrap();
    assert!(lines.lines().count() > 20, "{lines}");
    assert!(std::fs::read_to_string(direct.join("index.html"))
        .unwrap()
        .contains("<a class=\"key\" href=\"#lines-s1-1\">"));

    // Without the corpus: no lines, said on the page; everything else equal.
    let bare = tmp.path().join("bare");
    from_stats(&bare, None);
    let page = std::fs::read_to_string(bare.join("index.html")).unwrap();
    assert!(
        page.contains("A report made from partials has no text"),
        "{page}"
    );
    assert!(!page.contains("class=\"key\""));
    let csv = std::fs::read_to_string(bare.join("data/key_lines.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1, "{csv}");
    let mut differ = Vec::new();
    for f in &files {
        if std::fs::read(direct.join(f)).unwrap() != std::fs::read(bare.join(f)).unwrap() {
            differ.push(f.display().to_string());
        }
    }
    assert_eq!(
        differ,
        ["analysis.json", "data/key_lines.csv", "index.html"]
    );

    // Another corpus than the partials': refused at its first article the
    // partials lack, naming its file and line, before any report is written.
    let out = framelens(root)
        .args([
            "report",
            "--quiet",
            "--lexicon",
            lex,
            "--stats",
            p1.to_str().unwrap(),
            "--corpus",
            "corpus",
            "--out",
            tmp.path().join("wrong").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fight-racism-fight-imperialism/")
            && err.contains("is not among the articles the partials were counted from"),
        "{err}"
    );
    assert!(!tmp.path().join("wrong").exists());
}

/// The README's shard workflow: a JSONL corpus split into shards, each
/// counted, merged, and reported with the whole corpus as the text of the
/// key terms' lines (another layout than the shards': checked article by
/// article) equals `report --corpus` on it. A corpus whose article text
/// differs, or that lacks articles, is refused naming the article.
#[test]
fn report_from_shards_with_their_whole_corpus_equals_report_from_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(ROOT);
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let whole = std::fs::read_to_string(root.join("tests/fixtures/groups/speeches.jsonl")).unwrap();
    let lines: Vec<&str> = whole.lines().collect();
    let (a, b) = lines.split_at(lines.len() / 2);
    let w = write(&tmp.path().join("whole.jsonl"), whole.as_bytes());
    let s1 = write(
        &tmp.path().join("s1.jsonl"),
        (a.join("\n") + "\n").as_bytes(),
    );
    let s2 = write(
        &tmp.path().join("s2.jsonl"),
        (b.join("\n") + "\n").as_bytes(),
    );
    let mut partials = Vec::new();
    for (i, shard) in [&s1, &s2].iter().enumerate() {
        let p = tmp.path().join(format!("p{i}.tsv"));
        run(
            root,
            &[
                "count",
                "--corpus",
                shard.to_str().unwrap(),
                "--lexicon",
                lex,
                "--out",
                p.to_str().unwrap(),
            ],
        );
        partials.push(p);
    }
    let merged = tmp.path().join("merged.tsv");
    run(
        root,
        &[
            "merge",
            partials[0].to_str().unwrap(),
            partials[1].to_str().unwrap(),
            "--out",
            merged.to_str().unwrap(),
        ],
    );
    let report = |corpus: &Path, out: &Path, stats: bool| {
        let mut args = vec![
            "report",
            "--quiet",
            "--lexicon",
            lex,
            "--corpus",
            corpus.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if stats {
            args.extend(["--stats", merged.to_str().unwrap()]);
        }
        framelens(root).args(&args).output().unwrap()
    };
    let direct = tmp.path().join("direct");
    let via = tmp.path().join("via");
    assert!(report(&w, &direct, false).status.success());
    let o = report(&w, &via, true);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The numbers are the same (the provenance names the shards, as a
    // report from partials does); so are the lines, read from the whole.
    let read = |dir: &Path, f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    for f in [
        "data/key_lines.csv",
        "data/keyness.csv",
        "data/keyness_groups.csv",
    ] {
        assert_eq!(read(&direct, f), read(&via, f), "{f}");
    }
    let section = |dir: &Path| {
        let page = read(dir, "index.html");
        let from = page.find("<section id=\"lines\">").unwrap();
        let to = from + page[from..].find("</section>").unwrap();
        page[from..to].to_string()
    };
    assert_eq!(section(&direct), section(&via));
    let json = |dir: &Path| -> serde_json::Value {
        serde_json::from_str(&read(dir, "analysis.json")).unwrap()
    };
    assert_eq!(json(&direct)["key_lines"], json(&via)["key_lines"]);
    let key = std::fs::read_to_string(via.join("data/key_lines.csv")).unwrap();
    assert!(key.lines().count() > 10, "{key}");

    // One word changed in an article whose lines are read: refused, named.
    let changed = whole.replacen(
        "Workers strike for fair wages.",
        "Workers strike for fair wages today.",
        1,
    );
    let c = write(&tmp.path().join("changed.jsonl"), changed.as_bytes());
    let o = report(&c, &tmp.path().join("r2"), true);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("changed.jsonl:1:")
            && err.contains("article \"ann-1\" of source \"ann\" has")
            && err.contains("its text is not the text counted"),
        "{err}"
    );
    // A shard alone lacks the other shard's articles.
    let o = report(&s1, &tmp.path().join("r3"), true);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "holds {} of the {} articles",
            a.len(),
            lines.len()
        )),
        "{err}"
    );
}

fn list(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            list(root, &p, out);
        } else {
            out.push(p.strip_prefix(root).unwrap().to_path_buf());
        }
    }
    out.sort();
}
