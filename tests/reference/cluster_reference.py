#!/usr/bin/env python3
"""Reference average-linkage clustering from scipy, for `stats::cluster`.

Writes a JSON fixture of a few random symmetric distance matrices, each with
scipy's merges (`scipy.cluster.hierarchy.linkage(method="average")`: the two
cluster ids, smaller first, the merge height and the new cluster's size) and
its leaf order (`leaves_list`): each merge is [left, right, height, size], under a header naming the Python, numpy and
scipy versions. The matrices are full (n x n, zero diagonal), their values
written in Python's shortest round-trip form, so the Rust test reads the very
numbers scipy clustered.

Cases: uniform random distances (5, 12 and 30 items), and 1 - cosine of
random non-negative vectors with a few near-duplicate pairs (12 and 40 items:
what the report clusters, up to its 40 sources). The random values have no
ties; `stats::cluster` breaks ties by its own rule (see its module doc).

Usage (from the repository root):
    pip install scipy numpy
    python3 tests/reference/cluster_reference.py tests/fixtures/cluster/scipy_average.json

`tests/cluster_reference.rs` recomputes every case with
`framelens::stats::cluster` and requires the same merges (ids and sizes
equal, heights to 1e-12) and the same leaf order.
"""
import json
import platform
import sys

import numpy as np
import scipy
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform


def uniform(rng, n):
    """A symmetric matrix of uniform [0, 1) distances, zero diagonal."""
    d = rng.random((n, n))
    d = np.triu(d, 1)
    return d + d.T


def one_minus_cosine(rng, n, terms=60, pairs=3):
    """1 - cosine of n random non-negative sparse vectors, the first `pairs`
    vectors each copied (with a little noise) to a random other place."""
    x = rng.random((n, terms)) * (rng.random((n, terms)) < 0.3)
    for k in range(pairs):
        j = n - 1 - k
        x[j] = x[k] + 0.05 * rng.random(terms)
    x = x[rng.permutation(n)]
    norms = np.linalg.norm(x, axis=1)
    cos = np.clip((x @ x.T) / np.outer(norms, norms), -1.0, 1.0)
    d = 1.0 - cos
    np.fill_diagonal(d, 0.0)
    # Exactly symmetric, as framelens' matrices are.
    d = np.triu(d, 1)
    return d + d.T


def case(name, d):
    z = linkage(squareform(d, checks=False), method="average")
    return {
        "name": name,
        "n": int(d.shape[0]),
        "distances": [[float(v) for v in row] for row in d],
        "merges": [
            [int(a), int(b), float(h), int(s)] for a, b, h, s in z
        ],
        "leaves": [int(i) for i in leaves_list(z)],
    }


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(20240611)
    cases = [
        case("uniform_5", uniform(rng, 5)),
        case("uniform_12", uniform(rng, 12)),
        case("uniform_30", uniform(rng, 30)),
        case("cosine_12", one_minus_cosine(rng, 12)),
        case("cosine_40", one_minus_cosine(rng, 40, terms=200, pairs=8)),
    ]
    doc = {
        "generator": "tests/reference/cluster_reference.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "method": "scipy.cluster.hierarchy.linkage(method='average') + leaves_list",
        "cases": cases,
    }
    with open(out, "w") as f:
        f.write(compact(doc))
        f.write("\n")


def compact(v, indent=""):
    """JSON with a list of numbers (a matrix row, a merge's fields) on one line."""
    inner = indent + "  "
    if isinstance(v, dict):
        items = [f"{inner}{json.dumps(k)}: {compact(x, inner)}" for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(v, list) and any(isinstance(x, (dict, list)) for x in v):
        items = [inner + compact(x, inner) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(v)


if __name__ == "__main__":
    main()
