package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// followUpFixture stores a survey with responses made to test the rule:
// each named response has the answers and comment given; contacts go to
// the named ones.
type followUpFixture struct {
	st   *Store
	path string
	sv   data.Survey
	ids  map[string]data.ResponseID
}

func newFollowUpFixture(t *testing.T) *followUpFixture {
	t.Helper()
	st, path := openTemp(t)
	sv := mustCreateSurvey(t, st, "Cafe")
	f := &followUpFixture{st: st, path: path, sv: sv, ids: map[string]data.ResponseID{}}
	day := data.DayOf(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	add := func(name string, csat, nps, ces int, comment string, c data.Contact) {
		r := data.Response{SurveyID: sv.ID, CollectedAt: (day + data.Day(len(f.ids))).Date(time.UTC).Add(10 * time.Hour),
			Channel: "paper", Answers: map[uint32]int{qCSAT: csat, qNPS: nps}, Comment: comment}
		if ces > 0 {
			r.Answers[qCES] = ces
		}
		if err := st.AddResponseWithContact(&r, c); err != nil {
			t.Fatalf("add %s: %v", name, err)
		}
		f.ids[name] = r.ID
	}
	anna := data.Contact{Name: "Anna Bērziņa", Phone: "+371 2000 0000", Email: "anna@example.lv", Consent: data.ConsentYes}
	add("angry", 1, 8, 0, "Cold coffee, rude waiter", anna)
	add("unhappy-silent", 2, 8, 0, "", data.Contact{})
	add("unhappy-contact", 2, 9, 0, "", data.Contact{Phone: "555-0100"})
	add("neutral", 3, 8, 0, "ok", data.Contact{})
	add("detractor", 5, 4, 0, "Would not recommend, too loud", data.Contact{})
	add("hard", 4, 8, 2, "Parking was impossible", data.Contact{})
	add("happy", 5, 10, 7, "Lovely!", data.Contact{Name: "Bob", Consent: data.ConsentNo})
	return f
}

func (f *followUpFixture) listed(t *testing.T, flt FollowUpFilter) []string {
	t.Helper()
	items, err := f.st.FollowUpList(f.sv.ID, flt)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, it := range items {
		for n, id := range f.ids {
			if id == it.Response.ID {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	return names
}

func TestFollowUpRuleVariantsOnStoredResponses(t *testing.T) {
	f := newFollowUpFixture(t)
	cases := []struct {
		name string
		rule *data.FollowUpRule // nil: the default, never saved
		want []string
	}{
		{"default: unhappy CSAT or NPS detractor with something to act on", nil,
			[]string{"angry", "detractor", "unhappy-contact"}},
		{"CSAT only, anything", &data.FollowUpRule{CSAT: true},
			[]string{"angry", "unhappy-contact", "unhappy-silent"}},
		{"CSAT cut-off 3", &data.FollowUpRule{CSAT: true, CSATMax: 3},
			[]string{"angry", "neutral", "unhappy-contact", "unhappy-silent"}},
		{"NPS detractors 0–6", &data.FollowUpRule{NPS: true}, []string{"detractor"}},
		{"CES ≤ 3", &data.FollowUpRule{CES: true}, []string{"hard"}},
		{"the owner's own: NPS ≤ 8", &data.FollowUpRule{Answers: []data.AnswerAtMost{{QuestionID: qNPS, Max: 8}}},
			[]string{"angry", "detractor", "hard", "neutral", "unhappy-silent"}},
		{"no condition: nothing", &data.FollowUpRule{NeedSomething: true}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.rule != nil {
				if err := f.st.SetFollowUpRule(f.sv.ID, *c.rule); err != nil {
					t.Fatal(err)
				}
			}
			if got := f.listed(t, FollowUpFilter{}); !slices.Equal(got, c.want) {
				t.Errorf("listed %v, want %v", got, c.want)
			}
		})
	}
}

func TestFollowUpStatusChangesPersistAndRefuseStaleChanges(t *testing.T) {
	f := newFollowUpFixture(t)
	id := f.ids["angry"]
	at := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)
	if _, err := f.st.SetFollowUpStatus(f.sv.ID, id, data.StatusNew, data.StatusContacted, "Called, left a message", at); err != nil {
		t.Fatal(err)
	}
	// A second window still showing "new" may not overwrite "contacted".
	_, err := f.st.SetFollowUpStatus(f.sv.ID, id, data.StatusNew, data.StatusResolved, "stale", at)
	if !errors.Is(err, ErrStatusChanged) {
		t.Fatalf("stale change: %v, want ErrStatusChanged", err)
	}
	if _, err := f.st.SetFollowUpStatus(f.sv.ID, id, data.StatusContacted, data.StatusResolved, "Gave a voucher", at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SetFollowUpStatus(f.sv.ID, data.NewResponseID(at), "", data.StatusResolved, "", at); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown response: %v, want ErrNotFound", err)
	}
	if err := f.st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := Open(f.path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f.st = st
	s, err := st.FollowUpState(f.sv.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != data.StatusResolved || s.Note != "Gave a voucher" || !s.At.Equal(at.Add(time.Hour)) ||
		len(s.History) != 1 || s.History[0].Status != data.StatusContacted || s.History[0].Note != "Called, left a message" {
		t.Fatalf("state after reopening: %+v", s)
	}
	c, err := st.FollowUpCounts(f.sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c != (data.FollowUpCounts{New: 2, Resolved: 1}) {
		t.Fatalf("counts %+v, want 2 new, 1 resolved", c)
	}
	if got := f.listed(t, FollowUpFilter{Statuses: []data.FollowUpStatus{data.StatusNew}}); !slices.Equal(got, []string{"detractor", "unhappy-contact"}) {
		t.Fatalf("new: %v", got)
	}
	// A rule change keeps a response that was dealt with on the list.
	if err := st.SetFollowUpRule(f.sv.ID, data.FollowUpRule{NPS: true}); err != nil {
		t.Fatal(err)
	}
	if got := f.listed(t, FollowUpFilter{}); !slices.Equal(got, []string{"angry", "detractor"}) {
		t.Fatalf("after the rule change: %v", got)
	}
	if all, err := st.FollowUpCounts(0); err != nil || all.Total() != 2 {
		t.Fatalf("counts of every survey: %+v, %v", all, err)
	}
	// The fixture's first day (March 1) holds only "angry": a period count.
	d := data.DayOf(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if c, err := st.FollowUpCountsIn(f.sv.ID, d, d); err != nil || c != (data.FollowUpCounts{Resolved: 1}) {
		t.Fatalf("counts of March 1: %+v, %v", c, err)
	}
}

func TestForgetCustomerRemovesTheContactAndKeepsTheAnswers(t *testing.T) {
	f := newFollowUpFixture(t)
	id := f.ids["angry"]
	if _, err := f.st.SetFollowUpStatus(f.sv.ID, id, "", data.StatusContacted, "Anna asked for a call at 555-1234", time.Now()); err != nil {
		t.Fatal(err)
	}
	before, err := f.st.Response(f.sv.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok, err := f.st.Contact(f.sv.ID, id); err != nil || !ok || c.Email != "anna@example.lv" {
		t.Fatalf("contact before: %+v %v %v", c, ok, err)
	}
	if err := f.st.ForgetCustomer(f.sv.ID, id, ForgetOptions{Comment: true}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := f.st.Contact(f.sv.ID, id); err != nil || ok {
		t.Fatalf("contact after forgetting: ok=%v err=%v", ok, err)
	}
	after, err := f.st.Response(f.sv.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.Comment != "" || !equalAnswers(after.Answers, before.Answers) || !after.CollectedAt.Equal(before.CollectedAt) {
		t.Fatalf("response after forgetting: %+v (before %+v)", after, before)
	}
	s, _ := f.st.FollowUpState(f.sv.ID, id)
	if s.Status != data.StatusContacted || s.Note != "" {
		t.Fatalf("follow-up after forgetting: %+v", s)
	}
	items, err := f.st.FollowUpList(f.sv.ID, FollowUpFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Response.ID == id && (it.HasContact || it.Contact.Email != "") {
			t.Fatalf("the list still shows a contact: %+v", it)
		}
	}
	// No byte of the contact is left in the live data.
	for _, top := range [][]byte{bucketContacts, bucketFollowUp, bucketResponses} {
		for k, v := range dumpBucket(t, f.st, top) {
			for _, s := range []string{"anna@example.lv", "Bērziņa", "555-1234", "rude waiter"} {
				if contains(v, s) {
					t.Fatalf("%s/%x still holds %q", top, k, s)
				}
			}
		}
	}
	assertRollupsMatchRecount(t, f.st, f.sv.ID)
	// Forgetting without the comment option keeps the comment.
	if err := f.st.ForgetCustomer(f.sv.ID, f.ids["detractor"], ForgetOptions{}); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.st.Response(f.sv.ID, f.ids["detractor"]); r.Comment == "" {
		t.Fatal("the comment went without the option")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func equalAnswers(a, b map[uint32]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestContactsAndFollowUpSurviveCompactBackupRestoreMergeAndCheck(t *testing.T) {
	f := newFollowUpFixture(t)
	id := f.ids["angry"]
	if _, err := f.st.SetFollowUpStatus(f.sv.ID, id, "", data.StatusContacted, "called", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetFollowUpRule(f.sv.ID, data.FollowUpRule{CSAT: true, CES: true}); err != nil {
		t.Fatal(err)
	}
	want := func(st *Store, sid uint64, what string) {
		t.Helper()
		c, ok, err := st.Contact(sid, id)
		if err != nil || !ok || c.Email != "anna@example.lv" {
			t.Fatalf("%s: contact %+v %v %v", what, c, ok, err)
		}
		s, err := st.FollowUpState(sid, id)
		if err != nil || s.Status != data.StatusContacted {
			t.Fatalf("%s: state %+v %v", what, s, err)
		}
	}
	rep, err := f.st.CheckAll(nil)
	if err != nil || !rep.OK() {
		t.Fatalf("check: %+v %v", rep, err)
	}
	if _, err := f.st.Compact(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	want(f.st, f.sv.ID, "after compact")
	if r, _ := f.st.FollowUpRule(f.sv.ID); !r.CES {
		t.Fatalf("rule after compact: %+v", r)
	}
	bak := filepath.Join(t.TempDir(), "backup.db")
	if _, err := f.st.BackupPlain(bak); err != nil {
		t.Fatal(err)
	}
	// A third file receives the survey by merging: its responses, contacts
	// and follow-up states come along.
	other, _ := openTemp(t)
	if _, err := Merge(context.Background(), other, bak, MergePlan{}, nil); err != nil {
		t.Fatal(err)
	}
	svs, _ := other.Surveys()
	if len(svs) != 1 {
		t.Fatalf("merged surveys: %d", len(svs))
	}
	want(other, svs[0].ID, "after merge")
	// Restore the backup over a file that lost the contact.
	if err := f.st.ForgetCustomer(f.sv.ID, id, ForgetOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := RestoreFile(f.path, bak, f.path+".aside"); err != nil {
		t.Fatal(err)
	}
	st, err := Open(f.path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want(st, f.sv.ID, "after restore")
	// Deleting the survey deletes its contacts and follow-up.
	if err := st.DeleteSurvey(f.sv.ID); err != nil {
		t.Fatal(err)
	}
	for _, top := range [][]byte{bucketContacts, bucketFollowUp, bucketFollowUpRules} {
		if n := len(dumpBucket(t, st, top)); n != 0 {
			t.Fatalf("%s keeps %d entries after the survey was deleted", top, n)
		}
	}
}

func TestAFileWithoutContactsHasNoNewBuckets(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Plain")
	r := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC), Answers: map[uint32]int{qCSAT: 1, qNPS: 2}, Comment: "bad"}
	if err := st.AddResponseWithContact(&r, data.Contact{Name: "  "}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.FollowUpList(sv.ID, FollowUpFilter{}); err != nil {
		t.Fatal(err)
	}
	err := st.view(func(tx *bolt.Tx) error {
		for _, top := range [][]byte{bucketContacts, bucketFollowUp, bucketFollowUpRules} {
			if tx.Bucket(top) != nil {
				t.Errorf("bucket %s made without a write", top)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
