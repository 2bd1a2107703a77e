package app

import (
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"csatdesk/assets"
)

var update = flag.Bool("update", false, "rewrite assets/translations/en.json from the code")

// usedKeys returns every string literal passed as the first argument of
// lang.L, lang.N, lang.X or lang.XN in the module's Go files (tests
// excluded), with one place it is used.
func usedKeys(t *testing.T) (keys map[string]string, plural map[string]bool) {
	t.Helper()
	keys, plural = map[string]string{}, map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && d.Name() != ".." || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok || pkg.Name != "lang" {
				return true
			}
			arg := 0
			switch sel.Sel.Name {
			case "L", "N":
			case "X", "XN":
				arg = 1 // X(key, fallback…): the fallback is the English text
			default:
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: lang.%s needs a string literal so it can be translated", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			keys[s] = fset.Position(call.Pos()).String()
			if sel.Sel.Name == "N" || sel.Sel.Name == "XN" {
				plural[s] = true
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys, plural
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

// value flattens a translation entry: a string, or a plural object
// {"one": …, "other": …}.
func values(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func TestEveryTranslationFileHasEveryKeyTheCodeUses(t *testing.T) {
	keys, plural := usedKeys(t)
	if *update {
		// Keep what en.json says for keys still used (hand-written plural
		// forms), add new keys as themselves, drop keys no longer used.
		old := map[string]any{}
		if b, err := os.ReadFile("../assets/translations/en.json"); err == nil {
			_ = json.Unmarshal(b, &old)
		}
		en := map[string]any{}
		for k := range keys {
			switch v, ok := old[k]; {
			case ok:
				en[k] = v
			case plural[k]:
				en[k] = map[string]string{"one": k, "other": k}
			default:
				en[k] = k
			}
		}
		b, _ := json.MarshalIndent(en, "", "  ")
		if err := os.WriteFile("../assets/translations/en.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := fs.Glob(assets.Translations, "translations/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			b, err := assets.Translations.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var tr map[string]any
			if err := json.Unmarshal(b, &tr); err != nil {
				t.Fatalf("%s is not valid JSON: %v", file, err)
			}
			for k, where := range keys {
				if reservedKey(k) {
					t.Errorf("%q (at %s) is a word go-i18n reserves; reword it", k, where)
				}
				v, ok := tr[k]
				if !ok {
					t.Errorf("missing %q (used at %s)", k, where)
					continue
				}
				if _, isPlural := v.(map[string]any); plural[k] && !isPlural {
					t.Errorf("%q is counted (lang.N) and needs plural forms {\"one\": …, \"other\": …}", k)
				}
				want := strings.Join(placeholders(k), ",")
				for _, s := range values(v) {
					if strings.TrimSpace(s) == "" {
						t.Errorf("%q is translated as an empty string", k)
					}
					if got := strings.Join(placeholders(s), ","); got != want {
						t.Errorf("%q: placeholders {%s} in the translation, {%s} in the key", k, got, want)
					}
				}
			}
			for k := range tr {
				if _, used := keys[k]; !used {
					t.Errorf("%q is no longer used by the code: remove it", k)
				}
			}
		})
	}
}

// reservedKey reports the message keys go-i18n (under fyne's lang) reads as
// fields of a message, which break the whole translation file.
func reservedKey(k string) bool {
	switch strings.ToLower(k) {
	case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other":
		return true
	}
	return false
}
