package app

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
	"csatdesk/data/surveyfile"
)

// TestEveryProblemKindHasATranslation: problemWords has a case, keyed by
// the kind's own English text, for every kind data and importer report —
// a new kind without one would reach the user in English.
func TestEveryProblemKindHasATranslation(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "problems.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || len(c.Args) == 0 {
			return true
		}
		if s, ok := c.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == "L" {
			if lit, ok := c.Args[0].(*ast.BasicLit); ok {
				k, _ := strconv.Unquote(lit.Value)
				keys[k] = true
			}
		}
		return true
	})
	kinds := append(append(append([]data.ProblemKind{}, data.ProblemKinds...), importer.ProblemKinds...), surveyfile.ProblemKinds...)
	kinds = append(kinds, store.ProblemKinds...)
	for _, k := range kinds {
		if k != importer.KindPlain && !keys[string(k)] {
			t.Errorf("problemWords has no lang.L(%q, …) case", k)
		}
	}
}

// TestProblemsReadAsTheirEnglishWords: in English the window shows what
// Error/String say, nested parts included.
func TestProblemsReadAsTheirEnglishWords(t *testing.T) {
	withLocaleEnv(t, map[string]string{"LANG": "en_US.UTF-8"})
	if err := setLanguage(""); err != nil {
		t.Fatal(err)
	}
	q := data.NewQuestion(data.KindRating, "Delivery speed", 5)
	q.ID = 7
	sv := &data.Survey{ID: 1, Name: "Café", Questions: []data.Question{q}}
	r := data.Response{SurveyID: 1, CollectedAt: testNow, Answers: map[uint32]int{7: 6}}
	err := r.Validate(sv)
	if err == nil {
		t.Fatal("an answer of 6 on a 1–5 scale passed")
	}
	if got, want := errorText(err), "Question 1 'Delivery speed': 6 is outside the 1–5 scale"; got != want || err.Error() != want {
		t.Errorf("errorText = %q, Error = %q, want %q", got, err.Error(), want)
	}
	_, ps := convertOne(t, sv, "2024-01-02,yes")
	if len(ps) != 1 {
		t.Fatalf("problems %v", ps)
	}
	if got := problemWords(ps[0].Message()); got != ps[0].String() {
		t.Errorf("problemWords = %q, String = %q", got, ps[0].String())
	}
}

// TestProblemsReadInTheUsersLanguage: a Russian user reads a validation
// problem, its question part and an import problem in Russian.
func TestProblemsReadInTheUsersLanguage(t *testing.T) {
	withLocaleEnv(t, map[string]string{"LANG": "ru_RU.UTF-8", "LANGUAGE": "ru"})
	if err := setLanguage(""); err != nil {
		t.Fatal(err)
	}
	q := data.NewQuestion(data.KindRating, "Скорость доставки", 5)
	q.ID = 7
	sv := &data.Survey{ID: 1, Name: "Кафе", Questions: []data.Question{q}}
	r := data.Response{SurveyID: 1, CollectedAt: testNow, Answers: map[uint32]int{7: 6}}
	if got, want := errorText(r.Validate(sv)), "Вопрос 1 «Скорость доставки»: 6 вне шкалы 1–5"; got != want {
		t.Errorf("errorText = %q, want %q", got, want)
	}
	_, ps := convertOne(t, sv, "2024-01-02,9")
	if len(ps) != 1 {
		t.Fatalf("problems %v", ps)
	}
	if got, want := problemWords(ps[0].Message()), "строка 2, столбец B (Скорость доставки): 9 вне шкалы 1–5"; got != want {
		t.Errorf("problemWords = %q, want %q", got, want)
	}
	wrapped := withContext("Файл не импортирован:", fmt.Errorf("create survey: %w", r.Validate(sv)))
	if got, want := errorText(wrapped), "Файл не импортирован: Вопрос 1 «Скорость доставки»: 6 вне шкалы 1–5"; got != want {
		t.Errorf("errorText keeps the window's words and drops the store's context: %q, want %q", got, want)
	}
	if got, want := reasonText(importer.Problem{Reason: "words only"}), "words only"; got != want {
		t.Errorf("a reason without a kind reads %q, want %q", got, want)
	}
}

// convertOne converts one CSV row (date, answer to the survey's first
// question) as row 2.
func convertOne(t *testing.T, sv *data.Survey, row string) (data.Response, []importer.Problem) {
	t.Helper()
	m := importer.Mapping{Columns: []importer.ColumnMap{
		{Column: 0, Header: "Date", Target: importer.TargetCollectedAt},
		{Column: 1, Header: sv.Questions[0].Text, Target: importer.TargetQuestion, QuestionID: sv.Questions[0].ID},
	}, DateOrder: importer.YMD}
	c, err := importer.NewConverter(sv, m)
	if err != nil {
		t.Fatal(err)
	}
	date, answer, _ := strings.Cut(row, ",")
	return c.Convert(2, []string{date, answer})
}
