"""Bounds of the memos, so that memory stays flat however large the corpus.

Analyses are memoised per word form (a corpus repeats most of its forms: HanTa's analyses,
noun-table and frequency look-ups, compound readings) and per sentence (about 25 checks ask
for one sentence's tags in turn, and a document's sentences are checked once per check).
Every memo is an LRU cache: at most :data:`WORD_FORMS` entries when keyed by a word, at
most :data:`SENTENCES` when keyed by a sentence. Unbounded or larger memos made a
100,000-sentence audit take 340 MB more than a 10,000-sentence one (BENCHMARKS §7).
"""

WORD_FORMS = 10_000
"""Entries of a memo keyed by a word form (or a lemma, or a part of a compound): the forms
of a few thousand sentences of news."""
SENTENCES = 4096
"""Entries of a memo keyed by a sentence, or whose values are as large as a sentence's
(HanTa's analysis of a form it does not know lists every tag it considered, about 700
bytes): a long document's worth."""
