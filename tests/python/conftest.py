"""Shared fixtures: the repository, the CLI to compare with, and the articles."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def cli():
    """The release CLI (`make release`), built here when it is missing."""
    binary = Path(os.environ.get("QUOTELENS_CLI", ROOT / "target/release/quotelens"))
    if not binary.exists():
        subprocess.run(
            ["cargo", "build", "--release", "--bin", "quotelens"], cwd=ROOT, check=True
        )
    return binary


def run_cli(cli, *args, stdin=None):
    done = subprocess.run(
        [str(cli), "extract", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        check=True,
    )
    return done.stdout.decode()


@pytest.fixture(scope="session")
def articles():
    """(id, text) of the bundled articles, plus PolNeAR dev when ../shared is there."""
    found = [("seed", (ROOT / "tests/fixtures/seed-article.txt").read_text())]
    dev = SHARED / "data/polnear-dev.jsonl"
    if dev.exists():
        with dev.open() as lines:
            found += [(str(a["id"]), a["text"]) for a in map(json.loads, lines)]
    else:
        print(f"{dev} is not there: PolNeAR dev skipped, the seed article only")
    return found
