package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/kiosk"
	"csatdesk/data/store"
	"csatdesk/data/webform"
)

// manualClock is the kiosk's clock in tests: time moves only by advance,
// which runs the timers that fall due, in order.
type manualClock struct {
	t      time.Time
	timers []*manualTimer
}

type manualTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (c *manualClock) now() time.Time { return c.t }

func (c *manualClock) after(d time.Duration, f func()) func() {
	tm := &manualTimer{at: c.t.Add(d), f: f}
	c.timers = append(c.timers, tm)
	return func() { tm.stopped = true }
}

func (c *manualClock) advance(d time.Duration) {
	end := c.t.Add(d)
	for {
		sort.SliceStable(c.timers, func(i, j int) bool { return c.timers[i].at.Before(c.timers[j].at) })
		var next *manualTimer
		for _, tm := range c.timers {
			if !tm.stopped && !tm.at.After(end) {
				next = tm
				break
			}
		}
		if next == nil {
			break
		}
		next.stopped = true
		c.t = next.at
		next.f()
	}
	c.t = end
}

// kioskTestSurvey is a survey a kiosk can ask.
func kioskTestSurvey(t *testing.T, st *store.Store) data.Survey {
	t.Helper()
	sv := data.Survey{Name: "Counter", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How was your visit today?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Anything else?", 0))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return sv
}

// startTestKiosk starts a kiosk with PIN 2468 on a manual clock at 10:00.
func startTestKiosk(t *testing.T, hours [2]string) (*UI, *store.Store, *kioskScreen, *manualClock, data.Survey) {
	t.Helper()
	clk := &manualClock{t: time.Date(2026, 5, 4, 10, 0, 0, 0, time.Local)}
	old := kioskClock
	kioskClock = func() (func() time.Time, func(time.Duration, func()) func()) { return clk.now, clk.after }
	t.Cleanup(func() { kioskClock = old })
	u, st := newTestUI(t)
	sv := kioskTestSurvey(t, st)
	k, err := u.startKiosk(kioskSetup{SurveyID: sv.ID, Location: "Riga", Device: "till 1",
		Open: hours[0], Close: hours[1], PINHash: pinHash("2468"), FollowUp: true})
	if err != nil {
		t.Fatal(err)
	}
	return u, st, k, clk, sv
}

func TestAKioskTapIsStoredBeforeTheThankYouAndResets(t *testing.T) {
	_, st, k, clk, sv := startTestKiosk(t, [2]string{})
	if k.state != kioskQuestion || len(k.faces) != 5 || !k.win.FullScreen() {
		t.Fatalf("state %q, %d faces, full screen %v", k.state, len(k.faces), k.win.FullScreen())
	}
	test.Tap(k.faces[4])
	rs := allResponses(t, st, sv.ID)
	if k.state != kioskThanks || len(rs) != 1 {
		t.Fatalf("after a tap: state %q, %d stored", k.state, len(rs))
	}
	r := rs[0]
	if r.Channel != kiosk.Channel || r.Tags[data.TagLocation] != "Riga" || r.Tags[kiosk.TagDevice] != "till 1" || r.Answers[sv.Questions[0].ID] != 5 {
		t.Errorf("stored %+v", r)
	}
	clk.advance(kioskThanksWait - time.Millisecond)
	if k.state != kioskThanks {
		t.Errorf("reset too early: %q", k.state)
	}
	clk.advance(time.Millisecond)
	if k.state != kioskQuestion {
		t.Errorf("after %s: %q, want the question", kioskThanksWait, k.state)
	}
	// A digit key answers too.
	clk.advance(10 * time.Second)
	test.TypeOnCanvas(k.win.Canvas(), "4")
	if k.state != kioskThanks || len(allResponses(t, st, sv.ID)) != 2 {
		t.Errorf("the key 4: state %q", k.state)
	}
}

func TestAnUnfinishedFollowUpIsAbandonedKeepingTheAnswer(t *testing.T) {
	_, st, k, clk, sv := startTestKiosk(t, [2]string{})
	test.Tap(k.faces[0])
	if k.state != kioskFollowUp {
		t.Fatalf("a low score: %q, want the follow-up", k.state)
	}
	test.Tap(k.reasons[0]) // touched, then walked away
	clk.advance(kioskFollowUpWait - time.Second)
	if k.state != kioskFollowUp {
		t.Fatalf("abandoned too early: %q", k.state)
	}
	clk.advance(time.Second)
	if k.state != kioskQuestion {
		t.Errorf("after %s: %q, want the question", kioskFollowUpWait, k.state)
	}
	rs := allResponses(t, st, sv.ID)
	if len(rs) != 1 || rs[0].Answers[sv.Questions[0].ID] != 1 || rs[0].Comment != "" {
		t.Errorf("stored %+v", rs)
	}
}

func TestAFinishedFollowUpLandsOnTheFollowUpList(t *testing.T) {
	_, st, k, clk, sv := startTestKiosk(t, [2]string{})
	test.Tap(k.faces[1])
	test.Tap(k.reasons[0])
	k.more.SetText("Twenty minutes")
	clk.advance(time.Second)
	var send *widget.Button
	for _, o := range test.LaidOutObjects(k.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Send" {
			send = b
		}
	}
	test.Tap(send)
	if k.state != kioskThanks {
		t.Fatalf("after Send: %q", k.state)
	}
	rs := allResponses(t, st, sv.ID)
	main, _ := sv.MainCSAT()
	if len(rs) != 1 || rs[0].Comment != "Waiting time: Twenty minutes" ||
		!(data.ResponseFilter{FollowUp: true, Channel: kiosk.Channel}).Match(&rs[0], main, true) {
		t.Errorf("stored %+v", rs)
	}
}

func TestRepeatedPressesAreFlaggedAndLeftOutOfCharts(t *testing.T) {
	u, st, k, clk, sv := startTestKiosk(t, [2]string{})
	for i := range 4 { // four presses a second apart: three flagged
		test.Tap(k.faces[4])
		clk.advance(time.Second)
		if i < 3 {
			// the child keeps pressing through the thank-you: back to the question
			k.reset()
		}
	}
	rs := allResponses(t, st, sv.ID)
	flagged := 0
	for _, r := range rs {
		if r.Tags[kiosk.MisuseTag] == "Riga" {
			flagged++
		}
	}
	if len(rs) != 4 || flagged != 3 {
		t.Fatalf("%d stored, %d flagged; want 4 and 3", len(rs), flagged)
	}
	q := sv.Questions[0]
	day := data.DayOf(clk.now())
	for _, seg := range []data.Segment{{}, data.ByChannel(kiosk.Channel), data.ByTag(data.TagLocation, "Riga")} {
		src := insight.ChartSource(st, u.settings)
		c, err := data.CSATOfQuestions(src, sv.ID, []data.Question{q}, seg, day, day)
		if err != nil {
			t.Fatal(err)
		}
		if c.N != 1 {
			t.Errorf("segment %v: CSAT over %d answers, want 1 (flagged presses left out)", seg, c.N)
		}
		all, _ := data.CSATOfQuestions(insight.ChartSource(st, insight.Settings{IncludeMisuse: true}), sv.ID, []data.Question{q}, seg, day, day)
		if all.N != 4 {
			t.Errorf("segment %v with misuse counted: %d, want 4", seg, all.N)
		}
	}
}

func TestTheKioskIsClosedOutsideItsHours(t *testing.T) {
	_, st, k, clk, sv := startTestKiosk(t, [2]string{"11:00", "18:00"})
	if k.state != kioskClosed {
		t.Fatalf("at 10:00 with hours 11–18: %q", k.state)
	}
	test.TypeOnCanvas(k.win.Canvas(), "5")
	if n := len(allResponses(t, st, sv.ID)); n != 0 {
		t.Errorf("%d stored while closed", n)
	}
	clk.advance(61 * time.Minute)
	if k.state != kioskQuestion {
		t.Errorf("at 11:01: %q, want the question", k.state)
	}
}

func TestThePINLeavesKioskModeOnlyWhenRight(t *testing.T) {
	u, _, k, _, _ := startTestKiosk(t, [2]string{})
	k.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if k.state != kioskPIN {
		t.Fatalf("Escape: %q, want the PIN pad", k.state)
	}
	test.TypeOnCanvas(k.win.Canvas(), "1234")
	k.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if k.state != kioskPIN || k.stopped || !strings.Contains(k.pinError.Text, "Wrong PIN") {
		t.Fatalf("a wrong PIN: state %q, stopped %v, %q", k.state, k.stopped, k.pinError.Text)
	}
	if u.kiosk == nil {
		t.Fatal("the kiosk ended on a wrong PIN")
	}
	test.TypeOnCanvas(k.win.Canvas(), "2468")
	k.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !k.stopped || u.kiosk != nil {
		t.Errorf("the right PIN: stopped %v", k.stopped)
	}
}

func TestClosingTheKioskWindowAsksForThePIN(t *testing.T) {
	_, _, k, clk, _ := startTestKiosk(t, [2]string{})
	k.onCloseRequest() // the window's close intercept (Fyne's test window ignores intercepts)
	if k.state != kioskPIN || k.stopped {
		t.Fatalf("close: %q", k.state)
	}
	clk.advance(kioskPINWait)
	if k.state != kioskQuestion {
		t.Errorf("an untouched PIN pad: %q, want the question", k.state)
	}
}

func TestAKioskRefusesASurveyWithOtherRequiredQuestions(t *testing.T) {
	u, st := newTestUI(t)
	sv := data.Survey{Name: "Long"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Recommend?", 0))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	_, err := u.startKiosk(kioskSetup{SurveyID: sv.ID, PINHash: pinHash("1111")})
	if err == nil || !strings.Contains(err.Error(), "Recommend?") {
		t.Errorf("%v", err)
	}
	if _, err := u.startKiosk(kioskSetup{SurveyID: sv.ID}); err == nil {
		t.Error("a kiosk without a PIN started")
	}
}

func TestKioskAndPhoneAnswersAppearInChannelSegmentsAndTheFollowUpList(t *testing.T) {
	u, st, k, clk, sv := startTestKiosk(t, [2]string{})
	test.Tap(k.faces[0])
	test.Tap(k.reasons[4])
	k.onFollowUpSend()
	clk.advance(time.Minute)
	// A phone answer through the page's handler, as a phone would post it.
	srv, err := webform.New(webform.Config{Survey: sv, Now: clk.now}, st)
	if err != nil {
		t.Fatal(err)
	}
	page := httptest.NewRecorder()
	srv.ServeHTTP(page, httptest.NewRequest(http.MethodGet, srv.Path(), nil))
	nonce := regexp.MustCompile(`name="n" value="([^"]+)"`).FindStringSubmatch(page.Body.String())[1]
	form := url.Values{"n": {nonce}, "q" + strconv.Itoa(int(sv.Questions[0].ID)): {"1"}, "q" + strconv.Itoa(int(sv.Questions[1].ID)): {"Slow"}}
	req := httptest.NewRequest(http.MethodPost, srv.Path(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res := httptest.NewRecorder()
	srv.ServeHTTP(res, req)
	if res.Code != 200 {
		t.Fatalf("phone POST: %d", res.Code)
	}
	u.reload()
	have := map[string]bool{}
	for _, s := range u.dash.segments {
		if s.Name == data.ChannelSegment {
			have[s.Value] = true
		}
	}
	if !have[kiosk.Channel] || !have[webform.Channel] {
		t.Errorf("dashboard segments %v lack kiosk or phone-web", u.dash.segments)
	}
	b := openResponses(t, u)
	b.followUp.SetChecked(true)
	chans := map[string]int{}
	for _, r := range b.rows {
		chans[r.Channel]++
	}
	if chans[kiosk.Channel] != 1 || chans[webform.Channel] != 1 {
		t.Errorf("follow-up list by channel: %v", chans)
	}
}

// BenchmarkKioskTapToThankYou is a tap on a face until the thank-you is on
// screen (the answer committed with fsync in between); budget 300 ms.
func BenchmarkKioskTapToThankYou(b *testing.B) {
	clk := &manualClock{t: time.Date(2026, 5, 4, 10, 0, 0, 0, time.Local)}
	old := kioskClock
	kioskClock = func() (func() time.Time, func(time.Duration, func()) func()) { return clk.now, clk.after }
	defer func() { kioskClock = old }()
	a := test.NewTempApp(b)
	st, err := store.Open(b.TempDir()+"/k.db", store.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	sv := data.Survey{Name: "Counter"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How was your visit today?", 5))
	if err := st.CreateSurvey(&sv); err != nil {
		b.Fatal(err)
	}
	u := New(a, st)
	k, err := u.startKiosk(kioskSetup{SurveyID: sv.ID, Location: "Riga", PINHash: pinHash("2468")})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		test.Tap(k.faces[4])
		if k.state != kioskThanks {
			b.Fatalf("state %q", k.state)
		}
		clk.advance(kioskThanksWait + time.Second) // back to the question; no misuse flag
	}
}

func TestAKioskOnANumberScaleDrawsNumbersAndTakesTenFromZero(t *testing.T) {
	clk := &manualClock{t: time.Date(2026, 5, 4, 10, 0, 0, 0, time.Local)}
	old := kioskClock
	kioskClock = func() (func() time.Time, func(time.Duration, func()) func()) { return clk.now, clk.after }
	t.Cleanup(func() { kioskClock = old })
	u, st := newTestUI(t)
	sv := data.Survey{Name: "Ten"}
	q := data.NewQuestion(data.KindRating, "How satisfied?", 10)
	sv.AddQuestion(q)
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	k, err := u.startKiosk(kioskSetup{SurveyID: sv.ID, PINHash: pinHash("2468")})
	if err != nil {
		t.Fatal(err)
	}
	if len(k.faces) != 10 || k.faces[0].drawFace {
		t.Fatalf("%d tiles, faces %v", len(k.faces), k.faces[0].drawFace)
	}
	test.TypeOnCanvas(k.win.Canvas(), "0")
	rs := allResponses(t, st, sv.ID)
	if len(rs) != 1 || rs[0].Answers[sv.Questions[0].ID] != 10 {
		t.Errorf("the key 0 on 1–10: %+v", rs)
	}
}

func TestAFailedSaveShowsNoThankYou(t *testing.T) {
	_, st, k, _, _ := startTestKiosk(t, [2]string{})
	st.Close() // the next save fails
	test.Tap(k.faces[3])
	if k.state != kioskQuestion || !strings.Contains(k.status.Text, "Not saved") {
		t.Errorf("state %q, status %q", k.state, k.status.Text)
	}
}
