"""Draws Juliu's application icon (ui/icons/): 居 in white on a vermilion rounded square, as PNG, ICO and ICNS.

Run by hand when the icon changes (`python tools/make_icon.py`); the outputs are committed. Needs a CJK TrueType font.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "ui" / "icons"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SIZE = 1024


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=200, fill=(196, 43, 28, 255))
    pen.rounded_rectangle((110, 110, SIZE - 110, SIZE - 110), radius=140, outline=(255, 236, 200, 255), width=18)
    font = ImageFont.truetype(str(FONT), 620)
    pen.text((SIZE / 2, SIZE / 2 + 20), "居", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return image


def main() -> int:
    if not FONT.is_file():
        print(f"needs {FONT} (apt-get install fonts-wqy-microhei)", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "juliu.png")
    big.save(OUT / "juliu.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.resize((512, 512), Image.Resampling.LANCZOS).save(OUT / "juliu.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
