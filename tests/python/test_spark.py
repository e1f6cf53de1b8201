"""examples/spark_quotes.py in Spark local mode: one Parquet row per quote, as
many as the CLI finds on the same articles."""

import json
import os
import sys

import pytest

from conftest import ROOT, run_cli

pyspark = pytest.importorskip("pyspark", reason="pyspark is installed by `make python-test`")

sys.path.insert(0, str(ROOT / "examples"))
import spark_quotes  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    # Spark's Python workers import the job's module and run this interpreter.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "examples"), os.environ.get("PYTHONPATH", "")]
    )
    os.environ["PYSPARK_PYTHON"] = sys.executable
    # Stay on the loopback interface: a test sends nothing anywhere else.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (
        pyspark.sql.SparkSession.builder.master("local[2]")
        .appName("quotelens-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_one_row_per_quote_as_many_as_the_cli_finds(spark, cli, articles, tmp_path):
    # Three shards, numeric and string ids mixed, and one line that is not an
    # article (no text), which gives no row.
    shards = tmp_path / "shards"
    shards.mkdir()
    lines = [json.dumps({"id": i, "text": t}) for i, t in articles]
    for n in range(3):
        (shards / f"part-{n}.jsonl").write_text("\n".join(lines[n::3]) + "\n")
    (shards / "part-3.jsonl").write_text('{"id": 99, "title": "no text"}\n')

    destination = str(tmp_path / "quotes.parquet")
    spark_quotes.extract_quotes(spark, str(shards), destination)
    rows = spark.read.parquet(destination)
    assert rows.columns == [
        "article_id", "start", "end", "text", "speaker", "role", "cue", "kind", "confidence",
    ]

    tsv = run_cli(cli, "--output", "tsv", *sorted(map(str, shards.glob("part-[0-2].jsonl"))))
    cli_rows = tsv.splitlines()[1:]
    assert rows.count() == len(cli_rows) > 0
    print(f"{len(articles)} articles, {rows.count()} quote rows, as the CLI")

    # The seed article's rows are the CLI's, field for field.
    seed = sorted(
        (r.start, r.end, r.text, r.speaker or "", r.cue or "")
        for r in rows.where(rows.article_id == "seed").collect()
    )
    from_cli = sorted(
        (int(f[1]), int(f[2]), f[3].replace("\\n", "\n"), f[4], f[8])
        for f in (line.split("\t") for line in cli_rows)
        if f[0] == "seed"
    )
    assert seed == from_cli
