#!/usr/bin/env bash
# Set up (scripts/setup.sh) and run the whole test suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The HTML report is tested in a real headless browser: Debian's chromium, driven by
# playwright (its own browser download is not used). Installing it needs root.
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    else
        echo "chromium is missing: install Debian's chromium package (sudo apt-get install chromium)" >&2
    fi
fi
. .venv/bin/activate
ruff check mtaudit tests benchmarks
ruff format --check mtaudit tests benchmarks
python -m pytest -q
