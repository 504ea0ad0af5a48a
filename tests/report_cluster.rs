//! The similarity and divergence heatmaps draw the sources in the leaf order of
//! average-linkage clustering of 1 − cosine, so alike sources sit together,
//! while analysis.json keeps the matrices in source order and names the order.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// Four sources in the order alpha, bravo, charlie, delta: alpha and charlie
/// write nearly the same words, bravo and delta nearly the same other words,
/// so source order separates the alike sources.
fn corpus(path: &Path) {
    let unrest = "protesters marched through the capital demanding new elections while riot police fired tear gas near congress";
    let economy = "exporters reported copper revenue rising as the central bank held interest rates and mining investment grew";
    let sources = [
        ("alpha", unrest, "students"),
        ("bravo", economy, "analysts"),
        ("charlie", unrest, "unions"),
        ("delta", economy, "investors"),
    ];
    let mut text = String::new();
    for (source, words, own) in sources {
        for i in 0..3 {
            text.push_str(&format!(
                "{{\"source\":\"{source}\",\"id\":\"{source}{i}\",\"text\":\"{words}. {own} said so on day {i}.\"}}\n"
            ));
        }
    }
    std::fs::write(path, text).unwrap();
}

/// The row labels of a source × source heatmap, top to bottom: its
/// right-aligned `<text>` elements (the column labels are centred) that hold
/// one of `names`.
fn row_order<'a>(svg: &str, names: &[&'a str]) -> Vec<&'a str> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (attributes, rest) = t.split_once('>')?;
            let content = rest.split_once("</text>")?.0.trim();
            let name = names.iter().find(|n| **n == content)?;
            attributes.contains("text-anchor=\"end\"").then_some(*name)
        })
        .collect()
}

fn adjacent(order: &[&str], a: &str, b: &str) -> bool {
    let at = |x: &str| order.iter().position(|y| *y == x).unwrap();
    at(a).abs_diff(at(b)) == 1
}

#[test]
fn the_heatmaps_put_alike_sources_next_to_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.jsonl");
    corpus(&c);
    let out = dir.path().join("r");
    let run = Command::cargo_bin("framelens")
        .unwrap()
        .args(["report", "--corpus"])
        .arg(&c)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("analysis.json")).unwrap()).unwrap();
    let sim = &json["similarity"][0];
    let sources: Vec<&str> = sim["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(sources, ["alpha", "bravo", "charlie", "delta"]);
    // The matrices stay in source order: alpha (row 0) is most like charlie
    // (column 2).
    let cos = |i: usize, j: usize| sim["cosine_tfidf"][i][j].as_f64().unwrap();
    assert!(
        cos(0, 2) > 0.5 && cos(0, 1) < 0.1,
        "{}",
        sim["cosine_tfidf"]
    );
    assert!(
        cos(1, 3) > 0.5 && cos(2, 3) < 0.1,
        "{}",
        sim["cosine_tfidf"]
    );
    let order: Vec<&str> = sim["cluster_order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    // Each alike pair side by side (source order has them apart).
    assert!(adjacent(&order, "alpha", "charlie"), "{order:?}");
    assert!(adjacent(&order, "bravo", "delta"), "{order:?}");

    for file in ["similarity.svg", "divergence.svg"] {
        let svg = std::fs::read_to_string(out.join("charts").join(file)).unwrap();
        assert_eq!(row_order(&svg, &sources), order, "{file}");
        assert!(
            svg.contains("ordered by average-linkage hierarchical clustering of 1 − cosine"),
            "{file}"
        );
    }
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("ordered by average-linkage hierarchical clustering of 1 − cosine"));
    assert!(page.contains("average-linkage (UPGMA) hierarchical clustering"));
}
