package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"csatdesk/app/cli"
	"csatdesk/data"
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
