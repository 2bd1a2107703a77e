package charts

import (
	"fmt"
	"image"
	"math"
	"sort"

	"csatdesk/data"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// SegmentRow is one bar of the Segments chart: a location, channel, member
// of staff… and its CSAT.
type SegmentRow struct {
	Label string
	CSAT  data.CSAT
}

// Segments renders CSAT % per segment as horizontal bars sorted from high
// to low, each with its 95 % Wilson range as whiskers and its n in a column
// on the right, over the shaded benchmark band. Rows without answers are
// left out; segments below the band are drawn in the warning colour and
// those with fewer than data.FewResponses answers lighter. When there are
// more rows than fit, the best and the worst are kept and a "… +k" row
// stands for the rest. Fewer than two rows
// with answers return ErrNotEnoughData.
func Segments(rows []SegmentRow, opt Options) (image.Image, error) {
	img, _, err := SegmentsMapped(rows, opt)
	return img, err
}

// SegmentsMapped is Segments that also returns where its rows are: a
// row's Area spans the plot and the value column at the row's height.
func SegmentsMapped(rows []SegmentRow, opt Options) (image.Image, Map, error) {
	var rs []SegmentRow
	for _, r := range rows {
		if r.CSAT.N > 0 && finite(r.CSAT.Percent) {
			rs = append(rs, r)
		}
	}
	if len(rs) < 2 {
		return nil, nil, ErrNotEnoughData
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].CSAT.Percent > rs[j].CSAT.Percent })
	f, err := newFrame(opt.Style, opt.Size)
	if err != nil {
		return nil, nil, err
	}
	loc, pal := opt.Locale, f.pal
	band := opt.Band.normalized(loc)

	few := false
	for _, r := range rs {
		few = few || r.CSAT.N < data.FewResponses
	}
	f.legend = append(f.legend,
		legendItem{legendBox, pal.series, word(loc, "csat")},
		legendItem{legendWhisker, pal.text, word(loc, "range")},
		legendItem{legendBox, pal.band, band.Label})
	if few {
		f.legend = append(f.legend, legendItem{legendBox, pal.series.WithAlpha(90), fmt.Sprintf(word(loc, "few"), data.FewResponses)})
	}
	f.topExtra = f.lineH(valuePt) + f.px(4)

	// The value column right of the plot: "84%  n = 1,204".
	pctW, nW := 0, 0
	nText := func(r SegmentRow) string { return fmt.Sprintf(word(loc, "n"), fmtCount(r.CSAT.N, loc)) }
	for _, r := range rs {
		pctW = max(pctW, f.textW(fmtPct(r.CSAT.Percent, 1, loc), valuePt+1))
		nW = max(nW, f.textW(nText(r), valuePt))
	}
	f.rightExtra = f.px(14) + pctW + f.px(12) + nW

	// Rows that fit; keep the best and the worst when there are too many.
	probe := f.layout()
	plotH := f.size.HeightPx - probe.Top - probe.Bottom - f.lineH(axisPt) - f.px(16)
	capacity := max(2, plotH/int(math.Ceil(float64(f.lineH(axisPt))*1.15)))
	hidden, gapAt := 0, -1 // rows left out, and where the "… more" row goes
	if len(rs) > capacity {
		keepTop, keepBottom := (capacity-1)-(capacity-1)/2, (capacity-1)/2
		hidden, gapAt = len(rs)-keepTop-keepBottom, keepTop
		rest := rs[len(rs)-keepBottom:]
		rs = append(append(rs[:keepTop:keepTop], SegmentRow{Label: fmt.Sprintf("… +%d", hidden)}), rest...)
	}
	n := len(rs)

	maxLabel := f.size.WidthPx * 28 / 100
	yTicks := make([]chart.Tick, n)
	for i, r := range rs {
		yTicks[i] = chart.Tick{Value: float64(n-1-i) + 0.5, Label: f.ellipsize(r.Label, axisPt, maxLabel)}
	}
	xTicks := valueTicks(0, 100, 20, func(v float64) string { return fmtPct(v, 0, loc) })
	c := baseChart(f.xAxis(xTicks, 0, 100, true), f.yAxis(yTicks, 0, float64(n), false))
	c.Series = append(c.Series, drawSeries{name: "band", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		var g plotGeom
		captureGeom(&g, box, xr, yr)
		x0, x1 := g.x(band.Low), g.x(band.High)
		f.rect(r, x0, box.Top, x1+1, box.Bottom, pal.band)
		lw := f.textW(band.Label, valuePt)
		lx := clampInt((x0+x1)/2-lw/2, box.Left, box.Right-lw)
		f.label(r, band.Label, lx, box.Top-f.px(6), valuePt, pal.bandText, alignLeft, drawing.Color{})
	}})
	var m Map
	c.Series = append(c.Series, drawSeries{name: "bars", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		var g plotGeom
		captureGeom(&g, box, xr, yr)
		rowH := float64(box.Height()) / float64(n)
		m = m[:0]
		bh := max(2, int(math.Min(rowH*0.62, f.fpx(34))))
		capH := max(2, bh/3)
		colX := box.Right + f.px(14)
		for i, row := range rs {
			if i == gapAt {
				continue
			}
			cy := g.y(float64(n-1-i) + 0.5)
			cs := row.CSAT
			half := int(math.Ceil(rowH / 2))
			m = append(m, Spot{Area: image.Rect(box.Left, cy-half, box.Right+f.rightExtra, cy+half),
				At: image.Pt(g.x(clamp(cs.Percent, 0, 100)), cy), Index: i, Label: row.Label,
				Value: cs.Percent, Low: cs.Low, High: cs.High, N: cs.N})
			col := pal.series
			if cs.Percent < band.Low {
				col = pal.warn
			}
			if cs.N < data.FewResponses {
				col = col.WithAlpha(90)
			}
			f.rect(r, g.x(0), cy-bh/2, g.x(clamp(cs.Percent, 0, 100)), cy+bh-bh/2, col)
			if finite(cs.Low) && finite(cs.High) {
				wl, wh := g.x(clamp(cs.Low, 0, 100)), g.x(clamp(cs.High, 0, 100))
				wc := pal.text.WithAlpha(200)
				f.line(r, wl, cy, wh, cy, wc, f.fpx(1.5), nil)
				f.line(r, wl, cy-capH, wl, cy+capH, wc, f.fpx(1.5), nil)
				f.line(r, wh, cy-capH, wh, cy+capH, wc, f.fpx(1.5), nil)
			}
			by := cy + f.ascent(valuePt)/2
			pc := pal.text
			if cs.Percent < band.Low {
				pc = pal.warn
			}
			f.label(r, fmtPct(cs.Percent, 1, loc), colX+pctW, by, valuePt+1, pc, alignRight, drawing.Color{})
			f.label(r, nText(row), colX+pctW+f.px(12), by, valuePt, pal.muted, alignLeft, drawing.Color{})
		}
	}})
	img, err := f.render(c)
	if err != nil {
		return nil, nil, err
	}
	return img, m, nil
}

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }
