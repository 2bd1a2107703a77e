package data

import "math"

// Histogram counts answers per scale value; index = value (0..MaxValue).
type Histogram [MaxValue + 1]uint64

// Add counts one answer of value v; values off the histogram are ignored.
func (h *Histogram) Add(v int) {
	if v >= 0 && v <= MaxValue {
		h[v]++
	}
}

// Merge adds the counts of o to h.
func (h *Histogram) Merge(o Histogram) {
	for i, c := range o {
		h[i] += c
	}
}

// Sub removes the counts of o from h, never going below zero.
func (h *Histogram) Sub(o Histogram) {
	for i, c := range o {
		if h[i] >= c {
			h[i] -= c
		} else {
			h[i] = 0
		}
	}
}

// N returns the number of answers counted.
func (h Histogram) N() uint64 {
	var n uint64
	for _, c := range h {
		n += c
	}
	return n
}

// CountFrom returns the number of answers with value >= v.
func (h Histogram) CountFrom(v int) uint64 {
	var n uint64
	for i := max(v, 0); i <= MaxValue; i++ {
		n += h[i]
	}
	return n
}

// CountTo returns the number of answers with value <= v.
func (h Histogram) CountTo(v int) uint64 {
	var n uint64
	for i := 0; i <= min(v, MaxValue); i++ {
		n += h[i]
	}
	return n
}

// Mean returns the mean answer, or NaN when there are none.
func (h Histogram) Mean() float64 {
	var n, sum uint64
	for v, c := range h {
		n += c
		sum += uint64(v) * c
	}
	if n == 0 {
		return math.NaN()
	}
	return float64(sum) / float64(n)
}

// CSAT is a satisfaction share with its 95 % Wilson interval.
type CSAT struct {
	Satisfied uint64
	N         uint64
	Percent   float64 // NaN when N == 0
	Low, High float64 // Wilson 95 % interval, in percent
}

// CSATOf returns CSAT % for a histogram with the satisfied cut-off: answers
// >= cutoff are satisfied; blank answers are not in the histogram at all.
func CSATOf(h Histogram, cutoff int) CSAT {
	sat, n := h.CountFrom(cutoff), h.N()
	c := CSAT{Satisfied: sat, N: n, Percent: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if n > 0 {
		c.Percent = float64(sat) / float64(n) * 100
		lo, hi := Wilson(sat, n, Z95)
		c.Low, c.High = lo*100, hi*100
	}
	return c
}

// Z95 is the normal quantile for a two-sided 95 % interval.
const Z95 = 1.959963984540054

// Wilson returns the Wilson score interval of a proportion k/n at quantile
// z, as fractions in [0, 1]. For n == 0 both bounds are NaN.
func Wilson(k, n uint64, z float64) (low, high float64) {
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// NPS holds a Net Promoter Score and its parts, in percent.
type NPS struct {
	N                               uint64
	Promoters, Passives, Detractors float64 // shares in percent
	Score                           float64 // promoters − detractors, −100..100; NaN when N == 0
}

// NPSOf computes NPS from a 0–10 histogram: promoters 9–10, passives 7–8,
// detractors 0–6.
func NPSOf(h Histogram) NPS {
	n := h.N()
	r := NPS{N: n, Score: math.NaN(), Promoters: math.NaN(), Passives: math.NaN(), Detractors: math.NaN()}
	if n == 0 {
		return r
	}
	nf := float64(n)
	r.Promoters = float64(h.CountFrom(9)) / nf * 100
	r.Detractors = float64(h.CountTo(6)) / nf * 100
	r.Passives = float64(h[7]+h[8]) / nf * 100
	r.Score = r.Promoters - r.Detractors
	return r
}

// CES holds a Customer Effort Score (1–7 agreement that the business made
// things easy).
type CES struct {
	N     uint64
	Mean  float64 // NaN when N == 0
	Agree float64 // % answering 5–7; NaN when N == 0
}

// CESOf computes CES from a 1–7 histogram.
func CESOf(h Histogram) CES {
	n := h.N()
	r := CES{N: n, Mean: h.Mean(), Agree: math.NaN()}
	if n > 0 {
		r.Agree = float64(h.CountFrom(5)) / float64(n) * 100
	}
	return r
}

// DiffersSignificantly reports whether two CSAT shares differ beyond noise
// at the 95 % level (a pooled two-proportion z-test). With no answers on
// either side it reports false.
func DiffersSignificantly(a, b CSAT) bool {
	if a.N == 0 || b.N == 0 {
		return false
	}
	p1 := float64(a.Satisfied) / float64(a.N)
	p2 := float64(b.Satisfied) / float64(b.N)
	p := float64(a.Satisfied+b.Satisfied) / float64(a.N+b.N)
	se := math.Sqrt(p * (1 - p) * (1/float64(a.N) + 1/float64(b.N)))
	if se == 0 {
		return p1 != p2
	}
	return math.Abs(p1-p2)/se > Z95
}

// FewResponses is the sample size below which a figure is labelled
// "few responses".
const FewResponses = 30
