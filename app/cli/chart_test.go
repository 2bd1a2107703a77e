package cli

import (
	"bytes"
	"encoding/binary"
	"fmt"
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

func TestChartCommandTakesACustomSizeAndDPIAndStoresTheDPI(t *testing.T) {
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
		name    string
		args    []string
		w, h    int
		ppm     uint32 // pixels per metre in pHYs
		refused bool
	}{
		{"custom pixels at 96 DPI", []string{"--width", "1200", "--height", "700"}, 1200, 700, 3780, false},
		{"custom pixels and DPI", []string{"--width", "2400", "--height", "1400", "--dpi", "200"}, 2400, 1400, 7874, false},
		{"a preset at another DPI", []string{"--size", "square", "--dpi", "300"}, 1080, 1080, 11811, false},
		{"the A4 preset keeps 300 DPI", []string{"--size", "a4"}, 2480, 1400, 11811, false},
		{"dark, custom", []string{"--width", "900", "--height", "500", "--dark"}, 900, 500, 3780, false},
		{"width without height", []string{"--width", "900"}, 0, 0, 0, true},
		{"too small for its DPI", []string{"--width", "900", "--height", "500", "--dpi", "600"}, 0, 0, 0, true},
		{"DPI out of range", []string{"--dpi", "5000"}, 0, 0, 0, true},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, fmt.Sprintf("c%d.png", i))
			var stdout, stderr bytes.Buffer
			err := runChart(&Env{Stdout: &stdout, Stderr: &stderr}, append([]string{"--db", db, "--survey", "1", "--out", out}, c.args...))
			if c.refused {
				if err == nil {
					t.Fatal("accepted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if err != nil || cfg.Width != c.w || cfg.Height != c.h {
				t.Errorf("%dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, c.w, c.h)
			}
			i := bytes.Index(b, []byte("pHYs"))
			if i < 0 {
				t.Fatal("no pHYs chunk")
			}
			if got := binary.BigEndian.Uint32(b[i+4:]); got != c.ppm {
				t.Errorf("pHYs %d px/m, want %d", got, c.ppm)
			}
		})
	}
	light, _ := os.ReadFile(filepath.Join(dir, "c0.png"))
	dark, _ := os.ReadFile(filepath.Join(dir, "c4.png"))
	li, _ := png.Decode(bytes.NewReader(light))
	di, _ := png.Decode(bytes.NewReader(dark))
	if l, _, _, _ := li.At(1, 1).RGBA(); l < 0xF000 {
		t.Error("the default export is not light")
	}
	if d, _, _, _ := di.At(1, 1).RGBA(); d > 0x4000 {
		t.Error("--dark is not dark")
	}
}
