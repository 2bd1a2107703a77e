package app

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/insight"
)

// goalsScreen adds, edits and deletes the business's SMART goals
// (insight.Goal), in a dialog over the dashboard: the list on the left,
// the chosen goal's fields on the right. Tab moves between the fields,
// Enter in a field saves, Escape closes.
type goalsScreen struct {
	ui      *UI
	goals   []insight.Goal
	sel     int // index in goals of the goal in the form; -1: a new goal
	surveys []data.Survey
	segs    []data.Segment // the segment choices, All first

	list                          *widget.List
	name, target, start, deadline *widget.Entry
	measure, survey, segment      *dropdown
	msg                           *widget.Label
	save, del                     *widget.Button
	dlg                           dialog.Dialog
	changed                       func() // after a save or delete (the dashboard refreshes)
}

// showGoals opens the goals screen; changed runs after every save.
func (u *UI) showGoals(changed func()) *goalsScreen {
	g := &goalsScreen{ui: u, sel: -1, changed: changed}
	gs, err := insight.LoadGoals(u.st)
	if err != nil {
		u.showError(err)
		return nil
	}
	g.goals = gs
	g.surveys, _, _ = u.activeSurveys()
	g.dlg = dialog.NewCustomWithoutButtons(lang.L("Goals"), g.buildUI(), u.win)
	g.resize()
	g.dlg.Show()
	if len(gs) > 0 {
		g.list.Select(0)
	} else {
		g.onNew()
	}
	u.win.Canvas().Focus(g.target)
	return g
}

// resize fits the dialog in the window.
func (g *goalsScreen) resize() {
	s := g.ui.win.Canvas().Size()
	g.dlg.Resize(fyne.NewSize(min(860, s.Width-32), min(500, s.Height-32)))
}

func (g *goalsScreen) buildUI() fyne.CanvasObject {
	g.list = widget.NewList(func() int { return len(g.goals) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(g.goalLine(g.goals[i])) })
	g.list.OnSelected = func(i widget.ListItemID) { g.edit(i) }

	var mnames []string
	for _, m := range insight.Measures {
		mnames = append(mnames, m.Name(texts{}))
	}
	g.measure = g.ui.dropdown(mnames, nil)
	snames := []string{lang.L("Every survey")}
	for _, sv := range g.surveys {
		snames = append(snames, sv.Name)
	}
	g.survey = g.ui.dropdown(snames, func(string) { g.fillSegments(data.Segment{}) })
	g.segment = g.ui.dropdown(nil, nil)
	g.name, g.target, g.start, g.deadline = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	g.name.SetPlaceHolder(lang.L("optional, e.g. Happier regulars"))
	g.target.SetPlaceHolder(lang.L("e.g. 85"))
	g.start.SetPlaceHolder("YYYY-MM-DD")
	g.deadline.SetPlaceHolder("YYYY-MM-DD")
	for _, e := range []*widget.Entry{g.name, g.target, g.start, g.deadline} {
		e.OnSubmitted = func(string) { g.onSave() }
	}
	g.msg = wrapLabel("")
	g.msg.Importance = widget.DangerImportance
	g.save = widget.NewButtonWithIcon(lang.L("Save goal"), theme.DocumentSaveIcon(), g.onSave)
	g.save.Importance = widget.HighImportance
	g.del = widget.NewButtonWithIcon(lang.L("Delete goal"), theme.DeleteIcon(), g.onDelete)
	newBtn := widget.NewButtonWithIcon(lang.L("New goal"), theme.ContentAddIcon(), g.onNew)
	closeBtn := widget.NewButton(lang.L("Close"), func() { g.dlg.Hide() })

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Measure"), g.measure),
		widget.NewFormItem(lang.L("Target"), g.target),
		widget.NewFormItem(lang.L("Survey"), g.survey),
		widget.NewFormItem(lang.L("For"), g.segment),
		widget.NewFormItem(lang.L("Start"), g.start),
		widget.NewFormItem(lang.L("Deadline"), g.deadline),
		widget.NewFormItem(lang.L("Name"), g.name),
	)
	hint := wrapLabel(lang.L("Set one or two goals at a time: specific, measurable, realistic, with a deadline. CSAT and NPS targets are in points (CSAT 0–100 %, NPS −100 to +100), CES on its 1–7 scale."))
	hint.Importance = widget.LowImportance
	right := container.NewBorder(nil, container.NewVBox(g.msg, container.NewHBox(g.save, g.del, layoutSpacer(), closeBtn)), nil, nil,
		container.NewVScroll(container.NewVBox(form, hint)))
	left := container.NewBorder(nil, newBtn, nil, nil, g.list)
	split := container.NewHSplit(left, right)
	split.Offset = 0.36
	return split
}

// goalLine is a goal in the list: "CSAT % 85 · Location: Riga · 31 Dec 2026".
func (g *goalsScreen) goalLine(x insight.Goal) string {
	parts := []string{}
	if x.Name != "" {
		parts = append(parts, x.Name)
	}
	name := x.Measure.Name(texts{})
	if x.Measure == insight.MeasureCSAT {
		name = lang.L("CSAT")
	}
	parts = append(parts, name+" "+insight.FormatMeasure(texts{}, x.Measure, x.Target))
	if !x.Segment.All() {
		parts = append(parts, segmentName(x.Segment))
	}
	if x.Deadline > 0 {
		parts = append(parts, fmtDay(x.Deadline))
	}
	return strings.Join(parts, " · ")
}

// fillSegments lists the whole business and the segments of the chosen
// survey (of every survey for "Every survey"), selecting want.
func (g *goalsScreen) fillSegments(want data.Segment) {
	g.segs = []data.Segment{{}}
	seen := map[data.Segment]bool{{}: true}
	for i, sv := range g.surveys {
		if si := g.survey.SelectedIndex(); si > 0 && si-1 != i {
			continue
		}
		segs, err := g.ui.st.Segments(sv.ID)
		if err != nil {
			g.ui.showError(err)
			continue
		}
		for _, s := range segs {
			if !seen[s] {
				seen[s] = true
				g.segs = append(g.segs, s)
			}
		}
	}
	if !seen[want] {
		g.segs = append(g.segs, want) // a segment without answers yet keeps its goal
	}
	names := make([]string, len(g.segs))
	sel := 0
	for i, s := range g.segs {
		names[i] = segmentName(s)
		if i == 0 {
			names[i] = lang.L("The whole business")
		}
		if s == want {
			sel = i
		}
	}
	g.segment.SetOptions(names)
	selectQuietly(&g.segment.Select, sel)
}

// edit puts goal i in the form.
func (g *goalsScreen) edit(i int) {
	if i < 0 || i >= len(g.goals) {
		return
	}
	g.sel = i
	x := g.goals[i]
	for mi, m := range insight.Measures {
		if m == x.Measure {
			selectQuietly(&g.measure.Select, mi)
		}
	}
	si := 0
	for j, sv := range g.surveys {
		if sv.ID == x.SurveyID {
			si = j + 1
		}
	}
	selectQuietly(&g.survey.Select, si)
	g.fillSegments(x.Segment)
	g.target.SetText(fmtNumber(x.Target, decimalsOf(x.Target)))
	g.start.SetText(dayText(x.Start))
	g.deadline.SetText(dayText(x.Deadline))
	g.name.SetText(x.Name)
	g.msg.SetText("")
	g.del.Enable()
}

// decimalsOf is 0 for a whole number, else 1.
func decimalsOf(v float64) int {
	if v == float64(int(v)) {
		return 0
	}
	return 1
}

// dayText is a day as YYYY-MM-DD, "" for none.
func dayText(d data.Day) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// onNew empties the form for a new goal: CSAT, from today for a year.
func (g *goalsScreen) onNew() {
	g.sel = -1
	g.list.UnselectAll()
	selectQuietly(&g.measure.Select, 0)
	selectQuietly(&g.survey.Select, 0)
	g.fillSegments(data.Segment{})
	today := data.DayOf(g.ui.dash.now())
	g.target.SetText("")
	g.start.SetText(today.String())
	g.deadline.SetText(data.DayOf(today.Date(time.UTC).AddDate(1, 0, 0)).String())
	g.name.SetText("")
	g.msg.SetText("")
	g.del.Disable()
	g.ui.win.Canvas().Focus(g.target)
}

// read reads the form into a goal; the error names the field.
func (g *goalsScreen) read() (insight.Goal, error) {
	x := insight.Goal{Name: strings.TrimSpace(g.name.Text)}
	if g.sel >= 0 {
		x.ID = g.goals[g.sel].ID
	}
	x.Measure = insight.Measures[max(g.measure.SelectedIndex(), 0)]
	if si := g.survey.SelectedIndex(); si > 0 && si-1 < len(g.surveys) {
		x.SurveyID = g.surveys[si-1].ID
	}
	if si := g.segment.SelectedIndex(); si > 0 && si < len(g.segs) {
		x.Segment = g.segs[si]
	}
	v, err := parseNumber(g.target.Text)
	if err != nil {
		lo, hi := x.Measure.Bounds()
		return x, errors.New(lang.L("Target: type a number from {{.Low}} to {{.High}}.", map[string]any{"Low": lo, "High": hi}))
	}
	x.Target = v
	if x.Start, err = insight.ParseDate(g.start.Text); err != nil {
		return x, errors.New(lang.L("Start: type a date as YYYY-MM-DD."))
	}
	if x.Deadline, err = insight.ParseDate(g.deadline.Text); err != nil {
		return x, errors.New(lang.L("Deadline: type a date as YYYY-MM-DD."))
	}
	if err := x.Validate(); err != nil {
		var p *insight.InputProblem
		if errors.As(err, &p) {
			return x, errors.New(p.Text(texts{}))
		}
		return x, err
	}
	return x, nil
}

// onSave validates and stores the goal in the form.
func (g *goalsScreen) onSave() {
	x, err := g.read()
	if err != nil {
		g.msg.SetText(err.Error())
		return
	}
	gs := append([]insight.Goal(nil), g.goals...)
	if g.sel >= 0 {
		gs[g.sel] = x
	} else {
		gs = append(gs, x)
	}
	saved, err := insight.SaveGoals(g.ui.st, gs)
	if err != nil {
		g.msg.SetText(errorText(err))
		return
	}
	g.goals = saved
	g.list.Refresh()
	for i, s := range saved {
		if (x.ID != 0 && s.ID == x.ID) || (x.ID == 0 && i == len(saved)-1) {
			g.list.Select(i)
		}
	}
	g.msg.SetText("")
	if g.changed != nil {
		g.changed()
	}
}

// onDelete deletes the goal in the form after asking.
func (g *goalsScreen) onDelete() {
	if g.sel < 0 {
		return
	}
	i := g.sel
	dialog.ShowConfirm(lang.L("Delete goal"), lang.L("Delete the goal {{.Goal}}?", map[string]any{"Goal": g.goalLine(g.goals[i])}), func(ok bool) {
		if ok {
			g.deleteGoal(i)
		}
	}, g.ui.win)
}

// deleteGoal deletes goal i.
func (g *goalsScreen) deleteGoal(i int) {
	gs := append(append([]insight.Goal(nil), g.goals[:i]...), g.goals[i+1:]...)
	saved, err := insight.SaveGoals(g.ui.st, gs)
	if err != nil {
		g.msg.SetText(errorText(err))
		return
	}
	g.goals = saved
	g.list.Refresh()
	g.onNew()
	if g.changed != nil {
		g.changed()
	}
}

// goalStatusImportance colours a goal's progress line.
func goalStatusImportance(s insight.GoalStatus) widget.Importance {
	switch s {
	case insight.GoalOnTrack, insight.GoalReached, insight.GoalMet:
		return widget.SuccessImportance
	case insight.GoalNotOnTrack, insight.GoalMissed:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// goalProgressLine is a goal's progress on the dashboard, the verdict
// first so that it survives a cut: "Goal 85 % by 31 Dec 2026 (Location:
// Riga) · on track · now 80 % (73–86) · +5.0 points to go, 6 months left".
func goalProgressLine(p insight.Progress) string {
	g := p.Goal
	head := g.Label(texts{})
	if g.Measure != insight.MeasureCSAT {
		head = g.Measure.Name(texts{}) + ": " + head
	}
	if g.Name != "" {
		head = g.Name + ": " + head
	}
	parts := []string{head, p.Status.Words(texts{})}
	if p.Current.Valid() {
		m := g.Measure
		parts = append(parts, lang.L("now {{.Value}} ({{.Low}}–{{.High}})", map[string]any{
			"Value": insight.FormatMeasure(texts{}, m, p.Current.Value),
			"Low":   fmtNumber(p.Current.Low, measureDecimals(m)), "High": fmtNumber(p.Current.High, measureDecimals(m))}),
			p.ToGoWords(texts{}))
	}
	return strings.Join(parts, " · ")
}

// goalSummary is every goal's verdict on one short line, for the compact
// dashboard: "88 %: on track · NPS +40: too early to say".
func goalSummary(ps []insight.Progress) string {
	var parts []string
	for _, p := range ps {
		head := insight.FormatMeasure(texts{}, p.Goal.Measure, p.Goal.Target)
		if p.Goal.Measure != insight.MeasureCSAT {
			head = p.Goal.Measure.Name(texts{}) + " " + head
		}
		parts = append(parts, head+": "+p.Status.Words(texts{}))
	}
	return strings.Join(parts, " · ")
}

// measureDecimals is how many decimals a range of m is shown with.
func measureDecimals(m insight.Measure) int {
	if m == insight.MeasureCES {
		return 1
	}
	return 0
}

// parseNumber reads a number typed by a user: "85", "85.5", "85,5",
// "+30", "−20".
func parseNumber(s string) (float64, error) {
	t := strings.NewReplacer(",", ".", "−", "-", " ", "", "%", "").Replace(strings.TrimSpace(s))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}
