package app

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/charts"
	"csatdesk/data"
)

// chartKind is one of the dashboard's charts.
type chartKind int

const (
	chartTrend chartKind = iota
	chartDistribution
	chartNPS
	chartSegments
	chartVolume
)

func chartNames() []string {
	return []string{lang.L("CSAT trend"), lang.L("Score distribution"), lang.L("NPS by period"), lang.L("CSAT by segment"), lang.L("Responses per period")}
}

// fileName is the PNG name of a chart in "Export all charts".
func (k chartKind) fileName() string {
	return [...]string{"csat-trend", "distribution", "nps", "segments", "volume"}[k] + ".png"
}

// exportSizes are the PNG presets.
func exportSizes() []struct {
	name string
	size charts.Size
} {
	return []struct {
		name string
		size charts.Size
	}{
		{lang.L("Slide 16:9 (1920×1080)"), charts.SizeSlide},
		{lang.L("Report, A4 width at 300 DPI"), charts.SizeA4},
		{lang.L("Square for social media (1080×1080)"), charts.SizeSquare},
	}
}

// chartQuery is everything a chart is computed from: a snapshot of the
// dashboard's filters, so a render in the background never reads widgets.
type chartQuery struct {
	survey    data.Survey
	question  data.Question   // the question, or a stand-in named "All satisfaction questions"
	questions []data.Question // one, or every satisfaction question together
	seg       data.Segment
	segments  []data.Segment
	from, to  data.Day
	period    data.Period
	compare   int // 0 none, 1 previous year, 2+ segment index+2 of segments
	settings  Settings
	dark      bool
	locale    string
}

// chartPanel shows one chart at a time with its own filters and exports.
type chartPanel struct {
	d       *dashboard
	kind    *widget.Select
	period  *widget.Select
	compare *widget.Select
	sizeSel *widget.Select
	img     *canvas.Image
	msg     *widget.Label
	gen     int
	box     fyne.CanvasObject
}

func newChartPanel(d *dashboard) *chartPanel {
	p := &chartPanel{d: d}
	p.kind = widget.NewSelect(chartNames(), func(string) { p.render() })
	p.period = widget.NewSelect([]string{lang.L("Week"), lang.L("Month"), lang.L("Quarter")}, func(string) { p.render() })
	p.compare = widget.NewSelect(nil, func(string) { p.render() })
	var sizes []string
	for _, s := range exportSizes() {
		sizes = append(sizes, s.name)
	}
	p.sizeSel = widget.NewSelect(sizes, nil)
	p.sizeSel.SetSelectedIndex(0)
	p.img = canvas.NewImageFromImage(nil)
	p.img.FillMode = canvas.ImageFillContain
	p.msg = wrapLabel("")
	p.msg.Alignment = fyne.TextAlignCenter
	exp := widget.NewButtonWithIcon(lang.L("Export PNG…"), theme.DownloadIcon(), p.onExport)
	all := widget.NewButtonWithIcon(lang.L("Export all charts…"), theme.FolderOpenIcon(), p.onExportAll)
	cp := widget.NewButtonWithIcon(lang.L("Copy chart"), theme.ContentCopyIcon(), p.onCopy)
	p.img.SetMinSize(fyne.NewSize(480, 250))
	p.box = container.NewBorder(
		container.NewAdaptiveGrid(3, labelled(lang.L("Chart"), p.kind), labelled(lang.L("Period"), p.period), labelled(lang.L("Compare with"), p.compare)),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Export size")), container.NewHBox(cp, exp, all), p.sizeSel),
		nil, nil,
		container.NewStack(p.img, container.NewVBox(layoutSpacer(), p.msg, layoutSpacer())),
	)
	return p
}

// setCompareOptions lists "none", "previous year" and every segment.
func (p *chartPanel) setCompareOptions(segs []data.Segment) {
	opts := []string{lang.L("Nothing"), lang.L("The year before")}
	for _, s := range segs {
		if !s.All() {
			opts = append(opts, segmentName(s))
		}
	}
	p.compare.Options = opts
	if p.compare.SelectedIndex() < 0 || p.compare.SelectedIndex() >= len(opts) {
		p.compare.SetSelectedIndex(0)
	}
	p.compare.Refresh()
}

func (p *chartPanel) init() {
	p.kind.SetSelectedIndex(0)
	p.period.SetSelectedIndex(1)
	p.compare.SetSelectedIndex(0)
}

// query snapshots the filters.
func (p *chartPanel) query() (chartQuery, bool) {
	d := p.d
	if d.survey == nil || d.questionSel.SelectedIndex() < 0 || d.questionSel.SelectedIndex() >= len(d.choices) {
		return chartQuery{}, false
	}
	c := d.choices[d.questionSel.SelectedIndex()]
	q := chartQuery{
		survey:    *d.survey,
		question:  c.qs[0],
		questions: c.qs,
		period:    []data.Period{data.PeriodWeek, data.PeriodMonth, data.PeriodQuarter}[max(p.period.SelectedIndex(), 0)],
		compare:   max(p.compare.SelectedIndex(), 0),
		settings:  d.ui.settings,
		dark:      d.ui.dark(),
		locale:    uiLocale(),
	}
	if len(c.qs) > 1 {
		q.question = data.Question{Text: c.label}
	}
	if si := d.segmentSel.SelectedIndex(); si > 0 && si < len(d.segments) {
		q.seg = d.segments[si]
	}
	q.segments = append([]data.Segment(nil), d.segments...)
	q.from, q.to = d.selectedRange()
	return q, true
}

// clear drops the chart on screen (and any render still under way).
func (p *chartPanel) clear(why string) {
	p.gen++
	p.img.Image = nil
	p.img.Refresh()
	p.msg.SetText(why)
}

// render draws the chosen chart in the background and shows it when done;
// a newer request makes an older result stale.
func (p *chartPanel) render() {
	q, ok := p.query()
	if !ok || p.kind.SelectedIndex() < 0 {
		return
	}
	kind := chartKind(p.kind.SelectedIndex())
	p.gen++
	gen := p.gen
	st := p.d.ui.st
	var img image.Image
	var err error
	p.d.ui.background(func() {
		img, err = drawChart(st, kind, q, charts.SizeScreen)
	}, func() {
		if gen != p.gen {
			return
		}
		if err != nil {
			p.img.Image = nil
			p.msg.SetText(chartError(err))
		} else {
			p.img.Image = img
			p.msg.SetText("")
		}
		p.img.Refresh()
	})
}

func chartError(err error) string {
	if errors.Is(err, charts.ErrNotEnoughData) {
		return lang.L("Not enough data for this chart yet: it needs answers in at least two periods. Pick a longer date range or a shorter period.")
	}
	return err.Error()
}

// drawChart computes one chart's series from the rollups and renders it.
func drawChart(src data.DaySource, kind chartKind, q chartQuery, size charts.Size) (image.Image, error) {
	sv, qn := &q.survey, q.question
	band := charts.Band{Low: q.settings.BandLow, High: q.settings.BandHigh,
		Label: lang.L("Good CSAT {{.Low}}–{{.High}} %", map[string]any{"Low": fmtNumber(q.settings.BandLow, 0), "High": fmtNumber(q.settings.BandHigh, 0)})}
	if len(q.questions) == 0 {
		q.questions = []data.Question{qn}
	}
	overall, err := data.CSATOfQuestions(src, sv.ID, q.questions, q.seg, q.from, q.to)
	if err != nil {
		return nil, err
	}
	var total data.Histogram // the single question's answers (distribution)
	if len(q.questions) == 1 {
		days, err := src.Days(sv.ID, qn.ID, q.seg, q.from, q.to)
		if err != nil {
			return nil, err
		}
		total = data.Sum(days, q.from, q.to)
	}
	style := charts.Style{Dark: q.dark, Locale: q.locale,
		Subtitle: subtitle(q, overall.N),
		Footer:   footer(q)}
	opt := charts.Options{Style: style, Size: size, Band: band}
	switch kind {
	case chartTrend:
		style.Title = lang.L("CSAT % by {{.Period}}: {{.Question}}", map[string]any{"Period": periodWord(q.period), "Question": qn.Text})
		pts, err := data.CSATTrendOfQuestions(src, sv.ID, q.questions, q.seg, q.period, q.from, q.to)
		if err != nil {
			return nil, err
		}
		to := charts.TrendOptions{Style: style, Size: size, Band: band, FewN: data.FewResponses, ZoomY: true,
			SeriesLabel: segmentName(q.seg)}
		if q.settings.Goal > 0 {
			to.Goal = charts.Goal{Value: q.settings.Goal, Label: goalLabel(q.settings)}
		}
		if cmp, label, err := compareSeries(src, q, len(pts)); err != nil {
			return nil, err
		} else if cmp != nil {
			to.Compare, to.CompareLabel = cmp, label
		}
		return charts.Trend(pts, to)
	case chartDistribution:
		if len(q.questions) > 1 {
			return nil, errors.New(lang.L("Pick one question to see how its answers spread over the scale."))
		}
		opt.Title = lang.L("How customers answered: {{.Question}}", map[string]any{"Question": qn.Text})
		return charts.Distribution(qn, total, opt)
	case chartNPS:
		nq, ok := sv.FirstOfKind(data.KindNPS)
		if !ok {
			return nil, errors.New(lang.L("This survey has no NPS question."))
		}
		nd, err := src.Days(sv.ID, nq.ID, q.seg, q.from, q.to)
		if err != nil {
			return nil, err
		}
		opt.Title = lang.L("Net Promoter Score by {{.Period}}", map[string]any{"Period": periodWord(q.period)})
		opt.Subtitle = subtitle(q, data.Sum(nd, q.from, q.to).N())
		opt.Footer = withBusiness(q, lang.L("NPS = % promoters (9–10) − % detractors (0–6), from −100 to +100; question: {{.Question}}", map[string]any{"Question": nq.Text}))
		return charts.NPSBars(data.Bucketize(nd, q.period, q.from, q.to), opt)
	case chartSegments:
		var rows []charts.SegmentRow
		for _, s := range q.segments {
			if s.All() {
				continue
			}
			c, err := data.CSATOfQuestions(src, sv.ID, q.questions, s, q.from, q.to)
			if err != nil {
				return nil, err
			}
			if c.N > 0 {
				rows = append(rows, charts.SegmentRow{Label: segmentName(s), CSAT: c})
			}
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].CSAT.Percent > rows[j].CSAT.Percent })
		opt.Title = lang.L("CSAT % by location, channel and staff: {{.Question}}", map[string]any{"Question": qn.Text})
		return charts.Segments(rows, opt)
	case chartVolume:
		rd, err := src.Days(sv.ID, data.ResponsesQuestion, q.seg, q.from, q.to)
		if err != nil {
			return nil, err
		}
		opt.Title = lang.L("Responses per {{.Period}}", map[string]any{"Period": periodWord(q.period)})
		opt.Subtitle = subtitle(q, data.Sum(rd, q.from, q.to).N())
		opt.Footer = withBusiness(q, lang.L("Every stored response counts once, by the date on its form."))
		return charts.Volume(data.Bucketize(rd, q.period, q.from, q.to), opt)
	}
	return nil, fmt.Errorf("unknown chart %d", kind)
}

// compareSeries is the second trend line: the same periods a year earlier,
// or another segment over the same dates; n is the number of points.
func compareSeries(src data.DaySource, q chartQuery, n int) ([]data.TrendPoint, string, error) {
	switch {
	case q.compare == 1:
		from := data.DayOf(q.from.Date(time.UTC).AddDate(-1, 0, 0))
		to := data.DayOf(q.to.Date(time.UTC).AddDate(-1, 0, 0))
		pts, err := data.CSATTrendOfQuestions(src, q.survey.ID, q.questions, q.seg, q.period, from, to)
		if err != nil {
			return nil, "", err
		}
		return fitLength(pts, n), lang.L("The year before"), nil
	case q.compare >= 2:
		var segs []data.Segment
		for _, s := range q.segments {
			if !s.All() {
				segs = append(segs, s)
			}
		}
		i := q.compare - 2
		if i >= len(segs) {
			return nil, "", nil
		}
		pts, err := data.CSATTrendOfQuestions(src, q.survey.ID, q.questions, segs[i], q.period, q.from, q.to)
		if err != nil {
			return nil, "", err
		}
		return fitLength(pts, n), segmentName(segs[i]), nil
	}
	return nil, "", nil
}

// fitLength pads (with empty points) or trims pts to n points so the
// comparison lines up period by period.
func fitLength(pts []data.TrendPoint, n int) []data.TrendPoint {
	for len(pts) < n {
		pts = append(pts, data.TrendPoint{Value: math.NaN(), Low: math.NaN(), High: math.NaN()})
	}
	return pts[:n]
}

func periodWord(p data.Period) string {
	switch p {
	case data.PeriodDay:
		return lang.L("day")
	case data.PeriodWeek:
		return lang.L("week")
	case data.PeriodQuarter:
		return lang.L("quarter")
	case data.PeriodYear:
		return lang.L("year")
	}
	return lang.L("month")
}

func goalLabel(s Settings) string {
	if s.GoalDate != "" {
		return lang.L("Goal {{.Goal}} % by {{.Date}}", map[string]any{"Goal": fmtNumber(s.Goal, 0), "Date": s.GoalDate})
	}
	return lang.L("Goal {{.Goal}} %", map[string]any{"Goal": fmtNumber(s.Goal, 0)})
}

func subtitle(q chartQuery, n uint64) string {
	parts := []string{q.survey.Name}
	if !q.seg.All() {
		parts = append(parts, segmentName(q.seg))
	}
	parts = append(parts, fmt.Sprintf("%s – %s", fmtDay(q.from), fmtDay(q.to)), lang.L("n = {{.N}}", map[string]any{"N": n}))
	return strings.Join(parts, " · ")
}

func footer(q chartQuery) string {
	qn := q.question
	if len(q.questions) > 1 {
		return withBusiness(q, lang.L("Every answer to a satisfaction question counts, satisfied by its own question's cut-off; blank answers not counted; shading shows 95 % ranges."))
	}
	s := lang.L("Satisfied = {{.Cut}}–{{.Max}} on a {{.Min}}–{{.Max}} scale; CSAT % = satisfied ÷ all answers; blank answers not counted; bars and shading show 95 % ranges.",
		map[string]any{"Cut": qn.SatisfiedFrom, "Min": qn.Min, "Max": qn.Max})
	return withBusiness(q, s)
}

// withBusiness puts the business name in front of a footer.
func withBusiness(q chartQuery, s string) string {
	if q.settings.Business != "" {
		return q.settings.Business + " · " + s
	}
	return s
}

// onCopy renders the chart at the export size and puts it on the clipboard.
func (p *chartPanel) onCopy() {
	q, ok := p.query()
	if !ok {
		return
	}
	kind := chartKind(max(p.kind.SelectedIndex(), 0))
	size := p.exportSize()
	var err error
	p.d.ui.background(func() {
		var img image.Image
		if img, err = drawChart(p.d.ui.st, kind, q, size); err != nil {
			return
		}
		var buf bytes.Buffer
		if err = charts.EncodePNG(&buf, img); err == nil {
			err = copyPNG(buf.Bytes())
		}
	}, func() {
		if err != nil {
			p.msg.SetText(clipboardError(err))
			return
		}
		p.msg.SetText(lang.L("The chart is on the clipboard: paste it into your report."))
	})
}

// exportAll renders every chart into dir with a progress bar and Cancel.
func (p *chartPanel) exportAll(dir string, q chartQuery, size charts.Size) {
	win := p.d.ui.win
	bar := widget.NewProgressBar()
	var cancelled atomic.Bool
	prog := dialog.NewCustomWithoutButtons(lang.L("Exporting charts"), container.NewVBox(bar,
		widget.NewButton(lang.L("Cancel"), func() { cancelled.Store(true) })), win)
	prog.Show()
	var written, problems []string
	p.d.ui.background(func() {
		kinds := []chartKind{chartTrend, chartDistribution, chartNPS, chartSegments, chartVolume}
		for i, k := range kinds {
			if cancelled.Load() {
				break
			}
			img, err := drawChart(p.d.ui.st, k, q, size)
			if err == nil {
				if err = charts.WritePNGFile(filepath.Join(dir, k.fileName()), img); err == nil {
					written = append(written, k.fileName())
				}
			}
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s", k.fileName(), chartError(err)))
			}
			v := float64(i+1) / float64(len(kinds))
			fyne.Do(func() { bar.SetValue(v) })
		}
	}, func() {
		prog.Hide()
		msg := lang.L("Wrote {{.N}} charts to {{.Dir}}.", map[string]any{"N": len(written), "Dir": dir})
		if len(problems) > 0 {
			msg += "\n" + strings.Join(problems, "\n")
		}
		dialog.ShowInformation(lang.L("Charts exported"), msg, win)
	})
}

func (p *chartPanel) exportSize() charts.Size {
	return exportSizes()[max(p.sizeSel.SelectedIndex(), 0)].size
}

// onExport saves the chart on screen as a PNG, re-rendered at export size.
func (p *chartPanel) onExport() {
	q, ok := p.query()
	if !ok {
		return
	}
	kind := chartKind(max(p.kind.SelectedIndex(), 0))
	size := p.exportSize()
	p.d.ui.saveInBackground(kind.fileName(), func(path string) error {
		img, err := drawChart(p.d.ui.st, kind, q, size)
		if err != nil {
			return err
		}
		return charts.WritePNGFile(path, img)
	}, func(path string) {
		p.msg.SetText(lang.L("Saved {{.Path}}", map[string]any{"Path": path}))
	})
}

// onExportAll writes every chart into a folder the user picks.
func (p *chartPanel) onExportAll() {
	q, ok := p.query()
	if !ok {
		return
	}
	size := p.exportSize()
	win := p.d.ui.win
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if dir == nil {
			return
		}
		p.exportAll(dir.Path(), q, size)
	}, win)
}
