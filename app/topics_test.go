package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"csatdesk/app/cli"
	"csatdesk/charts"
	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/topics"
)

func TestTopicsScreenCountsTheSampleAndGrowsTheDictionaryFromAnUnmatchedComment(t *testing.T) {
	u, st := newTestUI(t)
	u.topics.now = func() time.Time { return testNow }
	sv, _, err := cli.CreateSample(st, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	u.topics.rangeSel.SetSelectedIndex(len(topicsPresets()) - 1) // all time
	u.reload()
	s := u.topics
	if len(s.comments) != 0 {
		t.Fatal("the comments were read before the Topics tab was opened")
	}
	selectTab(u, s.root)
	if len(s.comments) == 0 || len(s.counts) == 0 {
		t.Fatalf("%d comments, %d topics", len(s.comments), len(s.counts))
	}
	// The table agrees with a count of the stored responses' comments.
	col := insight.NewComments(&sv)
	for _, r := range allResponses(t, st, sv.ID) {
		col.Add(&r)
	}
	want := topics.Count(col.Comments, topics.Default(topics.Cafe), "en")
	if len(want) != len(s.counts) || want[0].ID != s.counts[0].ID || want[0].Mentions != s.counts[0].Mentions {
		t.Fatalf("screen %+v, recount %+v", s.counts[:1], want[:1])
	}
	for _, c := range col.Comments {
		if strings.Contains(c.Text, "@") {
			t.Fatalf("a contact note is listed as a comment: %q", c.Text)
		}
	}

	// One step: pick an unmatched comment, a word of it and a topic.
	pick := slices.IndexFunc(s.unmatched, func(i int) bool { return strings.Contains(s.comments[i].Text, "spot to work") })
	if pick < 0 {
		t.Fatal("no unmatched 'Perfect spot to work for an hour.' in the sample")
	}
	before := len(s.unmatched)
	s.unList.Select(pick)
	if !slices.Contains(s.unWords, "spot") {
		t.Fatalf("offered words %v", s.unWords)
	}
	s.unWord.SetText("spot")
	s.unTopic.SetSelectedIndex(s.dict.Index("atmosphere"))
	test.Tap(s.unAdd)
	if len(s.unmatched) >= before {
		t.Errorf("unmatched %d after adding a word, was %d", len(s.unmatched), before)
	}
	stored, err := topics.Load(st)
	if err != nil || !slices.Contains(stored.Topics[stored.Index("atmosphere")].Words["en"], "spot") {
		t.Errorf("the stored dictionary lacks the word: %v", err)
	}

	// Another business type, then back: the café's edit is kept.
	s.businessSel.SetSelectedIndex(slices.Index(topics.Businesses, topics.Shop))
	if s.dict.Business != topics.Shop || s.dict.Index("quality") < 0 {
		t.Errorf("after choosing Shop the dictionary is %s", s.dict.Business)
	}
	s.businessSel.SetSelectedIndex(0)
	if !slices.Contains(s.dict.Topics[s.dict.Index("atmosphere")].Words["en"], "spot") {
		t.Error("the café's edit was lost when switching business types")
	}

	// The charts draw (topic × score and trend) without an error, on
	// screen and as the exported PNG (light, slide size).
	for i, name := range []string{"topics.png", "topic-trend.png"} {
		s.chartSel.SetSelectedIndex(i)
		if s.chartMsg.Text != "" {
			t.Errorf("chart %d: %q", i, s.chartMsg.Text)
		}
		img, err := s.chartInput(charts.SizeSlide, false).draw()
		if err != nil || img.Bounds().Dx() != charts.SizeSlide.WidthPx {
			t.Fatalf("export of %s: %v", name, err)
		}
		if dir := os.Getenv("CHARTS_OUT"); dir != "" {
			if err := charts.WritePNGFile(filepath.Join(dir, "export-"+name), img, charts.SizeSlide.DPI); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestTopicsScreenOnAnEmptyDatabaseSaysSo(t *testing.T) {
	u, _ := newTestUI(t)
	s := u.topics
	selectTab(u, s.root)
	if len(s.counts) != 0 || s.status.Text != "No surveys yet." {
		t.Errorf("status %q, %d topics", s.status.Text, len(s.counts))
	}
	if s.chartMsg.Text == "" {
		t.Error("the empty chart says nothing")
	}
}

func TestCompareScreenShowsTheVerdictOfTwoChannels(t *testing.T) {
	u, st := newTestUI(t)
	sv, _, err := cli.CreateSample(st, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	u.reload()
	c := u.compare
	selectTab(u, c.root)
	c.bySel.SetSelectedIndex(slices.Index(c.bys, insight.ByChannel))
	if len(c.groups) < 2 || c.result == nil {
		t.Fatalf("%d groups, result %v, status %q", len(c.groups), c.result, c.status.Text)
	}
	// A recount of the two groups from the stored responses.
	q, _ := sv.MainCSAT()
	a, b := c.groups[c.aSel.SelectedIndex()], c.groups[c.bSel.SelectedIndex()]
	var sat, n [2]uint64
	for _, r := range allResponses(t, st, sv.ID) {
		v, ok := r.Answers[q.ID]
		for k, g := range []insight.Group{a, b} {
			if ok && r.Channel == g.Key {
				n[k]++
				if v >= q.SatisfiedFrom {
					sat[k]++
				}
			}
		}
	}
	if a.N != n[0] || a.Satisfied != sat[0] || b.N != n[1] || b.Satisfied != sat[1] {
		t.Fatalf("groups %d/%d and %d/%d, recount %v/%v", a.Satisfied, a.N, b.Satisfied, b.N, sat, n)
	}
	want := insight.CompareCSAT(data.CSAT{Satisfied: sat[0], N: n[0]}, data.CSAT{Satisfied: sat[1], N: n[1]}).Diff.Verdict
	if c.result.Verdict != want || c.verdict.Text != want.Text(texts{}) {
		t.Errorf("verdict %q, want %q", c.verdict.Text, want.Text(texts{}))
	}
	if len(c.table.Objects) < 3*compareCols {
		t.Errorf("the table has %d cells", len(c.table.Objects))
	}

	// Two questions on different scales are refused with a reason.
	c.bySel.SetSelectedIndex(slices.Index(c.bys, insight.ByQuestion))
	for i, q2 := range c.numeric {
		if !q2.SameScale(q) {
			c.question2Sel.SetSelectedIndex(i)
			break
		}
	}
	if c.result != nil || !strings.Contains(c.status.Text, "same scale") {
		t.Errorf("different scales: result %v, status %q", c.result, c.status.Text)
	}
	// Two questions on one scale asked of the same customers: compared,
	// with the warning that the groups overlap.
	for i, q2 := range c.numeric {
		if q2.ID != q.ID && insight.CheckPair(q, q2) == nil {
			c.question2Sel.SetSelectedIndex(i)
			break
		}
	}
	if c.result == nil || !strings.Contains(c.status.Text, "answered both questions") {
		t.Errorf("same scale, same customers: result %v, status %q", c.result, c.status.Text)
	}
}
