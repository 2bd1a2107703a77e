package store

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/scan"
	"csatdesk/data/scanbatch"
)

// scanSurvey is a paper survey: a required 1–5 rating, an optional NPS,
// an optional yes/no and an optional open question.
func scanSurvey(t testing.TB, st *Store) data.Survey {
	t.Helper()
	sv := data.Survey{Name: "Paper", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied are you?", 5))
	nps := data.NewQuestion(data.KindNPS, "Recommend us?", 0)
	nps.Required = false
	sv.AddQuestion(nps)
	yn := data.NewQuestion(data.KindYesNo, "Found everything?", 0)
	yn.Required = false
	sv.AddQuestion(yn)
	txt := data.NewQuestion(data.KindText, "Anything else?", 0)
	txt.Required = false
	sv.AddQuestion(txt)
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return sv
}

// scanLayout is a one-page layout of sv.
func scanLayout(sv data.Survey) *scan.Layout {
	l := &scan.Layout{Format: scan.LayoutFormat, SurveyID: sv.ID, SurveyVersion: sv.Version, Paper: "A4", PageW: 210, PageH: 297}
	var pl scan.PageLayout
	y := 40.0
	for _, q := range sv.Questions {
		qb := scan.QuestionBoxes{QuestionID: q.ID, Row: scan.Rect{X: 15, Y: y, W: 180, H: 14}}
		if q.Numeric() {
			for v := q.Min; v <= q.Max; v++ {
				qb.Boxes = append(qb.Boxes, scan.Box{Value: v, R: scan.Rect{X: 60 + float64(v-q.Min)*10, Y: y + 6, W: 6, H: 6}})
			}
		} else {
			qb.Write = scan.Rect{X: 15, Y: y + 6, W: 180, H: 20}
		}
		pl.Questions = append(pl.Questions, qb)
		y += 30
	}
	l.Pages = []scan.PageLayout{pl}
	return l
}

// fakeScans is a set of page images and what reading each finds.
type fakeScans struct {
	files map[string][]*scan.PageRead
	// reads counts Read calls, to cancel part-way.
	onRead func(n int)
	mu     sync.Mutex
	n      int
}

// page returns a tiny image unique to (file, index).
func fakeImage(file string, i int) image.Image {
	g := image.NewGray(image.Rect(0, 0, 16, 16))
	copy(g.Pix, fmt.Sprintf("%s#%d", file, i))
	return g
}

func (f *fakeScans) options(find scan.Finder) scanbatch.Options {
	return scanbatch.Options{
		Header:  scanbatch.Header{Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Channel: "paper", Tags: map[string]string{data.TagLocation: "Riga"}},
		Find:    find,
		Workers: 2,
		PagesOf: func(ctx context.Context, path string, fn func(scan.Page) error) error {
			prs, ok := f.files[path]
			if !ok {
				return errors.New("no such test file")
			}
			for i := range prs {
				if err := fn(scan.Page{File: path, Index: i, Image: fakeImage(path, i)}); err != nil {
					return err
				}
			}
			return nil
		},
		ReadPage: func(p scan.Page, _ scan.Finder) (*scan.PageRead, *image.Gray) {
			f.mu.Lock()
			f.n++
			n := f.n
			f.mu.Unlock()
			if f.onRead != nil {
				f.onRead(n)
			}
			pr := *f.files[p.File][p.Index]
			pr.File, pr.Index = p.File, p.Index
			return &pr, nil
		},
	}
}

// clearRead is a page of form serial with every question read clearly:
// rating 4, NPS 9, yes.
func clearRead(sv data.Survey, l *scan.Layout, serial string) *scan.PageRead {
	return &scan.PageRead{Identified: true, Code: scan.Code{SurveyID: sv.ID, Layout: l.Hash(), Serial: serial, Page: 1}, PxPerMM: 8,
		Questions: []scan.QuestionRead{
			{QuestionID: sv.Questions[0].ID, Value: 4, State: scan.Clear, Confidence: 0.97, Scores: []float64{0, 0, 0, 0.6, 0}},
			{QuestionID: sv.Questions[1].ID, Value: 9, State: scan.Clear, Confidence: 0.95},
			{QuestionID: sv.Questions[2].ID, Value: 1, State: scan.Clear, Confidence: 0.9},
		}}
}

func finderOf(l *scan.Layout) scan.Finder {
	return func(c scan.Code) (*scan.Layout, error) {
		if c.Layout == l.Hash() {
			return l, nil
		}
		return nil, nil
	}
}

func TestScanBatchStoresClearFormsAndQueuesTheRest(t *testing.T) {
	st, _ := openTemp(t)
	sv := scanSurvey(t, st)
	l := scanLayout(sv)
	unclear := clearRead(sv, l, "A-0002")
	unclear.Questions[0] = scan.QuestionRead{QuestionID: sv.Questions[0].ID, Value: 2, State: scan.Double, Confidence: 0.3, Scores: []float64{0, 0.5, 0.6, 0, 0}}
	unclear.Questions[1] = scan.QuestionRead{QuestionID: sv.Questions[1].ID, Value: 7, State: scan.Faint, Confidence: 0.6}
	f := &fakeScans{files: map[string][]*scan.PageRead{
		"stack.pdf": {
			clearRead(sv, l, "A-0001"),
			unclear,
			{Problem: "no corner squares were found: is this a CSAT Desk form?"},
			{Identified: true, Code: scan.Code{SurveyID: sv.ID, Layout: "0000000000000000", Serial: "X-1", Page: 1}},
		},
	}}
	rep, err := scanbatch.Run(context.Background(), st, []string{"stack.pdf"}, f.options(finderOf(l)))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 4 || rep.FormsStored != 1 || rep.FormsReview != 1 || len(rep.NotIdentified) != 2 || rep.QuestionsAuto != 4 || rep.QuestionsReview != 2 {
		t.Fatalf("report: pages %d stored %d review %d not identified %d auto %d to review %d",
			rep.Pages, rep.FormsStored, rep.FormsReview, len(rep.NotIdentified), rep.QuestionsAuto, rep.QuestionsReview)
	}
	var got []data.Response
	if err := st.EachResponse(sv.ID, 0, data.Day(1<<30), func(r data.Response) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d responses stored, want 1", len(got))
	}
	r := got[0]
	if r.FormNumber != "A-0001" || r.Channel != "paper" || r.Tags[data.TagLocation] != "Riga" || r.Answers[sv.Questions[0].ID] != 4 ||
		r.Answers[sv.Questions[1].ID] != 9 || r.Day() != data.DayOf(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) || len(r.Source) != len("scan:")+16 {
		t.Fatalf("stored response %+v", r)
	}
	a, ok, err := st.ScanAuditOf(sv.ID, r.ID)
	if err != nil || !ok {
		t.Fatalf("audit: %v %v", ok, err)
	}
	if a.Serial != "A-0001" || len(a.Pages) != 1 || a.Pages[0].File != "stack.pdf" || len(a.Pages[0].Hash) != 64 || len(a.Questions[0].Scores) != 5 {
		t.Fatalf("audit %+v", a)
	}
	// Only the stored form counts in the rollups; the queue does not.
	stats, err := st.SurveyStats(sv.ID)
	if err != nil || stats.Responses != 1 {
		t.Fatalf("stats %+v %v", stats, err)
	}
	assertRollupsMatchRecount(t, st, sv.ID)
	q, err := st.ScanReviews(0)
	if err != nil || len(q) != 1 {
		t.Fatalf("queue %d %v", len(q), err)
	}
	if q[0].Serial != "A-0002" || len(q[0].Unclear) != 2 || q[0].Unclear[0].State != scan.Double || q[0].Unclear[0].Confidence > q[0].Unclear[1].Confidence {
		t.Fatalf("queued form %+v", q[0].Form)
	}
	if n, _ := st.ScanReviewCount(); n != 1 {
		t.Fatalf("review count %d", n)
	}

	// The same pages again: every one skipped, nothing stored.
	rep2, err := scanbatch.Run(context.Background(), st, []string{"stack.pdf"}, f.options(finderOf(l)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep2.Skipped) != 2 || rep2.FormsStored != 0 || rep2.FormsReview != 0 || rep2.BatchID != 0 {
		t.Fatalf("rescan: skipped %d stored %d review %d batch %d", len(rep2.Skipped), rep2.FormsStored, rep2.FormsReview, rep2.BatchID)
	}

	// Another scan of form A-0001 (other pixels): to review, "already entered".
	f.files["again.jpg"] = []*scan.PageRead{clearRead(sv, l, "A-0001")}
	rep3, err := scanbatch.Run(context.Background(), st, []string{"again.jpg"}, f.options(finderOf(l)))
	if err != nil {
		t.Fatal(err)
	}
	if rep3.FormsStored != 0 || rep3.FormsReview != 1 || len(rep3.Problems) != 1 || rep3.Problems[0].String() != "form A-0001 was already entered" {
		t.Fatalf("a serial stored before: %+v", rep3)
	}

	// Reviewing the unclear form stores it in one step and empties its entry.
	item := q[0]
	rr := item.Response
	rr.Answers = map[uint32]int{sv.Questions[0].ID: 3}
	rr.Comment = "typed from the crop"
	if err := st.ResolveScanReview(sv.ID, item.ID, &rr, map[uint32]int{sv.Questions[0].ID: 3, sv.Questions[1].ID: scan.NoAnswer}); err != nil {
		t.Fatal(err)
	}
	if stats, _ := st.SurveyStats(sv.ID); stats.Responses != 2 {
		t.Fatalf("after review: %d responses", stats.Responses)
	}
	if ok, _ := st.ScanSerialQueued(sv.ID, "A-0002"); ok {
		t.Fatal("A-0002 still queued after review")
	}
	if err := st.ResolveScanReview(sv.ID, item.ID, &rr, nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("reviewing twice: %v", err)
	}
	a2, ok, _ := st.ScanAuditOf(sv.ID, rr.ID)
	if !ok || !a2.Reviewed || a2.Decided[sv.Questions[1].ID] != scan.NoAnswer {
		t.Fatalf("audit of the reviewed form %+v", a2)
	}
	assertRollupsMatchRecount(t, st, sv.ID)

	// Deleting the survey takes its queue, audit and pages with it.
	if err := st.DeleteSurvey(sv.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.ScanReviewCount(); n != 0 {
		t.Fatalf("queue after the survey was deleted: %d", n)
	}
	if seen, _ := st.ScanPagesSeen([]string{rep.PerPage[0].Ref.Hash}); len(seen) != 0 {
		t.Fatal("pages of a deleted survey still remembered")
	}
	if rep, err := st.CheckAll(nil); err != nil || !rep.OK() {
		t.Fatalf("check: %+v %v", rep, err)
	}
}

func TestScanBatchCancelledStoresNothing(t *testing.T) {
	st, _ := openTemp(t)
	sv := scanSurvey(t, st)
	l := scanLayout(sv)
	var pages []*scan.PageRead
	for i := range 6 {
		pages = append(pages, clearRead(sv, l, fmt.Sprintf("A-%04d", i+1)))
	}
	f := &fakeScans{files: map[string][]*scan.PageRead{"a.pdf": pages}}
	ctx, cancel := context.WithCancel(context.Background())
	f.onRead = func(n int) {
		if n == 3 {
			cancel()
		}
	}
	opt := f.options(finderOf(l))
	opt.Workers = 1
	if _, err := scanbatch.Run(ctx, st, []string{"a.pdf"}, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled batch: %v", err)
	}
	if stats, _ := st.SurveyStats(sv.ID); stats.Responses != 0 {
		t.Fatalf("a cancelled batch stored %d responses", stats.Responses)
	}
	if b, _ := st.ScanBatches(); len(b) != 0 {
		t.Fatalf("a cancelled batch left %d batch records", len(b))
	}
}

func TestScanBatchRequiredOpenQuestionGoesToReview(t *testing.T) {
	st, _ := openTemp(t)
	sv := scanSurvey(t, st)
	sv.Questions[3].Required = true
	if err := st.SaveSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	l := scanLayout(sv)
	f := &fakeScans{files: map[string][]*scan.PageRead{"one.png": {clearRead(sv, l, "B-7")}}}
	rep, err := scanbatch.Run(context.Background(), st, []string{"one.png"}, f.options(finderOf(l)))
	if err != nil {
		t.Fatal(err)
	}
	if rep.FormsStored != 0 || rep.FormsReview != 1 {
		t.Fatalf("report %+v", rep)
	}
	q, _ := st.ScanReviews(sv.ID)
	stats, _ := st.SurveyStats(sv.ID)
	if len(q) != 1 || stats.Responses != 0 || len(q[0].Problems) != 1 {
		t.Fatalf("queue %d responses %d", len(q), stats.Responses)
	}
}

// TestScanRecordsSurviveCompactBackupAndRestore: the scans bucket is copied
// by Compact and by a backup restored in place of the file.
func TestScanRecordsSurviveCompactBackupAndRestore(t *testing.T) {
	st, path := openTemp(t)
	sv := scanSurvey(t, st)
	l := scanLayout(sv)
	unclear := clearRead(sv, l, "A-0002")
	unclear.Questions[0].State = scan.Faint
	f := &fakeScans{files: map[string][]*scan.PageRead{"s.pdf": {clearRead(sv, l, "A-0001"), unclear}}}
	if _, err := scanbatch.Run(context.Background(), st, []string{"s.pdf"}, f.options(finderOf(l))); err != nil {
		t.Fatal(err)
	}
	state := func(st *Store) string {
		q, err := st.ScanReviews(0)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := st.ScanBatches()
		var rid data.ResponseID
		_ = st.EachResponse(sv.ID, 0, data.Day(1<<30), func(r data.Response) error { rid = r.ID; return nil })
		a, ok, _ := st.ScanAuditOf(sv.ID, rid)
		return fmt.Sprintf("queue %d batches %d audit %v %s", len(q), len(b), ok, a.Serial)
	}
	want := state(st)
	if want != "queue 1 batches 1 audit true A-0001" {
		t.Fatalf("before: %s", want)
	}
	backup := path + ".copy"
	if _, err := st.BackupPlain(backup); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Compact(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := state(st); got != want {
		t.Fatalf("after compact: %s, want %s", got, want)
	}
	st.Close()
	if _, err := RestoreFile(path, backup, path+".before"); err != nil {
		t.Fatal(err)
	}
	st2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if got := state(st2); got != want {
		t.Fatalf("after restore: %s, want %s", got, want)
	}
}

// TestScanPageWithAnUnreadableCodeWaitsWithItsImage: a page whose corner
// squares were found but whose code could not be read is queued (survey
// 0) with a small image; a page that is no form is only reported.
func TestScanPageWithAnUnreadableCodeWaitsWithItsImage(t *testing.T) {
	st, _ := openTemp(t)
	sv := scanSurvey(t, st)
	l := scanLayout(sv)
	f := &fakeScans{files: map[string][]*scan.PageRead{"s.pdf": {
		clearRead(sv, l, "A-0001"), {Problem: scan.MsgNoCode}, {Problem: scan.MsgNoCorners},
	}}}
	rep, err := scanbatch.Run(context.Background(), st, []string{"s.pdf"}, f.options(finderOf(l)))
	if err != nil {
		t.Fatal(err)
	}
	if rep.FormsStored != 1 || len(rep.NotIdentified) != 2 || rep.PagesToReview != 1 {
		t.Fatalf("report: stored %d, not identified %d, pages to review %d", rep.FormsStored, len(rep.NotIdentified), rep.PagesToReview)
	}
	q, err := st.ScanReviews(0)
	if err != nil || len(q) != 1 || q[0].SurveyID != 0 || len(q[0].PageImage) == 0 || q[0].Pages[0].Index != 1 {
		t.Fatalf("queue %+v %v", q, err)
	}
	if err := st.DiscardScanReview(0, q[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.ScanReviewCount(); n != 0 {
		t.Fatalf("%d left after discarding", n)
	}
}
