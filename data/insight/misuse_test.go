package insight

import (
	"testing"

	"csatdesk/data"
	"csatdesk/data/kiosk"
)

// fakeDays is a DaySource of fixed histograms per segment.
type fakeDays map[data.Segment][]data.DayHist

func (f fakeDays) Days(_ uint64, _ uint32, seg data.Segment, from, to data.Day) ([]data.DayHist, error) {
	return f[seg], nil
}

func (f fakeDays) Segments(uint64) ([]data.Segment, error) {
	var out []data.Segment
	for s := range f {
		if !s.All() {
			out = append(out, s)
		}
	}
	return out, nil
}

func hist(counts ...uint64) data.Histogram {
	var h data.Histogram
	copy(h[:], counts)
	return h
}

func TestChartSourceLeavesMisuseOutExactlyWhereItCan(t *testing.T) {
	riga, cesis := data.ByTag(data.TagLocation, "Riga"), data.ByTag(data.TagLocation, "Cēsis")
	src := fakeDays{
		{}:                                   {{Day: 1, Hist: hist(0, 5, 0, 0, 0, 7)}, {Day: 2, Hist: hist(0, 1)}},
		data.ByChannel(kiosk.Channel):        {{Day: 1, Hist: hist(0, 5, 0, 0, 0, 2)}, {Day: 2, Hist: hist(0, 1)}},
		riga:                                 {{Day: 1, Hist: hist(0, 4, 0, 0, 0, 2)}, {Day: 2, Hist: hist(0, 1)}},
		cesis:                                {{Day: 1, Hist: hist(0, 1, 0, 0, 0, 5)}},
		data.ByTag(kiosk.MisuseTag, "Riga"):  {{Day: 1, Hist: hist(0, 3)}, {Day: 2, Hist: hist(0, 1)}},
		data.ByTag(kiosk.MisuseTag, "Cēsis"): {{Day: 1, Hist: hist(0, 1)}},
		data.ByTag(kiosk.TagDevice, "t1"):    {{Day: 1, Hist: hist(0, 4)}},
	}
	cases := []struct {
		seg  data.Segment
		want []data.DayHist
	}{
		{data.Segment{}, []data.DayHist{{Day: 1, Hist: hist(0, 1, 0, 0, 0, 7)}}}, // day 2 left empty: dropped
		{data.ByChannel(kiosk.Channel), []data.DayHist{{Day: 1, Hist: hist(0, 1, 0, 0, 0, 2)}}},
		{riga, []data.DayHist{{Day: 1, Hist: hist(0, 1, 0, 0, 0, 2)}}},
		{cesis, []data.DayHist{{Day: 1, Hist: hist(0, 0, 0, 0, 0, 5)}}},
		{data.ByTag(kiosk.TagDevice, "t1"), []data.DayHist{{Day: 1, Hist: hist(0, 4)}}}, // not exact: kept
	}
	w := ChartSource(src, Settings{})
	for _, c := range cases {
		got, _ := w.Days(1, 1, c.seg, 0, 10)
		if len(got) != len(c.want) {
			t.Errorf("%v: %v, want %v", c.seg, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%v: %v, want %v", c.seg, got, c.want)
			}
		}
	}
	if same := ChartSource(src, Settings{IncludeMisuse: true}); same == nil {
		t.Fatal("nil source")
	} else if got, _ := same.Days(1, 1, data.Segment{}, 0, 10); got[0].Hist[1] != 5 {
		t.Errorf("with misuse counted: %v", got)
	}
}
