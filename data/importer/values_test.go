package importer

import (
	"testing"

	"csatdesk/data"
)

func TestParseValueReadsNumbersLabelsStarsAndEmoji(t *testing.T) {
	r5 := data.NewQuestion(data.KindRating, "Overall", 5)
	r3 := data.NewQuestion(data.KindRating, "Overall", 3)
	r7 := data.NewQuestion(data.KindRating, "Overall", 7)
	nps := data.NewQuestion(data.KindNPS, "Recommend", 0)
	ces := data.NewQuestion(data.KindCES, "Easy", 0)
	yn := data.NewQuestion(data.KindYesNo, "Again", 0)
	choice := data.NewQuestion(data.KindChoice, "Order", 0)
	choice.Choices, choice.Max = []string{"Coffee", "Tea", "Cake"}, 3
	text := data.NewQuestion(data.KindText, "Why", 0)
	cases := []struct {
		name string
		q    data.Question
		in   string
		want int
		ok   bool
	}{
		{"a plain number is its own value", r5, "4", 4, true},
		{"white space around a number is ignored", r5, "  4 ", 4, true},
		{"a whole decimal with a point counts", r5, "4.0", 4, true},
		{"a whole decimal with a comma counts", r5, "4,0", 4, true},
		{"a half point is refused", r5, "4,5", 0, false},
		{"a number above the scale is refused", r5, "6", 0, false},
		{"zero on a 1–5 scale is refused", r5, "0", 0, false},
		{"a negative number is refused", r5, "-1", 0, false},
		{"a score out of the scale top counts", r5, "4/5", 4, true},
		{"a score out of another top is refused", r5, "8/10", 0, false},
		{"Russian 'out of' counts", r5, "4 из 5", 4, true},
		{"Latvian 'out of' counts", r5, "4 no 5", 4, true},
		{"Italian 'out of' counts", r5, "3 su 5", 3, true},
		{"a number with its label counts", r5, "5 - Very satisfied", 5, true},
		{"a label with its number in brackets counts", r5, "Dissatisfied (2)", 2, true},
		{"a number of stars in words counts", r5, "4 stars", 4, true},
		{"full-width digits count", r5, "４", 4, true},
		{"an English label counts", r5, "Very satisfied", 5, true},
		{"case and punctuation do not matter", r5, "  VERY   satisfied!! ", 5, true},
		{"a Russian label counts", r5, "Очень доволен", 5, true},
		{"a Russian feminine label counts", r5, "довольна", 4, true},
		{"ё and е are the same letter", r5, "Очень не удовлетворен", 1, true},
		{"a Latvian label counts", r5, "Ļoti apmierināts", 5, true},
		{"a Latvian label typed without diacritics counts", r5, "loti neapmierinats", 1, true},
		{"an Italian label counts", r5, "Molto soddisfatto", 5, true},
		{"a simplified Chinese label counts", r5, "非常满意", 5, true},
		{"a traditional Chinese label counts", r5, "非常滿意", 5, true},
		{"neutral is the middle of five", r5, "Neutral", 3, true},
		{"neutral is the middle of three", r3, "Neutral", 2, true},
		{"satisfied is the top of three", r3, "Satisfied", 3, true},
		{"very satisfied is not on a 3-point scale", r3, "Very satisfied", 0, false},
		{"somewhat satisfied is 5 of 7", r7, "Somewhat satisfied", 5, true},
		{"quality labels fit a 5-point rating", r5, "Excellent", 5, true},
		{"agreement labels fit CES", ces, "Strongly agree", 7, true},
		{"ease labels fit CES", ces, "Somewhat difficult", 3, true},
		{"satisfaction labels do not fit CES", ces, "Satisfied", 0, false},
		{"filled stars count", r5, "★★★★☆", 4, true},
		{"emoji stars count", r5, "⭐⭐⭐", 3, true},
		{"six stars are off a 5-point scale", r5, "★★★★★★", 0, false},
		{"a sad face is the bottom of five", r5, "😞", 1, true},
		{"a slightly frowning face is 2 of 5", r5, "🙁", 2, true},
		{"a neutral face is the middle of five", r5, "😐", 3, true},
		{"a slightly smiling face is 4 of 5", r5, "🙂", 4, true},
		{"a grin is the top of five", r5, "😀", 5, true},
		{"a smiling face with a variation selector counts", r5, "☺️", 4, true},
		{"a grin is the top of three", r3, "😀", 3, true},
		{"mixed faces are refused", r5, "😀😞", 0, false},
		{"NPS takes zero", nps, "0", 0, true},
		{"NPS takes ten", nps, "10", 10, true},
		{"NPS refuses eleven", nps, "11", 0, false},
		{"NPS reads its end label", nps, "Extremely likely", 10, true},
		{"NPS reads a number with its label", nps, "10 - Extremely likely", 10, true},
		{"yes in English", yn, "Yes", 1, true},
		{"no in Russian", yn, "Нет", 0, true},
		{"yes in Latvian", yn, "Jā", 1, true},
		{"yes in Italian", yn, "Sì", 1, true},
		{"no in Chinese", yn, "否", 0, true},
		{"a thumbs-up is yes", yn, "👍", 1, true},
		{"maybe is neither", yn, "maybe", 0, false},
		{"a choice by its label", choice, "tea", 2, true},
		{"a choice by its number", choice, "3", 3, true},
		{"a choice number beyond the list is refused", choice, "4", 0, false},
		{"a blank is not a value", r5, "   ", 0, false},
		{"a text question takes no value", text, "5", 0, false},
		{"an unknown word is refused", r5, "seven", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ParseValue(c.q, c.in)
			if ok != c.ok || (ok && got != c.want) {
				t.Errorf("ParseValue(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestParseValuePrefersTheQuestionsOwnLabels(t *testing.T) {
	q := data.NewQuestion(data.KindRating, "Food", 5)
	q.Labels = []string{"Awful", "Meh", "OK", "Tasty", "Superb"}
	if v, ok := ParseValue(q, "superb"); !ok || v != 5 {
		t.Errorf("ParseValue(superb) = %d, %v", v, ok)
	}
}

func TestUserAssignedLabelsWinOverTables(t *testing.T) {
	q := data.NewQuestion(data.KindRating, "Food", 5)
	v, err := parseValue(q, "Rather good", map[string]int{NormalizeLabel("rather good"): 4})
	if err != nil || v != 4 {
		t.Errorf("parseValue = %d, %v", v, err)
	}
	if _, err := parseValue(q, "Rather good", map[string]int{"rather good": 9}); err == nil {
		t.Error("an assigned value off the scale was accepted")
	}
}

func TestNoLabelMeansTwoValuesOnOneScale(t *testing.T) {
	type at struct {
		family string
		points int
	}
	seen := map[at]map[string]int{}
	for _, tb := range scaleTables {
		k := at{tb.family, tb.points}
		if seen[k] == nil {
			seen[k] = map[string]int{}
		}
		for lang, positions := range tb.langs {
			if len(positions) != tb.points {
				t.Errorf("%s %d-point %s has %d positions", tb.family, tb.points, lang, len(positions))
			}
			for pos, syns := range positions {
				for _, s := range syns {
					n := NormalizeLabel(s)
					if p, dup := seen[k][n]; dup && p != pos {
						t.Errorf("%s %d-point: %q is both %d and %d", tb.family, tb.points, s, p+1, pos+1)
					}
					seen[k][n] = pos
				}
			}
		}
	}
	// Across families on the same number of points, a label may mean only
	// one position, or a rating question could read it two ways.
	for _, points := range []int{3, 5, 7} {
		pos := map[string]int{}
		for k, labels := range seen {
			if k.points != points || k.family == familyYesNo {
				continue
			}
			for l, p := range labels {
				if q, dup := pos[l]; dup && q != p {
					t.Errorf("%d-point scales: %q is both %d and %d", points, l, q+1, p+1)
				}
				pos[l] = p
			}
		}
	}
}

func TestNormalizeLabelFoldsCaseSpacePunctuationAndWidth(t *testing.T) {
	cases := map[string]string{
		"  Very   Satisfied!! ": "very satisfied",
		"D’accordo":             "d'accordo",
		"Ещё":                   "еще",
		"非常满意。":                 "非常满意",
		"Ｖｅｒｙ":                  "very",
		"somewhat-satisfied":    "somewhat satisfied",
		"e\u0301":               "é", // NFC
	}
	for in, want := range cases {
		if got := NormalizeLabel(in); got != want {
			t.Errorf("NormalizeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
