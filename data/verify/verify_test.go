package verify

import (
	"reflect"
	"testing"
	"time"

	"csatdesk/data"
)

func testSurvey() *data.Survey {
	sv := &data.Survey{ID: 7, Name: "Café"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5)) // 1
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Recommend", 0))  // 2
	sv.AddQuestion(data.NewQuestion(data.KindYesNo, "Found it", 0)) // 3
	sv.AddQuestion(data.NewQuestion(data.KindText, "Improve", 0))   // 4
	return sv
}

var day = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func form(no string, overall, nps, found int, improve string) data.Response {
	return data.Response{
		ID: data.NewResponseID(day), SurveyID: 7, CollectedAt: day, Channel: "paper", FormNumber: no,
		Tags:    map[string]string{data.TagLocation: "Old Town"},
		Answers: map[uint32]int{1: overall, 2: nps, 3: found},
		Texts:   map[uint32]string{4: improve},
	}
}

func batch() []data.Response {
	return []data.Response{
		form("A-0001", 5, 9, 1, "Faster  coffee"),
		form("A-0002", 4, 8, 0, ""),
		form("A-0003", 3, 7, 1, "more seats"),
	}
}

// fieldsPerForm: date, channel, location, staff, 4 questions, comment.
const fieldsPerForm = 9

func TestCompare(t *testing.T) {
	sv := testSurvey()
	five, four, blank := 5, 4, (*int)(nil)
	cases := []struct {
		name       string
		plant      func(first, second []data.Response) ([]data.Response, []data.Response)
		forms      int
		fields     int
		mismatches []Mismatch // FormNumber, Field, QuestionID, First, Second, FirstValue, SecondValue checked
		only1      []string
		only2      []string
	}{
		{name: "identical", forms: 3, fields: 3 * fieldsPerForm},
		{
			name: "text differs only in case and spaces",
			plant: func(a, b []data.Response) ([]data.Response, []data.Response) {
				b[0].Texts[4] = "  faster coffee "
				b[0].Channel = "Paper"
				b[0].Tags[data.TagLocation] = "old  town"
				return a, b
			},
			forms: 3, fields: 3 * fieldsPerForm,
		},
		{
			name: "two planted answers",
			plant: func(a, b []data.Response) ([]data.Response, []data.Response) {
				b[1].Answers[1] = 5
				b[2].Texts[4] = "more chairs"
				return a, b
			},
			forms: 3, fields: 3 * fieldsPerForm,
			mismatches: []Mismatch{
				{FormNumber: "A-0002", Field: "Overall", QuestionID: 1, First: "4", Second: "5", FirstValue: &four, SecondValue: &five},
				{FormNumber: "A-0003", Field: "Improve", QuestionID: 4, First: "more seats", Second: "more chairs"},
			},
		},
		{
			name: "blank against a value, yes/no label, staff tag and date",
			plant: func(a, b []data.Response) ([]data.Response, []data.Response) {
				delete(a[0].Answers, 1)
				b[0].Answers[3] = 0
				b[1].Tags[data.TagStaff] = "JB"
				b[2].CollectedAt = day.AddDate(0, 0, 1)
				return a, b
			},
			forms: 3, fields: 3 * fieldsPerForm,
			mismatches: []Mismatch{
				{FormNumber: "A-0001", Field: "Overall", QuestionID: 1, First: "", Second: "5", FirstValue: blank, SecondValue: &five},
				{FormNumber: "A-0001", Field: "Found it", QuestionID: 3, First: "Yes", Second: "No", FirstValue: ptr(1), SecondValue: ptr(0)},
				{FormNumber: "A-0002", Field: "Staff", First: "", Second: "JB"},
				{FormNumber: "A-0003", Field: "Date", First: "2026-11-20", Second: "2026-11-21"},
			},
		},
		{
			name: "forms only in one entry, numbers matched ignoring case",
			plant: func(a, b []data.Response) ([]data.Response, []data.Response) {
				b[0].FormNumber = "a-0001"
				b[2].FormNumber = "A-0010"
				return a, append(b, form("", 1, 1, 1, ""))
			},
			forms: 2, fields: 2 * fieldsPerForm,
			only1: []string{"A-0003"}, only2: []string{"", "A-0010"},
		},
		{
			name: "an extra tag in one entry is compared",
			plant: func(a, b []data.Response) ([]data.Response, []data.Response) {
				b[0].Tags[data.TagProduct] = "Latte"
				return a, b
			},
			forms: 3, fields: 3*fieldsPerForm + 1,
			mismatches: []Mismatch{{FormNumber: "A-0001", Field: "Product", First: "", Second: "Latte"}},
		},
		{
			name: "a duplicate number pairs in order",
			plant: func(a, b []data.Response) ([]data.Response, []data.Response) {
				a = append(a, form("A-0002", 1, 2, 0, ""))
				return a, b
			},
			forms: 3, fields: 3 * fieldsPerForm, only1: []string{"A-0002"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			first, second := batch(), batch()
			if c.plant != nil {
				first, second = c.plant(first, second)
			}
			rep := Compare(sv, first, second)
			if rep.Forms != c.forms || rep.FieldsCompared != c.fields || rep.Differing != len(c.mismatches) {
				t.Errorf("forms %d, fields %d, differing %d; want %d, %d, %d", rep.Forms, rep.FieldsCompared, rep.Differing, c.forms, c.fields, len(c.mismatches))
			}
			if len(rep.Mismatches) != len(c.mismatches) {
				t.Fatalf("mismatches %+v, want %+v", rep.Mismatches, c.mismatches)
			}
			for i, want := range c.mismatches {
				got := rep.Mismatches[i]
				if got.FormNumber != want.FormNumber || got.Field != want.Field || got.QuestionID != want.QuestionID ||
					got.First != want.First || got.Second != want.Second ||
					!samePtr(got.FirstValue, want.FirstValue) || !samePtr(got.SecondValue, want.SecondValue) {
					t.Errorf("mismatch %d = %+v, want %+v", i, got, want)
				}
				if got.FirstID != first[indexOf(first, want.FormNumber)].ID {
					t.Errorf("mismatch %d points at the wrong first-entry response", i)
				}
			}
			if !reflect.DeepEqual(rep.OnlyInFirst, c.only1) || !reflect.DeepEqual(rep.OnlyInSecond, c.only2) {
				t.Errorf("only in first %q, second %q; want %q, %q", rep.OnlyInFirst, rep.OnlyInSecond, c.only1, c.only2)
			}
		})
	}
}

func ptr(v int) *int { return &v }

func samePtr(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func indexOf(rs []data.Response, no string) int {
	for i, r := range rs {
		if r.FormNumber == no {
			return i
		}
	}
	return -1
}

func TestRate(t *testing.T) {
	if r := (Report{FieldsCompared: 40, Differing: 1}).Rate(); r != 2.5 {
		t.Errorf("rate = %v, want 2.5", r)
	}
	if r := (Report{}).Rate(); r != 0 {
		t.Errorf("empty rate = %v", r)
	}
}

func TestSetResolvesAMismatch(t *testing.T) {
	sv := testSurvey()
	first, second := batch(), batch()
	second[0].Answers[3] = 0
	second[1].Comment = "call me"
	second[2].CollectedAt = day.AddDate(0, 0, -1)
	rep := Compare(sv, first, second)
	if rep.Differing != 3 {
		t.Fatalf("differing %d, want 3", rep.Differing)
	}
	for _, m := range rep.Mismatches {
		r := &first[indexOf(first, m.FormNumber)]
		if err := Set(sv, m.Ref, r, m.Second); err != nil {
			t.Fatalf("set %s: %v", m.Field, err)
		}
	}
	if rep := Compare(sv, first, second); rep.Differing != 0 {
		t.Errorf("after taking every second value, %d still differ: %+v", rep.Differing, rep.Mismatches)
	}
	if err := Set(sv, Field{QuestionID: 1, Name: "Overall"}, &first[0], "6"); err == nil {
		t.Error("6 on a 1–5 scale should be refused")
	}
	if err := Set(sv, Field{Pseudo: PseudoDate, Name: "Date"}, &first[0], "20.11.2026"); err == nil {
		t.Error("a date in another format should be refused")
	}
	if err := Set(sv, Field{QuestionID: 1}, &first[0], ""); err != nil || first[0].Answers[1] != 0 {
		t.Errorf("a blank should clear the answer: %v %v", err, first[0].Answers)
	} else if _, ok := first[0].Answers[1]; ok {
		t.Error("the cleared answer is still there")
	}
}

func TestParseAnswer(t *testing.T) {
	sv := testSurvey()
	choice := data.NewQuestion(data.KindChoice, "Visit", 0)
	choice.Choices = []string{"Eat in", "Takeaway"}
	cases := []struct {
		q    data.Question
		in   string
		want int
		ok   bool
	}{
		{sv.Questions[0], "4", 4, true},
		{sv.Questions[0], " 5 ", 5, true},
		{sv.Questions[0], "0", 0, false},
		{sv.Questions[1], "10", 10, true},
		{sv.Questions[1], "x", 0, false},
		{sv.Questions[2], "Yes", 1, true},
		{sv.Questions[2], "n", 0, true},
		{sv.Questions[2], "maybe", 0, false},
		{choice, "2 Takeaway", 2, true},
	}
	for _, c := range cases {
		got, ok := ParseAnswer(c.q, c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseAnswer(%s, %q) = %d, %v; want %d, %v", c.q.Text, c.in, got, ok, c.want, c.ok)
		}
	}
	if s := Show(choice, 2); s != "2 Takeaway" {
		t.Errorf("Show(choice, 2) = %q", s)
	}
}

func TestFormNumberRange(t *testing.T) {
	cases := []struct {
		no, from, to string
		want         bool
	}{
		{"A-0001", "A-0001", "A-0050", true},
		{"A-0050", "A-0001", "A-0050", true},
		{"A-0051", "A-0001", "A-0050", false},
		{"A-9", "A-0001", "A-0050", true},
		{"a-0010", "A-0001", "A-0050", true},
		{"B-0003", "A-0001", "A-0050", false},
		{"", "A-0001", "A-0050", false},
		{"", "", "", true},
		{"A-0100", "A-0050", "", true},
		{"A-0049", "", "A-0050", true},
		{"99", "1", "100", true},
	}
	for _, c := range cases {
		if got := InRange(c.no, c.from, c.to); got != c.want {
			t.Errorf("InRange(%q, %q, %q) = %v, want %v", c.no, c.from, c.to, got, c.want)
		}
	}
	if !Less("A-9", "A-10") || Less("A-10", "A-9") {
		t.Error("A-9 should sort before A-10")
	}
}
