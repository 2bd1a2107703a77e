package insight_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/store"
)

const overall = "How satisfied were you overall?"

// revision is how the main question changed once responses existed.
type revision struct {
	name       string
	points     int // the new scale's maximum
	cut        int // the new cut-off
	newAnswers []int
}

var revisions = []revision{
	{"a scale change (1–5 to 1–10)", 10, 8, []int{10, 9, 8, 8, 7, 6, 10, 9, 3, 8}}, // 7 of 10 satisfied
	{"a cut-off change (4 to 5)", 5, 5, []int{5, 5, 4, 4, 5, 3, 5, 5, 2, 5}},       // 6 of 10 satisfied
}

// oldAnswers are the main question's answers in each month before the
// change: 7 of 10 satisfied at 4.
var oldAnswers = []int{5, 5, 5, 4, 4, 4, 3, 2, 1, 5}

// revisedStore stores a survey whose main question was retired by rev
// after six months of answers (January–June 2026), with four months of
// answers to its replacement (July–October), as the designer does it: the
// old question keeps its ID and is retired (and moves to the end), the
// edited copy gets a new ID in its place, the survey's version is bumped.
func revisedStore(t *testing.T, rev revision) (*store.Store, data.Survey) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sv := data.Survey{Name: "Revised café"}
	q := data.NewQuestion(data.KindRating, overall, 5)
	q.Code = "overall"
	sv.AddQuestion(q)
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How was the food?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Would you recommend us?", 0))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	add := func(months []time.Month, qid uint32, answers []int) {
		var rs []data.Response
		for _, m := range months {
			for i, v := range answers {
				rs = append(rs, data.Response{SurveyID: sv.ID, Channel: "paper",
					CollectedAt: time.Date(2026, m, 10+i, 12, 0, 0, 0, time.UTC),
					Answers:     map[uint32]int{qid: v, 2: 4, 3: 9}})
			}
		}
		if err := st.AddResponses(rs); err != nil {
			t.Fatal(err)
		}
	}
	add([]time.Month{1, 2, 3, 4, 5, 6}, 1, oldAnswers)

	// The edited copy takes the old one's place; retired questions go last.
	old := sv.Questions[0]
	old.Retired = true
	nq := data.NewQuestion(data.KindRating, overall, rev.points)
	nq.Code, nq.SatisfiedFrom, nq.SinceVersion = "overall", rev.cut, 2
	newID := sv.AddQuestion(nq)
	sv.Questions = append([]data.Question{sv.Questions[3], sv.Questions[1], sv.Questions[2]}, old)
	sv.Version = 2
	if err := st.SaveSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	add([]time.Month{7, 8, 9, 10}, newID, rev.newAnswers)
	return st, sv
}

func day(m time.Month, d int) data.Day { return data.DayFromDate(2026, m, d) }

func TestTheDefaultQuestionKeepsTheHistoryOfTheQuestionsItReplaced(t *testing.T) {
	for _, rev := range revisions {
		t.Run(rev.name, func(t *testing.T) {
			st, sv := revisedStore(t, rev)
			qs, ok := insight.Main(&sv)
			if !ok || len(qs) != 2 || qs[0].ID != 4 || qs[1].ID != 1 {
				t.Fatalf("Main = %+v, want the new question 4 then the retired 1", qs)
			}
			newSat := uint64(0)
			for _, v := range rev.newAnswers {
				if v >= rev.cut {
					newSat++
				}
			}
			cases := []struct {
				name     string
				from, to data.Day
				n, sat   uint64
			}{
				{"a month before the change", day(3, 1), day(3, 31), 10, 7},
				{"the half year before the change", day(1, 1), day(6, 30), 60, 42},
				{"a month after the change", day(8, 1), day(8, 31), 10, newSat},
				{"across the change", day(6, 1), day(7, 31), 20, 7 + newSat},
			}
			choices, def := insight.Choices(insight.English, &sv)
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					k, err := insight.KPIs(st, &sv, choices[def], data.Segment{}, c.from, c.to)
					if err != nil {
						t.Fatal(err)
					}
					if k.CSAT.N != c.n || k.CSAT.Satisfied != c.sat {
						t.Errorf("default question: %d of %d satisfied, want %d of %d", k.CSAT.Satisfied, k.CSAT.N, c.sat, c.n)
					}
					if k.Question.ID != 4 {
						t.Errorf("the figures are labelled with question %d, want the current one", k.Question.ID)
					}
					rows, err := data.SummarizeQuestions(st, &sv, qs, data.Segment{}, data.PeriodMonth, c.from, c.to)
					if err != nil {
						t.Fatal(err)
					}
					var n uint64
					for _, r := range rows {
						n += r.CSAT.N
					}
					if n != c.n {
						t.Errorf("the monthly summary counts %d answers, want %d", n, c.n)
					}
				})
			}
		})
	}
}

func TestAllSatisfactionQuestionsIncludeRetiredOnes(t *testing.T) {
	st, sv := revisedStore(t, revisions[0])
	choices, def := insight.Choices(insight.English, &sv)
	if len(choices) == 0 || !choices[0].All {
		t.Fatalf("the first choice should be all satisfaction questions: %+v", choices)
	}
	ids := map[uint32]bool{}
	for _, q := range choices[0].Questions {
		ids[q.ID] = true
	}
	if !ids[1] || !ids[2] || !ids[4] || ids[3] {
		t.Errorf("all satisfaction questions are %v, want 1 (retired), 2 and 4, not the NPS question", ids)
	}
	if choices[def].Questions[0].ID != 4 {
		t.Errorf("the default choice is %q", choices[def].Label)
	}
	k, err := insight.KPIs(st, &sv, choices[0], data.Segment{}, day(1, 1), day(6, 30))
	if err != nil {
		t.Fatal(err)
	}
	// 60 answers to the old main question and 60 to the food question
	// (all 4: satisfied).
	if k.CSAT.N != 120 || k.CSAT.Satisfied != 102 || !math.IsNaN(k.Mean) || k.Question.ID != 0 {
		t.Errorf("all satisfaction questions before the change: %d of %d, mean %v, question %d; want 102 of 120, no mean, the stand-in",
			k.CSAT.Satisfied, k.CSAT.N, k.Mean, k.Question.ID)
	}
}

// replacing returns q recording that it replaced the question with ID old.
func replacing(q data.Question, old uint32) data.Question {
	q.Replaces = old
	return q
}

func TestLineageMatchesByCodeOrTextAndNeverAcrossKinds(t *testing.T) {
	rating := func(id uint32, text, code string, retired bool) data.Question {
		q := data.NewQuestion(data.KindRating, text, 5)
		q.ID, q.Code, q.Retired = id, code, retired
		return q
	}
	nps := data.NewQuestion(data.KindNPS, "Overall?", 0)
	nps.ID, nps.Retired = 9, true
	cases := []struct {
		name string
		qs   []data.Question
		want []uint32
	}{
		{"no retired question", []data.Question{rating(1, "Overall?", "", false)}, []uint32{1}},
		{"same text", []data.Question{rating(1, "Overall?", "", true), rating(2, " overall? ", "", false)}, []uint32{2, 1}},
		{"same code, new wording", []data.Question{rating(1, "Overall?", "o", true), rating(2, "All in all?", "o", false)}, []uint32{2, 1}},
		{"different codes win over the same text", []data.Question{rating(1, "Overall?", "a", true), rating(2, "Overall?", "b", false)}, []uint32{2}},
		{"a removed question with another text", []data.Question{rating(1, "Food?", "", true), rating(2, "Overall?", "", false)}, []uint32{2}},
		{"a chain of changes", []data.Question{rating(1, "Overall?", "", true), rating(3, "Overall?", "", true), rating(5, "Overall?", "", false)}, []uint32{5, 1, 3}},
		{"an NPS question is not a rating's past", []data.Question{nps, rating(2, "Overall?", "", false)}, []uint32{2}},
		{"a recorded link wins over a new wording and code", []data.Question{
			rating(1, "Food?", "food", true), replacing(rating(3, "How was the meal?", "meal", true), 1),
			replacing(rating(5, "Overall?", "", false), 3), rating(4, "Overall?", "", true)}, []uint32{5, 3, 1}},
		{"a recorded link never crosses kinds", []data.Question{nps, replacing(rating(2, "Overall?", "", false), 9)}, []uint32{2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sv := data.Survey{Questions: c.qs}
			main, ok := insight.Main(&sv)
			if !ok {
				t.Fatal("no main question")
			}
			var got []uint32
			for _, q := range main {
				got = append(got, q.ID)
			}
			if len(got) != len(c.want) {
				t.Fatalf("lineage %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("lineage %v, want %v", got, c.want)
				}
			}
		})
	}
}

func TestTheChartSeriesOfARevisedQuestionKeepTheirPast(t *testing.T) {
	for _, rev := range revisions {
		t.Run(rev.name, func(t *testing.T) {
			st, sv := revisedStore(t, rev)
			choices, def := insight.Choices(insight.English, &sv)
			q := insight.Query{Survey: sv, Choice: choices[def], From: day(1, 1), To: day(10, 31),
				Period: data.PeriodMonth, Settings: insight.DefaultSettings, Lang: insight.English}
			pts, err := q.Trend(st)
			if err != nil {
				t.Fatal(err)
			}
			if len(pts) != 10 {
				t.Fatalf("%d points, want 10 months", len(pts))
			}
			for i, p := range pts {
				if p.N != 10 {
					t.Errorf("month %d: n = %d, want 10", i+1, p.N)
				}
			}
			qn, h, err := q.Distribution(st)
			if err != nil {
				t.Fatal(err)
			}
			// The distribution is drawn on the current scale: the old
			// answers count when the scale stayed the same.
			want := uint64(40)
			if rev.points == 5 {
				want = 100
			}
			if qn.ID != 4 || h.N() != want {
				t.Errorf("distribution of question %d has %d answers, want question 4 with %d", qn.ID, h.N(), want)
			}
			q.Choice = choices[0]
			if _, _, err := q.Distribution(st); err == nil {
				t.Error("all satisfaction questions have no distribution: their scales differ")
			}
		})
	}
}

func TestPresetsResolveToDaysEndingToday(t *testing.T) {
	today := day(11, 20)
	span := func() (data.Day, data.Day, bool) { return day(1, 10), day(10, 19), true }
	none := func() (data.Day, data.Day, bool) { return 0, 0, false }
	ps := insight.Presets(insight.English)
	cases := []struct {
		name     string
		p        insight.Preset
		span     insight.Span
		from, to string
		wantFrom data.Day
		wantTo   data.Day
	}{
		{"last 30 days", ps[0], span, "", "", today - 29, today},
		{"last 12 months is the default", ps[insight.DefaultPreset], span, "", "", today - 364, today},
		{"this quarter", ps[3], span, "", "", day(10, 1), today},
		{"all time runs from the first response to today", ps[4], span, "", "", day(1, 10), today},
		{"all time without responses is today", ps[4], none, "", "", today, today},
		{"custom dates", ps[5], span, "2026-03-01", " 2026-03-31 ", day(3, 1), day(3, 31)},
		{"reversed custom dates fall back to 12 months", ps[5], span, "2026-03-31", "2026-03-01", today - 364, today},
		{"unreadable custom dates fall back to 12 months", ps[5], span, "March", "", today - 364, today},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, to := c.p.Range(today, c.span, c.from, c.to)
			if f != c.wantFrom || to != c.wantTo {
				t.Errorf("%s–%s, want %s–%s", f, to, c.wantFrom, c.wantTo)
			}
		})
	}
}

// settingsMap is a SettingStore in memory.
type settingsMap map[string][]byte

func (m settingsMap) Setting(k string) ([]byte, error)    { return m[k], nil }
func (m settingsMap) SetSetting(k string, v []byte) error { m[k] = v; return nil }

func TestSettingsRoundTripAndFallBackToTheDefaultBand(t *testing.T) {
	m := settingsMap{}
	if got := insight.LoadSettings(m); got != insight.DefaultSettings {
		t.Errorf("no settings yet gives %+v", got)
	}
	want := insight.Settings{Business: "Café Aroma", BandLow: 80, BandHigh: 90, Goal: 88, GoalDate: "2027-06-30"}
	if err := insight.SaveSettings(m, want); err != nil {
		t.Fatal(err)
	}
	if got := insight.LoadSettings(m); got != want {
		t.Errorf("loaded %+v, want %+v", got, want)
	}
	for _, bad := range []string{`{"band_low": 90, "band_high": 80}`, `{"band_low": 0, "band_high": 80}`, `{"band_low": 50, "band_high": 101}`, `not json`} {
		m[insight.SettingsKey] = []byte(bad)
		if got := insight.LoadSettings(m); got != insight.DefaultSettings {
			t.Errorf("%s gives %+v, want the default", bad, got)
		}
	}
	// The real store keeps them too.
	st, _ := revisedStore(t, revisions[1])
	if err := insight.SaveSettings(st, want); err != nil {
		t.Fatal(err)
	}
	if got := insight.LoadSettings(st); got != want {
		t.Errorf("the store gives back %+v", got)
	}
}

func TestParsePercent(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{{"78", 78, true}, {" 78.5 ", 78.5, true}, {"78,5", 78.5, true}, {"0", 0, true}, {"100", 100, true},
		{"101", 0, false}, {"-1", 0, false}, {"NaN", 0, false}, {"", 0, false}, {"abc", 0, false}}
	for _, c := range cases {
		got, err := insight.ParsePercent(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParsePercent(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestEnglishFillsPlaceholders(t *testing.T) {
	cases := []struct{ key, want string }{
		{"Goal {{.Goal}} % by {{.Date}}", "Goal 85 % by 2027-01-01"},
		{"no placeholders", "no placeholders"},
		{"{{.Missing}} stays", "{{.Missing}} stays"},
	}
	for _, c := range cases {
		if got := insight.English.L(c.key, map[string]any{"Goal": 85, "Date": "2027-01-01"}); got != c.want {
			t.Errorf("%q gives %q, want %q", c.key, got, c.want)
		}
	}
	if got := insight.English.Number(math.NaN(), 1); got != "–" {
		t.Errorf("NaN reads %q", got)
	}
	if got := insight.English.Number(78.45, 1); got != "78.5" && got != "78.4" {
		t.Errorf("78.45 reads %q", got)
	}
}

func TestChartWordsNameTheCutOffTheBusinessAndTheSegment(t *testing.T) {
	_, sv := revisedStore(t, revisions[1]) // cut-off 4 became 5
	choices, def := insight.Choices(insight.English, &sv)
	food := choices[def+1]
	q := insight.Query{Survey: sv, Choice: food, From: day(3, 1), To: day(3, 31), Period: data.PeriodMonth,
		Settings: insight.Settings{Business: "Café Aroma", BandLow: 80, BandHigh: 90, Goal: 92, GoalDate: "2027-01-01"}, Lang: insight.English}
	cases := []struct {
		name, got, want string
	}{
		{"one question's footer names its cut-off", q.Footer(), "Café Aroma · Satisfied = 4–5 on a 1–5 scale"},
		{"a question whose cut-off changed counts each answer by its own", func() string { q := q; q.Choice = choices[def]; return q.Footer() }(), "Café Aroma · Every answer to a satisfaction question counts"},
		{"all satisfaction questions", func() string { q := q; q.Choice = choices[0]; return q.Footer() }(), "Café Aroma · Every answer"},
		{"title", q.Title(insight.ChartTrend), "CSAT % by month: How was the food?"},
		{"subtitle", func() string { q := q; q.Segment = data.ByChannel("paper"); return q.Subtitle(10) }(), "Revised café · Channel: paper · 1 Mar 2026 – 31 Mar 2026 · n = 10"},
		{"band", q.BandLabel(), "Good CSAT 80–90 %"},
		{"goal", q.GoalLabel(), "Goal 92 % by 2027-01-01"},
		{"a free tag", insight.SegmentName(insight.English, data.Segment{Name: "shift", Value: "late"}), "Shift: late"},
		{"comparisons", strings.Join(insight.CompareOptions(insight.English, []data.Segment{{}, data.ByChannel("phone")}), "|"), "Nothing|The year before|Channel: phone"},
	}
	for _, c := range cases {
		if !strings.HasPrefix(c.got, c.want) {
			t.Errorf("%s: %q, want it to start with %q", c.name, c.got, c.want)
		}
	}
}

func TestPlaceAgainstTheBandCountsItsEndsAsWithin(t *testing.T) {
	s := insight.Settings{BandLow: 75, BandHigh: 85}
	cases := []struct {
		pct  float64
		want insight.Place
	}{{74.9, insight.BelowBand}, {75, insight.WithinBand}, {80, insight.WithinBand}, {85, insight.WithinBand}, {85.1, insight.AboveBand}}
	for _, c := range cases {
		if got := s.Place(c.pct); got != c.want {
			t.Errorf("%v %%: %v, want %v", c.pct, got, c.want)
		}
	}
}

func TestChoicesOfSurveys(t *testing.T) {
	rating := func(id uint32, text string, retired bool) data.Question {
		q := data.NewQuestion(data.KindRating, text, 5)
		q.ID, q.Retired = id, retired
		return q
	}
	nps := data.NewQuestion(data.KindNPS, "Recommend?", 0)
	nps.ID = 7
	text := data.NewQuestion(data.KindText, "Why?", 0)
	text.ID = 8
	cases := []struct {
		name   string
		qs     []data.Question
		labels string
		def    int
	}{
		{"one rating question", []data.Question{rating(1, "Overall?", false), text}, "Overall?", 0},
		{"two ratings and NPS", []data.Question{rating(1, "Overall?", false), rating(2, "Food?", false), nps}, "All satisfaction questions|Overall?|Food?|Recommend?", 1},
		{"a revised rating alone needs no all entry", []data.Question{rating(3, "Overall?", false), rating(1, "Overall?", true)}, "Overall?", 0},
		{"a removed rating keeps its history", []data.Question{rating(2, "Food?", false), rating(1, "Overall?", true)}, "All satisfaction questions|Food?", 1},
		{"every rating removed", []data.Question{nps, rating(1, "Overall?", true)}, "All satisfaction questions|Recommend?", 0},
		{"nothing to score", []data.Question{text}, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sv := data.Survey{Questions: c.qs}
			choices, def := insight.Choices(insight.English, &sv)
			var labels []string
			for _, ch := range choices {
				labels = append(labels, ch.Label)
			}
			if got := strings.Join(labels, "|"); got != c.labels || def != c.def {
				t.Errorf("choices %q (default %d), want %q (default %d)", got, def, c.labels, c.def)
			}
		})
	}
}
