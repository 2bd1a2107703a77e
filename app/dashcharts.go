package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"

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

// chartQuery is a chart's query and how it is drawn (the dark palette,
// the language's decimal mark), snapshot from the dashboard's filters.
type chartQuery struct {
	q    insight.Query
	look report.Options
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
	p.kind = widget.NewSelect(insight.ChartNames(texts{}), func(string) { p.render() })
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
	opts := insight.CompareOptions(texts{}, segs)
	p.compare.Options = opts
	if p.compare.SelectedIndex() < 0 || p.compare.SelectedIndex() >= len(opts) {
		selectQuietly(p.compare, 0) // the caller draws once everything is set
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
	}
	if si := d.segmentSel.SelectedIndex(); si > 0 && si < len(d.segments) {
		q.Segment = d.segments[si]
	}
	q.Segments = append([]data.Segment(nil), d.segments...)
	q.From, q.To = d.selectedRange()
	return chartQuery{q: q, look: report.Options{Dark: d.ui.dark(), Locale: uiLocale()}}, true
}

// draw renders chart c of q at size.
func (p *chartPanel) draw(c insight.Chart, q chartQuery, size charts.Size) (image.Image, error) {
	look := q.look
	look.Size = size
	return report.Draw(p.d.ui.st, c, q.q, look)
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
	kind := insight.Chart(p.kind.SelectedIndex())
	p.gen++
	gen := p.gen
	var img image.Image
	var err error
	p.d.ui.background(func() {
		img, err = p.draw(kind, q, charts.SizeScreen)
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

func chartError(err error) string { return report.ErrorText(texts{}, err) }

// onCopy renders the chart at the export size and puts it on the clipboard.
func (p *chartPanel) onCopy() {
	q, ok := p.query()
	if !ok {
		return
	}
	kind := insight.Chart(max(p.kind.SelectedIndex(), 0))
	size := p.exportSize()
	var err error
	p.d.ui.background(func() {
		var img image.Image
		if img, err = p.draw(kind, q, size); err != nil {
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
			img, err := p.draw(k, q, size)
			if err == nil {
				if err = charts.WritePNGFile(filepath.Join(dir, k.FileName()), img); err == nil {
					written = append(written, k.FileName())
				}
			}
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s", k.FileName(), chartError(err)))
			}
			progress(job.Progress{Done: i + 1, Frac: float64(i+1) / float64(len(kinds))})
		}
		return nil
	}, func(pr job.Progress) { bar.SetValue(pr.Frac) }, func(error) {
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
	kind := insight.Chart(max(p.kind.SelectedIndex(), 0))
	size := p.exportSize()
	p.d.ui.saveInBackground(kind.FileName(), func(path string) error {
		img, err := p.draw(kind, q, size)
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
			p.d.ui.showError(err)
			return
		}
		if dir == nil {
			return
		}
		p.exportAll(dir.Path(), q, size)
	}, win)
}
