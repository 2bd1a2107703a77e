#!/usr/bin/env bash
# .ci/package-smoke.sh — run the packaged Windows csatdesk.exe under wine and
# the packaged Linux binary side by side, and compare what they print and
# write. Called by `make package-smoke` (after `make package`) and by CI.
#
# Both binaries are taken out of the newest archives in dist/ (what users download),
# and run the same commands in folders of their own with relative paths:
#   --version; sample --seed 1; surveys; summary (csv); import of a real
#   Google Forms CSV and XLSX into new surveys, then their summaries; export;
#   chart --chart all; form --count 3.
# Checked: the same exit status; the same standard output (CRLF and the
# database's path aside); byte-identical CSV and PNG files; PDFs that are
# whole (%PDF- … %%EOF) with the same pages and the same bytes once the
# creation date is left out; known figures of the fixture (n, CSAT %).
#
# wine runs with a private WINEPREFIX in a temporary folder, no display,
# WINEDEBUG=-all, and a stand-in bcryptprimitives.dll that Debian 12's wine
# lacks and Go needs (.ci/wine-bcryptprimitives.c; test only). Environment: DIST (dist), WINE (wine), KEEP=1 keeps the
# work folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
DIST=${DIST:-dist}
WINE=${WINE:-wine}

say() { printf 'smoke: %s\n' "$*"; }
fails=0
fail() { printf 'smoke: FAIL: %s\n' "$*" >&2; fails=$((fails + 1)); }

# The newest packages in dist/ (make package), a tarball and the zip of the
# same version.
tarball=$(ls -t "$DIST"/csatdesk-*-linux-amd64.tar.xz 2>/dev/null | head -n1 || true)
v=${tarball#"$DIST"/csatdesk-}
v=${v%-linux-amd64.tar.xz}
zipfile=$DIST/csatdesk-$v-windows-amd64.zip
[[ -n $tarball && -f $zipfile ]] || { echo "smoke: no Linux .tar.xz with its Windows .zip in $DIST: run make package first" >&2; exit 1; }
say "packages $v"
command -v "$WINE" >/dev/null 2>&1 || { echo "smoke: $WINE not found: run make package-deps" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/csatdesk-smoke.XXXXXX")
if [[ -z ${KEEP:-} ]]; then trap 'WINEPREFIX=$work/wineprefix wineserver -k 2>/dev/null; rm -rf "$work"' EXIT; else say "work folder $work"; fi
mkdir -p "$work/lin" "$work/win" "$work/bin"
tar -xJf "$tarball" -C "$work/bin"
unzip -q "$zipfile" -d "$work/bin"
lin=$(echo "$work"/bin/csatdesk-*-linux-amd64/csatdesk)
win=$(echo "$work"/bin/csatdesk-*-windows-amd64/csatdesk.exe)
cp testdata/real/gforms-en-uss-guests.csv testdata/real/gforms-en-swiggy.xlsx "$work/"

export WINEPREFIX=$work/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES='mscoree=d;mshtml=d' WINEARCH=win64
unset DISPLAY WAYLAND_DISPLAY
t0=$(date +%s%N)
"$WINE" wineboot --init >/dev/null 2>&1 || true
# Debian 12's wine lacks bcryptprimitives.dll, which Go's runtime needs
# (every Windows 10/11 has it): a stand-in for the test only.
MINGW_CC=${MINGW_CC:-x86_64-w64-mingw32-gcc}
printf 'LIBRARY bcryptprimitives\nEXPORTS\nProcessPrng\n' >"$work/bcp.def"
if [[ ! -e $WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll ]]; then
	"$MINGW_CC" -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
		.ci/wine-bcryptprimitives.c "$work/bcp.def" -lbcrypt || { echo "smoke: cannot build the bcryptprimitives stand-in" >&2; exit 1; }
fi
say "wine prefix made in $((($(date +%s%N) - t0) / 1000000)) ms ($("$WINE" --version 2>/dev/null))"

# both NAME ARGS...: run ARGS with each binary in its own folder; keep
# stdout, stderr and the exit status; compare status and stdout (after the
# sed expression $mask, when set).
both() {
	local name=$1
	shift
	(cd "$work/lin" && set +e && "$lin" "$@" >"$name.out" 2>"$name.err"; echo $? >"$name.rc")
	(cd "$work/win" && set +e && "$WINE" "$win" "$@" >"$name.out" 2>"$name.err"; echo $? >"$name.rc")
	local f
	for f in "$work/lin/$name.out" "$work/win/$name.out" "$work/lin/$name.err" "$work/win/$name.err"; do
		# CRLF, and the database's path (Z:\… under wine) aside.
		sed -i 's/\r$//; s/ in [^ ]*\.db$/ in DB/' "$f"
	done
	if [[ -n ${mask:-} ]]; then
		sed -i "$mask" "$work/lin/$name.out" "$work/win/$name.out"
	fi
	if [[ $(cat "$work/lin/$name.rc") != "$(cat "$work/win/$name.rc")" ]]; then
		fail "$name: exit status $(cat "$work/lin/$name.rc") on Linux, $(cat "$work/win/$name.rc") on Windows; Windows stderr: $(head -c 400 "$work/win/$name.err")"
	elif ! diff -u "$work/lin/$name.out" "$work/win/$name.out" >"$work/$name.diff"; then
		fail "$name: output differs:"
		head -n 20 "$work/$name.diff" >&2
	else
		say "$name: same output ($(wc -l <"$work/lin/$name.out") lines, exit $(cat "$work/lin/$name.rc"))"
	fi
}

# same_file REL: byte-identical in both folders.
same_file() {
	if [[ ! -s $work/lin/$1 || ! -s $work/win/$1 ]]; then
		fail "$1: missing or empty ($(ls -l "$work/lin/$1" "$work/win/$1" 2>&1 | tr '\n' ' '))"
	elif cmp -s "$work/lin/$1" "$work/win/$1"; then
		say "$1: identical ($(stat -c %s "$work/lin/$1") bytes)"
	else
		fail "$1: differs ($(stat -c %s "$work/lin/$1") vs $(stat -c %s "$work/win/$1") bytes)"
	fi
}

# --version: the same version and commit; only the system (and, for
# packages built by separate runs, the build time) differs.
"$lin" --version >"$work/lin/version.out" 2>&1 || fail "--version failed on Linux"
"$WINE" "$win" --version 2>&1 | sed 's/\r$//' >"$work/win/version.out" || fail "--version failed under wine"
nosys() { sed -n '1{s/, built [^,]*//; s/ go[0-9.]* [a-z0-9]*\/[a-z0-9]*)$//; p}' "$1"; }
if [[ $(nosys "$work/lin/version.out") != "$(nosys "$work/win/version.out")" ]] || ! grep -q '^CSAT Desk .*windows/amd64)$' "$work/win/version.out"; then
	fail "--version: $(head -n1 "$work/lin/version.out") vs $(head -n1 "$work/win/version.out")"
else
	say "--version: $(head -n1 "$work/win/version.out")"
fi

# sample under each system into its own file: it works and says the same
# (its last day ends at "now", so the two runs, seconds apart, may differ
# by a response; the count is left out of the comparison)…
mask='s/ with [0-9]* responses/ with N responses/' both sample sample --db own.db --seed 1
# …and the figures below are read from one file, made on Linux and copied:
# the same data under both, and a database moves between systems.
cp "$work/lin/own.db" "$work/lin/s.db"
cp "$work/lin/own.db" "$work/win/s.db"
both surveys surveys --db s.db
both summary-month summary --db s.db --survey 1 --period month --format csv
both summary-quarter summary --db s.db --survey 1 --period quarter
both export export --db s.db --survey 1 --out responses.csv
same_file responses.csv
both import-csv import ../gforms-en-uss-guests.csv --db i.db --survey new --report report.csv
same_file report.csv
both import-xlsx import ../gforms-en-swiggy.xlsx --db i.db --survey new
both imported-surveys surveys --db i.db
both summary-csv-year summary --db i.db --survey 1 --period year --format csv
both summary-xlsx-year summary --db i.db --survey 2 --period year --format csv
# The fixture's known figures (testdata/real/golden.json): 210 answered, CSAT 69.5 %.
grep -q '210' "$work/win/summary-csv-year.out" && grep -q '69\.5' "$work/win/summary-csv-year.out" ||
	fail "import: the Windows summary lacks n=210 / CSAT 69.5 %: $(cat "$work/win/summary-csv-year.out")"

# (Windows writes its own path separator in "Wrote charts\csat-trend.png")
mask='s|\\|/|g' both chart chart --db s.db --survey 1 --chart all --out charts
for f in "$work"/lin/charts/*.png; do
	[[ $(head -c 8 "$f" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "$f is not a PNG"
	same_file "charts/$(basename "$f")"
done
[[ -n $(ls "$work"/lin/charts/*.png 2>/dev/null) ]] || fail "chart wrote no PNG"

both form form --db s.db --survey 1 --count 3 --out forms.pdf
for d in lin win; do
	f=$work/$d/forms.pdf
	if [[ ! -s $f ]] || [[ $(head -c 5 "$f") != %PDF- ]] || ! tail -c 32 "$f" | grep -q '%%EOF'; then
		fail "forms.pdf ($d) is not a whole PDF"
	fi
done
pages() { grep -ao '/Type */Pages*' "$1" | grep -c 'Page$' || true; }
[[ $(pages "$work/lin/forms.pdf") == 3 && $(pages "$work/win/forms.pdf") == 3 ]] ||
	fail "forms.pdf: $(pages "$work/lin/forms.pdf") pages on Linux, $(pages "$work/win/forms.pdf") on Windows"
if cmp -s <(grep -av 'CreationDate\|ModDate' "$work/lin/forms.pdf") <(grep -av 'CreationDate\|ModDate' "$work/win/forms.pdf"); then
	say "forms.pdf: the same but for its date ($(pages "$work/lin/forms.pdf") pages)"
else
	fail "forms.pdf differs beyond its creation date"
fi

# The installer, when there is one: installs silently for the user, the
# installed program runs, "Open with" is registered, the uninstaller
# removes both.
setup=$DIST/csatdesk-$v-windows-amd64-setup.exe
if [[ -f $setup ]]; then
	"$WINE" "$setup" /S >/dev/null 2>&1 || fail "installer: exit status $?"
	installed=$(find "$WINEPREFIX/drive_c/users" -path '*/Programs/CSAT Desk/csatdesk.exe' 2>/dev/null | head -n1)
	if [[ -z $installed ]]; then
		fail "installer: no csatdesk.exe under AppData\\Local\\Programs\\CSAT Desk"
	else
		[[ $("$WINE" "$installed" --version 2>&1 | sed 's/\r$//' | head -n1) == "$(head -n1 "$work/win/version.out")" ]] ||
			fail "installer: the installed program is another build"
		"$WINE" reg query 'HKCU\Software\Classes\.csv\OpenWithProgids' 2>/dev/null | grep -q CSATDesk.Spreadsheet ||
			fail "installer: .csv has no Open with CSAT Desk"
		"$WINE" "$(dirname "$installed")/uninstall.exe" /S >/dev/null 2>&1 || true
		for _ in $(seq 30); do [[ -e $installed ]] || break; sleep 0.5; done
		[[ ! -e $installed ]] || fail "uninstaller: csatdesk.exe is still there"
		"$WINE" reg query 'HKCU\Software\Classes\.csv\OpenWithProgids' 2>/dev/null | grep -q CSATDesk.Spreadsheet &&
			fail "uninstaller: Open with is still registered"
		say "installer: installs, runs, registers Open with for .csv, uninstalls"
	fi
fi

# start-up of the command line (wine adds its own start-up to every run)
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
say "csatdesk --version: $(ms "$lin" --version) ms on Linux, $(ms "$WINE" "$win" --version) ms under wine"

if ((fails > 0)); then
	echo "smoke: $fails check(s) failed (work folder kept: $work)" >&2
	trap - EXIT
	exit 1
fi
say "the Windows build gives the same figures and files as the Linux build"
