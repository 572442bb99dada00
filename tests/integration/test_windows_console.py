"""Every command's output is UTF-8 whatever the console says (issue 16, "Windows").

A Windows console redirected to a pipe or a file writes in the ANSI code page (cp1252), which
has no Vietnamese letters; ``PYTHONIOENCODING=cp1252`` reproduces it here. ``LC_ALL=C`` with
Python's UTF-8 mode and locale coercion turned off is a real non-UTF-8 (ASCII) locale. Each
command runs as a process, as text and as ``--json``, in the order an officer would meet them
(one data folder for the module): the exit code is the expected one, stdout and stderr decode
as UTF-8, JSON parses, and nothing crashed. Arguments stay ASCII: under a C locale Linux cannot
pass Vietnamese in argv (Windows passes it as UTF-16 and is not concerned).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from treem_desktop.console import use_utf8_output
from treem_desktop.i18n import _

pytestmark = pytest.mark.integration
NEXT_YEAR = str(dt.date.today().year + 1)
PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
WINDOWS_CONSOLE = {
    "PYTHONIOENCODING": "cp1252",
    "LC_ALL": "C",
    "LANG": "C",
    "PYTHONUTF8": "0",
    "PYTHONCOERCECLOCALE": "0",
    "QT_QPA_PLATFORM": "offscreen",
}

# (arguments, exit code as text, exit code with --json); "{w}" is the module's work folder.
COMMANDS: list[tuple[tuple[str, ...], int, int]] = [
    (
        ("setup", "--province", "11", "--commune", "03325", "--category", "mien-nui-hai-dao-dbkk"),
        0,
        0,
    ),
    (("commune", "show"), 0, 0),
    (("db", "check"), 0, 0),
    (("backup", "create"), 0, 0),
    (("backup", "list"), 0, 0),
    (("backup", "restore", "{w}/none.bak"), 1, 1),
    (("eval", "template", "2026"), 0, 0),
    (("eval", "import", "2026", "{w}/values.json"), 0, 0),
    (("eval", "score", "2026"), 0, 0),
    (("eval", "export", "2026", "--out", "{w}/diem.xlsx"), 0, 0),
    (("standard", "import", "{w}/bad.json"), 1, 1),
    (("indicators", "import", "2026", "{w}/bad.json"), 1, 1),
    (("indicators", "show", "2026"), 0, 0),
    (("targets", "import", "{w}/bad.json"), 1, 1),
    (("doc", "numbering", "register"), 0, 0),
    (
        (
            "doc",
            "render",
            PLAN,
            "--period",
            NEXT_YEAR,
            "--draft",
            "--out",
            "{w}/kh.docx",
            "--pdf",
            "{w}/kh.pdf",
        ),
        0,
        0,
    ),
    (("doc", "edit", "1", "--summary", "Ke hoach"), 0, 0),
    (("doc", "list"), 0, 0),
    (("key", "show"), 0, 0),
    (("key", "export", "--out", "{w}/cert.pem"), 0, 0),
    (("key", "change-verify", "{w}/bad.json", "--trust", "{w}/cert.pem"), 1, 1),
    (("packet", "build", "--kind", "evaluation", "--period", "2026", "--out", "{w}/out"), 0, 0),
    (("packet", "verify", "{w}/bad.json"), 3, 3),
    (("token", "list", "--library", "{w}/none.so"), 1, 1),
    (("trust", "list"), 0, 0),
    (("trust", "add", "{w}/bad.json", "--fingerprint", "AB"), 1, 1),
    (("outbox", "list"), 0, 0),
    (("outbox", "send"), 0, 0),
    (("outbox", "receipt", "{w}/bad.json"), 1, 1),
    (("outbox", "add", "{w}/bad.json"), 1, 1),
    (("outbox", "eml", "1", "--out", "{w}/x.eml"), 1, 1),
    (("recipient", "trust", "{w}/bad.json", "--fingerprint", "AB"), 1, 1),
    (("settings", "set", "mail.from", "so@example.vn"), 0, 0),
    (("settings", "show"), 0, 0),
    (("key", "replace"), 1, 1),  # no passphrase given (stdin is closed): refused, not hung
    (("key", "protect", "--passphrase-file", "{w}/pass.txt"), 0, 1),  # then: already protected
    (("key", "backup", "--out", "{w}/kb"), 0, 0),
    (("key", "restore", "{w}/none.zip"), 1, 1),
]
CRASHED = "Traceback"


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("console")
    values = '{"c6.a.numerator": 19, "c6.a": {"denominator": 20}}'
    (folder / "values.json").write_text(values, encoding="utf-8")
    (folder / "bad.json").write_text('{"khong": "hợp lệ"}', encoding="utf-8")
    (folder / "pass.txt").write_text("mat khau thu nghiem dai 2026\n", encoding="utf-8")
    return folder


def treem_in_windows_console(work: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_LANG")}
    env.update(WINDOWS_CONSOLE)
    command = [sys.executable, "-m", "treem_desktop", "--data-dir", str(work / "D"), *args]
    return subprocess.run(
        command, capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "text_code", "json_code"), COMMANDS, ids=[" ".join(c[0][:2]) for c in COMMANDS]
)
def test_every_command_writes_utf8_whatever_the_console(
    work: Path, args: tuple[str, ...], text_code: int, json_code: int
) -> None:
    filled = [a.replace("{w}", str(work)) for a in args]
    as_text = treem_in_windows_console(work, *filled)
    out, err = as_text.stdout.decode("utf-8"), as_text.stderr.decode("utf-8")
    assert as_text.returncode == text_code, err
    assert CRASHED not in err and "?" * 3 not in out + err
    if text_code == 0:
        assert out.strip()
    else:
        assert err.startswith("Lỗi: "), err
    as_json = treem_in_windows_console(work, *filled, "--json")
    assert as_json.returncode == json_code, as_json.stderr.decode("utf-8")
    document = json.loads(as_json.stdout.decode("utf-8"))
    assert CRASHED not in as_json.stderr.decode("utf-8")
    assert (document.get("status") == "error") == (json_code != 0)


def test_vietnamese_comes_out_readable_not_replaced(work: Path) -> None:
    shown = treem_in_windows_console(work, "commune", "show")
    assert shown.returncode == 0, shown.stderr
    assert "Xã Mường Phăng (03325)" in shown.stdout.decode("utf-8")
    as_json = treem_in_windows_console(work, "commune", "show", "--json")
    assert json.loads(as_json.stdout.decode("utf-8"))["province"]["name"] == "Điện Biên"
    assert "Điện Biên".encode() in as_json.stdout  # not \u-escaped: UTF-8 bytes, no BOM
    assert not as_json.stdout.startswith(b"\xef\xbb\xbf")


def test_a_usage_error_and_help_in_a_windows_console(work: Path) -> None:
    usage = treem_in_windows_console(work, "eval", "score")
    assert usage.returncode == 2 and b"usage: treem eval score" in usage.stderr
    helped = treem_in_windows_console(work, "setup", "--help")
    assert helped.returncode == 0 and "--province" in helped.stdout.decode("utf-8")


def test_the_streams_are_switched_to_utf8_keeping_their_error_handlers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    use_utf8_output()
    assert (out.encoding, out.errors) == ("utf-8", "strict")
    assert (err.encoding, err.errors) == ("utf-8", "backslashreplace")
    print(_("Error: {message}").format(message="Điện Biên"), end="")
    out.flush()
    assert out.buffer.getvalue().decode("utf-8") == "Lỗi: Điện Biên"


def test_no_console_at_all_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # the windowed Treem.exe has no console
    monkeypatch.setattr(sys, "stderr", None)
    use_utf8_output()
    assert sys.stdout is None and sys.stderr is None
