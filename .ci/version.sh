#!/usr/bin/env bash
# .ci/version.sh — the version of this build, from git, printed as shell
# assignments for the Makefile and .ci/package.sh (`eval "$(.ci/version.sh)"`):
#
#   DESCRIBE     git describe --tags --always --dirty (v0.2.0, v0.2.0-3-gabc1234-dirty,
#                or just the commit 8c02d0c when there is no tag yet); stamped into
#                csatdesk/app/version.Version, where an untagged build reads "dev"
#   COMMIT       the full commit hash, "-dirty" when the work tree has changes
#   DATE         the build time, UTC RFC 3339 (SOURCE_DATE_EPOCH when set, for
#                reproducible packages)
#   PKG_VERSION  the version in package file names and the .deb, a valid Debian
#                version: tag v0.2.0 → 0.2.0; 3 commits past it → 0.2.0+3.gabc1234;
#                no tag → FyneApp.toml's Version + ~dev.g<hash> (0.1.0~dev.g8c02d0c),
#                which sorts before the release it leads to; ".dirty" appended
#                for uncommitted changes
#   NUM_VERSION  x.y.z for the Windows version resource (the tag, else FyneApp.toml)
#
# Releases are tagged vX.Y.Z on main by whoever releases (see docs/BUILD.md).
# Outside a git clone (a source tarball) everything falls back to "dev".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

toml_version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([0-9.]*\)".*/\1/p' FyneApp.toml | head -n1)
toml_version=${toml_version:-0.0.0}

describe=$(git describe --tags --always --dirty --match 'v[0-9]*' 2>/dev/null || echo dev)
commit=$(git rev-parse HEAD 2>/dev/null || true)
dirty=
if [[ $describe == *-dirty ]]; then
	dirty=1
	[[ -n $commit ]] && commit+=-dirty
fi
if [[ -n ${SOURCE_DATE_EPOCH:-} ]]; then
	date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
else
	date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
fi

base=${describe%-dirty}
if [[ $base =~ ^v([0-9]+(\.[0-9]+)*)$ ]]; then
	num=${BASH_REMATCH[1]}
	pkg=$num
elif [[ $base =~ ^v([0-9]+(\.[0-9]+)*)-([0-9]+)-g([0-9a-f]+)$ ]]; then
	num=${BASH_REMATCH[1]}
	pkg="$num+${BASH_REMATCH[3]}.g${BASH_REMATCH[4]}"
else
	num=$toml_version
	short=${commit:0:7}
	pkg="$toml_version~dev${short:+.g$short}"
fi
[[ -n $dirty ]] && pkg+=.dirty

printf 'DESCRIBE=%q\nCOMMIT=%q\nDATE=%q\nPKG_VERSION=%q\nNUM_VERSION=%q\n' "$describe" "$commit" "$date" "$pkg" "$num"
