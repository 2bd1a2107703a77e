package app

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data"
	"csatdesk/data/store"
)

func openResponses(t *testing.T, u *UI) *responses {
	t.Helper()
	u.reload()
	b := u.browse
	b.apply()
	return b
}

func TestTheFollowUpListHoldsOnlyUnhappyCustomersWhoLeftWords(t *testing.T) {
	u, st := newTestUI(t)
	sv, _, err := cli.CreateSample(st, 5, testNow)
	if err != nil {
		t.Fatal(err)
	}
	b := openResponses(t, u)
	b.followUp.SetChecked(true) // applies
	main, _ := sv.MainCSAT()
	want := 0
	for _, r := range allResponses(t, st, sv.ID) {
		if v, ok := r.Answers[main.ID]; ok && v <= 2 && (strings.TrimSpace(r.Comment) != "" || len(r.Texts) > 0) {
			want++
		}
	}
	if want == 0 || want > pageSize {
		t.Fatalf("the sample should have a page's worth of unhappy commenters, has %d", want)
	}
	for b.more {
		b.loadMore()
	}
	if len(b.rows) != want {
		t.Fatalf("follow-up list has %d responses, a recount finds %d", len(b.rows), want)
	}
	for i := 1; i < len(b.rows); i++ {
		if b.rows[i].CollectedAt.After(b.rows[i-1].CollectedAt) {
			t.Fatal("the list should be newest first")
		}
	}
}

func TestDeletingCheckedResponsesKeepsTheFiguresExactAndUndoRestoresThem(t *testing.T) {
	u, st := newTestUI(t)
	sv, n, err := cli.CreateSample(st, 9, testNow)
	if err != nil {
		t.Fatal(err)
	}
	b := openResponses(t, u)
	b.channel.SetText("phone")
	b.maxCSAT.SetSelectedIndex(2) // ≤ 2
	main, _ := sv.MainCSAT()
	for _, r := range b.rows {
		if r.Channel != "phone" || r.Answers[main.ID] > 2 {
			t.Fatalf("row %s does not match the filter", r.ID)
		}
	}
	if len(b.rows) < 2 {
		t.Fatalf("need two matching rows, have %d", len(b.rows))
	}
	gone := []data.ResponseID{b.rows[0].ID, b.rows[1].ID}
	b.checked[gone[0]], b.checked[gone[1]] = true, true
	before, _ := st.Days(sv.ID, main.ID, data.Segment{}, 0, 0)
	b.deleteResponses([]data.Response{b.rows[0], b.rows[1]})
	if left := len(allResponses(t, st, sv.ID)); left != n-2 {
		t.Fatalf("%d responses left, want %d", left, n-2)
	}
	after, _ := st.Days(sv.ID, main.ID, data.Segment{}, 0, 0)
	var hb, ha data.Histogram
	for _, d := range before {
		hb.Merge(d.Hist)
	}
	for _, d := range after {
		ha.Merge(d.Hist)
	}
	if hb.N()-ha.N() != 2 || hb.CountTo(2)-ha.CountTo(2) != 2 {
		t.Errorf("the rollups lost %d answers (%d unhappy), want 2 and 2", hb.N()-ha.N(), hb.CountTo(2)-ha.CountTo(2))
	}
	b.onUndo()
	if back := len(allResponses(t, st, sv.ID)); back != n {
		t.Fatalf("after undo %d responses, want %d", back, n)
	}
	if _, err := st.Response(sv.ID, gone[0]); err != nil {
		t.Errorf("the undone response keeps its ID: %v", err)
	}
}

func TestEditingAResponseInTheBrowserUpdatesTheStore(t *testing.T) {
	u, st := newTestUI(t)
	sv, _, err := cli.CreateSample(st, 11, testNow)
	if err != nil {
		t.Fatal(err)
	}
	b := openResponses(t, u)
	b.list.Select(0)
	ed := b.edit
	main, _ := sv.MainCSAT()
	ed.nums[main.ID].SetText("9")
	test.Tap(ed.save)
	if !strings.Contains(ed.msg.Text, "outside the 1–5 scale") {
		t.Errorf("an answer off the scale should be refused with the reason, got %q", ed.msg.Text)
	}
	ed.nums[main.ID].SetText("1")
	ed.comment.SetText("called back, all fine")
	test.Tap(ed.save)
	got, err := st.Response(sv.ID, ed.r.ID)
	if err != nil || got.Comment != "called back, all fine" || got.Answers[main.ID] != 1 {
		t.Fatalf("stored %+v, %v", got, err)
	}
}

func TestEditingKeepsAnswersToRetiredQuestions(t *testing.T) {
	u, st := newTestUI(t)
	sv := data.Survey{Name: "Retiring"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Old comment box", 0))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	r := data.Response{SurveyID: sv.ID, CollectedAt: testNow, Answers: map[uint32]int{1: 4}, Texts: map[uint32]string{2: "lovely cake"}}
	if err := st.AddResponse(&r); err != nil {
		t.Fatal(err)
	}
	sv.Questions[1].Retired = true
	if err := st.SaveSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	b := openResponses(t, u)
	b.list.Select(0)
	b.edit.channel.SetText("paper")
	test.Tap(b.edit.save)
	got, err := st.Response(sv.ID, r.ID)
	if err != nil || got.Channel != "paper" || got.Texts[2] != "lovely cake" {
		t.Fatalf("after an edit: channel %q, texts %v, %v; the retired question's answer must stay", got.Channel, got.Texts, err)
	}
}

// importSome imports n copies of sample responses, dated in the hours
// before testNow (so they head the browser's list), as one import of a
// file, and returns the import's ID.
func importSome(t *testing.T, st *store.Store, sid uint64, n int) uint64 {
	t.Helper()
	src := allResponses(t, st, sid)[:n]
	rs := make([]data.Response, n)
	for i, r := range src {
		rs[i] = data.Response{SurveyID: sid, CollectedAt: testNow.Add(-time.Duration(i+1) * time.Hour), Channel: r.Channel,
			Tags: r.Tags, Answers: r.Answers, Texts: r.Texts, Comment: r.Comment, ExternalID: fmt.Sprintf("resp-%03d", i)}
	}
	imp, err := st.BeginImport(store.ImportRecord{SurveyID: sid, FileName: "export.csv", Hash: "export-hash"})
	if err != nil {
		t.Fatal(err)
	}
	if err := imp.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	if _, err := imp.Finish(); err != nil {
		t.Fatal(err)
	}
	return imp.ID()
}

func TestUndoingADeleteRestoresTheResponsesAsTheyWereStored(t *testing.T) {
	cases := []struct {
		name string
		// meanwhile runs between the delete and the undo.
		meanwhile func(t *testing.T, st *store.Store, importID uint64)
		restored  bool
	}{
		{"undo brings back every field and the import they came with", nil, true},
		{"undo is refused when their import was removed meanwhile", func(t *testing.T, st *store.Store, importID uint64) {
			if err := st.AbortImport(importID); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, st := newTestUI(t)
			sv, n, err := cli.CreateSample(st, 3, testNow)
			if err != nil {
				t.Fatal(err)
			}
			importID := importSome(t, st, sv.ID, 10)
			b := openResponses(t, u)
			var rows []data.Response
			for _, r := range b.rows {
				if r.Source == data.SourceImport("export-hash") && len(rows) < 3 {
					rows = append(rows, r)
				}
			}
			if len(rows) != 3 {
				t.Fatalf("the list shows %d imported responses, want 3", len(rows))
			}
			for _, r := range b.rows {
				if r.Source != data.SourceImport("export-hash") {
					rows = append(rows, r) // and one not imported
					break
				}
			}
			var orig []data.Response
			for _, r := range rows {
				o, err := st.Response(sv.ID, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				orig = append(orig, o)
			}
			b.deleteResponses(rows)
			if left := len(allResponses(t, st, sv.ID)); left != n+10-4 {
				t.Fatalf("%d responses after deleting 4 of %d", left, n+10)
			}
			if b.undoBtn.Disabled() {
				t.Fatal("Undo is not offered")
			}
			if c.meanwhile != nil {
				c.meanwhile(t, st, importID)
			}
			before := len(allResponses(t, st, sv.ID))
			b.onUndo()
			if !b.undoBtn.Disabled() {
				t.Error("Undo is still offered")
			}
			if !c.restored {
				if got := len(allResponses(t, st, sv.ID)); got != before {
					t.Fatalf("a refused undo changed the responses: %d, want %d", got, before)
				}
				return
			}
			for _, o := range orig {
				got, err := st.Response(sv.ID, o.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, o) {
					t.Errorf("restored %+v\nwant     %+v", got, o)
				}
			}
			// The restored rows belong to their import again: removing
			// it removes them.
			if err := st.AbortImport(importID); err != nil {
				t.Fatal(err)
			}
			for _, o := range orig {
				_, err := st.Response(sv.ID, o.ID)
				if gone := errors.Is(err, store.ErrNotFound); gone != (o.Source == data.SourceImport("export-hash")) {
					t.Errorf("response %s (source %q) gone with the import: %v", o.ID, o.Source, gone)
				}
			}
			if left := len(allResponses(t, st, sv.ID)); left != n {
				t.Errorf("%d responses after removing the import, want the %d others", left, n)
			}
		})
	}
}

// shownRow lays out list row i of b as the list draws it and returns the
// texts of its cells.
func shownRow(t *testing.T, b *responses, i int) []string {
	t.Helper()
	row := newResponseRow(b.cols)
	b.updateRow(i, row)
	var out []string
	for _, o := range row.cells.Objects {
		out = append(out, o.(*widget.Label).Text)
	}
	return out
}

// The list names its columns, shows a yes/no answer as a word of the UI
// language (not "0"), and shows open-text answers and the comment.
func TestTheResponsesListHasHeadingsAndShowsEveryKindOfAnswer(t *testing.T) {
	u, st := newTestUI(t)
	sv := verifySurvey(t, st) // overall 1–5, recommend 0–10, yes/no, open text
	r := data.Response{SurveyID: sv.ID, CollectedAt: testNow, FormNumber: "A-0007", Channel: "paper",
		Answers: map[uint32]int{sv.Questions[0].ID: 4, sv.Questions[1].ID: 9, sv.Questions[2].ID: 0},
		Texts:   map[uint32]string{sv.Questions[3].ID: "More seats"}, Comment: "call me back"}
	if err := st.AddResponse(&r); err != nil {
		t.Fatal(err)
	}
	b := openResponses(t, u)
	var heads []string
	for _, o := range b.header.Objects {
		heads = append(heads, o.(*widget.Label).Text)
	}
	if want := []string{"Date", "Form", "Channel", "Location", "Q1", "Q2", "Q3", "Comment and open answers"}; !reflect.DeepEqual(heads, want) {
		t.Errorf("headings %q, want %q", heads, want)
	}
	got := shownRow(t, b, 0)
	if len(got) != len(heads) {
		t.Fatalf("row %q has %d cells under %d headings", got, len(got), len(heads))
	}
	if got[6] != "No" {
		t.Errorf("the yes/no answer shows as %q, want No", got[6])
	}
	if got[1] != "A-0007" || got[4] != "4" || got[5] != "9" {
		t.Errorf("row %q", got)
	}
	if last := got[7]; !strings.Contains(last, "More seats") || !strings.Contains(last, "call me back") {
		t.Errorf("the open answer and the comment are missing: %q", last)
	}
}

// A search shows, in each row, the words found: here in the middle of a
// long comment that the row would otherwise cut off before them.
func TestASearchShowsTheMatchingPartOfTheComment(t *testing.T) {
	u, st := newTestUI(t)
	sv := verifySurvey(t, st)
	long := strings.Repeat("the coffee was lovely and the staff were kind. ", 6) + "But the toilets were dirty."
	r := data.Response{SurveyID: sv.ID, CollectedAt: testNow, Answers: map[uint32]int{sv.Questions[0].ID: 2, sv.Questions[1].ID: 3, sv.Questions[2].ID: 1}, Comment: long}
	if err := st.AddResponse(&r); err != nil {
		t.Fatal(err)
	}
	b := openResponses(t, u)
	b.search.SetText("toilets")
	b.apply()
	if len(b.rows) != 1 {
		t.Fatalf("the search found %d responses, want 1", len(b.rows))
	}
	got := shownRow(t, b, 0)
	if last := got[len(got)-1]; !strings.Contains(last, "toilets") || len([]rune(last)) > 80 {
		t.Errorf("the row shows %q, want the words around \"toilets\"", last)
	}
}

// After Undo, the pane no longer says the responses were deleted.
func TestUndoSaysTheResponsesAreBack(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 3, testNow); err != nil {
		t.Fatal(err)
	}
	b := openResponses(t, u)
	before := len(b.rows)
	b.deleteResponses([]data.Response{b.rows[0]})
	if want := fmt.Sprintf("%d responses shown", before-1); !strings.HasPrefix(b.status.Text, want) {
		t.Errorf("after the delete the count says %q, want %q", b.status.Text, want)
	}
	said := func() string { return b.detail.Objects[0].(*widget.Label).Text }
	if !strings.Contains(said(), "Deleted 1 response") {
		t.Fatalf("after the delete the pane says %q", said())
	}
	b.onUndo()
	if s := said(); strings.Contains(s, "Deleted") || !strings.Contains(s, "Restored 1 response") {
		t.Errorf("after Undo the pane says %q", s)
	}
}

// An empty list says what to do first.
func TestAnEmptyResponsesListSaysWhatToDoFirst(t *testing.T) {
	u, st := newTestUI(t)
	b := openResponses(t, u)
	said := func() string { return b.detail.Objects[0].(*widget.Label).Text }
	if !strings.Contains(said(), "Surveys") {
		t.Errorf("with no survey the pane says %q", said())
	}
	verifySurvey(t, st)
	u.reload()
	b.apply()
	if s := said(); !strings.Contains(s, "Enter forms") || !strings.Contains(s, "Import") {
		t.Errorf("with no responses the pane says %q", s)
	}
}
