"""`quotelens.analyze` from Python: the CLI's fields and values, lists, the GIL."""

import json
import threading
import time

import pytest

import quotelens
from conftest import ROOT, run_cli


def test_version_is_the_crates():
    cargo = (ROOT / "Cargo.toml").read_text()
    assert f'version = "{quotelens.__version__}"' in cargo.split("[lib]")[0]


def test_one_text_gives_the_quote_and_speaker():
    result = quotelens.analyze("“Very soon, we will see,” Blinken said.")
    assert result == {
        "quotes": [
            {
                "start": 1,
                "end": 24,
                "text": "Very soon, we will see,",
                "speaker": "Blinken",
                "speaker_start": 26,
                "speaker_end": 33,
                "role": None,
                "cue": "said",
                "kind": "direct",
                "confidence": 0.95,
                "why": {
                    "rule": "after",
                    "resolution": "named",
                    "runner_up": None,
                    "text": "after the quote, “said” names “Blinken”",
                },
            }
        ],
        "speakers": [
            {"name": "Blinken", "role": None, "aliases": [], "quote_count": 1}
        ],
    }


def test_offsets_are_python_string_indices():
    text = "Emoji first 🎉. “Ça va très bien,” dit-il, said Zoë Müller."
    for q in quotelens.analyze(text)["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_every_article_matches_the_cli_json_exactly(cli, articles):
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in articles)
    from_cli = [json.loads(line) for line in run_cli(cli, "-", stdin=lines.encode()).splitlines()]
    assert len(from_cli) == len(articles)
    from_python = quotelens.analyze([text for _, text in articles])
    for (article_id, _), printed, result in zip(articles, from_cli, from_python):
        assert printed.pop("id") == article_id
        assert result == printed, article_id


def test_a_list_gives_the_results_of_each_text_in_order(articles):
    texts = [text for _, text in articles][:20] + ["", "No quotes."]
    one_by_one = [quotelens.analyze(text) for text in texts]
    assert quotelens.analyze(texts) == one_by_one
    assert quotelens.analyze(texts, jobs=1) == one_by_one
    assert quotelens.analyze(texts, jobs=3) == one_by_one
    assert quotelens.analyze([]) == []


def test_wrong_arguments_raise_clear_errors():
    with pytest.raises(TypeError, match="a str or a list of str"):
        quotelens.analyze(42)
    with pytest.raises(TypeError, match="a str or a list of str"):
        quotelens.analyze(["text", None])
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        quotelens.analyze(["text"], jobs=0)


def test_the_gil_is_released_while_the_core_works():
    # A quote left open for 16 MB: long for the core, one quote for Python.
    text = "“" + "word and more words. " * 800_000
    ticks = []
    span = {}

    def analyse():
        span["start"] = time.perf_counter()
        quotelens.analyze(text)
        span["end"] = time.perf_counter()

    worker = threading.Thread(target=analyse)
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    start, end = span["start"], span["end"]
    quarter = (end - start) / 4
    # Holding the GIL, the core would stop this thread for the whole call; the
    # middle half of the call, away from the hand-overs at either end, counts.
    middle = [t for t in ticks if start + quarter < t < end - quarter]
    assert len(middle) > 100, f"{len(middle)} ticks in {end - start:.3f} s"


def test_a_text_over_max_size_raises_value_error_naming_it():
    text = "“Yes,” Blinken said. " * 100
    with pytest.raises(ValueError, match=r"text is 2500 bytes in UTF-8, over the limit of 1000 \(max_size\)"):
        quotelens.analyze(text, max_size=1000)
    with pytest.raises(ValueError, match=r"texts\[1\] is 2500 bytes"):
        quotelens.analyze(["short", text], max_size=1000)
    # Under the default limit it is analysed as usual.
    assert len(quotelens.analyze(text)["quotes"]) == 100


def test_text_that_is_not_unicode_raises_not_crashes():
    # A lone surrogate cannot be UTF-8: UnicodeEncodeError is a ValueError.
    with pytest.raises(ValueError):
        quotelens.analyze("“Yes,” he said.\ud800")
    with pytest.raises(ValueError):
        quotelens.analyze(["fine", "\udfff"])
    with pytest.raises(TypeError, match=r"texts\[1\] is a bytes"):
        quotelens.analyze(["fine", b"bytes"])
    with pytest.raises(TypeError, match="a str or a list of str"):
        quotelens.analyze(42)


def test_a_quote_that_looks_like_a_formula_is_data_not_changed():
    result = quotelens.analyze("“=SUM(A1:A9) is all they see,” said Mayor Ruth Okafor.")
    assert result["quotes"][0]["text"] == "=SUM(A1:A9) is all they see,"
