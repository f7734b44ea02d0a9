"""Benchmark: a PR salary-route packet (Beijing) with 30 attached two-page scans.

Targets (issue 6): the whole build under 2 s on this machine; the generated pages (without the scans) under
400 KB. Run from the repository root:  python bench/packet/bench_packet.py [--record]
"""
from __future__ import annotations

import argparse
import dataclasses
import io
import platform
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.packets.content import Attachment, PacketContent, Text  # noqa: E402
from core.render.packet_pdf import render_packet, render_packet_bytes  # noqa: E402
from tests.render.packet_samples import sample_content  # noqa: E402

SCANS, PAGES = 30, 2
RESULTS = Path(__file__).with_name("RESULTS.md")


def scan_page(seed: int) -> Image.Image:
    """A 150 dpi A4 greyscale page with text-like strokes and paper noise, as a document scanner writes it."""
    image = Image.effect_noise((1240, 1754), 12).point(lambda v: 215 + v // 8)
    draw = ImageDraw.Draw(image)
    for row in range(40):
        y = 120 + row * 38
        for word in range(12):
            x = 90 + word * 90 + (seed * 7 + row * 13 + word * 31) % 30
            draw.rectangle((x, y, x + 40 + (seed + row + word) % 35, y + 14), fill=40 + (row * word) % 60)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def scan_pdfs() -> list[bytes]:
    pdfs = []
    for n in range(SCANS):
        pages = [scan_page(n * PAGES + k) for k in range(PAGES)]
        buffer = io.BytesIO()
        pages[0].save(buffer, "PDF", resolution=150, save_all=True, append_images=pages[1:], quality=60)
        pdfs.append(buffer.getvalue())
    return pdfs


def content_with_scans(pdfs: list[bytes]) -> PacketContent:
    base = sample_content("pr_salary_tax", "beijing", scans=0)
    attachments = tuple(Attachment("passport", Text(f"扫描件 {i + 1}", f"Scan {i + 1}"), "application/pdf", pdf)
                        for i, pdf in enumerate(pdfs))
    return dataclasses.replace(base, attachments=attachments)


def cold_run(out: Path) -> float:
    """A fresh interpreter builds and writes the packet: imports, font loading, everything."""
    code = (f"import sys, time; t = time.perf_counter(); sys.path.insert(0, {str(ROOT)!r})\n"
            f"from bench.packet.bench_packet import build_once; build_once({str(out)!r})\n"
            "print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(done.stdout.strip().splitlines()[-1])


_PDFS: list[bytes] = []


def build_once(out: str) -> None:
    """What the cold run times: content (templates, checklist, forms, pre-flight) + render + merge + write."""
    if not _PDFS:
        _PDFS.extend(_cached_scans())
    render_packet(content_with_scans(_PDFS), Path(out))


def _cached_scans() -> list[bytes]:
    cache = Path("/tmp/juliu-bench-scans")
    if not cache.is_dir():
        cache.mkdir()
        for i, pdf in enumerate(scan_pdfs()):
            (cache / f"{i:02}.pdf").write_bytes(pdf)
    return [p.read_bytes() for p in sorted(cache.glob("*.pdf"))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", action="store_true", help="write the figures to RESULTS.md")
    args = parser.parse_args()
    pdfs = _cached_scans()
    scans_kb = sum(len(p) for p in pdfs) / 1024
    out = Path("/tmp/juliu-bench-packet.pdf")
    cold = min(cold_run(out) for _ in range(3))
    t = time.perf_counter()
    content = content_with_scans(pdfs)
    result = render_packet(content, out)
    first = time.perf_counter() - t
    warm = []
    for _ in range(3):
        t = time.perf_counter()
        render_packet(content_with_scans(pdfs), out)
        warm.append(time.perf_counter() - t)
    generated = render_packet_bytes(dataclasses.replace(content, attachments=()))
    lines = [
        f"- machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores",
        f"- packet: {result.pages} pages ({generated.pages} generated + {SCANS} scans x {PAGES} pages), "
        f"{len(result.data) / 1024:.0f} KB (scans alone {scans_kb:.0f} KB)",
        f"- cold, fresh interpreter (imports, font loading, content, render, merge, write), best of 3: {cold:.2f} s",
        f"- in process, first build (font loading included): {first:.2f} s",
        f"- in process, warm rebuild, best of 3: {min(warm):.2f} s",
        f"- generated pages without the scans: {generated.pages} pages, {len(generated.data) / 1024:.0f} KB",
        f"- targets: whole build < 2 s -> {'met' if cold < 2 else 'NOT met'}; generated pages < 400 KB -> "
        f"{'met' if len(generated.data) < 400 * 1024 else 'NOT met'}",
    ]
    print("\n".join(lines))
    if args.record:
        RESULTS.write_text("# bench/packet results\n\nPR salary-and-tax route packet (Beijing layer) with "
                           f"{SCANS} attached {PAGES}-page scanned PDFs (150 dpi JPEG pages).\n"
                           "Command: `python bench/packet/bench_packet.py --record`\n\n" + "\n".join(lines) + "\n",
                           encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
