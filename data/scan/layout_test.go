package scan

import (
	"errors"
	"testing"
)

func sampleLayout() *Layout {
	return &Layout{
		Format: LayoutFormat, SurveyID: 3, SurveyVersion: 2, Paper: "A4", PageW: 209.903, PageH: 297.039,
		Marks: [4]Rect{{8, 8, 8, 8}, {193.9, 8, 8, 8}, {193.9, 281, 8, 8}, {8, 281, 8, 8}},
		Pages: []PageLayout{{
			QR: Rect{100, 12.7, 20, 20},
			Questions: []QuestionBoxes{
				{QuestionID: 1, Row: Rect{18, 40, 174, 20}, Boxes: []Box{{1, Rect{30, 50, 6, 6}}, {2, Rect{45, 50, 6, 6}}}},
				{QuestionID: 2, Row: Rect{18, 60, 174, 20}, Write: Rect{25, 65, 160, 15}},
			},
			Date: Rect{150, 40, 40, 6},
		}},
	}
}

func TestALayoutSurvivesEncoding(t *testing.T) {
	l := sampleLayout()
	b, err := EncodeLayout(l)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeLayout(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash() != l.Hash() {
		t.Errorf("hash %s after decoding, want %s", got.Hash(), l.Hash())
	}
	if got.Page(1) == nil || got.Page(0) != nil || got.Page(2) != nil {
		t.Error("Page(n) does not count from 1")
	}
}

func TestBadLayoutsAreRefused(t *testing.T) {
	cases := map[string]func(l *Layout){
		"newer format":     func(l *Layout) { l.Format = LayoutFormat + 1 },
		"no pages":         func(l *Layout) { l.Pages = nil },
		"no page size":     func(l *Layout) { l.PageW = 0 },
		"a mark off page":  func(l *Layout) { l.Marks[2].X = 300 },
		"an oblong box":    func(l *Layout) { l.Pages[0].Questions[0].Boxes[1].R.W = 9 },
		"a question twice": func(l *Layout) { l.Pages[0].Questions[1].QuestionID = 1 },
		"no QR":            func(l *Layout) { l.Pages[0].QR = Rect{} },
	}
	for name, spoil := range cases {
		l := sampleLayout()
		spoil(l)
		if _, err := EncodeLayout(l); !errors.Is(err, ErrBadLayout) {
			t.Errorf("%s: EncodeLayout = %v", name, err)
		}
	}
	if _, err := DecodeLayout([]byte("{")); !errors.Is(err, ErrBadLayout) {
		t.Errorf("bad JSON: %v", err)
	}
}
