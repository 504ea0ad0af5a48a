#!/usr/bin/env bash
# Browser test of the report page: loads reports/index.html (or the page given as
# $1) in headless Chromium and fails on any console message (the page has no
# script, so any message is an error: an uncaught exception, a load blocked by
# the Content-Security-Policy, a failed load), on any element that would load
# something (script, img, link, iframe, ...), or if the page did not render.
# Writes a screenshot (default target/browser/index.png; SCREENSHOT=path to change).
# Headless Chromium logs console messages of every level as "INFO:CONSOLE".
#
# Skipped (exit 0) when Chromium is not installed, except under CI (CI=true), where
# a missing browser is a failure (.ci/run installs it). Run from the project root
# after `framelens report`: bash tests/browser/check.sh
set -euo pipefail

page="${1:-reports/index.html}"
shot="${SCREENSHOT:-target/browser/index.png}"

browser=""
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then
        browser="$b"
        break
    fi
done
if [ -z "$browser" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "browser test: FAILED: chromium is not installed, and under CI (CI=true) the check may not be skipped (apt-get install chromium)" >&2
        exit 1
    fi
    echo "browser test skipped: chromium not installed (apt-get install chromium)"
    exit 0
fi
version="$("$browser" --version 2>/dev/null | head -n 1 || true)"
if [ ! -f "$page" ]; then
    echo "browser test: $page not found (run framelens report first)" >&2
    exit 1
fi

url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
mkdir -p "$(dirname "$shot")"
profile="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$profile" "$log"' EXIT

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --disable-extensions --disable-default-apps --hide-scrollbars
    --user-data-dir="$profile" --enable-logging=stderr --v=0)

# 1. Load the page and dump the DOM; the console goes to stderr.
if ! timeout 120 "$browser" "${flags[@]}" --virtual-time-budget=5000 --dump-dom "$url" \
    >"$profile/dom.html" 2>"$log"; then
    echo "browser test: chromium failed to load $url" >&2
    cat "$log" >&2
    exit 1
fi
# 2. The screenshot (a second run: --dump-dom and --screenshot do not combine).
timeout 120 "$browser" "${flags[@]}" --screenshot="$shot" --window-size=1280,4000 "$url" \
    2>>"$log" >/dev/null || true

fail=0
if grep -E ':CONSOLE[:(]|Uncaught|Refused to|Failed to load|net::ERR_|Content Security Policy' "$log" >&2; then
    echo "browser test: console errors or blocked/failed loads on $url" >&2
    fail=1
fi
if grep -oiE '<(script|img|link|iframe|frame|object|embed|video|audio|source|base|form)[ >/]' "$profile/dom.html" | sort | uniq -c >&2; then
    echo "browser test: the page has elements that load or run something" >&2
    fail=1
fi
if ! grep -q '<h1' "$profile/dom.html"; then
    echo "browser test: the page did not render (no <h1> in the DOM)" >&2
    fail=1
fi
if [ ! -s "$shot" ]; then
    echo "browser test: no screenshot written" >&2
    fail=1
fi
if [ "$fail" -ne 0 ]; then
    exit 1
fi
echo "browser test: ok (${version:-$browser}): $url rendered, no console message, nothing loaded (screenshot: $shot)"
