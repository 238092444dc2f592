#!/usr/bin/env python3
"""Recall on real copy: inject one slip at a time into published stories and see whether
copydesk flags it.

    python3 scripts/inject.py [--bin target/release/copydesk] [--per-kind N] [--seed S]
                              [--show-misses K] [--jobs J]

The stories are the clean bodies of ../shared/eval-dev/clean-copy (read at run time, never
stored here). For each kind of slip below, up to N stories are drawn (seeded), one slip is
made in each, and the story is checked alone with the built-in house style. A slip counts as
caught when a finding of the expected rule covers the changed text. Any other finding the
slip brings (one the untouched story does not have) is counted as a side effect.

The kinds, and where a slip is made:
  lowercase-name     a capitalized word that stands mid-sentence at least twice, is not an
                     ordinary word (never lowercase in the stories, not in copydesk's English
                     word list) and is not a day or month, written lowercase once
  lowercase-common   the same, for a capitalized word that is also an ordinary word (Bush,
                     Rice), which copydesk leaves alone on purpose: reported, not expected
  lowercase-start    a sentence start after a full stop in the middle of a paragraph
  miscased-brand     a term of the built-in list (YouTube) with its inner capitals lowered
  variant-accent     a name (as for lowercase-name, mid-sentence three times or more) with an
                     inner vowel accented
  variant-double     the same name with a doubled letter made single, or a letter doubled
  variant-ending     a name ending in -y given -i, or -iy
  variant-typo       the same name with one inner letter swapped for its keyboard neighbour
  space-before-stop  a space put before a sentence's full stop
  double-space       a second space put between two words
  missing-space      the space after a full stop between two sentences taken out

Exit status: 0, or 2 when the stories or the binary cannot be found.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
BODIES = os.path.join(HERE, "..", "..", "shared", "eval-dev", "clean-copy", "bodies.jsonl")
LISTS = os.path.join(HERE, "..", "src", "rules", "capitalization")
# Not names: a slip in them is a spelling slip, which copydesk leaves to a spelling checker.
CALENDAR = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}

# The rules that catch each kind of slip. A miscased brand the story also spells right is a
# variant of it, and name-consistency takes it (it is the same fix).
CAPS, NAMES, SPACING = "capitalization", "name-consistency", "punctuation-spacing"
EXPECTED = {
    "lowercase-name": {CAPS},
    "lowercase-common": {CAPS},
    "lowercase-start": {CAPS},
    "miscased-brand": {CAPS, NAMES},
    "variant-accent": {NAMES},
    "variant-double": {NAMES},
    "variant-ending": {NAMES},
    "variant-typo": {NAMES},
    "space-before-stop": {SPACING},
    "double-space": {SPACING},
    "missing-space": {SPACING},
}

WORD = re.compile(r"[A-Za-z]+")
# A capitalized word after a lowercase word and one space: it stands mid-sentence.
MID_SENTENCE_CAP = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b(?![-'’])")
# Where each spacing slip goes (the end of group 1), and whether it puts a space in there or
# takes out the one after.
SPACING_SLIPS = {
    "space-before-stop": (r"([a-z]{3})\. [A-Z]", True),
    "double-space": (r"([a-z]{2}) [a-z]{2}", True),
    "missing-space": (r"([a-z]{3}\.) [A-Z][a-z]", False),
}
ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü"}
NEIGHBOURS = {
    "a": "s", "b": "v", "c": "x", "d": "s", "e": "r", "f": "g", "g": "h", "h": "j", "i": "o",
    "j": "k", "k": "l", "l": "k", "m": "n", "n": "m", "o": "i", "p": "o", "q": "w", "r": "t",
    "s": "d", "t": "r", "u": "y", "v": "b", "w": "e", "x": "z", "y": "u", "z": "x",
}


def load_bodies():
    with open(BODIES, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def load_list(name):
    with open(os.path.join(LISTS, name), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def load_terms():
    terms = load_list("terms.txt")
    # Only terms with a capital after the first letter: lowering it makes a miscased brand.
    return [t for t in terms if re.fullmatch(r"[A-Za-z]+", t) and any(c.isupper() for c in t[1:])]


def ordinary_words(bodies):
    """Words that are also ordinary words: lowercase somewhere in the stories, or in the
    English word list copydesk carries."""
    seen = set(load_list("words.txt"))
    for body in bodies:
        seen.update(w for w in WORD.findall(body) if w.islower())
    return seen


def names_in(body, common, min_count):
    """Capitalized words standing mid-sentence `min_count` times or more, never lowercase in
    this story; split by whether their lowercase form is an ordinary word elsewhere."""
    counts = Counter(m.group(1) for m in MID_SENTENCE_CAP.finditer(body))
    lower_here = {w for w in WORD.findall(body) if w.islower()}
    names, ordinary = [], []
    for word, n in counts.items():
        if n < min_count or word.lower() in lower_here or word in CALENDAR:
            continue
        (ordinary if word.lower() in common else names).append(word)
    return sorted(names), sorted(ordinary)


def mid_sentence_sites(body, word):
    return [m.start(1) for m in MID_SENTENCE_CAP.finditer(body) if m.group(1) == word]


def variant(word, kind, rng):
    """The word changed as `kind` says, or None when the word does not allow it."""
    inner = range(1, len(word) - 1)
    if kind == "variant-accent":
        spots = [i for i in inner if word[i] in ACCENTS]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + ACCENTS[word[i]] + word[i + 1:]
    if kind == "variant-double":
        doubled = [i for i in range(1, len(word)) if word[i] == word[i - 1]]
        if doubled:
            i = rng.choice(doubled)
            return word[:i] + word[i + 1:]
        spots = [i for i in inner if word[i] not in "aeiouy"]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + word[i] + word[i:]
    if kind == "variant-ending":
        if word.endswith("iy") or word.endswith("yy"):
            return word[:-2] + "y"
        if word.endswith("y") and len(word) >= 5:
            return word[:-1] + rng.choice(["i", "iy"])
        return None
    if kind == "variant-typo":
        spots = [i for i in range(1, len(word) - 2) if word[i] in NEIGHBOURS]
        if len(word) < 6 or not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + NEIGHBOURS[word[i]] + word[i + 1:]
    raise ValueError(kind)


def inject(body, kind, rng, common, terms):
    """One slip of `kind` in `body`: (new text, start, end of the changed text in it), or None."""
    if kind in ("lowercase-name", "lowercase-common"):
        names, ordinary = names_in(body, common, 2)
        pool = names if kind == "lowercase-name" else ordinary
        if not pool:
            return None
        word = rng.choice(pool)
        at = rng.choice(mid_sentence_sites(body, word))
        return body[:at] + word.lower() + body[at + len(word):], at, at + len(word)
    if kind.startswith("variant-"):
        names, _ = names_in(body, common, 3)
        rng.shuffle(names)
        for word in names:
            changed = variant(word, kind, rng)
            if changed:
                at = rng.choice(mid_sentence_sites(body, word))
                return body[:at] + changed + body[at + len(word):], at, at + len(changed)
        return None
    if kind == "lowercase-start":
        sites = [m.start(1) for m in re.finditer(r"[a-z]{3}\. ([A-Z][a-z]+) [a-z]", body)]
        if not sites:
            return None
        at = rng.choice(sites)
        return body[:at] + body[at].lower() + body[at + 1:], at, at + 1
    if kind == "miscased-brand":
        sites = [(m.start(), t) for t in terms for m in re.finditer(r"\b%s\b" % t, body)]
        if not sites:
            return None
        at, term = rng.choice(sites)
        wrong = term[0] + term[1:].lower()
        return body[:at] + wrong + body[at + len(term):], at, at + len(term)
    if kind in SPACING_SLIPS:
        pattern, insert = SPACING_SLIPS[kind]
        sites = [m.end(1) for m in re.finditer(pattern, body)]
        if not sites:
            return None
        at = rng.choice(sites)
        if insert:
            return body[:at] + " " + body[at:], at, at + 2
        return body[:at] + body[at + 1:], at - 1, at + 1
    raise ValueError(kind)


def check(binary, text, folder, name):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    out = subprocess.run(
        [binary, "check", "--no-config", "--format", "json", path],
        capture_output=True, text=True, encoding="utf-8",
    )
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{path}: exit {out.returncode}: {out.stderr.strip()}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def char_to_byte(text, at):
    return len(text[:at].encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "copydesk"))
    ap.add_argument("--per-kind", type=int, default=157)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--kinds", default=",".join(EXPECTED))
    args = ap.parse_args()
    if not os.path.isfile(BODIES):
        print(f"inject: {BODIES} not found (../shared beside the repository?)", file=sys.stderr)
        return 2
    if not os.access(args.bin, os.X_OK):
        print(f"inject: no binary at {args.bin} (cargo build --release)", file=sys.stderr)
        return 2
    bodies = load_bodies()
    common = ordinary_words(bodies)
    terms = load_terms()
    kinds = args.kinds.split(",")

    # The slips: each kind gets its own seeded draw, so adding a kind changes no other's.
    cases = []
    for kind in kinds:
        rng = random.Random(f"{args.seed}:{kind}")
        order = list(range(len(bodies)))
        rng.shuffle(order)
        made = 0
        for b in order:
            if made == args.per_kind:
                break
            slip = inject(bodies[b], kind, rng, common, terms)
            if slip:
                cases.append((kind, b, *slip))
                made += 1

    with tempfile.TemporaryDirectory(prefix="copydesk-inject-") as folder:
        needed = sorted({b for _, b, *_ in cases})

        def baseline(b):
            return b, check(args.bin, bodies[b], folder, f"base-{b}.txt")

        def injected(i):
            text = cases[i][2]
            return i, check(args.bin, text, folder, f"case-{i}.txt")

        with ThreadPoolExecutor(args.jobs) as pool:
            base = dict(pool.map(baseline, needed))
            found = dict(pool.map(injected, range(len(cases))))

    caught, total, side = Counter(), Counter(), Counter()
    misses, sides = defaultdict(list), defaultdict(list)
    for i, (kind, b, text, start, end) in enumerate(cases):
        total[kind] += 1
        bs, be = char_to_byte(text, start), char_to_byte(text, end)
        delta = len(text.encode("utf-8")) - len(bodies[b].encode("utf-8"))
        # The untouched story's findings, moved to where they stand after the slip.
        before = Counter(
            (f["rule"], f["byte_start"] + (delta if f["byte_start"] >= bs else 0))
            for f in base[b]
        )
        hit = False
        for f in found[i]:
            overlaps = f["byte_start"] < max(be, bs + 1) and bs < f["byte_end"]
            if overlaps and f["rule"] in EXPECTED[kind]:
                hit = True
            elif before[(f["rule"], f["byte_start"])] > 0:
                before[(f["rule"], f["byte_start"])] -= 1
            elif not overlaps:
                side[kind] += 1
                sides[kind].append((b, f["rule"], f["message"]))
        if hit:
            caught[kind] += 1
        else:
            lo, hi = max(0, start - 60), min(len(text), end + 60)
            misses[kind].append((b, text[lo:start] + "⟦" + text[start:end] + "⟧" + text[end:hi]))

    print(f"{len(bodies)} stories; seed {args.seed}; up to {args.per_kind} slips a kind\n")
    print(f"  {'slip':<20} {'caught':>7} {'of':>5} {'recall':>7} {'side effects':>13}")
    for kind in kinds:
        if total[kind]:
            r = caught[kind] / total[kind]
            print(f"  {kind:<20} {caught[kind]:>7} {total[kind]:>5} {r:>7.2f} {side[kind]:>13}")
    if args.show_misses:
        for kind in kinds:
            for b, snippet in misses[kind][: args.show_misses]:
                print(f"\nmissed {kind} (story {b}): …{' '.join(snippet.split())}…")
            for b, rule, message in sides[kind][: args.show_misses]:
                print(f"\nside effect of {kind} (story {b}): [{rule}] {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
