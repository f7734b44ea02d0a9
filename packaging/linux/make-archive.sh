#!/bin/sh
# dist/juliu (from PyInstaller) -> dist/juliu-VERSION-linux-x86_64.tar.gz with install.sh, uninstall.sh, the launcher
# and the icon beside the program folder.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$("$root/dist/juliu/juliu" --version | awk '{print $2}')
name="juliu-$version-linux-$(uname -m)"
stage="$root/dist/$name"
rm -rf "$stage" && mkdir -p "$stage"
cp -a "$root/dist/juliu" "$stage/juliu"
cp "$root/packaging/linux/install.sh" "$root/packaging/linux/uninstall.sh" "$root/packaging/linux/juliu.desktop" "$stage/"
cp "$root/ui/icons/juliu.png" "$stage/juliu.png"
chmod 0755 "$stage/install.sh" "$stage/uninstall.sh"
tar -C "$root/dist" -czf "$root/dist/$name.tar.gz.partial" "$name"
mv "$root/dist/$name.tar.gz.partial" "$root/dist/$name.tar.gz"
rm -rf "$stage"
echo "$root/dist/$name.tar.gz"
