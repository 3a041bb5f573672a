"""Without a display the viewer says so in one line and exits 2, instead of Qt's abort and core dump."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.gui.application import NO_DISPLAY_HINT, display_problem

ROOT = Path(__file__).resolve().parents[1]


def free_display() -> str:
    """A local X display number nothing listens on."""
    for n in range(97, 200):
        if display_problem({"DISPLAY": f":{n}"}, "linux") is not None:
            return f":{n}"
    pytest.skip("every display number from 97 to 199 answers")


def test_a_headless_platform_needs_no_display():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "minimal"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "wayland;offscreen"}, "linux") is None


def test_linux_without_display_or_wayland_is_refused():
    assert display_problem({}, "linux") == "no display found (DISPLAY is not set)"
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux") == "no display found (DISPLAY is not set)"
    # A Wayland session is enough, unless X was asked for.
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, "linux") is not None


def test_a_display_nothing_answers_at_is_refused_by_name():
    display = free_display()
    assert display_problem({"DISPLAY": display}, "linux") == f"no display found (nothing answers at DISPLAY={display})"
    # Remote displays are left to Qt: a connection could hang on the network.
    assert display_problem({"DISPLAY": "example.org:0"}, "linux") is None


def test_macos_and_windows_always_have_a_display():
    assert display_problem({}, "darwin") is None
    assert display_problem({}, "win32") is None


def clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are checked on Linux")
@pytest.mark.parametrize("display", [None, "free"])
def test_the_viewer_prints_one_line_and_exits_2(display):
    env = clean_env() if display is None else clean_env(DISPLAY=free_display())
    out = subprocess.run([sys.executable, "-m", "viewer", "--sample"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    reason = "DISPLAY is not set" if display is None else f"nothing answers at DISPLAY={env['DISPLAY']}"
    assert lines == [f"storydiff: no display found ({reason}): {NO_DISPLAY_HINT}"]


@pytest.mark.slow
def test_the_command_line_needs_no_display():
    sample = sorted((ROOT / "resources" / "samples" / "harbour-fire").glob("*.txt"))[:2]
    out = subprocess.run([sys.executable, "-m", "viewer", "compare", *map(str, sample), "--format", "json"],
                         cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.startswith("{")
