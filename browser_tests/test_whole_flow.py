"""The whole flow, through the real pages, the way two people would do it.

A preparer (one browser context) creates a return, invites the client and
later sends the return for signature; the client (a second context, another
person) registers from the emailed link, verifies with the emailed code,
uploads a file, draws a signature with the mouse, signs and writes in the
chat. The preparer sees the signature arrive without reloading, downloads the
signed PDF and the test looks at the rendered page for the ink.
"""

import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from accounts.models import User

PASSWORD = "Sunny-day-2026!"  # the preparer persona's, from the top-level conftest
CLIENT_PASSWORD = "Blue-river-77$"
DATA = Path(__file__).resolve().parent.parent / "documents" / "tests" / "data"
F1040 = DATA / "f1040.pdf"
CLIENT_UPLOAD = DATA / "fw9.pdf"
SCREENSHOTS = Path("/tmp")

# Form 1040 page 2: the taxpayer's "Your signature" box, PDF points from the
# bottom-left corner of the 612 x 792 page.
BOX_LEFT, BOX_RIGHT, BOX_BOTTOM, BOX_TOP = 96, 275, 257, 287
PAGE_HEIGHT = 792
RENDER_SCALE = 2  # 144 dpi


@pytest.mark.browser
def test_whole_flow(
    live_server: object,
    transactional_db: None,
    preparer_a: User,
    new_context: Callable[[], BrowserContext],
    settings: object,
) -> None:
    # Small enough that a test file is over it; the fixture restores it after.
    settings.UPLOAD_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    base = str(live_server.url)  # type: ignore[attr-defined]
    office_context = new_context()
    office = office_context.new_page()

    # The preparer logs in with email and password.
    office.goto(f"{base}/office/login/")
    office.get_by_label("Email").fill("preparer@a.example")
    office.get_by_label("Password").fill(PASSWORD)
    office.get_by_role("button", name="Log in").click()
    expect(office.get_by_role("heading", name="Returns")).to_be_visible()

    # New Return.
    office.get_by_role("link", name="New Return").click()
    office.get_by_label("Tax year").fill("2025")
    office.get_by_label("Filing status").select_option(label="Single")
    taxpayer = office.get_by_role("group", name="Taxpayer", exact=True)
    expect(
        office.get_by_role("group", name="Spouse (married filing jointly)")
    ).to_be_hidden()
    taxpayer.get_by_label("First name").fill("Sheila")
    taxpayer.get_by_label("Last name").fill("Brown")
    taxpayer.get_by_label("SSN").fill("555-44-3210")
    taxpayer.get_by_label("Date of birth").fill("1980-05-17")
    taxpayer.get_by_label("Mobile phone").fill("(704) 555-0197")
    taxpayer.get_by_label("Email").fill("sheila@example.com")
    office.get_by_role("button", name="Save Return").click()
    expect(
        office.get_by_role("heading", name=re.compile(r"Tax year 2025"))
    ).to_be_visible()
    expect(office.get_by_text("***-**-3210")).to_be_visible()
    expect(office.get_by_text("555443210")).to_have_count(0)
    return_url = office.url.rstrip("/")

    # Create Customer Portal: the link goes by email.
    office.get_by_role("complementary").get_by_role(
        "link", name="Create Customer Portal"
    ).click()
    expect(office.get_by_role("heading", name="Customer Portal Link")).to_be_visible()
    expect(office.get_by_label("Email")).to_have_value("sheila@example.com")
    office.get_by_label("Phone Number").fill("")
    office.get_by_role("button", name="CONTINUE").click()
    expect(office.get_by_text("The link has successfully been sent!")).to_be_visible()

    office.get_by_role("link", name="e-File / Submission").click()
    invite_box = office.locator("#invite-box")
    expect(invite_box).to_contain_text("sheila@example.com")
    expect(invite_box).to_contain_text("Last sent:")

    # The client (another person, another context) gets the link the preparer
    # copies from the outbox page.
    office.goto(f"{base}/office/outbox/")
    invitation = office.locator("article.outbox-message").filter(
        has=office.get_by_role("heading", name="Your secure portal has been created")
    )
    expect(invitation).to_have_count(1)
    expect(invitation).to_contain_text("sheila@example.com")
    link = (invitation.locator("pre a").first.text_content() or "").strip()
    assert link.startswith(f"{base}/portal/join/"), link

    client_context = new_context()
    client = client_context.new_page()
    client.goto(link)
    expect(client.get_by_role("heading", name="Register Your Account")).to_be_visible()

    client.get_by_label("User Name").fill("sheila.b")
    rules = client.locator("#password-rules li")
    expect(rules).to_have_count(6)
    met = re.compile(r"\bmet\b")
    met_rules = client.locator("#password-rules li.met")
    expect(met_rules).to_have_count(1)  # an empty password is "25 maximum" only
    password = client.get_by_label("Password")
    password.press_sequentially("blue", delay=20)
    expect(rules.filter(has_text="One lowercase letter")).to_have_class(met)
    expect(rules.filter(has_text="One uppercase letter")).not_to_have_class(met)
    expect(rules.filter(has_text="8 characters minimum")).not_to_have_class(met)
    password.fill("")
    password.press_sequentially(CLIENT_PASSWORD, delay=20)
    expect(met_rules).to_have_count(6)
    for rule in rules.all():
        expect(rule).to_have_attribute("aria-checked", "true")
    client.get_by_label("Email").fill("sheila@example.com")
    client.get_by_label("Last Name").fill("Brown")
    client.get_by_label("Last Four Of your SSN").fill("3210")
    client.get_by_role("button", name="Register").click()

    # Verify Account: a code by email, read from the outbox.
    expect(client.get_by_role("heading", name="Verify Account")).to_be_visible()
    client.get_by_role("radio", name="Email: she****@com").check()
    client.get_by_role("button", name="Send Code").click()
    expect(
        client.get_by_text(
            "Code sent - please check your account for your personalized Security Code."
        )
    ).to_be_visible()

    office.reload()
    code_mail = office.locator("article.outbox-message").filter(
        has=office.get_by_role("heading", name="Your security code")
    )
    expect(code_mail).to_have_count(1)
    found = re.search(r"\b(\d{6})\b", code_mail.locator("pre").inner_text())
    assert found, code_mail.inner_text()
    client.get_by_label("Security Code").fill(found.group(1))
    client.get_by_role("button", name="Verify", exact=True).click()
    expect(client.get_by_role("heading", name="Welcome, Sheila")).to_be_visible()
    expect(client.get_by_text("0 Files Uploaded")).to_be_visible()
    menu = client.get_by_role("navigation", name="Portal menu")

    # My Files: pick a PDF; its progress row ends "Uploaded" and it is listed.
    menu.get_by_role("link", name="My Files").click()
    # A person cannot pick a file before the page's script is ready; a test can.
    client.wait_for_load_state()
    client.locator("#file-picker").set_input_files(str(CLIENT_UPLOAD))
    progress = client.locator("#upload-progress li").filter(has_text="fw9.pdf")
    expect(progress.locator(".status")).to_have_text("Uploaded")
    expect(progress).to_have_class(re.compile(r"\bdone\b"))
    upload_list = client.locator("#upload-list")
    expect(upload_list.locator("tr").filter(has_text="fw9.pdf")).to_have_count(1)
    expect(upload_list).not_to_contain_text("No files uploaded yet.")

    # A photo over the size limit is refused on the spot, and the PDF stays.
    client.locator("#file-picker").set_input_files(
        {
            "name": "big-scan.jpg",
            "mimeType": "image/jpeg",
            "buffer": b"\xff" * (1024 * 1024 + 1),
        }
    )
    refused = client.locator("#upload-progress li").filter(has_text="big-scan.jpg")
    expect(refused.locator(".status")).to_have_text("larger than 1 MB: not uploaded.")
    expect(upload_list.locator("tr")).to_have_count(1)

    # The preparer sends Form 1040 for the taxpayer's signature.
    office.goto(f"{return_url}/efile/")
    expect(office.locator("#invite-box")).to_contain_text(
        "The client created the portal"
    )
    office.get_by_role("link", name="SEND DOCUMENT").click()
    expect(
        office.get_by_role(
            "heading", name="Send Tax Return Documents to Customer Portal"
        )
    ).to_be_visible()
    expect(office.get_by_text("Choose at least one PDF to send.")).to_have_count(0)
    office.get_by_label("Tax return PDF").set_input_files(str(F1040))
    tax_return_slot = office.get_by_role("group", name="Tax return PDF")
    expect(tax_return_slot.get_by_label("Taxpayer signs")).to_be_checked()
    office.get_by_role("button", name="Send").click()
    expect(
        office.get_by_text("Transfer Completed - Documents are now on Customer Portal")
    ).to_be_visible()

    # The preparer opens Portal Files now and leaves it alone.
    office.get_by_role("complementary").get_by_role("link", name="Portal Files").click()
    sent = office.locator("#sent-documents")
    expect(sent).to_contain_text("f1040.pdf")
    expect(sent).to_contain_text("Waiting")
    expect(office.get_by_text("fw9.pdf")).to_be_visible()
    files_page_url = office.url
    office.evaluate("window.stillTheSamePage = true")  # gone if the page reloads

    # The client adds a signature drawn with the mouse.
    menu.get_by_role("link", name="Preparer Files").click()
    expect(client.locator("#preparer-files")).to_contain_text("f1040.pdf")
    client.get_by_role("link", name="Taxpayer: Click To Add Signature").click()
    expect(
        client.get_by_role("heading", name="Edit Taxpayer Signature")
    ).to_be_visible()
    client.wait_for_load_state()
    draw_signature(client)
    client.screenshot(path=SCREENSHOTS / "taxportal_signature_page.png", full_page=True)
    client.get_by_role("button", name="Save").click()
    saved = client.locator("#signature-saved")
    expect(saved).to_be_visible()
    expect(saved).to_contain_text("Success! Signature Saved!")
    saved.get_by_role("link", name="OK").click()

    expect(client.get_by_text("On File")).to_be_visible()
    row = client.locator("#preparer-files tbody tr").filter(has_text="f1040.pdf")
    row.get_by_role("button", name="Sign").click()
    row = client.locator("#preparer-files tbody tr").filter(has_text="f1040.pdf")
    expect(row.get_by_text("Signed!")).to_be_visible()

    # The preparer's page shows it by itself (it refreshes every 4 seconds).
    assert office.url == files_page_url
    signed_row = office.locator("#sent-documents tbody tr").filter(has_text="f1040.pdf")
    expect(signed_row.get_by_text("Signed!")).to_be_visible(timeout=30_000)
    view_signed = signed_row.get_by_role("link", name="View signed PDF")
    expect(view_signed).to_be_visible()
    assert office.evaluate("window.stillTheSamePage === true")
    office.screenshot(path=SCREENSHOTS / "taxportal_preparer_files.png", full_page=True)

    href = view_signed.get_attribute("href")
    assert href
    response = office_context.request.get(f"{base}{href}")
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("application/pdf")
    assert_signature_ink(F1040.read_bytes(), response.body())
    # The client's context cannot fetch the preparer's copy.
    assert client_context.request.get(f"{base}{href}", max_redirects=0).status != 200

    # Chat: the client writes, with emoji.
    greeting = "Signed it! Thank you 🙏😊"
    menu.get_by_role("link", name="Messages").click()
    client.get_by_label("Enter Message").fill(greeting)
    client.get_by_role("button", name="Send Message").click()
    expect(client.locator(".chat-lines li.mine")).to_contain_text(greeting)

    office.get_by_role("complementary").get_by_role("link", name="Chat").click()
    show = office.get_by_role("link", name="Show Chat (1 Unread Message)")
    expect(show).to_be_visible()
    show.click()
    expect(office.get_by_role("heading", name="Chat History")).to_be_visible()
    history = office.locator(".chat-lines")
    expect(history.locator("li.theirs")).to_contain_text(greeting)
    events = history.locator("li.system")
    for event in (
        "Taxpayer has uploaded a document.",
        "Taxpayer has signed the document.",
    ):
        expect(events.filter(has_text=event)).to_have_count(1)


def draw_signature(page: Page) -> None:
    """Three strokes with the mouse: a zigzag, a wave and an underline."""
    canvas = page.locator("#signature-canvas")
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50, box

    def at(fx: float, fy: float) -> tuple[float, float]:
        return box["x"] + fx * box["width"], box["y"] + fy * box["height"]

    strokes = [
        [(0.10, 0.60), (0.15, 0.25), (0.22, 0.70), (0.28, 0.30), (0.30, 0.65)],
        [(0.35, 0.55), (0.45, 0.35), (0.55, 0.65), (0.65, 0.35), (0.75, 0.6)],
        [(0.15, 0.80), (0.50, 0.78), (0.88, 0.75)],
    ]
    for stroke in strokes:
        page.mouse.move(*at(*stroke[0]))
        page.mouse.down()
        for point in stroke[1:]:
            page.mouse.move(*at(*point), steps=8)
        page.mouse.up()


def assert_signature_ink(original: bytes, signed: bytes) -> None:
    """Page 2's "Your signature" box has dark blue ink the original lacks."""
    before = render_page(original, 1)
    after = render_page(signed, 1)
    assert before.size == after.size

    left = int(BOX_LEFT * RENDER_SCALE)
    right = int(BOX_RIGHT * RENDER_SCALE)
    top = int((PAGE_HEIGHT - BOX_TOP) * RENDER_SCALE)
    bottom = int((PAGE_HEIGHT - BOX_BOTTOM) * RENDER_SCALE)

    new_ink = 0
    for y in range(top, bottom):
        for x in range(left, right):
            if is_ink(after.getpixel((x, y))) and not is_ink(before.getpixel((x, y))):
                new_ink += 1
    assert new_ink >= 100, f"only {new_ink} new ink pixels in the signature box"


def is_ink(pixel: tuple[int, int, int]) -> bool:
    red, green, blue = pixel[:3]
    dark = red + green + blue < 360
    blueish = blue > red + 25 and blue > green + 10 and red < 160
    return dark or blueish


def render_page(pdf_bytes: bytes, index: int) -> Image.Image:
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        pdf.init_forms()
        page = pdf[index]
        width, height = page.get_size()
        assert (round(width), round(height)) == (612, PAGE_HEIGHT)
        bitmap = page.render(scale=RENDER_SCALE, may_draw_forms=True)
        image = bitmap.to_pil().convert("RGB")
        page.close()
        return image
    finally:
        pdf.close()
