"""The client's drawn signature: checked and cleaned before it is kept."""

import base64
import binascii
import io

from django.utils.translation import gettext as _
from PIL import Image, ImageChops, UnidentifiedImageError

DATA_URL_PREFIX = "data:image/png;base64,"
MAX_SIGNATURE_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
# Fewer inked pixels than this is a click or a stray touch, not a signature.
MIN_INK_PIXELS = 30
# A signature is strokes on a blank pad; a pad mostly covered is not one.
MAX_INK_SHARE = 0.5


class SignatureRefused(Exception):
    pass


def signature_png_from_data_url(data_url: str) -> bytes:
    """A PNG cropped to the ink, with a transparent background and no metadata."""
    if not data_url.startswith(DATA_URL_PREFIX):
        raise SignatureRefused(
            _("The signature did not arrive as a picture. Please draw it again.")
        )
    try:
        raw = base64.b64decode(data_url[len(DATA_URL_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise SignatureRefused(
            _("The signature picture is damaged. Please draw it again.")
        ) from None
    if len(raw) > MAX_SIGNATURE_BYTES:
        raise SignatureRefused(_("The signature picture is too large."))

    image = _open_png(raw)
    ink = _ink_mask(image)
    ink_box = ink.getbbox()
    inked = ink.histogram()[255]
    if ink_box is None or inked < MIN_INK_PIXELS:
        raise SignatureRefused(
            _("The signature is empty. Please draw your signature first.")
        )
    if inked > MAX_INK_SHARE * image.width * image.height:
        raise SignatureRefused(
            _("This does not look like a signature. Please clear it and sign again.")
        )

    # Anything that is not ink becomes transparent, so the form shows through.
    image.putalpha(ImageChops.multiply(image.getchannel("A"), ink))
    cropped = image.crop(_with_margin(ink_box, image.size, margin=8))
    out = io.BytesIO()
    cropped.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _ink_mask(image: Image.Image) -> Image.Image:
    """255 where a pixel is visible and darker than paper, 0 elsewhere."""
    visible = image.getchannel("A").point(lambda value: 255 if value > 40 else 0)
    dark = image.convert("L").point(lambda value: 255 if value < 200 else 0)
    return ImageChops.multiply(visible, dark)


def _open_png(raw: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(raw))
        if image.format != "PNG":
            raise SignatureRefused(_("The signature must be a PNG picture."))
        if max(image.size) > MAX_SIDE:
            raise SignatureRefused(_("The signature picture is too large."))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise SignatureRefused(
            _("The signature picture is damaged. Please draw it again.")
        ) from None
    return image.convert("RGBA")


def _with_margin(
    box: tuple[int, int, int, int], size: tuple[int, int], margin: int
) -> tuple[int, int, int, int]:
    left, top, right, bottom = box
    return (
        max(0, left - margin),
        max(0, top - margin),
        min(size[0], right + margin),
        min(size[1], bottom + margin),
    )
