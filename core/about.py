"""What this Juliu is: its version (one number, in pyproject.toml), the date of its rules data, what it bundles."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

# tomllib and the rules loader load with the first question asked (issue 15: `case list` asks none).
ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"  # the bundle carries it as data: the version has one source
ABOUT = ROOT / "rules" / "about.toml"  # core.ruledata.loader.RULES_DIR (a test checks they agree)
# A bundle (packaging/juliu.spec) carries a CJK font here; a checkout has no such folder.
BUNDLED_FONTS_DIR = ROOT / "fonts"


def bundled_font_files(directory: Path = BUNDLED_FONTS_DIR) -> list[Path]:
    """The fonts shipped with a bundle, used only when the computer has no CJK font of its own (PDFs and window)."""
    return sorted(p for p in directory.glob("*.tt[fc]") if p.is_file()) if directory.is_dir() else []


@functools.cache
def app_version() -> str:
    """The version in pyproject.toml; the installed metadata only where the file is absent."""
    import tomllib

    try:
        with PYPROJECT.open("rb") as fh:
            return str(tomllib.load(fh)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        import importlib.metadata  # 50 ms of start-up: only a bundle without pyproject.toml needs it

        try:
            return importlib.metadata.version("juliu")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"


def rules_data_date(path: Path = ABOUT) -> dt.date:
    """The date the rules data was last checked against its sources (rules/about.toml)."""
    from core.ruledata.loader import RulesError, field, load_toml

    value = field(load_toml(path), "data_date", (dt.date, str), path, "")
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    except ValueError as exc:
        raise RulesError(path, "data_date", f"not a date: {value!r}") from exc


def version_line() -> str:
    """`juliu --version`: the program's version and its rules data's date."""
    return f"Juliu {app_version()} (rules data of {rules_data_date().isoformat()})"


# Components a bundle carries, with their licences (Help > About lists them; docs/install.md too).
BUNDLED_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("Python", "PSF License"),
    ("Qt 6 / PySide6", "LGPL-3.0"),
    ("reportlab", "BSD-3-Clause"),
    ("pypdf", "BSD-3-Clause"),
    ("fontTools", "MIT"),
    ("babel", "BSD-3-Clause"),
    ("platformdirs", "MIT"),
    ("openpyxl", "MIT"),
    ("icalendar", "BSD-2-Clause"),
    ("chinesecalendar", "MIT"),
    ("Pillow", "MIT-CMU (HPND)"),
    ("WenQuanYi Micro Hei 文泉驿微米黑", "Apache-2.0 / GPL-3+ with font exception"),
)


@dataclass(frozen=True)
class FirmDatabase:
    """Where a firm's database is, as the connection reports it: never the password."""

    host: str  # a host name, an address, or the folder of a unix socket
    port: str
    database: str
    user: str


@dataclass(frozen=True)
class AboutInfo:
    """Help > About: what a user or a consultant's IT person needs to say which Juliu, which data, which font."""

    version: str
    rules_date: dt.date
    data_folder: Path | None  # None on a firm database: the data is on the server (`firm`)
    engine: str
    database: str
    pdf_font: str
    components: tuple[tuple[str, str], ...] = BUNDLED_COMPONENTS
    firm: FirmDatabase | None = None
