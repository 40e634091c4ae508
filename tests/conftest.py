"""Shared fixtures: the seed articles and their hand-made annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def seed_annotations() -> list[dict]:
    with open(SEEDS / "annotations.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return seed_texts()


@pytest.fixture(scope="session")
def annotations() -> list[dict]:
    return seed_annotations()


@pytest.fixture(scope="session")
def scorer():
    from reliability import Scorer

    return Scorer()
