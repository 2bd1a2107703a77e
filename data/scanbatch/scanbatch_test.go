package scanbatch

import (
	"image"
	"image/color"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/scan"
)

// ruled returns a writing space 600×120 px with three printed lines.
func ruled() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 600, 120))
	for i := range g.Pix {
		g.Pix[i] = 245
	}
	for _, y := range []int{30, 60, 90} {
		for x := 0; x < 600; x++ {
			g.SetGray(x, y, color.Gray{90})
			g.SetGray(x, y+1, color.Gray{90})
		}
	}
	return g
}

func TestHasWritingIgnoresTheRulingAndSpecks(t *testing.T) {
	g := ruled()
	if HasWriting(g) {
		t.Fatal("an empty ruled space reads as handwriting")
	}
	for _, p := range [][2]int{{100, 45}, {300, 75}, {500, 15}} { // specks
		g.SetGray(p[0], p[1], color.Gray{20})
	}
	if HasWriting(g) {
		t.Fatal("three specks read as handwriting")
	}
	for x := 40; x < 240; x++ { // a written word: a zig-zag stroke
		y := 40 + (x/6)%2*12 + x%6*2*(1-2*((x/6)%2))
		for d := 0; d < 2; d++ {
			g.SetGray(x, y+d, color.Gray{30})
		}
	}
	if !HasWriting(g) {
		t.Fatal("a written word is not seen")
	}
}

func TestAssembleGroupsPagesAndFlagsMissingAndDoubledPages(t *testing.T) {
	sv := data.Survey{ID: 7, Version: 1, Questions: []data.Question{
		{ID: 1, Kind: data.KindRating, Min: 1, Max: 5, Required: true},
		{ID: 2, Kind: data.KindRating, Min: 1, Max: 5},
	}}
	lay := &scan.Layout{SurveyID: 7, Pages: []scan.PageLayout{
		{Questions: []scan.QuestionBoxes{{QuestionID: 1, Boxes: []scan.Box{{Value: 1}}}}},
		{Questions: []scan.QuestionBoxes{{QuestionID: 2, Boxes: []scan.Box{{Value: 1}}}}},
	}}
	page := func(serial string, n int, q uint32, v int) Page {
		return Page{Ref: PageRef{File: serial, Index: n}, Read: &scan.PageRead{Identified: true,
			Code:      scan.Code{SurveyID: 7, Serial: serial, Page: n},
			Questions: []scan.QuestionRead{{QuestionID: q, Value: v, State: scan.Clear, Confidence: 1}}}}
	}
	blank := page("C", 2, 2, scan.NoAnswer)
	blank.Read.Questions[0].State, blank.Read.Questions[0].Confidence = scan.Blank, 0.95
	pages := []Page{page("A", 1, 1, 4), page("B", 1, 1, 2), page("A", 2, 2, 5), page("C", 1, 1, 3), page("C", 1, 1, 3), blank,
		{Ref: PageRef{File: "x"}, Read: &scan.PageRead{Problem: "no corners"}}}
	h := Header{Date: time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC), Channel: "paper", Tags: map[string]string{"location": "Riga", "staff": ""}}
	forms, notRead := Assemble(pages, func(scan.Code) (*scan.Layout, error) { return lay, nil },
		func(uint64) (data.Survey, error) { return sv, nil }, h, "scan:1")
	if len(forms) != 3 || len(notRead) != 1 {
		t.Fatalf("%d forms, %d not read", len(forms), len(notRead))
	}
	a, b, c := forms[0], forms[1], forms[2]
	if a.NeedsReview() || a.Response.Answers[1] != 4 || a.Response.Answers[2] != 5 || a.Response.FormNumber != "A" ||
		a.Response.Tags["location"] != "Riga" || len(a.Response.Tags) != 1 || a.Response.Source != "scan:1" {
		t.Fatalf("form A: %+v", a)
	}
	if !b.NeedsReview() || len(b.Problems) != 1 || b.Problems[0].Kind != KindPageMissing || len(b.Unclear) != 1 || b.Unclear[0].State != scan.Unread {
		t.Fatalf("form B (page 2 missing): %+v", b)
	}
	if !c.NeedsReview() || len(c.Problems) != 1 || c.Problems[0].Kind != KindSerialTwice || len(c.Unclear) != 0 {
		t.Fatalf("form C (page 1 twice, optional question cleanly blank): %+v", c)
	}
	if _, ok := c.Response.Answers[2]; ok {
		t.Fatal("a blank optional question got an answer")
	}
}
