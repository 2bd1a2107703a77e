package scan_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"os"
	"strconv"
	"testing"
	"time"

	"csatdesk/data/paperform"
	"csatdesk/data/scan"
	"csatdesk/data/scan/scantest"
)

// The corpus tests read generated pages — the app's own printed forms
// (paperform, rasterised with pdftoppm) when pdftoppm is installed, else
// scantest's own drawing of a layout — marked and degraded, and compare
// every reading with the truth.
//
// TestCorpusSmall runs on every `make test` (about 15 pages).
// TestCorpusFull reads the whole set (≥ 300 pages) and prints the
// Budgets table; it runs only with CSATDESK_SCAN_CORPUS=full
// (`make scan-corpus`).

// corpus returns the printed corpus, or the drawn one without pdftoppm.
func corpus(t testing.TB, seed uint64) *scantest.Corpus {
	c, err := scantest.NewPrinted(seed)
	if err != nil {
		t.Logf("corpus drawn by scantest (%v)", err)
		return scantest.New(seed)
	}
	return c
}

// budget is one row of the Budgets table: the least share of pages
// identified and of questions accepted, the most silent errors (all %),
// and the most time per page.
type budget struct {
	identified, accepted, silent float64
	perPage                      time.Duration
}

// budgets are issue 14's; accepted 0 means "reported".
var budgets = map[scantest.Class]budget{
	scantest.Scan300: {99.5, 95, 0.1, 300 * time.Millisecond},
	scantest.Scan200: {99.5, 95, 0.1, 300 * time.Millisecond},
	scantest.Photo:   {99, 90, 0.3, 500 * time.Millisecond},
	scantest.BW200:   {98, 0, 1, 500 * time.Millisecond},
	scantest.Chat:    {98, 0, 1, 500 * time.Millisecond},
	// 150 dpi is below the grey range: reported, held to the
	// black-and-white row.
	scantest.Scan150: {98, 0, 1, 500 * time.Millisecond},
}

// readCorpus reads n[cl] pages of each class and tallies them.
func readCorpus(t *testing.T, c *scantest.Corpus, n map[scantest.Class]int) map[scantest.Class]*scantest.Tally {
	ts := map[scantest.Class]*scantest.Tally{}
	find := c.Finder()
	for _, cl := range scantest.Classes {
		ts[cl] = &scantest.Tally{}
		for i := 0; i < n[cl]; i++ {
			s := c.Sample(cl, i)
			if s.Image == nil {
				t.Fatalf("%s: %s", s.Name, s.Notes)
			}
			start := time.Now()
			pr, _ := scan.Read(scan.Page{Image: s.Image}, find)
			d := time.Since(start)
			r := scantest.Check(s, pr)
			ts[cl].Add(r, d)
			if !r.Identified || r.Silent > 0 {
				t.Logf("%s (%s): identified %v, problem %q, silent %v", s.Name, s.Notes, r.Identified, r.Problem, r.Wrong)
			}
		}
	}
	return ts
}

// checkBudgets fails for every class outside its budget (time only when
// timed is set: a loaded test machine is no measure). slack lowers the
// auto-accepted floor: on a handful of pages two questions sent to review
// are already 10 %.
func checkBudgets(t *testing.T, ts map[scantest.Class]*scantest.Tally, timed bool, slack float64) {
	for cl, tl := range ts {
		b, ok := budgets[cl]
		if !ok || tl.Pages == 0 {
			continue
		}
		if tl.IdentifiedPct() < b.identified {
			t.Errorf("%s: %.1f %% of pages identified, budget %.1f %% (%v)", cl, tl.IdentifiedPct(), b.identified, tl.Problems)
		}
		if tl.AcceptedPct() < b.accepted-slack {
			t.Errorf("%s: %.1f %% of questions auto-accepted, budget %.1f %%", cl, tl.AcceptedPct(), b.accepted)
		}
		if tl.SilentPct() > b.silent {
			t.Errorf("%s: %.2f %% silent errors, budget %.2f %%", cl, tl.SilentPct(), b.silent)
		}
		if timed && tl.PerPage() > b.perPage {
			t.Errorf("%s: %v a page, budget %v", cl, tl.PerPage(), b.perPage)
		}
		if (cl == scantest.BW200 || cl == scantest.Chat) && tl.Advised < tl.Identified {
			t.Errorf("%s: advice on %d of %d pages: every such page should advise a better input", cl, tl.Advised, tl.Identified)
		}
	}
}

func TestCorpusSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := corpus(t, 11)
	n := map[scantest.Class]int{
		scantest.Scan300: 3, scantest.Scan200: 3, scantest.Scan150: 2,
		scantest.BW200: 2, scantest.Photo: 2, scantest.Chat: 2,
	}
	if raceEnabled {
		// Under the race detector (make test) pixel loops are many times
		// slower and this package has no goroutines to check: a few
		// small pages of the drawn corpus.
		c = scantest.New(11)
		n = map[scantest.Class]int{scantest.Scan150: 2, scantest.BW200: 1, scantest.Chat: 2}
	}
	ts := readCorpus(t, c, n)
	t.Log("\n" + scantest.Table(scantest.Classes, ts))
	// On so few pages a single silent error is over every budget: none
	// is allowed on grey scans and full photos.
	for _, cl := range []scantest.Class{scantest.Scan300, scantest.Scan200, scantest.Photo} {
		if ts[cl].Silent > 0 {
			t.Errorf("%s: %d silent errors", cl, ts[cl].Silent)
		}
	}
	checkBudgets(t, ts, false, 15)
}

func TestCorpusFull(t *testing.T) {
	env := os.Getenv("CSATDESK_SCAN_CORPUS")
	if env == "" {
		t.Skip("set CSATDESK_SCAN_CORPUS=full (make scan-corpus) to read the whole corpus, or to N pages a class")
	}
	c := corpus(t, 2026)
	n := map[scantest.Class]int{
		scantest.Scan300: 60, scantest.Scan200: 60, scantest.Scan150: 40,
		scantest.BW200: 50, scantest.Photo: 60, scantest.Chat: 50,
	}
	if k, err := strconv.Atoi(env); err == nil {
		for cl := range n {
			n[cl] = k
		}
	}
	start := time.Now()
	ts := readCorpus(t, c, n)
	pages := 0
	for _, tl := range ts {
		pages += tl.Pages
	}
	src := "scantest's drawing"
	if c.Printed() {
		src = fmt.Sprintf("the app's printed forms (paperform → pdftoppm %d dpi)", scantest.PrintedDPI)
	}
	fmt.Printf("\nScan corpus: %d pages from %s, seed %d, generated and read in %v\n\n%s\n", pages, src, c.Seed, time.Since(start).Round(time.Second), scantest.Table(scantest.Classes, ts))
	checkBudgets(t, ts, true, 0)
}

func TestMarkPDFTakesTheUsersRoute(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("rasterises a printed form: not under -race")
	}
	sv := scantest.PrintedSurveys()[3]
	var buf bytes.Buffer
	if err := paperform.Write(&buf, sv, paperform.Options{Count: 2, FirstNumber: 41}); err != nil {
		t.Fatal(err)
	}
	lay, err := paperform.Layout(sv, paperform.Options{})
	if err != nil {
		t.Fatal(err)
	}
	find := scantest.Finder(lay)
	ss, err := scantest.MarkPDF(buf.Bytes(), find, scantest.Scan200, 5)
	if errors.Is(err, scantest.ErrNoRasteriser) {
		t.Skip(err)
	}
	if err != nil || len(ss) != 2 {
		t.Fatalf("%d samples, err %v", len(ss), err)
	}
	// The scanned stack as one PDF, read back by the route a user takes.
	imgs := []image.Image{ss[0].Image, ss[1].Image}
	pdf, err := scantest.PDFOfImages(75, imgs...)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := allPages(t, writeFile(t, "stack.pdf", pdf))
	if err != nil || len(pages) != 2 {
		t.Fatalf("pages %d err %v", len(pages), err)
	}
	for i, p := range pages {
		pr, _ := scan.Read(p, find)
		if !pr.Identified || pr.Code.Serial != fmt.Sprintf("%04d", 41+i) {
			t.Fatalf("page %d: %+v", i, pr)
		}
		if r := scantest.Check(ss[i], pr); r.Silent > 0 || r.Accepted < r.Questions*8/10 {
			t.Errorf("page %d: %d of %d accepted, silent %v", i, r.Accepted, r.Questions, r.Wrong)
		}
	}
}
