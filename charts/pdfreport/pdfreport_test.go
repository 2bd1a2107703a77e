package pdfreport

import (
	"bytes"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// pdfText writes pdf to a file and returns its text (pdftotext, one
// space between words) and page count (pdfinfo); the test is skipped
// where poppler's tools are missing.
func pdfText(t *testing.T, pdf []byte) (string, int) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (poppler-utils)", tool)
		}
	}
	dir := t.TempDir()
	if keep := os.Getenv("PDFREPORT_KEEP"); keep != "" {
		dir = keep // PDFREPORT_KEEP=/some/dir keeps the PDFs to look at
	}
	path := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo says no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	return strings.Join(strings.Fields(string(out)), " "), pages
}

// hist is a 1–5 histogram with the given counts of 1…5.
func hist(counts ...uint64) data.Histogram {
	var h data.Histogram
	for i, c := range counts {
		for range c {
			h.Add(i + 1)
		}
	}
	return h
}

// month is a hand-made month's input: n answers, sat of them satisfied.
func month(sat, unhappy uint64) Input {
	from := data.DayFromDate(2026, time.March, 1)
	c := data.CSATOf(hist(unhappy, 0, 0, sat, 0), 4)
	var trend []data.TrendPoint
	for i, v := range []uint64{30, 34, 28} {
		s := data.DayFromDate(2025, time.December+time.Month(i), 1)
		tc := data.CSATOf(hist(10, 0, 0, v, 0), 4)
		trend = append(trend, data.TrendPoint{Start: s, Label: data.PeriodMonth.Label(s), N: tc.N, Value: tc.Percent, Low: tc.Low, High: tc.High})
	}
	trend = append(trend, data.TrendPoint{Start: from, Label: "2026-03", N: c.N, Value: c.Percent, Low: c.Low, High: c.High})
	return Input{Lang: "en", Business: "Café Liepa", Survey: "Visit feedback", Question: "Overall?",
		Period: data.PeriodMonth, From: from, To: data.DayFromDate(2026, time.March, 31),
		Created:   time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC),
		Responses: c.N, CSAT: c, Previous: data.CSATOf(hist(5, 0, 0, 25, 0), 4),
		BandLow: 75, BandHigh: 85, Trend: trend,
		Segments: []Row{{Label: "Location: Old Town", CSAT: c}},
		Comments: []Comment{{Day: from + 3, Score: 1, Max: 5, Text: "Cold coffee."}}}
}

func write(t *testing.T, in Input, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, in, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFewResponsesShowTheirWholeRange(t *testing.T) {
	// 8 of 10 satisfied: CSAT 80 %, but anywhere from 49.0 to 94.3 %.
	text, pages := pdfText(t, write(t, month(8, 2), Options{}))
	for _, want := range []string{"80.0 %", "95 % range: 49.0–94.3 %", "n = 10",
		"Few responses (n = 10): the true figure may be anywhere from 49.0 % to 94.3 %."} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q:\n%s", want, text)
		}
	}
	if pages != 2 {
		t.Errorf("%d pages, want 2", pages)
	}
}

func TestAnEmptyPeriodSaysSoOnOnePage(t *testing.T) {
	in := month(0, 0)
	in.Responses, in.CSAT = 0, data.CSATOf(data.Histogram{}, 4)
	text, pages := pdfText(t, write(t, in, Options{Poster: true}))
	if !strings.Contains(text, "No responses in March 2026.") {
		t.Errorf("no plain sentence for the empty month:\n%s", text)
	}
	if pages != 2 { // the report's page and the poster's
		t.Errorf("%d pages, want 2", pages)
	}
	for _, chart := range []string{"CSAT over the last", "by location", "NaN", "Recent comments"} {
		if strings.Contains(text, chart) {
			t.Errorf("an empty month still shows %q:\n%s", chart, text)
		}
	}
	in.Period, in.From = data.PeriodQuarter, data.DayFromDate(2026, time.January, 1)
	for code, want := range map[string]string{"en": "No responses in Q1 2026.", "ru": "Нет ответов за 1-й квартал 2026 г.",
		"lv": "2026. gada 1. ceturksnī nav atbilžu.", "zh_Hans": "2026年第1季度没有回复。"} {
		in.Lang = code
		if text, _ := pdfText(t, write(t, in, Options{})); !strings.Contains(text, want) {
			t.Errorf("%s: no %q in:\n%s", code, want, text)
		}
	}
}

func TestEveryLanguageRendersItsOwnWords(t *testing.T) {
	for _, code := range []string{"en", "ru", "lv", "it", "zh_Hans", "zh_Hant"} {
		t.Run(code, func(t *testing.T) {
			in := month(40, 10)
			in.Lang = code
			w := wordsFor(code)
			text, pages := pdfText(t, write(t, in, Options{Poster: true}))
			if pages != 3 {
				t.Errorf("%d pages, want 3 (two and the poster)", pages)
			}
			for _, want := range []string{w.MonthReport, w.Months[2], w.Comments, w.Thanks, w.PosterSat} {
				if !strings.Contains(text, want) {
					t.Errorf("no %q in:\n%s", want, text)
				}
			}
		})
	}
}

func TestEveryLanguageHasEveryWord(t *testing.T) {
	en := reflect.ValueOf(allWords["en"])
	for code, w := range allWords {
		v := reflect.ValueOf(w)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			switch f := v.Field(i); f.Kind() {
			case reflect.String:
				if f.String() == "" {
					t.Errorf("%s: %s is empty", code, name)
				}
				if got, want := placeholders(f.String()), placeholders(en.Field(i).String()); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s has placeholders %v, English %v", code, name, got, want)
				}
			case reflect.Array:
				for j := range f.Len() {
					if f.Index(j).String() == "" {
						t.Errorf("%s: %s[%d] is empty", code, name, j)
					}
				}
			}
		}
	}
	if len(allWords) != 6 {
		t.Errorf("%d languages, want 6", len(allWords))
	}
}

func placeholders(s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`\{\{\.(\w+)\}\}`).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

func TestOptionalSectionsShowWhatTheCallerGives(t *testing.T) {
	in := month(40, 10)
	text, _ := pdfText(t, write(t, in, Options{Poster: true}))
	for _, absent := range []string{"What customers write about", "Goals", "Contacted", "Customers praise"} {
		if strings.Contains(text, absent) {
			t.Errorf("without data the report still shows %q", absent)
		}
	}
	if !strings.Contains(text, "To call back (unhappy customers who left a comment): 0") {
		t.Errorf("no call-back count:\n%s", text)
	}
	in.Goals = []Goal{{Label: "CSAT 85 % at Old Town by 31 Dec 2026", Metric: "CSAT", Target: 85, Current: 80, Verdict: VerdictNotOnTrack},
		{Label: "NPS +40", Metric: "NPS", Target: 40, Current: math.NaN()},
		{Label: "CES 6", Metric: "CES", Progress: "0.4 to go, 3 months left, on track", Verdict: VerdictOnTrack}}
	in.Topics = &Topics{Comments: 30, Unmatched: 4, Rows: []TopicRow{
		{Name: "Waiting", Mentions: 12, Satisfied: 2, Unhappy: 9}, {Name: "Staff", Mentions: 9, Satisfied: 8, Unhappy: 1}}}
	in.FollowUp = FollowUp{ToCallBack: 7, Statuses: true, New: 3, Contacted: 2, Resolved: 2}
	text, _ = pdfText(t, write(t, in, Options{Poster: true}))
	for _, want := range []string{"Goals", "CSAT 85 % at Old Town by 31 Dec 2026 — now 80.0 % · 5.0 points to go · not on track", "NPS +40", "CES 6 — 0.4 to go, 3 months left, on track",
		"What customers write about", "Waiting 12 2 9", "30 comments read; 4 match no topic yet.",
		"New Contacted Resolved 3 2 2",
		"Customers praise: Staff", "What to fix: Waiting"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
}

func TestThePosterNeverPraisesWhatItAsksToFix(t *testing.T) {
	in := month(40, 10)
	in.Topics = &Topics{Comments: 50, Rows: []TopicRow{
		{Name: "Food", Mentions: 40, Satisfied: 33, Unhappy: 5}, {Name: "Atmosphere", Mentions: 14, Satisfied: 13}}}
	r := &report{in: in, w: wordsFor("en")}
	var got []string
	for _, l := range r.posterLines() {
		got = append(got, l.text)
	}
	if want := []string{"Customers praise: Atmosphere", "What to fix: Food"}; !reflect.DeepEqual(got, want) {
		t.Errorf("poster lines %q, want %q", got, want)
	}
}

func TestContactDetailsNeverReachTheReport(t *testing.T) {
	texts := []data.Question{{ID: 6, Kind: data.KindText}}
	cases := []struct {
		name string
		r    data.Response
		want string
	}{
		{"an open answer", data.Response{Texts: map[uint32]string{6: "Slow."}}, "Slow."},
		{"a phone in an answer", data.Response{Texts: map[uint32]string{6: "Slow. Call +44 7700 900123 please"}}, "Slow. Call … please"},
		{"an address in an answer", data.Response{Texts: map[uint32]string{6: "write to anna.b@example.org!"}}, "write to …!"},
		{"a contact note as comment", data.Response{Texts: map[uint32]string{6: "Cold."}, Comment: "Anna, +1 202 555 0142, would like a call"}, "Cold."},
		{"a plain comment", data.Response{Comment: "Noisy room"}, "Noisy room"},
		{"a price is no phone", data.Response{Comment: "Paid 12.50 for 2 cakes"}, "Paid 12.50 for 2 cakes"},
		{"a date is no phone", data.Response{Comment: "On 2026-03-04 it was cold"}, "On 2026-03-04 it was cold"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CommentText(&c.r, texts); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestPeriodsAndTheirDefault(t *testing.T) {
	from, to := Range(data.PeriodQuarter, data.DayFromDate(2026, time.May, 17))
	if from != data.DayFromDate(2026, time.April, 1) || to != data.DayFromDate(2026, time.June, 30) {
		t.Errorf("Q2 2026 is %v – %v", from, to)
	}
	now := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	if got := LastComplete(data.PeriodMonth, now); got != data.DayFromDate(2026, time.March, 31) {
		t.Errorf("the last complete month on 1 April is the one ending %v", got)
	}
	if got := LastComplete(data.PeriodQuarter, now); got != data.DayFromDate(2026, time.March, 31) {
		t.Errorf("the last complete quarter on 1 April is the one ending %v", got)
	}
}

func BenchmarkWriteReportWithPoster(b *testing.B) {
	in := month(120, 20)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, in, Options{Poster: true}); err != nil {
			b.Fatal(err)
		}
	}
}
