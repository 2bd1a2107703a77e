package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"csatdesk/data/bank"
	"csatdesk/data/paperform"
	"csatdesk/data/store"
)

// pageObj matches a page object, not the /Type /Pages tree node.
var pageObj = regexp.MustCompile(`/Type\s*/Page([^s]|$)`)

// templateStore creates a database in a temp dir holding one survey made
// from the restaurant template and returns its path and the survey ID.
func templateStore(t *testing.T) (string, uint64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "forms.db")
	st, err := store.Open(path, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tpl, ok := bank.TemplateByID("en", "restaurant")
	if !ok {
		t.Fatal("no restaurant template")
	}
	sv := tpl.Survey("en", "Café Riga")
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return path, sv.ID
}

func TestFormWritesOnePDFWithCountTimesPagesPerForm(t *testing.T) {
	db, _ := templateStore(t)
	out := filepath.Join(t.TempDir(), "forms.pdf")
	var stdout, stderr bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: &stderr}
	err := runForm(env, []string{"--db", db, "--survey", "Restaurant / café visit", "--count", "50", "--prefix", "A-", "--out", out})
	if err != nil {
		t.Fatalf("form: %v (stderr %q)", err, stderr.String())
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("the file starts with %q, not %%PDF", pdf[:min(8, len(pdf))])
	}

	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sv, err := st.FindSurvey("Restaurant / café visit")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	per, err := paperform.PagesPerForm(sv, paperform.Options{Business: sv.Business})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(pageObj.FindAll(pdf, -1)), 50*per; got != want {
		t.Errorf("the PDF has %d pages, want 50 forms × %d = %d", got, per, want)
	}
	for _, want := range []string{"50 forms", "A-0001", "A-0050", out} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the report %q does not mention %q", stdout.String(), want)
		}
	}
}

func TestFormFindsTheSurveyByIDAndPrintsLetter(t *testing.T) {
	db, id := templateStore(t)
	out := filepath.Join(t.TempDir(), "letter.pdf")
	env := &Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
	err := runForm(env, []string{"--db", db, "--survey", strconv.FormatUint(id, 10), "--count", "2", "--first", "100", "--paper", "Letter", "--lang", "lv", "--out", out})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("612")) {
		t.Error("a Letter PDF should have a 612-point wide media box")
	}
}

func TestFormRefusesMissingOrBadArguments(t *testing.T) {
	db, _ := templateStore(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no survey", []string{"--db", db, "--count", "5", "--out", out}, "--survey"},
		{"no count", []string{"--db", db, "--survey", "1", "--out", out}, "--count"},
		{"no output file", []string{"--db", db, "--survey", "1", "--count", "5"}, "--out"},
		{"unknown survey", []string{"--db", db, "--survey", "Nope", "--count", "5", "--out", out}, "Nope"},
		{"unknown paper", []string{"--db", db, "--survey", "1", "--count", "5", "--paper", "A3", "--out", out}, "A3"},
		{"too many forms", []string{"--db", db, "--survey", "1", "--count", "10001", "--out", out}, "10000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := &Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
			err := runForm(env, tc.args)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error mentioning %q", err, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a refused print left a file behind: %v", err)
			}
		})
	}
}
