package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data"
	"csatdesk/data/insight"
)

func TestTheGoalsScreenSaysWhatIsWrongThenSavesAndTheDashboardShowsProgress(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	u.reload()
	if got := u.dash.goalLines.Objects[0].(*widget.Label).Text; !strings.Contains(got, "No goals yet") {
		t.Errorf("without goals the dashboard says %q", got)
	}
	g := u.showGoals(u.dash.refresh)
	if g.sel != -1 || g.start.Text != "2026-11-20" || g.deadline.Text != "2027-11-20" {
		t.Fatalf("a new goal starts today for a year: sel %d, %q–%q", g.sel, g.start.Text, g.deadline.Text)
	}
	for _, c := range []struct {
		target, start, deadline, want string
	}{
		{"", "2026-01-01", "2026-12-31", "Target: type a number from 0 to 100."},
		{"150", "2026-01-01", "2026-12-31", "Target: type a number from 0 to 100."},
		{"88", "1 Jan", "2026-12-31", "Start: type a date as YYYY-MM-DD."},
		{"88", "2026-01-01", "2025-12-31", "The deadline must come after the start."},
	} {
		g.target.SetText(c.target)
		g.start.SetText(c.start)
		g.deadline.SetText(c.deadline)
		g.onSave()
		if g.msg.Text != c.want {
			t.Errorf("target %q, %s–%s: says %q, want %q", c.target, c.start, c.deadline, g.msg.Text, c.want)
		}
	}
	if gs, _ := insight.LoadGoals(st); len(gs) != 0 {
		t.Fatalf("invalid goals were saved: %+v", gs)
	}
	g.target.SetText("88,5")
	g.start.SetText("2026-01-01")
	g.deadline.SetText("2027-03-31")
	g.target.OnSubmitted(g.target.Text) // Enter saves
	gs, err := insight.LoadGoals(st)
	if err != nil || len(gs) != 1 || gs[0].Target != 88.5 || gs[0].Measure != insight.MeasureCSAT || gs[0].Deadline != data.DayFromDate(2027, 3, 31) {
		t.Fatalf("saved %+v, %v", gs, err)
	}
	if g.msg.Text != "" || g.sel != 0 {
		t.Errorf("after saving: message %q, selected %d", g.msg.Text, g.sel)
	}
	if len(u.dash.progress) != 1 {
		t.Fatalf("the dashboard computed %d goals' progress, want 1", len(u.dash.progress))
	}
	line := u.dash.goalLines.Objects[0].(*widget.Label).Text
	if !strings.HasPrefix(line, "Goal 88.5 % by 31 Mar 2027 · ") || !strings.Contains(line, "now ") {
		t.Errorf("progress line %q", line)
	}

	// An NPS goal for one location; then the first goal edited.
	g.onNew()
	selectQuietly(&g.measure.Select, 1)
	g.segment.SetSelectedIndex(len(g.segs) - 1)
	seg := g.segs[len(g.segs)-1]
	g.target.SetText("+40")
	g.onSave()
	gs, _ = insight.LoadGoals(st)
	if len(gs) != 2 || gs[1].Measure != insight.MeasureNPS || gs[1].Target != 40 || gs[1].Segment != seg || gs[1].ID != 2 {
		t.Fatalf("goals %+v, want an NPS goal of +40 for %v", gs, seg)
	}
	g.list.Select(0)
	g.target.SetText("90")
	g.onSave()
	if gs, _ = insight.LoadGoals(st); len(gs) != 2 || gs[0].Target != 90 || gs[0].ID != 1 {
		t.Fatalf("after editing: %+v", gs)
	}
	g.deleteGoal(0)
	if gs, _ = insight.LoadGoals(st); len(gs) != 1 || gs[0].ID != 2 {
		t.Fatalf("after deleting the first: %+v", gs)
	}
	if len(g.goals) != 1 || g.sel != -1 {
		t.Errorf("the screen shows %d goals, selected %d", len(g.goals), g.sel)
	}
}

func TestTheTrendGetsTheSurveysCSATGoalsAndNotes(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	today := data.DayOf(testNow)
	if _, err := insight.SaveGoals(st, []insight.Goal{
		{Measure: insight.MeasureCSAT, Target: 90, Start: today - 100, Deadline: today + 100},
		{Measure: insight.MeasureNPS, Target: 40, Start: today - 100, Deadline: today + 100},
	}); err != nil {
		t.Fatal(err)
	}
	u.reload()
	n := u.showNotes(u.dash.survey, u.dash.refresh)
	n.text.SetText("   ")
	n.onAdd()
	if n.msg.Text != "Type what happened, e.g. new menu." {
		t.Errorf("an empty note: %q", n.msg.Text)
	}
	n.day.SetText((today - 30).String())
	n.text.SetText("New menu")
	n.text.OnSubmitted(n.text.Text)
	if len(n.notes) != 1 || n.msg.Text != "" || n.text.Text != "" {
		t.Fatalf("notes %+v, message %q", n.notes, n.msg.Text)
	}
	q, ok := u.dash.charts.query()
	if !ok {
		t.Fatal("no chart query")
	}
	if gs := q.q.TrendGoals(); len(gs) != 1 || gs[0].Target != 90 {
		t.Errorf("the trend's goals %+v, want the CSAT goal only", gs)
	}
	if ns := q.q.TrendNotes(); len(ns) != 1 || ns[0].Text != "New menu" {
		t.Errorf("the trend's notes %+v", ns)
	}
	u.dash.onValueLabels()
	if q, _ = u.dash.charts.query(); !q.q.ValueLabels || !u.dash.planMenu.Items[len(u.dash.planMenu.Items)-1].Checked {
		t.Error("values on every point: not asked of the chart, or the menu not checked")
	}
	n.onDelete(0)
	if ns, _ := insight.LoadNotes(st); len(ns) != 0 {
		t.Errorf("after deleting: %+v", ns)
	}
}

func TestTheWavesScreenCountsAndTheDashboardRemindsOfTheNextWave(t *testing.T) {
	u, st := newTestUI(t)
	sv, _, err := cli.CreateSample(st, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	u.reload()
	if u.dash.reminder.Visible() {
		t.Error("a reminder without waves")
	}
	w := u.showWaves(sv, u.dash.refresh)
	w.onSave()
	if w.msg.Text != "Name the wave, e.g. Spring 2026." {
		t.Errorf("a wave without a name: %q", w.msg.Text)
	}
	w.name.SetText("Spring")
	w.from.SetText("2026-03-01")
	w.to.SetText("2026-03-31")
	w.to.OnSubmitted("")
	w.name.SetText("Overlap")
	w.from.SetText("2026-03-20")
	w.to.SetText("2026-04-10")
	w.onSave()
	if w.msg.Text != "The wave overlaps Spring." {
		t.Errorf("an overlapping wave: %q", w.msg.Text)
	}
	plan, _ := insight.LoadWaves(st, sv.ID)
	if len(plan.Waves) != 1 || plan.Waves[0].Name != "Spring" {
		t.Fatalf("waves %+v", plan.Waves)
	}
	if len(w.stats) != 1 || w.stats[0].Responses == 0 || !strings.Contains(w.waveText(0), "responses: ") {
		t.Errorf("stats %+v, text %q", w.stats, w.waveText(0))
	}
	// Spring ended eight months before testNow; the next wave was due
	// six months after it.
	if !u.dash.reminder.Visible() || !strings.Contains(u.dash.reminder.Text, "was due on") {
		t.Errorf("reminder %q (visible %v)", u.dash.reminder.Text, u.dash.reminder.Visible())
	}
	w.repeat.SetSelectedIndex(len(repeatChoices) - 1) // 12 months: due in March 2027
	if plan, _ = insight.LoadWaves(st, sv.ID); plan.RepeatMonths != 12 || u.dash.reminder.Visible() {
		t.Errorf("after 12 months: repeat %d, reminder %v", plan.RepeatMonths, u.dash.reminder.Visible())
	}
}
