package charts

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"csatdesk/data"
)

// monthly returns monthly points from January 2026 with k[i] of n[i]
// satisfied and their Wilson ranges.
func monthly(k, n []uint64) []data.TrendPoint {
	pts := make([]data.TrendPoint, len(k))
	d := data.DayFromDate(2026, 1, 1)
	for i := range k {
		c := data.CSATOf(data.Histogram{0: n[i] - k[i], 1: k[i]}, 1)
		e := data.PeriodMonth.Next(d)
		pts[i] = data.TrendPoint{Start: d, End: e, Label: data.PeriodMonth.Label(d), N: c.N, Value: c.Percent, Low: c.Low, High: c.High}
		d = e
	}
	return pts
}

// TestTheZoomedAxisHoldsTheWholeRangeOf8Of10 is the regression test of
// issue 16 item 7: a month with 8 of 10 satisfied (80 %, range 49.0–94.3)
// among months near 85 % had its range cut at about 70 % by the zoomed
// axis.
func TestTheZoomedAxisHoldsTheWholeRangeOf8Of10(t *testing.T) {
	pts := monthly([]uint64{170, 172, 8, 175}, []uint64{200, 200, 10, 200})
	if lo, hi := pts[2].Low, pts[2].High; lo > 49.1 || lo < 48.9 || hi < 94.2 || hi > 94.4 {
		t.Fatalf("8 of 10: range %.1f–%.1f, want 49.0–94.3", lo, hi)
	}
	lo, hi, _ := trendYRange(pts, nil, Band{Low: 75, High: 85}, nil, true)
	if lo > pts[2].Low || hi < pts[2].High {
		t.Errorf("axis %v–%v cuts the range %.1f–%.1f", lo, hi, pts[2].Low, pts[2].High)
	}
	// And in the picture: the range's ends are inside the plot.
	_, geom, err := renderTrend(pts, TrendOptions{Size: SizeScreen, ZoomY: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []float64{pts[2].Low, pts[2].High} {
		if y := geom.y(v); y < geom.box.Top || y > geom.box.Bottom {
			t.Errorf("%.1f %% is drawn at row %d, outside the plot %d–%d", v, y, geom.box.Top, geom.box.Bottom)
		}
	}
}

// TestPartialFirstAndLastPeriodsAreMarked draws the default "last 12
// months" from the middle of a month to the middle of a month: its first
// and last points hold half a month each and must be drawn hollow, the
// full months filled; the map says which are partial.
func TestPartialFirstAndLastPeriodsAreMarked(t *testing.T) {
	k := []uint64{30, 160, 165, 170, 20}
	n := []uint64{40, 200, 200, 200, 30}
	pts := monthly(k, n)
	from, to := data.DayFromDate(2026, 1, 16), data.DayFromDate(2026, 5, 14)
	opt := TrendOptions{Size: SizeScreen, ZoomY: true, From: from, To: to, FewN: 10, PartialLabel: "partial month"}
	img, m, err := TrendMapped(pts, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, false, false, false, true}
	if len(m) != 5 {
		t.Fatalf("map %+v", m)
	}
	pal := paletteFor(false)
	for i, s := range m {
		if s.Partial != want[i] {
			t.Errorf("point %d partial %v, want %v", i, s.Partial, want[i])
		}
		c := color.RGBAModel.Convert(img.At(s.At.X, s.At.Y)).(color.RGBA)
		hollow := near8(c, pal.canvas)
		if hollow != want[i] {
			t.Errorf("point %d (%s) centre %v: hollow %v, want %v", i, s.Label, c, hollow, want[i])
		}
	}
	// Without the dates nothing is partial.
	_, m, _ = TrendMapped(pts, TrendOptions{Size: SizeScreen, ZoomY: true, FewN: 10})
	for _, s := range m {
		if s.Partial {
			t.Errorf("point %s partial without dates", s.Label)
		}
	}
	writeLook(t, "trend-partial.png", img)
}

func near8(a color.RGBA, b interface{ RGBA() (r, g, bl, al uint32) }) bool {
	r, g, bl, _ := b.RGBA()
	d := func(x uint8, y uint32) int { v := int(x) - int(y>>8); return max(v, -v) }
	return d(a.R, r) < 24 && d(a.G, g) < 24 && d(a.B, bl) < 24
}

func TestGoalsAndNotesAreDrawnWhereTheyBelong(t *testing.T) {
	pts := monthly([]uint64{150, 160, 8, 170, 175, 178}, []uint64{200, 200, 10, 200, 200, 200})
	opt := TrendOptions{Size: SizeScreen, ZoomY: true,
		Goals: []Goal{{Value: 90, Label: "Goal 90 % by 31 Dec 2026"}, {Value: 60, Label: "Goal 60 % (Riga)"}},
		Notes: []Marker{{Day: data.DayFromDate(2026, 3, 10), Label: "New menu"}, {Day: data.DayFromDate(2026, 5, 2), Label: "Renovation of the terrace and the bar"}},
	}
	lo, hi, _ := trendYRange(pts, nil, Band{Low: 75, High: 85}, opt.goals(), true)
	if lo > 49 || hi < 94.3 {
		t.Errorf("axis %v–%v leaves out a goal or a range", lo, hi)
	}
	x, ok := markerX(pts, data.DayFromDate(2026, 3, 16))
	if !ok || x < 1.99 || x > 2.01 {
		t.Errorf("16 March at %v, want the middle of March (2)", x)
	}
	if _, ok := markerX(pts, data.DayFromDate(2027, 1, 1)); ok {
		t.Error("a day after the last period has a place")
	}
	img, err := Trend(pts, opt)
	if err != nil {
		t.Fatal(err)
	}
	writeLook(t, "trend-goals-notes.png", img)
}

// writeLook saves img under $CSATDESK_CHART_LOOK, when set, for a person
// to look at.
func writeLook(t *testing.T, name string, img image.Image) {
	dir := os.Getenv("CSATDESK_CHART_LOOK")
	if dir == "" {
		return
	}
	if err := WritePNGFile(filepath.Join(dir, name), img, 96); err != nil {
		t.Error(err)
	}
}

func TestAnNPSTrendHasItsRangesOnASignedAxisWithoutTheCSATBand(t *testing.T) {
	var pts []data.TrendPoint
	d := data.DayFromDate(2026, 1, 1)
	for i, v := range []float64{10, 25, -5, 30, 35} {
		e := data.PeriodMonth.Next(d)
		half := []float64{20, 15, 45, 12, 10}[i]
		pts = append(pts, data.TrendPoint{Start: d, End: e, Label: data.PeriodMonth.Label(d), N: 60, Value: v, Low: v - half, High: v + half})
		d = e
	}
	opt := TrendOptions{Size: SizeScreen, ZoomY: true, Scale: &NPSScale, Goals: []Goal{{Value: 40, Label: "NPS goal +40"}, {Value: 150}}}
	lo, hi, _ := opt.yRange(pts, nil, Band{Low: 75, High: 85})
	if lo > -50 || hi < 42 || lo < -100 || hi > 100 || hi > 75 {
		t.Errorf("NPS axis %v…%v: want the ranges (−50…42) and the goal, not the CSAT band (75–85)", lo, hi)
	}
	if gs := opt.goals(); len(gs) != 1 || gs[0].Value != 40 {
		t.Errorf("goals %+v, want +40 only (150 is off the scale)", gs)
	}
	img, m, err := TrendMapped(pts, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 5 || m[2].Scale == nil || m[2].Low != -50 {
		t.Errorf("map %+v", m)
	}
	writeLook(t, "trend-nps.png", img)
	ces := []data.TrendPoint{pts[0], pts[1], pts[2]}
	for i := range ces {
		ces[i].Value, ces[i].Low, ces[i].High = 5.2+0.1*float64(i), 4.6, 5.9
	}
	img, err = Trend(ces, TrendOptions{Size: SizeScreen, ZoomY: true, Scale: &CESScale})
	if err != nil {
		t.Fatal(err)
	}
	writeLook(t, "trend-ces.png", img)
}
