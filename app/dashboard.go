package app

import (
	"fmt"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data"
	"csatdesk/data/insight"
)

// texts is insight.Texts in the window's language, numbers and dates.
type texts struct{}

func (texts) L(key string, args ...any) string      { return lang.Localize(key, args...) }
func (texts) Number(v float64, decimals int) string { return fmtNumber(v, decimals) }
func (texts) Day(d data.Day) string                 { return fmtDay(d) }

// dashboard shows the headline figures of one survey and question.
type dashboard struct {
	ui  *UI
	now func() time.Time

	surveys  []data.Survey
	survey   *data.Survey
	choices  []insight.Choice
	segments []data.Segment

	surveySel, questionSel, rangeSel, segmentSel *dropdown
	fromDate, toDate                             *widget.Entry
	customDates                                  fyne.CanvasObject

	heading                            *widget.Label
	csat, responses, mean, nps, effort *kpiCard
	note                               *widget.Label
	cards                              *fyne.Container // the five KPI cards
	detailsBtn                         *widget.Button  // More details / Fewer details
	details                            bool            // the cards in full even when that leaves the chart little room
	charts                             *chartPanel
	welcome                            fyne.CanvasObject
	figures                            fyne.CanvasObject
	body                               *fyne.Container

	kpis data.KPIs // last computed, for tests

	// The plan row under the cards: each goal's progress, the next
	// wave's reminder, and the buttons to the goals, notes and waves.
	goals     []insight.Goal     // every goal (insight.LoadGoals)
	notes     []insight.Note     // every event note
	progress  []insight.Progress // of the goals shown, last computed
	goalLines *fyne.Container    // one label per goal of the survey
	goalSum   *widget.Label      // every goal's verdict on one line, in place of goalLines when compact
	reminder  *widget.Label
	planBtn   *widget.Button // "Goals…" in the plan row: opens planMenu (Goals…, Event notes…, Waves…)
	planIcon  *widget.Button // ⋮ beside the chart's filters, the same menu when the plan row is left out
	planMenu  *fyne.Menu
	labels    bool // every trend point's value written on the chart (the menu's check)
	plan      fyne.CanvasObject

	root     fyne.CanvasObject // the tab's content
	outdated bool              // responses changed while another tab was shown
}

// responsesChanged refreshes the figures when the dashboard is on screen;
// otherwise they are recomputed when its tab is next shown (onShown), not
// once for every form typed on another tab.
func (d *dashboard) responsesChanged() {
	if t := d.ui.tabs; t != nil && t.Selected() != nil && t.Selected().Content != d.root {
		d.outdated = true
		return
	}
	d.refresh()
}

// onShown recomputes the figures if responses changed meanwhile.
func (d *dashboard) onShown() {
	if d.outdated {
		d.refresh()
	}
}

func newDashboard(u *UI) *dashboard {
	return &dashboard{ui: u, now: time.Now}
}

func (d *dashboard) buildUI() fyne.CanvasObject {
	d.surveySel = d.ui.dropdown(nil, d.onSurvey)
	d.questionSel = d.ui.dropdown(nil, func(string) { d.refresh() })
	var names []string
	for _, r := range insight.Presets(texts{}) {
		names = append(names, r.Label)
	}
	d.rangeSel = d.ui.dropdown(names, func(string) { d.onRange() })
	d.fromDate, d.toDate = widget.NewEntry(), widget.NewEntry()
	d.fromDate.SetPlaceHolder("YYYY-MM-DD")
	d.toDate.SetPlaceHolder("YYYY-MM-DD")
	d.fromDate.OnSubmitted = func(string) { d.refresh() }
	d.toDate.OnSubmitted = func(string) { d.refresh() }
	d.customDates = container.NewGridWithColumns(3, labelled(lang.L("From"), d.fromDate), labelled(lang.L("To"), d.toDate),
		widget.NewButton(lang.L("Show"), d.refresh))
	d.customDates.Hide()
	d.rangeSel.SetSelectedIndex(insight.DefaultPreset)
	d.segmentSel = d.ui.dropdown(nil, func(string) { d.refresh() })

	d.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.csat = newKPICard(lang.L("CSAT"))
	d.responses = newKPICard(lang.L("Responses"))
	d.mean = newKPICard(lang.L("Mean score"))
	d.nps = newKPICard(lang.L("NPS"))
	d.effort = newKPICard(lang.L("Customer effort (CES)"))
	d.note = wrapLabel("")

	filters := container.New(filterGrid{},
		labelled(lang.L("Survey"), d.surveySel),
		labelled(lang.L("Question"), d.questionSel),
		labelled(lang.L("Dates"), d.rangeSel),
		labelled(lang.L("Segment"), d.segmentSel),
	)
	d.goalLines = container.NewVBox()
	d.reminder = widget.NewLabel("")
	d.reminder.Importance = widget.WarningImportance
	d.reminder.Truncation = fyne.TextTruncateEllipsis
	d.reminder.Hide()
	d.planMenu = fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("Goals…"), d.onGoals),
		fyne.NewMenuItem(lang.L("Event notes on the trend…"), d.onNotes),
		fyne.NewMenuItem(lang.L("Waves of this survey…"), d.onWaves),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Values on every point of the trend"), d.onValueLabels))
	d.planBtn = widget.NewButtonWithIcon(lang.L("Goals…"), theme.MenuDropDownIcon(), func() { d.showPlanMenu(d.planBtn) })
	// Icon only: the chart's filter row has no room for words at 1000 px.
	d.planIcon = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() { d.showPlanMenu(d.planIcon) })
	d.goalSum = widget.NewLabel("")
	d.goalSum.Truncation = fyne.TextTruncateEllipsis
	d.goalSum.Hide()
	d.plan = container.NewBorder(nil, nil, nil, container.NewVBox(d.planBtn), container.NewVBox(d.goalLines, d.reminder))
	d.cards = container.NewVBox(container.NewGridWithColumns(5, d.csat.box, d.responses.box, d.mean.box, d.nps.box, d.effort.box), d.plan)
	d.note.Importance = widget.LowImportance
	d.charts = newChartPanel(d)
	d.detailsBtn = widget.NewButton(lang.L("More details"), d.onDetails)
	d.detailsBtn.Importance = widget.LowImportance
	d.charts.buttons.Objects = append([]fyne.CanvasObject{d.detailsBtn}, d.charts.buttons.Objects...)
	// Compact, the goals' verdicts take the heading row's free middle
	// (beside an export's outcome) and the plan row under the cards goes.
	headingRow := container.NewBorder(nil, nil, d.heading, d.charts.buttons, d.ui.follow.counter( // + the follow-up counter (followup.go)
		container.New(noMinWidth{}, container.NewBorder(nil, nil, nil, d.charts.status, d.goalSum))))
	d.charts.tools.Objects = []fyne.CanvasObject{d.planIcon}
	d.figures = container.New(&dashLayout{d: d}, filters, d.customDates, headingRow, d.cards, d.charts.box, d.note)

	// At a reading width: in a plain Center the wrapped text had only the
	// button's width, five words a line.
	d.welcome = container.New(&centeredCard{maxWidth: 520}, container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Welcome to CSAT Desk"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		wrapLabel(lang.L("There are no surveys in this database yet. Try the app with a sample café: two locations, two years of paper, phone and email responses.")),
		container.NewCenter(widget.NewButton(lang.L("Create the sample café"), d.onCreateSample)),
	))
	d.body = container.NewStack(d.welcome)
	// Scrolls only when the window is lower than the figures need (the
	// chart at its least): tab contents set the window's minimum size, and
	// a 600-pixel netbook screen must still show the whole window.
	d.root = container.NewVScroll(container.NewPadded(d.body))
	return d.root
}

// reload re-reads the survey list and refreshes the figures.
func (d *dashboard) reload() {
	active, names, err := d.ui.activeSurveys()
	if err != nil {
		d.ui.showError(err)
		return
	}
	d.surveys = active
	if len(active) == 0 {
		d.body.Objects = []fyne.CanvasObject{d.welcome}
		d.body.Refresh()
		return
	}
	d.body.Objects = []fyne.CanvasObject{d.figures}
	d.body.Refresh()
	if d.charts.kind.SelectedIndex() < 0 {
		d.charts.init()
	}
	d.surveySel.SetOptions(names)
	if d.surveySel.SelectedIndex() >= 0 {
		d.onSurvey("") // the same survey (names are unique), read afresh
	} else {
		d.surveySel.SetSelectedIndex(0) // calls onSurvey
	}
}

func (d *dashboard) onSurvey(string) {
	i := d.surveySel.SelectedIndex()
	if i < 0 || i >= len(d.surveys) {
		return
	}
	d.survey = &d.surveys[i]
	var sel int
	d.choices, sel = insight.Choices(texts{}, d.survey)
	qnames := make([]string, len(d.choices))
	for i, c := range d.choices {
		qnames[i] = c.Label
	}
	segs, err := d.ui.st.Segments(d.survey.ID)
	if err != nil {
		d.ui.showError(err)
	}
	d.segments = append([]data.Segment{{}}, segs...)
	snames := make([]string, len(d.segments))
	for i, s := range d.segments {
		snames[i] = segmentName(s)
	}
	// The filters are set without their callbacks (each would recompute
	// the figures, the first with the old survey's question), then the
	// figures are computed once.
	d.segmentSel.SetOptions(snames)
	selectQuietly(&d.segmentSel.Select, 0)
	d.charts.setCompareOptions(d.segments)
	d.questionSel.SetOptions(qnames)
	if len(qnames) > 0 {
		selectQuietly(&d.questionSel.Select, sel)
	}
	d.refresh()
}

// segmentName is how a segment reads in the filter.
func segmentName(s data.Segment) string { return insight.SegmentName(texts{}, s) }

func (d *dashboard) onRange() {
	if d.preset().Days == insight.CustomDates {
		if d.fromDate.Text == "" && d.survey != nil {
			from, to := insight.Preset{Days: 365}.Range(data.DayOf(d.now()), nil, "", "")
			d.fromDate.SetText(from.String())
			d.toDate.SetText(to.String())
		}
		d.customDates.Show()
	} else {
		d.customDates.Hide()
	}
	d.refresh()
}

func (d *dashboard) preset() insight.Preset {
	return insight.Presets(texts{})[max(d.rangeSel.SelectedIndex(), 0)]
}

// selectedRange returns the days of the chosen date preset, ending today.
func (d *dashboard) selectedRange() (from, to data.Day) {
	span := func() (first, last data.Day, ok bool) {
		st, err := d.ui.st.SurveyStats(d.survey.ID)
		return st.First, st.Last, err == nil && st.Responses > 0
	}
	return d.preset().Range(data.DayOf(d.now()), span, d.fromDate.Text, d.toDate.Text)
}

// clear empties the cards and the chart, saying why.
func (d *dashboard) clear(why string) {
	d.kpis = data.KPIs{}
	d.heading.SetText("")
	for _, c := range d.kpiCards() {
		c.set("–", "", "", false)
	}
	d.note.SetText(why)
	d.charts.clear(why)
}

// refresh recomputes the figures from the rollups (a few milliseconds even
// with a million responses) and fills the cards.
func (d *dashboard) refresh() {
	d.outdated = false
	if d.survey == nil || d.questionSel == nil {
		return
	}
	if len(d.choices) == 0 {
		d.clear(lang.L("This survey has no rating, NPS or effort question, so there are no figures to show."))
		return
	}
	qi := d.questionSel.SelectedIndex()
	if qi < 0 || qi >= len(d.choices) {
		return
	}
	c := d.choices[qi]
	seg := data.Segment{}
	if si := d.segmentSel.SelectedIndex(); si > 0 && si < len(d.segments) {
		seg = d.segments[si]
	}
	from, to := d.selectedRange()
	k, err := insight.KPIs(insight.ChartSource(d.ui.st, d.ui.settings), d.survey, c, seg, from, to)
	if err != nil {
		d.ui.showError(err)
		return
	}
	d.kpis = k
	d.loadPlan()
	d.charts.render()
	d.heading.SetText(lang.L("{{.From}} to {{.To}}", map[string]any{"From": fmtDay(from), "To": fmtDay(to)}))
	d.fill(k)
}

func fmtDay(d data.Day) string { return fmtDate(d.Date(time.Local)) }

// fill writes the KPIs into the cards.
func (d *dashboard) fill(k data.KPIs) {
	q := k.Question
	c := k.CSAT
	switch {
	case c.N == 0:
		d.csat.set("–", lang.L("No answers in this range"), "", false)
	default:
		detail := lang.L("95 % range {{.Low}}–{{.High}}, n = {{.N}}", map[string]any{
			"Low": fmtNumber(c.Low, 1), "High": fmtNumber(c.High, 1), "N": c.N})
		var status []string
		set := d.ui.settings
		band := map[string]any{"Low": fmtNumber(set.BandLow, 0), "High": fmtNumber(set.BandHigh, 0)}
		place := set.Place(c.Percent)
		switch place {
		case insight.BelowBand:
			status = append(status, lang.L("Below the good CSAT band ({{.Low}}–{{.High}} %)", band))
		case insight.AboveBand:
			status = append(status, lang.L("Above the good CSAT band ({{.Low}}–{{.High}} %)", band))
		default:
			status = append(status, lang.L("Within the good CSAT band ({{.Low}}–{{.High}} %)", band))
		}
		if c.N < data.FewResponses {
			status = append(status, lang.L("few responses"))
		}
		if k.LastYear.N > 0 {
			word := lang.L("within noise")
			if data.DiffersSignificantly(k.CSAT, k.LastYear) {
				word = lang.L("a real change")
			}
			status = append(status, lang.L("{{.Change}} points vs the same dates last year ({{.Word}})", map[string]any{"Change": fmtSigned(c.Percent-k.LastYear.Percent, 1), "Word": word}))
		}
		if k.Previous.N > 0 {
			pts, meaningful := k.Change()
			word := lang.L("within noise")
			if meaningful {
				word = lang.L("a real change")
			}
			status = append(status, lang.L("{{.Change}} points vs previous period ({{.Word}})", map[string]any{"Change": fmtSigned(pts, 1), "Word": word}))
		}
		d.csat.set(fmtPercent(c.Percent), detail, joinLines(status), place == insight.BelowBand)
	}
	if q.ID == 0 {
		d.csat.caption.Text = lang.L("CSAT (all satisfaction questions)")
	} else {
		d.csat.caption.Text = lang.L("CSAT (satisfied = {{.Cut}}–{{.Max}})", map[string]any{"Cut": q.SatisfiedFrom, "Max": q.Max})
	}
	d.csat.caption.Refresh()

	d.responses.set(fmt.Sprint(k.Responses), lang.L("forms in this range"), "", false)
	if q.ID == 0 {
		d.mean.set("–", lang.L("pick one question: the scales differ"), "", false)
	} else {
		d.mean.set(fmtNumber(k.Mean, 2), lang.L("on a {{.Min}}–{{.Max}} scale", map[string]any{"Min": q.Min, "Max": q.Max}), "", false)
	}
	if k.HasNPS && k.NPS.N > 0 {
		n := k.NPS
		d.nps.set(fmtSigned(n.Score, 0), lang.L("Promoters {{.P}} %, passives {{.Pa}} %, detractors {{.D}} %", map[string]any{
			"P": fmtNumber(n.Promoters, 0), "Pa": fmtNumber(n.Passives, 0), "D": fmtNumber(n.Detractors, 0)}),
			lang.L("n = {{.N}}", map[string]any{"N": n.N}), false)
	} else {
		d.nps.set("–", lang.L("No NPS answers in this range"), "", false)
	}
	if k.HasCES && k.CES.N > 0 {
		d.effort.set(fmtNumber(k.CES.Mean, 2), lang.L("{{.A}} % agree it was easy (5–7)", map[string]any{"A": fmtNumber(k.CES.Agree, 0)}),
			lang.L("n = {{.N}}", map[string]any{"N": k.CES.N}), false)
	} else {
		d.effort.set("–", lang.L("No effort answers in this range"), "", false)
	}
	if math.IsNaN(c.Percent) {
		d.note.SetText("")
	} else {
		d.note.SetText(lang.L("CSAT % = satisfied answers ÷ all answers × 100. Blank answers are not counted. The range shows where the true figure lies with 95 % confidence."))
	}
}

// kpiCards are the five cards.
func (d *dashboard) kpiCards() []*kpiCard {
	return []*kpiCard{d.csat, d.responses, d.mean, d.nps, d.effort}
}

// setCompact makes the cards compact or full (see dashLayout); compact,
// the goals take one line.
func (d *dashboard) setCompact(compact bool) {
	for _, c := range d.kpiCards() {
		c.setCompact(compact)
	}
	if compact {
		d.plan.Hide()
		d.goalSum.Show()
	} else {
		d.goalSum.Hide()
		d.plan.Show()
	}
}

// compact reports whether the cards are compact.
func (d *dashboard) compact() bool { return d.csat.compact }

// showDetailsButton shows "More details" (or "Fewer details" after it was
// tapped) when the cards do not fit in full beside the chart.
func (d *dashboard) showDetailsButton(show bool) {
	text := lang.L("More details")
	if d.details {
		text = lang.L("Fewer details")
	}
	if d.detailsBtn.Text != text {
		d.detailsBtn.SetText(text)
	}
	if show != d.detailsBtn.Visible() {
		if show {
			d.detailsBtn.Show()
		} else {
			d.detailsBtn.Hide()
		}
	}
}

// onDetails shows the cards in full, or compact again.
func (d *dashboard) onDetails() {
	d.details = !d.details
	d.figures.Refresh()
}

func joinLines(s []string) string { return strings.Join(s, "\n") }

func (d *dashboard) onCreateSample() {
	if _, _, err := cli.CreateSample(d.ui.st, time.Now().UnixNano()%1000, d.now()); err != nil {
		d.ui.showError(err)
		return
	}
	d.ui.reload()
}

// maxGoalLines is how many goals the dashboard shows; the goals screen
// lists them all (one or two at a time is the advice).
const maxGoalLines = 3

// loadPlan reads the goals and notes, computes the progress of the goals
// of the survey shown and fills the plan row.
func (d *dashboard) loadPlan() {
	gs, err := insight.LoadGoals(d.ui.st)
	if err != nil {
		d.ui.showError(err)
	}
	ns, err := insight.LoadNotes(d.ui.st)
	if err != nil {
		d.ui.showError(err)
	}
	d.goals, d.notes = gs, ns
	today := data.DayOf(d.now())
	d.progress = d.progress[:0]
	src := insight.ChartSource(d.ui.st, d.ui.settings)
	for _, g := range insight.GoalsFor(gs, d.survey.ID) {
		p, err := insight.GoalProgress(src, d.survey, g, today)
		if err != nil {
			d.ui.showError(err)
			break
		}
		d.progress = append(d.progress, p)
	}
	var lines []fyne.CanvasObject
	for i, p := range d.progress {
		if i == maxGoalLines {
			more := widget.NewLabel(lang.L("and {{.N}} more goals: Goals…", map[string]any{"N": len(d.progress) - maxGoalLines}))
			more.Importance = widget.LowImportance
			lines = append(lines, more)
			break
		}
		l := widget.NewLabel(goalProgressLine(p))
		l.Truncation = fyne.TextTruncateEllipsis
		l.Importance = goalStatusImportance(p.Status)
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		l := widget.NewLabel(lang.L("No goals yet. Set one or two with Goals…: a target for CSAT, NPS or effort, and a deadline."))
		l.Truncation = fyne.TextTruncateEllipsis
		l.Importance = widget.LowImportance
		lines = append(lines, l)
	}
	d.goalLines.Objects = lines
	d.goalLines.Refresh()
	if r := waveReminder(d.ui.st, *d.survey, today); r != "" {
		d.reminder.SetText(r)
		d.reminder.Show()
	} else {
		d.reminder.Hide()
	}
	sum := goalSummary(d.progress)
	if r := d.reminder; r.Visible() {
		sum = strings.TrimPrefix(sum+"  ·  "+r.Text, "  ·  ")
	}
	d.goalSum.SetText(sum)
}

// showPlanMenu opens the menu of goals, notes and waves under button b.
func (d *dashboard) showPlanMenu(b *widget.Button) {
	c := d.ui.win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	m := widget.NewPopUpMenu(d.planMenu, c)
	// Under the button, its right edge at the button's, inside the window.
	x := max(0, min(pos.X+b.Size().Width, c.Size().Width)-m.MinSize().Width)
	m.ShowAtPosition(fyne.NewPos(x, pos.Y+b.Size().Height))
}

// onValueLabels writes every trend point's value on the chart, or only
// the latest and a dip again.
func (d *dashboard) onValueLabels() {
	d.labels = !d.labels
	d.planMenu.Items[len(d.planMenu.Items)-1].Checked = d.labels
	d.planMenu.Refresh()
	d.charts.render()
}

// onGoals opens the goals screen.
func (d *dashboard) onGoals() { d.ui.showGoals(d.refresh) }

// onNotes opens the event notes.
func (d *dashboard) onNotes() { d.ui.showNotes(d.survey, d.refresh) }

// onWaves opens the waves of the survey shown.
func (d *dashboard) onWaves() {
	if d.survey != nil {
		d.ui.showWaves(*d.survey, d.refresh)
	}
}

// noMinWidth gives its objects all its room but asks for no width, only
// their height: a truncated line that must never widen its row (the
// heading row is as wide as a 1000-pixel window allows in Russian).
type noMinWidth struct{}

func (noMinWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (noMinWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}
