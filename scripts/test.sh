#!/usr/bin/env bash
# Install everything the test suite needs into .venv and run the whole suite.
# Usage: bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian chromium for the real-browser tests (never `playwright install`: it downloads a browser).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "--- installing Debian chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "--- chromium is missing and cannot be installed here: the browser tests will be skipped"
    echo "    (a declared skip, 'browser:' in tests/conftest.py)"
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "--- creating .venv"
  "$PY" -m venv .venv
fi
echo "--- installing (CPU torch first, so no CUDA build is pulled in)"
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
.venv/bin/python -m pip install -q "torch==2.13.0" 2>&1 | grep -v "is ignored" || true
.venv/bin/python -m pip install -q -e ".[diffusers,test]" 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "import sys, jupyter_imagechat, torch, diffusers, playwright
if sys.version_info < (3, 13): import rapidocr_onnxruntime  # the ocr extra" \
  || { echo "installation failed"; exit 1; }

echo "--- lint"
.venv/bin/ruff check jupyter_imagechat tests benchmarks scripts
echo "--- type check"
.venv/bin/mypy jupyter_imagechat
if [ $# -eq 0 ]; then  # the whole run, as CI does: also what mybinder.org installs (~3 min)
  echo "--- Binder: binder/ installed into a fresh environment as mybinder.org does; JupyterLab"
  echo "    serves notebook 1 with the widget's extension; every notebook runs there"
  .venv/bin/python scripts/check_install.py binder
fi
echo "--- tests (--strict-skips: every skipped test is listed, and a skip whose reason is"
echo "    not declared in tests/conftest.py DECLARED_SKIPS fails the run)"
exec .venv/bin/python -m pytest --strict-skips "$@"
