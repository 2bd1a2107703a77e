package importer

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// guessCSV opens csv text, profiles a prefix of at most 2000 rows (as the
// store's import does) and guesses a new survey.
func guessCSV(t *testing.T, csv string) Proposal {
	t.Helper()
	f, err := Open("real.csv", strings.NewReader(csv), int64(len(csv)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Scan(f, 2000)
	if err != nil {
		t.Fatal(err)
	}
	prop, err := Guess(f.Source, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := prop.Survey.Validate(); err != nil {
		t.Fatalf("Guess made an invalid survey: %v", err)
	}
	return prop
}

// importCSV guesses, applies change to the proposal, and imports the whole
// file.
func importCSV(t *testing.T, csv string, change func(*Proposal)) (Proposal, Report, []data.Response) {
	t.Helper()
	prop := guessCSV(t, csv)
	if change != nil {
		change(&prop)
	}
	f, err := Open("real.csv", strings.NewReader(csv), int64(len(csv)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []data.Response
	rep, err := Run(f, prop.Survey, prop.Mapping, func(r data.Response) error {
		if err := r.Validate(prop.Survey); err != nil {
			t.Fatalf("invalid response: %v", err)
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != rep.Imported+rep.Skipped+rep.Blank {
		t.Fatalf("report does not add up: %+v", rep)
	}
	return prop, rep, out
}

// csatOf is the CSAT % of question id over the responses.
func csatOf(sv *data.Survey, id uint32, rs []data.Response) (pct float64, n int) {
	q, _ := sv.Question(id)
	sat := 0
	for _, r := range rs {
		if v, ok := r.Answers[id]; ok {
			n++
			if v >= q.SatisfiedFrom {
				sat++
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return math.Round(1000*float64(sat)/float64(n)) / 10, n
}

func questionOf(t *testing.T, prop Proposal, col int) data.Question {
	t.Helper()
	c := prop.Mapping.Columns[col]
	if c.Target != TargetQuestion {
		t.Fatalf("column %d is %v, not a question", col, c.Target)
	}
	q, _ := prop.Survey.Question(c.QuestionID)
	return q
}

// TestNoAnswerCodesAreBlankAnswers: the "no answer" codes of real exports
// are blank answers, counted in the report, never a score or a refusal.
func TestNoAnswerCodesAreBlankAnswers(t *testing.T) {
	cases := []struct {
		code   string
		header string
		scale  string // the other answers
	}{
		{"NA", "How satisfied are you?", "1,2,3,4,5"},
		{"N/A", "How satisfied are you?", "1,2,3,4,5"},
		{"n/a", "How satisfied are you?", "1,2,3,4,5"},
		{"-", "How satisfied are you?", "1,2,3,4,5"},
		{"99", "How satisfied are you?", "1,2,3,4,5"},
		{"Ns/Nc", "¿Está satisfecho?", "1,2,3,4,5"},
		{"No sabe", "¿Está satisfecho?", "1,2,3,4,5"},
		{"Не знаю", "Насколько вы довольны?", "Очень доволен,Доволен,Нейтрально,Недоволен,Очень недоволен"},
		{"Nezinu", "Cik apmierināts esat?", "1,2,3,4,5"},
		{"Non so", "Quanto è soddisfatto?", "Molto soddisfatto,Soddisfatto,Neutrale,Insoddisfatto,Molto insoddisfatto"},
		{"不知道", "满意度", "1,2,3,4,5"},
		{"I don't know", "Overall rating", "1,2,3,4,5"},
		{"Unsure", "Overall rating", "1,2,3,4,5"},
		{"Not applicable", "Overall rating", "1,2,3,4,5"},
		{"Unfamiliar (N/A)", "Overall rating", "1,2,3,4,5"},
		{"Not Applicable (8)", "Overall rating", "Very satisfied (5),Satisfied (4),Neutral (3),Dissatisfied (2),Very dissatisfied (1)"},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			vals := strings.Split(c.scale, ",")
			var b strings.Builder
			b.WriteString("Date,\"" + c.header + "\"\n")
			for i := 0; i < 20; i++ {
				v := vals[i%len(vals)]
				if i%5 == 3 {
					v = c.code
				}
				b.WriteString("2023-09-" + string(rune('1'+i%9)) + ",\"" + v + "\"\n")
			}
			prop, rep, rs := importCSV(t, b.String(), nil)
			q := questionOf(t, prop, 1)
			if !q.Numeric() || q.Kind == data.KindChoice {
				t.Fatalf("the column became %v, not a scored question", q.Kind)
			}
			if rep.Imported != 20 || rep.Skipped != 0 {
				t.Fatalf("imported %d, skipped %d (%v), want 20 and 0", rep.Imported, rep.Skipped, rep.Problems)
			}
			if len(rep.NoAnswer) != 1 || rep.NoAnswer[0].Value != c.code || rep.NoAnswer[0].Count != 4 {
				t.Fatalf("Report.NoAnswer = %v, want %q × 4", rep.NoAnswer, c.code)
			}
			if _, n := csatOf(prop.Survey, q.ID, rs); n != 16 {
				t.Fatalf("n = %d, want 16 (the codes are not counted)", n)
			}
			if len(prop.NoAnswer) != 1 || prop.NoAnswer[0].Values[0].Value != c.code {
				t.Fatalf("Proposal.NoAnswer = %v", prop.NoAnswer)
			}
			if len(prop.Unmapped) != 0 {
				t.Fatalf("a code listed as an answer with no score: %v", prop.Unmapped)
			}
		})
	}
}

// TestNoAnswerListIsTheUsers: the list can change (and travels as JSON); a
// code taken off it is an answer again, and 99 within a scale is a score.
func TestNoAnswerListIsTheUsers(t *testing.T) {
	csv := "Date,Overall rating\n2023-09-01,5\n2023-09-02,N/A\n2023-09-03,4\n2023-09-04,Skip me\n"
	_, rep, _ := importCSV(t, csv, func(p *Proposal) {
		m := p.Mapping
		m.NoAnswer = []string{"Skip me"}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back Mapping
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		p.Mapping = back
	})
	if rep.Imported != 3 || rep.Skipped != 1 || len(rep.NoAnswer) != 1 || rep.NoAnswer[0].Value != "Skip me" {
		t.Fatalf("with the list [Skip me]: %+v", rep)
	}
	q := data.NewQuestion(data.KindRating, "Q", 5)
	if defaultNoAnswerSet.match(q, "4", nil) || !defaultNoAnswerSet.match(q, "99", nil) {
		t.Fatal("a number is a no-answer code only outside the scale")
	}
	c := data.NewQuestion(data.KindChoice, "Q", 0)
	c.Choices, c.Max = []string{"Tea", "N/A"}, 2
	if defaultNoAnswerSet.match(c, "N/A", nil) {
		t.Fatal("a choice named N/A is an answer")
	}
	if newNoAnswerSet([]string{""}).match(q, "N/A", nil) {
		t.Fatal(`a list of one empty string reads no codes`)
	}
}

// TestARecommendColumnWithPlaceholdersStaysNPS: a 0–10 recommend column
// with a few "*redacted*" cells is NPS, the placeholders blank and reported.
func TestARecommendColumnWithPlaceholdersStaysNPS(t *testing.T) {
	var b strings.Builder
	b.WriteString("Submitted At,How likely are you to recommend us to a friend?\n")
	for i := 0; i < 30; i++ {
		v := []string{"10", "9", "8", "7", "6", "3", "10", "9", "0", "5"}[i%10]
		if i%6 == 5 {
			v = "*redacted*"
		}
		b.WriteString("2023-09-01T10:00:00Z," + v + "\n")
	}
	prop, rep, _ := importCSV(t, b.String(), nil)
	if q := questionOf(t, prop, 1); q.Kind != data.KindNPS {
		t.Fatalf("kind %v, want NPS", q.Kind)
	}
	if rep.Imported != 30 || len(rep.NoAnswer) != 1 || rep.NoAnswer[0].Value != "*redacted*" || rep.NoAnswer[0].Count != 5 {
		t.Fatalf("report %+v", rep)
	}
}

// TestAFileWithoutDatesAsksForOne: no date column is no refusal; one date
// for all rows (and for blank date cells) is counted in the report.
func TestAFileWithoutDatesAsksForOne(t *testing.T) {
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	prop, rep, rs := importCSV(t, "How satisfied are you?,Comments\n5,Great place\n4,\n3,Slow service today sadly\n", func(p *Proposal) {
		if !p.NoDate {
			t.Fatal("Proposal.NoDate not set")
		}
		if err := p.Mapping.Validate(p.Survey); err == nil {
			t.Fatal("a mapping without a date or a default date was accepted")
		}
		p.Mapping.DefaultDate = day
	})
	_ = prop
	if rep.Imported != 3 || rep.DefaultDated != 3 || !rs[0].CollectedAt.Equal(day) {
		t.Fatalf("report %+v", rep)
	}
	// A blank date cell takes the default date too.
	_, rep, rs = importCSV(t, "Timestamp,How satisfied are you?\n2023-09-01,5\n,4\n", func(p *Proposal) { p.Mapping.DefaultDate = day })
	if rep.Imported != 2 || rep.DefaultDated != 1 || !rs[1].CollectedAt.Equal(day) {
		t.Fatalf("blank date cell: report %+v", rep)
	}
}

// TestLimeSurveyIncompleteResponses: rows with a blank submitdate are left
// out by default and counted; included, they take the datestamp.
func TestLimeSurveyIncompleteResponses(t *testing.T) {
	csv := "id,submitdate,lastpage,startlanguage,seed,startdate,datestamp,How satisfied are you overall?\n" +
		"1,2023-09-01 10:00:00,3,en,123,2023-09-01 09:55:00,2023-09-01 10:00:00,5\n" +
		"2,,1,en,124,2023-09-02 09:55:00,2023-09-02 09:56:00,4\n" +
		"3,2023-09-03 10:00:00,3,en,125,2023-09-03 09:55:00,2023-09-03 10:00:00,2\n"
	prop, rep, _ := importCSV(t, csv, nil)
	if prop.Incomplete != 1 {
		t.Fatalf("Proposal.Incomplete = %d, want 1", prop.Incomplete)
	}
	for i, want := range []Target{TargetExternalID, TargetCollectedAt, TargetIgnore, TargetIgnore, TargetIgnore, TargetIgnore, TargetIgnore, TargetQuestion} {
		if got := prop.Mapping.Columns[i].Target; got != want {
			t.Errorf("column %q: %v, want %v", prop.Mapping.Columns[i].Header, got, want)
		}
	}
	if rep.Imported != 2 || rep.Incomplete != 1 || rep.Skipped != 1 || len(rep.Problems) != 0 || len(rep.Failed) != 0 {
		t.Fatalf("left out: %+v", rep)
	}
	_, rep, rs := importCSV(t, csv, func(p *Proposal) { p.Mapping.Incomplete = IncompleteInclude })
	if rep.Imported != 3 || rep.Incomplete != 0 || !rs[1].CollectedAt.Equal(time.Date(2023, 9, 2, 9, 56, 0, 0, time.UTC)) {
		t.Fatalf("included: %+v", rep)
	}
}

// TestCellsWrittenAsFormulas: ="2" (1KA's way of keeping a number text) is
// 2; a real formula stays what it is.
func TestCellsWrittenAsFormulas(t *testing.T) {
	for in, want := range map[string]string{`="2"`: "2", `=""`: "", `="a ""b"""`: `a "b"`, `=SUM(A1)`: `=SUM(A1)`, `="a" & "b"`: `="a" & "b"`, `=`: `=`} {
		if got := unformula(in); got != want {
			t.Errorf("unformula(%s) = %q, want %q", in, got, want)
		}
	}
	csv := "Date;Overall satisfaction;Comment\n=\"2024-01-05\";=\"4\";=\"\"\n=\"2024-01-06\";=\"5\";=\"Nice\"\n=\"2024-01-07\";=\"2\";=\"\"\n"
	prop, rep, rs := importCSV(t, csv, nil)
	if q := questionOf(t, prop, 1); q.Kind != data.KindRating || rep.Imported != 3 || rs[1].Comment != "Nice" || rs[0].Comment != "" {
		t.Fatalf("%v, %+v, %+v", q.Kind, rep, rs)
	}
}
