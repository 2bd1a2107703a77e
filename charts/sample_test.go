package charts

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"testing"

	"csatdesk/data"
)

// sampleTrend is 24 months of CSAT with a dip below 75 %, a month with few
// answers and a month without any.
func sampleTrend() []data.TrendPoint {
	vals := []float64{81, 82.5, 80, 83, 84, 82, 79, 76, 72, 70.5, 74, 78, 80, 81.5, 83, 84.5, 86, 85, 0, 84, 86.5, 87, 88, 87.5}
	ns := []uint64{120, 130, 115, 140, 150, 135, 128, 110, 95, 100, 105, 118, 125, 130, 12, 145, 150, 140, 0, 150, 155, 160, 158, 162}
	pts := make([]data.TrendPoint, len(vals))
	start := data.DayFromDate(2023, 10, 1)
	for i := range vals {
		s := data.PeriodMonth.Start(start)
		e := data.PeriodMonth.Next(s)
		p := data.TrendPoint{Start: s, End: e, Label: data.PeriodMonth.Label(s), N: ns[i], Value: math.NaN(), Low: math.NaN(), High: math.NaN()}
		if ns[i] > 0 {
			k := uint64(math.Round(vals[i] / 100 * float64(ns[i])))
			c := data.CSAT{}
			lo, hi := data.Wilson(k, ns[i], data.Z95)
			c.Percent = float64(k) / float64(ns[i]) * 100
			p.Value, p.Low, p.High = c.Percent, lo*100, hi*100
		}
		pts[i] = p
		start = e
	}
	return pts
}

func sampleCompare() []data.TrendPoint {
	pts := sampleTrend()
	for i := range pts {
		if pts[i].N > 0 {
			pts[i].Value = 74 + 6*math.Sin(float64(i)/3)
			pts[i].N = 100
		}
	}
	return pts
}

// TestWriteSamples writes sample charts to $CHARTS_OUT for a human to look
// at; it is skipped unless the variable is set.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("CHARTS_OUT")
	if dir == "" {
		t.Skip("set CHARTS_OUT=/tmp/charts-out to write sample PNGs")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	sizes := map[string]Size{"screen": SizeScreen, "slide": SizeSlide, "a4": SizeA4, "square": SizeSquare}
	for sname, size := range sizes {
		for _, dark := range []bool{false, true} {
			theme := "light"
			if dark {
				theme = "dark"
			}
			st := Style{Dark: dark, Locale: "en",
				Title:    "CSAT % by month: How satisfied were you with your visit?",
				Subtitle: "All locations · Oct 2023 – Sep 2025 · n = 3,042",
				Footer:   "Corner Bakery · Satisfied = 4–5 on a 1–5 scale; CSAT % = satisfied ÷ all answers; blank answers not counted; bars and shading show 95 % ranges."}
			opt := Options{Style: st, Size: size}
			charts := map[string]func() (image.Image, error){
				"trend": func() (image.Image, error) {
					return Trend(sampleTrend(), TrendOptions{Style: st, Size: size, Goal: Goal{Value: 88},
						Compare: sampleCompare(), CompareLabel: "The year before", SeriesLabel: "All locations"})
				},
				"distribution": func() (image.Image, error) {
					o := opt
					o.Title = "How customers answered: How satisfied were you with your visit?"
					return Distribution(sampleQuestion(), sampleHist(), o)
				},
				"nps": func() (image.Image, error) {
					o := opt
					o.Title = "Net Promoter Score by month"
					return NPSBars(sampleNPS(12), o)
				},
				"segments": func() (image.Image, error) {
					o := opt
					o.Title = "CSAT % by location, channel and staff"
					return Segments(sampleSegments(), o)
				},
				"volume": func() (image.Image, error) {
					o := opt
					o.Title = "Responses per month"
					return Volume(sampleVolume(), o)
				},
			}
			for name, fn := range charts {
				img, err := fn()
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				path := filepath.Join(dir, name+"-"+sname+"-"+theme+".png")
				if err := WritePNGFile(path, img, size.DPI); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func sampleQuestion() data.Question {
	return data.NewQuestion(data.KindRating, "How satisfied were you with your visit?", 5)
}

func sampleHist() data.Histogram {
	var h data.Histogram
	h[1], h[2], h[3], h[4], h[5] = 61, 104, 312, 1105, 1460
	return h
}

func sampleNPS(n int) []data.Bucket {
	out := make([]data.Bucket, n)
	start := data.DayFromDate(2024, 10, 1)
	for i := range out {
		s := data.PeriodMonth.Start(start)
		e := data.PeriodMonth.Next(s)
		b := data.Bucket{Start: s, End: e, Label: data.PeriodMonth.Label(s)}
		for v := 0; v <= 10; v++ {
			b.Hist[v] = uint64(3 + v*v/3 + (i*v)%7)
		}
		if i == 4 {
			b.Hist = data.Histogram{}
		}
		if i == 7 {
			for v := 0; v <= 6; v++ {
				b.Hist[v] += 15
			}
		}
		out[i] = b
		start = e
	}
	return out
}

func sampleSegments() []SegmentRow {
	mk := func(label string, sat, n uint64) SegmentRow {
		var h data.Histogram
		h[5], h[2] = sat, n-sat
		return SegmentRow{Label: label, CSAT: data.CSATOf(h, 4)}
	}
	return []SegmentRow{
		mk("Riga, Brīvības iela 12", 412, 470), mk("Jūrmala", 180, 230), mk("Online shop", 820, 1000),
		mk("Phone orders", 61, 88), mk("Staff: Anna", 21, 24), mk("Staff: Jānis", 140, 160),
		mk("Central market kiosk", 300, 420), mk("Москва, Тверская", 95, 110),
	}
}

func sampleVolume() []data.Bucket {
	var out []data.Bucket
	for _, p := range sampleTrend() {
		b := data.Bucket{Start: p.Start, End: p.End, Label: p.Label}
		b.Hist[5] = p.N
		out = append(out, b)
	}
	return out
}

// TestWriteEdgeSamples writes the odd cases for a human to look at.
func TestWriteEdgeSamples(t *testing.T) {
	dir := os.Getenv("CHARTS_OUT")
	if dir == "" {
		t.Skip("set CHARTS_OUT=/tmp/charts-out to write sample PNGs")
	}
	alternating := sampleTrend()
	for i := range alternating {
		if i%2 == 1 {
			alternating[i].N, alternating[i].Value = 0, math.NaN()
		}
	}
	var rows []SegmentRow
	for i := range 40 {
		var h data.Histogram
		h[5], h[1] = uint64(i+1)*3, 20
		rows = append(rows, SegmentRow{Label: "Segment with a rather long name number " + string(rune('A'+i%26)), CSAT: data.CSATOf(h, 4)})
	}
	zh := Style{Locale: "zh_Hans", Title: "客户满意度趋势（按月）★", Subtitle: "所有门店 · 2023年10月 – 2025年9月", Footer: "满意 = 1–5 分中的 4–5 分；CSAT % = 满意 ÷ 全部回答；空白回答不计入；阴影和误差线表示 95% 区间。这是一段很长的脚注，用来检查中文换行是否正常工作，不会被截断。"}
	lv := Style{Locale: "lv", Title: "Klientu apmierinātība pa mēnešiem: Ļoti apmierināts", Footer: "Apmierināti = 4–5 skalā 1–5"}
	cases := map[string]func() (image.Image, error){
		"weekly260": func() (image.Image, error) {
			return Trend(weekly(260), TrendOptions{Size: Size{1600, 900, 96}, Style: Style{Title: "CSAT % by week"}, Goal: Goal{Value: 90}})
		},
		"alternating": func() (image.Image, error) {
			return Trend(alternating, TrendOptions{ZoomY: true, Style: Style{Title: "Every other month empty, zoomed"}})
		},
		"zoom": func() (image.Image, error) {
			return Trend(sampleTrend(), TrendOptions{ZoomY: true, Goal: Goal{Value: 88}, Style: Style{Title: "Zoomed"}})
		},
		"zh-trend": func() (image.Image, error) {
			return Trend(sampleTrend(), TrendOptions{Style: zh, Band: Band{75, 85, "良好 CSAT 75–85%"}, Goal: Goal{Value: 88}, Compare: sampleCompare(), CompareLabel: "上一年"})
		},
		"zh-nps": func() (image.Image, error) { return NPSBars(sampleNPS(12), Options{Style: zh}) },
		"lv-segments": func() (image.Image, error) {
			return Segments(sampleSegments(), Options{Style: lv, Band: Band{75, 85, "Laba CSAT 75–85 %"}})
		},
		"lv-distribution": func() (image.Image, error) {
			q := sampleQuestion()
			q.Labels = []string{"Ļoti neapmierināts", "Neapmierināts", "Neitrāli", "Apmierināts", "Ļoti apmierināts"}
			return Distribution(q, sampleHist(), Options{Style: lv, Size: SizeSquare})
		},
		"segments40": func() (image.Image, error) { return Segments(rows, Options{}) },
		"nps-dist": func() (image.Image, error) {
			var h data.Histogram
			for v := range h {
				h[v] = uint64(5 + v*v)
			}
			return Distribution(data.NewQuestion(data.KindNPS, "How likely are you to recommend us?", 0), h, Options{Style: Style{Title: "NPS answers"}})
		},
		"nps-weekly": func() (image.Image, error) {
			var bs []data.Bucket
			for i, p := range weekly(104) {
				b := data.Bucket{Label: p.Label}
				for v := 0; v <= 10; v++ {
					b.Hist[v] = uint64(2 + (i*v)%9 + v)
				}
				bs = append(bs, b)
			}
			return NPSBars(bs, Options{Style: Style{Title: "NPS by week"}})
		},
	}
	for name, fn := range cases {
		img, err := fn()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := WritePNGFile(filepath.Join(dir, "edge-"+name+".png"), img, 96); err != nil {
			t.Fatal(err)
		}
	}
}
