"""Side by side with nela-features 3.0.1 (the best-known open feature extractor for news veracity):
time per article on the same articles in one process, the ratio, and the features each gives.

    pip install -e ".[bench]"          # nela-features==3.0.1 from PyPI
    python benchmarks/nela_compare.py                  # the five seeds
    python benchmarks/nela_compare.py --articles 20    # + 20 generated seed-length articles
    python benchmarks/nela_compare.py --real DIR --real-limit 50
    python benchmarks/nela_compare.py --nltk-data PATH # default: $NLTK_DATA, else ../shared/peers/nltk_data

nela-features needs NLTK data (punkt_tab, averaged_perceptron_tagger_eng,
maxent_ne_chunker_tab, stopwords, words) that no PyPI or Debian package
ships; the copy in ``../shared/peers/nltk_data`` documents its origin in its
SOURCES.md. It lacks one file, ``maxent_ne_chunker_tab/english_ace_multiclass/
mapping.tab``, so nela's location feature cannot run as written: this script
then swaps in NLTK's *binary* named-entity chunker (the same maxent model
type, so the time is comparable), and nela's ``num_locations`` is always 0
here. Everything else runs as shipped.

Both are timed on each article with ``time.thread_time`` (CPU time of this
thread, robust on a shared machine) and wall time, after one warm-up call
each. nela is timed two ways: as shipped (NLTK 3.9+ reloads the POS tagger and
the chunker on every call), and with those models loaded once, which is the
fairest comparison for nela. Ours is ``score_article()``: every detector,
the model, explanations and evidence spans, not only features.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

from speed import ROOT, load_note, machine, real_texts, seed_texts, synthetic_articles

TARGET_RATIO = 200.0
DEFAULT_NLTK_DATA = ROOT.parent / "shared" / "peers" / "nltk_data"
# nela's features by group, as its extract_* functions name them.
NELA_GROUPS = ("style", "complexity", "bias", "affect", "moral", "event")


def setup_nltk(path: str | None) -> tuple[str, list[str]]:
    """Point NLTK at its data; returns (path, notes on what is missing)."""
    data = path or os.environ.get("NLTK_DATA") or str(DEFAULT_NLTK_DATA)
    os.environ["NLTK_DATA"] = data
    import nltk

    if data not in nltk.data.path:
        nltk.data.path.insert(0, data)
    notes = []
    needed = ["tokenizers/punkt_tab/english/", "taggers/averaged_perceptron_tagger_eng/",
              "corpora/stopwords", "corpora/words", "chunkers/maxent_ne_chunker_tab/english_ace_binary/"]
    for resource in needed:
        try:
            nltk.data.find(resource)
        except LookupError:
            notes.append(f"missing {resource}: nela cannot run")
    try:
        nltk.data.find("chunkers/maxent_ne_chunker_tab/english_ace_multiclass/mapping.tab")
    except LookupError:
        notes.append("missing maxent_ne_chunker_tab/english_ace_multiclass/mapping.tab: the binary NE chunker "
                     "is used instead, so nela's num_locations is always 0 (time comparable)")
    return data, notes


def nela_extractors(binary_chunker: bool) -> dict[str, Callable[[str], tuple[list, list]]]:
    """``{"as shipped": extract_all, "models loaded once": extract_all with cached NLTK models}``."""
    import nltk
    import nela_features.nela_features as nela_module
    from nela_features.nela_features import NELAFeatureExtractor

    shipped_chunk = functools.partial(nltk.ne_chunk, binary=True) if binary_chunker else nltk.ne_chunk
    shipped_tag = nltk.pos_tag
    tagger = nltk.tag.PerceptronTagger()
    chunker = nltk.chunk.ne_chunker(fmt="binary" if binary_chunker else "multiclass")

    def cached_tag(tokens, tagset=None, lang="eng"):
        return tagger.tag(tokens)

    def cached_chunk(tagged, binary=False):
        return chunker.parse(tagged)

    extractor = NELAFeatureExtractor()

    def shipped(text: str) -> tuple[list, list]:
        nela_module.pos_tag, nela_module.ne_chunk = shipped_tag, shipped_chunk
        return extractor.extract_all(text)

    def cached(text: str) -> tuple[list, list]:
        nela_module.pos_tag, nela_module.ne_chunk = cached_tag, cached_chunk
        return extractor.extract_all(text)

    return {"as shipped": shipped, "models loaded once": cached}


def time_per_article(function: Callable[[str], object], texts: Sequence[str], rounds: int) -> tuple[list[float], list[float]]:
    cpu, wall = [], []
    for text in texts:
        best_cpu = best_wall = float("inf")
        for _ in range(rounds):
            c0, w0 = time.thread_time(), time.perf_counter()
            function(text)
            best_cpu = min(best_cpu, time.thread_time() - c0)
            best_wall = min(best_wall, time.perf_counter() - w0)
        cpu.append(best_cpu)
        wall.append(best_wall)
    return cpu, wall


def signal_features() -> tuple[str, list[tuple[str, float]]]:
    """Our features the shipped model gives weight to, largest first (from models/model.json and its card)."""
    model_path = ROOT / "models" / "model.json"
    card_path = ROOT / "models" / "model_card.json"
    model = json.loads(model_path.read_text(encoding="utf-8"))
    weighted = [(f["name"], float(f["coef"])) for f in model.get("features", []) if float(f.get("coef", 0)) != 0.0]
    weighted.sort(key=lambda item: -abs(item[1]))
    source = f"{model_path.relative_to(ROOT)} ({model.get('name')} {model.get('version')})"
    if card_path.exists():
        source += f"; card {card_path.relative_to(ROOT)}"
    return source, weighted


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=0, help="generated seed-length articles to add")
    parser.add_argument("--real", default=None, metavar="DIR", help="real articles (.txt, .jsonl) to add")
    parser.add_argument("--real-limit", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3, help="rounds for ours (best counts); nela runs once")
    parser.add_argument("--nela-rounds", type=int, default=1)
    parser.add_argument("--nltk-data", default=None)
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)

    data, notes = setup_nltk(args.nltk_data)
    if any("cannot run" in note for note in notes):
        print("\n".join(notes), file=sys.stderr)
        return 2
    binary = any("binary" in note for note in notes)

    from reliability import _default_scorer, score_article

    texts = seed_texts()
    labels = "the 5 seeds"
    if args.articles:
        texts += synthetic_articles(args.articles, seed=21)
        labels += f" + {args.articles} generated"
    if args.real:
        real = real_texts(args.real, args.real_limit)
        texts += real
        labels += f" + {len(real)} real from {args.real}"
    words = [len(t.split()) for t in texts]

    print(f"machine: {machine()}")
    print(load_note())
    print(f"NLTK_DATA={data}")
    for note in notes:
        print(f"note: {note}")
    print(f"articles: {labels}: {len(texts)}, median {statistics.median(words):.0f} words")

    nela = nela_extractors(binary)
    score_article(texts[0])
    for run in nela.values():
        run(texts[0])  # warm up: NLTK modules imported, caches filled

    ours_cpu, ours_wall = time_per_article(score_article, texts, args.rounds)
    results = {"ours": (ours_cpu, ours_wall)}
    for name, run in nela.items():
        results[f"nela {name}"] = time_per_article(run, texts, args.nela_rounds)

    print(f"\n{'':<28}{'CPU mean':>12}{'CPU median':>12}{'wall mean':>12}{'articles/s':>12}")
    for name, (cpu, wall) in results.items():
        mean = statistics.fmean(cpu)
        print(f"{name:<28}{1000 * mean:>10.2f}ms{1000 * statistics.median(cpu):>10.2f}ms"
              f"{1000 * statistics.fmean(wall):>10.2f}ms{1 / mean:>12,.1f}")
    ours_mean = statistics.fmean(ours_cpu)
    ratios = {}
    for name in nela:
        cpu, wall = results[f"nela {name}"]
        ratios[name] = statistics.fmean(cpu) / ours_mean
        per_article = [n / o for n, o in zip(cpu, ours_cpu)]
        print(f"ratio nela {name} / ours: {ratios[name]:.0f}x on mean CPU time "
              f"(per article: min {min(per_article):.0f}x, median {statistics.median(per_article):.0f}x); "
              f"wall {statistics.fmean(wall) / statistics.fmean(ours_wall):.0f}x")
    verdict = "meets" if ratios["as shipped"] >= TARGET_RATIO else "misses"
    print(f"target >= {TARGET_RATIO:.0f}x faster than nela as shipped: {verdict}")

    # -- features ---------------------------------------------------------------------
    _vector, nela_names = nela["as shipped"](texts[0])
    ours = _default_scorer().registry
    source, weighted = signal_features()
    print(f"\nfeatures: nela {len(nela_names)} numbers per article (no evidence); "
          f"ours {len(ours.feature_names)} numbers per article from {len(ours.detectors)} detectors, "
          f"plus findings with character spans and {len(ours.rules())} documented rules")
    from nela_features.nela_features import NELAFeatureExtractor

    _style_vector, style_names = NELAFeatureExtractor().extract_style(texts[0])
    pos_tags = style_names[5:]  # after quotes, exclaim, allpunc, allcaps, stops: one rate per POS tag
    print(f"  nela: {len(pos_tags)} are part-of-speech tag rates (incl. punctuation tags), "
          f"{len(nela_names) - len(pos_tags)} are lexicon/readability/sentiment/moral/event rates")
    print(f"  ours that only we measure: anonymous sourcing ({sum(n.startswith('anonymous') for n in ours.feature_names)}), "
          f"names checked against a knowledge base ({sum(n.startswith('unverifiable') for n in ours.feature_names)}), "
          f"page boilerplate ({sum(n.startswith('boilerplate') for n in ours.feature_names)}), "
          f"hedges in the article's own voice vs in quotes ({sum(n.startswith('hedging') for n in ours.feature_names)})")
    if weighted:
        print(f"  ours that carry reliability signal in the shipped model ({source}): {len(weighted)} of "
              f"{len(ours.feature_names)}:")
        for name, coef in weighted:
            print(f"      {coef:+.3f}  {name}")
    else:
        print(f"  the shipped model ({source}) weights no feature yet: re-run once the trained model is in")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "ours_cpu": ours_cpu, "nela": {k: v[0] for k, v in results.items() if k != "ours"},
            "ratios": ratios, "nela_features": nela_names, "our_features": list(ours.feature_names),
            "weighted": weighted}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
