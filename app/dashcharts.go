package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/charts"
	"csatdesk/charts/report"
	"csatdesk/data"
	"csatdesk/data/insight"
)

// chartQuery is a chart's query and how it is drawn (the dark palette,
// the language's decimal mark), snapshot from the dashboard's filters.
type chartQuery struct {
	q    insight.Query
	look report.Options
	src  data.DaySource // the store, without misuse presses unless counted (insight.ChartSource)
}

// screenZoom enlarges the on-screen chart's text a little over print
// sizes (9 pt axis labels become about 14 px, the window's own text size).
const screenZoom = 1.15

// resizeDelay is how long the chart waits after the last size change
// before it is drawn anew: a window dragged bigger is drawn once.
const resizeDelay = 150 * time.Millisecond

// chartPanel shows one chart at a time, drawn for the room it has, with
// its own filters and exports.
type chartPanel struct {
	d          *dashboard
	kind       *dropdown
	period     *dropdown
	compare    *dropdown
	view       *chartView
	img        *canvas.Image     // the chart on screen (view.img)
	msg        *widget.Label     // why there is no chart, on a card over the empty view
	msgCard    fyne.CanvasObject // msg's card, shown only with a message
	msgBg      *canvas.Rectangle
	status     *widget.Label // the last export's or copy's outcome
	export     exportChoice  // the last export's size and look
	exportForm *exportForm   // the export dialog's fields, while it is open (tests)
	gen        int
	drawn      charts.Size       // the size of the chart on screen, or being drawn
	box        fyne.CanvasObject // the chart's filters over the chart
	buttons    *fyne.Container   // Copy chart, Export PNG…, Export all charts…
	tools      *fyne.Container   // beside the chart's filters: the dashboard's Goals…, Notes…, Waves…

	stopRedraw func() // keeps a pending redraw after a resize from running
}

func newChartPanel(d *dashboard) *chartPanel {
	p := &chartPanel{d: d, export: loadExport(d.ui.app.Preferences())}
	p.kind = d.ui.dropdown(insight.ChartNames(texts{}), func(string) { p.render() })
	p.period = d.ui.dropdown([]string{lang.L("Week"), lang.L("Month"), lang.L("Quarter")}, func(string) { p.render() })
	p.compare = d.ui.dropdown(nil, func(string) { p.render() })
	p.view = newChartView(p.onResized)
	p.img = p.view.img
	p.msg = wrapLabel("")
	p.msg.Alignment = fyne.TextAlignCenter
	p.msgBg = canvas.NewRectangle(nil)
	styleCard(p.msgBg)
	p.msgCard = container.NewStack(p.msgBg, container.NewPadded(p.msg))
	p.msgCard.Hide()
	p.status = widget.NewLabel("")
	p.status.Truncation = fyne.TextTruncateEllipsis
	exp := widget.NewButtonWithIcon(lang.L("Export PNG…"), theme.DownloadIcon(), p.onExport)
	all := widget.NewButtonWithIcon(lang.L("Export all charts…"), theme.FolderOpenIcon(), p.onExportAll)
	cp := widget.NewButtonWithIcon(lang.L("Copy chart"), theme.ContentCopyIcon(), p.onCopy)
	// The exports' buttons and outcome are not under the chart but in the
	// dashboard's heading row (actions): a row less above the chart.
	p.buttons = container.NewHBox(cp, exp, all)
	p.tools = container.NewHBox()
	p.box = container.NewBorder(
		container.NewBorder(nil, nil, nil, p.tools,
			container.NewAdaptiveGrid(3, labelled(lang.L("Chart"), p.kind), labelled(lang.L("Period"), p.period), labelled(lang.L("Compare with"), p.compare))),
		nil, nil, nil,
		container.NewStack(p.view, container.New(&centeredCard{maxWidth: 560}, p.msgCard)),
	)
	return p
}

// setCompareOptions lists "none", "previous year" and every segment.
func (p *chartPanel) setCompareOptions(segs []data.Segment) {
	opts := insight.CompareOptions(texts{}, segs)
	p.compare.Options = opts
	if p.compare.SelectedIndex() < 0 || p.compare.SelectedIndex() >= len(opts) {
		selectQuietly(&p.compare.Select, 0) // the caller draws once everything is set
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
	q := insight.Query{
		Survey:   *d.survey,
		Choice:   d.choices[d.questionSel.SelectedIndex()],
		Period:   []data.Period{data.PeriodWeek, data.PeriodMonth, data.PeriodQuarter}[max(p.period.SelectedIndex(), 0)],
		Compare:  max(p.compare.SelectedIndex(), 0),
		Settings: d.ui.settings,
		Lang:     texts{},
		Goals:    d.goals,
		Notes:    d.notes,

		ValueLabels: d.labels,
	}
	if si := d.segmentSel.SelectedIndex(); si > 0 && si < len(d.segments) {
		q.Segment = d.segments[si]
	}
	q.Segments = append([]data.Segment(nil), d.segments...)
	q.From, q.To = d.selectedRange()
	return chartQuery{q: q, look: report.Options{Dark: d.ui.dark(), Locale: uiLocale(), Compact: true}, src: insight.ChartSource(d.ui.st, d.ui.settings)}, true
}

// draw renders chart c of q at size, with its point map.
func (p *chartPanel) draw(c insight.Chart, q chartQuery, size charts.Size) (image.Image, charts.Map, error) {
	look := q.look
	look.Size = size
	return report.DrawMapped(q.src, c, q.q, look)
}

// setMsg says why there is no chart ("" hides the card).
func (p *chartPanel) setMsg(s string) {
	p.msg.SetText(s)
	styleCard(p.msgBg) // the theme may have changed
	if s == "" {
		p.msgCard.Hide()
	} else {
		p.msgCard.Show()
	}
}

// clear drops the chart on screen (and any render still under way).
func (p *chartPanel) clear(why string) {
	p.gen++
	p.view.set(nil, nil)
	p.setMsg(why)
}

// screenSize is the size to draw the on-screen chart at: the view's, in
// the screen's pixels (Fyne units × the canvas scale), with fonts, lines
// and paddings scaled to match. Before the first layout it is
// charts.SizeScreen.
func (p *chartPanel) screenSize() charts.Size {
	s := p.view.Size()
	if s.Width < 1 || s.Height < 1 {
		return charts.SizeScreen
	}
	scale := float32(1)
	if c := p.d.ui.win.Canvas(); c != nil && c.Scale() > 0 {
		scale = c.Scale()
	}
	dpi := 96 * float64(scale) * screenZoom
	return charts.Size{
		WidthPx:  max(int(math.Round(float64(s.Width*scale))), charts.MinSidePx(dpi)),
		HeightPx: max(int(math.Round(float64(s.Height*scale))), charts.MinSidePx(dpi)),
		DPI:      dpi,
	}
}

// onResized draws the chart anew for the view's new size, once the size
// has settled.
func (p *chartPanel) onResized(fyne.Size) {
	if p.screenSize() == p.drawn {
		return
	}
	if p.stopRedraw != nil {
		p.stopRedraw()
	}
	// Through the job runner: on the UI goroutine after resizeDelay
	// (UI tests: at once).
	p.stopRedraw = p.d.ui.jobs.Later(resizeDelay, func() {
		if p.screenSize() != p.drawn {
			p.render()
		}
	})
}

// render draws the chosen chart in the background at the view's size and
// shows it when done; a newer request makes an older result stale.
func (p *chartPanel) render() {
	q, ok := p.query()
	if !ok || p.kind.SelectedIndex() < 0 {
		return
	}
	kind := insight.Chart(p.kind.SelectedIndex())
	size := p.screenSize()
	p.gen++
	p.drawn = size
	gen := p.gen
	var img image.Image
	var m charts.Map
	var err error
	p.d.ui.background(func() {
		maybePanic("job")
		img, m, err = p.draw(kind, q, size)
	}, func() {
		if gen != p.gen {
			return
		}
		if err != nil {
			p.view.set(nil, nil)
			p.setMsg(chartError(err))
			return
		}
		p.view.set(img, m)
		p.setMsg("")
	})
}

func chartError(err error) string { return report.ErrorText(texts{}, err) }

// onCopy renders the chart at the export size and look and puts it on the
// clipboard; without a clipboard tool it says which to install and offers
// to save the chart instead.
func (p *chartPanel) onCopy() {
	maybePanic("ui")
	q, ok := p.query()
	if !ok {
		return
	}
	kind := insight.Chart(max(p.kind.SelectedIndex(), 0))
	ex := p.export
	q.look.Dark, q.look.Compact = ex.dark, false
	var err error
	p.d.ui.background(func() {
		var img image.Image
		if img, _, err = p.draw(kind, q, ex.size); err != nil {
			return
		}
		var buf bytes.Buffer
		if err = charts.EncodePNG(&buf, img, ex.size.DPI); err == nil {
			err = copyPNG(buf.Bytes())
		}
	}, func() {
		switch {
		case errors.Is(err, errNoImageClipboard):
			p.status.SetText("")
			p.offerSave(err)
		case err != nil:
			p.status.SetText(clipboardError(err))
		default:
			p.status.SetText(lang.L("The chart is on the clipboard: paste it into your report."))
		}
	})
}

// offerSave says that copying needs a tool and offers Save PNG instead.
func (p *chartPanel) offerSave(err error) {
	msg := wrapLabel(clipboardError(err))
	box := container.NewGridWrap(fyne.NewSize(440, 130), msg)
	dlg := dialog.NewCustomConfirm(lang.L("Copying pictures needs a helper program"), lang.L("Save PNG…"), lang.L("Close"), box,
		func(save bool) {
			if save {
				p.saveChart(p.export)
			}
		}, p.d.ui.win)
	dlg.Show()
}

// exportAll renders every chart into dir as a job, with a progress bar and
// Cancel (the job's own: it stops before the next chart).
func (p *chartPanel) exportAll(dir string, q chartQuery, size charts.Size) {
	win := p.d.ui.win
	bar := widget.NewProgressBar()
	var j *job.Job
	prog := dialog.NewCustomWithoutButtons(lang.L("Exporting charts"), container.NewVBox(bar,
		widget.NewButton(lang.L("Cancel"), func() {
			if j != nil {
				j.Cancel()
			}
		})), win)
	prog.Show()
	var written, problems []string
	j = p.d.ui.run(func(ctx context.Context, progress func(job.Progress)) error {
		kinds := insight.Charts
		for i, k := range kinds {
			if ctx.Err() != nil {
				return nil // what was written stays; the report says so
			}
			img, _, err := p.draw(k, q, size)
			if err == nil {
				if err = charts.WritePNGFile(filepath.Join(dir, k.FileName()), img, size.DPI); err == nil {
					written = append(written, k.FileName())
				}
			}
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s", k.FileName(), chartError(err)))
			}
			progress(job.Progress{Done: i + 1, Frac: float64(i+1) / float64(len(kinds))})
		}
		return nil
	}, func(pr job.Progress) { bar.SetValue(pr.Frac) }, func(err error) {
		prog.Hide()
		if err != nil {
			p.d.ui.showError(err)
			return
		}
		msg := lang.L("Wrote {{.N}} charts to {{.Dir}}.", map[string]any{"N": len(written), "Dir": dir})
		if len(problems) > 0 {
			msg += "\n" + strings.Join(problems, "\n")
		}
		dialog.ShowInformation(lang.L("Charts exported"), msg, win)
	})
}

// onExport asks for the size and look, then where to save the chart.
func (p *chartPanel) onExport() {
	p.askExport(lang.L("Export chart"), lang.L("Save PNG…"), p.saveChart)
}

// saveChart saves the chart on screen as a PNG drawn as ex says.
func (p *chartPanel) saveChart(ex exportChoice) {
	q, ok := p.query()
	if !ok {
		return
	}
	q.look.Dark, q.look.Compact = ex.dark, false
	kind := insight.Chart(max(p.kind.SelectedIndex(), 0))
	p.d.ui.saveInBackground(kind.FileName(), func(path string) error {
		img, _, err := p.draw(kind, q, ex.size)
		if err != nil {
			return err
		}
		return charts.WritePNGFile(path, img, ex.size.DPI)
	}, func(path string) {
		p.status.SetText(lang.L("Saved {{.Path}}", map[string]any{"Path": path}))
	})
}

// onExportAll asks for the size and look, then writes every chart into a
// folder the user picks.
func (p *chartPanel) onExportAll() {
	p.askExport(lang.L("Export all charts"), lang.L("Choose folder…"), func(ex exportChoice) {
		q, ok := p.query()
		if !ok {
			return
		}
		q.look.Dark, q.look.Compact = ex.dark, false
		dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				p.d.ui.showError(err)
				return
			}
			if dir == nil {
				return
			}
			p.exportAll(dir.Path(), q, ex.size)
		}, p.d.ui.win)
	})
}

// centeredCard centres its one object, at most maxWidth wide and as tall
// as it needs at that width (a word-wrapped label's height depends on its
// width, so it is laid out at the width first).
type centeredCard struct{ maxWidth float32 }

func (l *centeredCard) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := min(size.Width-2*theme.Padding(), l.maxWidth)
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, max(0, (size.Height-h)/2)))
	}
}

func (l *centeredCard) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, 0) // never makes the window larger: the chart's room is given
}
