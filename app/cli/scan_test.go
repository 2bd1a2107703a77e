package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/scan"
	"csatdesk/data/scanbatch"
	"csatdesk/data/store"
)

// envScanFake makes the scan command read ".fake" files (fakeScan) instead
// of images, in this test binary and its kill-test children.
const envScanFake = "CSATDESK_SCAN_FAKE"

func init() {
	if os.Getenv(envScanFake) != "" {
		scanOptions = fakeScan
	}
}

// fakeScan reads a ".fake" file as pages, one a line: "SERIAL v1 v2 v3"
// (a value "?" is a faint mark, "-" no page code). The layout is one page
// of the survey's questions.
func fakeScan(opt *scanbatch.Options) {
	delay, _ := time.ParseDuration(os.Getenv(envScanFake))
	layouts := map[string]*scan.Layout{}
	opt.PagesOf = func(ctx context.Context, path string, fn func(scan.Page) error) error {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			g := image.NewGray(image.Rect(0, 0, 64, 4))
			copy(g.Pix, line)
			if err := fn(scan.Page{File: path, Index: i, Image: g}); err != nil {
				return err
			}
		}
		return nil
	}
	opt.ReadPage = func(p scan.Page, find scan.Finder) (*scan.PageRead, *image.Gray) {
		time.Sleep(delay)
		g := p.Image.(*image.Gray)
		f := strings.Fields(strings.TrimRight(string(g.Pix), "\x00"))
		pr := &scan.PageRead{File: p.File, Index: p.Index}
		if len(f) == 0 || f[0] == "-" {
			pr.Problem = "no corner squares were found"
			return pr, nil
		}
		sid, _ := strconv.ParseUint(f[1], 10, 64)
		pr.Identified, pr.Code = true, scan.Code{SurveyID: sid, Layout: "fake", Serial: f[0], Page: 1}
		l, _ := find(pr.Code)
		for i, v := range f[2:] {
			q := scan.QuestionRead{QuestionID: l.Pages[0].Questions[i].QuestionID, State: scan.Clear, Confidence: 0.95}
			if v == "?" {
				q.State, q.Value, q.Confidence = scan.Faint, scan.NoAnswer, 0.4
			} else {
				q.Value, _ = strconv.Atoi(v)
			}
			pr.Questions = append(pr.Questions, q)
		}
		return pr, nil
	}
	var mu sync.Mutex
	opt.Find = func(c scan.Code) (*scan.Layout, error) {
		mu.Lock()
		defer mu.Unlock()
		if l := layouts[fmt.Sprint(c.SurveyID)]; l != nil {
			return l, nil
		}
		// One page of three box questions (IDs 1–3).
		l := &scan.Layout{SurveyID: c.SurveyID, Pages: []scan.PageLayout{{}}}
		for q := uint32(1); q <= 3; q++ {
			l.Pages[0].Questions = append(l.Pages[0].Questions, scan.QuestionBoxes{QuestionID: q, Boxes: []scan.Box{{Value: 0}, {Value: 1}}})
		}
		layouts[fmt.Sprint(c.SurveyID)] = l
		return l, nil
	}
}

// scanTestDB makes a database with a survey of three optional questions
// (1–5, NPS, yes/no) and returns its path and the survey ID.
func scanTestDB(t *testing.T, dir string) (string, uint64) {
	t.Helper()
	db := filepath.Join(dir, "scan.db")
	st, err := store.Open(db, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv := data.Survey{Name: "Paper", Language: "en"}
	for _, q := range []data.Question{data.NewQuestion(data.KindRating, "Satisfied?", 5), data.NewQuestion(data.KindNPS, "Recommend?", 0), data.NewQuestion(data.KindYesNo, "Found it?", 0)} {
		q.Required = false
		sv.AddQuestion(q)
	}
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return db, sv.ID
}

// writeFakeStack writes n fake pages of survey sid, every fifth one with
// a faint mark, every seventh one not a form.
func writeFakeStack(t *testing.T, path string, sid uint64, n int) (clear, unclear, bad int) {
	t.Helper()
	var b strings.Builder
	for i := range n {
		switch {
		case i%7 == 6:
			fmt.Fprintf(&b, "- page %d\n", i)
			bad++
		case i%5 == 4:
			fmt.Fprintf(&b, "A-%04d %d ? 9 1\n", i+1, sid)
			unclear++
		default:
			fmt.Fprintf(&b, "A-%04d %d %d 9 1\n", i+1, sid, 1+i%5)
			clear++
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return
}

func TestScanCommandStoresClearFormsQueuesTheRestAndSkipsARescan(t *testing.T) {
	t.Setenv(envScanFake, "0s")
	scanOptions = fakeScan
	t.Cleanup(func() { scanOptions = nil })
	dir := t.TempDir()
	db, sid := scanTestDB(t, dir)
	stack := filepath.Join(dir, "stack.fake")
	clear, unclear, bad := writeFakeStack(t, stack, sid, 20)
	report := filepath.Join(dir, "pages.csv")
	var out, errb bytes.Buffer
	code := Run(&Env{Stdout: &out, Stderr: &errb}, []string{"scan", "--db", db, "--date", "2026-03-02", "--location", "Riga", "--report", report, stack})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"Pages read: 20\n", fmt.Sprintf("Forms stored: %d\n", clear), fmt.Sprintf("Forms sent to review: %d\n", unclear),
		fmt.Sprintf("Questions auto-accepted: %d\n", 3*clear+2*unclear), fmt.Sprintf("Questions sent to review: %d\n", unclear),
		fmt.Sprintf("Pages not identified: %d\n", bad), "page 7: no corner squares were found",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	csvText, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csvText)), "\n")
	if len(lines) != 21 || !strings.HasPrefix(lines[0], "file,page,outcome,form") || !strings.Contains(lines[7], ",not identified,") {
		t.Fatalf("report:\n%s", csvText)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	stats, _ := st.SurveyStats(sid)
	q, _ := st.ScanReviews(sid)
	st.Close()
	if int(stats.Responses) != clear || len(q) != unclear {
		t.Fatalf("stored %d, queued %d; want %d and %d", stats.Responses, len(q), clear, unclear)
	}

	out.Reset()
	errb.Reset()
	if code := Run(&Env{Stdout: &out, Stderr: &errb}, []string{"scan", "--db", db, stack}); code != 1 ||
		!strings.Contains(out.String(), fmt.Sprintf("Pages skipped (scanned before): %d", clear+unclear)) || !strings.Contains(errb.String(), "nothing new") {
		t.Fatalf("rescan: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if code := Run(&Env{Stdout: &out, Stderr: &errb}, []string{"scan", "--db", db, filepath.Join(dir, "none")}); code != 1 {
		t.Fatal("a missing file did not fail")
	}
}

// scanState returns the responses, queued forms and batches of the store
// at db, after checking it whole.
func scanState(t *testing.T, db string, sid uint64) (responses, queued, batches int) {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := st.CheckAll(nil)
	if err != nil || !rep.OK() {
		t.Fatalf("check: %+v %v", rep, err)
	}
	stats, err := st.SurveyStats(sid)
	if err != nil {
		t.Fatal(err)
	}
	q, err := st.ScanReviews(sid)
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.ScanBatches()
	if err != nil {
		t.Fatal(err)
	}
	return int(stats.Responses), len(q), len(b)
}

// TestKill9DuringScanBatchIsAllOrNothing kills `csatdesk scan` at random
// moments (seeded) and checks that each kill leaves the batch whole or not
// at all: no response, no queued form and no batch record, or all of them.
func TestKill9DuringScanBatchIsAllOrNothing(t *testing.T) {
	runs := soakRuns(12, 4)
	t.Setenv(envScanFake, "1ms")
	dir := t.TempDir()
	tmpl, sid := scanTestDB(t, dir)
	stack := filepath.Join(dir, "stack.fake")
	clear, unclear, _ := writeFakeStack(t, stack, sid, 400)
	template, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	calib := filepath.Join(dir, "calib.db")
	if err := os.WriteFile(calib, template, 0o600); err != nil {
		t.Fatal(err)
	}
	full := cliChildTime(t, "scan", "--db", calib, stack)
	if r, q, b := scanState(t, calib, sid); r != clear || q != unclear || b != 1 {
		t.Fatalf("the whole batch: %d responses, %d queued, %d batches", r, q, b)
	}
	const seed = 20261214
	rng := rand.New(rand.NewPCG(seed, 14))
	nNone, nWhole := 0, 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		if err := os.WriteFile(db, template, 0o600); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(full) * 5 / 4))
		cmd, sc := cliChild(t, "scan", "--db", db, stack)
		go func(sc *bufio.Scanner) {
			for sc.Scan() {
			}
		}(sc)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		switch r, q, b := scanState(t, db, sid); {
		case r == 0 && q == 0 && b == 0:
			nNone++
		case r == clear && q == unclear && b == 1:
			nWhole++
		default:
			t.Fatalf("run %d (killed after %v): %d responses, %d queued, %d batches; want none or %d, %d, 1", i, delay, r, q, b, clear, unclear)
		}
		os.Remove(db)
	}
	t.Logf("seed %d, %d runs, the batch takes %v: %d left nothing, %d the whole batch", seed, runs, full, nNone, nWhole)
}
