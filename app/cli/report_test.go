package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/numfmt"
	"csatdesk/data/store"
	"csatdesk/data/topics"
)

// reportText returns the text (words one space apart) and the page count
// of the PDF at path; the test is skipped without poppler's tools.
func reportText(t *testing.T, path string) (string, int) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (poppler-utils)", tool)
		}
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
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return strings.Join(strings.Fields(string(out)), " "), n
}

func TestReportCommandPrintsTheDashboardsFigures(t *testing.T) {
	db, sv := sampleDB(t)
	// A goal and a follow-up status, as the window keeps them.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	goal := insight.Goal{Measure: insight.MeasureCSAT, Target: 90, Start: data.DayFromDate(2026, time.January, 1), Deadline: data.DayFromDate(2026, time.December, 31)}
	if _, err := insight.SaveGoals(st, []insight.Goal{goal}); err != nil {
		t.Fatal(err)
	}
	october := store.FollowUpFilter{From: data.DayFromDate(2026, time.October, 1), To: data.DayFromDate(2026, time.October, 31)}
	items, err := st.FollowUpList(sv.ID, october)
	if err != nil || len(items) < 2 {
		t.Fatalf("the sample's October has %d customers to follow up (%v)", len(items), err)
	}
	if _, err := st.SetFollowUpStatus(sv.ID, items[0].Response.ID, data.StatusNew, data.StatusContacted, "", testNow); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(t.TempDir(), "october.pdf")
	if code, stdout, stderr := run("report", "--db", db, "--survey", "Visit feedback", "--period", "month", "--at", "2026-10", "--out", out, "--poster"); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	text, pages := reportText(t, out)
	if pages != 3 {
		t.Errorf("%d pages, want 3 (the report's two and the poster)", pages)
	}
	// What the dashboard shows for October 2026, read from the same file.
	st, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	set := insight.LoadSettings(st)
	src := insight.ChartSource(st, set)
	qs, _ := insight.Main(&sv)
	from, to := data.DayFromDate(2026, time.October, 1), data.DayFromDate(2026, time.October, 31)
	k, err := insight.KPIs(src, &sv, insight.Choice{Questions: qs}, data.Segment{}, from, to)
	if err != nil {
		t.Fatal(err)
	}
	prev, err := data.CSATOfQuestions(src, sv.ID, qs, data.Segment{}, data.DayFromDate(2026, time.September, 1), data.DayFromDate(2026, time.September, 30))
	if err != nil {
		t.Fatal(err)
	}
	town, err := data.CSATOfQuestions(src, sv.ID, qs, data.Segment{Name: data.TagLocation, Value: "Old Town"}, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if k.CSAT.N < 50 || !k.HasNPS || !k.HasCES {
		t.Fatalf("the sample's October is not what this test expects: %+v", k)
	}
	progress, err := insight.GoalProgress(src, &sv, goal, to)
	if err != nil {
		t.Fatal(err)
	}
	// The topics the Topics screen counts for October's comments.
	col := insight.NewComments(&sv)
	if err := st.EachResponse(sv.ID, from, to, func(r data.Response) error { col.Add(&r); return nil }); err != nil {
		t.Fatal(err)
	}
	dict, err := topics.Load(st)
	if err != nil {
		t.Fatal(err)
	}
	counts := topics.Count(col.Comments, dict, insight.TopicLanguage(&sv))
	if len(counts) == 0 {
		t.Fatal("no topic in the sample's October comments")
	}
	top := counts[0]
	en := numfmt.For("en")
	want := []string{
		"Monthly customer satisfaction report", "October 2026",
		en.SpacedPercent(k.CSAT.Percent, 1),
		"95 % range: " + en.Number(k.CSAT.Low, 1) + "–" + en.SpacedPercent(k.CSAT.High, 1),
		"n = " + en.Count(int64(k.CSAT.N)),
		// the units sit beside the big figures: pdftotext reads them apart
		en.Signed(k.CSAT.Percent-prev.Percent, 1), "points",
		"September 2026 " + en.SpacedPercent(prev.Percent, 1) + " · n = " + en.Count(int64(prev.N)),
		en.Signed(k.NPS.Score, 0), "n = " + en.Count(int64(k.NPS.N)),
		en.Number(k.CES.Mean, 1), "out of 7", "n = " + en.Count(int64(k.CES.N)),
		"Location: Old Town " + en.SpacedPercent(town.Percent, 1) + " " + en.Number(town.Low, 1) + "–" + en.SpacedPercent(town.High, 1) + " " + en.Count(int64(town.N)),
		"Goal 90 % by 31 Dec 2026 — " + progress.Words(insight.English),
		"Follow-up of unhappy customers", "New Contacted Resolved " + strconv.Itoa(len(items)-1) + " 1 0",
		"What customers write about", fmt.Sprintf("%s %d %d %d", dict.Name(top.ID, "en"), top.Mentions, top.High, top.Low),
		fmt.Sprintf("%d comments read;", len(col.Comments)),
		"Recent comments from unhappy customers",
		"Customer satisfaction · October 2026", en.SpacedPercent(k.CSAT.Percent, 0) + " of our customers were satisfied",
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the report does not say %q:\n%s", w, text)
		}
	}
	// The sample's unhappy customers leave phone numbers and addresses
	// in their notes: none may be printed.
	for _, contact := range []string{"@example", "7700 900", "555 01", "call me", "Email me"} {
		if strings.Contains(strings.ToLower(text), strings.ToLower(contact)) {
			t.Errorf("the report prints contact details (%q):\n%s", contact, text)
		}
	}
}

func TestReportCommandLanguagesAndAnEmptyQuarter(t *testing.T) {
	db, _ := sampleDB(t)
	dir := t.TempDir()
	cases := []struct{ name, at, period, lang, want string }{
		{"an empty quarter", "2020-Q1", "quarter", "", "No responses in Q1 2020."},
		{"Russian", "2026-Q3", "quarter", "ru", "Квартальный отчёт об удовлетворённости клиентов 3-й квартал 2026"},
		{"Latvian", "2026-09", "month", "lv", "Mēneša pārskats par klientu apmierinātību 2026. gada septembris"},
		{"Chinese", "2026-09", "month", "zh_Hans", "客户满意度月度报告 2026年9月"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.name+".pdf")
			args := []string{"report", "--db", db, "--survey", "1", "--period", c.period, "--at", c.at, "--out", out}
			if c.lang != "" {
				args = append(args, "--lang", c.lang)
			}
			if code, stdout, stderr := run(args...); code != 0 {
				t.Fatalf("exit %d: %s%s", code, stdout, stderr)
			}
			text, pages := reportText(t, out)
			if !strings.Contains(text, c.want) {
				t.Errorf("no %q in:\n%s", c.want, text)
			}
			if c.at == "2020-Q1" && pages != 1 {
				t.Errorf("an empty quarter has %d pages, want 1", pages)
			}
		})
	}
}

func TestReportCommandRefusesWhatItCannotDo(t *testing.T) {
	db, _ := sampleDB(t)
	out := filepath.Join(t.TempDir(), "r.pdf")
	for _, args := range [][]string{
		{"--db", db, "--survey", "1", "--period", "week", "--out", out},
		{"--db", db, "--survey", "1", "--at", "2026-13", "--out", out},
		{"--db", db, "--survey", "1", "--at", "March", "--out", out},
		{"--db", db, "--survey", "1"},
		{"--db", db, "--period", "month", "--out", out},
	} {
		if code, _, stderr := run(append([]string{"report"}, args...)...); code == 0 || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused report left a file: %v", err)
	}
	if !isServable([]string{"report", "--db", db}) {
		t.Error("report only reads the database: the window should serve it")
	}
}

func TestBuildReportStopsWhenCancelled(t *testing.T) {
	db, sv := sampleDB(t)
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := BuildReport(ctx, st, sv, data.PeriodMonth, data.DayFromDate(2026, time.October, 1), ""); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled report: %v, want context.Canceled", err)
	}
}
