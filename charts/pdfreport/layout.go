package pdfreport

import (
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"csatdesk/charts"
	"csatdesk/data"
	"csatdesk/data/numfmt"
)

// Write draws the report of in as a PDF into w: two pages (one when the
// period has no responses), and the results poster after them when
// opt.Poster.
func Write(w io.Writer, in Input, opt Options) error {
	d, err := newDoc()
	if err != nil {
		return err
	}
	r := &report{d: d, in: in, w: wordsFor(in.Lang), nf: numfmt.For(in.Lang)}
	r.report()
	if d.err != nil {
		return fmt.Errorf("report PDF: %w", d.err)
	}
	if opt.Poster {
		r.poster()
	}
	r.footers()
	if d.err != nil {
		return fmt.Errorf("report PDF: %w", d.err)
	}
	if _, err := d.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("report PDF: %w", err)
	}
	return nil
}

// report draws one report.
type report struct {
	d  *doc
	in Input
	w  words
	nf numfmt.Format
	// pages is the number of the report's pages (the poster has no
	// footer).
	pages int
}

func (r *report) say(tmpl string, args data.Args) string { return data.Render(tmpl, args) }

func (r *report) pct(v float64) string { return r.nf.SpacedPercent(v, 1) }

func (r *report) count(n uint64) string { return r.nf.Count(int64(n)) }

// PeriodTitle names the period of kind p starting at from ("March 2026",
// "Q1 2026") in language code, as the report's title does.
func PeriodTitle(code string, p data.Period, from data.Day) string {
	return periodTitle(wordsFor(code), p, from)
}

// periodTitle is PeriodTitle in the words of w.
func periodTitle(w words, p data.Period, from data.Day) string {
	t := from.Date(time.UTC)
	if p == data.PeriodQuarter {
		return data.Render(w.QuarterTitle, data.Args{"Q": (int(t.Month())-1)/3 + 1, "Year": t.Year()})
	}
	return data.Render(w.MonthTitle, data.Args{"Month": w.Months[t.Month()-1], "Year": t.Year()})
}

// NoDataText is the sentence of a period without responses ("No responses
// in March 2026.") in language code.
func NoDataText(code string, p data.Period, from data.Day) string {
	w := wordsFor(code)
	t := from.Date(time.UTC)
	if p == data.PeriodQuarter {
		return data.Render(w.NoDataQuarter, data.Args{"Q": (int(t.Month())-1)/3 + 1, "Year": t.Year()})
	}
	return data.Render(w.NoDataMonth, data.Args{"Month": w.MonthsIn[t.Month()-1], "Year": t.Year()})
}

// runningHead is the line at the top of the second page: business,
// survey and period.
func (r *report) runningHead() string {
	s := periodTitle(r.w, r.in.Period, r.in.From)
	if r.in.Survey != "" {
		s = r.in.Survey + " · " + s
	}
	if r.in.Business != "" {
		s = r.in.Business + " · " + s
	}
	return s
}

func (r *report) header() {
	d, in := r.d, r.in
	top := in.Business
	if in.Survey != "" {
		if top != "" {
			top += " · "
		}
		top += in.Survey
	}
	d.text(margin, d.y, d.fit(top, pageW-2*margin, 10), 10, colMuted)
	d.y += 16
	title := r.w.MonthReport
	if in.Period == data.PeriodQuarter {
		title = r.w.QuarterReport
	}
	d.para(margin, pageW-2*margin, title, 18, colInk)
	d.y += 2
	d.text(margin, d.y, periodTitle(r.w, in.Period, in.From), 15, colBar)
	d.y += 22
	if in.Question != "" {
		d.para(margin, pageW-2*margin, r.say(r.w.Question, data.Args{"Q": in.Question}), 9, colMuted)
	}
	d.y += 6
}

func (r *report) report() {
	d, in := r.d, r.in
	d.addPage()
	r.header()
	if in.Responses == 0 || in.CSAT.N == 0 && in.NPS == nil && in.CES == nil {
		d.y += 20
		d.para(margin, pageW-2*margin, NoDataText(in.Lang, in.Period, in.From), 16, colInk)
		r.pages = d.pdf.GetNumberOfPages()
		return
	}
	r.cards()
	r.goals()
	r.trend()
	// The segment table stays whole: on the second page when the goals
	// leave too little room for it on the first.
	second := false
	if d.y+tableHeight(len(in.Segments)) > bottom {
		r.secondPage()
		second = true
	}
	d.heading(r.w.Segments)
	if len(in.Segments) == 0 {
		d.para(margin, pageW-2*margin, r.w.NoSegments, 10, colMuted)
	} else {
		r.table(in.Segments)
	}
	if !second {
		r.secondPage()
	}
	if len(in.Questions) > 0 {
		d.heading(r.w.Questions)
		r.table(in.Questions)
	}
	r.topics()
	r.followUp()
	r.comments()
	if in.Footer != "" {
		d.y += 10
		d.para(margin, pageW-2*margin, in.Footer, 8, colMuted)
	}
	r.pages = d.pdf.GetNumberOfPages()
}

// secondPage starts the report's second page under a running head.
func (r *report) secondPage() {
	d := r.d
	d.addPage()
	d.text(margin, d.y, d.fit(r.runningHead(), pageW-2*margin, 9), 9, colMuted)
	d.y += 14
}

// tableHeight is about how tall a section with a table of n rows is.
func tableHeight(n int) float64 { return 31 + 13 + 16*float64(max(n, 1)) + 4 }

// placeColor is the colour of a CSAT % against the band.
func (r *report) placeColor(p float64) rgb {
	switch {
	case math.IsNaN(p):
		return colMuted
	case p < r.in.BandLow:
		return colBad
	}
	return colGood
}

// card draws one KPI card: its title, a big figure with a small unit
// beside it, and lines under it.
func (r *report) card(x, y, w, h float64, title, big, unit string, bigColor rgb, lines []string, lineColors []rgb) {
	d := r.d
	d.roundRect(x, y, w, h, 6, colCard)
	ty := y + 8
	for i, l := range d.wrap(title, w-16, 8.5) {
		if i == 2 {
			break
		}
		d.text(x+8, ty, l, 8.5, colMuted)
		ty += 11
	}
	by := y + 32
	size := 24.0
	for size > 12 && d.measure(big, size)+d.measure(unit, 8.5)+4 > w-16 {
		size--
	}
	d.text(x+8, by, big, size, bigColor)
	if unit != "" {
		d.text(x+8+d.measure(big, size)+4, by+size-11, d.fit(unit, w-20-d.measure(big, size), 8.5), 8.5, colMuted)
	}
	ly := by + 32
	for i, l := range lines {
		c := colMuted
		if i < len(lineColors) {
			c = lineColors[i]
		}
		for _, s := range d.wrap(l, w-16, 8) {
			if ly > y+h-10 {
				break
			}
			d.text(x+8, ly, s, 8, c)
			ly += 10
		}
	}
}

func (r *report) cards() {
	d, in, w := r.d, r.in, r.w
	n := 2
	if in.NPS != nil {
		n++
	}
	if in.CES != nil {
		n++
	}
	const gap, h = 10.0, 112.0
	cw := (pageW - 2*margin - gap*float64(n-1)) / float64(n)
	x, y := margin, d.y
	nLine := "n = " + r.count(in.CSAT.N)
	rng := r.say(w.Range, data.Args{"Low": r.nf.Number(in.CSAT.Low, 1), "High": r.pct(in.CSAT.High)})
	r.card(x, y, cw, h, w.CSAT, r.pct(in.CSAT.Percent), "", r.placeColor(in.CSAT.Percent), []string{rng, nLine}, nil)
	x += cw + gap
	change := w.ChangeMonth
	if in.Period == data.PeriodQuarter {
		change = w.ChangeQuarter
	}
	prevTitle := periodTitle(w, in.Period, in.Period.Start(in.From-1))
	if in.Previous.N == 0 || in.CSAT.N == 0 {
		r.card(x, y, cw, h, change, "–", "", colMuted, []string{w.NoPrevious}, nil)
	} else {
		diff := in.CSAT.Percent - in.Previous.Percent
		verdict, vc := w.WithinNoise, colMuted
		if data.DiffersSignificantly(in.CSAT, in.Previous) {
			verdict, vc = w.RealChange, colGood
			if diff < 0 {
				vc = colBad
			}
		}
		r.card(x, y, cw, h, change, r.nf.Signed(diff, 1), w.Points, colInk,
			[]string{prevTitle, r.pct(in.Previous.Percent) + " · n = " + r.count(in.Previous.N), verdict},
			[]rgb{colMuted, colMuted, vc})
	}
	x += cw + gap
	if in.NPS != nil {
		p := in.NPS
		parts := r.say(w.NPSParts, data.Args{"P": r.nf.SpacedPercent(p.Promoters, 0), "D": r.nf.SpacedPercent(p.Detractors, 0)})
		r.card(x, y, cw, h, w.NPS, r.nf.Signed(p.Score, 0), "", colInk, []string{parts, "n = " + r.count(p.N)}, nil)
		x += cw + gap
	}
	if in.CES != nil {
		c := in.CES
		agree := r.say(w.CESAgree, data.Args{"P": r.nf.SpacedPercent(c.Agree, 0)})
		r.card(x, y, cw, h, w.CES, r.nf.Number(c.Mean, 1), w.CESOf, colInk, []string{agree, "n = " + r.count(c.N)}, nil)
	}
	d.y = y + h + 10
	if in.CSAT.N > 0 {
		place := w.BandWithin
		switch {
		case in.CSAT.Percent < in.BandLow:
			place = w.BandBelow
		case in.CSAT.Percent > in.BandHigh:
			place = w.BandAbove
		}
		d.para(margin, pageW-2*margin, r.say(place, data.Args{"Low": r.nf.Number(in.BandLow, 0), "High": r.nf.Number(in.BandHigh, 0)}), 10, r.placeColor(in.CSAT.Percent))
	}
	if in.CSAT.N > 0 && in.CSAT.N < data.FewResponses {
		d.para(margin, pageW-2*margin, r.say(w.FewNote, data.Args{"N": r.count(in.CSAT.N), "Low": r.pct(in.CSAT.Low), "High": r.pct(in.CSAT.High)}), 10, colBad)
	}
}

func (r *report) goals() {
	d, w := r.d, r.w
	if len(r.in.Goals) == 0 {
		return
	}
	d.heading(w.Goals)
	for _, g := range r.in.Goals {
		line := g.Label
		if g.Progress != "" {
			d.para(margin, pageW-2*margin, "• "+line+" — "+g.Progress, 10, verdictColor(g.Verdict))
			continue
		}
		if !math.IsNaN(g.Current) {
			line += " — " + r.say(w.GoalNow, data.Args{"V": r.metric(g.Metric, g.Current)})
			if left := g.Target - g.Current; left > 0 && g.Verdict != VerdictReached {
				line += " · " + r.say(w.GoalToGo, data.Args{"V": r.nf.Number(left, 1) + " " + r.unitOf(g.Metric)})
			}
		}
		c := colInk
		switch g.Verdict {
		case VerdictOnTrack:
			line += " · " + w.OnTrack
			c = colGood
		case VerdictNotOnTrack:
			line += " · " + w.NotOnTrack
			c = colBad
		case VerdictReached:
			line += " · " + w.Reached
			c = colGood
		}
		d.para(margin, pageW-2*margin, "• "+line, 10, c)
	}
}

// verdictColor is the colour of a goal's line.
func verdictColor(v Verdict) rgb {
	switch v {
	case VerdictOnTrack, VerdictReached:
		return colGood
	case VerdictNotOnTrack:
		return colBad
	}
	return colInk
}

// metric writes a figure of a goal's metric.
func (r *report) metric(m string, v float64) string {
	switch m {
	case "NPS":
		return r.nf.Signed(v, 0)
	case "CES":
		return r.nf.Number(v, 1)
	}
	return r.pct(v)
}

// unitOf is the unit of the distance to a goal.
func (r *report) unitOf(m string) string {
	if m == "CSAT" || m == "" {
		return r.w.Points
	}
	return ""
}

func (r *report) trend() {
	d, in, w := r.d, r.in, r.w
	title := w.TrendMonths
	if in.Period == data.PeriodQuarter {
		title = w.TrendQuarters
	}
	d.heading(title)
	const wPt, hPt = pageW - 2*margin, 205.0
	opt := charts.TrendOptions{Size: charts.Size{WidthPx: 1600, HeightPx: 641, DPI: 200},
		Style: charts.Style{Locale: in.Lang}, Band: charts.Band{Low: in.BandLow, High: in.BandHigh, Label: in.BandLabel},
		FewN: data.FewResponses, ZoomY: true}
	for _, g := range in.GoalLines {
		opt.Goals = append(opt.Goals, charts.Goal{Value: g.Value, Label: g.Label})
	}
	for _, n := range in.Notes {
		opt.Notes = append(opt.Notes, charts.Marker{Day: n.Day, Label: n.Text})
	}
	img, err := charts.Trend(in.Trend, opt)
	if errors.Is(err, charts.ErrNotEnoughData) {
		d.para(margin, wPt, w.TrendShort, 10, colMuted)
		return
	}
	if err != nil {
		d.fail(fmt.Errorf("trend: %w", err))
		return
	}
	d.need(hPt)
	d.image(img, margin, d.y, wPt, hPt)
	d.y += hPt + 4
}

// table lists rows with CSAT as a bar against the band, the %, the 95 %
// range and n. A long label wraps to a second line.
func (r *report) table(rows []Row) {
	d, in := r.d, r.in
	const lineH, size = 11.5, 9.0
	labelW, barX, barW := 180.0, margin+186, 130.0
	pctR, rngR, nR := barX+barW+56, barX+barW+150, pageW-margin
	d.need(40)
	d.textRight(pctR, d.y, "CSAT", 8, colMuted)
	d.textRight(rngR, d.y, r.w.ColRange, 8, colMuted)
	d.textRight(nR, d.y, "n", 8, colMuted)
	d.y += 13
	for _, row := range rows {
		label := d.wrap(row.Label, labelW, size)
		if len(label) > 2 {
			label = []string{label[0], d.fit(label[1]+" "+label[2], labelW, size)}
		}
		rowH := max(16, float64(len(label))*lineH+5)
		d.need(rowH)
		y := d.y
		for i, l := range label {
			d.text(margin, y+2+float64(i)*lineH, l, size, colInk)
		}
		// the bar: 0–100 %, the band shaded behind it, the range as a whisker
		const barH = 12.0
		d.fillRect(barX, y+2, barW, barH, colCard)
		d.fillRect(barX+barW*in.BandLow/100, y+2, barW*(in.BandHigh-in.BandLow)/100, barH, colBand)
		c := row.CSAT
		if !math.IsNaN(c.Percent) {
			d.fillRect(barX, y+5, barW*c.Percent/100, barH-6, r.placeColor(c.Percent))
			if !math.IsNaN(c.Low) {
				mid := y + 2 + barH/2
				d.line(barX+barW*c.Low/100, mid, barX+barW*c.High/100, mid, 0.8, colInk)
				d.line(barX+barW*c.Low/100, mid-3, barX+barW*c.Low/100, mid+3, 0.8, colInk)
				d.line(barX+barW*c.High/100, mid-3, barX+barW*c.High/100, mid+3, 0.8, colInk)
			}
		}
		d.textRight(pctR, y+2, r.pct(c.Percent), size, colInk)
		d.textRight(rngR, y+2, r.nf.Number(c.Low, 1)+"–"+r.pct(c.High), size, colMuted)
		nc := colMuted
		if c.N < data.FewResponses {
			nc = colBad
		}
		d.textRight(nR, y+2, r.count(c.N), size, nc)
		d.y += rowH
	}
	d.y += 4
}

// maxTopics is how many topics the report lists.
const maxTopics = 8

func (r *report) topics() {
	d, t, w := r.d, r.in.Topics, r.w
	if t == nil {
		return
	}
	d.heading(w.Topics)
	rows := t.Rows
	if len(rows) > maxTopics {
		rows = rows[:maxTopics]
	}
	const rowH, size = 15.0, 9.0
	cols := []float64{margin + 300, margin + 400, pageW - margin}
	d.text(margin, d.y, w.ColTopic, 8, colMuted)
	for i, h := range []string{w.ColMentions, w.ColSatisfied, w.ColUnhappy} {
		d.textRight(cols[i], d.y, d.fit(h, 95, 8), 8, colMuted)
	}
	d.y += 13
	for _, row := range rows {
		d.need(rowH)
		d.text(margin, d.y, d.fit(row.Name, 250, size), size, colInk)
		d.textRight(cols[0], d.y, r.nf.Count(int64(row.Mentions)), size, colInk)
		d.textRight(cols[1], d.y, r.nf.Count(int64(row.Satisfied)), size, colGood)
		uc := colMuted
		if row.Unhappy > 0 {
			uc = colBad
		}
		d.textRight(cols[2], d.y, r.nf.Count(int64(row.Unhappy)), size, uc)
		d.y += rowH
	}
	d.para(margin, pageW-2*margin, r.say(w.TopicsRead, data.Args{"N": r.nf.Count(int64(t.Comments)), "U": r.nf.Count(int64(t.Unmatched))}), 8, colMuted)
}

func (r *report) followUp() {
	d, f, w := r.d, r.in.FollowUp, r.w
	d.heading(w.FollowUp)
	if f.Statuses {
		const gap, h = 10.0, 52.0
		bw := (pageW - 2*margin - 2*gap) / 3
		x := margin
		for i, s := range []struct {
			name string
			n    int
			c    rgb
		}{{w.New, f.New, colBad}, {w.Contacted, f.Contacted, colMid}, {w.Resolved, f.Resolved, colGood}} {
			d.roundRect(x+float64(i)*(bw+gap), d.y, bw, h, 6, colCard)
			d.text(x+float64(i)*(bw+gap)+10, d.y+7, s.name, 9, colMuted)
			d.text(x+float64(i)*(bw+gap)+10, d.y+20, r.nf.Count(int64(s.n)), 20, s.c)
		}
		d.y += h + 8
	}
	if !f.Statuses {
		d.para(margin, pageW-2*margin, r.say(w.ToCallBack, data.Args{"N": r.nf.Count(int64(f.ToCallBack))}), 10, colInk)
	}
	d.para(margin, pageW-2*margin, w.NoContacts, 8, colMuted)
}

func (r *report) comments() {
	d, w := r.d, r.w
	d.heading(w.Comments)
	if len(r.in.Comments) == 0 {
		d.para(margin, pageW-2*margin, w.NoComments, 10, colMuted)
		return
	}
	for _, c := range r.in.Comments {
		d.need(36)
		top := d.y
		d.text(margin+10, d.y, r.nf.Date(c.Day.Date(time.UTC))+" · "+r.say(w.Score, data.Args{"V": c.Score, "Max": c.Max}), 8, colMuted)
		d.y += 11
		d.para(margin+10, pageW-2*margin-10, c.Text, 10, colInk)
		if d.y > top { // a page break leaves the bar out
			d.fillRect(margin, top, 2.5, d.y-top, colBad)
		}
		d.y += 6
	}
}

func (r *report) footers() {
	d, in := r.d, r.in
	made := r.say(r.w.Made, data.Args{"Date": r.nf.Date(in.Created)})
	for p := 1; p <= r.pages; p++ {
		d.fail(d.pdf.SetPage(p))
		d.line(margin, bottom+8, pageW-margin, bottom+8, 0.5, colLine)
		d.text(margin, bottom+13, d.fit(made, 330, 8), 8, colMuted)
		d.textRight(pageW-margin, bottom+13, r.say(r.w.Page, data.Args{"P": p, "N": r.pages}), 8, colMuted)
	}
}
