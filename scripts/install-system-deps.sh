#!/usr/bin/env bash
# Debian packages the test suite needs besides Node: poppler-utils (pdftoppm, pdftotext) reads the
# PDFs the print tests make. Idempotent; run as root (CI runs it from .ci/run).
set -euo pipefail
missing=()
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi
