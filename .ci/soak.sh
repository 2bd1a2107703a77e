#!/usr/bin/env bash
# .ci/soak.sh — the long reliability run behind `make soak`: every kill test
# of the module (func TestKill… in a _test.go file) with CSATDESK_SOAK_RUNS
# runs each, one test at a time, then every fuzz target for FUZZTIME, then a
# table of operation, runs, failures and time. Exit status 1 when anything
# failed. Logs of failed tests are kept under SOAK_LOGDIR.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO=${GO:-go}
export CSATDESK_SOAK_RUNS=${CSATDESK_SOAK_RUNS:-1000}
FUZZTIME=${FUZZTIME:-2m}
SOAK_FUZZ=${SOAK_FUZZ:-1}
SOAK_ONLY=${SOAK_ONLY:-.}   # a regular expression: only the kill tests it matches
SOAK_LOGDIR=${SOAK_LOGDIR:-$(mktemp -d /tmp/csatdesk-soak.XXXXXX)}
mkdir -p "$SOAK_LOGDIR"

rows=()   # "operation|runs|failures|seconds"
failed=0

mapfile -t dirs < <(grep -rlE --include='*_test.go' --exclude-dir=.git --exclude-dir=.cache \
	--exclude-dir=testdata '^func TestKill[A-Za-z0-9_]' . | xargs -r -n1 dirname | sort -u)

for dir in "${dirs[@]}"; do
	mapfile -t names < <("$GO" test -tags ci -list '^TestKill' "$dir" | grep -E '^TestKill' | grep -E -- "$SOAK_ONLY")
	for name in "${names[@]}"; do
		log="$SOAK_LOGDIR/${dir//\//_}.$name.log"
		printf -- '--- %s %s: %s runs each\n' "$dir" "$name" "$CSATDESK_SOAK_RUNS"
		start=$(date +%s)
		"$GO" test -tags ci -count=1 -v -timeout 0 -run "^${name}\$" "$dir" >"$log" 2>&1
		rc=$?
		took=$(($(date +%s) - start))
		grep -E '^\s*(--- (PASS|FAIL)|\S+_test\.go:[0-9]+:)' "$log" | head -40
		# A test whose body does not call soakRuns runs a fixed set of kills (one
		# per subtest); the body is read from its func line to its closing brace
		# (the call may come after the test's table of cases).
		runs=$CSATDESK_SOAK_RUNS
		if ! awk -v f="^func ${name}\\(" '$0 ~ f {on = 1} on {print} on && /^}/ {exit}' "$dir"/*_test.go | grep -q soakRuns; then
			runs=1
		fi
		# One row per subtest when the test has some, else one for the test.
		mapfile -t subs < <(grep -oE -- "--- (PASS|FAIL): ${name}/\S+ \([0-9.]+s\)" "$log")
		if ((${#subs[@]} == 0)); then
			subs=("--- $( ((rc == 0)) && echo PASS || echo FAIL): $name (${took}s)")
		fi
		for s in "${subs[@]}"; do
			op=${s#*: }
			secs=${op##* (}
			secs=${secs%s)}
			op=${op% (*}
			f=0
			[[ $s == *FAIL* ]] && f=1
			rows+=("${dir#./} $op|$runs|$f|${secs%.*}")
		done
		if ((rc != 0)); then
			failed=1
			echo "FAILED: $name (log: $log)"
		fi
	done
done

if ((SOAK_FUZZ)); then
	start=$(date +%s)
	printf -- '--- fuzz targets for %s each\n' "$FUZZTIME"
	GO="$GO" FUZZTIME="$FUZZTIME" bash .ci/fuzz.sh >"$SOAK_LOGDIR/fuzz.log" 2>&1
	rc=$?
	n=$(grep -c '^--- ' "$SOAK_LOGDIR/fuzz.log" || true)
	rows+=("fuzz targets ($FUZZTIME each)|$n|$((rc != 0))|$(($(date +%s) - start))")
	((rc != 0)) && failed=1 && tail -30 "$SOAK_LOGDIR/fuzz.log"
fi

printf '\n==> soak summary (%s kill runs per operation; a failing test stops at its first failure)\n' "$CSATDESK_SOAK_RUNS"
printf '%-80s %6s %8s %8s\n' OPERATION RUNS FAILURES SECONDS
for r in "${rows[@]}"; do
	IFS='|' read -r op n f s <<<"$r"
	printf '%-80s %6s %8s %8s\n' "$op" "$n" "$f" "$s"
done
echo "logs: $SOAK_LOGDIR"
exit "$failed"
