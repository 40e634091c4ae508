"""`reliability rule CODE`: a rule's documentation; `reliability rule --all`: every rule.

Read from the detector specs (no data is loaded), so a rule documents itself
wherever it is defined. A family prefix (``RS1``) lists that family's rules.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from typing import Any, Sequence


def register(subparsers: "argparse._SubParsersAction") -> None:
    parser = subparsers.add_parser(
        "rule",
        help="print a rule's documentation (reliability rule RS101), or list all rules (--all)",
        description="Print the documentation of a rule code, list the rules of a family prefix (RS1), "
        "or list every rule with --all.",
    )
    parser.add_argument("code", nargs="?", help="a rule code (RS101) or family prefix (RS1)")
    parser.add_argument("--all", action="store_true", help="list every rule")
    parser.add_argument("-f", "--output-format", "--format", dest="format", choices=["text", "json"], default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.all:
        chosen = rules
    elif args.code:
        code = args.code.strip().upper()
        exact = [r for r in rules if r["code"] == code]
        chosen = exact or [r for r in rules if r["code"].startswith(code)]
        if not chosen:
            return _unknown(code, rules)
        if exact:
            _emit_one(exact[0], args.format)
            return 0
    else:
        print("reliability rule: error: give a rule code (e.g. RS101), a prefix (RS1), or --all", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(chosen, indent=2, ensure_ascii=False))
    else:
        print(listing(chosen), end="")
    return 0


def all_rules() -> list[dict[str, Any]]:
    """Every rule: the checker's own (RS0xx) and each detector's, in code order."""
    from ..formats.rows import CHECK_RULES
    from ..registry import all_specs

    rules = [
        {"code": code, "name": name, "detector": "check", "severity": severity, "summary": summary,
         "feature": None, "rationale": "", "should": [], "should_not": []}
        for code, (name, summary, severity) in CHECK_RULES.items()
    ]
    for spec in all_specs():
        for rule in spec.rules:
            rules.append({
                "code": rule.code,
                "name": rule.name,
                "detector": spec.name,
                "severity": rule.severity,
                "summary": rule.summary,
                "feature": spec.qualified(rule.feature) if rule.feature else None,
                "rationale": rule.rationale,
                "should": list(rule.should),
                "should_not": list(rule.should_not),
            })
    return sorted(rules, key=lambda r: r["code"])


def listing(rules: Sequence[dict[str, Any]]) -> str:
    """One line per rule: code, name, severity, summary."""
    name_w = max((len(r["name"]) for r in rules), default=4)
    lines = [f"{r['code']:<7} {r['name']:<{name_w}}  {r['severity']:<7}  {r['summary']}" for r in rules]
    return "\n".join(lines) + "\n"


def document(rule: dict[str, Any]) -> str:
    """A rule's documentation as Markdown-like text."""
    lines = [f"# {rule['code']} {rule['name']}", ""]
    meta = f"Detector: {rule['detector']}. Severity: {rule['severity']}."
    if rule.get("feature"):
        meta += f" Feeds the model feature {rule['feature']}."
    lines += [meta, "", "## What it finds", "", rule["summary"]]
    if rule.get("rationale"):
        lines += ["", "## Why it matters", "", rule["rationale"]]
    if rule.get("should"):
        lines += ["", "## Flagged", ""] + [f"    {' '.join(e.split())}" for e in rule["should"]]
    if rule.get("should_not"):
        lines += ["", "## Not flagged", ""] + [f"    {' '.join(e.split())}" for e in rule["should_not"]]
    if rule["detector"] == "check":
        lines += ["", "Set by `reliability check --min-score/--fail-on`, not by --select."]
    else:
        lines += ["", f"Select it with `reliability check --select {rule['code']}`; "
                  f"leave it out with `--ignore {rule['code']}`."]
    return "\n".join(lines) + "\n"


def _emit_one(rule: dict[str, Any], fmt: str) -> None:
    print(json.dumps(rule, indent=2, ensure_ascii=False) if fmt == "json" else document(rule), end="" if fmt != "json" else "\n")


def _unknown(code: str, rules: Sequence[dict[str, Any]]) -> int:
    close = difflib.get_close_matches(code, [r["code"] for r in rules], n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    print(f"reliability rule: error: no rule {code!r}.{hint} List them with `reliability rule --all`.", file=sys.stderr)
    return 2
