package pdfreport

import (
	"math"
	"time"

	"csatdesk/data"
)

// posterBars is how many periods the poster's trend shows.
const posterBars = 6

// poster draws the results poster: one page for the staff room with the
// period's CSAT in very large type, a simple trend of the last periods and
// what customers praise and what to fix, in large type.
func (r *report) poster() {
	d, in, w := r.d, r.in, r.w
	d.addPage()
	cx := pageW / 2
	d.y = 50
	if in.Business != "" {
		d.textCenter(cx, d.y, d.fit(in.Business, pageW-2*margin, 26), 26, colInk)
		d.y += 38
	}
	d.textCenter(cx, d.y, w.PosterHead+" · "+periodTitle(w, in.Period, in.From), 18, colMuted)
	d.y += 34
	if in.Responses == 0 || in.CSAT.N == 0 {
		d.y += 120
		for _, l := range d.wrap(NoDataText(in.Lang, in.Period, in.From), pageW-2*margin, 28) {
			d.textCenter(cx, d.y, l, 28, colInk)
			d.y += 38
		}
		return
	}
	big := r.nf.SpacedPercent(in.CSAT.Percent, 0)
	d.textCenter(cx, d.y, big, 120, r.placeColor(in.CSAT.Percent))
	d.y += 136
	for _, l := range d.wrap(w.PosterSat, pageW-2*margin, 24) {
		d.textCenter(cx, d.y, l, 24, colInk)
		d.y += 32
	}
	sub := r.say(w.PosterN, data.Args{"S": r.count(in.CSAT.Satisfied), "N": r.count(in.CSAT.N)}) + " · " +
		r.say(w.Range, data.Args{"Low": r.nf.Number(in.CSAT.Low, 0), "High": r.nf.SpacedPercent(in.CSAT.High, 0)})
	d.textCenter(cx, d.y, d.fit(sub, pageW-2*margin, 13), 13, colMuted)
	d.y += 34
	r.posterTrend(margin+20, d.y, pageW-2*margin-40, 190)
	d.y += 190 + 40
	for _, l := range r.posterLines() {
		for _, s := range d.wrap(l.text, pageW-2*margin-20, 20) {
			d.need(28)
			d.text(margin+10, d.y, s, 20, l.c)
			d.y += 28
		}
		d.y += 8
	}
	d.y = math.Max(d.y+10, pageH-110)
	d.textCenter(cx, d.y, w.Thanks, 28, colBar)
}

// posterTrend draws the last periods of the trend as columns with their
// % above and their month (or quarter) below, the band shaded behind.
func (r *report) posterTrend(x, y, w, h float64) {
	d, in := r.d, r.in
	pts := in.Trend
	if len(pts) > posterBars {
		pts = pts[len(pts)-posterBars:]
	}
	if len(pts) == 0 {
		return
	}
	const labelH, valueH = 40.0, 26.0
	plotTop, plotH := y+valueH, h-labelH-valueH
	// the columns start at 50 % so differences show; a value under 50 %
	// gets a stub
	const floor = 50.0
	scale := func(v float64) float64 { return plotH * math.Max(0, v-floor) / (100 - floor) }
	bandTop, bandBot := plotTop+plotH-scale(in.BandHigh), plotTop+plotH-scale(in.BandLow)
	d.fillRect(x, bandTop, w, bandBot-bandTop, colBand)
	d.line(x, plotTop+plotH, x+w, plotTop+plotH, 1, colLine)
	slot := w / float64(len(pts))
	bw := slot * 0.56
	for i, p := range pts {
		bx := x + float64(i)*slot + (slot-bw)/2
		last := i == len(pts)-1
		if p.N > 0 && !math.IsNaN(p.Value) {
			bh := math.Max(scale(p.Value), 3)
			c := r.placeColor(p.Value)
			if !last {
				c = lighter(c)
			}
			d.fillRect(bx, plotTop+plotH-bh, bw, bh, c)
			size := 16.0
			if last {
				size = 20
			}
			d.textCenter(bx+bw/2, plotTop+plotH-bh-size-4, r.nf.SpacedPercent(p.Value, 0), size, colInk)
		}
		d.textCenter(bx+bw/2, plotTop+plotH+6, r.shortPeriod(p.Start), 14, colInk)
		d.textCenter(bx+bw/2, plotTop+plotH+24, yearOf(p.Start), 9, colMuted)
	}
}

// lighter is c halfway to white.
func lighter(c rgb) rgb {
	return rgb{uint8((int(c.r) + 255) / 2), uint8((int(c.g) + 255) / 2), uint8((int(c.b) + 255) / 2)}
}

// shortPeriod names a period in a column label: the month's first three
// letters ("Mar", "3月") or the quarter ("Q1").
func (r *report) shortPeriod(start data.Day) string {
	t := start.Date(time.UTC)
	if r.in.Period == data.PeriodQuarter {
		return data.Render(r.w.QuarterShort, data.Args{"Q": (int(t.Month())-1)/3 + 1})
	}
	m := []rune(r.w.Months[t.Month()-1])
	if len(m) > 3 {
		m = m[:3]
	}
	return string(m)
}

func yearOf(d data.Day) string { return d.Date(time.UTC).Format("2006") }

type posterLine struct {
	text string
	c    rgb
}

// posterLines are the poster's "what customers praise / what to fix": the
// topic most mentioned by unhappy customers and, among the others, the one
// most mentioned by satisfied ones when topics are known, otherwise the best and the
// lowest rated question (a single one is "best rated" when it does at
// least as well as the main question, else "most room to improve"); none
// when nothing supports them.
func (r *report) posterLines() []posterLine {
	in, w := r.in, r.w
	var out []posterLine
	if in.Praise != "" || in.Fix != "" {
		if in.Praise != "" {
			out = append(out, posterLine{r.say(w.Praise, data.Args{"T": in.Praise}), colGood})
		}
		if in.Fix != "" {
			out = append(out, posterLine{r.say(w.Fix, data.Args{"T": in.Fix}), colBad})
		}
		return out
	}
	if t := in.Topics; t != nil && len(t.Rows) > 0 {
		// What to fix first, then what is praised among the other topics:
		// one topic is never both.
		best, worst := -1, -1
		for i, row := range t.Rows {
			if row.Unhappy > 0 && (worst < 0 || row.Unhappy > t.Rows[worst].Unhappy) {
				worst = i
			}
		}
		for i, row := range t.Rows {
			if i != worst && row.Satisfied > 0 && (best < 0 || row.Satisfied > t.Rows[best].Satisfied) {
				best = i
			}
		}
		if best >= 0 {
			out = append(out, posterLine{r.say(w.Praise, data.Args{"T": t.Rows[best].Name}), colGood})
		}
		if worst >= 0 {
			out = append(out, posterLine{r.say(w.Fix, data.Args{"T": t.Rows[worst].Name}), colBad})
		}
		if len(out) > 0 {
			return out
		}
	}
	qs := in.Questions
	rated := func(row Row) string { return row.Label + " (" + r.nf.SpacedPercent(row.CSAT.Percent, 0) + ")" }
	switch {
	case len(qs) >= 2:
		out = append(out, posterLine{r.say(w.BestRated, data.Args{"T": rated(qs[0])}), colGood},
			posterLine{r.say(w.WorstRated, data.Args{"T": rated(qs[len(qs)-1])}), colBad})
	case len(qs) == 1 && qs[0].CSAT.Percent >= in.CSAT.Percent:
		out = append(out, posterLine{r.say(w.BestRated, data.Args{"T": rated(qs[0])}), colGood})
	case len(qs) == 1:
		out = append(out, posterLine{r.say(w.WorstRated, data.Args{"T": rated(qs[0])}), colBad})
	}
	return out
}
