package kiosk

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/store"
)

// kioskSurvey is a survey a kiosk can ask: one required rating and an
// optional comment.
func kioskSurvey() data.Survey {
	sv := data.Survey{Name: "Counter", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How was your visit today?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Anything else?", 0))
	return sv
}

func openStore(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func newSession(t *testing.T, cfg Config) (*Session, *store.Store) {
	t.Helper()
	st := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	t.Cleanup(func() { _ = st.Close() })
	if err := st.CreateSurvey(&cfg.Survey); err != nil {
		t.Fatal(err)
	}
	s, err := New(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

func TestAPressIsStoredWithChannelLocationAndDevice(t *testing.T) {
	s, st := newSession(t, Config{Survey: kioskSurvey(), Location: "Riga", Device: "till 2", FollowUp: true})
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.Local)
	p, err := s.Tap(2, now)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Response(p.Response.SurveyID, p.Response.ID)
	if err != nil {
		t.Fatal(err)
	}
	q := s.Question()
	if got.Channel != Channel || got.Tags[data.TagLocation] != "Riga" || got.Tags[TagDevice] != "till 2" ||
		got.Answers[q.ID] != 2 || got.Tags[MisuseTag] != "" || !p.AskFollowUp {
		t.Errorf("stored %+v, press %+v", got, p)
	}
	r, err := s.FollowUp(p.Response, "Waiting time", "  20 minutes ")
	if err != nil {
		t.Fatal(err)
	}
	got, _ = st.Response(r.SurveyID, r.ID)
	if got.Comment != "Waiting time: 20 minutes" || !NeedsFollowUp(got, q) {
		t.Errorf("after the follow-up: %+v", got)
	}
}

// NeedsFollowUp is data.NeedsFollowUp, for the test's sake.
func NeedsFollowUp(r data.Response, q data.Question) bool { return data.NeedsFollowUp(&r, q) }

func TestPressesWithinTheGuardAreFlaggedAsMisuse(t *testing.T) {
	s, st := newSession(t, Config{Survey: kioskSurvey(), Location: "Riga", FollowUp: true})
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.Local)
	steps := []struct {
		after  time.Duration
		misuse bool
	}{{0, false}, {time.Second, true}, {2 * time.Second, true}, {5 * time.Second, false}, {2900 * time.Millisecond, true}}
	at := t0
	for i, step := range steps {
		at = at.Add(step.after)
		p, err := s.Tap(1, at)
		if err != nil {
			t.Fatal(err)
		}
		if p.Misuse != step.misuse || (p.Response.Tags[MisuseTag] == "Riga") != step.misuse || p.AskFollowUp == step.misuse {
			t.Errorf("press %d: %+v", i, p)
		}
	}
	var flagged int
	_ = st.EachResponse(s.Config().Survey.ID, 0, 0, func(r data.Response) error {
		if r.Tags[MisuseTag] != "" {
			flagged++
		}
		return nil
	})
	if flagged != 3 {
		t.Errorf("%d stored with the flag, want 3", flagged)
	}
}

func TestOutsideTheOpeningHoursNothingIsStored(t *testing.T) {
	h, err := ParseHours("08:00", "20:00")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newSession(t, Config{Survey: kioskSurvey(), Hours: h})
	if _, err := s.Tap(5, time.Date(2026, 5, 1, 21, 0, 0, 0, time.Local)); !errors.Is(err, ErrClosed) {
		t.Errorf("at 21:00: %v, want ErrClosed", err)
	}
	if _, err := s.Tap(5, time.Date(2026, 5, 1, 8, 0, 0, 0, time.Local)); err != nil {
		t.Errorf("at 08:00: %v", err)
	}
	if s.Count() != 1 {
		t.Errorf("count %d", s.Count())
	}
}

func TestHours(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 1, 1, h, m, 0, 0, time.UTC) }
	night, _ := ParseHours("22:00", "06:00")
	day, _ := ParseHours("08:30", "17:00")
	always, _ := ParseHours("", "")
	cases := []struct {
		h    Hours
		t    time.Time
		open bool
	}{
		{day, at(8, 29), false}, {day, at(8, 30), true}, {day, at(16, 59), true}, {day, at(17, 0), false},
		{night, at(23, 0), true}, {night, at(5, 59), true}, {night, at(6, 0), false}, {always, at(3, 0), true},
	}
	for _, c := range cases {
		if c.h.IsOpen(c.t) != c.open {
			t.Errorf("%s at %s: open %v", c.h, c.t.Format("15:04"), !c.open)
		}
	}
	for _, bad := range [][2]string{{"8", "17:00"}, {"25:00", "17:00"}, {"08:00", ""}, {"08:60", "09:00"}} {
		if _, err := ParseHours(bad[0], bad[1]); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestASurveyWithOtherRequiredQuestionsIsRefused(t *testing.T) {
	sv := kioskSurvey()
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Would you recommend us?", 0))
	if _, err := New(Config{Survey: sv}, nil); !errors.Is(err, ErrOtherRequired) {
		t.Errorf("%v, want ErrOtherRequired", err)
	}
	if _, err := New(Config{Survey: data.Survey{Name: "x"}}, nil); !errors.Is(err, ErrNoQuestion) {
		t.Errorf("%v, want ErrNoQuestion", err)
	}
}

func BenchmarkTapToCommit(b *testing.B) {
	st := openStore(b, filepath.Join(b.TempDir(), "b.db"))
	defer st.Close()
	sv := kioskSurvey()
	if err := st.CreateSurvey(&sv); err != nil {
		b.Fatal(err)
	}
	s, err := New(Config{Survey: sv, Location: "Riga", Device: "till"}, st)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 5, 1, 10, 0, 0, 0, time.Local)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Tap(1+i%5, at.Add(time.Duration(i)*5*time.Second)); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParseHours: never panics; what it accepts lies within a day.
func FuzzParseHours(f *testing.F) {
	for _, s := range [][2]string{{"08:00", "20:00"}, {"", ""}, {"24:00", "00:00"}, {"7:5", "x"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, open, close string) {
		h, err := ParseHours(open, close)
		if err == nil && (h.Open < 0 || h.Open > 24*60 || h.Close < 0 || h.Close > 24*60) {
			t.Fatalf("%q %q → %+v", open, close, h)
		}
	})
}
