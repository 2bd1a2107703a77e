package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

func testSurvey() *data.Survey {
	sv := &data.Survey{ID: 9, Name: "Visit", Version: 2}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall satisfaction", 5)) // 1, required
	food := data.NewQuestion(data.KindRating, "Food", 5)
	food.Required = false
	sv.AddQuestion(food)                                           // 2, optional
	sv.AddQuestion(data.NewQuestion(data.KindText, "Why?", 0))     // 3, optional text
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Recommend", 0)) // 4, required
	return sv
}

func testMapping() Mapping {
	return Mapping{Columns: []ColumnMap{
		{Column: 0, Header: "Date", Target: TargetCollectedAt},
		{Column: 1, Header: "Overall satisfaction", Target: TargetQuestion, QuestionID: 1},
		{Column: 2, Header: "Food", Target: TargetQuestion, QuestionID: 2},
		{Column: 3, Header: "Why?", Target: TargetQuestion, QuestionID: 3},
		{Column: 4, Header: "Recommend", Target: TargetQuestion, QuestionID: 4},
		{Column: 5, Header: "Branch", Target: TargetTag, Tag: "location"},
		{Column: 6, Header: "ID", Target: TargetExternalID},
	}, DateOrder: DMY}
}

func TestConvertImportsARowWholeOrNotAtAll(t *testing.T) {
	sv := testSurvey()
	cases := []struct {
		name    string
		rec     []string
		answers map[uint32]int
		reasons []string // one per problem, by column
	}{
		{"every cell fine", []string{"01.09.2023", "Very satisfied", "4", "tasty", "9", "Old Town", "a1"},
			map[uint32]int{1: 5, 2: 4, 4: 9}, nil},
		{"a blank optional answer is absent, not dissatisfied", []string{"01.09.2023", "5", "", "", "10", "", "a2"},
			map[uint32]int{1: 5, 4: 10}, nil},
		{"a blank required answer skips the row", []string{"01.09.2023", " ", "4", "", "9", "", "a3"},
			nil, []string{"B (Overall satisfaction): no answer, but the question is required"}},
		{"one bad cell skips the whole row and every bad cell is told", []string{"32.09.2023", "6", "4", "", "nine", "", "a4"},
			nil, []string{"A (Date): 32.09.2023 has no valid day (32)", "B (Overall satisfaction): 6 is outside the 1–5 scale",
				"E (Recommend): \"nine\" is not an answer we recognise for this question (a 0–10 scale); to import such rows, give the answer a score under “Answers with no score” in step 2, Columns"}},
		{"a repeated ID is refused", []string{"02.09.2023", "4", "", "", "8", "", "a1"},
			nil, []string{"G (ID): the same response ID as row 2: a response is imported once"}},
		{"a year before 1990 is refused", []string{"01.09.1980", "4", "", "", "8", "", "a5"},
			nil, []string{"A (Date): the date 1980-09-01 is not plausible (before 1990 or after 2200)"}},
	}
	conv, err := NewConverter(sv, testMapping())
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, probs := conv.Convert(i+2, c.rec)
			var got []string
			for _, p := range probs {
				got = append(got, p.Column+": "+p.Reason)
				if p.Row != i+2 {
					t.Errorf("problem in row %d, want %d", p.Row, i+2)
				}
			}
			if strings.Join(got, "\n") != strings.Join(c.reasons, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.reasons, "\n"))
			}
			if len(c.reasons) > 0 {
				if r.Answers != nil || !r.CollectedAt.IsZero() {
					t.Errorf("a refused row still returned a response: %+v", r)
				}
				return
			}
			if len(r.Answers) != len(c.answers) {
				t.Fatalf("answers %v, want %v", r.Answers, c.answers)
			}
			for k, v := range c.answers {
				if r.Answers[k] != v {
					t.Errorf("answers %v, want %v", r.Answers, c.answers)
				}
			}
			if r.SurveyID != 9 || r.SurveyVersion != 2 {
				t.Errorf("survey %d v%d", r.SurveyID, r.SurveyVersion)
			}
		})
	}
}

func TestMappingValidateExplainsWhatIsMissing(t *testing.T) {
	sv := testSurvey()
	cases := []struct {
		name string
		edit func(m *Mapping)
		want string
	}{
		{"a complete mapping is fine", func(m *Mapping) {}, ""},
		{"a required question without a column", func(m *Mapping) { m.Columns[4].Target = TargetIgnore },
			"Question 4 'Recommend' is required, but no column holds its answers"},
		{"two columns for one question", func(m *Mapping) { m.Columns[2].QuestionID = 1 },
			"columns B (Overall satisfaction) and C (Food) both hold the answers to 'Overall satisfaction'"},
		{"no date and no default date", func(m *Mapping) { m.Columns[0].Target = TargetIgnore },
			"no column holds the date of the responses"},
		{"no date column but a default date", func(m *Mapping) {
			m.Columns[0].Target = TargetIgnore
			m.DefaultDate = time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)
		}, ""},
		{"a tag called channel", func(m *Mapping) { m.Columns[5].Tag = "channel" }, "may not be called 'channel'"},
		{"a question the survey lacks", func(m *Mapping) { m.Columns[2].QuestionID = 99 }, "a question survey 'Visit' does not have"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := testMapping()
			c.edit(&m)
			err := m.Validate(sv)
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestReportWriteCSVIsSafeToOpenInASpreadsheet(t *testing.T) {
	rep := Report{Problems: []Problem{
		{Row: 5, Col: 2, Column: "C (Overall)", Value: "=cmd|' /C calc'!A0", Reason: "not a score"},
		{Row: 7, Col: -1, Value: "", Reason: "the last line is cut off"},
	}, Omitted: 3}
	var buf bytes.Buffer
	if err := rep.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
		t.Error("no BOM: Excel would not read the file as UTF-8")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"row", "column", "value", "reason"},
		{"5", "C (Overall)", "'=cmd|' /C calc'!A0", "not a score"},
		{"7", "", "", "the last line is cut off"},
		{"", "", "", "3 more problems not listed"},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %q", recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i+1, recs[i], want[i])
		}
	}
}

func TestFileHashIsTheSHA256OfTheContent(t *testing.T) {
	h, err := FileHash(strings.NewReader("abc"))
	if err != nil || h != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("FileHash = %s, %v", h, err)
	}
}

func TestColumnLettersFollowSpreadsheets(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := ColumnLetter(i); got != want {
			t.Errorf("ColumnLetter(%d) = %s, want %s", i, got, want)
		}
	}
}

func TestAMappingKeepsItsColumnTimeZonesThroughJSON(t *testing.T) {
	m := Mapping{Columns: []ColumnMap{
		{Column: 0, Header: "Submit Date (UTC)", Target: TargetCollectedAt, DateLoc: time.UTC},
		{Column: 1, Header: "How satisfied?", Target: TargetQuestion, QuestionID: 3, ValueMap: map[string]int{"meh": 3}},
	}, DateOrder: YMD}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var got Mapping
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Columns[0].DateLoc != time.UTC || got.Columns[1].DateLoc != nil {
		t.Fatalf("time zones after JSON: %v, %v (from %s)", got.Columns[0].DateLoc, got.Columns[1].DateLoc, b)
	}
	got.Columns[0].DateLoc, m.Columns[0].DateLoc = nil, nil
	if !reflect.DeepEqual(got, m) {
		t.Fatalf("mapping after JSON:\n got %+v\nwant %+v", got, m)
	}
	bad := []byte(`{"Columns":[{"Column":0,"Target":"collected_at","DateZone":"Mars/Olympus"}]}`)
	if err := json.Unmarshal(bad, &got); err == nil || !strings.Contains(err.Error(), "Mars/Olympus") {
		t.Fatalf("an unknown time zone: %v", err)
	}
}
