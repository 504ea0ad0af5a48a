//! Source groups (`group` in corpus.toml, JSONL and CSV; `--by group`;
//! `keyness --within-group`; partials): the three layouts give the same
//! statistics, a group is exactly a source made of its sources' articles, a
//! speaker's reference under `--within-group` is the rest of their party,
//! and partials carry groups and merge to the whole.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// (source, group, text): two articles per source, in corpus order (by
/// source, then file), so every layout reads them in the same order. Three
/// speakers of one party, two of another, one alone in a third (gus), and
/// one with no group (fay).
const ARTICLES: &[(&str, Option<&str>, &str)] = &[
    ("ann", Some("left"), "Workers strike for fair wages. The unions demand fair pay, and the workers will not stop. A coup against labour, she said."),
    ("ann", Some("left"), "Fair wages now! Workers unite in the strike. Protesters marched to the ministry; the police used tear gas."),
    ("bob", Some("left"), "Workers deserve wages and strong unions. The strike continues while the government negotiates with the unions."),
    ("bob", Some("left"), "The unions called the police response brutal repression. Workers and students joined the protest."),
    ("cal", Some("left"), "Housing for workers is a right. Rents rose again and the unions want rent control for every worker."),
    ("cal", Some("left"), "Public schools need funding. Teachers' unions joined the strike for wages and for smaller classes."),
    ("dee", Some("right"), "Taxes must fall. Business growth needs lower taxes and less regulation; the strike hurts business."),
    ("dee", Some("right"), "Regulation hurts small business. Lower taxes bring growth, jobs and investment to every region."),
    ("eli", Some("right"), "Law and order first: the violent protesters and vandals must face justice, the police did their duty."),
    ("eli", Some("right"), "Terrorists and vandals blocked the roads. Order must return so that business and growth can resume."),
    ("fay", None, "The weather is fine and the harvest is good this year. Farmers expect high yields."),
    ("fay", None, "Rain returned to the valley. The harvest will be late, farmers said, but prices are stable."),
    ("gus", Some("centre"), "Both sides must talk. A compromise on wages and taxes would end the strike and calm the protests."),
    ("gus", Some("centre"), "Dialogue, not violence. The ministry invited the unions and business to a round table."),
];

fn lexicon() -> PathBuf {
    Path::new(ROOT).join("corpus/lexicon.toml")
}

/// The id of article `i`: its file in the directory layout.
fn id(i: usize) -> String {
    let (source, _, _) = ARTICLES[i];
    let n = ARTICLES[..i].iter().filter(|a| a.0 == source).count() + 1;
    format!("{source}/{n}.txt")
}

fn framelens() -> Command {
    Command::cargo_bin("framelens").unwrap()
}

/// stdout of a successful run (stderr shown on failure).
fn run(args: &[&str]) -> String {
    let out = framelens().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// stderr of a failed run with exit `code`.
fn fail(args: &[&str], code: i32) -> String {
    let out = framelens().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The directory layout: a folder per source, groups in corpus.toml.
fn write_dir(root: &Path) -> PathBuf {
    let dir = root.join("dir");
    let mut manifest = String::new();
    for (i, (source, group, text)) in ARTICLES.iter().enumerate() {
        std::fs::create_dir_all(dir.join(source)).unwrap();
        std::fs::write(dir.join(id(i)), text).unwrap();
        if let Some(g) = group {
            let table = format!("[sources.{source}]\ngroup = \"{g}\"\n");
            if !manifest.contains(&table) {
                manifest += &table;
            }
        }
    }
    std::fs::write(dir.join("corpus.toml"), manifest).unwrap();
    dir
}

/// The JSONL layout, each article naming its group; with `rename`, the
/// merged corpus instead: each article filed under its group's name (a
/// source without a group under its own), with no group.
fn write_jsonl(path: &Path, rename: bool) -> PathBuf {
    let mut out = String::new();
    for (i, (source, group, text)) in ARTICLES.iter().enumerate() {
        let line = match (rename, group) {
            (true, g) => {
                serde_json::json!({"id": id(i), "source": g.unwrap_or(source), "text": text})
            }
            (false, Some(g)) => {
                serde_json::json!({"id": id(i), "source": source, "group": g, "text": text})
            }
            (false, None) => serde_json::json!({"id": id(i), "source": source, "text": text}),
        };
        out += &format!("{line}\n");
    }
    std::fs::write(path, out).unwrap();
    path.to_path_buf()
}

/// The CSV layout, the group in a column named `party` (`--group-column`).
fn write_csv(path: &Path) -> PathBuf {
    let mut out = String::from("id,source,party,text\n");
    for (i, (source, group, text)) in ARTICLES.iter().enumerate() {
        out += &format!(
            "{},{source},{},\"{}\"\n",
            id(i),
            group.unwrap_or(""),
            text.replace('"', "\"\"")
        );
    }
    std::fs::write(path, out).unwrap();
    path.to_path_buf()
}

/// The commands of `--by group`, each with the arguments it needs.
fn by_group_commands(lex: &str) -> Vec<Vec<String>> {
    let v = |a: &[&str]| a.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        v(&["terms"]),
        v(&["tfidf"]),
        v(&["keyness"]),
        v(&["similarity"]),
        v(&["lexicon", "--lexicon", lex]),
    ]
}

#[test]
fn every_layout_gives_the_same_statistics_by_group() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_dir(tmp.path());
    let jsonl = write_jsonl(&tmp.path().join("c.jsonl"), false);
    let csv = write_csv(&tmp.path().join("c.csv"));
    let lex = lexicon();
    let mut commands = by_group_commands(s(&lex));
    commands.push(vec!["keyness".into(), "--within-group".into()]);
    for cmd in commands {
        for format in ["json", "csv", "table"] {
            let out = |corpus: &Path, extra: &[&str]| {
                let mut args: Vec<&str> = cmd.iter().map(String::as_str).collect();
                if !cmd.contains(&"--within-group".to_string()) {
                    args.extend(["--by", "group"]);
                }
                args.extend(["--format", format, "--corpus", s(corpus)]);
                args.extend(extra);
                run(&args)
            };
            let d = out(&dir, &[]);
            assert!(d.len() > 200, "{cmd:?} {format}: {d}");
            assert_eq!(d, out(&jsonl, &[]), "{cmd:?} {format}: directory vs JSONL");
            assert_eq!(
                d,
                out(&csv, &["--group-column", "party"]),
                "{cmd:?} {format}: directory vs CSV"
            );
        }
    }
    // The units say what they are made of, and the source without a group
    // stands alone.
    let t = run(&["terms", "--by", "group", "--corpus", s(&jsonl)]);
    assert!(
        t.starts_with("Units are groups of sources, each the sum of its sources' counts: centre = gus; left = ann, bob, cal; right = dee, eli. Sources without a group stand alone, each a unit of its own: fay."),
        "{t}"
    );
    assert!(t.contains("== left: 6 articles,"), "{t}");
}

/// Fields that legitimately differ between `X --by group` and `X` on the
/// corpus whose sources are the groups: the list of groups (the merged
/// corpus has none: its sources are the groups already) and the name of the
/// unit ("group" there, "source" here). Everything else must be equal.
fn normalized(json: &str) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.remove("groups");
                for k in ["unit", "unit_type"] {
                    if m.get(k) == Some(&Value::from("group")) {
                        m.insert(k.into(), "source".into());
                    }
                }
                m.values_mut().for_each(walk);
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v: Value = serde_json::from_str(json).unwrap();
    walk(&mut v);
    v
}

#[test]
fn by_group_equals_the_corpus_whose_sources_are_the_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let grouped = write_jsonl(&tmp.path().join("c.jsonl"), false);
    std::fs::create_dir(tmp.path().join("merged")).unwrap();
    // Same file name, same ids, same order: only the sources differ.
    let merged = write_jsonl(&tmp.path().join("merged/c.jsonl"), true);
    let lex = lexicon();
    for cmd in by_group_commands(s(&lex)) {
        let args = |corpus: &Path, format: &str, by_group: bool| {
            let mut a: Vec<&str> = cmd.iter().map(String::as_str).collect();
            if by_group {
                a.extend(["--by", "group"]);
            }
            a.extend(["--format", format, "--corpus"]);
            let mut a: Vec<String> = a.into_iter().map(String::from).collect();
            a.push(s(corpus).to_string());
            a
        };
        let go = |a: Vec<String>| run(&a.iter().map(String::as_str).collect::<Vec<_>>());
        let g = go(args(&grouped, "json", true));
        let m = go(args(&merged, "json", false));
        assert!(g.contains("\"groups\""), "{cmd:?} lists its groups");
        assert_eq!(normalized(&g), normalized(&m), "{cmd:?}: JSON");
        // CSV rows carry no list of groups: the same bytes, but for the
        // unit column of tfidf and lexicon rows.
        let g = go(args(&grouped, "csv", true));
        let m = go(args(&merged, "csv", false));
        let g = g
            .replace(",group,", ",source,")
            .replace("\ngroup,", "\nsource,");
        assert_eq!(g, m, "{cmd:?}: CSV");
    }
}

/// Rows of `terms --format csv` of one source: term → count.
fn counts(terms_csv: &str, source: &str) -> std::collections::BTreeMap<String, u64> {
    let mut lines = terms_csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (s, t, c) = (col("source"), col("term"), col("count"));
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[s] == source)
        .map(|f| (f[t].to_string(), f[c].parse().unwrap()))
        .collect()
}

#[test]
fn within_group_the_reference_is_the_rest_of_the_group() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = write_jsonl(&tmp.path().join("c.jsonl"), false);
    let c = s(&corpus);
    let terms = run(&["terms", "--format", "csv", "--corpus", c]);
    let json: Value = serde_json::from_str(&run(&[
        "keyness",
        "--within-group",
        "--format",
        "json",
        "--corpus",
        c,
    ]))
    .unwrap();
    assert_eq!(json["within_group"], true);
    // fay has no group and gus is alone in his: no reference, left out.
    assert_eq!(json["left_out"], serde_json::json!(["fay", "gus"]));
    let cmps = json["comparisons"].as_array().unwrap();
    let targets: Vec<&str> = cmps.iter().map(|c| c["target"].as_str().unwrap()).collect();
    assert_eq!(targets, ["ann", "bob", "cal", "dee", "eli"]);
    let group = |t: &str| -> (&str, Vec<&str>) {
        match t {
            "ann" => ("left", vec!["bob", "cal"]),
            "bob" => ("left", vec!["ann", "cal"]),
            "cal" => ("left", vec!["ann", "bob"]),
            "dee" => ("right", vec!["eli"]),
            _ => ("right", vec!["dee"]),
        }
    };
    let words = |src: &str| -> u64 {
        let j: Value =
            serde_json::from_str(&run(&["terms", "--format", "json", "--corpus", c])).unwrap();
        j["docs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == src)
            .unwrap()["words"]
            .as_u64()
            .unwrap()
    };
    for cmp in cmps {
        let target = cmp["target"].as_str().unwrap();
        let (g, others) = group(target);
        assert_eq!(cmp["reference"], format!("(rest of group {g})"));
        let rest_words: u64 = others.iter().map(|o| words(o)).sum();
        assert_eq!(cmp["reference_words"], rest_words, "{target}");
        // Every term's reference count is the others' summed count, its
        // target count the target's own.
        let mine = counts(&terms, target);
        let mut rest = std::collections::BTreeMap::<String, u64>::new();
        for o in &others {
            for (t, n) in counts(&terms, o) {
                *rest.entry(t).or_default() += n;
            }
        }
        let rows: Vec<&Value> = cmp["over"]
            .as_array()
            .unwrap()
            .iter()
            .chain(cmp["under"].as_array().unwrap())
            .collect();
        assert!(rows.len() > 10, "{target}: {} rows", rows.len());
        for r in rows {
            let term = r["term"].as_str().unwrap();
            assert_eq!(
                r["reference_count"],
                rest.get(term).copied().unwrap_or(0),
                "{target} {term}"
            );
            assert_eq!(
                r["target_count"],
                mine.get(term).copied().unwrap_or(0),
                "{target} {term}"
            );
            assert_eq!(
                r["reference_articles"],
                2 * others.len() as u64,
                "{target} {term}"
            );
        }
    }
    // A speaker named with --source who has no group, or is alone in it: refused.
    let e = fail(
        &[
            "keyness",
            "--within-group",
            "--source",
            "fay",
            "--corpus",
            c,
        ],
        2,
    );
    assert!(e.contains("source 'fay' has no group"), "{e}");
    let e = fail(
        &[
            "keyness",
            "--within-group",
            "--source",
            "gus",
            "--corpus",
            c,
        ],
        2,
    );
    assert!(e.contains("source 'gus' is alone in group 'centre'"), "{e}");
    let e = fail(
        &["keyness", "--within-group", "--by", "group", "--corpus", c],
        2,
    );
    assert!(e.contains("use one or the other"), "{e}");
}

#[test]
fn a_source_in_two_groups_is_an_error_naming_file_and_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("c.jsonl");
    std::fs::write(
        &p,
        concat!(
            "{\"source\":\"ann\",\"group\":\"left\",\"text\":\"Workers strike.\"}\n",
            "{\"source\":\"bob\",\"group\":\"left\",\"text\":\"Unions march.\"}\n",
            "{\"source\":\"ann\",\"group\":\"right\",\"text\":\"Taxes fall.\"}\n",
        ),
    )
    .unwrap();
    let e = fail(&["terms", "--corpus", s(&p)], 1);
    assert!(
        e.contains(
            "c.jsonl:3: source \"ann\" is in group \"right\" here but in group \"left\" on line 1"
        ),
        "{e}"
    );
    // No group on one line and a group on another disagree too.
    std::fs::write(
        &p,
        "{\"source\":\"ann\",\"text\":\"Workers strike.\"}\n{\"source\":\"ann\",\"group\":\"left\",\"text\":\"Taxes fall.\"}\n",
    )
    .unwrap();
    let e = fail(&["terms", "--corpus", s(&p)], 1);
    assert!(
        e.contains("c.jsonl:2: source \"ann\" is in group \"left\" here but in no group on line 1"),
        "{e}"
    );
    // So in a CSV column.
    let c = tmp.path().join("c.csv");
    std::fs::write(
        &c,
        "source,group,text\nann,left,Workers strike.\nann,right,Taxes fall.\n",
    )
    .unwrap();
    let e = fail(&["terms", "--corpus", s(&c)], 1);
    assert!(
        e.contains(
            "c.csv:3: source \"ann\" is in group \"right\" here but in group \"left\" on line 2"
        ),
        "{e}"
    );
    // A corpus without groups has nothing to compare by group.
    std::fs::write(&p, "{\"source\":\"ann\",\"text\":\"Workers strike.\"}\n").unwrap();
    let e = fail(&["terms", "--by", "group", "--corpus", s(&p)], 2);
    assert!(e.contains("no source has a group"), "{e}");
}

#[test]
fn partials_carry_groups_and_merge_to_the_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_dir(tmp.path());
    let lex = lexicon();
    let count = |corpus: &Path, only: &[&str]| {
        let mut a = vec!["count", "--lexicon", s(&lex), "--corpus", s(corpus)];
        for o in only {
            a.extend(["--source", o]);
        }
        run(&a)
    };
    let whole = count(&dir, &[]);
    assert!(whole.starts_with("#framelens-partial\tv7\t"));
    assert!(
        whole.contains("\nsource\tann\tann\t\ten\t\tleft\n"),
        "{whole}"
    );
    assert!(whole.contains("\nsource\tfay\tfay\t\ten\t\t\n"), "{whole}");
    let a = tmp.path().join("a.tsv");
    let b = tmp.path().join("b.tsv");
    std::fs::write(&a, count(&dir, &["ann", "dee", "fay"])).unwrap();
    std::fs::write(&b, count(&dir, &["bob", "cal", "eli", "gus"])).unwrap();
    let merged = run(&["merge", s(&a), s(&b)]);
    assert_eq!(merged, whole, "merge(count(A), count(B)) != count(A ∪ B)");
    assert_eq!(run(&["merge", s(&b), s(&a)]), whole);

    // One source in two groups across partials: an error naming both.
    let one = write_jsonl(&tmp.path().join("one.jsonl"), false);
    let text = std::fs::read_to_string(&one).unwrap();
    let other = tmp.path().join("other.jsonl");
    std::fs::write(
        &other,
        text.replace("\"group\":\"left\"", "\"group\":\"right\"")
            .replace(".txt\"", ".txt-2\""),
    )
    .unwrap();
    let (p1, p2) = (tmp.path().join("p1.tsv"), tmp.path().join("p2.tsv"));
    std::fs::write(&p1, count(&one, &["ann"])).unwrap();
    std::fs::write(&p2, count(&other, &["ann"])).unwrap();
    let e = fail(&["merge", s(&p1), s(&p2)], 1);
    assert!(
        e.contains("source \"ann\" is in group \"left\" in one partial and in group \"right\" in the other"),
        "{e}"
    );
}

#[test]
fn generate_puts_sources_in_groups() {
    let tmp = tempfile::tempdir().unwrap();
    for (format, out) in [("dir", "d"), ("jsonl", "c.jsonl")] {
        let out = tmp.path().join(out);
        run(&[
            "generate",
            "--size",
            "0.3",
            "--sources",
            "5",
            "--groups",
            "2",
            "--format",
            format,
            "--out",
            s(&out),
        ]);
        let t = run(&[
            "similarity",
            "--by",
            "group",
            "--format",
            "json",
            "--corpus",
            s(&out),
        ]);
        let j: Value = serde_json::from_str(&t).unwrap();
        assert_eq!(
            j["groups"],
            serde_json::json!([
                {"group": "group1", "language": "en", "sources": ["source01", "source03", "source05"], "ungrouped": false},
                {"group": "group2", "language": "en", "sources": ["source02", "source04"], "ungrouped": false},
            ]),
            "{format}"
        );
    }
    let e = fail(
        &[
            "generate",
            "--sources",
            "2",
            "--groups",
            "3",
            "--out",
            s(&tmp.path().join("x")),
        ],
        2,
    );
    assert!(e.contains("--groups 3 is more than --sources 2"), "{e}");
}

#[test]
fn a_group_of_two_languages_is_mul_and_within_group_stays_within_a_language() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("c.jsonl");
    let lines = [
        (
            "ann",
            "left",
            "en",
            "Workers strike for fair wages and the unions march.",
        ),
        (
            "bob",
            "left",
            "en",
            "The unions demand wages; workers join the strike.",
        ),
        (
            "eva",
            "left",
            "es",
            "Los trabajadores marchan por salarios justos.",
        ),
        (
            "carlos",
            "der",
            "es",
            "Los impuestos deben bajar para el crecimiento.",
        ),
        (
            "dora",
            "der",
            "es",
            "Menos impuestos y menos regulación para las empresas.",
        ),
    ];
    let text: String = lines
        .iter()
        .map(|(s, g, l, t)| {
            format!(
                "{}\n",
                serde_json::json!({"source": s, "group": g, "language": l, "text": t})
            )
        })
        .collect();
    std::fs::write(&p, text).unwrap();
    let j: Value = serde_json::from_str(&run(&[
        "similarity",
        "--by",
        "group",
        "--format",
        "json",
        "--corpus",
        s(&p),
    ]))
    .unwrap();
    let langs: Vec<(&str, &str)> = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap(),
                g["language"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(langs, [("der", "es"), ("left", "mul")]);
    // Each language's sources among themselves: eva has no other Spanish
    // source in her group, so she is left out; the others are compared.
    let k: Value = serde_json::from_str(&run(&[
        "keyness",
        "--within-group",
        "--format",
        "json",
        "--corpus",
        s(&p),
    ]))
    .unwrap();
    let pairs: Vec<(&str, &str)> = k["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["target"].as_str().unwrap(),
                c["reference"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("ann", "(rest of group left)"),
            ("bob", "(rest of group left)"),
            ("carlos", "(rest of group der)"),
            ("dora", "(rest of group der)"),
        ]
    );
    assert_eq!(k["left_out"], serde_json::json!(["eva"]));
}

/// Under `--by group`, `--source` names a group: naming a source is a usage
/// error that lists the groups and says which group the source is in, the
/// same in keyness, tfidf and lexicon.
#[test]
fn a_source_named_under_by_group_is_told_its_group() {
    let corpus = Path::new(ROOT).join("tests/fixtures/groups/speeches.jsonl");
    for command in ["keyness", "tfidf", "lexicon"] {
        let err = fail(
            &[
                command,
                "--by",
                "group",
                "--source",
                "ann",
                "--corpus",
                s(&corpus),
            ],
            2,
        );
        assert!(
            err.contains("unknown group 'ann'; groups: centre, fay, left, right")
                && err.contains("'ann' is a source of group 'left'"),
            "{command}: {err}"
        );
    }
}
