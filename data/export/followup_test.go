package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

func TestFollowUpExportHasContactColumnsOnlyWhenAsked(t *testing.T) {
	sv := data.Survey{Name: "Cafe"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
	sv.AddQuestion(data.NewQuestion(data.KindCES, "Easy", 0))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Why", 0))
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	items := []data.FollowUpItem{{
		Response:   data.Response{ID: data.NewResponseID(at), CollectedAt: at, Answers: map[uint32]int{1: 1, 2: 2}, Texts: map[uint32]string{3: "+rude"}, Comment: "cold"},
		State:      data.FollowUpState{}.Change(data.StatusContacted, "@called", at.Add(time.Hour)),
		Contact:    data.Contact{Name: "Anna", Email: "anna@example.com", Phone: "=1+1", Consent: data.ConsentYes},
		HasContact: true,
	}}
	for _, withContact := range []bool{false, true} {
		var buf bytes.Buffer
		if _, err := WriteFollowUpCSV(&buf, &sv, items, FollowUpOptions{Contact: withContact}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		head := []string{"response_id", "collected_at", "status", "status_date", "note", "csat", "ces", "comment"}
		row := []string{items[0].Response.ID.String(), "2026-03-01T10:00:00Z", "contacted", "2026-03-01T11:00:00Z", "'@called", "1", "2", "cold | +rude"}
		if withContact {
			head = append(head, "Name", "Email", "Phone Number", "Consent to contact")
			row = append(row, "Anna", "anna@example.com", "'=1+1", "yes")
		}
		if !slices.Equal(recs[0], head) || !slices.Equal(recs[1], row) {
			t.Errorf("contact=%v:\n%q\n%q", withContact, recs[0], recs[1])
		}
		if !withContact && strings.Contains(buf.String(), "anna") {
			t.Error("a contact without the opt-in")
		}
	}
}
