from __future__ import annotations

import re

from insights.export.html import render_html


def test_every_user_text_is_escaped(small_map, planted):
    page = render_html(small_map)
    assert planted["script"] not in page
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;" in page
    assert "App crash &lt;b&gt;at login&lt;/b&gt;" in page
    assert page.count("<script") == 1  # ours, at the end


def test_report_is_self_contained(small_map):
    page = render_html(small_map)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_layout_has_stage_columns_layers_and_persona_switcher(small_map):
    page = render_html(small_map)
    assert 'style="--n: 3"' in page
    for layer in ("curve", "pains", "delights", "touchpoints", "quotes", "opportunities"):
        assert f'id="layer-{layer}"' in page
    assert 'data-persona-btn="p0"' in page and "Refund seekers" in page
    assert 'class="card pain top-p0" id="card-P-1"' in page
    assert "Rejected noise" not in page
    assert "Refund in 48 h" in page


def test_emotion_curve_is_inline_svg(small_map):
    page = render_html(small_map)
    svg = re.search(r'<svg class="curve".*?</svg>', page, re.S).group(0)
    assert svg.count("<circle") == 2  # usage has no data
    assert "no data" in svg and "▼ moment of truth" in svg


def test_chromium_renders_the_report_with_no_console_message(
    small_map, headless_chromium, tmp_path
):
    page = tmp_path / "report.html"
    page.write_text(render_html(small_map), encoding="utf-8")
    shot = tmp_path / "report.png"
    _, console = headless_chromium(page.as_uri(), f"--screenshot={shot}", "--window-size=1400,1000")
    assert console == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_chromium_shows_a_planted_script_as_text_and_runs_only_ours(
    small_map, headless_chromium, tmp_path
):
    page = tmp_path / "report.html"
    page.write_text(render_html(small_map), encoding="utf-8")
    dom, console = headless_chromium(page.as_uri() + "#view=p0", "--dump-dom")
    assert console == []
    assert "<title>Journey map · Mini journey</title>" in dom  # the planted script did not run
    assert "&lt;script&gt;document.title='PWNED'" in dom  # ... and shows as text
    assert 'data-ready="1"' in dom  # our script ran (its CSP hash matches)
    assert '<body data-persona="p0">' in dom  # the persona switcher works
