#!/usr/bin/env bash
# .ci/package.sh — build CSAT Desk's installable packages into dist/.
#
#   .ci/package.sh [linux|windows|all]      (default all; `make package`)
#
#   dist/csatdesk-<v>-linux-amd64.tar.xz   binary, menu entry, icon, install.sh (--uninstall), README.txt
#   dist/csatdesk_<v>_amd64.deb            /usr/bin/csatdesk, the menu entry with "Open with" for
#                                          .csv/.tsv/.xlsx, the icon in hicolor, Depends on the GL/X libraries
#   dist/csatdesk-<v>-windows-amd64.zip    csatdesk.exe (GUI, icon, version resource; prints to the
#                                          console it was started from), README.txt
#   dist/csatdesk-<v>-windows-amd64-setup.exe  the same as an installer (NSIS; per user, Start menu,
#                                          "Open with" for .csv/.tsv/.xlsx, uninstaller)
#   dist/SHA256SUMS
#
# <v> is PKG_VERSION from .ci/version.sh (from git describe). The Linux binary
# and the Windows one are plain `go build`s, the Windows one cross-compiled
# with Debian's mingw-w64 and given its icon, version resource and manifest
# by go-winres (pinned in the Makefile). `make package-deps` installs what
# this needs. See docs/BUILD.md and docs/DECISIONS.md ("Packages").
#
# Environment: GO (go), WINRES (.cache/bin/go-winres), DIST (dist), MINGW_CC
# (x86_64-w64-mingw32-gcc), SOURCE_DATE_EPOCH (file times in the archives;
# default: the last commit's time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

what=${1:-all}
case $what in linux | windows | all) ;; *) echo "usage: $0 [linux|windows|all]" >&2; exit 2 ;; esac

GO=${GO:-go}
WINRES=${WINRES:-$root/.cache/bin/go-winres}
DIST=${DIST:-dist}
MINGW_CC=${MINGW_CC:-x86_64-w64-mingw32-gcc}
eval "$(bash .ci/version.sh)"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

say() { printf 'package: %s\n' "$*"; }
die() { printf 'package: error: %s\n' "$*" >&2; exit 1; }

# The same build for every platform: no symbol table (stack traces keep
# their names), Fyne's release mode, the threading model FyneApp.toml
# declares (fyneDo = true); version stamped. The Windows build is
# -trimpath; the Linux build leaves it out so that it reuses the C objects
# `make test`'s build compiled (GLFW and GL, minutes on two cores).
pkg=csatdesk/app/version
syso= # the Windows resource file while it exists
stamp=(-X "$pkg.Version=$DESCRIBE" -X "$pkg.Commit=$COMMIT" -X "$pkg.Date=$DATE")
tags=release,migrated_fynedo

mkdir -p "$DIST"
work=$(mktemp -d "${TMPDIR:-/tmp}/csatdesk-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

# settle DIR: the same owner, mode and time on every file, so the same
# commit gives the same archive.
settle() {
	find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

build_linux() {
	local name=csatdesk-$PKG_VERSION-linux-amd64
	say "Linux binary ($DESCRIBE)"
	CGO_ENABLED=1 GOOS=linux GOARCH=amd64 "$GO" build -tags "$tags" \
		-ldflags "-s -w ${stamp[*]}" -o "$work/csatdesk" . || die "go build for Linux failed (run make deps)"

	# tar.xz: a folder to unpack and ./install.sh
	local t=$work/tar/$name
	mkdir -p "$t"
	install -m 0755 "$work/csatdesk" "$t/csatdesk"
	install -m 0644 assets/linux/csatdesk.desktop assets/linux/README.txt "$t/"
	install -m 0755 assets/linux/install.sh "$t/install.sh"
	install -m 0644 assets/icon.png "$t/csatdesk.png"
	settle "$t"
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
		-C "$work/tar" -cf - "$name" | xz -6 -T1 >"$DIST/$name.tar.xz"
	say "wrote $DIST/$name.tar.xz"

	# .deb
	local d=$work/deb
	install -D -m 0755 "$work/csatdesk" "$d/usr/bin/csatdesk"
	install -D -m 0644 assets/linux/csatdesk.desktop "$d/usr/share/applications/csatdesk.desktop"
	install -D -m 0644 assets/icon.png "$d/usr/share/icons/hicolor/512x512/apps/csatdesk.png"
	install -d "$d/usr/share/doc/csatdesk" "$d/DEBIAN"
	gzip -9n <docs/CHANGELOG.md >"$d/usr/share/doc/csatdesk/changelog.gz"
	chmod 0644 "$d/usr/share/doc/csatdesk/changelog.gz"
	{
		echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
		echo "Upstream-Name: CSAT Desk"
		echo
		echo "Files: *"
		echo "License: $(sed -n 's/^const Licence = "\(.*\)"$/\1/p' app/version/version.go)"
		echo
		echo "Comment: bundled: $(sed -n 's/^const ThirdParty = "\(.*\)"$/\1/p' app/version/version.go)"
		echo
		cat assets/FONT-LICENSE.txt
	} >"$d/usr/share/doc/csatdesk/copyright"
	chmod 0644 "$d/usr/share/doc/csatdesk/copyright"
	# Depends: what the binary links (libGL, libX11, glibc ≥ its newest
	# symbol version) and what GLFW loads at start (Xcursor, Xrandr,
	# Xinerama, Xi, Xxf86vm, Xrender, X11-xcb); see DECISIONS.md.
	local glibc
	glibc=$(objdump -T "$work/csatdesk" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n1)
	cat >"$d/DEBIAN/control" <<CONTROL
Package: csatdesk
Version: $PKG_VERSION
Architecture: amd64
Maintainer: CSAT Desk <support@csatdesk.app>
Installed-Size: $(du -sk --exclude=DEBIAN "$d" | cut -f1)
Depends: libc6 (>= ${glibc:-2.34}), libgl1, libx11-6, libx11-xcb1, libxcursor1, libxi6, libxinerama1, libxrandr2, libxrender1, libxxf86vm1
Recommends: libgl1-mesa-dri
Suggests: xclip | wl-clipboard, fonts-wqy-microhei
Section: misc
Priority: optional
Homepage: https://csatdesk.app
Description: customer-satisfaction surveys for small businesses, offline
 CSAT Desk designs customer-satisfaction surveys, prints numbered paper
 forms, takes typed-in and imported results (Google Forms, SurveyMonkey,
 Typeform, Excel) and shows CSAT, NPS and CES trends with honest error
 bars. Everything stays in one file on your computer.
 .
 The same binary is a command-line tool: csatdesk help.
CONTROL
	settle "$d"
	dpkg-deb --root-owner-group -Zxz --build "$d" "$DIST/csatdesk_${PKG_VERSION}_amd64.deb" >/dev/null ||
		die "dpkg-deb failed"
	say "wrote $DIST/csatdesk_${PKG_VERSION}_amd64.deb"
}

build_windows() {
	local name=csatdesk-$PKG_VERSION-windows-amd64
	command -v "$MINGW_CC" >/dev/null 2>&1 || die "$MINGW_CC not found: run make package-deps"
	[[ -x $WINRES ]] || die "$WINRES not found: run make winres-install"
	say "Windows binary ($DESCRIBE) with $MINGW_CC"
	# The icon, version resource and manifest: a .syso that go build links
	# from package app/startenv (main imports it); removed after the build.
	local build
	syso=app/startenv/rsrc_windows_amd64.syso
	build=$(git rev-list --count HEAD 2>/dev/null || echo 0)
	trap 'rm -rf "$work"; [[ -z $syso ]] || rm -f "$root/$syso"' EXIT
	"$WINRES" simply --arch amd64 --out app/startenv/rsrc --manifest gui \
		--product-name "CSAT Desk" --file-description "CSAT Desk" --original-filename csatdesk.exe \
		--copyright "CSAT Desk. $(sed -n 's/^const Licence = "\(.*\)"$/\1/p' app/version/version.go)" \
		--product-version "$PKG_VERSION" --file-version "$NUM_VERSION.$build" --icon assets/icon.png ||
		die "go-winres could not make the resource file"
	local z=$work/zip/$name
	mkdir -p "$z"
	env CC="$MINGW_CC" GOOS=windows GOARCH=amd64 CGO_ENABLED=1 "$GO" build -trimpath -tags "$tags" \
		-ldflags "-H=windowsgui -s -w ${stamp[*]}" -o "$z/csatdesk.exe" . ||
		die "go build for Windows failed"
	rm -f "$syso"
	sed 's/$/\r/' assets/windows/README.txt >"$z/README.txt"
	settle "$z"
	rm -f "$DIST/$name.zip"
	(cd "$work/zip" && TZ=UTC zip -X -q -r -9 - "$name") >"$DIST/$name.zip"
	say "wrote $DIST/$name.zip"

	# The installer (NSIS): per user, Start menu, "Open with", uninstall.
	if command -v makensis >/dev/null 2>&1; then
		"$WINRES" extract --dir "$work/res" "$z/csatdesk.exe" >/dev/null || die "cannot read the program's icon back"
		makensis -V2 -DVERSION="$PKG_VERSION" -DNUMVERSION="$NUM_VERSION.$build" -DSRCDIR="$z" \
			-DICON="$(ls "$work"/res/*.ico | head -n1)" -DOUTFILE="$root/$DIST/$name-setup.exe" \
			assets/windows/installer.nsi >/dev/null || die "makensis failed"
		say "wrote $DIST/$name-setup.exe"
	else
		say "makensis not found (make package-deps installs nsis): no installer"
	fi
}

case $what in
linux) build_linux ;;
windows) build_windows ;;
all)
	build_linux
	build_windows
	;;
esac
(cd "$DIST" && sha256sum -- *.deb *.tar.xz *.zip *-setup.exe 2>/dev/null >SHA256SUMS || true)
ls -l "$DIST"
