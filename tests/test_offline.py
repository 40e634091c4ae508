"""No network at run time: scoring works with every socket refused."""

import subprocess
import sys
import textwrap
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2d4b62b40a583583.txt"


def test_scoring_works_with_networking_blocked():
    script = textwrap.dedent(
        f"""
        import socket
        def refuse(*args, **kwargs):
            raise RuntimeError("network access attempted")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from reliability import score_article
        report = score_article(open({str(SEED)!r}, encoding="utf-8").read())
        assert report.findings and 0 <= report.score <= 100
        print("scored", report.band)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "scored" in result.stdout
