"""The website widget in a real headless Chromium, against the real servers.

Why a browser: what matters here only exists there: text rendered as text
(not markup), storage that survives a reload, the locale the browser sends,
quick exit leaving nothing behind. Without Chromium or Playwright this skips
on a developer's machine but FAILS in CI (CI=true), so it cannot go quiet.
"""
from __future__ import annotations

import json
import re
import os
import urllib.error
import urllib.request
import uuid

import pytest

from bot.channels.metadata import clean_metadata
from bot.channels.widget import allowed_origins
from bot.serve.servers import ROOT
from tests.conftest import running_servers

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RASA_PORT = int(os.environ.get("TEST_WIDGET_RASA_PORT", "17005"))
ACTION_PORT = int(os.environ.get("TEST_WIDGET_ACTION_PORT", "17055"))
TOKEN = "widget-token-" + uuid.uuid4().hex[:8]
EXIT_URL = "https://www.bbc.co.uk/weather"
SCREENSHOTS = ROOT / "build" / "test-output"
REPLY_TIMEOUT_MS = 90_000



def _missing(what: str) -> None:
    """Skip locally, fail in CI: a CI without a browser must not pass silently."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what}; CI needs it (apt-get install -y chromium; pip install playwright)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    if not os.access(CHROMIUM, os.X_OK):
        _missing(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    env = {"WIDGET_ALLOWED_ORIGINS": f"http://127.0.0.1:{RASA_PORT}"}
    with running_servers(tmp_path_factory, "widget", RASA_PORT, ACTION_PORT, TOKEN, extra_env=env) as running:
        yield running


def _conversation(session: str) -> str:
    """The conversation id the server files a browser's session token under."""
    return "web:" + session.split(".", 1)[0]


def _get(url: str, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_origins_come_from_a_comma_separated_list():
    assert allowed_origins(" https://a.example/ ,, http://b.example:8080") == [
        "https://a.example", "http://b.example:8080"]
    assert allowed_origins("") == []  # the channel then refuses every browser origin


@pytest.mark.parametrize("metadata, kept", [
    ({"locale": "en-AU"}, {"locale": "en-AU"}),
    ({"locale": "pt_BR", "user": "x", "admin": True}, {"locale": "pt_BR"}),
    ({"locale": "<script>"}, {}), ({"locale": "en-" + "A" * 40}, {}), ({"locale": 5}, {}),
    ("junk", {}), (None, {}),
])
def test_only_a_well_formed_locale_is_passed_on(metadata, kept):
    assert clean_metadata(metadata) == kept


@pytest.mark.server
def test_page_is_served_with_a_strict_policy(servers):
    status, headers, body = _get(f"{servers.rasa_url}/webhooks/widget/chat/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
    assert b"Quick exit" in body
    assert _get(f"{servers.rasa_url}/webhooks/widget/chat/vendor/socket.io.min.js")[0] == 200
    for name in ("credentials.yml", "../../credentials.yml", "%2e%2e/widget.py", "vendor/README.md"):
        assert _get(f"{servers.rasa_url}/webhooks/widget/chat/{name}")[0] in (400, 404), name


@pytest.mark.server
def test_sockets_only_from_allowed_origins(servers):
    url = f"{servers.rasa_url}/socket.io/?EIO=4&transport=polling"
    assert _get(url, {"Origin": servers.rasa_url})[0] == 200
    assert _get(url, {"Origin": "https://evil.example"})[0] == 400
    assert _get(url, {"Origin": "http://localhost:5005"})[0] == 400


def _say(page, text: str) -> None:
    """Type into the labelled box and press Enter, as a keyboard user would."""
    box = page.get_by_label("Your message")
    box.fill(text)
    box.press("Enter")


def _open_chat(chromium, servers, locale: str):
    """A fresh browser context on the chat page, once the socket is connected."""
    from playwright.sync_api import expect

    context = chromium.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{servers.rasa_url}/webhooks/widget/chat/")
    expect(page.get_by_role("status")).to_have_text("Connected.", timeout=30_000)
    return context, page


def _wait_for_reply(page, before: int, containing: str):
    from playwright.sync_api import expect

    try:
        expect(page.locator(".message--bot")).not_to_have_count(before, timeout=REPLY_TIMEOUT_MS)
        expect(page.get_by_role("log")).to_contain_text(containing, timeout=REPLY_TIMEOUT_MS)
    except AssertionError as error:
        status = page.get_by_role("status").inner_text()
        raise AssertionError(f"no reply containing {containing!r}; widget status: {status!r}") from error


@pytest.mark.server
# One unexplained lost reply after a reload was seen in 14 local runs; one
# rerun keeps CI honest about real breakage without failing on that.
@pytest.mark.flaky(reruns=1)
def test_a_conversation_in_the_browser(chromium, servers):
    from playwright.sync_api import expect

    url = f"{servers.rasa_url}/webhooks/widget/chat/"
    context = chromium.new_context(locale="en-AU", viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title>"))
    bot = page.locator(".message--bot")
    mine = page.locator(".message--user .message__text")

    page.goto(url)
    expect(page.get_by_role("status")).to_have_text("Connected.", timeout=30_000)
    expect(page.get_by_text("Automated assistant, not a therapist or crisis service.")).to_be_visible()
    log = page.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"
    exit_button = page.get_by_role("button", name="Quick exit")
    assert exit_button.is_visible() and exit_button.bounding_box()["y"] < 100
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

    _say(page, "hi")
    _wait_for_reply(page, 0, "not a therapist")
    count = bot.count()
    page.get_by_role("button", name="What is this?").click()
    _wait_for_reply(page, count, "a computer program")
    expect(mine.last).to_have_text("What is this?")

    attacks = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">']
    for attack in attacks:
        count = bot.count()
        _say(page, attack)
        expect(mine.last).to_have_text(attack)
        expect(bot).not_to_have_count(count, timeout=REPLY_TIMEOUT_MS)

    count = bot.count()
    _say(page, "honestly i don't see the point of living anymore")
    _wait_for_reply(page, count, "Are you safe right now?")
    expect(log).to_contain_text("13 11 14")  # Lifeline: the en-AU locale reached the NLU
    assert page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]") \
        == [360, 740]  # fits the phone: no sideways scrolling, the list scrolls inside
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget-360.png"))

    shown = log.inner_text()
    session = page.evaluate("localStorage.getItem('alliance.session')")
    page.reload()
    expect(page.get_by_role("status")).to_have_text("Connected.", timeout=30_000)
    expect(mine).to_have_count(5)
    assert log.inner_text() == shown
    for attack in attacks:
        expect(mine.filter(has_text=attack)).to_have_count(1)
    assert page.locator("#messages script, #messages img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("localStorage.getItem('alliance.session')") == session

    count = bot.count()
    _say(page, "yes i'm safe right now")
    _wait_for_reply(page, count, "glad you're safe")
    tracker = json.loads(_get(f"{servers.rasa_url}/conversations/{_conversation(session)}/tracker?token={TOKEN}")[2])
    said = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
    assert said[0] == "hi" and said[-1] == "yes i'm safe right now" and attacks[0] in said
    assert tracker["slots"]["locale_country"] == "AU" and tracker["slots"]["triage"] == "crisis"
    assert {e["input_channel"] for e in tracker["events"] if e["event"] == "user"} == {"widget"}

    exit_button.click()
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert "/chat" not in page.url
    page.goto(f"{servers.rasa_url}/webhooks/widget/")  # same origin, no widget script
    assert page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert errors == []
    context.close()


@pytest.mark.server
def test_delete_my_data_clears_this_window_too(chromium, servers):
    """The server forgets the conversation, and the browser forgets its copy."""
    from playwright.sync_api import expect

    context, page = _open_chat(chromium, servers, "en-GB")
    bot = page.locator(".message--bot")
    _say(page, "my therapist keeps forgetting my sister's name")
    _wait_for_reply(page, 0, "sessions")
    session = page.evaluate("localStorage.getItem('alliance.session')")
    count = bot.count()
    _say(page, "delete my data")
    _wait_for_reply(page, count, "Delete it all?")
    page.get_by_role("button", name="Yes, delete everything").click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("This window's copy of the chat is cleared too", timeout=REPLY_TIMEOUT_MS)
    expect(page.locator(".message--user")).to_have_count(0)
    assert "sister" not in log.inner_text()
    assert "sister" not in (page.evaluate("sessionStorage.getItem('alliance.transcript')") or "")
    page.reload()
    expect(page.get_by_role("status")).to_have_text("Connected.", timeout=30_000)
    assert "sister" not in page.get_by_role("log").inner_text()
    tracker = json.loads(_get(f"{servers.rasa_url}/conversations/{_conversation(session)}/tracker?token={TOKEN}")[2])
    assert [e for e in tracker["events"] if e["event"] == "user"] == []
    context.close()


@pytest.mark.server
def test_the_risk_question_and_its_no_button_in_the_browser(chromium, servers):
    from playwright.sync_api import expect

    from tests.test_end_to_end import HINT

    context, page = _open_chat(chromium, servers, "en-GB")
    bot = page.locator(".message--bot")
    _say(page, HINT)
    _wait_for_reply(page, 0, "are you thinking about suicide")
    expect(page.get_by_role("log")).to_contain_text("116 123")  # the en-GB locale: Samaritans in one line
    for title in ("Yes", "No, I'm safe", "Not sure"):
        expect(page.get_by_role("button", name=title, exact=True).last).to_be_visible()
    count = bot.count()
    page.get_by_role("button", name="No, I'm safe", exact=True).last.click()
    _wait_for_reply(page, count, "Thank you for answering")
    session = page.evaluate("localStorage.getItem('alliance.session')")
    tracker = json.loads(_get(f"{servers.rasa_url}/conversations/{_conversation(session)}/tracker?token={TOKEN}")[2])
    assert tracker["slots"]["risk_check"] == "no" and tracker["slots"]["triage"] is None
    context.close()


@pytest.mark.server
def test_whats_stored_shows_this_browsers_data_and_nobody_elses(chromium, servers):
    """The panel lists what the server keeps for this browser's session, read from the store."""
    from playwright.sync_api import expect

    context, mine = _open_chat(chromium, servers, "en-GB")
    _say(mine, "my therapist keeps calling me Margarethe, which is not my name")
    _wait_for_reply(mine, 0, "")
    other_context, other = _open_chat(chromium, servers, "en-GB")
    _say(other, "my counsellor mentioned Bartholomew, my brother, in a group session")
    _wait_for_reply(other, 0, "")

    mine.get_by_role("button", name="What's stored").click()
    panel = mine.get_by_role("region", name="What is stored about this browser")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("in this conversation", timeout=30_000)
    assert mine.get_by_role("button", name="What's stored").get_attribute("aria-expanded") == "true"
    raw = mine.locator("#stored-raw").text_content()
    assert "Margarethe" in raw and "Bartholomew" not in raw
    assert _conversation(mine.evaluate("localStorage.getItem('alliance.session')")) in raw
    mine.get_by_role("button", name="What's stored").click()
    expect(panel).to_be_hidden()
    context.close()
    other_context.close()


def _tap(page, title: str) -> None:
    """The newest offered button with this title (older ones are disabled once answered)."""
    exactly = re.compile(f"^{re.escape(title)}$")  # "No" must not tap "Not sure"
    page.locator("button.choice:enabled").filter(has_text=exactly).last.click()


def _check_in(page, bond: str, goals: str, method: str, keep: bool) -> None:
    """One check-in with the buttons, as a person would tap it."""
    bot = page.locator(".message--bot")
    count = bot.count()
    _say(page, "check in")
    _wait_for_reply(page, count, "how understood and respected")
    for score, next_question in ((bond, "agree on what you're working on"), (goals, "the way you work together"),
                                 (method, "note about this session")):
        count = bot.count()
        _tap(page, score)
        _wait_for_reply(page, count, next_question)
    count = bot.count()
    _tap(page, "Nothing to add")
    if keep:
        _wait_for_reply(page, count, "Shall I keep this check-in")
        count = bot.count()
        _tap(page, "Yes, keep it")
        _wait_for_reply(page, count, "Kept.")
    else:
        _wait_for_reply(page, count, "Your check-ins, oldest to newest")


@pytest.mark.server
def test_check_ins_are_drawn_as_three_lines_with_a_table_for_screen_readers(chromium, servers):
    """Two check-ins (the first kept with a yes): the chart in the chat after the second, and in "What's stored"."""
    from playwright.sync_api import expect

    context, page = _open_chat(chromium, servers, "en-GB")
    _check_in(page, "4", "2", "3", keep=True)
    _check_in(page, "5", "3", "3", keep=False)  # consent is given: kept at once, with the trend
    # x runs from 20 to 280; a score s sits at y = 100 - (s - 1) * 20
    drawn = {"bond": "20,40 280,20", "goals": "20,80 280,60", "method": "20,60 280,60"}
    in_chat = page.locator(".message--bot .message__chart svg.trend")
    expect(in_chat).to_have_count(1)
    assert {part: in_chat.locator(f"polyline[data-part='{part}']").get_attribute("points") for part in drawn} == drawn
    # `has` is read inside each message, so the inner locator names only what sits in the message
    with_chart = page.locator(".message--bot").filter(has=page.locator(".message__chart svg.trend"))
    expect(with_chart).to_contain_text("feeling understood")
    page.get_by_role("button", name="What's stored").click()
    panel = page.get_by_role("region", name="What is stored about this browser")
    expect(panel).to_contain_text("2 check-ins", timeout=30_000)
    chart = page.locator("#stored-check-ins svg.trend")
    expect(chart).to_be_visible()
    points = {part: chart.locator(f"polyline[data-part='{part}']").get_attribute("points")
              for part in ("bond", "goals", "method")}
    assert points == drawn
    assert chart.get_attribute("aria-hidden") == "true"
    table = page.get_by_role("table", name="Your check-in scores from 1 to 5, oldest first")
    rows = table.locator("tr")
    expect(rows).to_have_count(3)
    assert [cell.inner_text() for cell in rows.nth(1).locator("td").all()][1:] == ["4", "2", "3"]
    assert [cell.inner_text() for cell in rows.nth(2).locator("td").all()][1:] == ["5", "3", "3"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#stored-check-ins").screenshot(path=str(SCREENSHOTS / "check-in-chart.png"))
    context.close()


@pytest.mark.server
def test_the_decision_aid_tapped_through_in_the_browser_is_kept_and_shown(chromium, servers):
    """'Is it me or my therapist?' with the buttons, the summary, a yes to keep it, then 'What's stored'."""
    from playwright.sync_api import expect

    context, page = _open_chat(chromium, servers, "en-GB")
    bot = page.locator(".message--bot")
    count = bot.count()
    _say(page, "is it me or my therapist?")
    _wait_for_reply(page, count, "How many sessions have you had with this therapist?")
    taps = [("4-10", "respected and listened to"), ("Not really", "make sense to you"), ("No", "what matters most"),
            ("Mostly", "specialist training"), ("No", "Whose idea"), ("Mine", "Between sessions"),
            ("Mostly", "some room"), ("Yes, there's room", "video link"), ("Yes", "culture, faith"),
            ("Not really", "crossed a line"), ("No", "Shall I keep this summary")]
    for title, next_text in taps:
        count = bot.count()
        _tap(page, title)
        _wait_for_reply(page, count, next_text)
    log = page.get_by_role("log")
    expect(log).to_contain_text("What points to your therapist or the fit")
    expect(log).to_contain_text("Cost, time, travel or the link get in the way")
    count = bot.count()
    _tap(page, "Yes, keep it")
    _wait_for_reply(page, count, "Kept.")
    page.get_by_role("button", name="What's stored").click()
    panel = page.get_by_role("region", name="What is stored about this browser")
    expect(panel).to_contain_text("1 \u201cis it me or my therapist?\u201d summary", timeout=30_000)
    expect(page.locator("#stored-decisions")).to_contain_text("look for someone who suits you better")
    page.get_by_role("button", name="What's stored").click()  # closed again

    count = bot.count()
    _say(page, "prepare for my next session")
    _wait_for_reply(page, count, "Your note for the next session")
    note = page.locator(".message--note").last
    expect(note).to_contain_text("Where things stand")
    note.get_by_role("button", name="Print this note").click()
    page.emulate_media(media="print")
    expect(note).to_be_visible()
    expect(bot.first).to_be_hidden()  # only the note is printed
    context.close()
