package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"csatdesk/data"
	"csatdesk/data/export"
	"csatdesk/data/store"
)

// followUpDB stores a small café survey with contact fields: two unhappy
// customers who left contacts, a detractor without one, a happy one.
func followUpDB(t *testing.T) (db string, sv data.Survey, ids []data.ResponseID) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "f.db")
	st, err := store.Open(db, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv = data.Survey{Name: "Cafe", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied are you?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Would you recommend us?", 0))
	sv.SetContactFields([]data.ContactField{data.ContactName, data.ContactEmail, data.ContactPhone, data.ContactConsent})
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	rows := []struct {
		csat, nps int
		comment   string
		c         data.Contact
	}{
		{1, 2, "=cold coffee", data.Contact{Name: "Anna", Email: "anna@example.com", Phone: "+1 555 0100", Consent: data.ConsentYes}},
		{2, 8, "slow", data.Contact{Name: "Li Wei", Email: "li@example.cn", Consent: data.ConsentNo}},
		{5, 3, "too loud", data.Contact{}},
		{5, 10, "great", data.Contact{Name: "Happy"}},
	}
	for i, r := range rows {
		resp := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2026, 5, 1+i, 12, 0, 0, 0, time.UTC),
			Answers: map[uint32]int{1: r.csat, 2: r.nps}, Comment: r.comment}
		if err := st.AddResponseWithContact(&resp, r.c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, resp.ID)
	}
	if _, err := st.SetFollowUpStatus(sv.ID, ids[1], data.StatusNew, data.StatusContacted, "phoned, will come back", time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return db, sv, ids
}

func TestFollowUpCommandCountsListsAndExportsForACRM(t *testing.T) {
	db, sv, ids := followUpDB(t)
	status, out, errs := run("followup", "--db", db)
	if status != 0 || !strings.Contains(out, "Cafe") || !strings.Contains(strings.Join(strings.Fields(out), " "), "1 Cafe 2 1 0") {
		t.Fatalf("counts: status %d, %q %q", status, out, errs)
	}
	status, out, errs = run("followup", "--db", db, "--survey", "Cafe", "--status", "new")
	if status != 0 || strings.Count(out, "\n") != 3 || strings.Contains(out, "anna@") || strings.Contains(out, ids[1].String()) {
		t.Fatalf("new list: status %d, %q %q", status, out, errs)
	}

	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.csv")
	if status, _, errs := run("followup", "--db", db, "--survey", "Cafe", "--out", plain); status != 0 {
		t.Fatalf("plain export: %s", errs)
	}
	b, _ := os.ReadFile(plain)
	recs := readCSV(t, string(b))
	wantHead := []string{"response_id", "collected_at", "status", "status_date", "note", "csat", "nps", "comment"}
	if !slices.Equal(recs[0], wantHead) || len(recs) != 4 {
		t.Fatalf("plain export: %q", recs)
	}
	for _, s := range []string{"anna@example.com", "Li Wei", "555 0100"} {
		if strings.Contains(string(b), s) {
			t.Fatalf("the export without --contact holds %q", s)
		}
	}
	// Newest first: the detractor of May 3, then Li Wei (contacted), then Anna.
	if recs[1][0] != ids[2].String() || recs[2][0] != ids[1].String() || recs[3][0] != ids[0].String() {
		t.Fatalf("order: %q", recs)
	}
	if got := recs[2][2:5]; !slices.Equal(got, []string{"contacted", "2026-05-10T09:00:00Z", "phoned, will come back"}) {
		t.Fatalf("contacted row: %q", recs[2])
	}
	if recs[3][5] != "1" || recs[3][6] != "2" || recs[3][7] != "'=cold coffee" {
		t.Fatalf("Anna's scores and comment: %q", recs[3])
	}

	xl := filepath.Join(dir, "crm.xlsx")
	if status, _, errs := run("followup", "--db", db, "--survey", "Cafe", "--out", xl, "--contact"); status != 0 {
		t.Fatalf("xlsx export: %s", errs)
	}
	xf, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := xf.GetRows(export.FollowUpSheet)
	xf.Close()
	if err != nil || len(rows) != 4 {
		t.Fatalf("xlsx rows: %v %q", err, rows)
	}
	if !slices.Equal(rows[0][len(rows[0])-4:], []string{"Name", "Email", "Phone Number", "Consent to contact"}) {
		t.Fatalf("xlsx header: %q", rows[0])
	}
	if !slices.Equal(rows[3][len(rows[3])-4:], []string{"Anna", "anna@example.com", "+1 555 0100", "yes"}) || rows[3][7] != "=cold coffee" {
		t.Fatalf("Anna's row: %q", rows[3])
	}

	// Forgetting Anna takes her contact out of the next export.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ForgetCustomer(sv.ID, ids[0], store.ForgetOptions{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	withContact := filepath.Join(dir, "after.csv")
	if status, _, errs := run("followup", "--db", db, "--survey", "1", "--out", withContact, "--contact"); status != 0 {
		t.Fatalf("export after forgetting: %s", errs)
	}
	b, _ = os.ReadFile(withContact)
	if strings.Contains(string(b), "anna@example.com") || !strings.Contains(string(b), "li@example.cn") || len(readCSV(t, string(b))) != 4 {
		t.Fatalf("after forgetting Anna: %s", b)
	}

	// The response export never carries contacts.
	if status, out, errs := run("export", "--db", db, "--survey", "Cafe", "--out", "-"); status != 0 || strings.Contains(out, "li@example.cn") || strings.Contains(out, "Li Wei") {
		t.Fatalf("response export: %d %q %q", status, out, errs)
	}
	if status, _, errs := run("followup", "--db", db, "--survey", "Cafe", "--status", "done"); status == 0 || !strings.Contains(errs, "new, contacted or resolved") {
		t.Fatalf("bad status: %d %q", status, errs)
	}
	if status, _, _ := run("followup", "--db", db, "--survey", "Cafe", "--contact"); status == 0 {
		t.Fatal("--contact without --out printed contacts")
	}
}

func TestImportStoresContactColumnsApartAndTheyShowOnTheFollowUpList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "i.db")
	st, err := store.Open(db, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	sv := data.Survey{Name: "Visit"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied were you with your visit?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Anything we could do better?", 0))
	sv.SetContactFields(data.ContactFields)
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	st.Close()
	csvPath := filepath.Join(t.TempDir(), "Visit (Responses).csv")
	body := "Timestamp,Email Address,How satisfied were you with your visit?,Anything we could do better?,Your name,Phone number,May we contact you?\n" +
		"9/1/2023 10:01:10,anna@example.com,Very dissatisfied,Cold coffee,Anna,+371 2000 0001,Yes\n" +
		"9/1/2023 14:22:05,,Satisfied,,,,\n"
	if err := os.WriteFile(csvPath, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if status, out, errs := run("import", csvPath, "--db", db, "--survey", "Visit", "--date-order", "MDY"); status != 0 {
		t.Fatalf("import: %d %q %q", status, out, errs)
	}
	st, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs, err := st.Contacts(sv.ID)
	if err != nil || len(cs) != 1 {
		t.Fatalf("contacts %v %v", cs, err)
	}
	items, err := st.FollowUpList(sv.ID, store.FollowUpFilter{})
	if err != nil || len(items) != 1 {
		t.Fatalf("list %d %v", len(items), err)
	}
	it := items[0]
	want := data.Contact{Name: "Anna", Phone: "+371 2000 0001", Email: "anna@example.com", Consent: data.ConsentYes}
	it.Contact.Updated = time.Time{}
	if !it.HasContact || it.Contact != want || strings.Contains(it.Response.Comment, "anna@") {
		t.Fatalf("item %+v", it)
	}
}
