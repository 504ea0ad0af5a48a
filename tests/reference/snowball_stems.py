#!/usr/bin/env python3
"""Snowball stems of a word list by PyStemmer (the Snowball project's own C
library, libstemmer_c, wrapped for Python), to check the stems framelens gets
from rust-stemmers against another implementation of the same algorithms.

    python3 tests/reference/snowball_stems.py spanish \
        tests/fixtures/stems/es_words.txt tests/fixtures/stems/es_snowball-3.1.0.tsv

Writes one `word<TAB>stem` line per word of the list (one word per line, in
its order), after a `#` line naming the PyStemmer and Snowball versions. The
Snowball version is the libstemmer_c release PyStemmer wraps: the first three
parts of its version from 2.2 on (3.1.0 wraps Snowball 3.1.0); PyStemmer
2.0.x wraps Snowball 2.0.0, the release rust-stemmers 1.2 was generated from.
Run it under each PyStemmer to compare (`pip install PyStemmer==2.0.1` into
a separate folder and put it first on PYTHONPATH for the older one).
"""

import sys

import Stemmer


def snowball_version(pystemmer: str) -> str:
    if pystemmer.startswith("2.0."):
        return "2.0.0"
    return ".".join(pystemmer.split(".")[:3])


def main() -> None:
    algorithm, words_path, out_path = sys.argv[1:4]
    with open(words_path, encoding="utf-8") as f:
        words = [line.strip() for line in f if line.strip()]
    stemmer = Stemmer.Stemmer(algorithm)
    version = Stemmer.version()
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write(
            f"# {algorithm}: PyStemmer {version} (Snowball {snowball_version(version)})\n"
        )
        for word in words:
            out.write(f"{word}\t{stemmer.stemWord(word)}\n")


if __name__ == "__main__":
    main()
