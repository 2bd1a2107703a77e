package app

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"csatdesk/data"
	"csatdesk/data/scan"
	"csatdesk/data/scanbatch"
	"csatdesk/data/store"
)

// scanUISurvey stores a survey of a required 1–5 rating, an optional NPS
// and an optional yes/no question.
func scanUISurvey(t *testing.T, st *store.Store) data.Survey {
	t.Helper()
	sv := data.Survey{Name: "Paper", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied are you?", 5))
	nps := data.NewQuestion(data.KindNPS, "Recommend us?", 0)
	nps.Required = false
	sv.AddQuestion(nps)
	yn := data.NewQuestion(data.KindYesNo, "Found everything?", 0)
	yn.Required = false
	sv.AddQuestion(yn)
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return sv
}

// queueForms puts two forms in the review queue: A-1 with an unclear
// rating (confidence 0.5) and an unclear NPS (0.2), A-2 with an unclear
// yes/no (0.3) and a comment to type.
func queueForms(t *testing.T, st *store.Store, sv data.Survey) {
	t.Helper()
	day := time.Date(2026, 3, 2, 12, 0, 0, 0, time.Local)
	resp := func(serial string, answers map[uint32]int) data.Response {
		return data.Response{SurveyID: sv.ID, CollectedAt: day, Channel: "paper", Source: "scan:0123456789abcdef", FormNumber: serial, Answers: answers}
	}
	q := sv.Questions
	b := scanbatch.Batch{Hash: strings.Repeat("ab", 32), Started: day, Review: []scanbatch.Form{
		{SurveyID: sv.ID, Serial: "A-1", Response: resp("A-1", map[uint32]int{q[2].ID: 1}),
			Pages: []scanbatch.PageRef{{File: "s.pdf", Hash: strings.Repeat("01", 32)}},
			Unclear: []scanbatch.Unclear{
				{QuestionID: q[1].ID, Suggested: 7, State: scan.Faint, Confidence: 0.2},
				{QuestionID: q[0].ID, Suggested: 4, State: scan.Double, Confidence: 0.5},
			}},
		{SurveyID: sv.ID, Serial: "A-2", Response: resp("A-2", map[uint32]int{q[0].ID: 5, q[1].ID: 10}),
			Pages:   []scanbatch.PageRef{{File: "s.pdf", Index: 1, Hash: strings.Repeat("02", 32)}},
			Unclear: []scanbatch.Unclear{{QuestionID: q[2].ID, Suggested: scan.NoAnswer, State: scan.Blank, Confidence: 0.3}},
			Writes:  []scanbatch.Write{{QuestionID: 0, Writing: true}}},
	}}
	if _, err := st.SaveScanBatch(&b); err != nil {
		t.Fatal(err)
	}
}

func typeRunes(r *reviewScreen, s string) {
	for _, c := range s {
		r.onRune(c)
	}
}

func press(r *reviewScreen, k fyne.KeyName) { r.onKey(&fyne.KeyEvent{Name: k}) }

// TestReviewQueueIsKeyboardOnlyLeastConfidentFirst: the NPS of A-1 (0.2)
// comes first, 1 then 0 types 10; A-2's yes/no (0.3) next, "-" leaves it
// blank, its comment is typed and Enter stores it; A-1's rating last, the
// suggestion taken with Enter. Nothing counts until reviewed.
func TestReviewQueueIsKeyboardOnlyLeastConfidentFirst(t *testing.T) {
	u, st := newTestUI(t)
	sv := scanUISurvey(t, st)
	queueForms(t, st, sv)
	q := sv.Questions
	if n := len(allResponses(t, st, sv.ID)); n != 0 {
		t.Fatalf("%d responses before review", n)
	}
	r := u.openScanReview()
	if got := r.forms[r.steps[0].form].Unclear[r.steps[0].q].QuestionID; got != q[1].ID {
		t.Fatalf("first question %d, want the NPS (least confident)", got)
	}
	if !strings.Contains(r.hint.Text, "- = blank") || !strings.Contains(r.hint.Text, "1 then 0") {
		t.Fatalf("NPS hint %q", r.hint.Text)
	}
	typeRunes(r, "1")
	if r.at != 0 || !strings.Contains(r.typed.Text, "1") {
		t.Fatalf("after 1 on 0–10: step %d, %q", r.at, r.typed.Text)
	}
	typeRunes(r, "0")
	if r.at != 1 {
		t.Fatalf("10 was not taken: step %d", r.at)
	}
	// A-2's yes/no: 0 is "no" there, "-" is blank.
	if !strings.Contains(r.hint.Text, "- = blank") {
		t.Fatalf("yes/no hint %q", r.hint.Text)
	}
	typeRunes(r, "-")
	if r.writing < 0 || len(r.texts) != 1 {
		t.Fatalf("A-2's comment step not shown: writing %d, %d entries", r.writing, len(r.texts))
	}
	r.texts[0].SetText("Lovely staff")
	press(r, fyne.KeyReturn)
	rs := allResponses(t, st, sv.ID)
	if len(rs) != 1 || rs[0].FormNumber != "A-2" || rs[0].Comment != "Lovely staff" || len(rs[0].Answers) != 2 {
		t.Fatalf("after A-2: %+v", rs)
	}
	// A-1's rating: 1–5, so 0 would be blank — but it is required.
	if !strings.Contains(r.hint.Text, "0 = blank") {
		t.Fatalf("rating hint %q", r.hint.Text)
	}
	typeRunes(r, "0")
	if !strings.Contains(r.typed.Text, "must be answered") {
		t.Fatalf("a required question left blank: %q", r.typed.Text)
	}
	press(r, fyne.KeyReturn) // the suggestion, 4
	press(r, fyne.KeyReturn) // no writing space: store
	rs = allResponses(t, st, sv.ID)
	if len(rs) != 2 {
		t.Fatalf("%d responses after review", len(rs))
	}
	for _, x := range rs {
		if x.FormNumber == "A-1" && (x.Answers[q[0].ID] != 4 || x.Answers[q[1].ID] != 10 || x.Answers[q[2].ID] != 1) {
			t.Fatalf("A-1 stored as %+v", x.Answers)
		}
	}
	if n, _ := st.ScanReviewCount(); n != 0 {
		t.Fatalf("%d forms still queued", n)
	}
	if !r.empty.Visible() {
		t.Fatal("the empty state is not shown after the last form")
	}
}

// TestReviewQueueBackspaceGoesBack: Backspace takes back a typed digit,
// then the question decided before.
func TestReviewQueueBackspaceGoesBack(t *testing.T) {
	u, st := newTestUI(t)
	sv := scanUISurvey(t, st)
	queueForms(t, st, sv)
	r := u.openScanReview()
	typeRunes(r, "1")
	press(r, fyne.KeyBackspace)
	if r.buf != "" || r.at != 0 {
		t.Fatalf("after Backspace: buffer %q, step %d", r.buf, r.at)
	}
	typeRunes(r, "7") // 7 on 0–10 is no start of another value: taken
	if r.at != 1 {
		t.Fatalf("7 not taken: step %d", r.at)
	}
	press(r, fyne.KeyBackspace)
	if r.at != 0 || len(r.decided[r.steps[0].form]) != 0 {
		t.Fatalf("Backspace did not go back: step %d, decided %v", r.at, r.decided)
	}
	if n := len(allResponses(t, st, sv.ID)); n != 0 {
		t.Fatalf("%d responses stored while going back", n)
	}
}

// TestScanWindowRunsABatchAndReports: a batch of a clear form, an unclear
// one and a page that is no form, read by a fake reader.
func TestScanWindowRunsABatchAndReports(t *testing.T) {
	u, st := newTestUI(t)
	sv := scanUISurvey(t, st)
	lay := &scan.Layout{SurveyID: sv.ID, Pages: []scan.PageLayout{{}}}
	for _, q := range sv.Questions {
		lay.Pages[0].Questions = append(lay.Pages[0].Questions, scan.QuestionBoxes{QuestionID: q.ID, Boxes: []scan.Box{{Value: 1}}})
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "stack.pdf")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	scanTestOptions = func(o *scanbatch.Options) {
		o.Find = func(scan.Code) (*scan.Layout, error) { return lay, nil }
		o.PagesOf = func(ctx context.Context, path string, fn func(scan.Page) error) error {
			for i := range 3 {
				g := image.NewGray(image.Rect(0, 0, 4, 4))
				g.Pix[0] = byte(i)
				if err := fn(scan.Page{File: path, Index: i, Image: g}); err != nil {
					return err
				}
			}
			return nil
		}
		o.ReadPage = func(p scan.Page, _ scan.Finder) (*scan.PageRead, *image.Gray) {
			pr := &scan.PageRead{File: p.File, Index: p.Index}
			if p.Index == 2 {
				pr.Problem = "no corner squares were found"
				return pr, nil
			}
			pr.Identified, pr.Code = true, scan.Code{SurveyID: sv.ID, Serial: []string{"A-1", "A-2"}[p.Index], Page: 1}
			for _, q := range sv.Questions {
				qr := scan.QuestionRead{QuestionID: q.ID, Value: 1, State: scan.Clear, Confidence: 0.9}
				if p.Index == 1 && q.ID == sv.Questions[0].ID {
					qr.State, qr.Confidence = scan.Faint, 0.4
				}
				pr.Questions = append(pr.Questions, qr)
			}
			return pr, nil
		}
	}
	t.Cleanup(func() { scanTestOptions = nil })
	s := u.openScan()
	if !s.start.Disabled() {
		t.Fatal("Start is enabled with no files")
	}
	s.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(file)})
	if s.start.Disabled() {
		t.Fatal("Start is disabled after a drop")
	}
	s.location.SetText("Riga")
	test.Tap(s.start)
	if s.job != nil {
		<-s.job.Done()
	}
	rs := allResponses(t, st, sv.ID)
	if len(rs) != 1 || rs[0].FormNumber != "A-1" || rs[0].Tags[data.TagLocation] != "Riga" {
		t.Fatalf("stored %+v", rs)
	}
	if !s.reviewBtn.Visible() || !strings.Contains(s.reviewBtn.Text, "(1)") {
		t.Fatalf("review button %q visible %v", s.reviewBtn.Text, s.reviewBtn.Visible())
	}
	if len(s.report.Objects) < 3 {
		t.Fatalf("report has %d parts", len(s.report.Objects))
	}
}

// TestScanWindowsFitTheScreenInEveryLanguage: the scan window (empty, and
// with the report of a batch with unreadable pages) and the review queue
// (a question, the writing step, empty) fit 1366×768 and 1024×600 with
// their buttons in view, in every language.
func TestScanWindowsFitTheScreenInEveryLanguage(t *testing.T) {
	for _, env := range screenLanguages {
		t.Run(env, func(t *testing.T) {
			u, st := screenUI(t, env, false)
			sv := scanUISurvey(t, st)
			queueForms(t, st, sv)
			check := func(w fyne.Window, name string, key map[string]fyne.CanvasObject) {
				for _, size := range screenSizes {
					w.Resize(size)
					relayoutAll(w.Content())
					c := screenCheck{t: t, name: fmt.Sprintf("%s at %.0f×%.0f", name, size.Width, size.Height), c: w.Canvas(), size: size}
					c.all()
					for what, o := range key {
						c.visible(o, what)
					}
				}
			}
			s := u.openScan()
			check(s.win, "scan, no files", map[string]fyne.CanvasObject{"Add a folder": s.addDir, "Read": s.start})
			s.onDone(scanbatch.Report{Pages: 3, NotIdentified: []scanbatch.PageReport{
				{Ref: scanbatch.PageRef{File: "/home/someone/scans/stack.pdf", Index: 2}, Problem: scan.MsgNoCorners},
				{Ref: scanbatch.PageRef{File: "/home/someone/scans/photo.jpg"}, Problem: scan.MsgNoCode},
			}, Advice: []string{scan.AdviceGrey}}, nil)
			check(s.win, "scan, a report", map[string]fyne.CanvasObject{"Read": s.start, "Review": s.reviewBtn})
			r := u.openScanReview()
			check(r.win, "review, a question", map[string]fyne.CanvasObject{"the crop": r.crop, "the hint": r.hint, "Discard": r.discard})
			typeRunes(r, "10-")
			check(r.win, "review, the writing step", map[string]fyne.CanvasObject{"the text": r.texts[0], "Discard": r.discard})
			press(r, fyne.KeyReturn)
			press(r, fyne.KeyReturn)
			check(r.win, "review, empty", nil)
		})
	}
}

// TestReviewQueueShowsAPageThatCouldNotBeRead: a page whose code failed
// waits with its image; Enter stores nothing, Escape leaves it, and it can
// be discarded.
func TestReviewQueueShowsAPageThatCouldNotBeRead(t *testing.T) {
	u, st := newTestUI(t)
	g := image.NewGray(image.Rect(0, 0, 200, 280))
	b := scanbatch.Batch{Hash: strings.Repeat("cd", 32), Started: time.Now(), Unread: []scanbatch.Form{{
		Pages:     []scanbatch.PageRef{{File: "/x/stack.pdf", Index: 4, Hash: strings.Repeat("03", 32)}},
		PageImage: scanbatch.Thumbnail(g, 100),
		Problems:  []data.Problem{data.NewProblem(scanbatch.KindPageUnread, "Problem", scan.MsgNoCode)},
	}}}
	if _, err := st.SaveScanBatch(&b); err != nil {
		t.Fatal(err)
	}
	r := u.openScanReview()
	if !strings.Contains(r.title.Text, "stack.pdf, page 5") || !strings.Contains(r.info.Text, "QR code") || !r.crop.Visible() {
		t.Fatalf("page shown as %q / %q", r.title.Text, r.info.Text)
	}
	press(r, fyne.KeyReturn)
	if n, _ := st.ScanReviewCount(); n != 1 {
		t.Fatalf("Enter took the page out: %d left", n)
	}
	press(r, fyne.KeyEscape)
	if !r.empty.Visible() {
		t.Fatal("Escape did not leave the page for later")
	}
	if err := st.DiscardScanReview(0, r.forms[0].ID); err != nil {
		t.Fatal(err)
	}
}

func TestReaderMessagesWithFiguresAreTranslated(t *testing.T) {
	withLocaleEnv(t, map[string]string{"LANG": "ru_RU.UTF-8", "LANGUAGE": "ru"})
	if err := setLanguage(""); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		fmt.Sprintf(scan.MsgTooLarge, 20000, 20000):        "изображение слишком большое (20000×20000 пикселей)",
		fmt.Sprintf(scan.MsgLowRes, 72):                    "разрешение скана слишком низкое (72 dpi)",
		fmt.Sprintf(scan.MsgBadLayout, "checksum differs"): "не удалось загрузить разметку формы: checksum differs",
		scan.MsgBlank: "пуст",
	}
	for msg, want := range cases {
		if got := readerWords(msg); !strings.Contains(got, want) {
			t.Errorf("readerWords(%q) = %q, want it to contain %q", msg, got, want)
		}
	}
}
