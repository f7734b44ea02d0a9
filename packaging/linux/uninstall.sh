#!/bin/sh
# Removes what install.sh put in place. Your data (~/.local/share/Juliu/, with its backups) is kept; delete that
# folder yourself if you really want it gone.
set -eu
data=${XDG_DATA_HOME:-$HOME/.local/share}
rm -rf "$HOME/.local/lib/juliu"
[ -L "$HOME/.local/bin/juliu" ] && rm -f "$HOME/.local/bin/juliu"
rm -f "$data/applications/juliu.desktop" "$data/icons/hicolor/256x256/apps/juliu.png"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "Juliu is uninstalled. Your data is still in $data/Juliu/"
