package charts

import (
	"errors"
	"image"
	"os"
	"path/filepath"
	"testing"
)

func sampleTopicRows() []TopicRow {
	return []TopicRow{
		{"Waiting time", 48, 30, 8, 10},
		{"Staff friendliness", 40, 6, 6, 26},
		{"Service speed", 22, 12, 4, 6},
		{"Price", 15, 5, 5, 4},
		{"Cleanliness", 9, 1, 1, 7},
		{"Ēdiena un dzērienu kvalitāte / 餐饮质量", 6, 0, 0, 0},
	}
}

func TestTopicScoresDrawsOneBarPerTopicAndRefusesNoScores(t *testing.T) {
	img, m, err := TopicScores(sampleTopicRows(), TopicOptions{Style: Style{Title: "Topics"}, Size: SizeScreen})
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, SizeScreen.WidthPx, SizeScreen.HeightPx) {
		t.Errorf("size %v", img.Bounds())
	}
	if len(m) != 6 || m[0].Label != "Waiting time" || m[0].Value != 30.0/48*100 || m[5].N != 6 {
		t.Errorf("map %+v", m)
	}
	writeSample(t, "topic-scores.png", img)
	if _, _, err := TopicScores([]TopicRow{{"Price", 3, 0, 0, 0}}, TopicOptions{Size: SizeScreen}); !errors.Is(err, ErrNotEnoughData) {
		t.Errorf("no scores: %v, want ErrNotEnoughData", err)
	}
	if _, _, err := TopicScores(nil, TopicOptions{Size: SizeScreen}); !errors.Is(err, ErrNotEnoughData) {
		t.Errorf("no rows: %v", err)
	}
	many := make([]TopicRow, 60)
	for i := range many {
		many[i] = TopicRow{"t", 5, 1, 1, 3}
	}
	if _, m, err := TopicScores(many, TopicOptions{Size: Size{WidthPx: 600, HeightPx: 300, DPI: 96}}); err != nil || len(m) >= 60 {
		t.Errorf("60 rows in 300 px: %d drawn, %v", len(m), err)
	}
}

func TestTopicTrendDrawsLinesAndRefusesOnePeriod(t *testing.T) {
	periods := []string{"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"}
	series := []TopicSeries{
		{"Waiting time", []int{4, 6, 9, 12, 8, 5}},
		{"Staff", []int{5, 5, 4, 6, 7, 6}},
		{"Price", []int{1, 2, 1, 3, 2, 4}},
	}
	img, err := TopicTrend(periods, series, TopicOptions{Style: Style{Title: "Topic trend", Dark: true}, Size: SizeScreen})
	if err != nil {
		t.Fatal(err)
	}
	writeSample(t, "topic-trend.png", img)
	if _, err := TopicTrend(periods[:1], []TopicSeries{{"x", []int{3}}}, TopicOptions{Size: SizeScreen}); !errors.Is(err, ErrNotEnoughData) {
		t.Errorf("one period: %v", err)
	}
	if _, err := TopicTrend(periods, []TopicSeries{{"x", []int{1}}}, TopicOptions{Size: SizeScreen}); err == nil {
		t.Error("counts of the wrong length were drawn")
	}
}

// writeSample saves img under $CHARTS_OUT (when set) to be
// looked at.
func writeSample(t *testing.T, name string, img image.Image) {
	dir := os.Getenv("CHARTS_OUT")
	if dir == "" {
		return
	}
	if err := WritePNGFile(filepath.Join(dir, name), img, 96); err != nil {
		t.Fatal(err)
	}
}
