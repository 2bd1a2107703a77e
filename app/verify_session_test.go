package app

import (
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/store"
	"csatdesk/data/verify"
)

func TestVerifySessionsNoLongerNeededAreCleanedUp(t *testing.T) {
	u, st := newTestUI(t)
	u.verify.now = func() time.Time { return testNow }
	a := verifySurvey(t, st)
	b := data.Survey{Name: "Other"}
	b.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
	if err := st.CreateSurvey(&b); err != nil {
		t.Fatal(err)
	}
	day := 24 * time.Hour
	save := func(sid uint64, date string, s verify.Session) string {
		t.Helper()
		key := verifyKey(sid, date, "A-0001", "A-0009")
		s.SurveyID = sid
		if err := verify.SaveSession(st, key, &s, s.Updated); err != nil {
			t.Fatal(err)
		}
		return key
	}
	inProgress := save(a.ID, "2026-11-19", verify.Session{Updated: testNow.Add(-2 * day)})
	finishedLately := save(a.ID, "2026-11-10", verify.Session{Done: true, Updated: testNow.Add(-9 * day)})
	finishedLongAgo := save(a.ID, "2026-09-01", verify.Session{Done: true, Updated: testNow.Add(-80 * day)})
	abandoned := save(a.ID, "2025-09-01", verify.Session{Updated: testNow.Add(-400 * day)})
	ofB := save(b.ID, "2026-11-19", verify.Session{Updated: testNow})

	u.reload()
	assertSessions(t, st, map[string]bool{inProgress: true, finishedLately: true, finishedLongAgo: false, abandoned: false, ofB: true})

	u.surveys.deleteSurvey(b.ID)
	assertSessions(t, st, map[string]bool{inProgress: true, finishedLately: true, ofB: false})
}

func assertSessions(t *testing.T, st *store.Store, want map[string]bool) {
	t.Helper()
	for key, kept := range want {
		v, err := st.Setting(key)
		if err != nil {
			t.Fatal(err)
		}
		if (v != nil) != kept {
			t.Errorf("session %s kept: %v, want %v", key, v != nil, kept)
		}
	}
}
