"""Who is quoted across a corpus: a PySpark job over the quotelens Python package.

Reads JSON Lines shards (one {"id", "text"} object a line, as `quotelens extract`
reads them), analyses each partition with `quotelens.analyze`, and writes one row
per quote as Parquet:

    article_id, start, end, text, speaker, role, cue, kind, confidence

Offsets are Unicode code points into the article's text, end exclusive.

    python examples/spark_quotes.py --master 'local[*]' 'shards/*.jsonl' quotes.parquet

On a cluster, every executor needs the `quotelens` package (see README.md,
"For researchers"), then:

    spark-submit --master yarn examples/spark_quotes.py s3://bucket/news/*.jsonl s3://bucket/quotes
"""

import argparse
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import (
    FloatType,
    LongType,
    StringType,
    StructField,
    StructType,
)

ARTICLES = StructType(
    [StructField("id", StringType()), StructField("text", StringType())]
)

QUOTES = StructType(
    [
        StructField("article_id", StringType(), False),
        StructField("start", LongType(), False),
        StructField("end", LongType(), False),
        StructField("text", StringType(), False),
        StructField("speaker", StringType()),
        StructField("role", StringType()),
        StructField("cue", StringType()),
        StructField("kind", StringType(), False),
        StructField("confidence", FloatType(), False),
    ]
)

# Articles handed to the core at once: enough to amortise the call, few enough
# that a partition of long pages stays small in a Python worker's memory.
BATCH = 256


def quote_rows(articles):
    """One tuple per quote (in QUOTES order) for an iterable of (id, text)."""
    import quotelens  # on the executor, where the package is installed

    batch = []
    for article_id, text in articles:
        if text is None:
            continue
        batch.append((article_id, text))
        if len(batch) == BATCH:
            yield from _analyse(quotelens, batch)
            batch = []
    yield from _analyse(quotelens, batch)


def _analyse(quotelens, batch):
    if not batch:
        return
    # jobs=1: Spark already runs one Python worker per core.
    results = quotelens.analyze([text for _, text in batch], jobs=1)
    for (article_id, _), result in zip(batch, results):
        for q in result["quotes"]:
            yield (
                article_id,
                q["start"],
                q["end"],
                q["text"],
                q["speaker"],
                q["role"],
                q["cue"],
                q["kind"],
                q["confidence"],
            )


def extract_quotes(spark, source, destination):
    """Reads the JSON Lines at `source` (a path, glob or list of them) and
    writes the quote rows to `destination` as Parquet."""
    articles = spark.read.schema(ARTICLES).json(source)
    rows = articles.rdd.map(lambda a: (a.id, a.text)).mapPartitions(quote_rows)
    spark.createDataFrame(rows, QUOTES).write.mode("overwrite").parquet(destination)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="+", help="JSON Lines files, folders or globs")
    parser.add_argument("destination", help="where to write the Parquet files")
    parser.add_argument("--master", help="e.g. local[*]; default: spark-submit's")
    args = parser.parse_args(argv)
    builder = SparkSession.builder.appName("quotelens")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        extract_quotes(spark, args.source, args.destination)
        count = spark.read.parquet(args.destination).count()
        print(f"{count} quotes written to {args.destination}")
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
