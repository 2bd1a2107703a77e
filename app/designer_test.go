package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"csatdesk/data"
	"csatdesk/data/bank"
	"csatdesk/data/store"
)

// shopSurvey stores a survey with a 1–5 rating (ID 1), a yes/no (ID 2) and
// a comment (ID 3) question and, when n > 0, n responses to it.
func shopSurvey(t *testing.T, st *store.Store, n int) (data.Survey, []data.Response) {
	t.Helper()
	sv := data.Survey{Name: "Shop", Language: "en"}
	rating := data.NewQuestion(data.KindRating, "How satisfied are you with our shop?", 5)
	rating.Code = "overall"
	yes := data.NewQuestion(data.KindYesNo, "Did you find what you needed?", 0)
	yes.Code = "found"
	comment := data.NewQuestion(data.KindText, "Anything else?", 0)
	sv.AddQuestion(rating)
	sv.AddQuestion(yes)
	sv.AddQuestion(comment)
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	var rs []data.Response
	day := time.Date(2026, 10, 1, 12, 0, 0, 0, time.Local)
	for i := 0; i < n; i++ {
		rs = append(rs, data.Response{
			SurveyID: sv.ID, SurveyVersion: 1, CollectedAt: day.AddDate(0, 0, i), Channel: "paper",
			Answers: map[uint32]int{1: 1 + i%5, 2: i % 2},
			Texts:   map[uint32]string{3: fmt.Sprintf("note %d", i)},
		})
	}
	if n > 0 {
		if err := st.AddResponses(rs); err != nil {
			t.Fatal(err)
		}
	}
	return sv, allResponses(t, st, sv.ID)
}

// sameSurvey reports whether the store still holds sv unchanged.
func sameSurvey(t *testing.T, st *store.Store, sv data.Survey) bool {
	t.Helper()
	got, err := st.Survey(sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(sv)
	return string(a) == string(b)
}

// openDesigner shows the designer of survey id through the list's Edit
// button.
func openDesigner(t *testing.T, u *UI, id uint64) (*surveysScreen, *designer) {
	t.Helper()
	s := openSurveys(t, u)
	s.selectID(id)
	test.Tap(s.edit)
	if s.designer == nil {
		t.Fatal("Edit did not open the designer")
	}
	return s, s.designer
}

func TestDesignerScaleChangeAfterResponsesRetiresTheOldQuestion(t *testing.T) {
	u, st := newTestUI(t)
	sv, before := shopSurvey(t, st, 6)
	_, d := openDesigner(t, u, sv.ID)

	d.list.Select(0)
	d.kind.SetSelected("Satisfaction 1–10")
	if d.qs[0].Max != 10 || d.qs[0].SatisfiedFrom != data.DefaultCutoff(1, 10) {
		t.Fatalf("the question became %d–%d from %d", d.qs[0].Min, d.qs[0].Max, d.qs[0].SatisfiedFrom)
	}
	test.Tap(d.save)
	if d.pending == nil {
		t.Fatal("Save did not ask before making a new version")
	}
	msg := strings.Join(d.pending.notes, "\n")
	for _, want := range []string{"Question 1 changed scale", "old answers keep their 1–5 meaning", "new forms use 1–10", "Survey is now version 2."} {
		if !strings.Contains(msg, want) {
			t.Errorf("the confirmation %q does not say %q", msg, want)
		}
	}
	if !sameSurvey(t, st, sv) {
		t.Fatal("the survey changed before the user confirmed")
	}
	d.onConfirmSave(true)

	got, err := st.Survey(sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 {
		t.Errorf("version %d, want 2", got.Version)
	}
	old, ok := got.Question(1)
	if !ok || !old.Retired || old.Min != 1 || old.Max != 5 || old.SatisfiedFrom != 4 {
		t.Errorf("the old question should stay, retired, on its 1–5 scale: %+v", old)
	}
	act := got.Active()
	if len(act) != 3 {
		t.Fatalf("%d active questions, want 3", len(act))
	}
	nq := act[0]
	if nq.ID == 1 || nq.ID == 2 || nq.ID == 3 || nq.Max != 10 || nq.SinceVersion != 2 || nq.Text != old.Text || nq.Code != "overall" {
		t.Errorf("the new question should be first with a new ID, 1–10, since version 2, same text and code: %+v", nq)
	}
	if act[1].ID != 2 || act[2].ID != 3 {
		t.Errorf("the unchanged questions lost their IDs: %d, %d", act[1].ID, act[2].ID)
	}

	after := allResponses(t, st, sv.ID)
	if !reflect.DeepEqual(after, before) {
		t.Error("the stored responses changed")
	}
	for _, r := range after {
		err := r.Validate(&got)
		// The new question is required and old forms never asked it.
		if m, missing := data.IsMissingAnswer(err); err != nil && !(missing && m.QuestionID == nq.ID) {
			t.Errorf("an old response no longer fits the survey: %v", err)
		}
	}
	if !strings.Contains(d.status.Text, "version 2") {
		t.Errorf("status %q", d.status.Text)
	}
}

func TestDesignerTextEditsAfterResponsesStayInPlace(t *testing.T) {
	u, st := newTestUI(t)
	sv, _ := shopSurvey(t, st, 3)
	_, d := openDesigner(t, u, sv.ID)
	d.list.Select(1)
	d.text.SetText("Did you find everything?")
	d.code.SetText("found_all")
	d.required.SetChecked(false)
	d.labels[1].SetText("Yes!")
	test.Tap(d.save)
	if d.pending != nil {
		t.Fatal("a wording change asked for a new version")
	}
	got, _ := st.Survey(sv.ID)
	q, _ := got.Question(2)
	if got.Version != 1 || len(got.Questions) != 3 || q.Text != "Did you find everything?" || q.Code != "found_all" || q.Required || q.Label(1) != "Yes!" {
		t.Errorf("stored version %d, %d questions, question 2 %+v", got.Version, len(got.Questions), q)
	}
}

func TestDesignerRemovingAQuestionWithResponsesRetiresIt(t *testing.T) {
	u, st := newTestUI(t)
	sv, _ := shopSurvey(t, st, 3)
	_, d := openDesigner(t, u, sv.ID)
	d.list.Select(1)
	test.Tap(d.remove)
	if len(d.qs) != 2 || d.sel != 1 {
		t.Fatalf("%d questions left, selection %d", len(d.qs), d.sel)
	}
	test.Tap(d.save)
	if d.pending == nil || !strings.Contains(strings.Join(d.pending.notes, " "), "was removed") {
		t.Fatal("removing a question with answers should explain and ask")
	}
	d.onConfirmSave(true)
	got, _ := st.Survey(sv.ID)
	q, ok := got.Question(2)
	if !ok || !q.Retired || got.Version != 2 || len(got.Active()) != 2 {
		t.Errorf("question 2 %+v, version %d, %d active", q, got.Version, len(got.Active()))
	}
}

func TestDesignerWithoutResponsesEditsInPlace(t *testing.T) {
	u, st := newTestUI(t)
	sv, _ := shopSurvey(t, st, 0)
	_, d := openDesigner(t, u, sv.ID)
	d.list.Select(0)
	d.kind.SetSelected("Satisfaction 1–10")
	test.Tap(d.down)
	d.list.Select(2)
	test.Tap(d.remove)
	test.Tap(d.save)
	if d.pending != nil {
		t.Fatal("a survey without responses asked for a new version")
	}
	got, _ := st.Survey(sv.ID)
	if got.Version != 1 || len(got.Questions) != 2 || got.Questions[0].ID != 2 || got.Questions[1].ID != 1 || got.Questions[1].Max != 10 {
		t.Errorf("stored %+v", got.Questions)
	}
}

func TestDesignerRefusesInvalidDefinitionsNamingTheField(t *testing.T) {
	tests := []struct {
		name string
		edit func(d *designer)
		want string
	}{
		{"two questions share a code name", func(d *designer) {
			d.list.Select(1)
			d.code.SetText("overall")
		}, "share the code name 'overall'"},
		{"a choice has no label", func(d *designer) {
			d.addKind.SetSelected("Choice")
			test.Tap(d.add)
			d.choices[1].SetText(" ")
		}, "choice 2 has no label"},
		{"the cut-off is outside the scale", func(d *designer) {
			// The cut-off list only offers points on the scale; a file
			// from elsewhere can still carry one outside it.
			d.list.Select(0)
			d.qs[0].SatisfiedFrom = 9
		}, "cut-off 9 is outside the 1–5 scale"},
		{"the survey has no name", func(d *designer) { d.name.SetText("  ") }, "no name"},
		{"a question has no text", func(d *designer) {
			d.list.Select(2)
			d.text.SetText("")
		}, "Question 3 has no text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, st := newTestUI(t)
			sv, _ := shopSurvey(t, st, 2)
			_, d := openDesigner(t, u, sv.ID)
			tc.edit(d)
			test.Tap(d.save)
			if !strings.Contains(d.status.Text, "Not saved") || !strings.Contains(d.status.Text, tc.want) {
				t.Errorf("status %q, want it to say %q", d.status.Text, tc.want)
			}
			if d.pending != nil {
				t.Error("an invalid survey reached the confirmation")
			}
			if !sameSurvey(t, st, sv) {
				t.Error("the stored survey changed")
			}
		})
	}
}

func TestDesignerLabelPresetsCutoffAndPreviewFollowTheEditor(t *testing.T) {
	u, st := newTestUI(t)
	sv, _ := shopSurvey(t, st, 0)
	_, d := openDesigner(t, u, sv.ID)
	d.list.Select(0)
	if d.preset.Selected != "Words" || d.cutoff.SelectedIndex() != 3 {
		t.Errorf("preset %q, cut-off index %d for a 1–5 word scale satisfied from 4", d.preset.Selected, d.cutoff.SelectedIndex())
	}
	d.preset.SetSelected("Stars")
	if d.qs[0].Labels[4] != "★★★★★" || !strings.Contains(d.previewScale.Text, "★★★") {
		t.Errorf("labels %q, preview %q", d.qs[0].Labels, d.previewScale.Text)
	}
	d.kind.SetSelected("Satisfaction 1–7") // keeps the stars
	if len(d.qs[0].Labels) != 7 || d.qs[0].Labels[6] != "★★★★★★★" {
		t.Errorf("labels after 1–7: %q", d.qs[0].Labels)
	}
	d.cutoff.SetSelectedIndex(6)
	if d.qs[0].SatisfiedFrom != 7 || !strings.Contains(d.previewNote.Text, "7–7") {
		t.Errorf("cut-off %d, note %q", d.qs[0].SatisfiedFrom, d.previewNote.Text)
	}
	d.labels[0].SetText("Awful")
	if d.preset.Selected != "" || d.qs[0].Labels[0] != "Awful" {
		t.Errorf("own label: preset %q, labels %q", d.preset.Selected, d.qs[0].Labels)
	}
	d.list.Select(1)
	if !strings.Contains(d.previewScale.Text, "☐ Yes") || !strings.Contains(d.previewScale.Text, "☐ No") {
		t.Errorf("yes/no preview %q", d.previewScale.Text)
	}
	if !d.choiceRow.Hidden || d.cutoffRow.Hidden || !d.presetRow.Hidden {
		t.Error("a yes/no question shows the wrong editor rows")
	}
}

func TestDesignerAddsQuestionsFromTheBankInTheSurveyLanguage(t *testing.T) {
	u, st := newTestUI(t)
	sv, _ := shopSurvey(t, st, 0)
	_, d := openDesigner(t, u, sv.ID)
	d.language.SetSelectedIndex(2) // Latviešu
	test.Tap(d.addBank)
	d.bankTopic.SetSelectedIndex(2) // order and delivery
	d.bankPick.SetSelected(d.bankPick.Options[:2])
	d.onBankChosen(true)
	if len(d.qs) != 5 {
		t.Fatalf("%d questions, want 5", len(d.qs))
	}
	test.Tap(d.save)
	got, _ := st.Survey(sv.ID)
	if got.Language != "lv" || len(got.Active()) != 5 {
		t.Fatalf("language %q, %d questions", got.Language, len(got.Active()))
	}
	lv := bank.Bank("lv", bank.TopicOrder)
	if q := got.Active()[1]; q.Text != lv[0].Text || q.Code != lv[0].Code {
		t.Errorf("the bank question reads %q, want the Latvian %q", q.Text, lv[0].Text)
	}
}

func TestDesignerHandlesASixtyQuestionSurvey(t *testing.T) {
	u, st := newTestUI(t)
	sv := data.Survey{Name: "Long"}
	for i := 0; i < 60; i++ {
		sv.AddQuestion(data.NewQuestion(data.KindRating, fmt.Sprintf("Question number %d", i+1), 5))
	}
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, d := openDesigner(t, u, sv.ID)
	d.list.Select(59)
	for i := 0; i < 5; i++ {
		test.Tap(d.up)
	}
	d.text.SetText("Moved")
	test.Tap(d.save)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("opening, editing and saving 60 questions took %s", took)
	}
	got, _ := st.Survey(sv.ID)
	if got.Questions[54].Text != "Moved" || got.Questions[54].ID != 60 {
		t.Errorf("question 55 is %q (ID %d)", got.Questions[54].Text, got.Questions[54].ID)
	}
}

// Forms entered after the designer opened count: the user is asked before
// a new version, as the store will make one, instead of seeing "Saved".
func TestDesignerAsksWhenResponsesArrivedWhileItWasOpen(t *testing.T) {
	u, st := newTestUI(t)
	sv, _ := shopSurvey(t, st, 0)
	_, d := openDesigner(t, u, sv.ID)
	r := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2026, 10, 1, 12, 0, 0, 0, time.Local), Answers: map[uint32]int{1: 4, 2: 1}}
	if err := st.AddResponse(&r); err != nil { // typed on another tab meanwhile
		t.Fatal(err)
	}
	d.list.Select(0)
	d.kind.SetSelected("Satisfaction 1–10")
	test.Tap(d.save)
	if d.pending == nil || !strings.Contains(strings.Join(d.pending.notes, "\n"), "Survey is now version 2.") {
		t.Fatalf("Save did not ask before making a new version (pending %v)", d.pending)
	}
}
