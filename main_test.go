package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// modulePath is the module's import path (see go.mod).
const modulePath = "csatdesk"

// A layerRule forbids some dependencies for the packages it applies to.
// Dependencies are transitive: what a package imports, and what those import.
type layerRule struct {
	name    string
	applies func(pkg string) bool
	forbids func(dep pkgInfo) bool
}

// pkgInfo is one package as go list reports it.
type pkgInfo struct {
	path     string
	standard bool
}

func under(dir string) func(string) bool {
	root := modulePath + "/" + dir
	return func(pkg string) bool { return pkg == root || strings.HasPrefix(pkg, root+"/") }
}

func prefixed(prefix string) func(pkgInfo) bool {
	return func(dep pkgInfo) bool {
		return dep.path == prefix || strings.HasPrefix(dep.path, prefix+"/")
	}
}

// The layering of ARCHITECTURE.md §1. main and app may import anything;
// app/cli is the second client of the core beside the window, without Fyne.
var layerRules = []layerRule{
	{
		name:    "data and its subpackages do not depend on Fyne",
		applies: under("data"),
		forbids: prefixed("fyne.io"),
	},
	{
		name:    "charts does not depend on Fyne",
		applies: under("charts"),
		forbids: prefixed("fyne.io"),
	},
	{
		name: "only data/store and its subpackages depend on bbolt within data",
		applies: func(pkg string) bool {
			return under("data")(pkg) && !under("data/store")(pkg)
		},
		forbids: prefixed("go.etcd.io/bbolt"),
	},
	{
		name:    "charts does not depend on bbolt",
		applies: under("charts"),
		forbids: prefixed("go.etcd.io/bbolt"),
	},
	{
		name:    "assets does not depend on bbolt",
		applies: under("assets"),
		forbids: prefixed("go.etcd.io/bbolt"),
	},
	{
		name:    "the command line (app/cli) does not depend on Fyne",
		applies: under("app/cli"),
		forbids: prefixed("fyne.io"),
	},
	{
		name:    "the core (data/insight) does not depend on Fyne",
		applies: under("data/insight"),
		forbids: prefixed("fyne.io"),
	},
	{
		name: "the core (data/insight) and charts work on interfaces, not on the store",
		applies: func(pkg string) bool {
			return under("data/insight")(pkg) || under("charts")(pkg)
		},
		forbids: prefixed(modulePath + "/data/store"),
	},
	{
		name:    "the data package imports the standard library only",
		applies: func(pkg string) bool { return pkg == modulePath+"/data" },
		forbids: func(dep pkgInfo) bool { return !dep.standard },
	},
}

// TestImportGraph checks the layering with `go list -deps`, for a normal
// build and for the ci tag the tests use. Directories without Go files yet
// are skipped, so the test passes on a partly written tree.
func TestImportGraph(t *testing.T) {
	goBin := goTool(t)
	pkgs := packagesIn(t, "data", "charts", "assets", "app/cli")
	if len(pkgs) == 0 {
		t.Skip("no Go packages under data/, charts/, assets/ or app/cli yet")
	}

	for _, tags := range []string{"", "ci"} {
		deps, infos := listDeps(t, goBin, tags, pkgs)
		for _, rule := range layerRules {
			t.Run(rule.name+tagSuffix(tags), func(t *testing.T) {
				checked := 0
				for _, pkg := range pkgs {
					if !rule.applies(pkg) {
						continue
					}
					checked++
					var bad []string
					for _, dep := range deps[pkg] {
						if rule.forbids(infos[dep]) {
							bad = append(bad, dep)
						}
					}
					if len(bad) > 0 {
						t.Error(violation(goBin, tags, pkg, bad))
					}
				}
				if checked == 0 {
					t.Skip("no package of this layer exists yet")
				}
			})
		}
	}
}

// TestLayerRulesCatchViolations makes sure the rules are not vacuous.
func TestLayerRulesCatchViolations(t *testing.T) {
	cases := []struct {
		name   string
		pkg    string
		dep    pkgInfo
		caught bool
	}{
		{"Fyne under data/store is caught", "csatdesk/data/store", pkgInfo{"fyne.io/fyne/v2/widget", false}, true},
		{"Fyne in charts is caught", "csatdesk/charts", pkgInfo{"fyne.io/fyne/v2", false}, true},
		{"bbolt in data is caught", "csatdesk/data", pkgInfo{"go.etcd.io/bbolt", false}, true},
		{"bbolt in data/importer is caught", "csatdesk/data/importer", pkgInfo{"go.etcd.io/bbolt", false}, true},
		{"bbolt in data/store is allowed", "csatdesk/data/store", pkgInfo{"go.etcd.io/bbolt", false}, false},
		{"bbolt in a data/store subpackage is allowed", "csatdesk/data/store/migrate", pkgInfo{"go.etcd.io/bbolt", false}, false},
		{"bbolt in assets is caught", "csatdesk/assets", pkgInfo{"go.etcd.io/bbolt", false}, true},
		{"go-chart in charts is allowed", "csatdesk/charts", pkgInfo{"github.com/wcharczuk/go-chart/v2", false}, false},
		{"x/text in data is caught", "csatdesk/data", pkgInfo{"golang.org/x/text/encoding", false}, true},
		{"x/text in data/importer is allowed", "csatdesk/data/importer", pkgInfo{"golang.org/x/text/encoding", false}, false},
		{"the standard library in data is allowed", "csatdesk/data", pkgInfo{"time", true}, false},
		{"a package named like data-store is not data/store", "csatdesk/datastore", pkgInfo{"fyne.io/fyne/v2", false}, false},
		{"Fyne in app is allowed", "csatdesk/app", pkgInfo{"fyne.io/fyne/v2", false}, false},
		{"Fyne in the command line is caught", "csatdesk/app/cli", pkgInfo{"fyne.io/fyne/v2/lang", false}, true},
		{"bbolt in the command line is allowed", "csatdesk/app/cli", pkgInfo{"go.etcd.io/bbolt", false}, false},
		{"Fyne in the core is caught", "csatdesk/data/insight", pkgInfo{"fyne.io/fyne/v2", false}, true},
		{"bbolt in the core is caught", "csatdesk/data/insight", pkgInfo{"go.etcd.io/bbolt", false}, true},
		{"the store in the core is caught", "csatdesk/data/insight", pkgInfo{"csatdesk/data/store", false}, true},
		{"the store in chart composition is caught", "csatdesk/charts/report", pkgInfo{"csatdesk/data/store/ingest", false}, true},
		{"the core in chart composition is allowed", "csatdesk/charts/report", pkgInfo{"csatdesk/data/insight", false}, false},
		{"Fyne in chart composition is caught", "csatdesk/charts/report", pkgInfo{"fyne.io/fyne/v2/canvas", false}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			caught := false
			for _, rule := range layerRules {
				if rule.applies(c.pkg) && rule.forbids(c.dep) {
					caught = true
				}
			}
			if caught != c.caught {
				t.Errorf("%s importing %s: caught = %v, want %v", c.pkg, c.dep.path, caught, c.caught)
			}
		})
	}
}

func tagSuffix(tags string) string {
	if tags == "" {
		return ""
	}
	return " (tags " + tags + ")"
}

// goTool finds the go command: $GOROOT/bin/go when go test set GOROOT,
// otherwise go on PATH.
func goTool(t *testing.T) string {
	t.Helper()
	if root := os.Getenv("GOROOT"); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}
	return p
}

// packagesIn returns the import paths of the directories under dirs that
// hold at least one non-test Go file.
func packagesIn(t *testing.T, dirs ...string) []string {
	t.Helper()
	var pkgs []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return nil
			}
			name := d.Name()
			if path != dir && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			matches, _ := filepath.Glob(filepath.Join(path, "*.go"))
			for _, m := range matches {
				if !strings.HasSuffix(m, "_test.go") {
					pkgs = append(pkgs, modulePath+"/"+filepath.ToSlash(path))
					break
				}
			}
			return nil
		})
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("walking %s: %v", dir, err)
		}
	}
	return pkgs
}

// listDeps runs go list once and returns, for each package, its transitive
// dependencies, and what go list knows about every package it mentions.
func listDeps(t *testing.T, goBin, tags string, pkgs []string) (map[string][]string, map[string]pkgInfo) {
	t.Helper()
	// -deps prints the packages and all their dependencies, each once;
	// .Deps on the named packages gives each one's own transitive set.
	// -e: a package still being written (a missing import) is listed with
	// an error instead of aborting; build and vet report such errors.
	args := []string{"list", "-e", "-deps", "-f",
		"{{.ImportPath}}\t{{.Standard}}\t{{join .Deps \" \"}}"}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	args = append(args, pkgs...)
	out := runGo(t, goBin, args...)

	deps := make(map[string][]string)
	infos := make(map[string]pkgInfo)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			t.Fatalf("unexpected go list line %q", line)
		}
		infos[f[0]] = pkgInfo{path: f[0], standard: f[1] == "true"}
		deps[f[0]] = strings.Fields(f[2])
	}
	for _, pkg := range pkgs {
		for _, d := range deps[pkg] {
			if _, ok := infos[d]; !ok {
				// Not listed (e.g. missing): judge by its path.
				infos[d] = pkgInfo{path: d, standard: !strings.Contains(strings.SplitN(d, "/", 2)[0], ".") && !under("")(d)}
			}
		}
	}
	return deps, infos
}

// violation describes pkg's forbidden dependencies bad: the one reached by
// the shortest import chain, with that chain, and how many others there are.
func violation(goBin, tags, pkg string, bad []string) string {
	args := []string{"list", "-e", "-deps", "-f", "{{.ImportPath}}\t{{join .Imports \" \"}}"}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	imports := make(map[string][]string)
	if out, err := exec.Command(goBin, append(args, pkg)...).Output(); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if f := strings.SplitN(line, "\t", 2); len(f) == 2 {
				imports[f[0]] = strings.Fields(f[1])
			}
		}
	}
	// Breadth-first from pkg: the first forbidden package met is the nearest.
	prev := map[string]string{pkg: ""}
	queue := []string{pkg}
	nearest := bad[0]
	isBad := make(map[string]bool, len(bad))
	for _, b := range bad {
		isBad[b] = true
	}
search:
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, n := range imports[p] {
			if _, seen := prev[n]; seen {
				continue
			}
			prev[n] = p
			if isBad[n] {
				nearest = n
				break search
			}
			queue = append(queue, n)
		}
	}
	msg := pkg + " depends on " + nearest
	if _, ok := prev[nearest]; ok {
		var chain []string
		for q := nearest; q != ""; q = prev[q] {
			chain = append(chain, q)
		}
		slices.Reverse(chain)
		msg += " (via " + strings.Join(chain, " → ") + ")"
	}
	if others := slices.DeleteFunc(slices.Clone(bad), func(b string) bool { return b == nearest }); len(others) > 0 {
		msg += fmt.Sprintf(", and %d more forbidden: %s", len(others), strings.Join(others, ", "))
	}
	return msg
}

func runGo(t *testing.T, goBin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(goBin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}
