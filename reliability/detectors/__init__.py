"""Detectors: one module per family of rules (see registry.py for the list)."""
