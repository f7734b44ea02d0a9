"""Find, convert and register a CJK font so Chinese in our PDFs is embedded and never shows as boxes."""
from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import io
import os
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, TTLibError, newTable
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

from core.about import BUNDLED_FONTS_DIR, bundled_font_files
from core.i18n import _
from core.render.errors import ENV_VAR
from core.render.errors import FontNotFoundError as FontNotFoundError  # re-exported: callers catch it from here too

# Every page mixes hanzi with Latin letters and digits; DroidSansFallbackFull has no Latin, so test both.
DEFAULT_SAMPLE = "居留申请人姓名护照天数 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789"
Outline = Literal["truetype", "cff"]
_IGNORED_CHARS = frozenset("\n\r\t")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class FontSource:
    path: Path
    subfont_index: int
    outline: Outline
    family: str


@dataclass(frozen=True)
class RegisteredFonts:
    """Reportlab font names; `bold_is_distinct` is False when no bold face exists and bold prints regular."""

    regular: str
    bold: str
    bold_is_distinct: bool = False
    subset_to_text: bool = False  # a CFF font converted for the registered text only (core/render/covered.py)


@dataclass(frozen=True)
class _Face:
    index: int
    family: str
    outline: Outline | None  # None: outlines we cannot use (e.g. variable CFF2)


def system_font_candidates(env: Mapping[str, str]) -> list[Path]:
    """The usual CJK font files of Windows, macOS and Linux, in order of preference (DESIGN: fonts)."""
    windows = Path(env.get("WINDIR", "C:/Windows")) / "Fonts"
    mac = [
        "/System/Library/Fonts/STHeiti Medium.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
        "/System/Library/Fonts/PingFang.ttc",
        "/System/Library/Fonts/Hiragino Sans GB.ttc",
    ]
    linux_dirs = [
        "/usr/share/fonts/truetype/wqy", "/usr/share/fonts/wenquanyi/wqy-microhei",
        "/usr/share/fonts/wqy-microhei",
        "/usr/share/fonts/wenquanyi/wqy-zenhei", "/usr/share/fonts/wqy-zenhei",
        "/usr/share/fonts/truetype/arphic", "/usr/share/fonts/arphic",
    ]
    linux_names = ["wqy-microhei.ttc", "wqy-zenhei.ttc", "uming.ttc", "ukai.ttc"]
    cff = [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
        "/usr/share/fonts/adobe-source-han-sans/SourceHanSans-Regular.ttc",
        "/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    ]
    found = [windows / n for n in ("msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf")]
    found += [Path(p) for p in mac]
    found += [Path(d) / n for n in linux_names for d in linux_dirs]
    return found + [Path(p) for p in cff]


def is_bundled(source: FontSource) -> bool:
    return source.path.parent == BUNDLED_FONTS_DIR


def describe_font(configured: Path | None = None) -> str:
    """The font PDFs will use, for Help > About: family, file and where it comes from, or why there is none."""
    try:
        source = find_cjk_font(configured)
    except FontNotFoundError as exc:
        return exc.reason
    if is_bundled(source):
        origin = _("bundled with Juliu")
    elif configured or os.environ.get(ENV_VAR):
        origin = _("set by {variable}").format(variable=ENV_VAR)
    else:
        origin = _("installed on this computer")
    outline = _("TrueType outlines") if source.outline == "truetype" else _("CFF outlines, converted for each PDF")
    return f"{source.family} — {source.path} ({origin}; {outline})"


def _sample_codepoints(text: str) -> frozenset[int]:
    return frozenset(ord(c) for c in DEFAULT_SAMPLE + text if c not in _IGNORED_CHARS)


@functools.lru_cache(maxsize=64)
def _faces(path: str) -> tuple[_Face, ...]:
    """Every face of a font file (several in a .ttc), with its family name and outline kind."""
    with open(path, "rb") as fh:
        is_collection = fh.read(4) == b"ttcf"
    fonts = TTCollection(path, lazy=True).fonts if is_collection else [TTFont(path, lazy=True)]
    faces = []
    try:
        for index, font in enumerate(fonts):
            outline: Outline | None = "truetype" if "glyf" in font else "cff" if "CFF " in font else None
            faces.append(_Face(index, str(font["name"].getBestFamilyName() or Path(path).stem), outline))
    finally:
        for font in fonts:
            font.close()
    return tuple(faces)


@functools.lru_cache(maxsize=32)
def _codepoints(path: str, index: int) -> frozenset[int]:
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _preference(face: _Face, family: str | None) -> tuple[int, int]:
    """Simplified-Chinese proportional faces first: wqy-microhei 0, Noto CJK "SC"; not Mono/UI/JP/KR/TC."""
    tokens = set(face.family.replace("-", " ").split())
    score = 0 if family is None or face.family == family else 5
    score += 2 if tokens & {"Mono", "UI"} else 0
    score += 1 if tokens & {"JP", "KR", "TC", "HK", "TW", "MBE", "J", "K"} else 0
    score -= 1 if tokens & {"SC", "CN", "GB"} else 0
    return score, face.index


def inspect_font(path: Path, text: str = "", family: str | None = None) -> FontSource | str:
    """The file's Simplified-Chinese face if it has every character of the sample, or why it cannot be used.

    Only the preferred face is checked: the other faces of a collection are other regions' glyph shapes
    (JP/KR/TC) or monospaced, which a Chinese filing should not fall back to.
    """
    try:
        faces = [f for f in _faces(str(path)) if f.outline is not None]
    except (OSError, TTLibError, KeyError, AssertionError) as exc:
        return f"{path}: not a readable font file ({exc})"
    if not faces:
        return f"{path}: outlines are neither TrueType nor CFF"
    face = min(faces, key=lambda f: _preference(f, family))
    missing = sorted(_sample_codepoints(text) - _codepoints(str(path), face.index))
    if missing:
        shown = "".join(chr(c) for c in missing[:12]) + (" ..." if len(missing) > 12 else "")
        return f"{path} ({face.family}): no glyphs for {shown!r}"
    return FontSource(path, face.index, face.outline or "truetype", face.family)  # outline is set: filtered


def _from_configured(path: Path, origin: str, text: str) -> FontSource:
    if not path.is_file():
        raise FontNotFoundError(_("The CJK font configured by {origin} is not an existing file: {path}").format(
                                  origin=origin, path=path))
    found = inspect_font(path, text)
    if isinstance(found, str):
        raise FontNotFoundError(_("The CJK font configured by {origin} cannot be used. {found}").format(
                                  origin=origin, found=found))
    return found


def find_cjk_font(
    configured: Path | None = None, env: Mapping[str, str] | None = None, *, sample: str = ""
) -> FontSource:
    """An explicit path wins, then $JULIU_CJK_FONT, then the system's fonts (TrueType outlines before CFF), then the
    font a bundle carries."""
    env = os.environ if env is None else env
    if configured is not None:
        return _from_configured(Path(configured), "the font_path argument", sample)
    if env.get(ENV_VAR):
        return _from_configured(Path(env[ENV_VAR]), f"${ENV_VAR}", sample)
    fallback: FontSource | None = None
    rejected = []
    for path in system_font_candidates(env):
        if not path.is_file():
            continue
        found = inspect_font(path, sample)
        if isinstance(found, str):
            rejected.append(found)
        elif found.outline == "truetype":
            return found
        elif fallback is None:
            fallback = found
    if fallback is not None:
        return fallback
    for path in bundled_font_files():  # the bundle's own font, for a computer that has none (packaging/)
        found = inspect_font(path, sample)
        if not isinstance(found, str):
            return found
        rejected.append(found)
    detail = "".join("\n  " + _("rejected: {font}").format(font=r) for r in rejected)
    raise FontNotFoundError(_("No usable CJK font was found on this computer.{detail}").format(detail=detail))


_BOLD_SIBLINGS = {
    "msyh.ttc": "msyhbd.ttc", "msyh.ttf": "msyhbd.ttf", "STHeiti Light.ttc": "STHeiti Medium.ttc",
}


def find_bold_companion(regular: FontSource, sample: str = "") -> FontSource | None:
    """The bold file beside the regular one (msyhbd.ttc, NotoSansCJK-Bold.ttc), if it has every glyph."""
    name = regular.path.name
    names = [_BOLD_SIBLINGS.get(name, name), name.replace("Regular", "Bold"), name.replace("regular", "bold")]
    for candidate in dict.fromkeys(n for n in names if n != name):
        path = regular.path.with_name(candidate)
        if path.is_file():
            found = inspect_font(path, sample, family=regular.family)
            if isinstance(found, FontSource):
                return found
    return None


def cff_to_truetype(source: FontSource, chars: Iterable[str]) -> bytes:
    """Subset a CFF face to `chars` and redraw it with quadratic outlines, since reportlab reads only glyf."""
    return _converted(source, frozenset(chars) - _IGNORED_CHARS)


_UNUSED_TABLES = ("BASE", "GSUB", "GPOS", "GDEF", "JSTF", "vhea", "vmtx", "VORG")


def truetype_subset(source: FontSource, chars: Iterable[str]) -> bytes:
    """TrueType-outline bytes holding only `chars` (CFF faces converted), for fonts we embed ourselves, such as
    the font added to a fillable form's /DR so that its Chinese field values display."""
    charset = frozenset(chars) - _IGNORED_CHARS
    return _converted(source, charset) if source.outline == "cff" else _subset_truetype(source, charset)


@functools.lru_cache(maxsize=16)
def _subset_truetype(source: FontSource, charset: frozenset[str]) -> bytes:
    with TTFont(str(source.path), fontNumber=source.subfont_index, recalcTimestamp=False) as font:
        if "FFTM" in font:  # FontForge's timestamp: the subsetter cannot keep it and says so on stderr
            del font["FFTM"]
        _subset(font, charset)
        _rename(font, _charset_digest(charset))
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()


@functools.lru_cache(maxsize=16)
def _converted(source: FontSource, charset: frozenset[str]) -> bytes:
    with TTFont(str(source.path), fontNumber=source.subfont_index, recalcTimestamp=False) as font:
        _subset(font, charset)
        _replace_cff_with_glyf(font)
        _rename(font, _charset_digest(charset))
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()


def _subset(font: TTFont, charset: frozenset[str]) -> None:
    for tag in _UNUSED_TABLES:  # reportlab ignores them; deleting before subsetting saves decoding ~0.5 s
        if tag in font:
            del font[tag]
    options = subset.Options()
    options.notdef_outline = True
    options.hinting = False
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(charset)))
    subsetter.subset(font)


def _replace_cff_with_glyf(font: TTFont) -> None:
    """Cubic CFF outlines -> quadratic glyf outlines (STACK-NOTES recipe), with the tables glyf implies."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    del font["CFF "]
    _set_maxp_v1(font)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _charset_digest(charset: frozenset[str]) -> str:
    return hashlib.sha256("".join(sorted(charset)).encode()).hexdigest()[:10]


def _rename(font: TTFont, suffix: str) -> None:
    """Give each subset its own PostScript name: reportlab aliases fonts sharing a face name to the first."""
    postscript = str(font["name"].getDebugName(6) or "JuliuCJK")
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = f"{postscript}-{suffix}"[:63]


def _set_maxp_v1(font: TTFont) -> None:
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1  # points/contours are recalculated from glyf when the font is saved


_DRAWN: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("juliu_drawn_chars", default=None)


class _RecordingTTFont(ReportlabTTFont):  # type: ignore[misc]
    """A reportlab TrueType font that notes every character it encodes, so a PDF learns what it printed while drawing.

    reportlab sends all text drawn in a TrueType font through splitString (canvas strings, Paragraphs, forms), so
    this sees every character on every page; the set belongs to the build running in this context (thread-safe).
    """

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802
        drawn = _DRAWN.get()
        if drawn is not None:
            drawn.update(text)
        return list(super().splitString(text, doc, encoding))


@contextlib.contextmanager
def recording_drawn() -> Iterator[set[str]]:
    """Collect the characters drawn in Juliu's CJK fonts inside the block (render passes only)."""
    drawn: set[str] = set()
    token = _DRAWN.set(drawn)
    try:
        yield drawn
    finally:
        _DRAWN.reset(token)
        drawn.difference_update(_IGNORED_CHARS)  # line breaks and tabs are layout, not glyphs


_LOADED: dict[tuple[str, int, frozenset[str] | None], ReportlabTTFont] = {}


def _font_name(source: FontSource, charset: frozenset[str] | None) -> str:
    base = "JuliuCJK-" + re.sub(r"[^A-Za-z0-9]", "", source.path.stem) + f"-{source.subfont_index}"
    if charset is None:
        return base
    return f"{base}-{_charset_digest(charset)}"


def load_ttfont(source: FontSource, text: str) -> ReportlabTTFont:
    """A reportlab font for `source`, cached per (path, index, charset); the charset matters only for CFF."""
    charset = None if source.outline == "truetype" else frozenset(DEFAULT_SAMPLE + text) - _IGNORED_CHARS
    key = (str(source.path), source.subfont_index, charset)
    with _LOCK:
        if key not in _LOADED:
            name = _font_name(source, charset)
            try:
                if charset is None:
                    font = _RecordingTTFont(name, str(source.path), subfontIndex=source.subfont_index)
                else:
                    font = _RecordingTTFont(name, io.BytesIO(cff_to_truetype(source, charset)))
            except TTFError as exc:
                raise FontNotFoundError(_("{path} cannot be embedded: {exc}").format(
                                          path=source.path, exc=exc)) from exc
            _LOADED[key] = font
        return _LOADED[key]


def _check_registered(name: str, text: str) -> None:
    """Reportlab may hand back an older font of the same face name; make sure it still has every glyph."""
    missing = _sample_codepoints(text) - set(pdfmetrics.getFont(name).face.charToGlyph)
    if missing:
        shown = "".join(chr(c) for c in sorted(missing)[:12])
        raise FontNotFoundError(_("The font registered as {name} has no glyphs for {characters}").format(
                                  name=name, characters=repr(shown)))


def register_fonts(
    text: str, configured: Path | None = None, *, env: Mapping[str, str] | None = None
) -> RegisteredFonts:
    """Register a regular and a bold CJK face covering `text`, as one family so <b> in Paragraphs works."""
    regular_source = find_cjk_font(configured, env, sample=text)
    bold_source = find_bold_companion(regular_source, text)
    regular = load_ttfont(regular_source, text)
    bold = load_ttfont(bold_source, text) if bold_source else regular
    for font in (regular, bold):
        pdfmetrics.registerFont(font)
        _check_registered(font.fontName, text)
    pdfmetrics.registerFontFamily(
        regular.fontName, normal=regular.fontName, bold=bold.fontName, italic=regular.fontName,
        boldItalic=bold.fontName,
    )
    cff = any(source.outline == "cff" for source in (regular_source, bold_source) if source)
    return RegisteredFonts(regular.fontName, bold.fontName, bold is not regular, subset_to_text=cff)


def converted_per_text(text: str, configured: Path | None = None) -> bool:
    """Whether register_fonts(text, configured) converts a CFF face, and so must be told every character in advance."""
    regular = find_cjk_font(configured, None, sample=text)
    return regular.outline == "cff" or getattr(find_bold_companion(regular, text), "outline", None) == "cff"


@functools.cache
def probe_fonts() -> RegisteredFonts:
    """Fonts for a pass that only records which characters are drawn: reportlab's own Vera, no conversion needed.

    Characters Vera lacks are still recorded (reportlab encodes them before it looks for glyphs); the pages drawn with
    it are thrown away, so their look does not matter.
    """
    import reportlab  # noqa: PLC0415 (only its folder is wanted)

    font = _RecordingTTFont("JuliuProbe", str(Path(reportlab.__file__).with_name("fonts") / "Vera.ttf"))
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(font.fontName, normal=font.fontName, bold=font.fontName, italic=font.fontName,
                                  boldItalic=font.fontName)
    return RegisteredFonts(font.fontName, font.fontName)


def glyph_coverage(fonts: RegisteredFonts) -> frozenset[str]:
    """The characters both registered faces have glyphs for."""
    faces = {pdfmetrics.getFont(fonts.regular).face, pdfmetrics.getFont(fonts.bold).face}
    covered = [frozenset(map(chr, face.charToGlyph)) for face in faces]
    return frozenset.intersection(*covered)
