package data

import (
	"math"
	"testing"
)

func hist(pairs ...int) Histogram {
	var h Histogram
	for i := 0; i+1 < len(pairs); i += 2 {
		h[pairs[i]] += uint64(pairs[i+1])
	}
	return h
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestWilsonMatchesPublishedValues(t *testing.T) {
	cases := []struct {
		k, n      uint64
		low, high float64
	}{
		{8, 10, 49.0, 94.3},
		{17, 20, 64.0, 94.8},
		{40, 50, 67.0, 88.8},
		{430, 474, 87.8, 93.0},
		{0, 10, 0, 27.8},
		{10, 10, 72.2, 100},
	}
	for _, c := range cases {
		lo, hi := Wilson(c.k, c.n, Z95)
		if !near(lo*100, c.low, 0.05) || !near(hi*100, c.high, 0.05) {
			t.Errorf("Wilson(%d/%d) = %.1f–%.1f, want %.1f–%.1f", c.k, c.n, lo*100, hi*100, c.low, c.high)
		}
	}
	if lo, hi := Wilson(0, 0, Z95); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("Wilson of no answers = %v–%v, want NaN", lo, hi)
	}
}

func TestCSATCountsOnlyAnswersAtOrAboveTheCutoff(t *testing.T) {
	cases := []struct {
		name    string
		h       Histogram
		cutoff  int
		percent float64
		n       uint64
	}{
		{"five-point scale counts 4 and 5", hist(1, 1, 2, 1, 3, 2, 4, 3, 5, 3), 4, 60, 10},
		{"three-point scale counts only 3", hist(1, 2, 2, 3, 3, 5), 3, 50, 10},
		{"seven-point scale counts 6 and 7", hist(5, 1, 6, 1, 7, 2), 6, 75, 4},
		{"ten-point scale counts 8 to 10", hist(7, 5, 8, 2, 9, 2, 10, 1), 8, 50, 10},
		{"yes/no counts yes", hist(0, 1, 1, 3), 1, 75, 4},
		{"everyone satisfied is 100", hist(5, 7), 4, 100, 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CSATOf(c.h, c.cutoff)
			if got.N != c.n || !near(got.Percent, c.percent, 1e-9) {
				t.Errorf("CSAT = %.2f%% of %d, want %.2f%% of %d", got.Percent, got.N, c.percent, c.n)
			}
			if !(got.Low <= got.Percent && got.Percent <= got.High) {
				t.Errorf("interval %.1f–%.1f does not contain %.1f", got.Low, got.High, got.Percent)
			}
		})
	}
}

func TestCSATOfNoAnswersIsNaNNotZero(t *testing.T) {
	c := CSATOf(Histogram{}, 4)
	if c.N != 0 || !math.IsNaN(c.Percent) {
		t.Fatalf("CSAT of nothing = %v of %d, want NaN of 0", c.Percent, c.N)
	}
}

func TestNPSIsPromotersMinusDetractors(t *testing.T) {
	cases := []struct {
		name                string
		h                   Histogram
		score, prom, passiv float64
	}{
		// 10 answers: 5 promoters (9,10), 2 passives (7,8), 3 detractors (0–6).
		{"mixed", hist(0, 1, 6, 2, 7, 1, 8, 1, 9, 2, 10, 3), 20, 50, 20},
		{"all promoters", hist(9, 4, 10, 6), 100, 100, 0},
		{"all detractors", hist(0, 2, 3, 2, 6, 1), -100, 0, 0},
		{"sixes are detractors and sevens passives", hist(6, 1, 7, 1), -50, 0, 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := NPSOf(c.h)
			if !near(got.Score, c.score, 1e-9) || !near(got.Promoters, c.prom, 1e-9) || !near(got.Passives, c.passiv, 1e-9) {
				t.Errorf("NPS = %+v, want score %v promoters %v passives %v", got, c.score, c.prom, c.passiv)
			}
		})
	}
	if s := NPSOf(Histogram{}).Score; !math.IsNaN(s) {
		t.Errorf("NPS of nothing = %v, want NaN", s)
	}
}

func TestMeanAndCES(t *testing.T) {
	h := hist(1, 1, 4, 2, 5, 1, 7, 1) // 1+8+5+7 = 21 / 5
	if m := h.Mean(); !near(m, 4.2, 1e-9) {
		t.Errorf("mean = %v, want 4.2", m)
	}
	c := CESOf(h)
	if !near(c.Mean, 4.2, 1e-9) || !near(c.Agree, 40, 1e-9) {
		t.Errorf("CES = %+v, want mean 4.2 and 40%% agree (5–7)", c)
	}
	if !math.IsNaN(Histogram{}.Mean()) {
		t.Error("mean of nothing should be NaN")
	}
}

func TestDiffersSignificantly(t *testing.T) {
	cases := []struct {
		name string
		a, b CSAT
		want bool
	}{
		{"small samples within noise", CSATOf(hist(5, 8, 1, 2), 4), CSATOf(hist(5, 7, 1, 3), 4), false},
		{"large samples with a real gap", CSATOf(hist(5, 800, 1, 200), 4), CSATOf(hist(5, 700, 1, 300), 4), true},
		{"no answers on one side", CSATOf(hist(5, 8), 4), CSAT{}, false},
	}
	for _, c := range cases {
		if got := DiffersSignificantly(c.a, c.b); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestDefaultCutoffs(t *testing.T) {
	cases := []struct{ min, max, want int }{
		{1, 3, 3}, {1, 4, 3}, {1, 5, 4}, {1, 6, 5}, {1, 7, 6}, {1, 10, 8}, {0, 10, 9}, {0, 1, 1},
	}
	for _, c := range cases {
		if got := DefaultCutoff(c.min, c.max); got != c.want {
			t.Errorf("DefaultCutoff(%d, %d) = %d, want %d", c.min, c.max, got, c.want)
		}
	}
}

func BenchmarkCSATAndWilson(b *testing.B) {
	b.ReportAllocs()
	h := hist(1, 30, 2, 40, 3, 90, 4, 300, 5, 400)
	for b.Loop() {
		_ = CSATOf(h, 4)
	}
}
