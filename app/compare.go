package app

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/insight"
)

// compareScreen is the A/B comparison: two survey versions, two wordings
// of a question, two channels, two locations (or other tags) or two
// periods side by side, with n, each figure's 95 % range, the difference
// with its range and p-value, and a plain verdict (insight.Compare).
type compareScreen struct {
	ui  *UI
	now func() time.Time

	surveys []data.Survey
	survey  *data.Survey
	bys     []insight.CompareBy
	tags    []string // tag names of the survey (BySegment)
	numeric []data.Question

	surveySel, bySel, questionSel, question2Sel, optionSel, rangeSel, aSel, bSel *dropdown
	question2Box, optionBox                                                      fyne.CanvasObject
	optionLabel                                                                  *widget.Label

	groups []insight.Group
	result *insight.Comparison

	body    *fyne.Container
	table   *fyne.Container // the figures: label, A, B, difference, p-value per row
	verdict *widget.Label
	explain *widget.Label
	status  *widget.Label

	gen      int
	root     fyne.CanvasObject
	outdated bool
}

func newCompareScreen(u *UI) *compareScreen { return &compareScreen{ui: u, now: time.Now} }

func (c *compareScreen) buildUI() fyne.CanvasObject {
	var byNames []string
	c.bys, byNames = insight.CompareBys(texts{})
	c.surveySel = c.ui.dropdown(nil, func(string) { c.onSurvey() })
	c.bySel = c.ui.dropdown(byNames, func(string) { c.onBy() })
	c.questionSel = c.ui.dropdown(nil, func(string) { c.load() })
	c.question2Sel = c.ui.dropdown(nil, func(string) { c.load() })
	c.optionSel = c.ui.dropdown(nil, func(string) { c.load() })
	var rnames []string
	for _, p := range topicsPresets() {
		rnames = append(rnames, p.Label)
	}
	c.rangeSel = c.ui.dropdown(rnames, func(string) { c.load() })
	c.rangeSel.SetSelectedIndex(len(rnames) - 1) // all time: versions and periods lie apart
	c.aSel = c.ui.dropdown(nil, func(string) { c.show() })
	c.bSel = c.ui.dropdown(nil, func(string) { c.show() })
	for _, d := range []*dropdown{c.surveySel, c.bySel, c.questionSel, c.question2Sel, c.optionSel, c.rangeSel, c.aSel, c.bSel} {
		d.PlaceHolder = lang.L("(Select one)") // translatePlaceholders knows *widget.Select only
	}
	c.optionLabel = widget.NewLabel("")
	c.question2Box = labelled(lang.L("Second question"), c.question2Sel)
	c.optionBox = container.NewBorder(nil, nil, c.optionLabel, nil, c.optionSel)

	filters := container.NewGridWithColumns(2,
		labelled(lang.L("Survey"), c.surveySel),
		labelled(lang.L("Compare"), c.bySel),
		labelled(lang.L("Question"), c.questionSel),
		labelled(lang.L("Dates"), c.rangeSel),
	)
	extra := container.NewGridWithColumns(2, c.question2Box, c.optionBox)
	groups := container.NewGridWithColumns(2, labelled(lang.L("Group A"), c.aSel), labelled(lang.L("Group B"), c.bSel))

	c.table = container.New(&compareGrid{})
	c.verdict = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.verdict.SizeName = theme.SizeNameSubHeadingText
	c.explain = wrapLabel(lang.L("Ranges are 95 %: the true value lies within them 19 times in 20. The p-value is the chance of a difference at least this large if both groups were really the same; below 0.05 it is called a real difference. Each group needs at least {{.N}} answers.", map[string]any{"N": insight.MinCompareN}))
	c.explain.Importance = widget.LowImportance
	c.status = widget.NewLabel("")
	c.status.Truncation = fyne.TextTruncateEllipsis
	c.body = container.NewVBox(filters, extra, groups, widget.NewSeparator(), c.verdict, c.table, c.explain, c.status)
	c.root = container.NewVScroll(container.NewPadded(c.body))
	c.bySel.SetSelectedIndex(0)
	return c.root
}

// compareCols is the number of columns of the figures: a label, A, B,
// the difference and the p-value.
const compareCols = 5

// compareGrid lays its objects out in rows of compareCols: a label column,
// three equal value columns and a narrow p-value column.
type compareGrid struct{}

func (compareGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	label := min(200, size.Width*0.2)
	pcol := min(110, size.Width*0.1)
	col := (size.Width - label - pcol) / 3
	y := float32(0)
	for i := 0; i < len(objs); i += compareCols {
		h := float32(0)
		for k := 0; k < compareCols && i+k < len(objs); k++ {
			h = max(h, objs[i+k].MinSize().Height)
		}
		x := float32(0)
		for k := 0; k < compareCols && i+k < len(objs); k++ {
			w := col
			switch k {
			case 0:
				w = label
			case compareCols - 1:
				w = pcol
			}
			objs[i+k].Move(fyne.NewPos(x, y))
			objs[i+k].Resize(fyne.NewSize(w, h))
			x += w
		}
		y += h
	}
}

func (compareGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h, w float32
	for i := 0; i < len(objs); i += compareCols {
		rh := float32(0)
		var rw float32
		for k := 0; k < compareCols && i+k < len(objs); k++ {
			m := objs[i+k].MinSize()
			rh = max(rh, m.Height)
			rw += min(m.Width, 160)
		}
		h += rh
		w = max(w, rw)
	}
	return fyne.NewSize(w, h)
}

// reload re-reads the survey list.
func (c *compareScreen) reload() {
	active, names, err := c.ui.activeSurveys()
	if err != nil {
		c.ui.showError(err)
		return
	}
	c.surveys = active
	c.surveySel.SetOptions(names)
	if len(active) == 0 {
		c.survey = nil
		c.groups, c.result = nil, nil
		c.show()
		return
	}
	if i := c.surveySel.SelectedIndex(); i >= 0 && i < len(active) {
		c.onSurvey()
	} else {
		c.surveySel.SetSelectedIndex(0)
	}
}

// responsesChanged recomputes now when the tab shows, else when next shown.
func (c *compareScreen) responsesChanged() { c.load() }

// onShown recomputes if responses changed meanwhile.
func (c *compareScreen) onShown() {
	if c.outdated {
		c.outdated = false
		c.load()
	}
}

func (c *compareScreen) onSurvey() {
	i := c.surveySel.SelectedIndex()
	if i < 0 || i >= len(c.surveys) {
		return
	}
	c.survey = &c.surveys[i]
	c.numeric = nil
	var names []string
	for _, q := range c.survey.Questions {
		if q.Numeric() && !q.Retired && q.Kind != data.KindChoice {
			c.numeric = append(c.numeric, q)
			names = append(names, q.Text)
		}
	}
	c.tags = nil
	segs, err := c.ui.st.Segments(c.survey.ID)
	if err != nil {
		c.ui.showError(err)
	}
	for _, s := range segs {
		if s.Name != data.ChannelSegment && s.Name != "" && !slices.Contains(c.tags, s.Name) {
			c.tags = append(c.tags, s.Name)
		}
	}
	sort.Strings(c.tags)
	c.questionSel.SetOptions(names)
	c.question2Sel.SetOptions(names)
	if len(names) > 0 {
		def := 0
		if q, ok := c.survey.MainCSAT(); ok {
			def = max(0, slices.IndexFunc(c.numeric, func(o data.Question) bool { return o.ID == q.ID }))
		}
		selectQuietly(&c.questionSel.Select, def)
		selectQuietly(&c.question2Sel.Select, min(len(names)-1, def+1))
	}
	c.onBy()
}

// by is the chosen way to split.
func (c *compareScreen) by() insight.CompareBy {
	i := c.bySel.SelectedIndex()
	if i < 0 || i >= len(c.bys) {
		return insight.ByVersion
	}
	return c.bys[i]
}

// onBy shows the options the chosen way needs, then loads.
func (c *compareScreen) onBy() {
	c.question2Box.Hide()
	c.optionBox.Hide()
	switch c.by() {
	case insight.ByQuestion:
		c.question2Box.Show()
	case insight.BySegment:
		c.optionLabel.SetText(lang.L("Tag"))
		c.optionSel.SetOptions(c.tags)
		if len(c.tags) > 0 {
			selectQuietly(&c.optionSel.Select, 0)
		}
		c.optionBox.Show()
	case insight.ByPeriod:
		c.optionLabel.SetText(lang.L("Period"))
		c.optionSel.SetOptions([]string{lang.L("Month"), lang.L("Quarter"), lang.L("Year")})
		selectQuietly(&c.optionSel.Select, 1)
		c.optionBox.Show()
	}
	c.load()
}

// question returns the chosen question (and ok false when there is none).
func (c *compareScreen) question(sel *dropdown) (data.Question, bool) {
	i := sel.SelectedIndex()
	if i < 0 || i >= len(c.numeric) {
		return data.Question{}, false
	}
	return c.numeric[i], true
}

// splitter is the chosen split, or a problem to tell.
func (c *compareScreen) splitter() (insight.Splitter, data.Question, string) {
	q, ok := c.question(c.questionSel)
	if !ok {
		return insight.Splitter{}, q, lang.L("This survey has no question with a scale to compare.")
	}
	sp := insight.Splitter{By: c.by(), Questions: insight.Lineage(c.survey, q)}
	switch sp.By {
	case insight.ByQuestion:
		q2, ok := c.question(c.question2Sel)
		if !ok || q2.ID == q.ID {
			return sp, q, lang.L("Choose two different questions.")
		}
		if insight.CheckPair(q, q2) != nil {
			return sp, q, lang.L("These two questions are not on the same scale, so their answers cannot be compared.")
		}
		sp.Pair = [2]data.Question{q, q2}
	case insight.BySegment:
		i := c.optionSel.SelectedIndex()
		if i < 0 || i >= len(c.tags) {
			return sp, q, lang.L("The responses of this survey have no tags (such as location).")
		}
		sp.Tag = c.tags[i]
	case insight.ByPeriod:
		sp.Period = []data.Period{data.PeriodMonth, data.PeriodQuarter, data.PeriodYear}[max(0, c.optionSel.SelectedIndex())]
	}
	return sp, q, ""
}

// shown reports whether the screen's tab is the one on screen.
func (c *compareScreen) shown() bool {
	t := c.ui.tabs
	return t != nil && t.Selected() != nil && t.Selected().Content == c.root
}

// load splits the survey's responses in the date range in the background;
// while another tab shows, it only notes that it is to be done (onShown).
func (c *compareScreen) load() {
	if c.survey == nil || c.questionSel == nil {
		return
	}
	if !c.shown() {
		c.outdated = true
		return
	}
	sp, _, problem := c.splitter()
	if problem != "" {
		c.groups, c.result = nil, nil
		c.setGroupOptions()
		c.status.SetText(problem)
		c.show()
		return
	}
	sv := *c.survey
	presets := topicsPresets()
	ri := c.rangeSel.SelectedIndex()
	if ri < 0 || ri >= len(presets) {
		ri = len(presets) - 1
	}
	stat := c.ui.model.stat(sv.ID)
	from, to := presets[ri].Range(data.DayOf(c.now()), func() (data.Day, data.Day, bool) {
		return stat.First, stat.Last, stat.Responses > 0
	}, "", "")
	c.gen++
	gen := c.gen
	c.status.SetText(lang.L("Reading responses…"))
	var err error
	c.ui.background(func() {
		err = c.ui.st.EachResponse(sv.ID, from, to, func(r data.Response) error { sp.Add(&r); return nil })
	}, func() {
		if gen != c.gen {
			return
		}
		if err != nil {
			c.ui.showError(err)
			return
		}
		c.status.SetText("")
		c.groups = sp.Groups()
		c.setGroupOptions()
		c.show()
		if sp.By == insight.ByQuestion && sp.Both > 0 {
			c.status.SetText(lang.L("{{.N}} customers answered both questions: the test assumes two separate groups (an A/B split, each customer seeing one wording), so read this comparison with care.", map[string]any{"N": sp.Both}))
		}
	})
}

// groupLabel is how a group reads in the pickers.
func (c *compareScreen) groupLabel(g insight.Group) string {
	switch c.by() {
	case insight.ByVersion:
		return lang.L("Version {{.V}}", map[string]any{"V": g.Key})
	case insight.ByQuestion:
		if id, err := strconv.ParseUint(g.Key, 10, 32); err == nil && c.survey != nil {
			if q, ok := c.survey.Question(uint32(id)); ok {
				return q.Text
			}
		}
	case insight.ByChannel:
		if g.Key == "" {
			return lang.L("(no channel)")
		}
	}
	return g.Key
}

// setGroupOptions offers the groups found, A and B the two largest (for
// versions and periods the last two, the newest as B).
func (c *compareScreen) setGroupOptions() {
	names := make([]string, len(c.groups))
	for i, g := range c.groups {
		names[i] = fmt.Sprintf("%s (n = %s)", c.groupLabel(g), fmtNumber(float64(g.N), 0))
	}
	c.aSel.SetOptions(names)
	c.bSel.SetOptions(names)
	if len(names) < 2 {
		c.bSel.ClearSelected()
		if len(names) == 1 {
			selectQuietly(&c.aSel.Select, 0)
			c.status.SetText(lang.L("Only one group here ({{.Group}}): nothing to compare it with. Try another way to compare, or other dates.", map[string]any{"Group": c.groupLabel(c.groups[0])}))
		} else {
			c.aSel.ClearSelected()
			c.status.SetText(lang.L("No answers to this question in these dates."))
		}
		return
	}
	a, b := len(names)-2, len(names)-1
	if by := c.by(); by == insight.BySegment || by == insight.ByChannel {
		idx := make([]int, len(c.groups))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return c.groups[idx[i]].N > c.groups[idx[j]].N })
		a, b = idx[0], idx[1]
	}
	if c.by() == insight.ByQuestion {
		a, b = 0, 1
	}
	selectQuietly(&c.aSel.Select, a)
	selectQuietly(&c.bSel.Select, b)
}

// show computes the comparison of the picked groups and fills the table.
func (c *compareScreen) show() {
	c.result = nil
	ai, bi := c.aSel.SelectedIndex(), c.bSel.SelectedIndex()
	q, _ := c.question(c.questionSel)
	if ai >= 0 && bi >= 0 && ai < len(c.groups) && bi < len(c.groups) {
		r := insight.Compare(c.groups[ai], c.groups[bi], q)
		c.result = &r
	}
	c.table.Objects = nil
	if c.result == nil {
		c.verdict.SetText("")
		if c.status.Text == "" && c.survey != nil {
			c.status.SetText(lang.L("Pick two groups to compare."))
		}
		c.table.Refresh()
		c.body.Refresh()
		return
	}
	r := c.result
	cell := func(s string, bold bool) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	row := func(label, a, b, d, p string) {
		c.table.Objects = append(c.table.Objects, cell(label, true), cell(a, false), cell(b, false), cell(d, false), cell(p, false))
	}
	row("", c.groupLabel(r.A), c.groupLabel(r.B), lang.L("Difference (B − A)"), lang.L("p-value"))
	row(lang.L("Answers (n)"), fmtNumber(float64(r.A.N), 0), fmtNumber(float64(r.B.N), 0), "", "")
	ranged := func(v, lo, hi float64, dec int, unit string) string {
		if math.IsNaN(v) {
			return "–"
		}
		s := fmtNumber(v, dec) + unit
		if !math.IsNaN(lo) && !math.IsNaN(hi) {
			s += " (" + fmtNumber(lo, dec) + "–" + fmtNumber(hi, dec) + ")"
		}
		return s
	}
	diff := func(d insight.Diff, dec int) (string, string) {
		if math.IsNaN(d.Value) {
			return "–", "–"
		}
		s := signed(d.Value, dec)
		if !math.IsNaN(d.Low) {
			s += " (" + signed(d.Low, dec) + " … " + signed(d.High, dec) + ")"
		}
		p := "–"
		if !math.IsNaN(d.P) {
			p = fmtP(d.P)
		}
		return s, p
	}
	if r.CSAT != nil {
		d, p := diff(r.CSAT.Diff, 1)
		row(lang.L("CSAT %"), ranged(r.CSAT.A.Percent, r.CSAT.A.Low, r.CSAT.A.High, 1, " %"), ranged(r.CSAT.B.Percent, r.CSAT.B.Low, r.CSAT.B.High, 1, " %"), d, p)
	}
	if r.NPS != nil {
		d, p := diff(r.NPS.Diff, 0)
		row(lang.L("NPS"), ranged(r.NPS.A.Value, r.NPS.A.Low, r.NPS.A.High, 0, ""), ranged(r.NPS.B.Value, r.NPS.B.Low, r.NPS.B.High, 0, ""), d, p)
	}
	if r.Mean != nil {
		d, p := diff(r.Mean.Diff, 2)
		row(lang.L("Mean score"), ranged(r.Mean.A.Value, r.Mean.A.Low, r.Mean.A.High, 2, ""), ranged(r.Mean.B.Value, r.Mean.B.Low, r.Mean.B.High, 2, ""), d, p)
	}
	c.table.Refresh()
	c.body.Refresh()
	c.verdict.SetText(r.Verdict.Text(texts{}))
	c.verdict.Importance = widget.MediumImportance
	if r.Verdict == insight.VerdictReal {
		c.verdict.Importance = widget.HighImportance
	}
	c.verdict.Refresh()
	if c.status.Text == lang.L("Pick two groups to compare.") {
		c.status.SetText("")
	}
}

// signed formats v with its sign: "+3.1", "−2.0".
func signed(v float64, dec int) string {
	if v > 0 {
		return "+" + fmtNumber(v, dec)
	}
	if v < 0 {
		return "−" + fmtNumber(-v, dec)
	}
	return fmtNumber(0, dec)
}

// fmtP formats a p-value: "0.029", "< 0.001".
func fmtP(p float64) string {
	if p < 0.001 {
		return "< " + fmtNumber(0.001, 3)
	}
	return fmtNumber(p, 3)
}
