package version

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// .ci/version.sh turns git describe into the stamped version and a Debian
// version for the package names: no tag, an exact tag, commits past it,
// and uncommitted changes. Run in a throw-away git repository holding a
// copy of the script and a FyneApp.toml.
func TestVersionScript(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script, err := os.ReadFile(filepath.Join("..", "..", ".ci", "version.sh"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, ".ci"), 0o755))
	must(os.WriteFile(filepath.Join(dir, ".ci", "version.sh"), script, 0o755))
	must(os.WriteFile(filepath.Join(dir, "FyneApp.toml"), []byte("[Details]\n  Version = \"0.3.0\"\n"), 0o644))
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	vars := func() map[string]string {
		t.Helper()
		cmd := exec.Command("bash", filepath.Join(dir, ".ci", "version.sh"))
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1796527076")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("version.sh: %v", err)
		}
		m := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			k, v, _ := strings.Cut(l, "=")
			m[k] = v
		}
		return m
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	short := git("rev-parse", "--short=7", "HEAD")
	full := git("rev-parse", "HEAD")

	check := func(name string, want map[string]string) {
		t.Helper()
		got := vars()
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q (all: %v)", name, k, got[k], v, got)
			}
		}
	}
	check("no tag", map[string]string{"DESCRIBE": short, "COMMIT": full, "PKG_VERSION": "0.3.0~dev.g" + short, "NUM_VERSION": "0.3.0", "DATE": "2026-12-06T03:17:56Z"})
	if in := resolve(vars()["DESCRIBE"], full, "", nil); in.Version != "dev" {
		t.Errorf("untagged describe reads %q in the program, want dev", in.Version)
	}

	git("tag", "-a", "v0.4.1", "-m", "release")
	check("exact tag", map[string]string{"DESCRIBE": "v0.4.1", "PKG_VERSION": "0.4.1", "NUM_VERSION": "0.4.1"})

	must(os.WriteFile(filepath.Join(dir, "x.txt"), []byte("x"), 0o644))
	git("add", "x.txt")
	git("commit", "-q", "-m", "two")
	short = git("rev-parse", "--short=7", "HEAD")
	check("past a tag", map[string]string{"DESCRIBE": "v0.4.1-1-g" + short, "PKG_VERSION": "0.4.1+1.g" + short, "NUM_VERSION": "0.4.1"})

	must(os.WriteFile(filepath.Join(dir, "x.txt"), []byte("changed"), 0o644))
	check("dirty", map[string]string{"DESCRIBE": "v0.4.1-1-g" + short + "-dirty", "COMMIT": git("rev-parse", "HEAD") + "-dirty", "PKG_VERSION": "0.4.1+1.g" + short + ".dirty"})
}
