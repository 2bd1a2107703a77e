package cli

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"csatdesk/data/insight"
	"csatdesk/data/store"
)

func TestChartCommandExportsEveryChartAtTheRequestedSize(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	st, err := store.Open(db, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := CreateSample(st, 3, testNow); err != nil {
		t.Fatal(err)
	}
	st.Close()
	cases := []struct {
		name, size string
		w, h       int
	}{
		{"slide", "slide", 1920, 1080},
		{"square", "square", 1080, 1080},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.name)
			var stdout, stderr bytes.Buffer
			err := runChart(&Env{Stdout: &stdout, Stderr: &stderr},
				[]string{"--db", db, "--survey", "1", "--chart", "all", "--size", c.size, "--out", out})
			if err != nil {
				t.Fatalf("%v (%s)", err, stderr.String())
			}
			for _, k := range insight.Charts {
				f, err := os.Open(filepath.Join(out, k.FileName()))
				if err != nil {
					t.Fatal(err)
				}
				cfg, err := png.DecodeConfig(f)
				f.Close()
				if err != nil || cfg.Width != c.w || cfg.Height != c.h {
					t.Errorf("%s: %dx%d (%v), want %dx%d", k.FileName(), cfg.Width, cfg.Height, err, c.w, c.h)
				}
			}
		})
	}
	var stderr bytes.Buffer
	if err := runChart(&Env{Stdout: &stderr, Stderr: &stderr}, []string{"--db", db, "--survey", "nope", "--out", dir}); err == nil {
		t.Error("an unknown survey should be refused")
	}
}
