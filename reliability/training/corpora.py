"""Labeled corpora in the shared ``normalized.jsonl`` format, deduplicated and split.

Every split decision is made here, once, so that training and evaluation can
never disagree about which article is where:

- CheckThat 2022: train+dev train, test evaluates; duplicates (exact and near)
  across splits are removed from the test side, conflicting labels dropped.
  Binary label as the corpus README suggests: true = 1, false and partially
  false = 0, other dropped.
- ReCOVery: labels describe the publisher, so it is split by publisher
  (``source``); a fixed share of publishers of each label is held out.
- Perez-Rosas (FakeNewsAMT and Celebrity) and LLMFake: never trained on.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

_NORMALISE_RE = re.compile(r"[^\w]+")
NEAR_DUPLICATE_COSINE = 0.9
RECOVERY_TEST_SHARE = 0.3


@dataclass(frozen=True)
class LabeledArticle:
    corpus: str
    id: str
    text: str
    title: str | None
    label: int  # 1 reliable / real, 0 unreliable / fake
    group: str  # the unit that must not straddle train and test (publisher, or the article itself)
    subset: str = ""  # e.g. "fakeNewsDataset", "celebrityDataset", "llm_fake"


@dataclass
class Datasets:
    train: list[LabeledArticle]
    evaluations: dict[str, list[LabeledArticle]]
    notes: list[str] = field(default_factory=list)

    def checksum(self) -> str:
        """sha256 over the ids, labels and texts of the evaluation sets (order-independent)."""
        digest = hashlib.sha256()
        for name in sorted(self.evaluations):
            for article in sorted(self.evaluations[name], key=lambda a: a.id):
                digest.update(f"{name}\t{article.id}\t{article.label}\t".encode())
                digest.update(hashlib.sha256(article.text.encode("utf-8")).digest())
        return digest.hexdigest()


def read_jsonl(path: "Path | str") -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _checkthat_label(row: dict) -> int | None:
    label = (row.get("label") or "").strip().lower()
    if label == "true":
        return 1
    if label in {"false", "partially false"}:
        return 0
    return None


def load_articles(data_dir: "Path | str") -> dict[str, list[LabeledArticle]]:
    """Every usable labeled article, by corpus name (no split yet)."""
    data_dir = Path(data_dir)
    out: dict[str, list[LabeledArticle]] = {}

    def usable(text: str | None) -> bool:
        return bool(text and text.strip())

    rows = []
    for row in read_jsonl(data_dir / "checkthat2022_t3" / "normalized.jsonl"):
        label = _checkthat_label(row)
        if label is None or not usable(row.get("text")):
            continue
        rows.append(LabeledArticle("checkthat", row["id"], row["text"], row.get("title"), label, row["id"], row.get("split") or ""))
    out["checkthat"] = rows

    rows = []
    for row in read_jsonl(data_dir / "recovery" / "normalized.jsonl"):
        if row.get("binary") is None or not usable(row.get("text")):
            continue
        rows.append(LabeledArticle("recovery", row["id"], row["text"], row.get("title"), int(row["binary"]), str(row.get("source")), str(row.get("source"))))
    out["recovery"] = rows

    rows = []
    for row in read_jsonl(data_dir / "perez_rosas2018" / "normalized.jsonl"):
        if row.get("binary") is None or not usable(row.get("text")):
            continue
        rows.append(LabeledArticle("perez_rosas", row["id"], row["text"], row.get("title"), int(row["binary"]), row["id"], row.get("split") or ""))
    out["perez_rosas"] = rows

    rows = []
    for row in read_jsonl(data_dir / "llmfake" / "normalized.jsonl"):
        if row.get("binary") is None or not usable(row.get("text")):
            continue
        rows.append(LabeledArticle("llmfake", row["id"], row["text"], row.get("title"), int(row["binary"]), row["id"], row.get("label") or ""))
    out["llmfake"] = rows
    return out


def _fingerprint(text: str) -> str:
    return hashlib.sha1(_NORMALISE_RE.sub(" ", text.lower()).strip().encode("utf-8")).hexdigest()


def duplicate_clusters(texts: Sequence[str], threshold: float = NEAR_DUPLICATE_COSINE) -> list[int]:
    """A cluster id per text: exact duplicates (after normalising case and
    punctuation) and near duplicates (TF-IDF cosine >= threshold) share one."""
    import numpy as np
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(texts)
    if n == 0:
        return []
    vectors = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, dtype=np.float32).fit_transform(texts)
    similarity = vectors @ vectors.T
    similarity.data[similarity.data < threshold] = 0
    similarity.eliminate_zeros()
    fingerprints: dict[str, int] = {}
    rows, cols = [], []
    for i, text in enumerate(texts):
        j = fingerprints.setdefault(_fingerprint(text), i)
        if j != i:
            rows.append(i)
            cols.append(j)
    from scipy.sparse import coo_matrix

    exact = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(similarity + exact, directed=False)
    return [int(x) for x in labels]


def _stable_rank(key: str, seed: int) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def split_recovery(articles: Sequence[LabeledArticle], seed: int) -> tuple[list[LabeledArticle], list[LabeledArticle]]:
    """Hold out publishers (never articles) until each label has ~30% of its articles in test."""
    by_publisher: dict[str, list[LabeledArticle]] = {}
    for article in articles:
        by_publisher.setdefault(article.group, []).append(article)
    test_publishers: set[str] = set()
    for label in (0, 1):
        publishers = sorted(
            (p for p, rows in by_publisher.items() if rows[0].label == label),
            key=lambda p: _stable_rank(p, seed),
        )
        total = sum(len(by_publisher[p]) for p in publishers)
        held = 0
        for publisher in publishers:
            if held >= RECOVERY_TEST_SHARE * total:
                break
            if len(by_publisher[publisher]) > 0.5 * total:
                continue  # one giant publisher would make the test set a single site
            test_publishers.add(publisher)
            held += len(by_publisher[publisher])
    train = [a for a in articles if a.group not in test_publishers]
    test = [a for a in articles if a.group in test_publishers]
    return train, test


def build_datasets(data_dir: "Path | str", seed: int = 13) -> Datasets:
    """Training set and held-out evaluation sets, deduplicated across the boundary."""
    corpora = load_articles(data_dir)
    notes: list[str] = []

    checkthat = corpora["checkthat"]
    clusters = duplicate_clusters([a.text for a in checkthat])
    cluster_labels: dict[int, set[int]] = {}
    cluster_splits: dict[int, set[str]] = {}
    for article, cluster in zip(checkthat, clusters):
        cluster_labels.setdefault(cluster, set()).add(article.label)
        cluster_splits.setdefault(cluster, set()).add(article.subset)
    conflicting = {c for c, labels in cluster_labels.items() if len(labels) > 1}
    ct_train, ct_test, seen = [], [], set()
    dropped_cross = 0
    for article, cluster in zip(checkthat, clusters):
        if cluster in conflicting:
            continue
        grouped = replace(article, group=f"checkthat:{cluster}")
        if article.subset == "test":
            if cluster_splits[cluster] - {"test"}:
                dropped_cross += 1  # also in train/dev: not a held-out article
                continue
            if cluster in seen:
                continue
            seen.add(cluster)
            ct_test.append(grouped)
        else:
            if cluster in seen:
                continue
            seen.add(cluster)
            ct_train.append(grouped)
    notes.append(
        f"CheckThat: {len(checkthat)} labeled articles, {len(conflicting)} duplicate groups with conflicting labels dropped, "
        f"{dropped_cross} test articles also in train/dev dropped; {len(ct_train)} train, {len(ct_test)} test after deduplication"
    )

    recovery = corpora["recovery"]
    clusters = duplicate_clusters([a.text for a in recovery])
    unique, seen = [], set()
    for article, cluster in zip(recovery, clusters):
        if cluster not in seen:
            seen.add(cluster)
            unique.append(article)
    rc_train, rc_test = split_recovery(unique, seed)
    notes.append(
        f"ReCOVery: {len(recovery)} articles, {len(recovery) - len(unique)} duplicates removed; split by publisher: "
        f"{len({a.group for a in rc_train})} publishers ({len(rc_train)} articles) train, "
        f"{len({a.group for a in rc_test})} publishers ({len(rc_test)} articles) test"
    )

    perez = corpora["perez_rosas"]
    evaluations = {
        "checkthat_test": ct_test,
        "recovery_publishers": rc_test,
        "perez_rosas_fakenewsamt": [a for a in perez if a.subset == "fakeNewsDataset"],
        "perez_rosas_celebrity": [a for a in perez if a.subset == "celebrityDataset"],
        "llmfake_llm_fakes": [a for a in corpora["llmfake"] if a.subset == "llm_fake"],
    }
    train = ct_train + rc_train
    train_fingerprints = {_fingerprint(a.text) for a in train}
    for name, rows in evaluations.items():
        kept = [a for a in rows if _fingerprint(a.text) not in train_fingerprints]
        if len(kept) != len(rows):
            notes.append(f"{name}: {len(rows) - len(kept)} exact duplicates of training articles removed")
        evaluations[name] = kept
    return Datasets(train=train, evaluations=evaluations, notes=notes)


def trim_words(text: str, n: int = 30) -> str:
    """The text without its first and last ``n`` words (leakage control: site
    templates live at the edges of an article)."""
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    if len(spans) <= 2 * n:
        return ""
    return text[spans[n][0]:spans[-n - 1][1]]


def iter_texts(articles: Iterable[LabeledArticle]) -> Iterator[str]:
    for article in articles:
        yield article.text
