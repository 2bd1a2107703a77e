package charts

import (
	"fmt"
	"image"
	"math"

	"csatdesk/data"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// TrendOptions configures Trend.
type TrendOptions struct {
	Style
	Size
	// Band is the benchmark band; zero means DefaultBand.
	Band Band
	// Goal is an optional target drawn as a dashed line.
	Goal Goal
	// Goals are more targets drawn like Goal (each with its label).
	Goals []Goal
	// From and To are the dates the points were counted over; a first
	// or last point whose period reaches outside them holds only part of
	// its period and is drawn as partial (hollow, with a dashed segment,
	// and PartialLabel in the legend). 0 leaves points unmarked.
	From, To data.Day
	// PartialLabel names partial periods in the legend; default
	// "partial period".
	PartialLabel string
	// Notes are events drawn as dotted vertical lines with short labels
	// at the top of the plot.
	Notes []Marker
	// ValueLabels writes every point's value over it (otherwise only the
	// latest point and a dip below the band are labelled).
	ValueLabels bool
	// Scale is the value axis when it is not CSAT % (NPS, a mean score);
	// with a Scale there is no benchmark band.
	Scale *Scale
	// FewN: points with fewer answers are drawn hollow; 0 means
	// data.FewResponses.
	FewN uint64
	// Compare is an optional second series (the year before, another
	// segment) drawn dashed and grey, matched to points by index; extra
	// points are ignored.
	Compare []data.TrendPoint
	// CompareLabel and SeriesLabel name the two series in the legend;
	// SeriesLabel defaults to "CSAT %".
	CompareLabel, SeriesLabel string
	// ZoomY false keeps the Y axis at 0–100 % so charts compare at a
	// glance; true zooms to the data, always keeping the band in view.
	ZoomY bool
}

// Scale is a trend's value axis other than 0–100 %: NPS from −100 to +100
// (Signed), or a mean score such as CES from 1 to 7 (Decimals 1).
type Scale struct {
	Min, Max float64
	Signed   bool // "+32"
	Decimals int
}

// NPSScale and CESScale are the axes of an NPS and a CES trend.
var (
	NPSScale = Scale{Min: -100, Max: 100, Signed: true}
	CESScale = Scale{Min: 1, Max: 7, Decimals: 1}
)

// bounds are the axis's ends: 0–100 without a scale.
func (opt TrendOptions) bounds() (float64, float64) {
	if opt.Scale == nil {
		return 0, 100
	}
	return opt.Scale.Min, opt.Scale.Max
}

// format writes a value of the axis ("85%", "+32", "5.4"); decimals is
// the percent's.
func (opt TrendOptions) format(v float64, decimals int, loc string) string {
	switch {
	case opt.Scale == nil:
		return fmtPct(v, decimals, loc)
	case opt.Scale.Signed:
		return fmtSigned(v, loc)
	}
	return fmtNum(v, opt.Scale.Decimals, loc)
}

// Marker is an event on the trend: a dotted vertical line on Day with a
// short Label.
type Marker struct {
	Day   data.Day
	Label string
}

// MaxMarkerLabel is the longest marker label drawn, in characters; longer
// ones are cut with "…".
const MaxMarkerLabel = 18

// goals returns every active goal of opt.
func (opt TrendOptions) goals() []Goal {
	var out []Goal
	if opt.Scale == nil && opt.Goal.active() {
		out = append(out, opt.Goal)
	}
	lo, hi := opt.bounds()
	for _, g := range opt.Goals {
		if finite(g.Value) && g.Value >= lo && g.Value <= hi && (opt.Scale != nil || g.active()) {
			out = append(out, g)
		}
	}
	return out
}

// partial reports which points hold only part of their period: those
// starting before from or ending after to (when from is set).
func partial(points []data.TrendPoint, from, to data.Day) []bool {
	out := make([]bool, len(points))
	if from == 0 {
		return out
	}
	for i, p := range points {
		out[i] = p.End > p.Start && (p.Start < from || (to > 0 && p.End-1 > to))
	}
	return out
}

// markerX is where day lies on a trend's index axis (period i spans
// i−0.5 … i+0.5); ok is false when no period holds it.
func markerX(points []data.TrendPoint, day data.Day) (float64, bool) {
	for i, p := range points {
		if p.End > p.Start && day >= p.Start && day < p.End {
			return float64(i) - 0.5 + (float64(day-p.Start)+0.5)/float64(p.End-p.Start), true
		}
	}
	return 0, false
}

// Trend renders CSAT % per period as a line over the shaded, labelled
// benchmark band, with the 95 % Wilson range as a light ribbon (whiskers
// for isolated points), hollow markers for periods with fewer than FewN
// answers, an optional goal line and an optional compare series. Periods
// without answers (N == 0 or a NaN value) are gaps in the line. The X axis
// is labelled with the points' period labels, thinned when there are many.
// Fewer than two points with answers return ErrNotEnoughData.
func Trend(points []data.TrendPoint, opt TrendOptions) (image.Image, error) {
	img, _, err := renderTrend(points, opt)
	if err != nil {
		return nil, err
	}
	return img, nil
}

func validPoint(p data.TrendPoint) bool {
	return p.N > 0 && finite(p.Value)
}

// runs returns the [start, end) index ranges of consecutive valid points.
func runs(pts []data.TrendPoint) [][2]int {
	var out [][2]int
	start := -1
	for i, p := range pts {
		switch {
		case validPoint(p) && start < 0:
			start = i
		case !validPoint(p) && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(pts)})
	}
	return out
}

// trendYRange returns the Y range and tick step of a trend. Zoomed, it
// holds the band, every goal, every value and the whole 95 % range of
// every point: a range cut at the axis would look narrower than it is.
func trendYRange(points, cmp []data.TrendPoint, band Band, goals []Goal, zoom bool) (lo, hi, step float64) {
	if !zoom {
		return 0, 100, 20
	}
	return scaledYRange(points, cmp, &band, goals, zoom, 0, 100)
}

// scaledYRange is trendYRange on an axis from min to max; band nil: none.
func scaledYRange(points, cmp []data.TrendPoint, band *Band, goals []Goal, zoom bool, min, max float64) (lo, hi, step float64) {
	if !zoom {
		return min, max, niceStep(max-min, 5)
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	if band != nil {
		lo, hi = band.Low, band.High
	}
	for _, set := range [][]data.TrendPoint{points, cmp} {
		for _, p := range set {
			if validPoint(p) {
				lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
			}
		}
	}
	for _, p := range points {
		if validPoint(p) && finite(p.Low) && finite(p.High) {
			lo, hi = math.Min(lo, p.Low), math.Max(hi, p.High)
		}
	}
	for _, g := range goals {
		lo, hi = math.Min(lo, g.Value), math.Max(hi, g.Value)
	}
	if lo > hi { // nothing to hold
		return min, max, niceStep(max-min, 5)
	}
	unit := (max - min) / 100 // a point of the 0–100 % axis
	pad := math.Max(2*unit, (hi-lo)*0.1)
	lo, hi = clamp(lo-pad, min, max), clamp(hi+pad, min, max)
	step = math.Max(unit, niceStep(hi-lo, 5))
	if unit < 1 {
		step = math.Max(0.1, niceStep(hi-lo, 5))
	}
	lo = math.Max(min, math.Floor(lo/step)*step)
	hi = math.Min(max, math.Ceil(hi/step)*step)
	if hi-lo < step {
		hi = math.Min(max, lo+step)
		lo = hi - step
	}
	return lo, hi, step
}

// yRange is the Y range of a trend drawn with opt.
func (opt TrendOptions) yRange(points, cmp []data.TrendPoint, band Band) (lo, hi, step float64) {
	if opt.Scale == nil {
		return trendYRange(points, cmp, band, opt.goals(), opt.ZoomY)
	}
	return scaledYRange(points, cmp, nil, opt.goals(), opt.ZoomY, opt.Scale.Min, opt.Scale.Max)
}

// renderTrend is Trend that also returns the plot geometry, for tests.
func renderTrend(points []data.TrendPoint, opt TrendOptions) (*image.RGBA, plotGeom, error) {
	var geom plotGeom
	nValid := 0
	for _, p := range points {
		if validPoint(p) {
			nValid++
		}
	}
	if nValid < 2 {
		return nil, geom, ErrNotEnoughData
	}
	f, err := newFrame(opt.Style, opt.Size)
	if err != nil {
		return nil, geom, err
	}
	loc, pal := opt.Locale, f.pal
	band := opt.Band.normalized(loc)
	fewN := opt.FewN
	if fewN == 0 {
		fewN = data.FewResponses
	}
	n := len(points)
	cmp := opt.Compare
	if len(cmp) > n {
		cmp = cmp[:n]
	}
	cmpValid := false
	for _, p := range cmp {
		cmpValid = cmpValid || validPoint(p)
	}
	goals := opt.goals()
	lo, hi, step := opt.yRange(points, cmp, band)
	noBand := opt.Scale != nil
	if noBand {
		band.Low, band.High = math.Inf(-1), math.Inf(-1) // no warning colour, nothing drawn
	}
	part := partial(points, opt.From, opt.To)
	anyPartial := false
	for i, p := range points {
		anyPartial = anyPartial || (part[i] && validPoint(p))
	}

	few := false
	for _, p := range points {
		few = few || (validPoint(p) && p.N < fewN)
	}
	seriesLabel := opt.SeriesLabel
	switch {
	case seriesLabel != "":
	case opt.Scale == nil:
		seriesLabel = word(loc, "csat")
	case opt.Scale.Signed:
		seriesLabel = "NPS"
	default:
		seriesLabel = "CES"
	}
	f.legend = append(f.legend, legendItem{legendLine, pal.series, seriesLabel})
	if cmpValid {
		label := opt.CompareLabel
		if label == "" {
			label = "—"
		}
		f.legend = append(f.legend, legendItem{legendDashed, pal.compare, label})
	}
	if !noBand {
		f.legend = append(f.legend, legendItem{legendBox, pal.band, band.Label})
	}
	f.legend = append(f.legend, legendItem{legendRibbon, pal.seriesRange, word(loc, "range")})
	if few {
		f.legend = append(f.legend, legendItem{legendHollow, pal.series, fmt.Sprintf(word(loc, "few"), fewN)})
	}
	if anyPartial {
		label := opt.PartialLabel
		if label == "" {
			label = "partial period"
		}
		f.legend = append(f.legend, legendItem{legendDashed, pal.series, label})
	}

	labels := make([]string, n)
	for i, p := range points {
		labels[i] = p.Label
	}
	decimals := 0
	if step < 1 {
		decimals = 1
	}
	if opt.Scale != nil {
		decimals = opt.Scale.Decimals
	}
	yTicks := valueTicks(lo, hi, step, func(v float64) string { return opt.format(v, decimals, loc) })
	widest := fmtPct(100, decimals, loc)
	if opt.Scale != nil {
		widest = opt.format(lo, decimals, loc)
		if w := opt.format(hi, decimals, loc); len(w) > len(widest) {
			widest = w
		}
	}
	xTicks := f.periodTicks(labels, f.plotWidth(widest))
	c := baseChart(f.xAxis(xTicks, -0.5, float64(n)-0.5, false), f.yAxis(yTicks, lo, hi, true))
	clampY := func(v float64) float64 { return clamp(v, lo, hi) }

	// 1. The band, under everything else.
	c.Series = append(c.Series, drawSeries{name: "band", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		captureGeom(&geom, box, xr, yr)
		if noBand {
			return
		}
		top, bottom := geom.y(clampY(band.High)), geom.y(clampY(band.Low))
		f.rect(r, box.Left, top, box.Right, bottom+1, pal.band)
	}})

	// 2. The 95 % range: a ribbon along runs, whiskers on lone points.
	c.Series = append(c.Series, drawSeries{name: "range", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		g := plotGeom{}
		captureGeom(&g, box, xr, yr)
		lowHigh := func(p data.TrendPoint) (float64, float64) {
			l, h := p.Low, p.High
			if !finite(l) || !finite(h) {
				l, h = p.Value, p.Value
			}
			return clampY(l), clampY(h)
		}
		for _, run := range runs(points) {
			if run[1]-run[0] == 1 {
				i := run[0]
				l, h := lowHigh(points[i])
				x, capW := g.x(float64(i)), f.px(5)
				f.line(r, x, g.y(l), x, g.y(h), pal.series, f.fpx(1.5), nil)
				f.line(r, x-capW, g.y(l), x+capW, g.y(l), pal.series, f.fpx(1.5), nil)
				f.line(r, x-capW, g.y(h), x+capW, g.y(h), pal.series, f.fpx(1.5), nil)
				continue
			}
			r.SetFillColor(pal.seriesRange)
			for i := run[0]; i < run[1]; i++ {
				_, h := lowHigh(points[i])
				if i == run[0] {
					r.MoveTo(g.x(float64(i)), g.y(h))
				} else {
					r.LineTo(g.x(float64(i)), g.y(h))
				}
			}
			for i := run[1] - 1; i >= run[0]; i-- {
				l, _ := lowHigh(points[i])
				r.LineTo(g.x(float64(i)), g.y(l))
			}
			r.Close()
			r.Fill()
		}
	}})

	// 3. The goal lines, and the event notes' dotted lines.
	if len(goals) > 0 {
		c.Series = append(c.Series, drawSeries{name: "goal", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
			for _, goal := range goals {
				y := geom.y(goal.Value)
				f.line(r, box.Left, y, box.Right, y, pal.goal, f.fpx(1.5), f.dash(goalDashPx))
			}
		}})
	}
	if len(opt.Notes) > 0 {
		c.Series = append(c.Series, drawSeries{name: "notes", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
			for _, m := range opt.Notes {
				if xi, ok := markerX(points, m.Day); ok {
					x := geom.x(xi)
					f.line(r, x, box.Top, x, box.Bottom, pal.muted, f.fpx(1.2), f.dash([]float64{2, 3}))
				}
			}
		}})
	}

	// 4, 5. The lines, drawn by go-chart, one series per run of points
	// with answers so that gaps stay gaps and no NaN reaches go-chart.
	addRuns := func(pts []data.TrendPoint, st chart.Style) {
		for _, run := range runs(pts) {
			if run[1]-run[0] < 2 {
				continue
			}
			xs := make([]float64, 0, run[1]-run[0])
			ys := make([]float64, 0, run[1]-run[0])
			for i := run[0]; i < run[1]; i++ {
				xs = append(xs, float64(i))
				ys = append(ys, clampY(pts[i].Value))
			}
			c.Series = append(c.Series, chart.ContinuousSeries{Style: st, XValues: xs, YValues: ys, YAxis: chart.YAxisSecondary})
		}
	}
	addRuns(cmp, chart.Style{StrokeColor: pal.compare, StrokeWidth: f.fpx(2), StrokeDashArray: f.dash(compareDash)})
	// The main line is solid between whole periods; a segment to or from
	// a partial period is dashed.
	whole := make([]data.TrendPoint, n)
	for i, p := range points {
		whole[i] = p
		if part[i] {
			whole[i].N = 0
		}
	}
	addRuns(whole, chart.Style{StrokeColor: pal.series, StrokeWidth: f.fpx(lineWidthPx)})
	if anyPartial {
		c.Series = append(c.Series, drawSeries{name: "partial", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
			for i := 1; i < n; i++ {
				if validPoint(points[i-1]) && validPoint(points[i]) && (part[i-1] || part[i]) {
					f.line(r, geom.x(float64(i-1)), geom.y(clampY(points[i-1].Value)), geom.x(float64(i)), geom.y(clampY(points[i].Value)),
						pal.series, f.fpx(lineWidthPx), f.dash(compareDash))
				}
			}
		}})
	}

	// 6. Markers and labels, on top.
	c.Series = append(c.Series, drawSeries{name: "markers", draw: func(r chart.Renderer, box chart.Box, xr, yr chart.Range) {
		slot := float64(box.Width()) / float64(n)
		dense := slot < f.fpx(10)
		rad := math.Min(f.fpx(markerPx), math.Max(slot*0.42, f.fpx(2)))
		isolated := func(pts []data.TrendPoint, i int) bool {
			return (i == 0 || !validPoint(pts[i-1])) && (i == len(pts)-1 || !validPoint(pts[i+1]))
		}
		for i, p := range cmp {
			if validPoint(p) && isolated(cmp, i) {
				f.circle(r, geom.x(float64(i)), geom.y(clampY(p.Value)), rad*0.8, pal.compare, pal.compare, f.fpx(1))
			}
		}
		last, lowest := -1, -1
		for i, p := range points {
			if !validPoint(p) {
				continue
			}
			last = i
			if !part[i] && (lowest < 0 || p.Value < points[lowest].Value) {
				lowest = i
			}
			x, y := geom.x(float64(i)), geom.y(clampY(p.Value))
			col := pal.series
			if p.Value < band.Low {
				col = pal.warn
			}
			switch {
			case p.N < fewN || part[i]:
				f.circle(r, x, y, rad+f.fpx(0.5), pal.canvas, col, f.fpx(2))
			case !dense || isolated(points, i):
				f.circle(r, x, y, rad, col, col, f.fpx(1))
			}
		}
		// The band and goal labels go where they hide the least data.
		var lines [][]chart.Point
		for _, set := range [][]data.TrendPoint{points, cmp} {
			for _, run := range runs(set) {
				var pl []chart.Point
				for i := run[0]; i < run[1]; i++ {
					pl = append(pl, chart.Point{X: geom.x(float64(i)), Y: geom.y(clampY(set[i].Value))})
				}
				lines = append(lines, pl)
			}
		}
		top, bottom := geom.y(clampY(band.High)), geom.y(clampY(band.Low))
		lh := f.lineH(valuePt)
		bw := f.textW(band.Label, valuePt)
		switch {
		case noBand:
		case bottom-top >= lh+f.px(4):
			y0 := top + f.px(3)
			x := f.freeSpot(lines, box, bw, y0, y0+lh)
			f.label(r, band.Label, x, y0+f.ascent(valuePt), valuePt, pal.bandText, alignLeft, pal.band)
		default:
			y0 := top - f.px(4) - lh
			x := f.freeSpot(lines, box, bw, y0, y0+lh)
			f.label(r, band.Label, x, y0+f.ascent(valuePt), valuePt, pal.bandText, alignLeft, pal.halo)
		}
		for _, goal := range goals {
			text := goal.Label
			if text == "" {
				text = word(loc, "goal") + " " + opt.format(goal.Value, 0, loc)
			}
			gy := geom.y(goal.Value)
			y0 := gy - f.px(5) - lh
			if y0 < box.Top {
				y0 = gy + f.px(4)
			}
			x := f.freeSpot(lines, box, f.textW(text, valuePt), y0, y0+lh)
			f.label(r, text, x, y0+f.ascent(valuePt), valuePt, pal.goal, alignLeft, pal.halo)
		}
		// The notes' labels along the top, a second row when they would
		// overlap, left out when even that is taken.
		rowEnd := [2]int{math.MinInt, math.MinInt}
		for _, m := range opt.Notes {
			xi, ok := markerX(points, m.Day)
			if !ok {
				continue
			}
			text := []rune(m.Label)
			if len(text) > MaxMarkerLabel {
				text = append(text[:MaxMarkerLabel-1], '…')
			}
			x, w := geom.x(xi)+f.px(3), f.textW(string(text), valuePt)
			if x+w > box.Right {
				x = max(box.Left, geom.x(xi)-f.px(3)-w)
			}
			for row := range rowEnd {
				if x > rowEnd[row]+f.px(4) {
					y := box.Top + f.px(2) + row*lh + f.ascent(valuePt)
					f.label(r, string(text), x, y, valuePt, pal.muted, alignLeft, pal.halo)
					rowEnd[row] = x + w
					break
				}
			}
		}
		// Value labels on the latest point and on a dip below the band.
		valueLabel := func(i int) {
			p := points[i]
			x, y := geom.x(float64(i)), geom.y(clampY(p.Value))
			col := pal.series
			if p.Value < band.Low {
				col = pal.warn
			}
			a := alignCenter
			if x+f.textW("100%", valuePt) > box.Right {
				a = alignRight
			}
			by := y - f.px(9)
			if by-f.ascent(valuePt) < box.Top {
				by = y + f.px(9) + f.ascent(valuePt)
			}
			f.label(r, opt.format(p.Value, 0, loc), x, by, valuePt, col, a, pal.halo)
		}
		if lowest >= 0 && lowest != last && points[lowest].Value < band.Low {
			p := points[lowest]
			x, y := geom.x(float64(lowest)), geom.y(clampY(p.Value))
			by := y + f.px(10) + f.ascent(valuePt)
			if by > box.Bottom-f.px(2) {
				by = y - f.px(9)
			}
			f.label(r, opt.format(p.Value, 0, loc), x, by, valuePt, pal.warn, alignCenter, pal.halo)
		}
		if opt.ValueLabels && !dense {
			for i, p := range points {
				if validPoint(p) && i != last && slot > float64(f.textW("100%", valuePt)) {
					valueLabel(i)
				}
			}
		}
		if last >= 0 {
			valueLabel(last)
		}
	}})

	img, err := f.render(c)
	if err != nil {
		return nil, geom, err
	}
	return img, geom, nil
}

// freeSpot returns the left x of a w-wide label spanning rows y0..y1 inside
// box where the polylines cross it least, preferring the left.
func (f *frame) freeSpot(lines [][]chart.Point, box chart.Box, w, y0, y1 int) int {
	pad := f.px(6)
	left, right := box.Left+f.px(8), box.Right-f.px(8)-w
	if right <= left {
		return left
	}
	best, bestScore := left, math.MaxInt
	stepX := max(1, w/6)
	for x := left; x <= right; x += stepX {
		score := 0
		for cx := x - pad; cx <= x+w+pad; cx += max(1, f.px(2)) {
			for _, pl := range lines {
				if y, ok := polylineY(pl, cx); ok && y >= y0-pad && y <= y1+pad {
					score++
				}
			}
		}
		if score < bestScore {
			best, bestScore = x, score
		}
	}
	return best
}

// polylineY returns the y of a polyline (sorted by x) at column x.
func polylineY(pl []chart.Point, x int) (int, bool) {
	if len(pl) == 0 || x < pl[0].X || x > pl[len(pl)-1].X {
		return 0, false
	}
	if len(pl) == 1 {
		return pl[0].Y, true
	}
	for i := 1; i < len(pl); i++ {
		a, b := pl[i-1], pl[i]
		if x <= b.X {
			if b.X == a.X {
				return a.Y, true
			}
			t := float64(x-a.X) / float64(b.X-a.X)
			return a.Y + int(math.Round(t*float64(b.Y-a.Y))), true
		}
	}
	return 0, false
}

// mix returns a blended with b by t (0 = a, 1 = b), opaque.
func mix(a, b drawing.Color, t float64) drawing.Color {
	ch := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return drawing.Color{R: ch(a.R, b.R), G: ch(a.G, b.G), B: ch(a.B, b.B), A: 255}
}
