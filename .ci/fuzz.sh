#!/usr/bin/env bash
# .ci/fuzz.sh — run every `func FuzzXxx` target in the module for FUZZTIME.
# Succeeds (and says so) when there are none. Called by `make fuzz`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO=${GO:-go}
FUZZTIME=${FUZZTIME:-10s}

# Directories whose _test.go files declare a fuzz target (cheap pre-filter).
mapfile -t dirs < <(grep -rlE --include='*_test.go' --exclude-dir=.git --exclude-dir=.cache \
	--exclude-dir=testdata '^func Fuzz[A-Z0-9_]' . | xargs -r -n1 dirname | sort -u)

n=0
for dir in "${dirs[@]}"; do
	# go test -list is the authority: it drops files excluded by build tags.
	mapfile -t names < <("$GO" test -tags ci -list '^Fuzz' "$dir" | grep -E '^Fuzz')
	for name in "${names[@]}"; do
		printf -- '--- %s %s\n' "$dir" "$name"
		"$GO" test -tags ci -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" "$dir"
		n=$((n + 1))
	done
done
if ((n == 0)); then
	echo "no fuzz targets found"
else
	echo "$n fuzz target(s) passed"
fi
