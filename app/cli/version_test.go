package cli

import (
	"strings"
	"testing"

	"csatdesk/app/version"
)

// csatdesk version, --version and -version print the stamped version line
// and the licence, and exit 0; main hands --version to Run through IsCommand.
func TestVersionCommand(t *testing.T) {
	defer func(v, c, d string) { version.Version, version.Commit, version.Date = v, c, d }(version.Version, version.Commit, version.Date)
	version.Version, version.Commit, version.Date = "v1.2.3", "0123456789abcdef", "2026-12-06T03:00:00Z"
	for _, arg := range []string{"version", "--version", "-version"} {
		if !IsCommand(arg) {
			t.Errorf("IsCommand(%q) = false", arg)
		}
		status, out, errOut := run(arg)
		if status != 0 || errOut != "" {
			t.Fatalf("%s: status %d, stderr %q", arg, status, errOut)
		}
		if !strings.HasPrefix(out, "CSAT Desk v1.2.3 (commit 0123456789ab, built 2026-12-06T03:00:00Z, go") {
			t.Errorf("%s: output %q", arg, out)
		}
		if !strings.Contains(out, "Licence: ") {
			t.Errorf("%s: no licence in %q", arg, out)
		}
	}
	if status, _, _ := run("version", "extra"); status == 0 {
		t.Error("version with a stray argument exited 0")
	}
}
