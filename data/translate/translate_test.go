package translate

import (
	"testing"

	"csatdesk/data"
	"csatdesk/data/importer"
)

func TestProblemsInEachLanguage(t *testing.T) {
	q := data.Question{Text: "Speed"}
	outside := data.NewProblem(data.KindOutsideScale, "Question", q.Ref(3), "Value", 6, "Min", 1, "Max", 5)
	cell := importer.Problem{Row: 12, Column: "C (Speed)", Why: data.NewProblem(importer.KindValueTooLong, "N", 200)}
	cases := []struct {
		code string
		p    data.Problem
		want string
	}{
		{"en", outside, "Question 3 'Speed': 6 is outside the 1–5 scale"},
		{"ru", outside, "Вопрос 3 «Speed»: 6 вне шкалы 1–5"},
		{"lv_LV.UTF-8", outside, "Jautājums 3 “Speed”: 6 ir ārpus skalas 1–5"},
		{"it", outside, "Domanda 3 «Speed»: 6 è fuori dalla scala 1–5"},
		{"zh-CN", outside, "问题 3“Speed”：6 超出 1–5 量表"},
		{"zh-TW", outside, "問題 3「Speed」：6 超出 1–5 量表"},
		{"xx", outside, outside.String()},
		{"ru", cell.Message(), "строка 12, столбец C (Speed): значение длиннее 200 символов"},
		{"en", cell.Message(), cell.String()},
		{"it", data.NewProblem(importer.KindPlain, "Text", "words only"), "words only"},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			tr, err := For(c.code)
			if err != nil {
				t.Fatal(err)
			}
			if got := tr.Problem(c.p); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestErrorsWithoutAProblemKeepTheirWords(t *testing.T) {
	tr, err := For("lv")
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Error(importer.ErrEmpty); got != "fails ir tukšs" {
		t.Errorf("ErrEmpty in Latvian: %q", got)
	}
	if got := tr.Error(errTest("disk full")); got != "disk full" {
		t.Errorf("a plain error: %q", got)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }
