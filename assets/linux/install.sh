#!/bin/sh
# install.sh — install CSAT Desk from this unpacked folder, or remove it.
#
#   ./install.sh                      into ~/.local (as a user) or /usr/local (as root)
#   ./install.sh --prefix DIR         into DIR/bin, DIR/share/...
#   ./install.sh --uninstall [--prefix DIR]
#
# Installs bin/csatdesk, the menu entry (share/applications/csatdesk.desktop,
# which also offers "Open with CSAT Desk" for .csv and .xlsx files) and the
# icon (share/icons/hicolor/512x512/apps/csatdesk.png). The database in
# ~/.config/csatdesk is never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix=${HOME:?}/.local; fi
action=install
while [ $# -gt 0 ]; do
	case $1 in
	--prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
	--prefix=*) prefix=${1#--prefix=}; shift ;;
	--uninstall) action=uninstall; shift ;;
	-h | --help) sed -n '2,12p' "$0"; exit 0 ;;
	*) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
	esac
done

bin=$prefix/bin/csatdesk
desktop=$prefix/share/applications/csatdesk.desktop
icon=$prefix/share/icons/hicolor/512x512/apps/csatdesk.png

refresh() {
	command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
	command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
}

if [ "$action" = uninstall ]; then
	rm -f "$bin" "$desktop" "$icon"
	refresh
	echo "CSAT Desk removed from $prefix (your database in ~/.config/csatdesk is kept)."
	exit 0
fi

install -d "$prefix/bin" "$prefix/share/applications" "$prefix/share/icons/hicolor/512x512/apps"
install -m 0755 "$here/csatdesk" "$bin"
install -m 0644 "$here/csatdesk.png" "$icon"
# The menu entry names the binary by its full path: ~/.local/bin is not on
# every desktop session's PATH.
sed "s|^Exec=csatdesk|Exec=$bin|; s|^TryExec=csatdesk|TryExec=$bin|" "$here/csatdesk.desktop" >"$desktop"
chmod 0644 "$desktop"
refresh
echo "CSAT Desk installed: $bin"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "(add $prefix/bin to your PATH to run csatdesk from a terminal)" ;; esac
