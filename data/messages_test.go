package data

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sentenceAllowed lists the English sentences still built with fmt or
// errors.New in the scanned packages, each with why it is not a Problem.
// Keys are "file: format".
var sentenceAllowed = map[string]string{
	"period.go: unknown period %q: use day, week, month, quarter or year": "a --period flag of the command line, which speaks English; the window picks periods from a list",
	"response.go: response ID %q: want 32 hex digits":                     "parsing an ID; the importer reports importer.KindNotResponseID instead",
	"importer/convert.go: unknown column target %q":                       "a mapping file (--mapping) written by hand for the command line",
	"importer/source.go: unknown text encoding":                           "an --encoding flag; the window picks encodings from a list",
	"importer/source.go: the workbook has no sheet of that name":          "a --sheet flag; the window picks sheets from a list",
	"summary.go: summary of survey %q: no question":                       "a caller's mistake (no question passed), not the user's",
	"summary.go: figures of survey %q: no question":                       "a caller's mistake (no question passed), not the user's",
	"revise.go: survey revision refused":                                  "the sentinel errors.Is matches; a RevisionError reads as its Problem",
}

// reasonAllowed lists the import problems still given their Reason as
// words, with why.
var reasonAllowed = map[string]string{}

// TestNoEnglishSentencesBuiltBelowTheUI fails when a sentence for the user
// is built in English with fmt.Errorf, fmt.Sprintf or errors.New in
// package data, data/importer or data/surveyfile, or an import problem gets its Reason as
// words: such text reaches a Russian, Latvian, Italian or Chinese user
// untranslated. Make it a Problem (a ProblemKind with arguments) and give
// app/problems.go a case for it. Formats ending in %w only add context to
// an error ("import report: %w") and pass, as do short internal phrases
// (fewer than three words).
func TestNoEnglishSentencesBuiltBelowTheUI(t *testing.T) {
	verb := regexp.MustCompile(`%[-+# 0-9.\[\]]*[a-zA-Z%]`)
	word := regexp.MustCompile(`\p{L}{2,}`)
	seen := map[string]bool{}
	seenReason := map[string]bool{}
	// store/ingest builds import reports too: only its problems' reasons
	// are checked there (its errors are the store helper's to convert).
	for _, dir := range []string{".", "importer", "surveyfile", "store/ingest"} {
		reasonsOnly := dir == "store/ingest"
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.KeyValueExpr:
					// Problem{…, Reason: "words"}: a reason without a kind.
					if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Reason" && dir != "." {
						if lit, ok := n.Value.(*ast.BasicLit); ok {
							if text, _ := strconv.Unquote(lit.Value); reasonAllowed[text] != "" {
								seenReason[text] = true
								return true
							}
							t.Errorf("%s: an import problem's Reason given as words; use newProblem with a kind", fset.Position(n.Pos()))
						}
						if c, ok := n.Value.(*ast.CallExpr); ok && isFmt(c) {
							t.Errorf("%s: an import problem's Reason built with fmt; use newProblem with a kind", fset.Position(n.Pos()))
						}
					}
				case *ast.CallExpr:
					if reasonsOnly || !isFmt(n) || len(n.Args) == 0 {
						return true
					}
					lit, ok := n.Args[0].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						return true
					}
					format, _ := strconv.Unquote(lit.Value)
					if strings.HasSuffix(format, "%w") || len(word.FindAllString(verb.ReplaceAllString(format, " "), -1)) < 3 {
						return true
					}
					key := filepath.ToSlash(name) + ": " + format
					if _, ok := sentenceAllowed[key]; ok {
						seen[key] = true
						return true
					}
					t.Errorf("%s: %q is an English sentence for the user: make it a Problem (data.ProblemKind)", fset.Position(lit.Pos()), format)
				}
				return true
			})
		}
	}
	for text := range reasonAllowed {
		if !seenReason[text] {
			t.Errorf("allowed reason %q is gone: take it off the list", text)
		}
	}
	for key := range sentenceAllowed {
		if !seen[key] {
			t.Errorf("allowed sentence %q is gone: take it off the list", key)
		}
	}
}

// isFmt reports whether c calls fmt.Errorf, fmt.Sprintf or errors.New.
func isFmt(c *ast.CallExpr) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	switch id.Name + "." + sel.Sel.Name {
	case "fmt.Errorf", "fmt.Sprintf", "errors.New":
		return true
	}
	return false
}
