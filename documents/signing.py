"""Place a client's signature image and the signing date on a PDF.

Pure PDF code (no Django): pypdfium2 finds the signature label's text position,
reportlab draws the stamp, pikepdf merges it into the page and saves.

Coordinates
-----------
Every position this module reports or draws at is in PDF *user space* of the page
(the coordinate system of the page's content stream, unrotated, with whatever
MediaBox/CropBox origin the page has). pypdfium2 reports text in that same space
and the stamp is drawn in that same space, so neither ``/Rotate`` nor an offset
MediaBox/CropBox needs any conversion: a viewer rotates and crops the stamp
together with the form underneath.

The one conversion that *is* needed lives in :class:`_Frame`: text is not always
written left-to-right along user-space +x (a scanned page shown upright through
``/Rotate`` carries its text sideways in user space). ``_Frame`` turns user space
into the label's *reading frame* (label runs along +x, "below" is -y) and back;
all layout decisions are made in that frame and the stamp is drawn through the
same frame, so the signature comes out upright relative to the label.
"""

from __future__ import annotations

import datetime
import enum
import io
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import cast

import pikepdf
import pypdfium2 as pdfium  # type: ignore[import-untyped]
from PIL import Image
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

__all__ = [
    "Placement",
    "Signer",
    "UnreadablePdf",
    "find_signature_line",
    "page_count",
    "stamp_signature",
]


class Signer(enum.StrEnum):
    TAXPAYER = "taxpayer"
    SPOUSE = "spouse"


class UnreadablePdf(Exception):
    """The file is not a PDF we can open (broken, or protected by a user password)."""


@dataclass(frozen=True)
class Placement:
    page_index: int  # 0-based
    x: float  # signature box in PDF user-space points
    y: float
    width: float
    height: float
    date_x: float  # baseline point for the date text, user space
    date_y: float
    appended_page: bool  # True when no line was found and a signature page was appended


# Labels searched for each signer, in order of preference. Both apostrophes are
# listed because forms use the typographic one (’) and generated PDFs the plain one.
_LABELS: dict[Signer, tuple[str, ...]] = {
    Signer.TAXPAYER: ("Your signature", "Taxpayer's signature", "Taxpayer’s signature"),
    Signer.SPOUSE: ("Spouse's signature", "Spouse’s signature"),
}
_ROLE_TITLES: dict[Signer, str] = {Signer.TAXPAYER: "Taxpayer", Signer.SPOUSE: "Spouse"}

# A label followed by one of these on the same line ("Your signature ▶ ____") has
# its signature line to its right; otherwise the box is below the label (Form 1040).
_INLINE_MARKERS = ("▶", "►", ":", "_")

_DATE_FORMAT = "%m/%d/%Y"
_DATE_FONT = "Helvetica"
_DATE_FONT_SIZE = 8.0

# PDFium is not thread-safe, not even across documents.
_PDFIUM_LOCK = threading.Lock()

# Private key on the signature page we append, so a second signer can join it.
_SIG_PAGE_KEY = pikepdf.Name("/TaxportalSignaturePage")
_LETTER = (612.0, 792.0)
_MAX_SLOTS = 2

_Box = tuple[float, float, float, float]  # left, bottom, right, top


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def page_count(pdf_bytes: bytes) -> int:
    """Number of pages; raises :class:`UnreadablePdf` if the file can't be opened."""
    with _open_pikepdf(pdf_bytes) as pdf:
        return len(pdf.pages)


def find_signature_line(pdf_bytes: bytes, signer: Signer) -> Placement | None:
    """Where ``signer``'s signature goes, or None when the PDF has no such label.

    Pages are searched in order and the first label found wins ("Your signature"
    or "Taxpayer's signature" for the taxpayer, "Spouse's signature" for the
    spouse, matched case-sensitively as a whole phrase).
    """
    located = _locate(pdf_bytes, signer)
    return None if located is None else located.placement


def stamp_signature(
    pdf_bytes: bytes,
    signature_png: bytes,
    signer: Signer,
    signed_on: datetime.date,
    signer_name: str,
) -> tuple[bytes, Placement]:
    """Return a new PDF with the signature image and date stamped on, and where.

    The image keeps its transparency and aspect ratio and is fitted inside the
    signature box; the date (MM/DD/YYYY) goes into the "Date" box on the same row,
    or just right of the signature box when the row has none.

    When the document has no signature line for ``signer``, a US Letter signature
    page is appended, headed "Signature page", with the signer's name and role,
    the signature on a line and the date. If the document's last page is such a
    page appended earlier for the *other* signer, the new block is added to that
    same page instead (one page holds both spouses). A signer signing again, or
    any other case, gets another appended page.

    AcroForm fields are kept (not flattened); the XFA part of the form, if any, is
    dropped so viewers render the stamped page. Owner-password-only encryption is
    kept on save. ``pdf_bytes`` is never modified.
    """
    png_size = _png_size(signature_png)
    date_text = signed_on.strftime(_DATE_FORMAT)
    with _open_pikepdf(pdf_bytes) as pdf:
        located = _locate(pdf_bytes, signer)
        if located is not None:
            page = pdf.pages[located.placement.page_index]
            form = _build_overlay(
                pdf,
                _mediabox(page.obj),
                lambda c: _draw_stamp(c, located, signature_png, png_size, date_text),
            )
            _apply_overlay(page, form)
            placement = located.placement
        else:
            placement = _add_signature_block(
                pdf, signature_png, png_size, signer, date_text, signer_name
            )
        # Viewers that understand XFA render the XFA form instead of the page
        # content; drop it so everyone sees the stamped page (AcroForm fields stay).
        _drop_xfa(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            encryption=True if pdf.is_encrypted else None,
        )
    return out.getvalue(), placement


# ---------------------------------------------------------------------------
# Opening
# ---------------------------------------------------------------------------


def _open_pikepdf(pdf_bytes: bytes) -> pikepdf.Pdf:
    try:
        # An owner-password-only file opens with the empty user password.
        return pikepdf.open(io.BytesIO(pdf_bytes))
    except pikepdf.PasswordError as exc:
        raise UnreadablePdf("PDF is protected by a password") from exc
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise UnreadablePdf(f"not a readable PDF: {exc}") from exc


@contextmanager
def _open_pdfium(pdf_bytes: bytes) -> Iterator[pdfium.PdfDocument]:
    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(pdf_bytes)
        except pdfium.PdfiumError as exc:
            raise UnreadablePdf(f"not a readable PDF: {exc}") from exc
        try:
            yield doc
        finally:
            doc.close()


def _png_size(signature_png: bytes) -> tuple[int, int]:
    try:
        with Image.open(io.BytesIO(signature_png)) as img:
            width, height = img.size
    except (OSError, ValueError) as exc:
        raise ValueError("signature_png is not a readable image") from exc
    if width <= 0 or height <= 0:
        raise ValueError("signature_png is empty")
    return width, height


# ---------------------------------------------------------------------------
# The one coordinate conversion: user space <-> the label's reading frame
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """A rotation by ``quarter_turns`` x 90 degrees counter-clockwise.

    ``to_user`` maps reading-frame points to user space; ``to_reading`` inverts it.
    Text that reads along user-space +y has ``quarter_turns == 1``, and so on.
    """

    quarter_turns: int

    @classmethod
    def from_direction(cls, dx: float, dy: float) -> _Frame:
        angle = math.atan2(dy, dx)
        return cls(round(angle / (math.pi / 2)) % 4)

    def _cos_sin(self) -> tuple[int, int]:
        return ((1, 0), (0, 1), (-1, 0), (0, -1))[self.quarter_turns]

    def to_user(self, x: float, y: float) -> tuple[float, float]:
        cos, sin = self._cos_sin()
        return x * cos - y * sin, x * sin + y * cos

    def to_reading(self, x: float, y: float) -> tuple[float, float]:
        cos, sin = self._cos_sin()
        return x * cos + y * sin, -x * sin + y * cos

    def box_to_reading(self, box: _Box) -> _Box:
        return _bounds([self.to_reading(x, y) for x, y in _corners(box)])

    def box_to_user(self, box: _Box) -> _Box:
        return _bounds([self.to_user(x, y) for x, y in _corners(box)])

    def matrix(self) -> tuple[float, float, float, float, float, float]:
        """PDF matrix taking reading-frame coordinates to user space."""
        cos, sin = self._cos_sin()
        return float(cos), float(sin), float(-sin), float(cos), 0.0, 0.0


def _corners(box: _Box) -> list[tuple[float, float]]:
    left, bottom, right, top = box
    return [(left, bottom), (right, bottom), (right, top), (left, top)]


def _bounds(points: list[tuple[float, float]]) -> _Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


# ---------------------------------------------------------------------------
# Finding the signature line
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Located:
    placement: Placement
    frame: _Frame
    box: _Box  # signature box, reading frame
    date_point: tuple[float, float]  # date baseline start, reading frame
    date_size: float


def _locate(pdf_bytes: bytes, signer: Signer) -> _Located | None:
    with _open_pdfium(pdf_bytes) as doc:
        for page_index in range(len(doc)):
            page = doc[page_index]
            textpage = page.get_textpage()
            try:
                match = _first_label(textpage, _LABELS[signer])
                if match is not None:
                    return _layout(textpage, page_index, *match)
            finally:
                textpage.close()
                page.close()
    return None


def _first_label(
    textpage: pdfium.PdfTextPage, phrases: tuple[str, ...]
) -> tuple[int, int] | None:
    """(char index, char count) of the earliest whole-phrase label on the page."""
    found: list[tuple[int, int]] = []
    for phrase in phrases:
        searcher = textpage.search(phrase, match_case=True)
        try:
            while (hit := searcher.get_next()) is not None:
                index, count = int(hit[0]), int(hit[1])
                before = _text(textpage, index - 1, 1) if index > 0 else ""
                if not before[-1:].isalnum():
                    found.append((index, count))
                    break
        finally:
            searcher.close()
    return min(found) if found else None


def _text(textpage: pdfium.PdfTextPage, index: int, count: int) -> str:
    return cast(str, textpage.get_text_range(index, count))


def _char_box(textpage: pdfium.PdfTextPage, index: int) -> _Box:
    left, bottom, right, top = textpage.get_charbox(index)
    return float(left), float(bottom), float(right), float(top)


def _text_lines(textpage: pdfium.PdfTextPage) -> list[_Box]:
    """Bounding boxes of the page's text runs (user space)."""
    boxes: list[_Box] = []
    for i in range(int(textpage.count_rects(0, -1))):
        left, bottom, right, top = textpage.get_rect(i)
        boxes.append((float(left), float(bottom), float(right), float(top)))
    return boxes


def _union(boxes: list[_Box]) -> _Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _marker_after(
    textpage: pdfium.PdfTextPage, end: int, frame: _Frame, row: _Box
) -> _Box | None:
    """Box of an inline marker (▶ : _) right after ``end`` on the same line."""
    total = int(textpage.count_chars())
    for index in range(end, min(end + 4, total)):
        char = _text(textpage, index, 1)
        if char.isspace() or not char:
            continue
        if char not in _INLINE_MARKERS:
            return None
        box = frame.box_to_reading(_char_box(textpage, index))
        return box if _same_row(box, row) else None
    return None


def _same_row(box: _Box, row: _Box) -> bool:
    middle = (box[1] + box[3]) / 2
    return row[1] - 1 <= middle <= row[3] + 1


def _layout(
    textpage: pdfium.PdfTextPage, page_index: int, index: int, count: int
) -> _Located:
    user_boxes = [
        _char_box(textpage, i)
        for i in range(index, index + count)
        if _text(textpage, i, 1).strip()
    ]
    first, last = user_boxes[0], user_boxes[-1]
    frame = _Frame.from_direction(
        (last[0] + last[2] - first[0] - first[2]) / 2,
        (last[1] + last[3] - first[1] - first[3]) / 2,
    )
    label = _union([frame.box_to_reading(b) for b in user_boxes])
    left, bottom, _right, top = label
    line_height = max(top - bottom, 4.0)

    date_label = _date_label(textpage, frame, label)
    marker = _marker_after(textpage, index + count, frame, label)
    lines = [frame.box_to_reading(box) for box in _text_lines(textpage)]

    if marker is not None:
        # Inline: "Your signature ▶ ________  Date ▶ ______".
        box_left = marker[2] + 4
        box_right = date_label[0] - 6 if date_label else box_left + 180
        box_bottom = bottom - 2
        height = min(max(3 * line_height, 14.0), 30.0)
        above = [
            line[1]
            for line in lines
            if line[1] >= top + 0.5 and _overlaps(line, box_left, box_right)
        ]
        if above:
            height = max(min(height, min(above) - 1 - box_bottom), 8.0)
        box = (box_left, box_bottom, box_right, box_bottom + height)
        date_size = min(_DATE_FONT_SIZE, max(height * 0.6, 5.0))
        if date_label is not None:
            date_marker = _marker_after(textpage, date_label[4], frame, label)
            date_x = (date_marker or date_label)[2] + 4
        else:
            date_x = box_right + 6
        date_y = bottom
    else:
        # Box below the label (Form 1040): from under the label down to the next
        # text below it, or a usual 22 points when nothing is close.
        box_left = left
        box_right = date_label[0] - 6 if date_label else left + 172
        ceiling = bottom - 1
        below = [
            line[3]
            for line in lines
            if ceiling - 60 <= line[3] <= bottom - 0.5
            and _overlaps(line, box_left, box_right)
        ]
        floor = max(below) + 3 if below else ceiling - 21
        if ceiling - floor < 8:
            floor = ceiling - 8
        box = (box_left, floor, box_right, ceiling)
        height = ceiling - floor
        date_size = min(_DATE_FONT_SIZE, max(height * 0.6, 5.0))
        date_x = date_label[0] if date_label else box_right + 6
        date_y = floor + (height - date_size * 0.72) / 2

    user_box = frame.box_to_user(box)
    user_date = frame.to_user(date_x, date_y)
    placement = Placement(
        page_index=page_index,
        x=user_box[0],
        y=user_box[1],
        width=user_box[2] - user_box[0],
        height=user_box[3] - user_box[1],
        date_x=user_date[0],
        date_y=user_date[1],
        appended_page=False,
    )
    return _Located(placement, frame, box, (date_x, date_y), date_size)


def _overlaps(line: _Box, left: float, right: float) -> bool:
    return line[0] < right and line[2] > left


def _date_label(
    textpage: pdfium.PdfTextPage, frame: _Frame, label: _Box
) -> tuple[float, float, float, float, int] | None:
    """Nearest "Date" label right of ``label`` on its row: reading box + end index."""
    best: tuple[float, float, float, float, int] | None = None
    searcher = textpage.search("Date", match_case=True, match_whole_word=True)
    try:
        while (hit := searcher.get_next()) is not None:
            index, count = int(hit[0]), int(hit[1])
            box = _union(
                [
                    frame.box_to_reading(_char_box(textpage, index + i))
                    for i in range(count)
                ]
            )
            right_of_label = _same_row(box, label) and box[0] > label[2]
            if right_of_label and (best is None or box[0] < best[0]):
                best = (*box, index + count)
    finally:
        searcher.close()
    return best


# ---------------------------------------------------------------------------
# Drawing and merging
# ---------------------------------------------------------------------------


def _draw_image_fitted(
    c: Canvas,
    png: bytes,
    png_size: tuple[int, int],
    box: _Box,
) -> None:
    """Draw ``png`` inside ``box``: aspect kept, left-aligned, vertically centred."""
    left, bottom, right, top = box
    scale = min((right - left) / png_size[0], (top - bottom) / png_size[1])
    width, height = png_size[0] * scale, png_size[1] * scale
    c.drawImage(
        ImageReader(io.BytesIO(png)),
        left,
        bottom + (top - bottom - height) / 2,
        width,
        height,
        mask="auto",  # keep the PNG's transparency
    )


def _draw_stamp(
    c: Canvas,
    located: _Located,
    png: bytes,
    png_size: tuple[int, int],
    date_text: str,
) -> None:
    c.saveState()
    c.transform(*located.frame.matrix())
    _draw_image_fitted(c, png, png_size, located.box)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(_DATE_FONT, located.date_size)
    c.drawString(*located.date_point, date_text)
    c.restoreState()


def _build_overlay(
    pdf: pikepdf.Pdf, bbox: _Box, draw: Callable[[Canvas], None]
) -> pikepdf.Object:
    """A Form XObject in ``pdf`` whose content is drawn in user space by ``draw``."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(bbox[2], bbox[3]), pageCompression=1, invariant=1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as overlay:
        form = overlay.make_indirect(overlay.pages[0].as_form_xobject())
        form.BBox = pikepdf.Array(bbox)
        form.Matrix = pikepdf.Array([1, 0, 0, 1, 0, 0])
        return pdf.copy_foreign(form)


def _apply_overlay(page: pikepdf.Page, form: pikepdf.Object) -> None:
    """Draw ``form`` on top of the page in user space (identity matrix).

    The existing content is wrapped in q/Q first, so whatever graphics state it
    leaves behind (an unclosed cm, clip or colour) cannot move or hide the stamp.
    """
    _own_resources(page.obj)
    name = page.add_resource(form, pikepdf.Name.XObject, prefix="TpSig")
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"\nQ\nq " + name.unparse() + b" Do Q\n", prepend=False)


def _inherited(obj: pikepdf.Dictionary, key: str) -> pikepdf.Object | None:
    node: pikepdf.Object | None = obj
    for _ in range(64):  # guard against /Parent loops
        if node is None or not isinstance(node, pikepdf.Dictionary):
            return None
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


def _own_resources(page_obj: pikepdf.Dictionary) -> None:
    """Give the page its own /Resources when it only inherits them."""
    if "/Resources" in page_obj:
        return
    inherited = _inherited(page_obj, "/Resources")
    own = pikepdf.Dictionary()
    if isinstance(inherited, pikepdf.Dictionary):
        for key, value in inherited.items():
            own[key] = value
    page_obj.Resources = own


def _mediabox(page_obj: pikepdf.Dictionary) -> _Box:
    box = _inherited(page_obj, "/MediaBox")
    if not isinstance(box, pikepdf.Array) or len(box) != 4:
        return 0.0, 0.0, *_LETTER
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _drop_xfa(pdf: pikepdf.Pdf) -> None:
    acroform = pdf.Root.get("/AcroForm")
    if isinstance(acroform, pikepdf.Dictionary) and "/XFA" in acroform:
        del acroform["/XFA"]
    if "/NeedsRendering" in pdf.Root:
        del pdf.Root["/NeedsRendering"]


# ---------------------------------------------------------------------------
# Appended signature page
# ---------------------------------------------------------------------------

_SLOT_TOP = 680.0
_SLOT_HEIGHT = 170.0


def _slot_geometry(slot: int) -> tuple[_Box, tuple[float, float]]:
    top = _SLOT_TOP - slot * _SLOT_HEIGHT
    image_box = (72.0, top - 84.0, 340.0, top - 24.0)
    date_point = (400.0, top - 80.0)
    return image_box, date_point


def _draw_block(
    c: Canvas,
    slot: int,
    png: bytes,
    png_size: tuple[int, int],
    signer: Signer,
    signer_name: str,
    date_text: str,
) -> None:
    top = _SLOT_TOP - slot * _SLOT_HEIGHT
    image_box, (date_x, date_y) = _slot_geometry(slot)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, top, f"{_ROLE_TITLES[signer]}: {signer_name}")
    _draw_image_fitted(c, png, png_size, image_box)
    c.setLineWidth(0.75)
    c.line(72, top - 86, 360, top - 86)
    c.line(396, top - 86, 540, top - 86)
    c.setFont("Helvetica", 8)
    c.drawString(72, top - 96, "Signature")
    c.drawString(396, top - 96, "Date")
    c.setFont(_DATE_FONT, 11)
    c.drawString(date_x, date_y, date_text)


def _add_signature_block(
    pdf: pikepdf.Pdf,
    png: bytes,
    png_size: tuple[int, int],
    signer: Signer,
    date_text: str,
    signer_name: str,
) -> Placement:
    """Sign on our appended signature page: the last one if it has room, else new."""

    def block(slot: int) -> Callable[[Canvas], None]:
        return lambda c: _draw_block(
            c, slot, png, png_size, signer, signer_name, date_text
        )

    signers = _signature_page_signers(pdf.pages[-1]) if len(pdf.pages) else None
    if signers is not None and len(signers) < _MAX_SLOTS and str(signer) not in signers:
        page = pdf.pages[-1]
        slot = len(signers)
        _apply_overlay(page, _build_overlay(pdf, _mediabox(page.obj), block(slot)))
    else:
        slot = 0

        def draw_page(c: Canvas) -> None:
            c.setFont("Helvetica-Bold", 16)
            c.drawString(72, 730, "Signature page")
            c.setFont("Helvetica", 9)
            c.drawString(72, 714, "Signatures added electronically to this document.")
            block(0)(c)

        buf = io.BytesIO()
        canvas = Canvas(buf, pagesize=_LETTER, pageCompression=1, invariant=1)
        draw_page(canvas)
        canvas.showPage()
        canvas.save()
        with pikepdf.open(io.BytesIO(buf.getvalue())) as extra:
            pdf.pages.append(extra.pages[0])
        page = pdf.pages[-1]
        page.obj[_SIG_PAGE_KEY] = pikepdf.Dictionary(Signers=pikepdf.Array())
    page.obj[_SIG_PAGE_KEY].Signers.append(pikepdf.String(str(signer)))

    image_box, (date_x, date_y) = _slot_geometry(slot)
    return Placement(
        page_index=len(pdf.pages) - 1,
        x=image_box[0],
        y=image_box[1],
        width=image_box[2] - image_box[0],
        height=image_box[3] - image_box[1],
        date_x=date_x,
        date_y=date_y,
        appended_page=True,
    )


def _signature_page_signers(page: pikepdf.Page) -> list[str] | None:
    marker = page.obj.get(_SIG_PAGE_KEY)
    if not isinstance(marker, pikepdf.Dictionary):
        return None
    signers = marker.get("/Signers")
    if not isinstance(signers, pikepdf.Array):
        return None
    return [str(s) for s in signers]
