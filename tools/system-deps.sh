#!/usr/bin/env bash
# Installs the Debian packages Juliu needs beyond Python wheels: a TrueType CJK font (PDFs and Qt text),
# poppler-utils (pdftoppm/pdffonts to look at PDFs), tesseract-ocr (reading a passport scan's MRZ), the libraries
# Qt's offscreen and xcb platforms load, and PostgreSQL (its server is only started by tools/pg-test-cluster.sh,
# for the tests; apt does not start it here).
# Elsewhere (Windows, macOS, other Linux) it only reports what is missing; it changes nothing.
set -u
pkgs=(fonts-wqy-microhei fonts-noto-cjk poppler-utils tesseract-ocr
      libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
      libxcb-shape0 libxcb-xkb1 xvfb xauth xdotool
      postgresql)  # Debian 12: PostgreSQL 15, for the firm store's tests (tools/pg-test-cluster.sh)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install a CJK TrueType font (see README)"; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "system-deps: missing Debian packages: ${missing[*]} (run as root: apt-get install ${missing[*]})" >&2; exit 1
  fi
fi
echo "system-deps: installing ${missing[*]}"
$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
