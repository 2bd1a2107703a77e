#!/usr/bin/env bash
# .ci/deps.sh — make sure the tools needed to build and test CSAT Desk are
# present, installing only what is missing. Called by `make deps`.
#
#   * Go, at least the version in go.mod's `go` line.
#   * A C compiler and the OpenGL/X11 headers Fyne's cgo driver needs.
#     On Debian/Ubuntu they are installed with apt-get (through sudo when
#     not root). Elsewhere the script prints the packages to install and
#     exits non-zero.
#
# With --package it also installs what `make package` and `make package-smoke`
# need: the mingw-w64 cross compiler for the Windows build, wine to run it,
# NSIS for the installer, xz, zip and unzip (without the packages' recommendations).
#
# Environment: SUDO overrides the privilege helper (default: sudo when not
# root); APT_GET overrides the apt-get binary (used by tests).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

APT_PACKAGES=(gcc libgl1-mesa-dev xorg-dev pkg-config)
APT_OPTS=()
if [[ ${1:-} == --package ]]; then
	APT_PACKAGES+=(gcc-mingw-w64-x86-64 wine wine64 nsis binutils xz-utils zip unzip)
	APT_OPTS=(--no-install-recommends)
fi

say() { printf 'deps: %s\n' "$*"; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

other_os_help() {
	cat >&2 <<'MSG'
deps: this is not a Debian/Ubuntu system (no apt-get/dpkg), so nothing was
deps: installed. Install a C compiler and the OpenGL/X11 development files
deps: yourself, then run the command again:

  Fedora / RHEL:  sudo dnf install gcc libXcursor-devel libXrandr-devel mesa-libGL-devel \
                      libXi-devel libXinerama-devel libXxf86vm-devel
  Arch Linux:     sudo pacman -S go gcc libxcursor libxrandr libxinerama libxi mesa
  macOS:          xcode-select --install
  Windows:        install MSYS2 (https://www.msys2.org) and, in its MINGW64 shell,
                      pacman -S mingw-w64-x86_64-gcc
                  then build from that shell (or put mingw64\bin on PATH).

Go itself: https://go.dev/dl/ (at least the version in go.mod).
MSG
}

# version_ge A B: true when dotted version A >= B (numeric, missing parts = 0).
version_ge() {
	local IFS=.
	local -a a=($1) b=($2)
	local i x y
	for ((i = 0; i < 3; i++)); do
		x=${a[i]:-0} y=${b[i]:-0}
		x=${x%%[!0-9]*} y=${y%%[!0-9]*}
		((10#${x:-0} > 10#${y:-0})) && return 0
		((10#${x:-0} < 10#${y:-0})) && return 1
	done
	return 0
}

check_go() {
	local want have
	want=$(sed -n 's/^go \([0-9][0-9.]*\).*/\1/p' go.mod | head -n1)
	[[ -n $want ]] || die "cannot read the go version from go.mod"
	if ! command -v go >/dev/null 2>&1; then
		die "Go is not on PATH. Install Go $want or newer from https://go.dev/dl/ (e.g. into /usr/local/go and add /usr/local/go/bin to PATH)."
	fi
	# GOTOOLCHAIN=local: report the Go that is installed, not one go.mod would download.
	have=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)
	have=${have#go}
	[[ -n $have ]] || die "cannot run 'go env GOVERSION' (is $(command -v go) a working Go?)"
	if ! version_ge "$have" "$want"; then
		die "Go $have is too old: go.mod needs Go $want or newer. Get it from https://go.dev/dl/ (or set GOTOOLCHAIN=auto to let go download it)."
	fi
	say "go $have (go.mod needs $want) ok"
}

check_system_packages() {
	case "$(uname -s)" in
	Darwin)
		if xcode-select -p >/dev/null 2>&1; then
			say "Xcode command line tools ok"
			return 0
		fi
		other_os_help
		exit 1
		;;
	MINGW* | MSYS* | CYGWIN*)
		if command -v gcc >/dev/null 2>&1; then
			say "gcc ok ($(command -v gcc))"
			return 0
		fi
		other_os_help
		exit 1
		;;
	esac

	local apt=${APT_GET:-apt-get}
	if ! command -v dpkg >/dev/null 2>&1 || ! command -v "$apt" >/dev/null 2>&1; then
		other_os_help
		exit 1
	fi

	local -a missing=()
	local p
	for p in "${APT_PACKAGES[@]}"; do
		# dpkg -s exits 0 for removed-but-configured packages too; check the status line.
		if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
			missing+=("$p")
		fi
	done
	if ((${#missing[@]} == 0)); then
		say "system packages ok (${APT_PACKAGES[*]})"
		return 0
	fi

	local -a priv=()
	if [[ -n ${SUDO+x} ]]; then
		# SUDO set explicitly (may be empty to mean "run directly").
		[[ -n $SUDO ]] && priv=("$SUDO")
	elif ((EUID != 0)); then
		command -v sudo >/dev/null 2>&1 ||
			die "missing packages: ${missing[*]}; not root and sudo is not installed. As root run: apt-get update && apt-get install -y ${missing[*]}"
		# -n in CI (no TTY) fails fast instead of hanging on a password prompt.
		if [[ -t 0 ]]; then priv=(sudo); else priv=(sudo -n); fi
	fi

	say "installing missing packages: ${missing[*]}"
	if ! ${priv[@]+"${priv[@]}"} env DEBIAN_FRONTEND=noninteractive "$apt" update -q ||
		! ${priv[@]+"${priv[@]}"} env DEBIAN_FRONTEND=noninteractive "$apt" install -y -q ${APT_OPTS[@]+"${APT_OPTS[@]}"} "${missing[@]}"; then
		die "could not install ${missing[*]}. Run by hand: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
	fi
	say "installed ${missing[*]}"
}

check_go
check_system_packages
