#!/bin/sh
# Installs Juliu for the current user (no root needed): the program under ~/.local/lib/juliu, a `juliu` command in
# ~/.local/bin, a menu launcher and an icon. Run it from the unpacked archive: ./install.sh
# Your data is not touched: it lives in ~/.local/share/Juliu/ and stays there after ./uninstall.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=$HOME/.local/lib/juliu
bin=$HOME/.local/bin
[ -x "$here/juliu/juliu" ] || { echo "install.sh: run me from the unpacked Juliu archive (juliu/juliu is missing)" >&2; exit 2; }
mkdir -p "$(dirname "$prefix")" "$bin" "$data/applications" "$data/icons/hicolor/256x256/apps"
rm -rf "$prefix.new" "$prefix.old"
cp -a "$here/juliu" "$prefix.new"  # copied beside the old version, then swapped: an update never half-installs
if [ -e "$prefix" ]; then mv "$prefix" "$prefix.old"; fi
mv "$prefix.new" "$prefix"
rm -rf "$prefix.old"
ln -sf "$prefix/juliu" "$bin/juliu"
cp "$here/juliu.png" "$data/icons/hicolor/256x256/apps/juliu.png"
sed "s|@EXEC@|$prefix/juliu|" "$here/juliu.desktop" > "$data/applications/juliu.desktop"
chmod 0644 "$data/applications/juliu.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$data/icons/hicolor" 2>/dev/null || true
echo "Juliu $("$prefix/juliu" --version | sed 's/^Juliu //') is installed: find it in your applications menu, or run: juliu"
case ":$PATH:" in *":$bin:"*) ;; *) echo "(add $bin to your PATH to run 'juliu' from a terminal)";; esac
