#!/usr/bin/env python3
"""Snowball stems of every word of a Spanish text by PyStemmer (the Snowball
project's C library, libstemmer_c, wrapped for Python), to check framelens'
tokenizer and stemmer on real running prose rather than on a word list.

    python3 tests/reference/spanish_text.py \
        tests/fixtures/spanish/maint-guide-es_start.txt \
        tests/fixtures/spanish/maint-guide-es_start_snowball-3.1.0.tsv

The words are found here, independently of framelens: every run of letters
(the regular expression [^\\W\\d_]+, so digits, underscores, hyphens,
apostrophes and punctuation separate words), lowercased and in Unicode NFC.
Each distinct word is written once, in the order of its first occurrence, as
a `word<TAB>stem` line after a `#` line naming the algorithm and the
PyStemmer and Snowball versions (as tests/reference/snowball_stems.py does;
run it under PyStemmer 2.0.1 for Snowball 2.0.0, the release rust-stemmers
1.2 was generated from, and under 3.1.0 for the newest).
"""

import re
import sys
import unicodedata

import Stemmer

WORD = re.compile(r"[^\W\d_]+")


def snowball_version(pystemmer: str) -> str:
    if pystemmer.startswith("2.0."):
        return "2.0.0"
    return ".".join(pystemmer.split(".")[:3])


def words(text: str) -> list:
    seen = {}
    for m in WORD.finditer(unicodedata.normalize("NFC", text)):
        seen.setdefault(m.group(0).lower(), None)
    return list(seen)


def main() -> None:
    text_path, out_path = sys.argv[1:3]
    with open(text_path, encoding="utf-8") as f:
        text = f.read()
    stemmer = Stemmer.Stemmer("spanish")
    version = Stemmer.version()
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write(
            f"# spanish: PyStemmer {version} (Snowball {snowball_version(version)})\n"
        )
        for word in words(text):
            out.write(f"{word}\t{stemmer.stemWord(word)}\n")


if __name__ == "__main__":
    main()
