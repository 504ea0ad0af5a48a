//! Average-linkage clustering equals scipy's: the fixture
//! `tests/fixtures/cluster/scipy_average.json` is made by
//! `tests/reference/cluster_reference.py` (see its docstring) with
//! `scipy.cluster.hierarchy.linkage(method="average")` and `leaves_list`;
//! each case's merges (cluster ids, smaller first, and sizes equal, heights to
//! 1e-12) and leaf order must be scipy's.

use framelens::stats::cluster::{average_linkage, leaf_order, order_by_similarity};
use serde_json::Value;

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cluster/scipy_average.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect()
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

#[test]
fn merges_and_leaf_order_equal_scipy() {
    let doc = fixture();
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let n = case["n"].as_u64().unwrap() as usize;
        let d = matrix(&case["distances"]);
        assert_eq!(d.len(), n, "{name}");
        let z = average_linkage(&d);
        let expected = case["merges"].as_array().unwrap();
        assert_eq!(z.len(), n - 1, "{name}");
        assert_eq!(expected.len(), n - 1, "{name}");
        for (k, (m, e)) in z.iter().zip(expected).enumerate() {
            let e = e.as_array().unwrap();
            let (left, right) = (e[0].as_u64().unwrap(), e[1].as_u64().unwrap());
            let (height, size) = (e[2].as_f64().unwrap(), e[3].as_u64().unwrap());
            assert_eq!(
                (m.left as u64, m.right as u64, m.size as u64),
                (left, right, size),
                "{name}: merge {k}"
            );
            assert!(
                (m.height - height).abs() <= 1e-12,
                "{name}: merge {k} at {} (scipy {height})",
                m.height
            );
        }
        let leaves = usizes(&case["leaves"]);
        assert_eq!(leaf_order(&z, n), leaves, "{name}: leaf order");
        // The report's entry point, on the similarity 1 − d.
        if name.starts_with("cosine") {
            let s: Vec<Vec<f64>> = d
                .iter()
                .map(|r| r.iter().map(|x| 1.0 - x).collect())
                .collect();
            assert_eq!(order_by_similarity(&s), leaves, "{name}: 1 − cosine");
        }
    }
}
