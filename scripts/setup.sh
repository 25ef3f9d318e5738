#!/usr/bin/env bash
# Create .venv and install mtaudit with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
# argostranslate pulls in torch (through stanza). Install the CPU build first so pip does not
# fetch several GB of CUDA packages: on our machines torch==2.13.0 is a local CPU wheel; with
# internet elsewhere, add --index-url https://download.pytorch.org/whl/cpu.
python -c "import torch" 2>/dev/null || python -m pip install -q "torch==2.13.0"
python -m pip install -q -e ".[dev]"
bash scripts/install_lm.sh
