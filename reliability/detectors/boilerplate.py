"""RS3xx boilerplate (being written: see issue)."""

from __future__ import annotations

from ..document import Document
from .base import Detector, DetectorOutput, DetectorSpec

class Boilerplate(Detector):
    spec = DetectorSpec(name="boilerplate", code_prefix="RS3", version="0.0", description="", features=(), rules=())

    def detect(self, doc: Document) -> DetectorOutput:
        return self.builder(doc).output({})
