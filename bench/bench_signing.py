"""Benchmark documents.signing: stamp Form 1040 and a generated 40-page PDF.

Run from the repository root: ``.venv/bin/python bench/bench_signing.py [N]``.
Prints the median wall time per stamp, the peak Python heap of one stamp
(tracemalloc; it does not see qpdf's or PDFium's own C++ allocations) and the
process's peak resident memory so far (ru_maxrss, which does). Not part of the
test suite.
"""

from __future__ import annotations

import datetime
import io
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from documents.signing import Signer, stamp_signature  # noqa: E402

DATA = ROOT / "documents" / "tests" / "data"
SIGNED_ON = datetime.date(2026, 12, 4)


def signature_png() -> bytes:
    img = Image.new("RGBA", (600, 150), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    points = [(15, 120), (150, 30), (300, 120), (450, 30), (585, 90)]
    draw.line(points, fill=(10, 30, 150, 255), width=12)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def forty_page_return() -> bytes:
    """40 pages of text; the signature label is on the last page."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(612, 792))
    for number in range(1, 41):
        canvas.setFont("Helvetica", 9)
        for line in range(60):
            canvas.drawString(
                54, 740 - line * 11, f"Page {number} line {line}: " + "x" * 80
            )
        if number == 40:
            canvas.drawString(100, 80, "Your signature")
            canvas.drawString(300, 80, "Date")
            canvas.rect(96, 50, 200, 40)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def measure(name: str, run: Callable[[], object], repeat: int) -> None:
    run()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{name:<28} median {statistics.median(times):7.1f} ms"
        f"  min {min(times):7.1f} ms  peak Python heap {peak / 2**20:6.1f} MiB"
        f"  process peak RSS {_peak_rss_mib():6.1f} MiB  (n={repeat})"
    )


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    png = signature_png()
    documents = {
        "f1040.pdf (line found)": (DATA / "f1040.pdf").read_bytes(),
        "fw9.pdf (page appended)": (DATA / "fw9.pdf").read_bytes(),
        "40-page return": forty_page_return(),
    }
    for name, pdf in documents.items():
        measure(
            name,
            lambda pdf=pdf: stamp_signature(  # type: ignore[misc]
                pdf, png, Signer.TAXPAYER, SIGNED_ON, "Jane Doe"
            ),
            repeat,
        )


if __name__ == "__main__":
    main()
