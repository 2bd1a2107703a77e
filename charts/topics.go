package charts

import (
	"fmt"
	"image"
	"math"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// TopicRow is one bar of TopicScores: a comment topic (data/topics), how
// many comments mention it, and those comments by the customer's own main
// score: low, middle, high. Comments without a score are in Mentions only.
type TopicRow struct {
	Label              string
	Mentions           int
	Low, Neutral, High int
}

func (r TopicRow) scored() int { return r.Low + r.Neutral + r.High }

// TopicWords are the chart's own words, in the reader's language (the
// window passes its translations); empty ones are English.
type TopicWords struct {
	// Low, Neutral and High name the score bands in the legend.
	Low, Neutral, High string
	// Mentions formats a count of comments, e.g. "%s comments".
	Mentions string
	// Unhappy formats the low share, e.g. "%s low".
	Unhappy string
}

func (w TopicWords) withDefaults() TopicWords {
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&w.Low, "Low score")
	def(&w.Neutral, "Middle score")
	def(&w.High, "High score")
	def(&w.Mentions, "%s comments")
	def(&w.Unhappy, "%s low")
	return w
}

// TopicOptions configures TopicScores and TopicTrend.
type TopicOptions struct {
	Style
	Size
	Words TopicWords
}

// TopicScores renders, for each topic, one 100 % bar of the scores its
// comments came with — low (red), middle (grey), high (green) — in the
// order given (the caller puts the most unhappy or most mentioned first),
// with the number of comments and the low share in a column on the right.
// It answers "which topics come with low scores". Topics whose comments
// carry no score are drawn as an empty row. When more rows are given than
// fit, the first ones are kept and a "… +k" row stands for the rest. No row
// with a scored comment returns ErrNotEnoughData.
func TopicScores(rows []TopicRow, opt TopicOptions) (image.Image, Map, error) {
	scored := 0
	for _, r := range rows {
		if r.scored() > 0 {
			scored++
		}
	}
	if scored == 0 {
		return nil, nil, ErrNotEnoughData
	}
	f, err := newFrame(opt.Style, opt.Size)
	if err != nil {
		return nil, nil, err
	}
	loc, pal, w := opt.Locale, f.pal, opt.Words.withDefaults()
	f.legend = append(f.legend,
		legendItem{legendBox, pal.detractor, w.Low},
		legendItem{legendBox, pal.passive, w.Neutral},
		legendItem{legendBox, pal.promoter, w.High})

	nText := func(r TopicRow) string { return fmt.Sprintf(w.Mentions, fmtCount(uint64(r.Mentions), loc)) }
	uText := func(r TopicRow) string {
		if r.scored() == 0 {
			return "–"
		}
		return fmt.Sprintf(w.Unhappy, fmtPct(float64(r.Low)/float64(r.scored())*100, 0, loc))
	}
	nW, uW := 0, 0
	for _, r := range rows {
		nW = max(nW, f.textW(nText(r), valuePt))
		uW = max(uW, f.textW(uText(r), valuePt+1))
	}
	f.rightExtra = f.px(14) + uW + f.px(12) + nW

	probe := f.layout()
	plotH := f.size.HeightPx - probe.Top - probe.Bottom - f.lineH(axisPt) - f.px(16)
	capacity := max(1, plotH/int(math.Ceil(float64(f.lineH(axisPt))*1.2)))
	rs := rows
	if len(rs) > capacity {
		rs = append(append([]TopicRow(nil), rows[:capacity-1]...), TopicRow{Label: fmt.Sprintf("… +%d", len(rows)-(capacity-1))})
	}
	n := len(rs)
	maxLabel := f.size.WidthPx * 30 / 100
	yTicks := make([]chart.Tick, n)
	for i, r := range rs {
		yTicks[i] = chart.Tick{Value: float64(n-1-i) + 0.5, Label: f.ellipsize(r.Label, axisPt, maxLabel)}
	}
	labelW := 0
	for _, r := range rs {
		labelW = max(labelW, min(maxLabel, f.textW(r.Label, axisPt)))
	}
	plotW := f.size.WidthPx - 2*f.px(marginPx) - f.leftExtra - f.rightExtra - labelW - 2*chart.DefaultYAxisMargin
	step, tickW := 25.0, f.textW(fmtPct(100, 0, loc), axisPt)+f.px(10)
	if plotW < 5*tickW {
		step = 50
	}
	if plotW < 3*tickW {
		step = 100
	}
	xTicks := valueTicks(0, 100, step, func(v float64) string { return fmtPct(v, 0, loc) })
	c := baseChart(f.xAxis(xTicks, 0, 100, true), f.yAxis(yTicks, 0, float64(n), false))
	var m Map
	c.Series = append(c.Series, drawSeries{name: "topics", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		var g plotGeom
		captureGeom(&g, box, xr, yr)
		rowH := float64(box.Height()) / float64(n)
		bh := max(2, int(math.Min(rowH*0.62, f.fpx(30))))
		colX := box.Right + f.px(14)
		m = m[:0]
		for i, row := range rs {
			cy := g.y(float64(n-1-i) + 0.5)
			by := cy + f.ascent(valuePt)/2
			if row.Mentions == 0 && row.scored() == 0 {
				continue // the "… +k" row
			}
			half := int(math.Ceil(rowH / 2))
			low := math.NaN()
			if s := row.scored(); s > 0 {
				low = float64(row.Low) / float64(s) * 100
				from := 0.0
				for _, part := range []struct {
					k   int
					col drawing.Color
				}{{row.Low, pal.detractor}, {row.Neutral, pal.passive}, {row.High, pal.promoter}} {
					to := from + float64(part.k)/float64(s)*100
					if part.k > 0 {
						f.rect(r, g.x(from), cy-bh/2, g.x(to), cy+bh-bh/2, part.col)
					}
					from = to
				}
			}
			m = append(m, Spot{Area: image.Rect(box.Left, cy-half, box.Right+f.rightExtra, cy+half),
				At: image.Pt(g.x(clamp(nanTo(low, 0), 0, 100)), cy), Index: i, Label: row.Label,
				Value: low, Low: math.NaN(), High: math.NaN(), N: uint64(row.Mentions)})
			uc := pal.text
			if finite(low) && low >= 50 {
				uc = pal.warn
			}
			f.label(r, uText(row), colX+uW, by, valuePt+1, uc, alignRight, drawing.Color{})
			f.label(r, nText(row), colX+uW+f.px(12), by, valuePt, pal.muted, alignLeft, drawing.Color{})
		}
	}})
	img, err := f.render(c)
	if err != nil {
		return nil, nil, err
	}
	return img, m, nil
}

func nanTo(v, d float64) float64 {
	if finite(v) {
		return v
	}
	return d
}

// TopicSeries is one line of TopicTrend: a topic's mentions per period.
type TopicSeries struct {
	Label  string
	Counts []int
}

// topicColors tell up to six topic lines apart (the Okabe–Ito palette,
// readable with every common colour-vision deficiency).
var topicColors = []drawing.Color{hex("0072B2"), hex("D55E00"), hex("009E73"), hex("CC79A7"), hex("E69F00"), hex("56B4E9")}

// TopicTrend renders the mentions per period of a few topics as coloured
// lines with markers, one per topic (up to six; more are left out), over
// the periods' labels. Fewer than two periods, or no mention at all,
// return ErrNotEnoughData.
func TopicTrend(periods []string, series []TopicSeries, opt TopicOptions) (image.Image, error) {
	if len(periods) < 2 {
		return nil, ErrNotEnoughData
	}
	if len(series) > len(topicColors) {
		series = series[:len(topicColors)]
	}
	var maxCount int
	for _, s := range series {
		if len(s.Counts) != len(periods) {
			return nil, fmt.Errorf("charts: topic %q has %d counts for %d periods", s.Label, len(s.Counts), len(periods))
		}
		for _, c := range s.Counts {
			maxCount = max(maxCount, c)
		}
	}
	if maxCount == 0 {
		return nil, ErrNotEnoughData
	}
	f, err := newFrame(opt.Style, opt.Size)
	if err != nil {
		return nil, err
	}
	loc := opt.Locale
	for i, s := range series {
		f.legend = append(f.legend, legendItem{legendLine, topicColors[i], s.Label})
	}
	n := len(periods)
	yTicks, top := countAxis(uint64(maxCount), loc, f.yTickCount())
	xTicks := f.periodTicks(periods, f.plotWidth(fmtCount(uint64(maxCount), loc)+"0"))
	c := baseChart(f.xAxis(xTicks, -0.5, float64(n)-0.5, false), f.yAxis(yTicks, 0, top, true))
	c.Series = append(c.Series, drawSeries{name: "topic-lines", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		var g plotGeom
		captureGeom(&g, box, xr, yr)
		for i, s := range series {
			col := topicColors[i]
			for p := 1; p < n; p++ {
				f.line(r, g.x(float64(p-1)), g.y(float64(s.Counts[p-1])), g.x(float64(p)), g.y(float64(s.Counts[p])), col, f.fpx(2.2), nil)
			}
			for p := 0; p < n; p++ {
				f.circle(r, g.x(float64(p)), g.y(float64(s.Counts[p])), f.fpx(3.2), col, col, f.fpx(1))
			}
		}
	}})
	return f.render(c)
}
