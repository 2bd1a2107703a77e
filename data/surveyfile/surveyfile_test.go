package surveyfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/bank"
)

func sample() data.Survey {
	tpl, _ := bank.TemplateByID("lv", "restaurant")
	sv := tpl.Survey("lv", "Kafejnīca Rīga")
	sv.ID, sv.Version, sv.Archived = 42, 3, true
	sv.Created = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	sv.Updated = sv.Created
	ch := data.NewQuestion(data.KindChoice, "Kā jūs par mums uzzinājāt?", 0)
	ch.Choices, ch.Max = []string{"Draugi", "Internets", "Garāmejot"}, 3
	ch.Code = "source"
	sv.AddQuestion(ch)
	return sv
}

func TestASurveyRoundTripsWithoutStoreFields(t *testing.T) {
	for _, l := range bank.Languages {
		for _, tpl := range bank.Templates(l.Code) {
			t.Run(l.Code+"/"+tpl.ID, func(t *testing.T) {
				in := tpl.Survey(l.Code, "Acme")
				in.ID, in.Created = 7, time.Now()
				var buf bytes.Buffer
				if err := Write(&buf, in); err != nil {
					t.Fatal(err)
				}
				out, err := Read(&buf)
				if err != nil {
					t.Fatal(err)
				}
				if out.ID != 0 || !out.Created.IsZero() || out.Version != 1 {
					t.Errorf("store fields came back: id %d created %v version %d", out.ID, out.Created, out.Version)
				}
				if out.Name != in.Name || out.Business != in.Business || out.Language != in.Language || out.Description != in.Description {
					t.Errorf("header changed: %+v", out)
				}
				if len(out.Questions) != len(in.Questions) || out.NextQuestionID != in.NextQuestionID {
					t.Fatalf("%d questions (next %d), want %d (next %d)", len(out.Questions), out.NextQuestionID, len(in.Questions), in.NextQuestionID)
				}
				for i := range in.Questions {
					a, b := in.Questions[i], out.Questions[i]
					if a.ID != b.ID || a.Text != b.Text || a.Kind != b.Kind || a.SatisfiedFrom != b.SatisfiedFrom || strings.Join(a.Labels, "|") != strings.Join(b.Labels, "|") {
						t.Errorf("question %d changed: %+v → %+v", i+1, a, b)
					}
				}
			})
		}
	}
}

func TestTheFileIsReadableIndentedJSONWithAFormatMarker(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{"{\n  \"format\": \"csatdesk-survey\",\n  \"version\": 1,\n  \"survey\": {", "\"Kafejnīca Rīga\"", "\"choices\": ["} {
		if !strings.Contains(s, want) {
			t.Errorf("file lacks %q:\n%s", want, s)
		}
	}
	for _, unwanted := range []string{"\"created\"", "\"updated\"", "\"archived\"", "\"id\": 42", "\\u"} {
		if strings.Contains(s, unwanted) {
			t.Errorf("file contains %q", unwanted)
		}
	}
}

func TestWritingAnInvalidSurveyFails(t *testing.T) {
	sv := sample()
	sv.Questions[0].Text = ""
	if err := Write(&bytes.Buffer{}, sv); err == nil || !errors.Is(err, data.ErrInvalid) {
		t.Errorf("Write(invalid) = %v, want an ErrInvalid", err)
	}
}

func TestReadingABadFileSaysWhatIsWrong(t *testing.T) {
	good := func(edit func(string) string) string {
		var buf bytes.Buffer
		if err := Write(&buf, sample()); err != nil {
			t.Fatal(err)
		}
		return edit(buf.String())
	}
	cases := []struct {
		name    string
		file    string
		want    string
		invalid bool // wraps data.ErrInvalid rather than ErrFormat
	}{
		{"an empty file", "", "the file is empty", false},
		{"malformed JSON", "{\n\"format\": \"csatdesk-survey\",\n\"version\": 1,,}", "not valid JSON (line 3", false},
		{"a JSON array", "[1,2]", "not a CSAT Desk survey file", false},
		{"no format marker", `{"version":1,"survey":{}}`, `"format" field is missing`, false},
		{"another format", `{"format":"excel","version":1,"survey":{}}`, `"format" field is "excel"`, false},
		{"no version", `{"format":"csatdesk-survey","survey":{}}`, `"version" field is missing`, false},
		{"a newer version", `{"format":"csatdesk-survey","version":2,"survey":{"name":"x","new_field":1}}`, "version 2, made by a newer CSAT Desk", false},
		{"version zero", `{"format":"csatdesk-survey","version":0,"survey":{}}`, `"version" field is 0`, false},
		{"no survey", `{"format":"csatdesk-survey","version":1}`, `"survey" field is missing`, false},
		{"a wrong type", `{"format":"csatdesk-survey","version":1,"survey":{"name":5}}`, `"survey.name" holds number`, false},
		{"an unknown field", good(func(s string) string { return strings.Replace(s, `"name"`, `"colour": "red", "name"`, 1) }), `unknown field "colour"`, false},
		{"trailing data", good(func(s string) string { return s + "{}" }), "after top-level value", false},
		{"no questions", `{"format":"csatdesk-survey","version":1,"survey":{"name":"Visit","questions":[]}}`, "has no questions", true},
		{"a question without text", good(func(s string) string {
			return strings.Replace(s, `"text": "Kopumā, cik apmierināti esat ar šodienas apmeklējumu?"`, `"text": " "`, 1)
		}), "Question 1 has no text", true},
		{"a bad scale", good(func(s string) string { return strings.Replace(s, `"max": 5`, `"max": 8`, 1) }), "Question 1 'Kopumā, cik apmierināti esat ar šodiena…': a satisfaction scale must be", true},
		{"duplicate question IDs", good(func(s string) string { return strings.Replace(s, `"id": 2,`, `"id": 1,`, 1) }), "Question 2 'Cik apmierināti esat ar ēdienu un dzēri…' has the same ID", true},
		{"the largest question ID", good(func(s string) string { return strings.Replace(s, `"id": 2,`, `"id": 4294967295,`, 1) }), "too large", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Read = %v, want an error containing %q", err, c.want)
			}
			if c.invalid != errors.Is(err, data.ErrInvalid) || c.invalid == errors.Is(err, ErrFormat) {
				t.Errorf("error %v: ErrInvalid %v ErrFormat %v, want invalid=%v", err, errors.Is(err, data.ErrInvalid), errors.Is(err, ErrFormat), c.invalid)
			}
		})
	}
}

func TestReadAcceptsABOMAndKeepsNextQuestionIDAboveEveryID(t *testing.T) {
	f := "\xef\xbb\xbf" + `{"format":"csatdesk-survey","version":1,"survey":{"name":"Visit","questions":[{"id":9,"text":"Comments","kind":"text"}],"next_question_id":3}}`
	sv, err := Read(strings.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	if sv.NextQuestionID != 10 {
		t.Errorf("NextQuestionID = %d, want 10", sv.NextQuestionID)
	}
	if id := sv.AddQuestion(data.NewQuestion(data.KindYesNo, "Again?", 0)); id != 10 {
		t.Errorf("new question got ID %d, want 10", id)
	}
}

func TestReadRefusesAHugeFile(t *testing.T) {
	big := strings.NewReader(`{"format":"csatdesk-survey","version":1,"survey":{"name":"` + strings.Repeat("x", MaxSize) + `"}}`)
	if _, err := Read(big); err == nil || !errors.Is(err, ErrFormat) {
		t.Errorf("Read(huge) = %v", err)
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"csatdesk-survey","version":1,"survey":{"name":"a","questions":[{"id":1,"text":"t","kind":"rating","min":1,"max":5,"satisfied_from":4}]}}`))
	f.Add([]byte(`{"format":"csatdesk-survey","version":1,"survey":{"name":"a","questions":[{"id":1,"text":"t","kind":"choice","min":1,"max":2,"choices":["a",""]}]}}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		sv, err := Read(bytes.NewReader(b))
		if err != nil {
			if sv.Name != "" || sv.Questions != nil {
				t.Fatal("a failed Read returned a survey")
			}
			return
		}
		if err := sv.Validate(); err != nil {
			t.Fatalf("Read accepted an invalid survey: %v", err)
		}
		var out bytes.Buffer
		if err := Write(&out, sv); err != nil {
			t.Fatalf("a survey Read accepted cannot be written: %v", err)
		}
		again, err := Read(&out)
		if err != nil {
			t.Fatalf("a written survey cannot be read back: %v", err)
		}
		if len(again.Questions) != len(sv.Questions) || again.Name != sv.Name {
			t.Fatal("round trip changed the survey")
		}
	})
}
