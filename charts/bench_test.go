package charts

import (
	"image"
	"image/png"
	"io"
	"math"
	"testing"

	"csatdesk/data"
)

// weekly returns n weekly points with a gentle wave, a dip and some
// periods without answers.
func weekly(n int) []data.TrendPoint {
	pts := make([]data.TrendPoint, n)
	d := data.PeriodWeek.Start(data.DayFromDate(2021, 1, 4))
	for i := range pts {
		e := data.PeriodWeek.Next(d)
		p := data.TrendPoint{Start: d, End: e, Label: data.PeriodWeek.Label(d), Value: math.NaN(), Low: math.NaN(), High: math.NaN()}
		if i%37 != 5 {
			p.N = uint64(20 + (i*7)%60)
			k := uint64(math.Round(float64(p.N) * (0.8 + 0.1*math.Sin(float64(i)/9) - 0.02*float64(i%3))))
			lo, hi := data.Wilson(k, p.N, data.Z95)
			p.Value, p.Low, p.High = float64(k)/float64(p.N)*100, lo*100, hi*100
		}
		pts[i] = p
		d = e
	}
	return pts
}

var size1600 = Size{WidthPx: 1600, HeightPx: 900, DPI: 96}

// BenchmarkTrend260Weekly renders five years of weekly points at 1600×900
// (budget: < 150 ms).
func BenchmarkTrend260Weekly(b *testing.B) {
	pts := weekly(260)
	opt := TrendOptions{Size: size1600, Style: Style{Title: "CSAT % by week", Footer: "footer"}, Goal: Goal{Value: 90}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Trend(pts, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaselinePNGEncode only PNG-encodes a blank 1600×900 image: the
// floor under any exported chart of that size.
func BenchmarkBaselinePNGEncode(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	b.ReportAllocs()
	for b.Loop() {
		if err := png.Encode(io.Discard, img); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrend260WeeklyPNG is the trend plus its PNG encoding: what an
// export costs.
func BenchmarkTrend260WeeklyPNG(b *testing.B) {
	pts := weekly(260)
	opt := TrendOptions{Size: size1600}
	b.ReportAllocs()
	for b.Loop() {
		img, err := Trend(pts, opt)
		if err != nil {
			b.Fatal(err)
		}
		if err := EncodePNG(io.Discard, img, 96); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAllDashboardCharts renders the five dashboard charts at screen
// size (budget: < 200 ms for all of them).
func BenchmarkAllDashboardCharts(b *testing.B) {
	trend, cmp := sampleTrend(), sampleCompare()
	q, h := sampleQuestion(), sampleHist()
	nps, segs, vol := sampleNPS(12), sampleSegments(), sampleVolume()
	st := Style{Title: "Title", Subtitle: "Subtitle", Footer: "Footer"}
	opt := Options{Style: st, Size: SizeScreen}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Trend(trend, TrendOptions{Style: st, Size: SizeScreen, Compare: cmp, Goal: Goal{Value: 88}}); err != nil {
			b.Fatal(err)
		}
		if _, err := Distribution(q, h, opt); err != nil {
			b.Fatal(err)
		}
		if _, err := NPSBars(nps, opt); err != nil {
			b.Fatal(err)
		}
		if _, err := Segments(segs, opt); err != nil {
			b.Fatal(err)
		}
		if _, err := Volume(vol, opt); err != nil {
			b.Fatal(err)
		}
	}
}
