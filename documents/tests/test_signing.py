"""Tests for documents.signing (pure PDF code; no Django needed)."""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from PIL import Image, ImageChops, ImageDraw
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from documents.signing import (
    Placement,
    Signer,
    UnreadablePdf,
    find_signature_line,
    page_count,
    stamp_signature,
)

DATA = Path(__file__).resolve().parent / "data"
SIGNED_ON = datetime.date(2026, 12, 4)
DATE_TEXT = "12/04/2026"
INK = (10, 30, 150)  # dark blue: nothing else on the test pages has this colour
SCALE = 2.0

Rect = tuple[float, float, float, float]  # left, bottom, right, top (user space)
PixelRect = tuple[float, float, float, float]  # left, top, right, bottom (pixels)

# Form 1040 page 2 (index 1), from the fixture README.
F1040_SIGN_BOX: Rect = (96, 257, 275, 287)
F1040_DATE_BOX: Rect = (276, 257, 330, 287)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _f1040() -> bytes:
    return (DATA / "f1040.pdf").read_bytes()


def _fw9() -> bytes:
    return (DATA / "fw9.pdf").read_bytes()


def _signature_png() -> bytes:
    """A dark zig-zag stroke on a fully transparent 400 x 100 background."""
    img = Image.new("RGBA", (400, 100), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    points = [(10, 80), (100, 20), (200, 80), (300, 20), (390, 60)]
    draw.line(points, fill=(*INK, 255), width=10)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _stamp(pdf: bytes, signer: Signer = Signer.TAXPAYER) -> tuple[bytes, Placement]:
    return stamp_signature(pdf, _signature_png(), signer, SIGNED_ON, "Jane Doe")


def _render(pdf: bytes, page_index: int) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        doc.init_forms()
        page = doc[page_index]
        image: Image.Image = page.render(scale=SCALE, may_draw_forms=True).to_pil()
        return image.convert("RGB")
    finally:
        doc.close()


def _ink_mask(image: Image.Image) -> Image.Image:
    """255 where a pixel is the signature's dark blue, 0 elsewhere."""
    red, _green, blue = image.split()
    blue_minus_red = ImageChops.subtract(blue, red)
    is_blue = blue_minus_red.point(lambda v: 255 if v > 60 else 0)
    is_dark_red = red.point(lambda v: 255 if v < 100 else 0)
    return ImageChops.multiply(is_blue, is_dark_red)


def _new_ink(before: bytes, after: bytes, page_index: int) -> Image.Image:
    """Ink pixels in ``after`` that were not already there in ``before``.

    (Form 1040 has a few dark-blue pixels of its own.)
    """
    return ImageChops.subtract(
        _ink_mask(_render(after, page_index)), _ink_mask(_render(before, page_index))
    )


def _count(mask: Image.Image, rect: PixelRect | None = None) -> int:
    if rect is not None:
        mask = mask.crop(rect)
    return mask.histogram()[255]


def _ink_bbox(mask: Image.Image) -> PixelRect:
    bbox = mask.getbbox()
    assert bbox is not None, "no ink at all"
    return bbox


def _to_pixels(
    rect: Rect, cropbox: Rect, rotate: int, scale: float = SCALE
) -> PixelRect:
    """Where a user-space rectangle shows up in the rendered (rotated, cropped) page.

    Written independently of the module: /Rotate turns the page clockwise for
    display, the CropBox decides what is shown, pixel y grows downwards.
    """
    cx0, cy0, cx1, cy1 = cropbox
    width, height = cx1 - cx0, cy1 - cy0

    def display(x: float, y: float) -> tuple[float, float]:
        u, v = x - cx0, y - cy0
        if rotate == 0:
            return u, height - v
        if rotate == 90:
            return v, u
        if rotate == 180:
            return width - u, v
        if rotate == 270:
            return height - v, width - u
        raise AssertionError(rotate)

    left, bottom, right, top = rect
    points = [display(x, y) for x in (left, right) for y in (bottom, top)]
    xs = [p[0] * scale for p in points]
    ys = [p[1] * scale for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _grow(rect: PixelRect, by: float) -> PixelRect:
    return rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by


def _inside(inner: Rect, outer: Rect) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def _field_names(pdf: bytes) -> set[str]:
    fields = pypdf.PdfReader(io.BytesIO(pdf)).get_fields() or {}
    return set(fields)


def _page_text_boxes(pdf: bytes, page_index: int, needle: str) -> list[Rect]:
    doc = pdfium.PdfDocument(pdf)
    try:
        textpage = doc[page_index].get_textpage()
        searcher = textpage.search(needle, match_case=True)
        boxes: list[Rect] = []
        while (hit := searcher.get_next()) is not None:
            index, count = hit
            chars = [textpage.get_charbox(index + i) for i in range(count)]
            boxes.append(
                (
                    min(c[0] for c in chars),
                    min(c[1] for c in chars),
                    max(c[2] for c in chars),
                    max(c[3] for c in chars),
                )
            )
        return boxes
    finally:
        doc.close()


def _simple_pdf(draw: Callable[[Canvas], None], pages: int = 1) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(612, 792))
    for _ in range(pages):
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _encrypted(pdf: bytes, owner: str, user: str) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = io.BytesIO()
        doc.save(out, encryption=pikepdf.Encryption(owner=owner, user=user))
        return out.getvalue()


# ---------------------------------------------------------------------------
# Form 1040
# ---------------------------------------------------------------------------


def test_taxpayer_placement_on_f1040_is_inside_the_signature_box() -> None:
    placement = find_signature_line(_f1040(), Signer.TAXPAYER)

    assert placement is not None
    assert placement.page_index == 1
    assert not placement.appended_page
    assert 99 <= placement.x <= 102
    assert placement.x + placement.width <= 273
    assert placement.width > 150
    assert 257 <= placement.y <= 260
    assert 276 <= placement.y + placement.height <= 280  # below the label
    assert 276 <= placement.date_x <= 282
    assert 257 <= placement.date_y <= 275


def test_spouse_placement_is_one_row_lower() -> None:
    taxpayer = find_signature_line(_f1040(), Signer.TAXPAYER)
    spouse = find_signature_line(_f1040(), Signer.SPOUSE)

    assert taxpayer is not None and spouse is not None
    assert spouse.page_index == 1
    assert 27 <= taxpayer.y - spouse.y <= 33
    assert 27 <= taxpayer.date_y - spouse.date_y <= 33
    assert abs(taxpayer.x - spouse.x) < 2
    # The spouse's box stays in its own row (x 96-275, y 227-257).
    assert spouse.y >= 227 and spouse.y + spouse.height <= 257


def test_stamp_on_f1040_shows_ink_in_box_and_keeps_the_form_visible() -> None:
    stamped, placement = _stamp(_f1040())
    image = _render(stamped, 1)
    mask = _new_ink(_f1040(), stamped, 1)
    page_box: Rect = (0, 0, 612, 792)

    sign_box = _to_pixels(F1040_SIGN_BOX, page_box, 0)
    assert _count(mask, sign_box) > 300
    assert _inside(_ink_bbox(mask), _grow(sign_box, 1))  # no ink anywhere else

    # Transparency kept: most of the image's own area is still light.
    image_area = _to_pixels(
        (
            placement.x,
            placement.y,
            placement.x + placement.width,
            placement.y + placement.height,
        ),
        page_box,
        0,
    )
    gray = image.convert("L").crop(image_area)
    light = sum(gray.histogram()[200:])
    assert light / (gray.width * gray.height) > 0.6

    # The label is still there, at the same place.
    labels = _page_text_boxes(stamped, 1, "Your signature")
    assert len(labels) == 1
    assert abs(labels[0][0] - 100.8) < 1 and abs(labels[0][3] - 285) < 1


def test_date_is_text_inside_the_date_box() -> None:
    stamped, _ = _stamp(_f1040())

    boxes = _page_text_boxes(stamped, 1, DATE_TEXT)

    assert len(boxes) == 1
    assert _inside(boxes[0], F1040_DATE_BOX)


def test_spouse_stamp_lands_in_the_spouse_row() -> None:
    stamped, _ = _stamp(_f1040(), Signer.SPOUSE)
    mask = _new_ink(_f1040(), stamped, 1)

    spouse_box = _to_pixels((96, 227, 275, 257), (0, 0, 612, 792), 0)
    assert _count(mask, spouse_box) > 300
    assert _inside(_ink_bbox(mask), _grow(spouse_box, 1))


def test_form_fields_survive_and_xfa_is_dropped() -> None:
    original = _f1040()
    stamped, _ = _stamp(original)

    names = _field_names(original)
    assert len(names) > 50
    assert _field_names(stamped) == names
    with pikepdf.open(io.BytesIO(stamped)) as doc:
        assert "/XFA" not in doc.Root.AcroForm
        assert len(doc.pages) == 2


def test_output_reopens_and_input_is_untouched() -> None:
    original = _f1040()
    digest = hashlib.sha256(original).hexdigest()

    stamped, _ = _stamp(original)

    assert hashlib.sha256(original).hexdigest() == digest
    assert stamped != original
    assert len(pypdf.PdfReader(io.BytesIO(stamped)).pages) == 2
    assert page_count(stamped) == 2
    doc = pdfium.PdfDocument(stamped)
    assert len(doc) == 2
    doc.close()


def test_unbalanced_graphics_state_cannot_move_the_stamp() -> None:
    with pikepdf.open(io.BytesIO(_f1040())) as doc:
        # Leave a translation and an unclosed q behind at the end of page 2.
        doc.pages[1].contents_add(b"q 1 0 0 1 150 -120 cm 0.2 0 0 0.2 0 0 cm\n")
        buf = io.BytesIO()
        doc.save(buf)

    stamped, _ = _stamp(buf.getvalue())
    mask = _new_ink(_f1040(), stamped, 1)

    sign_box = _to_pixels(F1040_SIGN_BOX, (0, 0, 612, 792), 0)
    assert _count(mask, sign_box) > 300
    assert _inside(_ink_bbox(mask), _grow(sign_box, 1))


# ---------------------------------------------------------------------------
# No signature line: appended page
# ---------------------------------------------------------------------------


def _letter_without_line() -> bytes:
    def draw(c: Canvas) -> None:
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "Engagement letter. Spouse details on file.")

    return _simple_pdf(draw)


def test_no_signature_line_appends_a_signature_page() -> None:
    original = _letter_without_line()
    assert find_signature_line(original, Signer.TAXPAYER) is None

    stamped, placement = _stamp(original)

    assert page_count(stamped) == page_count(original) + 1
    assert placement.appended_page and placement.page_index == 1
    assert _page_text_boxes(stamped, 1, "Signature page")
    assert _page_text_boxes(stamped, 1, "Taxpayer: Jane Doe")
    assert _page_text_boxes(stamped, 1, DATE_TEXT)
    mask = _ink_mask(_render(stamped, 1))
    expected = _to_pixels(
        (
            placement.x,
            placement.y,
            placement.x + placement.width,
            placement.y + placement.height,
        ),
        (0, 0, 612, 792),
        0,
    )
    assert _count(mask) > 300
    assert _inside(_ink_bbox(mask), _grow(expected, 1))


def test_second_signer_joins_the_appended_page_and_a_re_sign_adds_one() -> None:
    first, _ = _stamp(_letter_without_line(), Signer.TAXPAYER)

    second, placement = stamp_signature(
        first, _signature_png(), Signer.SPOUSE, SIGNED_ON, "John Doe"
    )

    assert page_count(second) == 2
    assert placement.appended_page and placement.page_index == 1
    assert _page_text_boxes(second, 1, "Taxpayer: Jane Doe")
    assert _page_text_boxes(second, 1, "Spouse: John Doe")
    assert len(_page_text_boxes(second, 1, DATE_TEXT)) == 2

    third, placement = _stamp(second, Signer.TAXPAYER)
    assert page_count(third) == 3
    assert placement.page_index == 2


def test_fw9_has_no_taxpayer_line_and_gets_a_page() -> None:
    original = _fw9()
    stamped, placement = _stamp(original)

    assert placement.appended_page
    assert page_count(stamped) == page_count(original) + 1
    assert _field_names(stamped) == _field_names(original)


# ---------------------------------------------------------------------------
# Odd layouts: rotation, offset boxes
# ---------------------------------------------------------------------------

PAGE_W, PAGE_H = 612.0, 792.0
# Drawn in "upright" coordinates (as the reader sees the form):
LABEL_AT = (100.0, 300.0)
DRAWN_BOX: Rect = (95.0, 272.0, 290.0, 309.0)
DATE_AT = (295.0, 300.0)


@dataclass(frozen=True)
class Layout:
    rotate: int
    upright: bool
    origin: tuple[float, float] = (0.0, 0.0)
    cropbox: Rect | None = None
    inherit: bool = False

    @property
    def shown_box(self) -> Rect:
        """The CropBox, or the MediaBox when there is none."""
        ox, oy = self.origin
        return self.cropbox or (ox, oy, ox + PAGE_W, oy + PAGE_H)


def _upright_to_user(
    rotate: int, origin: tuple[float, float]
) -> Callable[[float, float], tuple[float, float]]:
    """Map upright drawing coordinates to user space so the content reads upright
    once the viewer applies /Rotate ``rotate``."""
    ox, oy = origin

    def transform(a: float, b: float) -> tuple[float, float]:
        if rotate == 0:
            return a + ox, b + oy
        if rotate == 90:
            return PAGE_W - b + ox, a + oy
        if rotate == 180:
            return PAGE_W - a + ox, PAGE_H - b + oy
        if rotate == 270:
            return b + ox, PAGE_H - a + oy
        raise AssertionError(rotate)

    return transform


def _odd_layout(layout: Layout, label: str = "Your signature") -> tuple[bytes, Rect]:
    """A one-page PDF with a signature label and a box drawn where the stamp goes.

    ``layout.upright``: the content is counter-rotated so the form reads upright on
    screen (a rotated scan); otherwise it is drawn plainly and shows sideways.
    Returns the PDF and the drawn box in user space.
    """
    rotate, origin = layout.rotate, layout.origin
    content_turn = rotate if layout.upright else 0
    transform = _upright_to_user(content_turn, origin)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(PAGE_W + origin[0], PAGE_H + origin[1]))
    # Same mapping as ``transform``, expressed as reportlab calls.
    canvas.translate(*origin)
    if content_turn == 90:
        canvas.translate(PAGE_W, 0)
    elif content_turn == 180:
        canvas.translate(PAGE_W, PAGE_H)
    elif content_turn == 270:
        canvas.translate(0, PAGE_H)
    canvas.rotate(content_turn)
    canvas.setFont("Helvetica", 7)
    canvas.drawString(*LABEL_AT, label)
    canvas.drawString(*DATE_AT, "Date")
    left, bottom, right, top = DRAWN_BOX
    canvas.setLineWidth(0.5)
    canvas.rect(left, bottom, right - left, top - bottom)
    canvas.rect(right, bottom, 70, top - bottom)
    canvas.showPage()
    canvas.save()

    with pikepdf.open(io.BytesIO(buf.getvalue())) as doc:
        page = doc.pages[0].obj
        ox, oy = origin
        page.MediaBox = pikepdf.Array([ox, oy, ox + PAGE_W, oy + PAGE_H])
        if layout.cropbox is not None:
            page.CropBox = pikepdf.Array(layout.cropbox)
        if "/Rotate" in page:
            del page["/Rotate"]
        if layout.inherit:
            doc.Root.Pages.Rotate = rotate
        else:
            page.Rotate = rotate
        out = io.BytesIO()
        doc.save(out)

    corners = [transform(x, y) for x in (left, right) for y in (bottom, top)]
    user_box = (
        min(c[0] for c in corners),
        min(c[1] for c in corners),
        max(c[0] for c in corners),
        max(c[1] for c in corners),
    )
    return out.getvalue(), user_box


ODD_LAYOUTS = [
    pytest.param(Layout(0, upright=True), id="plain"),
    *(
        pytest.param(Layout(r, upright=u), id=f"rotate{r}-{'upright' if u else 'side'}")
        for r in (90, 180, 270)
        for u in (True, False)
    ),
    pytest.param(Layout(90, upright=True, inherit=True), id="inherited90"),
    pytest.param(Layout(270, upright=False, inherit=True), id="inherited270"),
    pytest.param(Layout(0, upright=True, origin=(50, 50)), id="mediabox50"),
    pytest.param(Layout(90, upright=True, origin=(50, 50)), id="mediabox50-rotate90"),
    pytest.param(Layout(0, upright=True, cropbox=(60, 70, 500, 700)), id="cropbox"),
    pytest.param(
        Layout(270, upright=True, origin=(50, 50), cropbox=(70, 90, 560, 800)),
        id="mediabox50-cropbox-rotate270",
    ),
]


@pytest.mark.parametrize("layout", ODD_LAYOUTS)
def test_stamp_lands_in_drawn_box_on_odd_layouts(layout: Layout) -> None:
    pdf, user_box = _odd_layout(layout)

    stamped, placement = _stamp(pdf)
    mask = _ink_mask(_render(stamped, 0))

    expected = _to_pixels(user_box, layout.shown_box, layout.rotate)
    assert placement.page_index == 0 and not placement.appended_page
    assert _count(mask, expected) > 150
    ink = _ink_bbox(mask)
    assert _inside(ink, _grow(expected, 1)), (ink, expected)

    if layout.upright:
        # The form reads upright on screen, so must the signature: wider than
        # tall, and starting at the box's left (where the label starts).
        assert ink[2] - ink[0] > 2 * (ink[3] - ink[1])
        assert ink[0] - expected[0] < (expected[2] - expected[0]) / 4


def test_plain_apostrophe_spouse_label_is_found() -> None:
    pdf, user_box = _odd_layout(Layout(0, upright=True), label="Spouse's signature")

    placement = find_signature_line(pdf, Signer.SPOUSE)

    assert placement is not None
    assert find_signature_line(pdf, Signer.TAXPAYER) is None
    assert _inside(
        (
            placement.x,
            placement.y,
            placement.x + placement.width,
            placement.y + placement.height,
        ),
        user_box,
    )


def test_inline_label_puts_signature_on_the_line_to_its_right() -> None:
    def draw(c: Canvas) -> None:
        c.setFont("Helvetica", 9)
        c.drawString(72, 200, "Taxpayer's signature:")
        c.line(170, 198, 380, 198)
        c.drawString(390, 200, "Date:")
        c.line(416, 198, 500, 198)

    placement = find_signature_line(_simple_pdf(draw), Signer.TAXPAYER)

    assert placement is not None
    assert placement.x >= 155 and placement.x + placement.width <= 390
    assert 194 <= placement.y <= 200 and placement.height >= 14
    assert 410 <= placement.date_x <= 430 and abs(placement.date_y - 200) < 2


# ---------------------------------------------------------------------------
# Unreadable and protected files
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.7\n%broken"])
def test_broken_bytes_raise_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadablePdf):
        page_count(data)
    with pytest.raises(UnreadablePdf):
        find_signature_line(data, Signer.TAXPAYER)
    with pytest.raises(UnreadablePdf):
        _stamp(data)


def test_user_password_raises_unreadable() -> None:
    locked = _encrypted(_f1040(), owner="owner-secret", user="user-secret")

    with pytest.raises(UnreadablePdf):
        page_count(locked)
    with pytest.raises(UnreadablePdf):
        find_signature_line(locked, Signer.TAXPAYER)
    with pytest.raises(UnreadablePdf):
        _stamp(locked)


def test_owner_password_only_is_stamped_and_stays_encrypted() -> None:
    restricted = _encrypted(_f1040(), owner="owner-secret", user="")

    assert page_count(restricted) == 2
    stamped, placement = _stamp(restricted)

    assert placement.page_index == 1 and not placement.appended_page
    with pikepdf.open(io.BytesIO(stamped)) as doc:
        assert doc.is_encrypted
    assert len(pypdf.PdfReader(io.BytesIO(stamped)).pages) == 2
    assert _count(_ink_mask(_render(stamped, 1))) > 300
