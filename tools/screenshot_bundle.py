"""Screenshots of the bundle as a user meets it (docs/install.md): installed from the archive, started from its
launcher's Exec line on a private X server, on a computer whose fonts are hidden (no CJK font installed), in Chinese.

Run after `make bundle`, as root (hiding /usr/share/fonts needs a private mount namespace):
    .venv/bin/python tools/screenshot_bundle.py docs/screenshots
Needs Xvfb and xdotool (tools/system-deps.sh).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRAB = ROOT / "tests" / "bundle" / "grab_screen.py"


def main(out: Path) -> int:
    (archive,) = (ROOT / "dist").glob("juliu-*-linux-*.tar.gz")
    work = Path(tempfile.mkdtemp())
    with tarfile.open(archive) as tar:
        tar.extractall(work / "unpacked", filter="tar")
    (folder,) = (work / "unpacked").iterdir()
    home = work / "home"
    installed = subprocess.run(["sh", str(folder / "install.sh")], env={"HOME": str(home), "PATH": os.environ["PATH"]},
                               capture_output=True, text=True, check=True)
    print(installed.stdout, end="")
    desktop = (home / ".local/share/applications/juliu.desktop").read_text()
    program = next(line for line in desktop.splitlines() if line.startswith("Exec=")).removeprefix("Exec=")
    (work / "no-fonts").mkdir()
    runtime = work / "runtime"
    runtime.mkdir(mode=0o700)
    display = ":57"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
    env = {"HOME": str(home), "PATH": os.environ["PATH"], "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN", "XDG_RUNTIME_DIR": str(runtime)}
    hide = ["unshare", "-m", "sh", "-c", f'mount --bind "{work / "no-fonts"}" /usr/share/fonts && exec "$0" "$@"']
    try:
        time.sleep(1.5)
        app = subprocess.Popen([*hide, program], env=env, stderr=subprocess.PIPE, text=True)
        time.sleep(6)
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(GRAB), str(out / "install-linux-first-question.png")], env=env, check=True)
        subprocess.run(["xdotool", "mousemove", "683", "384", "key", "Escape"], env=env, check=True)
        time.sleep(4)
        subprocess.run([sys.executable, str(GRAB), str(out / "install-linux-first-start.png")], env=env, check=True)
        app.terminate()
        _, err = app.communicate(timeout=30)
        print(err, end="", file=sys.stderr)
    finally:
        xvfb.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "shots"))
