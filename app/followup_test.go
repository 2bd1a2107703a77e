package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/store"
)

// followUpSurvey stores a café survey that asks every contact field, with
// two unhappy customers who left a contact, a detractor and a happy one.
func followUpSurvey(t *testing.T, st *store.Store) (data.Survey, []data.ResponseID) {
	t.Helper()
	sv := data.Survey{Name: "Cafe"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Recommend", 0))
	sv.SetContactFields(data.ContactFields)
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	rows := []struct {
		csat, nps int
		comment   string
		c         data.Contact
	}{
		{1, 2, "cold coffee", data.Contact{Name: "Anna", Email: "anna@example.com", Consent: data.ConsentYes}},
		{2, 8, "slow", data.Contact{Name: "Li Wei", Phone: "555-0100", Consent: data.ConsentNo}},
		{5, 3, "too loud", data.Contact{}},
		{5, 10, "great", data.Contact{Name: "Happy"}},
	}
	var ids []data.ResponseID
	for i, r := range rows {
		resp := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2026, 5, 1+i, 12, 0, 0, 0, time.Local),
			Answers: map[uint32]int{1: r.csat, 2: r.nps}, Comment: r.comment}
		if err := st.AddResponseWithContact(&resp, r.c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, resp.ID)
	}
	return sv, ids
}

// openFollowUp shows the follow-up tab with the list read.
func openFollowUp(t *testing.T, u *UI) *followUpScreen {
	t.Helper()
	u.reload()
	u.showFollowUp()
	f := u.follow
	if f.survey == nil {
		t.Fatal("no survey selected")
	}
	return f
}

func (f *followUpScreen) find(id data.ResponseID) int {
	for i := range f.items {
		if f.items[i].Response.ID == id {
			return i
		}
	}
	return -1
}

func TestFollowUpScreenListsUnhappyCustomersAndMovesThemAlong(t *testing.T) {
	u, st := newTestUI(t)
	sv, ids := followUpSurvey(t, st)
	f := openFollowUp(t, u)
	if len(f.items) != 3 || f.find(ids[3]) >= 0 {
		t.Fatalf("listed %d, want the 3 unhappy ones", len(f.items))
	}
	if !strings.Contains(f.count.Text, "3 customers") {
		t.Errorf("count %q", f.count.Text)
	}
	i := f.find(ids[0])
	if row := f.rowText(i); !strings.Contains(row, "CSAT 1, NPS 2") || !strings.Contains(row, "Anna") || !strings.Contains(row, "cold coffee") {
		t.Errorf("Anna's row %q", row)
	}
	f.list.Select(i)
	if !f.next.Visible() || f.next.Disabled() || !f.reopen.Disabled() {
		t.Fatal("a new customer can be marked contacted, not reopened")
	}
	if !detailHas(f, "anna@example.com") {
		t.Error("the detail does not show the contact")
	}
	// Keyboard: type the note and press Enter.
	test.Type(f.note, "Called, sent a voucher")
	f.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s, err := st.FollowUpState(sv.ID, ids[0])
	if err != nil || s.Status != data.StatusContacted || s.Note != "Called, sent a voucher" {
		t.Fatalf("after Enter: %+v %v", s, err)
	}
	if i = f.find(ids[0]); i < 0 || f.sel != i {
		t.Fatal("the contacted customer is no longer selected (still 'to do')")
	}
	test.Tap(f.next)
	if s, _ := st.FollowUpState(sv.ID, ids[0]); s.Status != data.StatusResolved {
		t.Fatalf("after a second step: %+v", s)
	}
	if f.find(ids[0]) >= 0 {
		t.Fatal("a resolved customer stays in the 'to do' list")
	}
	f.statusSel.SetSelectedIndex(4) // resolved
	if len(f.items) != 1 || f.find(ids[0]) != 0 {
		t.Fatalf("resolved list: %d items", len(f.items))
	}
	f.list.Select(0)
	test.Tap(f.reopen)
	if s, _ := st.FollowUpState(sv.ID, ids[0]); s.Status != data.StatusNew || len(s.History) != 2 {
		t.Fatalf("reopened: %+v", s)
	}
	// Li Wei said no to being contacted: the detail says so.
	f.statusSel.SetSelectedIndex(1)
	f.list.Select(f.find(ids[1]))
	if !detailHas(f, "did not want to be contacted") {
		t.Error("no word about the refused consent")
	}
}

func detailHas(f *followUpScreen, s string) bool {
	for _, o := range f.detail.Objects {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, s) {
			return true
		}
	}
	return false
}

func TestForgetThisCustomerAsksFirstThenRemovesTheContact(t *testing.T) {
	u, st := newTestUI(t)
	sv, ids := followUpSurvey(t, st)
	f := openFollowUp(t, u)
	f.list.Select(f.find(ids[0]))
	test.Tap(f.forget)
	if f.forgetDialog == nil || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no confirmation asked")
	}
	f.forgetDialog.Dismiss()
	if _, ok, _ := st.Contact(sv.ID, ids[0]); !ok {
		t.Fatal("cancelled, yet the contact is gone")
	}
	test.Tap(f.forget)
	f.forgetDialog.Confirm() // the comment stays
	if _, ok, _ := st.Contact(sv.ID, ids[0]); ok {
		t.Fatal("the contact is still stored")
	}
	i := f.find(ids[0])
	if i < 0 {
		t.Fatal("the response left the list: its score and comment still ask for a call")
	}
	if f.items[i].HasContact || strings.Contains(f.rowText(i), "Anna") {
		t.Fatalf("the list still shows Anna: %q", f.rowText(i))
	}
	f.list.Select(i)
	test.Tap(f.forget)
	f.forgetComment.SetChecked(true)
	f.forgetDialog.Confirm()
	r, err := st.Response(sv.ID, ids[0])
	if err != nil || r.Comment != "" || r.Answers[1] != 1 || r.Answers[2] != 2 {
		t.Fatalf("the response after forgetting the comment too: %+v %v", r, err)
	}
	if f.find(ids[0]) >= 0 {
		t.Fatal("with nothing left to act on, the default rule still lists it")
	}
}

func TestTheDashboardCountsCustomersToCallBack(t *testing.T) {
	u, st := newTestUI(t)
	sv, ids := followUpSurvey(t, st)
	u.reload()
	if u.follow.counterN != 3 || !strings.Contains(u.follow.counterBtn.Text, "3 customers to call back") {
		t.Fatalf("counter %d %q", u.follow.counterN, u.follow.counterBtn.Text)
	}
	u.win.Resize(fyne.NewSize(1366, 768))
	relayoutAll(u.win.Content())
	if !u.follow.counterBtn.Visible() {
		t.Error("the counter is hidden on a wide window")
	}
	test.Tap(u.follow.counterBtn)
	if u.tabs.Selected().Content != u.follow.root {
		t.Error("the counter does not open the follow-up list")
	}
	if _, err := st.SetFollowUpStatus(sv.ID, ids[1], "", data.StatusContacted, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	u.followUpChanged()
	if u.follow.counterN != 2 {
		t.Fatalf("counter after a call: %d", u.follow.counterN)
	}
}

func TestTheRuleDialogSavesTheSurveysRule(t *testing.T) {
	u, st := newTestUI(t)
	sv, ids := followUpSurvey(t, st)
	f := openFollowUp(t, u)
	f.onRule()
	r := f.ruleFields
	r.csat.SetChecked(false)
	r.own.SetChecked(true)
	r.ownQ.SetSelectedIndex(0) // Overall
	r.ownMax.SetSelected("5")
	r.something.SetChecked(false)
	f.ruleDialog.Confirm()
	rule, err := st.FollowUpRule(sv.ID)
	if err != nil || rule.CSAT || !rule.NPS || len(rule.Answers) != 1 || rule.Answers[0].Max != 5 {
		t.Fatalf("saved rule %+v %v", rule, err)
	}
	if len(f.items) != 4 || f.find(ids[3]) < 0 {
		t.Fatalf("with 'Overall ≤ 5' everyone is listed, got %d", len(f.items))
	}
}

func TestTheFollowUpScreenFitsTheScreen(t *testing.T) {
	for _, env := range []string{"en_US.UTF-8", "ru_RU.UTF-8"} {
		t.Run(env, func(t *testing.T) {
			u, st := screenUI(t, env, false)
			followUpSurvey(t, st)
			u.reload()
			u.showFollowUp()
			u.follow.list.Select(0)
			for _, size := range screenSizes {
				c := at(t, u, "follow-up", size)
				c.all()
				c.visible(u.follow.forget, "Forget")
				c.visible(u.follow.next, "next status")
			}
		})
	}
}

func TestDesignerContactSectionAsksTheFieldsWithoutANewVersion(t *testing.T) {
	u, st := newTestUI(t)
	sv, _ := shopSurvey(t, st, 3)
	_, d := openDesigner(t, u, sv.ID)
	d.contact[1].SetChecked(true) // phone
	d.contact[3].SetChecked(true) // consent
	test.Tap(d.save)
	got, err := st.Survey(sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Contact) != 2 || got.Contact[0] != data.ContactPhone || got.Contact[1] != data.ContactConsent || got.Version != sv.Version {
		t.Fatalf("stored contact %v version %d (was %d)", got.Contact, got.Version, sv.Version)
	}
}

func TestEntryStoresTheContactApartFromTheAnswers(t *testing.T) {
	u, st := newTestUI(t)
	sv := data.Survey{Name: "Paper"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
	sv.SetContactFields([]data.ContactField{data.ContactName, data.ContactPhone, data.ContactConsent})
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	k := openEntry(t, u)
	k.typ("1")              // the rating moves on to the comment
	k.typ("Long wait")      // the comment
	k.key(fyne.KeyReturn)   // Enter: to the contact fields
	k.typ("Jānis")          // name
	k.key(fyne.KeyReturn)   //
	k.typ("+371 2000 0000") // phone
	k.key(fyne.KeyReturn)   //
	k.typ("y")              // may we contact you?
	k.key(fyne.KeyReturn)   // the last field: Enter saves
	rs := allResponses(t, st, sv.ID)
	if len(rs) != 1 || rs[0].Answers[sv.Questions[0].ID] != 1 || rs[0].Comment != "Long wait" {
		t.Fatalf("stored %+v", rs)
	}
	c, ok, err := st.Contact(sv.ID, rs[0].ID)
	if err != nil || !ok || c.Name != "Jānis" || c.Phone != "+371 2000 0000" || c.Consent != data.ConsentYes {
		t.Fatalf("contact %+v %v %v", c, ok, err)
	}
	for _, s := range []string{"Jānis", "2000"} {
		if strings.Contains(rs[0].Comment, s) {
			t.Fatalf("the contact went into the response: %q", rs[0].Comment)
		}
	}
	if f := u.entry.form.contact.fields[data.ContactName]; f.Text != "" {
		t.Error("the contact stays on the next blank form")
	}
	// Undo takes the form back with its contact, and the stored contact goes.
	u.entry.onUndo()
	if f := u.entry.form.contact.fields[data.ContactPhone]; f.Text != "+371 2000 0000" {
		t.Errorf("after undo the phone field holds %q", f.Text)
	}
	if _, ok, _ := st.Contact(sv.ID, rs[0].ID); ok {
		t.Error("the contact of the form taken back is still stored")
	}
}

func TestTheResponseDetailShowsTheContactAndForgetsIt(t *testing.T) {
	u, st := newTestUI(t)
	sv, ids := followUpSurvey(t, st)
	u.reload()
	selectTab(u, u.browse.root)
	b := u.browse
	row := -1
	for i, r := range b.rows {
		if r.ID == ids[0] {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("Anna's response is not in the list")
	}
	b.onSelect(row)
	var forget *widget.Button
	shown := false
	for _, o := range b.detail.Objects {
		if box, ok := o.(*fyne.Container); ok {
			for _, x := range box.Objects {
				if l, ok := x.(*widget.Label); ok && strings.Contains(l.Text, "anna@example.com") {
					shown = true
				}
				if bt, ok := x.(*widget.Button); ok {
					forget = bt
				}
			}
		}
	}
	if !shown || forget == nil {
		t.Fatal("the detail shows no contact or no Forget button")
	}
	test.Tap(forget)
	u.follow.forgetDialog.Confirm()
	if _, ok, _ := st.Contact(sv.ID, ids[0]); ok {
		t.Fatal("the contact is still stored")
	}
	// Happy has a name but no follow-up; the detail of a response without
	// a stored contact has no contact part.
	if c := u.follow.contactPanel(&sv, data.Response{ID: ids[2]}, nil); c != nil {
		t.Fatal("a contact panel for a response without a contact")
	}
}
