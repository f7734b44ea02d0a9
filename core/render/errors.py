"""What callers catch from rendering, importable without loading reportlab, pypdf or fontTools (start-up time)."""
from __future__ import annotations

ENV_VAR = "JULIU_CJK_FONT"
INSTALL_HINT = (
    "Install a Chinese font with TrueType or CFF outlines that also has Latin letters and digits:\n"
    "  Debian/Ubuntu: apt-get install fonts-wqy-microhei (or fonts-noto-cjk)\n"
    "  Windows: Microsoft YaHei (msyh.ttc) or SimSun (simsun.ttc) are standard in C:\\Windows\\Fonts\n"
    "  macOS: STHeiti (/System/Library/Fonts/STHeiti Medium.ttc) or Arial Unicode are standard\n"
    f"Or point Juliu at a font file with the {ENV_VAR} environment variable or the font_path argument."
)


class FontNotFoundError(Exception):
    """No usable CJK font: says why and what to install; a PDF with missing glyphs is worse than none."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}\n{INSTALL_HINT}")
        self.reason = reason
