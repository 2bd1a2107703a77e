package version

import (
	"runtime"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	vcs := map[string]string{"vcs.revision": "0123456789abcdef0123", "vcs.modified": "true", "vcs.time": "2026-12-01T10:00:00Z"}
	cases := []struct {
		name                   string
		ver, commit, date      string
		vcs                    map[string]string
		wantVer, wantC, wantDt string
	}{
		{"stamped release", "v0.2.0", "abc", "2026-12-06T03:00:00Z", vcs, "v0.2.0", "abc", "2026-12-06T03:00:00Z"},
		{"past a tag", "v0.2.0-3-gabc1234-dirty", "abc-dirty", "d", nil, "v0.2.0-3-gabc1234-dirty", "abc-dirty", "d"},
		{"no tag: describe printed the hash", "8c02d0c-dirty", "8c02d0cfff-dirty", "d", nil, "dev", "8c02d0cfff-dirty", "d"},
		{"plain go build in the clone", "", "", "", vcs, "dev", "0123456789abcdef0123-dirty", "2026-12-01T10:00:00Z"},
		{"plain go build elsewhere", "", "", "", map[string]string{}, "dev", "", ""},
	}
	for _, c := range cases {
		in := resolve(c.ver, c.commit, c.date, c.vcs)
		if in.Version != c.wantVer || in.Commit != c.wantC || in.Date != c.wantDt {
			t.Errorf("%s: got %q %q %q, want %q %q %q", c.name, in.Version, in.Commit, in.Date, c.wantVer, c.wantC, c.wantDt)
		}
	}
}

func TestString(t *testing.T) {
	in := resolve("v1.0.0", "0123456789abcdef0123-dirty", "2026-12-06T03:00:00Z", nil)
	want := "CSAT Desk v1.0.0 (commit 0123456789ab-dirty, built 2026-12-06T03:00:00Z, " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	if got := in.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := resolve("", "", "", nil).String(); !strings.HasPrefix(got, "CSAT Desk dev (go") {
		t.Errorf("unstamped String() = %q", got)
	}
}

func TestGetUsesStampedValues(t *testing.T) {
	defer func(v, c, d string) { Version, Commit, Date = v, c, d }(Version, Commit, Date)
	Version, Commit, Date = "v9.9.9", "feedbeef", "2030-01-01T00:00:00Z"
	if in := Get(); in.Version != "v9.9.9" || in.Commit != "feedbeef" || in.Date != "2030-01-01T00:00:00Z" {
		t.Errorf("Get() = %+v", in)
	}
}
