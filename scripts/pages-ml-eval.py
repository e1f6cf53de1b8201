#!/usr/bin/env python3
"""Quote finding and speaker naming on the non-English news pages of ../shared/pages-ml.

    python3 scripts/pages-ml-eval.py --bin target/release/quotelens \
        --pages ../shared/pages-ml --labels tests/pages-ml/labels [--verbose] [--json FILE]

The labels (tests/pages-ml/labels/<page stem>.json) hold no page text, only where each
quotation sits in the saved page and who said it:

    {"page": "fr-lepoint.html", "lang": "fr", "labelled_by": "...",
     "quotes": [{"start": 33316, "end": 33474, "speaker_name": "Yassin E."}, ...]}

start/end are byte offsets into the raw HTML file (end exclusive), covering the quotation's
words without its marks; speaker_name is null when the article never names the speaker.
This script reads each gold range back out of the page (tags dropped, entities decoded,
white space collapsed), runs the CLI on the page, and compares the two by their words:

- Detection: a predicted quote (kind direct or partial; terms are not quotes) matches a gold
  one when the words they share, in order, are at least half of the words of each. Pairs
  are made one to one, the largest share first. Both sides are cut at line breaks first, a
  piece a paragraph, as the gold is. P = matched / predicted, R = matched / gold.
- Names, end to end: a matched prediction is right when the speaker the CLI shows is the
  gold speaker_name by the rule of the "names" block of ../shared/score.py (case aside: the
  same words, the same last word, or the one's words found in a row inside the other's).
  Gold quotes whose speaker_name is null are left out, with the predictions matched to
  them, as that block does. P = right / predictions that show a speaker (less those left
  out), R = right / gold quotes with a name.

Prints a table per language and overall (per page too with --verbose); --json writes the
figures. When the pages directory is missing it says SKIPPED and exits 0.
"""
import argparse
import difflib
import html
import json
import os
import re
import subprocess
import sys
import unicodedata

LANGS = ["fr", "es", "pt", "it", "pl", "cs", "nl"]
QUOTE_KINDS = {"direct", "partial"}

# A tag, with '>' allowed inside quoted attribute values (some pages put it in class lists).
TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def page_text(raw, start, end):
    """The words of raw[start:end]: tags dropped, entities decoded, white space collapsed."""
    piece = raw[start:end].decode("utf-8", errors="replace")
    return " ".join(html.unescape(TAG.sub("", piece)).split())


def words(text):
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return re.findall(r"\w+", text)


def shared_words(a, b):
    """How many words a and b have in common, in the same order."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks())


def pair_up(gold, pred):
    """One-to-one pairs (gold index, pred index), the largest share of words first; a pair
    needs its shared words to be at least half of the gold's and half of the prediction's."""
    found = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if not g["words"] or not p["words"]:
                continue
            n = shared_words(g["words"], p["words"])
            if n and 2 * n >= len(g["words"]) and 2 * n >= len(p["words"]):
                found.append((n, -i, -j))
    found.sort(reverse=True)
    taken_g, taken_p, pairs = set(), set(), []
    for _, i, j in found:
        i, j = -i, -j
        if i not in taken_g and j not in taken_p:
            taken_g.add(i)
            taken_p.add(j)
            pairs.append((i, j))
    return pairs


# The name rule of the "names" block of ../shared/score.py, written again here: lower-cased
# word lists (curly apostrophe as straight, a possessive 's and edge apostrophes or hyphens
# dropped); right when the lists are equal, when their last words (jr/sr/ii/iii/iv passed
# over) are equal, or when the shorter list occurs as a run inside the longer.
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def name_words(name):
    out = []
    for w in re.findall(r"[\w'-]+", (name or "").lower().replace("\u2019", "'")):
        w = re.sub(r"'s$", "", w).strip("'-")
        if w:
            out.append(w)
    return out


def surname(ws):
    kept = [w for w in ws if w not in SUFFIXES]
    return (kept or ws)[-1]


def same_name(shown, gold):
    a, b = name_words(shown), name_words(gold)
    if not a or not b:
        return False
    if a == b or surname(a) == surname(b):
        return True
    short, long_ = sorted((a, b), key=len)
    return any(long_[k:k + len(short)] == short for k in range(len(long_) - len(short) + 1))


def run_cli(binary, page):
    out = subprocess.run([binary, "extract", page], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"pages-ml: {binary} extract {page} failed: {out.stderr.strip()}")
    lines = [l for l in out.stdout.splitlines() if l.strip()]
    if len(lines) != 1:
        sys.exit(f"pages-ml: expected one JSON line for {page}, got {len(lines)}")
    return json.loads(lines[0])


def paragraphs(text):
    return [p for p in (text or "").split("\n") if words(p)]


MARKS = "\"＂“‟”„«»"


def one_per_pair_of_marks(raw, quotes):
    """One pair of marks is one quote, as in the PolNeAR gold: two labels of the same
    speaker with no quotation mark and no paragraph between them (a quote split around
    its incise, `"A - dichiara X - B"`) count as one."""
    merged = []
    for q in sorted(quotes, key=lambda q: q["start"]):
        if merged:
            last = merged[-1]
            between = html.unescape(raw[last["end"]:q["start"]].decode("utf-8", errors="replace"))
            apart = any(m in between for m in MARKS) or re.search(r"</p>|<br|\n\s*\n", between)
            if not apart and last.get("speaker_name") == q.get("speaker_name"):
                merged[-1] = dict(last, end=q["end"])
                continue
        merged.append(dict(q))
    return merged


def score_page(label, pages_dir, binary):
    path = os.path.join(pages_dir, label["page"])
    raw = open(path, "rb").read()
    gold = []
    for q in one_per_pair_of_marks(raw, label["quotes"]):
        text = page_text(raw, q["start"], q["end"])
        if not words(text):
            sys.exit(f"pages-ml: {label['page']} {q['start']}-{q['end']} holds no words")
        gold.append({"text": text, "words": words(text), "name": q.get("speaker_name")})
    result = run_cli(binary, path)
    pred = []
    for q in result.get("quotes", []):
        if q.get("kind") not in QUOTE_KINDS:
            continue
        shown = q.get("speaker") or None
        names_someone = bool(shown) or q.get("speaker_start") is not None
        for piece in paragraphs(q.get("text")):
            pred.append({"text": piece, "words": words(piece), "speaker": shown,
                         "names": names_someone})
    pairs = pair_up(gold, pred)
    c = {"gold": len(gold), "predicted": len(pred), "matched": len(pairs),
         "gold_named": sum(1 for g in gold if g["name"]),
         "predicted_naming": sum(1 for p in pred if p["names"]),
         "matched_named": 0, "right": 0, "left_out": 0}
    errors = []
    matched_g = set()
    for i, j in pairs:
        matched_g.add(i)
        if gold[i]["name"]:
            c["matched_named"] += 1
            if same_name(pred[j]["speaker"], gold[i]["name"]):
                c["right"] += 1
            else:
                errors.append(("name", gold[i]["name"], pred[j]["speaker"], gold[i]["text"]))
        elif pred[j]["names"]:
            c["left_out"] += 1
    for i, g in enumerate(gold):
        if i not in matched_g:
            errors.append(("missed", g["name"], None, g["text"]))
    matched_p = {j for _, j in pairs}
    for j, p in enumerate(pred):
        if j not in matched_p:
            errors.append(("extra", None, p["speaker"], p["text"]))
    return c, errors


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def figures(c):
    det = prf(c["matched"], c["predicted"], c["gold"])
    names = prf(c["right"], c["predicted_naming"] - c["left_out"], c["gold_named"])
    return {
        "pages": c.get("pages", 1), "gold_quotes": c["gold"], "gold_named": c["gold_named"],
        "predicted_quotes": c["predicted"], "matched": c["matched"],
        "detection": {"precision": det[0], "recall": det[1], "f1": det[2]},
        "names": {
            "matched_named": c["matched_named"], "right": c["right"],
            "accuracy": round(c["right"] / c["matched_named"], 4) if c["matched_named"] else None,
            "end_to_end": {"precision": names[0], "recall": names[1], "f1": names[2]},
        },
    }


def add(total, c):
    for k, v in c.items():
        total[k] = total.get(k, 0) + v


def row(name, f):
    d, n = f["detection"], f["names"]["end_to_end"]
    acc = f["names"]["accuracy"]
    acc = f"{acc:.2f}" if acc is not None else "  - "
    return (f"{name:<32} {f['pages']:>3} {f['gold_quotes']:>5} {f['predicted_quotes']:>5} "
            f"{f['matched']:>5}   {d['precision']:.2f} {d['recall']:.2f} {d['f1']:.2f}   "
            f"{acc}   {n['precision']:.2f} {n['recall']:.2f} {n['f1']:.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/quotelens")
    ap.add_argument("--pages", default="../shared/pages-ml")
    ap.add_argument("--labels", default="tests/pages-ml/labels")
    ap.add_argument("--verbose", "-v", action="store_true", help="a row per page, and the misses")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = ap.parse_args()
    if not os.path.isdir(args.pages):
        print(f"pages-ml: SKIPPED ({args.pages} not found)")
        return
    labels = []
    for fn in sorted(os.listdir(args.labels)):
        if fn.endswith(".json"):
            with open(os.path.join(args.labels, fn), encoding="utf-8") as f:
                labels.append(json.load(f))
    if not labels:
        sys.exit(f"pages-ml: no labels in {args.labels}")
    per_page, per_lang, total = {}, {}, {"pages": 0}
    for label in labels:
        c, errors = score_page(label, args.pages, args.bin)
        per_page[label["page"]] = (label["lang"], c, errors)
        add(per_lang.setdefault(label["lang"], {"pages": 0}), dict(c, pages=1))
        add(total, dict(c, pages=1))
    head = (f"{'':<32} {'pg':>3} {'gold':>5} {'pred':>5} {'match':>5}   detection P R F1   "
            f"name  names e2e P R F1")
    print("pages-ml: quotes found and speakers named on the non-English pages")
    print(head)
    out = {"languages": {}, "pages": {}}
    for lang in LANGS + sorted(set(per_lang) - set(LANGS)):
        if lang not in per_lang:
            print(f"{lang:<32}   no labels")
            continue
        f = figures(per_lang[lang])
        out["languages"][lang] = f
        print(row(lang, f))
        if args.verbose:
            for page, (pl, c, _) in per_page.items():
                if pl == lang:
                    print(row("  " + page, figures(c)))
    out["overall"] = figures(total)
    print(row("overall", out["overall"]))
    for page, (_, c, errors) in per_page.items():
        out["pages"][page] = figures(c)
        if args.verbose and errors:
            print(f"\n# {page}")
            for kind, gname, shown, text in errors:
                short = text if len(text) <= 70 else text[:67] + "..."
                if kind == "name":
                    print(f"  name    gold {gname!r} shown {shown!r}: {short}")
                elif kind == "missed":
                    print(f"  missed  ({gname}): {short}")
                else:
                    print(f"  extra   ({shown}): {short}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
