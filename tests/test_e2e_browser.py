"""End to end in headless Chromium (Playwright driving Debian's /usr/bin/chromium).

Starts the app with uvicorn on a free loopback port over a SQLite store, opens the pages,
follows a quote to its highlighted sentence, checks the hostile article stays inert and
saves screenshots to docs/screenshots/. Install the browser with scripts/install-browser.sh.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

import _web_sample as sample

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
B = "db000000000000002"

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    missing = not Path(CHROMIUM).exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = True
    if missing:
        reason = f"needs {CHROMIUM} and the playwright package (scripts/install-browser.sh; pip install playwright)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str):
    import uvicorn

    from parallax.api import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    return srv, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _require_browser()
    db = str(tmp_path_factory.mktemp("e2e") / "parallax.db")
    sample.fill_store(db)
    srv, thread, url = _serve(db)
    yield url
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 860}, device_scale_factor=1)
        yield context
        context.close()


@pytest.fixture
def page(browser, server):
    page = browser.new_page()
    page.dialogs = []
    page.foreign_requests = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith((server, "data:")) else page.foreign_requests.append(r.url))
    yield page
    page.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_index_page(page, server):
    page.goto(server + "/")
    assert page.locator(".story-card").count() == 1
    assert page.locator("table.grid tbody tr").count() == 2
    _shot(page, "index.png")
    assert page.foreign_requests == []


def test_story_page_renders_timeline_graph_and_follows_a_quote(page, server):
    page.goto(server + "/story/s1")
    page.wait_for_selector("svg#graph g.node circle")
    assert page.locator(".tl-event").count() == 3
    assert page.locator("svg#graph g.node").count() >= 4
    assert page.locator("svg#graph .edge.said").count() >= 2
    names = page.locator("svg#graph g.node text").all_text_contents()
    assert "Marco Tellan" in names and "Lena Ostrova" in names
    # nodes were laid out inside the drawing, not piled on one point
    xs = {round(float(c.get_attribute("cx"))) for c in page.locator("svg#graph circle").all()}
    assert len(xs) >= 4 and all(0 < x < 800 for x in xs)
    assert page.locator(".conflicting-figures").count() == 1
    assert page.locator(".speaker .badge.hit").count() == 1
    _shot(page, "story.png")
    assert page.foreign_requests == []

    quote = "Port Calder needs investment, and we are ready,"
    page.locator("a.quote-link", has_text=quote).click()
    page.wait_for_selector("#article-text mark")
    start = sample.TEXT_B.index(quote)
    assert page.url.endswith(f"/doc/{B}#{start}-{start + len(quote)}")
    marks = page.locator("#article-text mark")
    assert marks.count() == 1 and marks.first.text_content() == quote
    # the rest of its sentence is shaded around the mark
    context = "".join(page.locator("#article-text .ctx").all_text_contents())
    assert context == '"' + '" Tellan said.'
    box = marks.first.bounding_box()
    assert box is not None and 0 <= box["y"] <= 860
    _shot(page, "doc.png")


def test_hostile_article_text_is_inert(page, server):
    page.goto(server + f"/doc/{B}")
    page.wait_for_selector("#article-text")
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.locator("#article-text script, #article-text img, img[src='x']").count() == 0
    runnable = page.evaluate("[...document.scripts].filter(s => s.type !== 'application/json').map(s => s.src)")
    assert runnable == [server + "/static/doc.js"]  # JSON data blocks are never executed
    text = page.locator("#article-text").text_content()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert text == sample.TEXT_B  # the article is shown exactly as written


def test_fact_links_on_doc_page_move_the_highlight(page, server):
    page.goto(server + f"/doc/{B}")
    page.locator(".doc-facts a.fact", has_text="900 workers").click()
    from playwright.sync_api import expect  # (wait_for_function would need eval, which the CSP forbids)

    expect(page.locator("#article-text mark")).to_have_text(["900 workers"])
    page.locator(".doc-facts a.fact", has_text="the talks were difficult").click()
    expect(page.locator("#article-text mark")).to_have_text(["the talks were difficult"])


def test_entity_page_and_report(page, server, tmp_path):
    page.goto(server + "/story/s1")
    page.wait_for_selector("svg#graph g.node")
    page.locator(".speaker h3 a", has_text="Marco Tellan").click()
    page.wait_for_selector("h1 .badge.hit")
    assert "TS-1" in page.locator("main").text_content()
    _shot(page, "entity.png")
    from parallax.export.report import render_report

    report = tmp_path / "briefing.html"
    report.write_text(render_report(sample.dossier(), "s1", "html"), encoding="utf-8")
    page.goto(report.as_uri())
    assert page.locator("svg.graph circle").count() >= 4 and page.locator(".tl-event").count() == 3
    assert page.dialogs == [] and page.evaluate("document.scripts.length") == 0
    _shot(page, "report.png")
    assert [u for u in page.foreign_requests if not u.startswith("file:")] == []


DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"


@pytest.mark.slow
def test_demo_corpus_end_to_end(browser, tmp_path):
    """`parallax analyze demo/corpus`, then every story page renders and the hostile article is inert."""
    import subprocess
    import sys

    import httpx

    if not any(DEMO.glob("*")):
        pytest.skip("demo/corpus is empty")
    db = str(tmp_path / "demo.db")
    run = subprocess.run([sys.executable, "-m", "parallax.cli", "analyze", str(DEMO), "--db", db],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    srv, thread, url = _serve(db)
    try:
        stories = httpx.get(url + "/api/stories").json()["items"]
        assert stories
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for story in stories:
            page.goto(f"{url}/story/{story['id']}")
            if page.locator("script#graph-data").count():
                page.wait_for_selector("svg#graph g.node circle")
        big = max(stories, key=lambda s: len(s["docs"]))
        page.goto(f"{url}/story/{big['id']}")
        _shot(page, "demo-story.png")
        link = page.locator("a.quote-link").first
        href = link.get_attribute("href")
        doc_id, span = href.removeprefix("/doc/").split("#")
        start, end = map(int, span.split("-"))
        link.click()
        page.wait_for_selector("#article-text mark")
        text = httpx.get(f"{url}/api/documents/{doc_id}").json()["text"]
        assert "".join(page.locator("#article-text mark").all_text_contents()) == text[start:end]
        docs = httpx.get(url + "/api/documents", params={"limit": 500}).json()["items"]
        hostile = [d["id"] for d in docs if "alert(1)" in httpx.get(f"{url}/api/documents/{d['id']}").json()["text"]]
        assert hostile, "the demo corpus has an article with <script>/onerror text"
        for doc_id in hostile:
            page.goto(f"{url}/doc/{doc_id}")
            page.wait_for_timeout(300)
            assert page.locator("#article-text script, #article-text img").count() == 0
            assert "alert(1)" in page.locator("#article-text").text_content()
        _shot(page, "demo-hostile-doc.png")
        assert dialogs == []
        page.close()
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
