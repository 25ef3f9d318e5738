"""Damage injector and held-out measurement for EN-COLLOC-001 (improbable collocations).

    python benchmarks/inject_collocations.py [--data DIR] [--limit N] [--seed S]

The injector imitates a paraphrasing spinner: it swaps one adjective or verb form for a
thesaurus-style "synonym" from a small hand list (no WordNet), which usually breaks the
collocation the word was part of ("take part" -> "grab part", "heavy rain" -> "weighty
rain"). Run as a script it measures the check on sentences held out of the table built by
``build_collocations.py``: firing rate on the clean originals, recall on swapped copies,
and precision = TP / (TP + FP) with FP counted on the originals, as bench_checks does.

Measured (seed 1, table as shipped): 2,210 held-out clean sentences, fired on 174 (7.87%);
367 damaged copies, fired on 26 (recall 7.08%); 46 FP on their originals; precision 36.11%.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SWAPS: dict[str, str] = {
    # adjectives
    "heavy": "weighty",
    "strong": "mighty",
    "big": "huge-sized",
    "senior": "elderly",
    "close": "near",
    "serious": "grave-minded",
    "main": "chief-most",
    "high": "tall",
    "low": "short",
    "key": "crucial-most",
    "great": "vast",
    "major": "grand",
    "important": "weighty",
    "recent": "fresh",
    "early": "premature",
    "late": "tardy",
    "public": "communal",
    "local": "nearby",
    "former": "erstwhile",
    "full": "packed",
    "large": "bulky",
    "small": "tiny-sized",
    "new": "novel",
    "quick": "speedy",
    "hard": "firm",
    "deep": "profound",
    "fast": "rapid",
    "long": "lengthy",
    "old": "aged",
    # verbs
    "held": "gripped",
    "hold": "grip",
    "holds": "grips",
    "holding": "gripping",
    "made": "fabricated",
    "make": "fabricate",
    "makes": "fabricates",
    "making": "fabricating",
    "took": "grabbed",
    "take": "grab",
    "takes": "grabs",
    "taking": "grabbing",
    "taken": "grabbed",
    "gave": "donated",
    "give": "donate",
    "gives": "donates",
    "given": "donated",
    "paid": "compensated",
    "pay": "compensate",
    "raised": "elevated",
    "raise": "elevate",
    "won": "gained",
    "win": "gain",
    "played": "toyed",
    "play": "toy",
    "met": "encountered",
    "meet": "encounter",
    "reached": "arrived",
    "reach": "arrive",
    "launched": "hurled",
    "launch": "hurl",
    "faced": "fronted",
    "face": "front",
    "signed": "autographed",
    "sign": "autograph",
    "passed": "overtook",
    "pass": "overtake",
    "scored": "notched",
    "score": "notch",
    "released": "freed",
    "release": "free",
    "issued": "emitted",
    "issue": "emit",
    "led": "guided",
    "lead": "guide",
    "ran": "sprinted",
    "run": "sprint",
}
_PATTERN = re.compile(r"\b(" + "|".join(sorted(SWAPS, key=len, reverse=True)) + r")\b")


def swap_collocate(sentence: str, rng: random.Random) -> str | None:
    """Replace one listed adjective or verb form (lower case) by its spinner synonym."""
    found = list(_PATTERN.finditer(sentence))
    if not found:
        return None
    m = rng.choice(found)
    return sentence[: m.start()] + SWAPS[m.group()] + sentence[m.end() :]


INJECTORS: dict[str, Callable[[str, random.Random], str | None]] = {
    "EN-COLLOC-001": swap_collocate,
}


def main() -> None:
    from build_collocations import DEFAULT_DATA, english_sentences, held_out

    from mtaudit.checks import run_on_text, select_checks

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="0 = every held-out sentence")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clean = [s for s in english_sentences(args.data) if held_out(s)]
    if args.limit:
        clean = rng.sample(clean, min(args.limit, len(clean)))
    checks = select_checks(select=["EN-COLLOC-001"])
    fired_clean = fired_damaged = damaged = 0
    for sentence in clean:
        fp = bool(run_on_text(sentence, "en", checks))
        fired_clean += fp
        bad = swap_collocate(sentence, rng)
        if bad is not None and bad != sentence:
            damaged += 1
            fired_damaged += bool(run_on_text(bad, "en", checks))
    fp_on_damaged_set = sum(  # originals of damaged sentences, the FP base for precision
        bool(run_on_text(s, "en", checks)) for s in clean if _PATTERN.search(s)
    )
    precision = fired_damaged / max(1, fired_damaged + fp_on_damaged_set)
    print(
        f"held-out clean sentences: {len(clean)}; fired on {fired_clean} "
        f"({fired_clean / max(1, len(clean)):.2%})"
    )
    print(
        f"damaged copies: {damaged}; fired on {fired_damaged} "
        f"(recall {fired_damaged / max(1, damaged):.2%}); FP on their originals "
        f"{fp_on_damaged_set}; precision {precision:.2%}"
    )


if __name__ == "__main__":
    main()
