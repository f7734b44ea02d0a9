"""The bundle as a user gets it (make bundle): CLI, packet with embedded Chinese, the window, install from the archive.

Run by `make bundle-test` (CI runs it after the suite). Hiding the system's fonts needs root (a private mount
namespace); elsewhere that test is skipped and says so.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
JULIU = DIST / "juliu" / "juliu"
EXAMPLE = ROOT / "examples" / "cases" / "beijing-6x-professional.json"
pytestmark = pytest.mark.bundle
CSV = "date,direction,time,port\n2025-01-05,entry,09:30,PEK\n2025-03-01,exit,,\n2025-03-10,入境,,\n"


@pytest.fixture(scope="module", autouse=True)
def _built() -> None:
    assert JULIU.is_file(), "no bundle: run `make bundle` first"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JULIU_", "PYTHON"))}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


def run(*args: str | Path, cwd: Path, wrap: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*wrap, str(JULIU), *map(str, args)], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=120)


def checkout(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=120)


def test_the_bundle_carries_the_data_the_window_reads() -> None:
    internal = JULIU.parent / "_internal"
    for name in ("user-guide.md", "presence.md", "eligibility.md", "packets.md", "case-file.md"):
        assert (internal / "docs" / name).is_file(), name  # Help shows them
    assert sorted(p.name for p in (internal / "examples" / "cases").glob("*.json")) == sorted(
        p.name for p in EXAMPLE.parent.glob("*.json"))  # "Open the examples" imports them
    assert list((internal / "fonts").glob("*.tt[cf]")) and (internal / "licenses").is_dir()
    assert not list(internal.rglob("*.py"))  # no source shipped as data


def test_version_and_presence_match_the_checkout(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(CSV, encoding="utf-8")
    for args in (("--version",), ("presence", "c.csv", "--as-of", "2025-12-31", "--json")):
        bundled, source = run(*args, cwd=tmp_path), checkout(*args, cwd=tmp_path)
        assert bundled.returncode == 0, bundled.stderr
        assert bundled.stdout == source.stdout and not bundled.stderr
    assert run("--version", cwd=tmp_path).stdout.startswith("Juliu ")


def _packet_text(pdf: Path) -> tuple[str, list[str]]:
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    unembedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            if not set(descriptor.keys()) & {"/FontFile", "/FontFile2", "/FontFile3"}:
                unembedded.append(str(font["/BaseFont"]))
    return "".join(page.extract_text() for page in reader.pages), unembedded


def _import_and_build(tmp_path: Path, wrap: tuple[str, ...] = ()) -> Path:
    data = tmp_path / "data"
    imported = run("--data-dir", data, "case", "import", EXAMPLE, cwd=tmp_path, wrap=wrap)
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "packet.pdf"
    built = run("--data-dir", data, "packet", "--applicant", "1", "--kind", "pr_salary_tax", "--as-of",
                "2026-12-15", "--out", out, cwd=tmp_path, wrap=wrap)
    assert built.returncode == 0, built.stderr
    return out


def test_case_import_and_a_packet_with_every_font_embedded(tmp_path: Path) -> None:
    text, unembedded = _packet_text(_import_and_build(tmp_path))
    assert not unembedded
    assert "陈伟明" in text and "永久居留" in text


def _can_hide_fonts() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("unshare") is not None \
        and subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


def test_the_bundled_font_serves_a_computer_without_chinese_fonts(tmp_path: Path) -> None:
    if not _can_hide_fonts():
        pytest.skip("hiding the system's fonts needs root and unshare (a private mount namespace)")
    hide = _hide_fonts(tmp_path)
    about = subprocess.run([*hide, sys.executable, "-c", "import sys; print(sorted(__import__('os').listdir("
                            "'/usr/share/fonts')))"], capture_output=True, text=True)
    assert about.stdout.strip() == "[]", about.stderr  # the namespace really hides them
    text, unembedded = _packet_text(_import_and_build(tmp_path, wrap=hide))
    assert not unembedded and "陈伟明" in text


def _hide_fonts(tmp_path: Path) -> tuple[str, ...]:
    """A command prefix that runs a program with /usr/share/fonts empty: a computer with no fonts installed."""
    empty = tmp_path / "no-fonts"
    empty.mkdir(exist_ok=True)
    return ("unshare", "-m", "sh", "-c", f'mount --bind "{empty}" /usr/share/fonts && exec "$0" "$@"')


def _window_on_xvfb(tmp_path: Path, wrap: tuple[str, ...] = ()) -> tuple[bool, str, int, Path]:
    """Start the bundle's window on a private X server like a launcher would, screenshot it, close it."""
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.fail("Xvfb or xdotool is missing (tools/system-deps.sh installs them)")
    display = f":{90 + os.getpid() % 100}"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        env = {**_env(HOME=str(tmp_path), XDG_RUNTIME_DIR=str(runtime)), "QT_QPA_PLATFORM": "xcb",
               "DISPLAY": display}
        proc = subprocess.Popen([*wrap, str(JULIU), "--data-dir", str(tmp_path / "fresh")], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(6)
        grab_py = str(Path(__file__).with_name("grab_screen.py"))
        first = tmp_path / "first-question.png"
        subprocess.run([sys.executable, grab_py, str(first)], env=env, capture_output=True, timeout=60)
        # A first start asks whether to protect the records with a passphrase; answer No as a user would
        # (Escape is the question's No), with the pointer over the centred question.
        subprocess.run(["xdotool", "mousemove", "683", "384", "key", "Escape"], env=env, timeout=30)
        time.sleep(4)
        alive = proc.poll() is None
        shot = tmp_path / "window.png"
        grab = subprocess.run([sys.executable, grab_py, str(shot)], env=env, capture_output=True, text=True,
                              timeout=60)
        colours = int(grab.stdout.strip() or 0)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        return alive, err, colours, shot
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


def test_the_window_starts_on_a_first_run_without_error_output(tmp_path: Path) -> None:
    alive, err, colours, shot = _window_on_xvfb(tmp_path)
    assert alive, err
    assert err == ""
    assert colours > 20, f"the screen looks empty: {shot}"  # a drawn window, not a blank screen
    assert (tmp_path / "fresh" / "juliu.sqlite3").is_file()  # a first start with no data creates the store


def test_the_window_starts_with_the_bundled_font_on_a_computer_without_fonts(tmp_path: Path) -> None:
    if not _can_hide_fonts():
        pytest.skip("hiding the system's fonts needs root and unshare (a private mount namespace)")
    alive, err, colours, shot = _window_on_xvfb(tmp_path, _hide_fonts(tmp_path))
    assert alive, err
    assert colours > 20, f"the screen looks empty: {shot}"
    assert "Traceback" not in err


def test_the_archive_installs_a_launcher_and_uninstalls_it(tmp_path: Path) -> None:
    (archive,) = DIST.glob("juliu-*-linux-*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (folder,) = (tmp_path / "unpacked").iterdir()
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    done = subprocess.run(["sh", str(folder / "install.sh")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    desktop = home / ".local/share/applications/juliu.desktop"
    exec_line = next(line for line in desktop.read_text().splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=")
    assert Path(program).is_file() and (home / ".local/share/icons/hicolor/256x256/apps/juliu.png").is_file()
    version = subprocess.run([program, "--version"], env=_env(), capture_output=True, text=True, timeout=60)
    assert version.stdout == run("--version", cwd=tmp_path).stdout
    (home / ".local/share/Juliu").mkdir(parents=True)
    (home / ".local/share/Juliu/keep.txt").write_text("data")
    gone = subprocess.run(["sh", str(folder / "uninstall.sh")], env=env, capture_output=True, text=True, timeout=60)
    assert gone.returncode == 0, gone.stderr
    assert not desktop.exists() and not Path(program).exists()
    assert (home / ".local/share/Juliu/keep.txt").read_text() == "data"
