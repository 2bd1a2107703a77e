package app

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"csatdesk/data"
	"csatdesk/data/bank"
	"csatdesk/data/paperform"
	"csatdesk/data/store"
	"csatdesk/data/surveyfile"
)

// openSurveys shows the Surveys tab.
func openSurveys(t *testing.T, u *UI) *surveysScreen {
	t.Helper()
	u.tabs.SelectIndex(1)
	u.reload() // the test wrote to the store behind the window's back
	return u.surveys
}

// storedSurvey creates a survey from template id in English.
func storedSurvey(t *testing.T, st *store.Store, id string) data.Survey {
	t.Helper()
	tpl, ok := bank.TemplateByID("en", id)
	if !ok {
		t.Fatalf("no template %s", id)
	}
	sv := tpl.Survey("en", "Café Riga")
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return sv
}

func surveyNames(t *testing.T, st *store.Store) []string {
	t.Helper()
	svs, err := st.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sv := range svs {
		out = append(out, sv.Name)
	}
	return out
}

func TestSurveysListShowsQuestionsResponsesAndLastDate(t *testing.T) {
	u, st := newTestUI(t)
	sv := storedSurvey(t, st, "restaurant")
	q, _ := sv.MainCSAT()
	day := time.Date(2026, 11, 19, 12, 0, 0, 0, time.Local)
	r := data.Response{SurveyID: sv.ID, SurveyVersion: 1, CollectedAt: day, Answers: map[uint32]int{}}
	for _, q := range sv.Active() {
		if q.Numeric() {
			r.Answers[q.ID] = q.Max
		}
	}
	r.Answers[q.ID] = 4
	if err := st.AddResponses([]data.Response{r, r}); err != nil {
		t.Fatal(err)
	}
	s := openSurveys(t, u)
	got := s.describe(0)
	for _, want := range []string{"8 question", "2 response", "2026-11-19"} {
		if !strings.Contains(got, want) {
			t.Errorf("the row reads %q, want it to mention %q", got, want)
		}
	}
	if !s.edit.Disabled() {
		t.Error("Edit is enabled with nothing selected")
	}
	s.list.Select(0)
	if s.edit.Disabled() || s.print.Disabled() {
		t.Error("Edit and Print stay disabled with a survey selected")
	}
}

func TestSurveysATemplateBecomesAStoredSurveyThatTheDesignerEdits(t *testing.T) {
	u, st := newTestUI(t)
	u.settings.Business = "Café Riga"
	s := openSurveys(t, u)

	test.Tap(s.newTemplate)
	p := s.picker
	if p == nil || !p.create.Disabled() {
		t.Fatal("the template picker should open with Create disabled until a template is picked")
	}
	if p.business.Text != "Café Riga" {
		t.Errorf("business %q, want the one from the settings", p.business.Text)
	}
	p.language.SetSelectedIndex(0) // English
	p.choice.SetSelected(p.choice.Options[3])
	if !strings.HasPrefix(p.choice.Selected, "Restaurant") {
		t.Fatalf("picked %q, want the restaurant template", p.choice.Selected)
	}
	test.Tap(p.create)
	d := s.designer
	if d == nil {
		t.Fatal("creating from a template should open the designer")
	}
	id := d.orig.ID
	if _, err := st.Survey(id); err != nil {
		t.Fatalf("the new survey is not stored: %v", err)
	}
	if len(d.qs) != 8 || d.business.Text != "Café Riga" {
		t.Fatalf("designer shows %d questions for %q, want the 8 of the template for Café Riga", len(d.qs), d.business.Text)
	}
	firstID := d.qs[0].ID

	// Edit the second question's text, then move it to the top.
	d.list.Select(1)
	d.text.SetText("")
	test.Type(d.text, "How was the food?")
	if !strings.Contains(d.previewText.Text, "How was the food?") {
		t.Errorf("the preview did not follow the edit: %q", d.previewText.Text)
	}
	test.Tap(d.up)
	if d.sel != 0 || d.qs[0].Text != "How was the food?" {
		t.Fatalf("after Up the selection is %d and the first question %q", d.sel, d.qs[0].Text)
	}
	if !d.up.Disabled() {
		t.Error("Up stays enabled on the first question")
	}

	// Add one question of each kind after the first.
	for i := range kindOptions {
		d.addKind.SetSelectedIndex(i)
		test.Tap(d.add)
	}
	if len(d.qs) != 8+len(kindOptions) {
		t.Fatalf("%d questions after adding, want %d", len(d.qs), 8+len(kindOptions))
	}
	test.Tap(d.save)
	if d.status.Text != "Saved." {
		t.Fatalf("status after Save: %q", d.status.Text)
	}

	got, err := st.Survey(id)
	if err != nil {
		t.Fatal(err)
	}
	act := got.Active()
	if want := 8 + len(kindOptions); len(act) != want || len(got.Questions) != want {
		t.Fatalf("stored %d questions (%d active), want %d and no retired ones: a survey without responses is edited in place", len(got.Questions), len(act), want)
	}
	if act[0].Text != "How was the food?" || act[1+len(kindOptions)].ID != firstID {
		t.Errorf("order not stored: first %q, question %d has ID %d (want %d)", act[0].Text, 2+len(kindOptions), act[1+len(kindOptions)].ID, firstID)
	}
	for i, o := range kindOptions {
		q := act[1+i]
		if q.Kind != o.kind || (o.kind == data.KindRating && q.Points() != o.points) {
			t.Errorf("added question %d is %s 1–%d, want %s", i+1, q.Kind, q.Max, o.label())
		}
		if q.ID == 0 || q.SinceVersion != 1 {
			t.Errorf("added question %d has ID %d and since-version %d", i+1, q.ID, q.SinceVersion)
		}
	}
	if got.Version != 1 {
		t.Errorf("version %d, want 1: there are no responses", got.Version)
	}
	if codes := map[string]bool{}; true {
		for _, q := range act {
			if q.Code != "" && codes[q.Code] {
				t.Errorf("code %q used twice: adding an NPS question to a survey with one should rename its code", q.Code)
			}
			codes[q.Code] = true
		}
	}
}

func TestSurveysRenameDuplicateAndArchive(t *testing.T) {
	u, st := newTestUI(t)
	sv := storedSurvey(t, st, "website")
	s := openSurveys(t, u)
	s.list.Select(0)

	test.Tap(s.rename)
	s.renaming.SetText("Online shop")
	s.onRenameDone(sv.ID)
	if got, _ := st.Survey(sv.ID); got.Name != "Online shop" {
		t.Errorf("renamed to %q", got.Name)
	}

	test.Tap(s.duplicate)
	if names := surveyNames(t, st); !reflect.DeepEqual(names, []string{"Online shop", "Online shop (copy)"}) {
		t.Errorf("after Duplicate the surveys are %q", names)
	}

	s.selectID(sv.ID)
	test.Tap(s.archive)
	if got, _ := st.Survey(sv.ID); !got.Archived {
		t.Error("Archive did not archive")
	}
	if s.archive.Text != "Unarchive" {
		t.Errorf("the archive button reads %q on an archived survey", s.archive.Text)
	}
	test.Tap(s.archive)
	if got, _ := st.Survey(sv.ID); got.Archived {
		t.Error("Unarchive did not bring the survey back")
	}
}

func TestSurveysNewBlankSurveyIsValidAndNamedUniquely(t *testing.T) {
	u, st := newTestUI(t)
	s := openSurveys(t, u)
	test.Tap(s.newBlank)
	s.closeDesigner()
	test.Tap(s.newBlank)
	if names := surveyNames(t, st); !reflect.DeepEqual(names, []string{"New survey", "New survey (2)"}) {
		t.Errorf("surveys %q", names)
	}
}

func TestSurveysDeleteRemovesTheSurveyAndItsResponses(t *testing.T) {
	u, st := newTestUI(t)
	sv := storedSurvey(t, st, "website")
	s := openSurveys(t, u)
	s.list.Select(0)
	test.Tap(s.del) // asks first
	if _, err := st.Survey(sv.ID); err != nil {
		t.Fatal("Delete removed the survey before the user confirmed")
	}
	s.deleteSurvey(sv.ID)
	if n := len(surveyNames(t, st)); n != 0 || len(s.surveys) != 0 {
		t.Errorf("%d surveys stored and %d listed after delete", n, len(s.surveys))
	}
}

func TestSurveysExportedDefinitionImportsAsANewSurvey(t *testing.T) {
	u, st := newTestUI(t)
	sv := storedSurvey(t, st, "after_support")
	s := openSurveys(t, u)
	path := filepath.Join(t.TempDir(), "support"+surveyfile.Extension)
	if err := s.onExportFile(sv, path); err != nil {
		t.Fatal(err)
	}
	if err := s.onImportFile(path); err != nil {
		t.Fatal(err)
	}
	svs, _ := st.Surveys()
	if len(svs) != 2 {
		t.Fatalf("%d surveys after import, want 2", len(svs))
	}
	got := svs[1]
	if got.Name != sv.Name+" (2)" || !reflect.DeepEqual(got.Questions, sv.Questions) {
		t.Errorf("imported %q with %d questions, want a copy named %q", got.Name, len(got.Questions), sv.Name+" (2)")
	}
}

func TestSurveysImportOfAMalformedDefinitionChangesNothing(t *testing.T) {
	u, st := newTestUI(t)
	storedSurvey(t, st, "website")
	s := openSurveys(t, u)
	before := surveyNames(t, st)

	good := storedSurvey(t, st, "restaurant")
	if err := st.DeleteSurvey(good.ID); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := surveyfile.Write(&buf, good); err != nil {
		t.Fatal(err)
	}
	valid := buf.String()
	tests := []struct {
		name, file, want string
	}{
		{"not JSON", "name;questions\nx;y\n", "not a CSAT Desk survey"},
		{"another JSON file", `{"hello": "world"}`, "not a CSAT Desk survey"},
		{"cut off half way", valid[:len(valid)/2], "not a CSAT Desk survey"},
		{"a question with a bad scale", strings.Replace(valid, `"max": 5`, `"max": 6`, 1), "not valid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.json")
			if err := os.WriteFile(path, []byte(tc.file), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = s.importDefinition(f)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "nothing was imported") {
				t.Errorf("got %v, want a message saying %q and that nothing was imported", err, tc.want)
			}
			if got := surveyNames(t, st); !reflect.DeepEqual(got, before) {
				t.Errorf("the surveys changed to %q", got)
			}
			if len(s.surveys) != len(before) {
				t.Errorf("the list shows %d surveys, want %d", len(s.surveys), len(before))
			}
		})
	}
}

func TestSurveysPrintDialogChecksTheCountAndWritesThePDFInTheBackground(t *testing.T) {
	u, st := newTestUI(t)
	sv := storedSurvey(t, st, "restaurant")
	s := openSurveys(t, u)
	s.list.Select(0)
	test.Tap(s.print)
	p := s.printer
	p.count.SetText("lots")
	test.Tap(p.ok)
	if !strings.Contains(p.msg.Text, "Number of forms") {
		t.Errorf("a bad count says %q", p.msg.Text)
	}
	p.count.SetText("3")
	p.prefix.SetText("T-")
	p.paper.SetSelected("Letter")
	opt, err := p.options()
	if err != nil {
		t.Fatal(err)
	}
	if opt.Count != 3 || opt.FirstNumber != 1 || opt.NumberPrefix != "T-" || opt.Paper != "Letter" {
		t.Errorf("options %+v", opt)
	}
	path := filepath.Join(t.TempDir(), "forms.pdf")
	done := make(chan error, 1)
	s.printForms(path, sv, opt, func(err error) { done <- err })
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("printing did not finish")
	}
	pdf, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("no PDF written: %v", err)
	}
	per, _ := paperform.PagesPerForm(sv, opt)
	if n := len(regexp.MustCompile(`/Type\s*/Page([^s]|$)`).FindAll(pdf, -1)); n != 3*per {
		t.Errorf("%d pages, want %d", n, 3*per)
	}
	// The layout the forms were printed with is in the database.
	l, err := paperform.Layout(sv, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.Layout(sv.ID, l.Hash()); got == nil || err != nil {
		t.Errorf("the printed layout was not saved: %v", err)
	}
}
