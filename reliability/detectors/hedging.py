"""RS4xx hedging (being written: see issue)."""

from __future__ import annotations

from ..document import Document
from .base import Detector, DetectorOutput, DetectorSpec

class Hedging(Detector):
    spec = DetectorSpec(name="hedging", code_prefix="RS4", version="0.0", description="", features=(), rules=())

    def detect(self, doc: Document) -> DetectorOutput:
        return self.builder(doc).output({})
