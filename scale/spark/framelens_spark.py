#!/usr/bin/env python3
"""Run framelens on Apache Spark: `framelens count` on every partition of a
dataset (RDD.pipe, checkCode=True), a tree of `framelens merge -` on the
executors, and the merged partial written on the driver. Then
`framelens report --stats MERGED` makes reports/ (here with --report DIR).

Datasets:
  --layout jsonl  one JSON article per line (framelens's JSONL layout), one file,
                  a directory or a glob (anything sc.textFile reads: HDFS, S3...).
  --layout dir    a directory corpus DIR/<source>/<article>.txt|.md, read with
                  sc.wholeTextFiles. corpus.toml (names, boilerplate) is NOT
                  applied: convert such a corpus to JSONL first.

Article ids: framelens gives an article without an "id" the id
"<file name>:<line>". For a single JSONL file the driver does the same (the line
numbers come from a count of lines per partition, one extra pass over the data), so the result
equals a single-process `framelens count --corpus FILE`. For several files every
line must carry an id (else the job fails), and --require-ids skips the extra
pass for a single file too.

Failure: a malformed line makes framelens exit non-zero in its task, Spark
fails the job (checkCode=True), and this script exits 1. Nothing is skipped
silently.
"""

import argparse
import hashlib
import json
import os
import shlex
import shutil
import sys


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="dataset path (file, directory or glob; any Hadoop file system)")
    p.add_argument("--layout", choices=["jsonl", "dir"], default="jsonl")
    p.add_argument("--out", required=True,
                   help="merged partial: a local file (written by the driver), or a directory URI "
                        "(hdfs://, s3a://: Spark writes one part file there)")
    p.add_argument("--binary", default="./framelens",
                   help="framelens as the executors see it (default ./framelens: shipped with --files)")
    p.add_argument("--lexicon", default="lexicon.toml",
                   help="the lexicon as the executors see it (default lexicon.toml: shipped with --files)")
    p.add_argument("--partitions", type=int, default=0, help="minimum input partitions (default: Spark's)")
    p.add_argument("--fan-in", type=int, default=8, help="partials merged per task at each level of the merge tree")
    p.add_argument("--threads", type=int, default=0,
                   help="framelens threads per task (default: spark.task.cpus)")
    p.add_argument("--require-ids", action="store_true",
                   help="every JSONL line has an id: skip the line-numbering pass")
    p.add_argument("--count-arg", action="append", default=[],
                   help="extra argument for `framelens count` (repeat): e.g. --count-arg=--no-stem")
    p.add_argument("--master", help="Spark master (default: as spark-submit sets it)")
    p.add_argument("--report", help="also run `framelens report --stats` into this folder (on the driver)")
    p.add_argument("--local-binary", help="framelens on the driver, for --report (default: --binary)")
    p.add_argument("--local-lexicon", help="the lexicon on the driver, for --report (default: --lexicon)")
    return p.parse_args(argv)


def is_single_local_file(path):
    return "://" not in path and os.path.isfile(path)


def with_ids(name, offsets):
    """Gives a JSONL line without an id the id framelens would give it:
    "<file name>:<line>", the line numbers from the partition offsets."""

    def fix(line, number):
        s = line.lstrip()
        if s.startswith('{"id"') or not s.strip():
            return line
        try:
            obj = json.loads(s)
        except ValueError:
            return line  # framelens reports it, with the error, and fails the task
        if not isinstance(obj, dict) or obj.get("id") not in (None, ""):
            return line
        new_id = "%s:%d" % (name, number)
        if "id" in obj:  # null or "": framelens treats it as absent
            obj["id"] = new_id
            return json.dumps(obj, ensure_ascii=False)
        rest = s[1:].lstrip()
        sep = "" if rest.startswith("}") else ", "
        return '{"id": ' + json.dumps(new_id) + sep + rest

    def f(index, lines):
        for k, line in enumerate(lines):
            yield fix(line, offsets[index] + k + 1)

    return f


def relabel_warnings(path, offsets):
    """A shard's warnings name `-` and lines of its partition: name the file and
    its lines, as a single-process run does (the order within a shard is kept)."""
    prefix = "warning\t-\t"

    def f(index, lines):
        for line in lines:
            if line.startswith(prefix):
                parts = line.split("\t")
                n = int(parts[2])
                parts[1] = escape(path)
                parts[2] = str(n + offsets[index]) if n else "0"
                line = "\t".join(parts)
            yield line

    return f


def require_id(line):
    s = line.lstrip()
    if not s.strip() or s.startswith('{"id"'):
        return line
    try:
        obj = json.loads(s)
    except ValueError:
        return line
    if isinstance(obj, dict) and obj.get("id") in (None, ""):
        raise ValueError("a JSONL line without an id in a multi-file dataset (or with --require-ids): %.200s" % line)
    return line


def dir_articles(pair):
    """(path, text) of DIR/<source>/<file> → a JSONL line with framelens's directory id."""
    path, text = pair
    parts = path.rstrip("/").split("/")
    source, name = parts[-2], parts[-1]
    if not (name.endswith(".txt") or name.endswith(".md")):
        return []
    if text.startswith("\ufeff"):
        text = text[1:]
    return [json.dumps({"id": "%s/%s" % (source, name), "source": source, "text": text}, ensure_ascii=False)]


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def shown_path(path):
    """The path as framelens records it (Rust's Path::components joined by "/")."""
    parts = path.split("/")
    return "/".join([parts[0]] + [p for p in parts[1:] if p not in ("", ".")])


def name_corpus(lines, corpus, local_file):
    """The shards read standard input (`corpus -`); name the dataset instead, and
    for a single local file record its hash as `framelens count --corpus FILE` does
    (one record more: the partial's end record, `end<TAB>N`, counts it)."""
    added = 0
    for line in lines:
        if line == "corpus\t-":
            yield "corpus\t" + escape(corpus)
            if local_file:
                shown = shown_path(corpus)
                yield "input\t%s\t%d\t%s" % (escape(shown), os.path.getsize(corpus), sha256_file(corpus))
                added += 1
        elif line.startswith("end\t"):
            yield "end\t%d" % (int(line[4:]) + added)
            added = 0
        else:
            yield line


def run(args):
    from pyspark import SparkConf, SparkContext, StorageLevel

    conf = SparkConf().setAppName("framelens")
    if args.master:
        conf = conf.setMaster(args.master)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")
    threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    count_cmd = [args.binary, "count", "--corpus", "-", "--out", "-", "--quiet",
                 "--lexicon", args.lexicon, "--threads", str(threads)] + args.count_arg
    merge_cmd = [args.binary, "merge", "-"]
    local_file = args.layout == "jsonl" and is_single_local_file(args.input)
    offsets = None
    try:
        if args.layout == "jsonl":
            lines = sc.textFile(args.input, minPartitions=args.partitions or None)
            if local_file and not args.require_ids:
                # Lines per partition (one pass), for framelens's line numbers.
                sizes = lines.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
                offsets = [0]
                for n in sizes[:-1]:
                    offsets.append(offsets[-1] + n)
                lines = lines.mapPartitionsWithIndex(with_ids(os.path.basename(args.input), offsets))
            else:
                lines = lines.map(require_id)
        else:
            pattern = args.input.rstrip("/") + "/*/*"
            lines = sc.wholeTextFiles(pattern, minPartitions=args.partitions or None).flatMap(dir_articles)
        # One partial per partition, materialized so that the merge tree below
        # (narrow coalesces) does not collapse the counting stage's parallelism.
        partials = lines.pipe(" ".join(shlex.quote(c) for c in count_cmd), checkCode=True)
        if offsets is not None:
            partials = partials.mapPartitionsWithIndex(relabel_warnings(args.input, offsets))
        partials = partials.persist(StorageLevel.MEMORY_AND_DISK)
        partials.count()
        n = partials.getNumPartitions()
        levels = [partials]
        while n > 1:
            n = max(1, -(-n // args.fan_in))
            # coalesce keeps each partial's lines together: a task reads several
            # concatenated partials and `framelens merge -` sums them.
            partials = partials.coalesce(n).pipe(" ".join(shlex.quote(c) for c in merge_cmd), checkCode=True)
            if n > 1:
                # Materialize each level but the last (written directly below).
                partials = partials.persist(StorageLevel.MEMORY_AND_DISK)
                partials.count()
                levels.pop().unpersist()
                levels.append(partials)
        # The merged partial can be large (one line per article): the
        # last task writes it (no collect through the JVM heap of the driver).
        remote = "://" in args.out and not args.out.startswith("file://")
        parts = args.out if remote else os.path.abspath(args.out) + ".parts"
        if not remote and os.path.exists(parts):
            shutil.rmtree(parts)
        partials.saveAsTextFile(parts if remote else "file://" + parts)
    except Exception as e:  # a failed task: framelens's message is in the executor's stderr
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        print("framelens_spark: the Spark job failed: %s" % msg, file=sys.stderr)
        return 1
    finally:
        sc.stop()
    if remote:
        # A directory with one part file; its corpus line is "-".
        return 0
    files = sorted(f for f in os.listdir(parts) if f.startswith("part-"))
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for name in files:
            with open(os.path.join(parts, name), encoding="utf-8", newline="\n") as f:
                lines = (line.rstrip("\n") for line in f)
                for line in name_corpus(lines, args.input, local_file):
                    out.write(line + "\n")
    shutil.rmtree(parts)
    if args.report:
        import subprocess

        binary = args.local_binary or args.binary
        lexicon = args.local_lexicon or args.lexicon
        r = subprocess.run([binary, "report", "--stats", args.out, "--lexicon", lexicon, "--out", args.report])
        return r.returncode
    return 0


if __name__ == "__main__":
    sys.exit(run(parse_args(sys.argv[1:])))
