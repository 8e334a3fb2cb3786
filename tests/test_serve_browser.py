"""The web app in a real browser: Debian's chromium driven by Selenium (chromium-driver).

``scripts/browser.sh`` installs them (``make test`` runs it). Without them these tests
skip, except in CI (``CI=true``), where they fail. Screenshots of the main pages go to
``build/screenshots/`` (the README shows some of them, from ``docs/``).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from esgtrace.database import Database
from tests.conftest import CORPUS, ROOT
from tests.serve_support import Server, fill

SHOTS = ROOT / "build" / "screenshots"


def chromedriver() -> tuple[str | None, str | None]:
    driver = os.environ.get("ESGTRACE_CHROMEDRIVER") or shutil.which("chromedriver") or (
        "/usr/lib/chromium/chromedriver" if Path("/usr/lib/chromium/chromedriver").exists() else None)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    return driver, browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver_path, browser_path = chromedriver()
    if not driver_path or not browser_path:
        problem = "chromium / chromium-driver are not installed (run scripts/browser.sh)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(problem)
        pytest.skip(problem)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser_path
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                 "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The three test reports and the three sample reports in SQLite, served on loopback."""
    from esgtrace import samples
    from esgtrace.serve import create_app
    from esgtrace.serve.uploads import analyse

    folder = tmp_path_factory.mktemp("browser")
    db = Database(folder / "esgtrace.db")
    ids = fill(db, folder)
    pdfs = [p for p in samples.write(folder / "samples") if p.suffix == ".pdf"]
    db.ingest(pdfs)
    for path in pdfs:
        analyse(db, path)
    names = {p.name for p in pdfs}
    issuers = sorted({r.issuer_id for r in db.reports() if r.document in names and r.issuer_id})
    served = Server(create_app(db, uploads=folder / "uploads"))
    yield {"server": served, "db": db, "ids": ids, "url": served.url, "sample_issuers": issuers}
    served.stop()
    db.close()


def shot(driver: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def wait_for(driver: Any, css: str, timeout: float = 30) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css)))


def image_loaded(driver: Any, css: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script(f"const i = document.querySelector({css!r}); return !!i && i.complete && i.naturalWidth > 0;"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{css} did not load")


def test_home_page(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site["url"] + "/")
    cards = {c.text.split("\n")[1]: c.text.split("\n")[0] for c in browser.find_elements(By.CSS_SELECTOR, "#counts .card")}
    assert cards["reports"] == "6" and int(cards["facts"].replace(",", "")) > 300
    assert len(browser.find_elements(By.CSS_SELECTOR, "#reports tbody tr")) == 6
    assert browser.find_element(By.ID, "q").get_attribute("placeholder")
    shot(browser, "home")


def test_click_a_figure_opens_its_page_highlighted(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    report = site["ids"]["sunshine"]
    browser.get(f"{site['url']}/reports/{report}")
    rows = browser.find_elements(By.CSS_SELECTOR, "#fact-table tr.fact")
    assert len(rows) > 100
    box = browser.find_element(By.ID, "fact-filter")
    box.send_keys("ghg_scope1 2019")
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "#fact-table tr.fact") if r.is_displayed()]
    assert 0 < len(visible) < 10 and all("ghg_scope1" in r.text for r in visible)
    box.clear()
    box.send_keys(" ")
    shot(browser, "report")
    link = next(r for r in visible if r.text.startswith("ghg_scope1 ")).find_element(By.CSS_SELECTOR, "a.figure")
    fact_id = int(link.get_attribute("data-fact"))
    link.click()
    wait_for(browser, ".source-view")
    fact = site["server"].get(f"/api/facts/{fact_id}").json["fact"]
    view = browser.find_element(By.CSS_SELECTOR, ".source-view")
    assert int(view.get_attribute("data-page")) == fact["page"]
    image_loaded(browser, ".page-view img")
    assert f"/pages/{fact['page']}.png?highlight={fact_id}" in browser.find_element(By.CSS_SELECTOR, ".page-view img").get_attribute("src")
    marks = browser.find_elements(By.CSS_SELECTOR, "rect.highlight")
    assert marks and all(int(m.get_attribute("data-page")) == fact["page"] for m in marks)
    # the highlight sits on the page image, where the words are
    inside = browser.execute_script("""
        const img = document.querySelector('.page-view img').getBoundingClientRect();
        return Array.from(document.querySelectorAll('rect.highlight')).every(r => {
          const b = r.getBoundingClientRect();
          return b.width > 0 && b.left >= img.left && b.right <= img.right && b.top >= img.top && b.bottom <= img.bottom;
        });""")
    assert inside
    assert fact["reported_value"] in browser.find_element(By.ID, "quote").text
    shot(browser, "source")


def test_text_report_source_marks_the_value(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    fact = site["server"].get(f"/api/facts?report={site['ids']['kuaishou']}&limit=1").json["items"][0]
    browser.get(f"{site['url']}/source/{fact['id']}")
    mark = wait_for(browser, "ol.text-view mark.highlight")
    assert mark.text == fact["reported_value"]
    line = mark.find_element(By.XPATH, "./ancestor::li")
    assert int(line.get_attribute("value")) == fact["line"]


def test_finding_shows_both_figures(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site['url']}/reports/{site['ids']['sunshine']}#findings")
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#finding-table a") if "both figures" in a.text)
    link.click()
    wait_for(browser, ".source-view")
    views = browser.find_elements(By.CSS_SELECTOR, ".source-view")
    assert len(views) == 2
    for index in (1, 2):
        image_loaded(browser, f"#page-{index} img")
    assert all(v.find_elements(By.CSS_SELECTOR, "rect.highlight") for v in views)


def test_compare_chart(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    chosen = "".join(f"&issuers={i}" for i in site["sample_issuers"])
    browser.get(f"{site['url']}/compare?metric=ghg_scope1_2&metric=employees_total{chosen}")
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 2
    bars = charts[0].find_elements(By.CSS_SELECTOR, "a.bar rect")
    assert len(bars) >= 5  # three issuers, two years (one report has three)
    legend = charts[0].text
    assert all(name in legend for name in ("Harbourview", "Jade Crest"))
    assert browser.find_element(By.ID, "csv").get_attribute("href").endswith("format=csv")
    shot(browser, "compare")
    bars[0].find_element(By.XPATH, "..").click()
    wait_for(browser, ".source-view")


def test_issuer_page_charts(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    issuer = next(i for i in site["server"].get("/api/issuers").json["items"] if i["reports"] and "Harbourview" in i["name"])
    browser.get(f"{site['url']}/issuers/{issuer['id']}")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#charts svg.chart")) >= 3
    assert "HKEX-wide" in browser.find_element(By.ID, "issuer-reports").text
    shot(browser, "issuer")


def test_upload_a_report(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site['url']}/upload")
    browser.find_element(By.ID, "upload-file").send_keys(str(CORPUS / "text" / "news_kuaishou_esg_2022.txt"))
    browser.find_element(By.ID, "upload-button").click()
    done = wait_for(browser, "#job-done a", timeout=120)
    assert "job=" in browser.current_url
    assert browser.find_element(By.ID, "job-state").text == "done"
    shot(browser, "upload")
    done.click()
    assert wait_for(browser, "h1").text == "news_kuaishou_esg_2022.txt"


def test_upload_of_a_wrong_type_shows_the_error(browser: Any, site: dict[str, Any], tmp_path: Path) -> None:
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    browser.get(f"{site['url']}/upload")
    from selenium.webdriver.common.by import By

    browser.find_element(By.ID, "upload-file").send_keys(str(fake))
    browser.find_element(By.ID, "upload-button").click()
    error = wait_for(browser, "#job-error")
    assert "not a supported type" in error.text and "ZIP" in error.text


def test_script_tags_in_a_report_do_not_run(browser: Any, site: dict[str, Any]) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.get(f"{site['url']}/reports/{site['ids']['hostile']}")
    wait_for(browser, "#fact-table")
    shown = " ".join(td.get_attribute("title") for td in browser.find_elements(By.CSS_SELECTOR, "#fact-table td.quote"))
    assert "<script>alert(1)</script>" in shown
    fact = site["server"].get(f"/api/facts?report={site['ids']['hostile']}&metric=ghg_scope1&limit=1").json["items"][0]
    browser.get(f"{site['url']}/source/{fact['id']}")
    assert "<script>alert(1)</script>" in wait_for(browser, "#quote").text
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it raises when no script ran
    assert browser.execute_script("return document.querySelectorAll('main script, main img[src=x]').length") == 0


def test_review_a_figure(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    fact = site["server"].get(f"/api/facts?report={site['ids']['hostile']}&metric=employees_total&limit=1").json["items"][0]
    browser.get(f"{site['url']}/source/{fact['id']}")
    form = wait_for(browser, "form.review-form")
    form.find_element(By.CSS_SELECTOR, "input[value=corrected]").click()
    form.find_element(By.NAME, "value").send_keys("801")
    form.find_element(By.NAME, "reviewer").send_keys("dee")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    reviewed = wait_for(browser, "p.reviewed")
    assert "corrected" in reviewed.text and "801" in reviewed.text and "dee" in reviewed.text
    assert f"extracted {int(fact['value'])}" in reviewed.text
    browser.get(f"{site['url']}/reports/{site['ids']['hostile']}")
    assert "corrected: 801" in browser.find_element(By.CSS_SELECTOR, f"tr[data-fact='{fact['id']}']").text
