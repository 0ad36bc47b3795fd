"""The HTML report: self-contained, escaped, drawn at any size, and rendered by a real headless Chromium.

Also the sample vault's report, and the time the metrics take on 10,000 contacts.
"""
from __future__ import annotations

import datetime as _dt
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from netfiles import Contact, Interaction
from netfiles.testing import run_cli

TODAY = "2026-11-21"
SAMPLE = Path(__file__).resolve().parents[2] / "sample-vault"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless_shell")


def chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A copy of the sample vault (so no cache lands in the repository) and its three reports."""
    root = tmp_path_factory.mktemp("sample") / "vault"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("cache"))
    out = {}
    for fmt in ("text", "json", "html"):
        result = run_cli(root, "health", "--today", TODAY, "--format", fmt)
        assert result.exit_code == 0, result.output
        out[fmt] = result.output
    out["root"] = root
    return out


def assert_self_contained(html: str) -> None:
    lowered = html.lower()
    for banned in ("<script", "<link", "<iframe", "<img", "src=", "url(", "@import", "http://", "https://"):
        assert banned not in lowered, banned
    assert lowered.startswith("<!doctype html>") and lowered.rstrip().endswith("</html>")


def test_sample_vault_report_makes_sense(sample):
    data = json.loads(sample["json"])
    assert data["me"] == "Lena Hartmann" and data["contacts"] == 47
    s = data["structure"]
    # The sample has four groups that barely overlap, a handful of linking people, a few loners.
    assert len([c for c in s["clusters"] if len(c) > 1]) == 4
    assert s["isolates"] >= 3 and len(s["brokers"]) >= 3
    assert s["constraint"] < 0.2 and s["efficiency"] > 0.8 and s["density"] < 0.1
    assert data["diversity"]["blau"]["industry"]["value"] > 0.7
    assert data["ties"]["strong"] >= 5 and data["reciprocity"]["gave"] > 0 and data["channels"]["total"] > 0
    text = sample["text"]
    for heading in ("Structure", "Diversity", "Ties", "Reciprocity", "Channels", "Growth"):
        assert f"\n{heading} (" in text
    assert "n/a" not in text and "None" not in text


def test_sample_vault_html_is_self_contained(sample):
    html = sample["html"]
    assert_self_contained(html)
    assert html.count("<svg") >= 10  # network, 6 attributes, layers, histogram, activity, shares, give/take, growth
    for section in ("network", "diversity", "ties", "activity", "reciprocity", "growth"):
        assert f'<section id="{section}">' in html
    assert "Lena Hartmann" in html and "Sven Olsen" in html
    assert len(html) < 200_000


def test_user_text_is_escaped(netfiles_vault, netfiles_cli):
    evil = '<script>alert("x")</script> & Co'
    netfiles_vault.config(me={"name": "<b>Me</b>", "industry": "<i>tech</i>"})
    netfiles_vault.add_contact("Mallory", organization=evil, industry="<i>tech</i>", knows=["Bob"])
    netfiles_vault.add_contact("Bob", industry='"quoted"', log=["2026-11-01 coffee: <img src=x> #gave"])
    result = netfiles_cli("health", "--today", TODAY, "--format", "html")
    assert result.exit_code == 0
    html = result.stdout
    assert_self_contained(html)
    assert "<b>Me</b>" not in html and "&lt;b&gt;Me&lt;/b&gt;" in html
    assert "<i>tech</i>" not in html
    assert "&lt;script&gt;" in html and "&amp; Co" in html


def synthetic_network(n: int, seed: int = 1):
    """A clustered network of n contacts (groups of ~50) built in memory, with logs and attributes."""
    from netfiles_health.network import EgoNetwork, display_names, tie_strength
    from netfiles_health.settings import Settings

    rng = random.Random(seed)
    today = _dt.date(2026, 11, 21)
    kinds = ["coffee", "call", "email", "lunch", "video", "message"]
    contacts = []
    for i in range(n):
        interactions = sorted(
            (Interaction(today - _dt.timedelta(days=rng.randint(0, 700)), rng.choice(kinds), "", f"p/{i}", 0,
                         gave=rng.random() < 0.2, got=rng.random() < 0.2) for _ in range(rng.randint(0, 8))),
            key=lambda x: x.date, reverse=True)
        interactions = [Interaction(x.date, x.kind, x.text, x.source, x.line, x.gave, x.got,
                                    {"coffee": "in-person", "lunch": "in-person", "call": "call",
                                     "video": "call"}.get(x.kind, "online")) for x in interactions]
        contacts.append(Contact(
            path=f"people/{i // 1000:03d}/Person {i:05d}.md", name=f"Person {i:05d}", front_matter={},
            strength=rng.choice([None, None, 1, 2, 3, 4, 5]), industry=rng.choice(["a", "b", "c", "d", None]),
            location=rng.choice(["x", "y", "z"]), country=rng.choice(["PT", "DE", "BR"]),
            met=today - _dt.timedelta(days=rng.randint(0, 2000)), interactions=interactions))
    paths = [c.path for c in contacts]
    ties = set()
    for i in range(n):
        group = i // 50
        for _ in range(rng.randint(0, 3)):
            j = group * 50 + rng.randrange(50) if rng.random() < 0.9 else rng.randrange(n)
            if j < n and j != i:
                ties.add(tuple(sorted((paths[i], paths[j]))))
    settings = Settings()
    strengths, manual = {}, set()
    for c in contacts:
        value, is_manual = tie_strength(c, today, settings.half_life_days)
        strengths[c.path] = value
        if is_manual:
            manual.add(c.path)
    return EgoNetwork(today=today, settings=settings, me={"name": "Owner", "industry": "a", "country": "PT"},
                      contacts=contacts, names=display_names(contacts), strengths=strengths, manual=manual,
                      ties=sorted(ties), by_path={c.path: c for c in contacts})


def test_large_vault_draws_cluster_bubbles():
    from netfiles_health.html import render_html
    from netfiles_health.report import report_from_network

    report = report_from_network(synthetic_network(700))
    html = render_html(report)
    assert_self_contained(html)
    assert "each bubble is a cluster" in html
    assert html.count('<circle') < 700  # contacts are not drawn one by one
    assert render_html(report) == html  # deterministic layout


def test_health_handles_10000_contacts_with_a_small_html_file():
    """A 10,000-contact network gets every metric and an HTML page that stays small (clusters drawn as bubbles).

    Speed is measured by `benchmarks/run.py` (health on the 10k vault), not here: timing assertions
    in unit tests fail on a loaded machine and prove little.
    """
    from netfiles_health.html import render_html
    from netfiles_health.report import public, report_from_network
    from netfiles_health.text import render_text

    network = synthetic_network(10_000)
    report = report_from_network(network)
    assert "10000 contacts" in render_text(report).replace(",", "")
    json.dumps(public(report))
    html = render_html(report)
    assert report["contacts"] == 10_000 and report["structure"]["constraint"] > 0
    assert len(html) < 400_000


@pytest.mark.skipif(chromium() is None, reason="no Chromium binary (chromium, chromium-browser, google-chrome) on "
                                               "PATH; CI installs it with `apt-get install -y chromium`")
def test_html_renders_in_headless_chromium(sample, tmp_path):
    page = tmp_path / "health.html"
    page.write_text(sample["html"], encoding="utf-8")
    profile = tmp_path / "profile"
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    # The browser parsed the page into the DOM we wrote: every chart and the text around it.
    assert dom.count("<svg") >= 10
    assert len(re.findall(r"<circle", dom)) >= 47  # every contact of the sample vault is drawn
    for text in ("Network health", "Lena Hartmann", "Your network", "Diversity", "Dunbar layers",
                 "Interactions over time", "Give and take", "New contacts", "Effective size"):
        assert text in dom, text
    errors = [line for line in done.stderr.splitlines()
              if "CONSOLE" in line or "Uncaught" in line or "SyntaxError" in line or "Failed to load" in line]
    assert errors == []
    # And it paints: a screenshot is written and is a PNG of some substance.
    shot = tmp_path / "health.png"
    done = subprocess.run([*command[:-2], "--hide-scrollbars", "--window-size=1100,2400", f"--screenshot={shot}",
                           page.as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
