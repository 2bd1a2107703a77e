// Package report draws the dashboard's charts: it asks an insight.Query for
// a chart's series and words and renders them with package charts, at a
// screen or export size. The window and the chart command both call Draw,
// so a PNG from either is the same picture.
package report

import (
	"errors"
	"fmt"
	"image"

	"csatdesk/charts"
	"csatdesk/data"
	"csatdesk/data/insight"
)

// Draw computes chart c of query q from src and renders it as o says.
func Draw(src data.DaySource, c insight.Chart, q insight.Query, o Options) (image.Image, error) {
	img, _, err := DrawMapped(src, c, q, o)
	return img, err
}

// DrawMapped is Draw that also returns where the chart's points are (for
// the trend; nil for the other charts), so the window can tell about the
// point under the pointer.
func DrawMapped(src data.DaySource, c insight.Chart, q insight.Query, o Options) (image.Image, charts.Map, error) {
	img, m, err := draw(src, c, q, o)
	if err != nil {
		return nil, nil, err
	}
	return img, m, nil
}

func draw(src data.DaySource, c insight.Chart, q insight.Query, o Options) (image.Image, charts.Map, error) {
	if q.Lang == nil {
		q.Lang = insight.English
	}
	band := charts.Band{Low: q.Settings.BandLow, High: q.Settings.BandHigh, Label: q.BandLabel()}
	size := o.Size
	style := charts.Style{Dark: o.Dark, Locale: o.Locale, Title: q.Title(c), Footer: q.Footer()}
	// The subtitle's n is what the chart shows: every answer of the
	// question's history for CSAT (trend, segments), the answers on the
	// current scale for the distribution, the NPS and volume counts.
	if c == insight.ChartTrend || c == insight.ChartSegments {
		overall, err := q.Overall(src)
		if err != nil {
			return nil, nil, err
		}
		style.Subtitle = q.Subtitle(overall.N)
	}
	opt := charts.Options{Style: style, Size: size, Band: band}
	switch c {
	case insight.ChartTrend:
		pts, err := q.Trend(src)
		if err != nil {
			return nil, nil, err
		}
		to := charts.TrendOptions{Style: style, Size: size, Band: band, FewN: data.FewResponses, ZoomY: true,
			SeriesLabel: insight.SegmentName(q.Lang, q.Segment)}
		to.From, to.To, to.PartialLabel, to.ValueLabels = q.From, q.To, q.PartialLabel(), q.ValueLabels
		switch q.TrendMeasure() {
		case insight.MeasureNPS:
			to.Scale = &charts.NPSScale
		case insight.MeasureCES:
			to.Scale = &charts.CESScale
		}
		if to.Scale != nil {
			to.Footer = q.TrendFooter()
		}
		for _, g := range q.TrendGoals() {
			to.Goals = append(to.Goals, charts.Goal{Value: g.Target, Label: g.Label(q.Lang)})
		}
		for _, n := range q.TrendNotes() {
			to.Notes = append(to.Notes, charts.Marker{Day: n.Day, Label: n.Text})
		}
		cmp, label, err := q.CompareTrend(src, len(pts))
		if err != nil {
			return nil, nil, err
		}
		if cmp != nil {
			to.Compare, to.CompareLabel = cmp, label
		}
		o.compact(&to.Style)
		return charts.TrendMapped(pts, to)
	case insight.ChartDistribution:
		qn, total, err := q.Distribution(src)
		if err != nil {
			return nil, nil, err
		}
		opt.Subtitle = q.Subtitle(total.N())
		o.compact(&opt.Style)
		img, err := charts.Distribution(qn, total, opt)
		return img, nil, err
	case insight.ChartNPS:
		nq, buckets, n, err := q.NPS(src)
		if err != nil {
			return nil, nil, err
		}
		opt.Subtitle, opt.Footer = q.Subtitle(n), q.NPSFooter(nq)
		o.compact(&opt.Style)
		img, err := charts.NPSBars(buckets, opt)
		return img, nil, err
	case insight.ChartSegments:
		segs, err := q.BySegment(src)
		if err != nil {
			return nil, nil, err
		}
		rows := make([]charts.SegmentRow, len(segs))
		for i, s := range segs {
			rows[i] = charts.SegmentRow{Label: s.Label, CSAT: s.CSAT}
		}
		o.compact(&opt.Style)
		return charts.SegmentsMapped(rows, opt)
	case insight.ChartVolume:
		buckets, n, err := q.Volume(src)
		if err != nil {
			return nil, nil, err
		}
		opt.Subtitle, opt.Footer = q.Subtitle(n), q.VolumeFooter()
		o.compact(&opt.Style)
		img, err := charts.Volume(buckets, opt)
		return img, nil, err
	}
	return nil, nil, fmt.Errorf("unknown chart %d", c)
}

// Options are how a chart is drawn: its size (with its DPI), the dark
// palette, and the language code whose decimal mark its numbers use.
type Options struct {
	Size   charts.Size
	Dark   bool
	Locale string
	// Compact leaves out the subtitle and the footer: the window shows
	// the date range, n and the definitions around its chart, whose
	// height is better spent on the plot. Exports always have them.
	Compact bool
}

// compact applies o.Compact to a chart's style.
func (o Options) compact(s *charts.Style) {
	if o.Compact {
		s.Subtitle, s.Footer = "", ""
	}
}

// ErrorText is what to show in place of a chart that could not be drawn.
func ErrorText(lang insight.Texts, err error) string {
	if errors.Is(err, charts.ErrNotEnoughData) {
		return lang.L("Not enough data for this chart yet: it needs answers in at least two periods. Pick a longer date range or a shorter period.")
	}
	return err.Error()
}
