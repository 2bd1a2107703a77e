// Package version tells which build of CSAT Desk is running: the release,
// the commit and the build date, stamped by the build (`make build`,
// `make package`) through -ldflags -X, with what the Go toolchain recorded
// as the fallback for a plain `go build`. Standard library only, so both
// the window (About box) and the command line (`csatdesk --version`) use it.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Stamped by the build, e.g.
//
//	go build -ldflags "-X csatdesk/app/version.Version=v0.2.0 -X csatdesk/app/version.Commit=8c02d0c… -X csatdesk/app/version.Date=2026-12-06T03:00:00Z"
//
// The Makefile takes Version from `git describe --tags --always --dirty`
// (.ci/version.sh). Empty values fall back as Get says.
var (
	// Version is the release: a tag such as v0.2.0, or what git describe
	// says past one (v0.2.0-3-gabc1234, with -dirty for uncommitted
	// changes). Empty or a bare commit hash (no tag yet) reads "dev".
	Version = ""
	// Commit is the full commit hash the binary was built from, with
	// "-dirty" when the work tree had changes.
	Commit = ""
	// Date is when the binary was built, RFC 3339 in UTC.
	Date = ""
)

// Name is the product's name, the same in every language.
const Name = "CSAT Desk"

// Licence is CSAT Desk's own licence, as the About box, `csatdesk
// --version` and the packages' copyright files state it.
const Licence = "Proprietary, all rights reserved"

// ThirdParty lists the bundled libraries and font with their licences.
const ThirdParty = "Fyne (BSD-3-Clause), go-chart (MIT), bbolt (MIT), excelize (BSD-3-Clause), gopdf (MIT), WenQuanYi Micro Hei font (Apache-2.0)"

// Info describes one build.
type Info struct {
	Version string // "v0.2.0", "v0.2.0-3-gabc1234-dirty" or "dev"
	Commit  string // full or short hash, "-dirty" when modified; "" when unknown
	Date    string // build (or, unstamped, commit) time; "" when unknown
	Go      string // the Go release that built it
	OS      string // GOOS/GOARCH
}

// Get returns this binary's build information: the stamped values, else
// the VCS details the Go toolchain embeds (a `go build` inside the git
// clone), else "dev" and blanks.
func Get() Info {
	return resolve(Version, Commit, Date, readBuildInfo())
}

// readBuildInfo returns the vcs.* settings of the running binary.
func readBuildInfo() map[string]string {
	m := map[string]string{}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return m
	}
	for _, s := range bi.Settings {
		if strings.HasPrefix(s.Key, "vcs.") {
			m[s.Key] = s.Value
		}
	}
	return m
}

// resolve applies the fallbacks to the stamped values; vcs holds the
// toolchain's vcs.revision, vcs.modified and vcs.time.
func resolve(ver, commit, date string, vcs map[string]string) Info {
	in := Info{Version: ver, Commit: commit, Date: date, Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if !isRelease(in.Version) {
		// No tag: git describe --always printed the commit, which
		// Commit already says.
		in.Version = "dev"
	}
	if in.Commit == "" && vcs["vcs.revision"] != "" {
		in.Commit = vcs["vcs.revision"]
		if vcs["vcs.modified"] == "true" {
			in.Commit += "-dirty"
		}
	}
	if in.Date == "" {
		in.Date = vcs["vcs.time"]
	}
	return in
}

// isRelease reports whether v names a release tag (v1.2.3…), as opposed to
// nothing or git describe's bare commit hash.
func isRelease(v string) bool {
	return len(v) >= 2 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9'
}

// ShortCommit is Commit cut to 12 hex digits, keeping "-dirty".
func (in Info) ShortCommit() string {
	hash, dirty, _ := strings.Cut(in.Commit, "-")
	if len(hash) > 12 {
		hash = hash[:12]
	}
	if dirty != "" {
		return hash + "-" + dirty
	}
	return hash
}

// String is the one-line form `csatdesk --version` prints:
//
//	CSAT Desk v0.2.0 (commit 8c02d0c1a2b3, built 2026-12-06T03:00:00Z, go1.26.8 linux/amd64)
func (in Info) String() string {
	var parts []string
	if c := in.ShortCommit(); c != "" {
		parts = append(parts, "commit "+c)
	}
	if in.Date != "" {
		parts = append(parts, "built "+in.Date)
	}
	parts = append(parts, in.Go+" "+in.OS)
	return fmt.Sprintf("%s %s (%s)", Name, in.Version, strings.Join(parts, ", "))
}
