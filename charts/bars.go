package charts

import (
	"fmt"
	"image"
	"math"
	"strconv"

	"csatdesk/data"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Distribution renders how answers to q spread over its scale: one bar per
// scale point from q.Min to q.Max labelled with q.Label(v) (or the number),
// coloured from red through amber below the satisfied cut-off to greens at
// and above it (NPS questions: detractors, passives, promoters; choice
// questions: one neutral colour), with the share and count on each bar.
// An empty histogram returns ErrNotEnoughData.
func Distribution(q data.Question, h data.Histogram, opt Options) (image.Image, error) {
	lo, hi := q.Min, q.Max
	if q.Kind == data.KindChoice && len(q.Choices) > 0 && hi < lo+1 {
		lo, hi = 1, len(q.Choices)
	}
	lo, hi = max(lo, 0), min(hi, data.MaxValue)
	if hi < lo {
		return nil, ErrNotEnoughData
	}
	var total, maxCount uint64
	for v := lo; v <= hi; v++ {
		total += h[v]
		maxCount = max(maxCount, h[v])
	}
	if total == 0 {
		return nil, ErrNotEnoughData
	}
	f, err := newFrame(opt.Style, opt.Size)
	if err != nil {
		return nil, err
	}
	loc, pal := opt.Locale, f.pal
	n := hi - lo + 1

	// Colours per scale point and the legend that explains them.
	colors := make([]drawing.Color, n)
	cut := q.SatisfiedFrom
	if cut <= lo || cut > hi {
		cut = data.DefaultCutoff(lo, hi)
	}
	share := func(a, b int) float64 {
		var c uint64
		for v := max(a, lo); v <= min(b, hi); v++ {
			c += h[v]
		}
		return float64(c) / float64(total) * 100
	}
	span := func(a, b int) string {
		if a == b {
			return strconv.Itoa(a)
		}
		return strconv.Itoa(a) + "–" + strconv.Itoa(b)
	}
	switch q.Kind {
	case data.KindChoice, data.KindText:
		for i := range colors {
			colors[i] = pal.volume
		}
	case data.KindNPS:
		for i := range colors {
			switch v := lo + i; {
			case v <= 6:
				colors[i] = pal.detractor
			case v <= 8:
				colors[i] = pal.passive
			default:
				colors[i] = pal.promoter
			}
		}
		f.legend = append(f.legend,
			legendItem{legendBox, pal.detractor, word(loc, "detractors") + ": " + fmtPct(share(0, 6), 0, loc)},
			legendItem{legendBox, pal.passive, word(loc, "passives") + ": " + fmtPct(share(7, 8), 0, loc)},
			legendItem{legendBox, pal.promoter, word(loc, "promoters") + ": " + fmtPct(share(9, 10), 0, loc)})
	default:
		bad, good := cut-lo, hi-cut+1
		for i := range colors {
			if i < bad {
				colors[i] = mix(pal.bad, pal.amber, ratio(i, bad))
			} else {
				colors[i] = mix(pal.goodLight, pal.goodDark, ratio(i-bad, good))
			}
		}
		f.legend = append(f.legend,
			legendItem{legendBox, mix(pal.bad, pal.amber, 0.5), word(loc, "notsat") + " (" + span(lo, cut-1) + "): " + fmtPct(share(lo, cut-1), 0, loc)},
			legendItem{legendBox, mix(pal.goodLight, pal.goodDark, 0.5), word(loc, "sat") + " (" + span(cut, hi) + "): " + fmtPct(share(cut, hi), 0, loc)})
	}

	// Category labels under the bars, wrapped to their slot.
	plotW := f.plotWidth(fmtCount(maxCount, loc) + "00")
	slot := plotW / n
	labels := make([][]string, n)
	maxLines := 1
	for i := range labels {
		v := lo + i
		text := q.Label(v)
		if text == "" {
			text = strconv.Itoa(v)
		}
		labels[i] = f.wrap(text, axisPt, slot-f.px(6), 3)
		maxLines = max(maxLines, len(labels[i]))
	}
	f.bottomExtra = maxLines*f.lineH(axisPt) + f.px(10)
	f.topExtra = 2*f.lineH(valuePt) + f.px(2)

	yTicks, top := countAxis(maxCount, loc, f.yTickCount())
	c := baseChart(f.xAxis(nil, -0.5, float64(n)-0.5, false), f.yAxis(yTicks, 0, top, true))
	c.Series = append(c.Series, drawSeries{name: "bars", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		var g plotGeom
		captureGeom(&g, box, xr, yr)
		bw := f.barWidth(float64(box.Width()) / float64(n))
		for i := 0; i < n; i++ {
			v := lo + i
			cx := g.x(float64(i))
			y := g.y(float64(h[v]))
			f.rect(r, cx-bw/2, y, cx+bw-bw/2, g.y(0), colors[i])
			pct := fmtPct(float64(h[v])/float64(total)*100, pctDecimals(float64(h[v])/float64(total)*100), loc)
			f.label(r, pct, cx, y-f.px(4)-f.lineH(valuePt), valuePt, pal.text, alignCenter, drawing.Color{})
			f.label(r, fmtCount(h[v], loc), cx, y-f.px(4), valuePt, pal.muted, alignCenter, drawing.Color{})
			ly := box.Bottom + f.px(8) + f.ascent(axisPt)
			for _, l := range labels[i] {
				f.label(r, l, cx, ly, axisPt, pal.muted, alignCenter, drawing.Color{})
				ly += f.lineH(axisPt)
			}
		}
	}})
	return f.render(c)
}

// ratio returns i/(n-1), or 0.5 for a single step.
func ratio(i, n int) float64 {
	if n <= 1 {
		return 0.5
	}
	return float64(i) / float64(n-1)
}

// pctDecimals shows one decimal for small shares, none otherwise.
func pctDecimals(v float64) int {
	if v > 0 && v < 10 && math.Round(v) != v {
		return 1
	}
	return 0
}

// barWidth is the width of a bar in a slot of the given width.
func (f *frame) barWidth(slot float64) int {
	w := math.Min(slot*barFraction, f.fpx(maxBarPx))
	return max(1, int(math.Round(w)))
}

// periodsWithData counts buckets with answers.
func periodsWithData(buckets []data.Bucket) int {
	n := 0
	for _, b := range buckets {
		if b.Hist.N() > 0 {
			n++
		}
	}
	return n
}

// NPSBars renders one 100 % stacked bar per period: detractors (0–6) at the
// bottom, passives (7–8), promoters (9–10) on top, with the NPS score above
// each bar. Periods without answers are left empty. Fewer than two periods
// with answers return ErrNotEnoughData.
func NPSBars(buckets []data.Bucket, opt Options) (image.Image, error) {
	if periodsWithData(buckets) < 2 {
		return nil, ErrNotEnoughData
	}
	f, err := newFrame(opt.Style, opt.Size)
	if err != nil {
		return nil, err
	}
	loc, pal := opt.Locale, f.pal
	n := len(buckets)
	scores := make([]data.NPS, n)
	labels := make([]string, n)
	for i, b := range buckets {
		scores[i], labels[i] = data.NPSOf(b.Hist), b.Label
	}
	f.legend = append(f.legend,
		legendItem{legendBox, pal.promoter, word(loc, "promoters")},
		legendItem{legendBox, pal.passive, word(loc, "passives")},
		legendItem{legendBox, pal.detractor, word(loc, "detractors")},
		legendItem{legendText, pal.muted, word(loc, "nps")})
	f.topExtra = f.lineH(valuePt) + f.px(6)
	xTicks := f.periodTicks(labels, f.plotWidth("100%"))
	yTicks := valueTicks(0, 100, 25, func(v float64) string { return fmtPct(v, 0, loc) })
	c := baseChart(f.xAxis(xTicks, -0.5, float64(n)-0.5, false), f.yAxis(yTicks, 0, 100, true))
	c.Series = append(c.Series, drawSeries{name: "nps", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		var g plotGeom
		captureGeom(&g, box, xr, yr)
		slot := float64(box.Width()) / float64(n)
		bw := f.barWidth(slot)
		// Score labels: every period when they fit, else thinned like the
		// axis labels (the latest period is always labelled).
		step := 1
		need := float64(f.textW("+100", valuePt) + f.px(6))
		for float64(step)*slot < need && step < n {
			step++
		}
		inside := bw >= f.textW("100%", valuePt)+f.px(4)
		for i, s := range scores {
			if s.N == 0 {
				continue
			}
			cx := g.x(float64(i))
			x0, x1 := cx-bw/2, cx+bw-bw/2
			d, p := s.Detractors, s.Detractors+s.Passives
			parts := []struct {
				from, to float64
				col      drawing.Color
			}{{0, d, pal.detractor}, {d, p, pal.passive}, {p, 100, pal.promoter}}
			for _, part := range parts {
				yt, yb := g.y(part.to), g.y(part.from)
				f.rect(r, x0, yt, x1, yb, part.col)
				if inside && yb-yt >= f.lineH(valuePt)+f.px(2) {
					col := drawing.ColorWhite
					if part.col == pal.passive {
						col = pal.text
					}
					f.label(r, fmtPct(part.to-part.from, 0, loc), cx, (yt+yb)/2+f.ascent(valuePt)/2, valuePt, col, alignCenter, drawing.Color{})
				}
			}
			if (n-1-i)%step == 0 {
				col := pal.text
				if s.Score < 0 {
					col = pal.warn
				}
				f.label(r, fmtSigned(s.Score, loc), cx, box.Top-f.px(6), valuePt, col, alignCenter, drawing.Color{})
			}
		}
	}})
	return f.render(c)
}

// Volume renders the number of responses per period as bars; periods with
// fewer than data.FewResponses are lighter, and a dashed line shows the
// average. Fewer than two periods with responses return ErrNotEnoughData.
func Volume(buckets []data.Bucket, opt Options) (image.Image, error) {
	if periodsWithData(buckets) < 2 {
		return nil, ErrNotEnoughData
	}
	f, err := newFrame(opt.Style, opt.Size)
	if err != nil {
		return nil, err
	}
	loc, pal := opt.Locale, f.pal
	n := len(buckets)
	counts := make([]uint64, n)
	labels := make([]string, n)
	var maxCount, sum uint64
	few := false
	for i, b := range buckets {
		counts[i], labels[i] = b.Hist.N(), b.Label
		maxCount = max(maxCount, counts[i])
		sum += counts[i]
		few = few || counts[i] < data.FewResponses
	}
	avg := float64(sum) / float64(n)
	f.legend = append(f.legend, legendItem{legendBox, pal.volume, word(loc, "responses")})
	if few {
		f.legend = append(f.legend, legendItem{legendBox, pal.volumeFew, fmt.Sprintf(word(loc, "few"), data.FewResponses)})
	}
	f.legend = append(f.legend, legendItem{legendDashed, pal.muted, word(loc, "average") + " " + fmtNum(avg, avgDecimals(avg), loc)})
	f.topExtra = f.lineH(valuePt)
	yTicks, top := countAxis(maxCount, loc, f.yTickCount())
	xTicks := f.periodTicks(labels, f.plotWidth(fmtCount(maxCount, loc)+"0"))
	c := baseChart(f.xAxis(xTicks, -0.5, float64(n)-0.5, false), f.yAxis(yTicks, 0, top, true))
	c.Series = append(c.Series, drawSeries{name: "volume", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		var g plotGeom
		captureGeom(&g, box, xr, yr)
		slot := float64(box.Width()) / float64(n)
		bw := f.barWidth(slot)
		maxLabel := f.textW(fmtCount(maxCount, loc), valuePt) + f.px(4)
		ay := g.y(avg)
		f.line(r, box.Left, ay, box.Right, ay, pal.muted, f.fpx(1.5), f.dash(compareDash))
		for i, cnt := range counts {
			cx := g.x(float64(i))
			col := pal.volume
			if cnt < data.FewResponses {
				col = pal.volumeFew
			}
			y := g.y(float64(cnt))
			f.rect(r, cx-bw/2, y, cx+bw-bw/2, g.y(0), col)
			if float64(maxLabel) <= slot && cnt > 0 {
				f.label(r, fmtCount(cnt, loc), cx, y-f.px(4), valuePt, pal.muted, alignCenter, pal.halo)
			}
		}
	}})
	return f.render(c)
}

func avgDecimals(v float64) int {
	if v < 10 {
		return 1
	}
	return 0
}
