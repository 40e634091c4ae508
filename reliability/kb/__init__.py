"""Knowledge base of people, offices, terms and ranks (shipped offline).

``KnowledgeBase.load()`` reads ``data/kb.tsv`` (built by
``python -m reliability.kb.build``) plus any CSV files of your own rows; see
``README.md`` in this folder for the format, the sources and their licences.
Nothing is read at import time.
"""

from .store import EXTRA_ENV, KnowledgeBase

__all__ = ["KnowledgeBase", "EXTRA_ENV"]
