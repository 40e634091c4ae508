"""`reliability train` / `evaluate --gate` on small corpora made here (never ../shared)."""

import json
import random

import pytest

from reliability.cli import main
from reliability.model import load_model, sha256_of

WORDS = ("council hospital school bridge budget harbor library railway election vaccine drought factory museum airport "
         "tax police court housing energy water farm river clinic stadium tunnel pension wage tariff port mine forest "
         "festival ferry canal reactor pipeline orchard bakery quarry shelter market").split()
NAMES = ["Maria Lopez", "John Carter", "Aisha Khan", "Tom Berg", "Li Wei", "Sara Novak", "Ken Adams", "Ruth Ong",
         "Omar Haddad", "Eva Lind", "Raj Patel", "Nina Petrova"]
MONTHS = ["March", "June", "October", "January", "August"]


def _compose(rng, templates, k):
    chosen = rng.sample(templates, k)
    return " ".join(t(rng) for t in chosen)


RELIABLE = [
    lambda r: f"The {r.choice(WORDS)} board voted {r.randint(3, 9)}-{r.randint(0, 2)} on {r.choice(MONTHS)} {r.randint(1, 28)} to approve a ${r.randint(2, 900)} million {r.choice(WORDS)} plan.",
    lambda r: f"“We reviewed {r.randint(10, 99)} {r.choice(WORDS)} proposals before deciding,” said {r.choice(NAMES)}, who chairs the {r.choice(WORDS)} committee.",
    lambda r: f"The {r.choice(WORDS)} project covers {r.randint(100, 9000)} residents and starts in {r.randint(2024, 2026)}, {r.choice(NAMES)} told reporters.",
    lambda r: f"{r.choice(NAMES)}, a {r.choice(WORDS)} officer, said costs rose {r.randint(2, 30)} percent since {r.randint(2015, 2022)}.",
    lambda r: f"Records released by the {r.choice(WORDS)} department show {r.randint(3, 400)} complaints in {r.randint(2019, 2023)}.",
    lambda r: f"{r.choice(NAMES)} of the {r.choice(WORDS)} association said the {r.choice(WORDS)} vote was scheduled for {r.choice(MONTHS)} {r.randint(1, 28)}.",
    lambda r: f"The {r.choice(WORDS)} audit, published on {r.choice(MONTHS)} {r.randint(1, 28)}, found {r.randint(2, 60)} errors in {r.randint(100, 999)} files.",
]
UNRELIABLE = [
    lambda r: f"You won't believe what is reportedly happening with the {r.choice(WORDS)}.",
    lambda r: f"Sources say the shocking truth about the {r.choice(WORDS)} is being hidden.",
    lambda r: f"Critics argue the mainstream media could be covering up the {r.choice(WORDS)} scandal.",
    lambda r: f"Some experts believe the {r.choice(WORDS)} may be part of a larger plan.",
    lambda r: f"A senior official, who spoke on condition of anonymity, allegedly said the {r.choice(WORDS)} is a disaster.",
    lambda r: f"Is this the end of the {r.choice(WORDS)}? Only time will tell.",
    lambda r: f"It remains to be seen what they don't want you to know about the {r.choice(WORDS)}.",
    lambda r: f"Observers note the {r.choice(WORDS)} might {r.choice(['collapse', 'spread', 'fail', 'explode'])} {r.choice(['soon', 'again', 'any day'])}.",
]


def reliable_article(rng):
    return _compose(rng, RELIABLE, 5)


def unreliable_article(rng):
    return _compose(rng, UNRELIABLE, 5)


def write_corpora(root, seed=0):
    rng = random.Random(seed)

    def rows(dataset, n, split_of, label_of, source_of=lambda i: None, subset=None):
        out = []
        for i in range(n):
            label = label_of(i)
            text = reliable_article(rng) if label == 1 else unreliable_article(rng)
            out.append({
                "dataset": dataset, "id": f"{dataset}:{i}", "title": None, "text": text,
                "label": {1: "true", 0: "false"}[label] if dataset == "checkthat2022_t3" else str(label),
                "binary": label, "source": source_of(i), "split": subset or split_of(i), "meta": {},
            })
        return out

    corpora = {
        "checkthat2022_t3": rows("checkthat2022_t3", 80, lambda i: "test" if i % 4 < 2 else "train", lambda i: i % 2),
        "recovery": rows("recovery", 80, lambda i: None, lambda i: int(i % 8 < 4), source_of=lambda i: f"pub{i % 8}"),
        "perez_rosas2018": rows("perez_rosas2018", 20, lambda i: "fakeNewsDataset", lambda i: i % 2)
        + rows("perez_rosas2018", 20, lambda i: "celebrityDataset", lambda i: i % 2),
        "llmfake": rows("llmfake", 20, lambda i: "politifact", lambda i: 0),
    }
    for row in corpora["llmfake"]:
        row["label"] = "llm_fake"
    for name, records in corpora.items():
        (root / name).mkdir(parents=True)
        with open(root / name / "normalized.jsonl", "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record) + "\n")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("train")
    data = root / "data"
    write_corpora(data)
    out, report = root / "model", root / "bench"
    assert main(["train", "--data", str(data), "--out", str(out), "--report", str(report), "--bootstrap", "100"]) == 0
    return data, out, report


def test_train_writes_a_verified_model_its_card_and_the_figures(trained):
    data, out, report = trained
    card = json.loads((out / "model_card.json").read_text())
    assert card["model_sha256"] == sha256_of(out / "model.json")
    model = load_model(out / "model.json")
    assert model.name == card["model"] == "news-reliability-linear"
    assert [f["name"] for f in card["features"]] == list(model.feature_names)
    assert model.bands["unreliable"] <= 50 <= model.bands["reliable"]
    table = (report / "evaluation.md").read_text()
    for corpus in ("checkthat_test", "recovery_publishers", "perez_rosas_fakenewsamt", "llmfake_llm_fakes"):
        assert corpus in table
    assert "MODEL_CARD.md" in {p.name for p in out.iterdir()}
    checkthat = next(f for f in card["evaluation"] if f["corpus"] == "checkthat_test" and f["system"] == "model")
    assert checkthat["values"]["roc_auc"] > 0.9, "the features separate these easy corpora"
    lo, hi = checkthat["intervals"]["roc_auc"]
    assert lo <= checkthat["values"]["roc_auc"] <= hi


def test_training_is_deterministic(trained, tmp_path):
    data, out, _ = trained
    again = tmp_path / "again"
    assert main(["train", "--data", str(data), "--out", str(again), "--report", str(tmp_path), "--bootstrap", "100"]) == 0
    assert (again / "model.json").read_bytes() == (out / "model.json").read_bytes()


def test_gate_passes_the_model_and_refuses_a_worse_one(trained, tmp_path, capsys):
    data, out, _ = trained
    assert main(["evaluate", "--data", str(data), "--model", str(out / "model.json"), "--gate", "--bootstrap", "100"]) == 0
    card = json.loads((out / "model_card.json").read_text())
    for figure in card["evaluation"]:
        if "roc_auc" in figure["values"]:
            figure["values"]["roc_auc"] = 1.01  # a card that promises more than the model delivers
    stricter = tmp_path / "model_card.json"
    stricter.write_text(json.dumps(card))
    assert main(["evaluate", "--data", str(data), "--model", str(out / "model.json"), "--card", str(stricter), "--gate", "--bootstrap", "100"]) == 1
    assert "worse than the card" in capsys.readouterr().err


def test_gate_refuses_changed_evaluation_data(trained, tmp_path, capsys):
    data, out, _ = trained
    changed = tmp_path / "data"
    write_corpora(changed, seed=1)
    assert main(["evaluate", "--data", str(changed), "--model", str(out / "model.json"), "--gate", "--bootstrap", "100"]) == 1
    assert "checksum" in capsys.readouterr().err


def test_train_without_data_is_a_usage_error(tmp_path):
    assert main(["train", "--data", str(tmp_path / "missing"), "--out", str(tmp_path)]) == 2
