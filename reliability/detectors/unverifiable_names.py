"""RS2xx unverifiable_names (being written: see issue)."""

from __future__ import annotations

from ..document import Document
from .base import Detector, DetectorOutput, DetectorSpec

class UnverifiableNames(Detector):
    spec = DetectorSpec(name="unverifiable_names", code_prefix="RS2", version="0.0", description="", features=(), rules=())

    def detect(self, doc: Document) -> DetectorOutput:
        return self.builder(doc).output({})
