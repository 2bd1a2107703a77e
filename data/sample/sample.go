// Package sample generates a realistic, deterministic demo dataset for CSAT
// Desk, so that every screen of the app has real content on first run.
//
// The business is "Café Liepa", a café with two locations ("Old Town" and
// "Riverside"), surveyed with one "Visit feedback" form: overall
// satisfaction, speed of service, NPS, effort (CES), "did you find everything"
// and an open comment. About two years of responses (a few thousand) arrive
// mostly on paper, some by phone and email, with the patterns a real café
// shows: fewer visits on Mondays, more in summer and December, satisfaction
// in the 80s that sags a little in the busy summer, and a clear dip below
// 75 % at Riverside for about seven weeks some nine months before the end
// (a kitchen renovation while a new barista was being trained). NPS, speed
// and effort move with overall satisfaction; blank answers, comments that
// match the scores and contact notes on some unhappy responses make the
// follow-up list and the comment views worth looking at.
//
// The same Options always give the same Business: the generator draws from
// a math/rand/v2 PCG source seeded with Options.Seed and never reads the
// clock unless Options.End is zero.
package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"csatdesk/data"
)

// BusinessName is the name of the sample business.
const BusinessName = "Café Liepa"

// The sample's two locations (values of the data.TagLocation tag).
const (
	OldTown   = "Old Town"
	Riverside = "Riverside"
)

// Question codes of the sample survey, in question order (IDs 1..6).
const (
	CodeOverall = "overall"
	CodeSpeed   = "speed"
	CodeNPS     = "nps"
	CodeEffort  = "effort"
	CodeFound   = "found"
	CodeComment = "suggestion"
)

// Question IDs of the sample survey, as assigned by data.Survey.AddQuestion.
const (
	qOverall uint32 = iota + 1
	qSpeed
	qNPS
	qEffort
	qFound
	qComment
)

// Options controls Generate.
type Options struct {
	// Seed selects the dataset; the same Options give the same output.
	Seed int64
	// End is the last collection date; zero means time.Now().
	End time.Time
	// Years is how many years of history to generate; zero or less means 2.
	Years int
	// Loc is the time zone of the generated dates; nil means time.Local.
	Loc *time.Location
}

// Business is a generated sample business: one survey and its responses.
type Business struct {
	// Name is the business name, "Café Liepa".
	Name string
	// Survey is the "Visit feedback" survey with question IDs 1..6 and
	// ID 0: it is not stored yet.
	Survey data.Survey
	// Responses are sorted by CollectedAt. Their SurveyID is 0 (the caller
	// sets it after storing the survey) and their IDs are zero (the store
	// assigns them).
	Responses []data.Response
}

// NewSurvey returns the sample "Visit feedback" survey, with question IDs
// 1..6 and the given creation time; its ID is 0.
func NewSurvey(created time.Time) data.Survey {
	s := data.Survey{
		Name:        "Visit feedback",
		Description: "Feedback cards on the tables at both cafés, plus short phone and email follow-ups.",
		Business:    BusinessName,
		Language:    "en",
		Created:     created,
		Updated:     created,
		Version:     1,
	}
	add := func(k data.Kind, code, text string, required bool) {
		q := data.NewQuestion(k, text, 5)
		q.Code = code
		q.Required = required
		s.AddQuestion(q)
	}
	add(data.KindRating, CodeOverall, "Overall, how satisfied were you with your visit?", true)
	add(data.KindRating, CodeSpeed, "How satisfied were you with the speed of service?", false)
	add(data.KindNPS, CodeNPS, "How likely are you to recommend us to a friend or colleague?", false)
	add(data.KindCES, CodeEffort, BusinessName+" made it easy for me to order and pay.", false)
	add(data.KindYesNo, CodeFound, "Did you find everything you wanted?", false)
	add(data.KindText, CodeComment, "Anything we could do better?", false)
	return s
}

// DipStart returns the first day (midnight in loc) of the Riverside
// satisfaction dip for a dataset ending at end: nine months before end.
func DipStart(end time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.Local
	}
	y, m, d := end.In(loc).AddDate(0, -9, 0).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// DipWeeks is the length of the Riverside dip in weeks.
const DipWeeks = 7

// staff is one member of a location's team.
type staff struct {
	initials string
	adj      float64 // effect on the satisfaction latent
	fromDip  bool    // joined when the dip started
}

var teams = map[string][]staff{
	OldTown:   {{"AL", 0.10, false}, {"MB", 0.05, false}, {"JK", 0, false}, {"RS", -0.05, false}},
	Riverside: {{"IV", 0.05, false}, {"DP", 0, false}, {"LZ", 0.05, false}, {"TK", 0, true}},
}

// locations in generation order, with their base daily volume and
// satisfaction offset.
var locations = []struct {
	name   string
	volume float64
	adj    float64
}{
	{OldTown, 3.0, 0.05},
	{Riverside, 2.4, -0.02},
}

// Volume factors by weekday (Sunday first) and month (January first).
var (
	weekdayVolume = [7]float64{1.10, 0.55, 0.90, 0.95, 1.00, 1.20, 1.35}
	monthVolume   = [12]float64{0.80, 0.78, 0.88, 0.95, 1.05, 1.25, 1.35, 1.30, 1.00, 0.90, 0.88, 1.25}
	// monthMood shifts satisfaction: the busy summer and the last weeks
	// before Christmas are a little worse, quiet months a little better.
	monthMood = [12]float64{0.10, 0.08, 0.05, 0.03, 0, -0.06, -0.10, -0.08, 0, 0.05, 0.05, -0.05}
)

// hourWeights is how visits spread over opening hours (index = hour).
var hourWeights = [24]float64{8: 6, 9: 9, 10: 8, 11: 7, 12: 10, 13: 10, 14: 7, 15: 7, 16: 8, 17: 6, 18: 4, 19: 2}

type gen struct {
	r         *rand.Rand
	loc       *time.Location
	start     time.Time // End − Years
	end       time.Time
	dipStart  time.Time
	dipEnd    time.Time // exclusive
	firstDay  time.Time
	totalDays float64
	out       []data.Response
}

// Generate returns the sample business for opt. The output depends only on
// opt (and on the clock when opt.End is zero).
func Generate(opt Options) Business {
	loc := opt.Loc
	if loc == nil {
		loc = time.Local
	}
	end := opt.End
	if end.IsZero() {
		end = time.Now()
	}
	end = end.In(loc)
	years := opt.Years
	if years <= 0 {
		years = 2
	}
	g := &gen{
		r:     rand.New(rand.NewPCG(uint64(opt.Seed), 0x5eed_cafe_11e9a)),
		loc:   loc,
		start: end.AddDate(-years, 0, 0),
		end:   end,
	}
	g.dipStart = DipStart(end, loc)
	g.dipEnd = g.dipStart.AddDate(0, 0, 7*DipWeeks)
	y, m, d := g.start.Date()
	g.firstDay = time.Date(y, m, d, 0, 0, 0, 0, loc)
	g.totalDays = g.end.Sub(g.firstDay).Hours() / 24
	g.out = make([]data.Response, 0, int(g.totalDays*6))

	survey := NewSurvey(time.Date(y, m, d, 10, 0, 0, 0, loc).AddDate(0, 0, -14))
	for day := g.firstDay; !day.After(end); day = day.AddDate(0, 0, 1) {
		for _, l := range locations {
			g.day(day, l.name, l.volume, l.adj)
		}
	}
	slices.SortStableFunc(g.out, func(a, b data.Response) int { return a.CollectedAt.Compare(b.CollectedAt) })
	form := 0
	for i := range g.out {
		if g.out[i].Channel == "paper" {
			form++
			g.out[i].FormNumber = fmt.Sprintf("A-%04d", form)
		}
	}
	return Business{Name: BusinessName, Survey: survey, Responses: g.out}
}

// dipLevel is how strongly the Riverside dip applies on day: 1 in the core
// weeks, ramping in over the first five days and out over two weeks after.
func (g *gen) dipLevel(day time.Time) float64 {
	if day.Before(g.dipStart) {
		return 0
	}
	days := day.Sub(g.dipStart).Hours() / 24
	core := float64(7 * DipWeeks)
	switch {
	case days < 5:
		return 0.6 + 0.08*days
	case days < core:
		return 1
	case days < core+14:
		return 1 - (days-core)/14
	}
	return 0
}

// day generates the responses of one location on one day.
func (g *gen) day(day time.Time, location string, base, locAdj float64) {
	_, month, dom := day.Date()
	wd := day.Weekday()
	if (month == time.December && dom == 25) || (month == time.January && dom == 1) {
		return // closed
	}
	frac := day.Sub(g.firstDay).Hours() / 24 / math.Max(g.totalDays, 1)
	lambda := base * weekdayVolume[wd] * monthVolume[month-1] * (0.85 + 0.3*frac)
	switch {
	case month == time.December && dom == 24:
		lambda *= 0.5
	case month == time.December && dom == 31:
		lambda *= 0.6
	}
	dip := 0.0
	if location == Riverside {
		dip = g.dipLevel(day)
		if month >= time.June && month <= time.August {
			lambda *= 1.1 // the river terrace
		}
	}
	lambda *= 1 - 0.25*dip // half the menu is off during the renovation

	// A day's mood: some days simply go better than others.
	mood := 0.08 * g.r.NormFloat64()
	mu := 1.0 + locAdj + monthMood[month-1] + 0.08*frac + mood - 0.7*dip
	speedMu := -0.25
	if wd == time.Saturday || wd == time.Sunday {
		speedMu -= 0.15
	}
	if month >= time.June && month <= time.August || month == time.December {
		speedMu -= 0.10
	}
	speedMu -= 0.6 * dip

	n := g.poisson(lambda)
	for range n {
		g.response(day, location, mu, speedMu, dip)
	}
}

// response generates one response and appends it if it lies in range.
func (g *gen) response(day time.Time, location string, mu, speedMu, dip float64) {
	r := g.r
	// Who served, and through which channel the answer came.
	team := teams[location]
	if day.Before(g.dipStart) && team[len(team)-1].fromDip {
		team = team[:len(team)-1] // the newcomer has not started yet
	}
	who := team[r.IntN(len(team))]
	channel := "paper"
	switch p := r.Float64(); {
	case p < 0.13:
		channel = "email"
	case p < 0.24:
		channel = "phone"
	}

	at := g.collectedAt(day, channel)
	if at.Before(g.start) || at.After(g.end) {
		return
	}

	m := mu + who.adj
	if who.fromDip && dip > 0 {
		m -= 0.35 * dip // still learning the menu and the till
	}
	e := r.NormFloat64()
	z := m + e
	if r.Float64() < 0.015 {
		z -= 2 // something went badly wrong
	}
	overall := cut(z)
	speed := cut(speedMu + m + 0.7*e + 0.71*r.NormFloat64())
	zn := 0.85*z + 0.45*r.NormFloat64()
	nps := clamp(int(math.Round(6.9+1.8*zn)), 0, 10)
	zc := 0.65*z + 0.76*r.NormFloat64() - 0.3*dip
	effort := clamp(int(math.Round(5.0+1.1*zc)), 1, 7)
	pFound := [6]float64{0, 0.5, 0.55, 0.75, 0.92, 0.96}[overall] - 0.25*dip
	found := 0
	if r.Float64() < pFound {
		found = 1
	}

	resp := data.Response{
		SurveyVersion: 1,
		CollectedAt:   at,
		EnteredAt:     g.enteredAt(at, channel),
		Source:        data.SourceSample,
		Channel:       channel,
		Tags:          map[string]string{data.TagLocation: location},
		Answers:       map[uint32]int{qOverall: overall},
	}
	// Paper forms have a "served by" box; on the phone and by email people
	// often do not know the name. Blank answers: paper forms get skipped
	// the most.
	staffShown, blank := 0.85, [4]float64{0.05, 0.09, 0.14, 0.06}
	switch channel {
	case "phone":
		staffShown, blank = 0.6, [4]float64{0, 0.01, 0.03, 0.01}
	case "email":
		staffShown, blank = 0.4, [4]float64{0.02, 0.03, 0.06, 0.03}
	}
	if r.Float64() < staffShown {
		resp.Tags[data.TagStaff] = who.initials
	}
	for i, a := range [4]struct {
		id uint32
		v  int
	}{{qSpeed, speed}, {qNPS, nps}, {qEffort, effort}, {qFound, found}} {
		if r.Float64() >= blank[i] {
			resp.Answers[a.id] = a.v
		}
	}

	pComment := [6]float64{0, 0.6, 0.55, 0.35, 0.14, 0.12}[overall]
	switch channel {
	case "email":
		pComment *= 1.3
	case "phone":
		pComment *= 0.8
	}
	if r.Float64() < pComment {
		s, sOK := resp.Answers[qSpeed]
		text := g.comment(overall, sOK && s <= 2, dip > 0.3 && location == Riverside, location, at.Month())
		resp.Texts = map[uint32]string{qComment: text}
		unhappy := overall <= 2 || (overall == 3 && nps <= 4)
		if unhappy && channel != "phone" && r.Float64() < 0.4 {
			resp.Comment = g.contact()
		}
	}
	g.out = append(g.out, resp)
}

// collectedAt picks a time of day on day for a response through channel.
func (g *gen) collectedAt(day time.Time, channel string) time.Time {
	r := g.r
	y, m, d := day.Date()
	var h int
	switch channel {
	case "email":
		h = 7 + r.IntN(16) // answered at home, any time 7:00–22:59
	case "phone":
		h = 10 + r.IntN(7) // follow-up calls 10:00–16:59
	default:
		h = pick(r, hourWeights[:])
		if day.Weekday() == time.Sunday && (h < 9 || h > 17) {
			h = 9 + r.IntN(9) // shorter Sunday hours
		}
	}
	return time.Date(y, m, d, h, r.IntN(60), r.IntN(60), 0, g.loc)
}

// enteredAt returns when a response collected at at was typed in: paper
// forms a day or two later after closing, phone answers during the call,
// email answers at once. It is never after the end of the dataset unless
// the response itself is.
func (g *gen) enteredAt(at time.Time, channel string) time.Time {
	r := g.r
	var t time.Time
	switch channel {
	case "email":
		t = at
	case "phone":
		t = at.Add(time.Duration(2+r.IntN(9)) * time.Minute)
	default:
		days := 1
		if r.Float64() < 0.4 {
			days = 2
		}
		y, m, d := at.AddDate(0, 0, days).Date()
		t = time.Date(y, m, d, 17, 30+r.IntN(30), r.IntN(60), 0, g.loc).Add(time.Duration(r.IntN(90)) * time.Minute)
	}
	if t.After(g.end) {
		t = g.end
	}
	if t.Before(at) {
		t = at
	}
	return t
}

// comment picks an open comment that matches the scores and the situation.
func (g *gen) comment(overall int, slow, renovation bool, location string, month time.Month) string {
	r := g.r
	summer := month >= time.June && month <= time.August
	switch {
	case overall <= 2:
		if renovation && r.Float64() < 0.6 {
			return oneOf(r, renovationComments)
		}
		if slow && r.Float64() < 0.5 {
			return oneOf(r, slowComments)
		}
		return oneOf(r, negativeComments)
	case overall == 3:
		if renovation && r.Float64() < 0.4 {
			return oneOf(r, renovationComments)
		}
		if slow && r.Float64() < 0.6 {
			return oneOf(r, slowComments)
		}
		return oneOf(r, mixedComments)
	case overall == 4:
		return oneOf(r, suggestionComments)
	}
	switch p := r.Float64(); {
	case summer && p < 0.3:
		if location == Riverside {
			return oneOf(r, riversideSummerComments)
		}
		return oneOf(r, summerComments)
	case month == time.December && p < 0.35:
		return oneOf(r, decemberComments)
	}
	return oneOf(r, positiveComments)
}

// contact returns a contact note: fictional phone numbers (Ofcom's drama
// range, the North American 555-01xx range) and example.* e-mail domains.
func (g *gen) contact() string {
	r := g.r
	name := oneOf(r, firstNames)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("Please call me back: +44 7700 900%03d (%s)", r.IntN(1000), name)
	case 1:
		return fmt.Sprintf("%s, +1 202 555 01%02d, would like a call from the manager", name, r.IntN(100))
	case 2:
		return fmt.Sprintf("Email me: %s%d@example.com", lower(name), 10+r.IntN(90))
	}
	return fmt.Sprintf("Contact %s at %s.%s@example.org", name, lower(name), lower(oneOf(r, surnames)))
}

// cut maps a satisfaction latent to a 1–5 rating; 4 and 5 (satisfied)
// begin at 0.
func cut(z float64) int {
	switch {
	case z >= 1.0:
		return 5
	case z >= 0:
		return 4
	case z >= -0.8:
		return 3
	case z >= -1.6:
		return 2
	}
	return 1
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// poisson draws from a Poisson distribution with mean lambda (Knuth's
// method; lambda is small here).
func (g *gen) poisson(lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= g.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// pick returns an index drawn with the given weights.
func pick(r *rand.Rand, w []float64) int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	x := r.Float64() * sum
	for i, wi := range w {
		if x < wi {
			return i
		}
		x -= wi
	}
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] > 0 {
			return i
		}
	}
	return 0
}

func oneOf(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
