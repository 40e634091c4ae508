"""RS1xx anonymous_sourcing (being written: see issue)."""

from __future__ import annotations

from ..document import Document
from .base import Detector, DetectorOutput, DetectorSpec

class AnonymousSourcing(Detector):
    spec = DetectorSpec(name="anonymous_sourcing", code_prefix="RS1", version="0.0", description="", features=(), rules=())

    def detect(self, doc: Document) -> DetectorOutput:
        return self.builder(doc).output({})
