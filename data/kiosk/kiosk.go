// Package kiosk is the core of CSAT Desk's kiosk mode, without Fyne: a
// Session asks a survey's main question at a counter, stores every press
// at once (channel "kiosk", with the kiosk's location and device), flags
// repeated presses as misuse, keeps opening hours, and adds the reason a
// low score gives to the answer already stored. The window (app/kiosk.go)
// draws the faces and timers around it.
//
// Every press is committed to the store before Tap returns, so the window
// shows its thank-you only for answers on disk: a crash or a kill after the
// thank-you loses nothing (kill_test.go).
package kiosk

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"csatdesk/data"
)

// Channel is the channel of every answer given at a kiosk.
const Channel = "kiosk"

// Source is the Source of every answer given at a kiosk.
const Source = "kiosk"

// TagDevice is the tag naming the kiosk (device) an answer was given at.
const TagDevice = "device"

// MisuseTag is the tag of a press flagged as misuse (a press within Guard
// of the one before at the same kiosk: a child drumming on the faces). Its
// value is the kiosk's location ("yes" when it has none), so that charts
// can leave flagged presses out of the whole survey, the kiosk channel and
// each location exactly (see insight.ChartSource).
const MisuseTag = "misuse"

// MisuseValue returns the MisuseTag value of a press at location loc.
func MisuseValue(loc string) string {
	if loc = strings.TrimSpace(loc); loc != "" {
		return loc
	}
	return "yes"
}

// DefaultGuard is the repeated-press guard: a press this soon after the
// previous one at the same kiosk is flagged as misuse.
const DefaultGuard = 3 * time.Second

// Errors a caller branches on.
var (
	// ErrNoQuestion: the survey has no satisfaction question to ask.
	ErrNoQuestion = errors.New("the survey has no satisfaction question to ask")
	// ErrOtherRequired: the survey requires answers the kiosk does not ask.
	ErrOtherRequired = errors.New("the survey requires other answers the kiosk does not ask")
	// ErrClosed: a press outside the opening hours.
	ErrClosed = errors.New("the kiosk is closed")
	// ErrValue: a press off the question's scale.
	ErrValue = errors.New("value off the scale")
)

// Hours are opening hours in minutes since midnight, local time. Open ==
// Close means always open; Close < Open spans midnight.
type Hours struct {
	Open, Close int
}

// ParseHours reads "08:00" and "20:00"; both empty means always open.
func ParseHours(open, close string) (Hours, error) {
	open, close = strings.TrimSpace(open), strings.TrimSpace(close)
	if open == "" && close == "" {
		return Hours{}, nil
	}
	o, err := parseClock(open)
	if err != nil {
		return Hours{}, fmt.Errorf("opening time: %w", err)
	}
	c, err := parseClock(close)
	if err != nil {
		return Hours{}, fmt.Errorf("closing time: %w", err)
	}
	return Hours{Open: o, Close: c}, nil
}

func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || hh == 24 && mm != 0 {
		return 0, fmt.Errorf("%q is not a time like 08:30", s)
	}
	return hh*60 + mm, nil
}

// Always reports whether h means "always open".
func (h Hours) Always() bool { return h.Open == h.Close }

// String is "08:00–20:00", or "" when always open.
func (h Hours) String() string {
	if h.Always() {
		return ""
	}
	f := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	return f(h.Open) + "–" + f(h.Close)
}

// IsOpen reports whether t (in its own location) lies within h.
func (h Hours) IsOpen(t time.Time) bool {
	if h.Always() {
		return true
	}
	m := t.Hour()*60 + t.Minute()
	if h.Open < h.Close {
		return m >= h.Open && m < h.Close
	}
	return m >= h.Open || m < h.Close // overnight
}

// Saver stores responses; *store.Store satisfies it.
type Saver interface {
	AddResponse(r *data.Response) error
	UpdateResponse(r data.Response) error
}

// Config is one kiosk's setup.
type Config struct {
	Survey   data.Survey
	Location string
	Device   string
	Hours    Hours
	// FollowUp asks "What could we do better?" after a low score.
	FollowUp bool
	// Guard is the repeated-press guard; 0 means DefaultGuard.
	Guard time.Duration
}

// Session is one kiosk at work.
type Session struct {
	cfg   Config
	main  data.Question
	st    Saver
	last  time.Time // the previous press
	count int
}

// New starts a kiosk session on cfg.Survey, storing through st. The survey
// needs a satisfaction question (ErrNoQuestion), and no other question may
// be required (ErrOtherRequired, naming them), since the kiosk asks one.
func New(cfg Config, st Saver) (*Session, error) {
	q, ok := cfg.Survey.MainCSAT()
	if !ok {
		return nil, fmt.Errorf("survey %q: %w", cfg.Survey.Name, ErrNoQuestion)
	}
	if others := OtherRequired(&cfg.Survey); len(others) > 0 {
		return nil, fmt.Errorf("survey %q (%s): %w", cfg.Survey.Name, strings.Join(others, ", "), ErrOtherRequired)
	}
	if cfg.Guard <= 0 {
		cfg.Guard = DefaultGuard
	}
	cfg.Location, cfg.Device = strings.TrimSpace(cfg.Location), strings.TrimSpace(cfg.Device)
	return &Session{cfg: cfg, main: q, st: st}, nil
}

// OtherRequired returns the texts of the required questions of sv besides
// its main satisfaction question: a kiosk cannot ask them.
func OtherRequired(sv *data.Survey) []string {
	q, _ := sv.MainCSAT()
	var out []string
	for _, x := range sv.Active() {
		if x.ID != q.ID && x.RequiredIn(0) {
			out = append(out, x.Text)
		}
	}
	return out
}

// Question is the question the kiosk asks.
func (s *Session) Question() data.Question { return s.main }

// Config returns the session's setup.
func (s *Session) Config() Config { return s.cfg }

// Count is the number of presses stored by this session.
func (s *Session) Count() int { return s.count }

// Open reports whether the kiosk takes answers at time now.
func (s *Session) Open(now time.Time) bool { return s.cfg.Hours.IsOpen(now) }

// Press is a stored press.
type Press struct {
	Response data.Response
	// Misuse is set when the press came within the guard of the previous one.
	Misuse bool
	// AskFollowUp is set when the kiosk should ask what could be better.
	AskFollowUp bool
}

// Tap stores the answer v given at time now and returns it once it is
// committed. Outside the opening hours it stores nothing (ErrClosed).
func (s *Session) Tap(v int, now time.Time) (Press, error) {
	if !s.Open(now) {
		return Press{}, ErrClosed
	}
	if v < s.main.Min || v > s.main.Max {
		return Press{}, fmt.Errorf("%d: %w", v, ErrValue)
	}
	misuse := !s.last.IsZero() && now.Sub(s.last) >= 0 && now.Sub(s.last) < s.cfg.Guard
	s.last = now
	r := data.Response{
		SurveyID:    s.cfg.Survey.ID,
		CollectedAt: now,
		EnteredAt:   now,
		Source:      Source,
		Channel:     Channel,
		Answers:     map[uint32]int{s.main.ID: v},
	}
	tags := map[string]string{}
	if s.cfg.Location != "" {
		tags[data.TagLocation] = s.cfg.Location
	}
	if s.cfg.Device != "" {
		tags[TagDevice] = s.cfg.Device
	}
	if misuse {
		tags[MisuseTag] = MisuseValue(s.cfg.Location)
	}
	if len(tags) > 0 {
		r.Tags = tags
	}
	if err := s.st.AddResponse(&r); err != nil {
		return Press{}, fmt.Errorf("kiosk press: %w", err)
	}
	s.count++
	return Press{
		Response:    r,
		Misuse:      misuse,
		AskFollowUp: s.cfg.FollowUp && !misuse && v <= data.UnhappyMax(s.main),
	}, nil
}

// FollowUp adds the reason chosen and the words typed after a low score to
// the stored answer r (as its comment, "reason: words"), so the follow-up
// list shows it. Nothing chosen and nothing typed leaves r as it is.
func (s *Session) FollowUp(r data.Response, reason, text string) (data.Response, error) {
	reason, text = strings.TrimSpace(reason), strings.TrimSpace(text)
	var c string
	switch {
	case reason != "" && text != "":
		c = reason + ": " + text
	case reason != "":
		c = reason
	default:
		c = text
	}
	if c == "" {
		return r, nil
	}
	if rs := []rune(c); len(rs) > 2000 {
		c = string(rs[:2000])
	}
	r.Comment = c
	if err := s.st.UpdateResponse(r); err != nil {
		return r, fmt.Errorf("kiosk follow-up: %w", err)
	}
	return r, nil
}
