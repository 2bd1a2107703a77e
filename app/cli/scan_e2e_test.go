package cli

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"csatdesk/data"
	"csatdesk/data/scan"
	"csatdesk/data/store"
)

// TestScanPrintedFormsEndToEnd walks the user's route with the real reader:
// csatdesk form prints three forms, pdftoppm rasterises them at 150 dpi
// grey as a scanner would, crosses are drawn in boxes, and csatdesk scan
// stores the clear forms and queues the one with two marks.
func TestScanPrintedFormsEndToEnd(t *testing.T) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm is not installed")
	}
	dir := t.TempDir()
	db, sid := scanTestDB(t, dir)
	pdf := filepath.Join(dir, "forms.pdf")
	var out, errb bytes.Buffer
	if code := Run(&Env{Stdout: &out, Stderr: &errb}, []string{"form", "--db", db, "--survey", fmt.Sprint(sid), "--count", "3", "--prefix", "E-", "--out", pdf}); code != 0 {
		t.Fatalf("form: %s", errb.String())
	}
	if b, err := exec.Command(bin, "-gray", "-r", "150", "-png", pdf, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, b)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	hashes, err := st.Layouts(sid)
	if err != nil || len(hashes) != 1 {
		t.Fatalf("layouts %v %v", hashes, err)
	}
	lay, err := st.Layout(sid, hashes[0])
	sv, _ := st.Survey(sid)
	st.Close()
	if err != nil || lay == nil {
		t.Fatalf("layout: %v", err)
	}
	// The marks of each form: question index → values crossed.
	marks := []map[int][]int{
		{0: {4}, 1: {9}, 2: {1}},
		{0: {2, 5}, 1: {3}, 2: {0}},
		{0: {3}, 2: {0}}, // the NPS left blank: optional
	}
	scans := filepath.Join(dir, "scans")
	if err := os.Mkdir(scans, 0o755); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if len(matches) != 3 {
		t.Fatalf("pdftoppm made %d pages", len(matches))
	}
	for i, m := range marks {
		g := readGray(t, matches[i])
		pxmm := float64(g.Bounds().Dx()) / lay.PageW
		for qi, vs := range m {
			qb := lay.Pages[0].Questions[qi]
			if qb.QuestionID != sv.Questions[qi].ID {
				t.Fatalf("layout question %d is %d", qi, qb.QuestionID)
			}
			for _, v := range vs {
				for _, b := range qb.Boxes {
					if b.Value == v {
						cross(g, pxmm, b.R)
					}
				}
			}
		}
		f, err := os.Create(filepath.Join(scans, fmt.Sprintf("scan-%d.png", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, g); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	out.Reset()
	errb.Reset()
	if code := Run(&Env{Stdout: &out, Stderr: &errb}, []string{"scan", "--db", db, "--date", "2026-03-02", "--location", "Riga", scans}); code != 0 {
		t.Fatalf("scan: exit %d: %s%s", code, out.String(), errb.String())
	}
	for _, want := range []string{"Pages read: 3\n", "Forms stored: 2\n", "Forms sent to review: 1\n", "Questions sent to review: 1\n", "Pages not identified: 0\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	st, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got := map[string]map[uint32]int{}
	if err := st.EachResponse(sid, 0, data.Day(1<<30), func(r data.Response) error { got[r.FormNumber] = r.Answers; return nil }); err != nil {
		t.Fatal(err)
	}
	q := sv.Questions
	if a := got["E-0001"]; len(got) != 2 || a[q[0].ID] != 4 || a[q[1].ID] != 9 || a[q[2].ID] != 1 {
		t.Fatalf("stored %v", got)
	}
	if a := got["E-0003"]; a[q[0].ID] != 3 || a[q[2].ID] != 0 || len(a) != 2 {
		t.Fatalf("E-0003 stored as %v", a)
	}
	rv, err := st.ScanReviews(sid)
	if err != nil || len(rv) != 1 || rv[0].Serial != "E-0002" || len(rv[0].Unclear) != 1 || rv[0].Unclear[0].State != scan.Double || len(rv[0].Unclear[0].Crop) == 0 {
		t.Fatalf("queue: %+v %v", rv, err)
	}
}

func readGray(t *testing.T, path string) *image.Gray {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
	return g
}

// cross draws a pen cross, 0.5 mm wide, corner to corner of box r.
func cross(g *image.Gray, pxmm float64, r scan.Rect) {
	x0, y0, x1, y1 := r.X*pxmm, r.Y*pxmm, (r.X+r.W)*pxmm, (r.Y+r.H)*pxmm
	w := max(1, int(pxmm/4))
	for i := 0; i <= 200; i++ {
		f := float64(i) / 200
		for _, p := range [][2]float64{{x0 + (x1-x0)*f, y0 + (y1-y0)*f}, {x1 - (x1-x0)*f, y0 + (y1-y0)*f}} {
			for dx := -w; dx <= w; dx++ {
				for dy := -w; dy <= w; dy++ {
					g.SetGray(int(p[0])+dx, int(p[1])+dy, color.Gray{25})
				}
			}
		}
	}
}
