package sample

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Riga on machines without a zone database

	"csatdesk/data"
)

func riga(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Riga")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func testOptions(t testing.TB, seed int64) Options {
	loc := riga(t)
	return Options{Seed: seed, End: time.Date(2025, 6, 30, 21, 0, 0, 0, loc), Loc: loc}
}

// stored returns a copy of b as the store would see it: the survey has an
// ID and every response carries it.
func stored(b Business) (data.Survey, []data.Response) {
	s := b.Survey
	s.ID = 1
	rs := make([]data.Response, len(b.Responses))
	copy(rs, b.Responses)
	for i := range rs {
		rs[i].SurveyID = s.ID
	}
	return s, rs
}

// window is a run of days at one location with its overall CSAT.
type window struct {
	location string
	from, to data.Day // inclusive
	csat     data.CSAT
}

func (w window) String() string {
	return fmt.Sprintf("%s %s..%s: %.1f %% of %d", w.location, w.from, w.to, w.csat.Percent, w.csat.N)
}

// worstWindow returns the lowest-CSAT window of the given length in days at
// any location, among windows with at least 30 answers.
func worstWindow(b Business, days int) (window, bool) {
	q, _ := b.Survey.MainCSAT()
	byLoc := map[string]map[data.Day]*data.Histogram{}
	var first, last data.Day
	for i, r := range b.Responses {
		v, ok := r.Answers[q.ID]
		if !ok {
			continue
		}
		l := r.Tags[data.TagLocation]
		if byLoc[l] == nil {
			byLoc[l] = map[data.Day]*data.Histogram{}
		}
		d := r.Day()
		h := byLoc[l][d]
		if h == nil {
			h = new(data.Histogram)
			byLoc[l][d] = h
		}
		h.Add(v)
		if i == 0 || d < first {
			first = d
		}
		last = max(last, d)
	}
	best, found := window{}, false
	for _, l := range []string{OldTown, Riverside} {
		for from := first; from+data.Day(days-1) <= last; from++ {
			var h data.Histogram
			for d := from; d < from+data.Day(days); d++ {
				if x := byLoc[l][d]; x != nil {
					h.Merge(*x)
				}
			}
			c := data.CSATOf(h, q.SatisfiedFrom)
			if c.N >= 30 && (!found || c.Percent < best.csat.Percent) {
				best, found = window{l, from, from + data.Day(days-1), c}, true
			}
		}
	}
	return best, found
}

func overallCSAT(b Business) data.CSAT {
	q, _ := b.Survey.MainCSAT()
	var h data.Histogram
	for _, r := range b.Responses {
		if v, ok := r.Answers[q.ID]; ok {
			h.Add(v)
		}
	}
	return data.CSATOf(h, q.SatisfiedFrom)
}

func TestGenerate(t *testing.T) {
	checks := []struct {
		name  string
		check func(t *testing.T, opt Options, b Business)
	}{
		{"the business is Café Liepa with the Visit feedback survey", func(t *testing.T, _ Options, b Business) {
			if b.Name != "Café Liepa" || b.Survey.Name != "Visit feedback" || b.Survey.Business != "Café Liepa" || b.Survey.Language != "en" {
				t.Errorf("got %q / %q / %q / %q", b.Name, b.Survey.Name, b.Survey.Business, b.Survey.Language)
			}
			if b.Survey.ID != 0 {
				t.Errorf("survey ID = %d, want 0 (not stored)", b.Survey.ID)
			}
		}},
		{"the survey has six valid questions with IDs 1 to 6 and codes", func(t *testing.T, _ Options, b Business) {
			s, _ := stored(b)
			if err := s.Validate(); err != nil {
				t.Fatal(err)
			}
			want := []struct {
				code string
				kind data.Kind
			}{{"overall", data.KindRating}, {"speed", data.KindRating}, {"nps", data.KindNPS}, {"effort", data.KindCES}, {"found", data.KindYesNo}, {"suggestion", data.KindText}}
			if len(s.Questions) != len(want) {
				t.Fatalf("%d questions, want %d", len(s.Questions), len(want))
			}
			for i, q := range s.Questions {
				if q.ID != uint32(i+1) || q.Code != want[i].code || q.Kind != want[i].kind {
					t.Errorf("question %d = id %d code %q kind %s, want id %d %q %s", i+1, q.ID, q.Code, q.Kind, i+1, want[i].code, want[i].kind)
				}
			}
			if !s.Questions[0].Required || s.Questions[5].Required {
				t.Error("overall should be required and the comment optional")
			}
		}},
		{"the number of responses is between 3,000 and 5,000", func(t *testing.T, _ Options, b Business) {
			if n := len(b.Responses); n < 3000 || n > 5000 {
				t.Errorf("%d responses", n)
			}
		}},
		{"every response validates against the stored survey", func(t *testing.T, _ Options, b Business) {
			s, rs := stored(b)
			for i := range rs {
				if err := rs[i].Validate(&s); err != nil {
					t.Fatalf("response %d (%s): %v", i, rs[i].CollectedAt, err)
				}
			}
		}},
		{"responses are unstored sample data with zero IDs", func(t *testing.T, _ Options, b Business) {
			for i, r := range b.Responses {
				if !r.ID.IsZero() || r.SurveyID != 0 || r.Source != data.SourceSample || r.SurveyVersion != b.Survey.Version {
					t.Fatalf("response %d: id %s survey %d source %q version %d", i, r.ID, r.SurveyID, r.Source, r.SurveyVersion)
				}
			}
		}},
		{"overall CSAT lies between 78 and 88 percent", func(t *testing.T, _ Options, b Business) {
			c := overallCSAT(b)
			t.Logf("overall CSAT %.1f %% of %d", c.Percent, c.N)
			if c.Percent < 78 || c.Percent > 88 {
				t.Errorf("overall CSAT %.1f %%", c.Percent)
			}
		}},
		{"some six-week window at one location is below 75 percent", func(t *testing.T, _ Options, b Business) {
			w, ok := worstWindow(b, 42)
			if !ok || w.csat.Percent >= 75 {
				t.Fatalf("worst six-week window: %v", w)
			}
			t.Logf("worst six-week window: %v", w)
		}},
		{"every channel and location appears", func(t *testing.T, _ Options, b Business) {
			count := map[string]int{}
			for _, r := range b.Responses {
				count["channel "+r.Channel]++
				count["location "+r.Tags[data.TagLocation]]++
			}
			for _, k := range []string{"channel paper", "channel phone", "channel email", "location Old Town", "location Riverside"} {
				if count[k] == 0 {
					t.Errorf("no %s", k)
				}
			}
			if count["channel paper"] < count["channel phone"]+count["channel email"] {
				t.Errorf("paper should be most: %v", count)
			}
		}},
		{"each location has three or four staff", func(t *testing.T, _ Options, b Business) {
			staff := map[string]map[string]bool{}
			for _, r := range b.Responses {
				l := r.Tags[data.TagLocation]
				if staff[l] == nil {
					staff[l] = map[string]bool{}
				}
				if s := r.Tags[data.TagStaff]; s != "" {
					staff[l][s] = true
				}
			}
			for _, l := range []string{OldTown, Riverside} {
				if n := len(staff[l]); n < 3 || n > 4 {
					t.Errorf("%s has %d staff: %v", l, n, staff[l])
				}
			}
		}},
		{"dates lie within the requested years and are sorted", func(t *testing.T, opt Options, b Business) {
			start := opt.End.AddDate(-2, 0, 0)
			for i, r := range b.Responses {
				if r.CollectedAt.Before(start) || r.CollectedAt.After(opt.End) {
					t.Fatalf("response %d collected %s, outside %s..%s", i, r.CollectedAt, start, opt.End)
				}
				if r.CollectedAt.Location() != opt.Loc {
					t.Fatalf("response %d is in %s", i, r.CollectedAt.Location())
				}
				if i > 0 && r.CollectedAt.Before(b.Responses[i-1].CollectedAt) {
					t.Fatalf("response %d is before response %d", i, i-1)
				}
				if r.EnteredAt.Before(r.CollectedAt) {
					t.Fatalf("response %d entered before it was collected", i)
				}
			}
			first, last := b.Responses[0].CollectedAt, b.Responses[len(b.Responses)-1].CollectedAt
			if first.Sub(start) > 7*24*time.Hour || opt.End.Sub(last) > 7*24*time.Hour {
				t.Errorf("data spans %s..%s, want about %s..%s", first, last, start, opt.End)
			}
		}},
		{"paper forms are numbered in sequence and entered a day or two later", func(t *testing.T, opt Options, b Business) {
			n := 0
			for i, r := range b.Responses {
				if r.Channel != "paper" {
					if r.FormNumber != "" {
						t.Fatalf("response %d by %s has form number %q", i, r.Channel, r.FormNumber)
					}
					continue
				}
				n++
				if want := fmt.Sprintf("A-%04d", n); r.FormNumber != want {
					t.Fatalf("response %d has form %q, want %q", i, r.FormNumber, want)
				}
				days := data.DayOf(r.EnteredAt) - data.DayOf(r.CollectedAt)
				if (days < 1 || days > 2) && !r.EnteredAt.Equal(opt.End) {
					t.Fatalf("response %d collected %s entered %s", i, r.CollectedAt, r.EnteredAt)
				}
			}
		}},
		{"some optional answers are blank but overall never is", func(t *testing.T, _ Options, b Business) {
			blank := map[uint32]int{}
			for _, r := range b.Responses {
				for id := qOverall; id <= qFound; id++ {
					if _, ok := r.Answers[id]; !ok {
						blank[id]++
					}
				}
			}
			if blank[qOverall] != 0 {
				t.Errorf("%d blank overall answers", blank[qOverall])
			}
			for id := qSpeed; id <= qFound; id++ {
				if share := float64(blank[id]) / float64(len(b.Responses)); share < 0.01 || share > 0.2 {
					t.Errorf("question %d blank in %.1f %% of responses", id, share*100)
				}
			}
		}},
		{"speed, NPS and effort move with overall satisfaction", func(t *testing.T, _ Options, b Business) {
			for _, id := range []uint32{qSpeed, qNPS, qEffort} {
				var xs, ys []float64
				for _, r := range b.Responses {
					if y, ok := r.Answers[id]; ok {
						xs = append(xs, float64(r.Answers[qOverall]))
						ys = append(ys, float64(y))
					}
				}
				if c := correlation(xs, ys); c < 0.4 {
					t.Errorf("question %d correlates %.2f with overall", id, c)
				}
			}
		}},
		{"comments match the mood and some unhappy ones leave contact details", func(t *testing.T, _ Options, b Business) {
			var comments, contacts, happyContacts int
			for _, r := range b.Responses {
				if strings.TrimSpace(r.Texts[qComment]) != "" {
					comments++
				}
				if r.Comment != "" {
					contacts++
					if r.Answers[qOverall] >= 4 {
						happyContacts++
					}
					if !strings.Contains(r.Comment, "@example.") && !strings.Contains(r.Comment, "+") {
						t.Errorf("contact note without phone or email: %q", r.Comment)
					}
				}
			}
			if share := float64(comments) / float64(len(b.Responses)); share < 0.08 || share > 0.35 {
				t.Errorf("comments on %.1f %% of responses", share*100)
			}
			if contacts < 10 || happyContacts > 0 {
				t.Errorf("%d contact notes, %d from satisfied customers", contacts, happyContacts)
			}
		}},
		{"Mondays are quieter than Saturdays and July busier than February", func(t *testing.T, _ Options, b Business) {
			wd, mo := map[time.Weekday]int{}, map[time.Month]int{}
			for _, r := range b.Responses {
				wd[r.CollectedAt.Weekday()]++
				mo[r.CollectedAt.Month()]++
			}
			if wd[time.Monday] >= wd[time.Saturday] || mo[time.February] >= mo[time.July] || mo[time.November] >= mo[time.December] {
				t.Errorf("weekdays %v, months %v", wd, mo)
			}
		}},
	}
	for _, seed := range []int64{1, 7, 2024} {
		opt := testOptions(t, seed)
		b := Generate(opt)
		for _, c := range checks {
			t.Run(fmt.Sprintf("seed %d: %s", seed, c.name), func(t *testing.T) { c.check(t, opt, b) })
		}
	}
}

func correlation(xs, ys []float64) float64 {
	n := float64(len(xs))
	var sx, sy, sxx, syy, sxy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		syy += ys[i] * ys[i]
		sxy += xs[i] * ys[i]
	}
	cov := sxy/n - sx/n*sy/n
	vx, vy := sxx/n-sx/n*sx/n, syy/n-sy/n*sy/n
	if vx <= 0 || vy <= 0 {
		return 0
	}
	return cov / math.Sqrt(vx*vy)
}

func TestGenerateIsDeterministic(t *testing.T) {
	cases := []struct {
		name string
		a, b int64
		same bool
	}{
		{"the same seed gives identical output", 42, 42, true},
		{"a different seed gives different output", 42, 43, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := Generate(testOptions(t, c.a)), Generate(testOptions(t, c.b))
			if got := reflect.DeepEqual(a, b); got != c.same {
				t.Errorf("DeepEqual = %v, want %v", got, c.same)
			}
		})
	}
}

func TestGenerateDefaults(t *testing.T) {
	cases := []struct {
		name  string
		opt   Options
		years int
	}{
		{"zero options end now, in local time, over two years", Options{}, 2},
		{"three years give about half as much again", Options{Seed: 3, Years: 3, Loc: time.UTC}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := time.Now()
			b := Generate(c.opt)
			last := b.Responses[len(b.Responses)-1].CollectedAt
			if last.After(time.Now()) || before.Sub(last) > 7*24*time.Hour {
				t.Errorf("last response %s, want shortly before now", last)
			}
			wantLoc := c.opt.Loc
			if wantLoc == nil {
				wantLoc = time.Local
			}
			if last.Location() != wantLoc {
				t.Errorf("location %s, want %s", last.Location(), wantLoc)
			}
			first := b.Responses[0].CollectedAt
			if span := last.Sub(first).Hours() / 24 / 365; span < float64(c.years)-0.05 || span > float64(c.years)+0.01 {
				t.Errorf("span %.2f years, want %d", span, c.years)
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	opt := testOptions(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		Generate(opt)
	}
}
