package importer

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

var update = flag.Bool("update", false, "rewrite the generated corpus files and the golden outputs")

const corpusDir = "testdata/corpus"

// corpusOptions is a corpus file's optional NAME.options.json: how the
// user would change what Open and Guess decided.
type corpusOptions struct {
	Options  Options                   `json:"options"`
	ValueMap map[string]map[string]int `json:"value_map"` // question ID → label → value
	Loc      string                    `json:"loc"`
}

// golden is what a corpus file produces: a refusal, or the detection, the
// proposal and the import.
type golden struct {
	Error     string          `json:"error,omitempty"`
	Source    *goldenSource   `json:"source,omitempty"`
	Survey    *data.Survey    `json:"survey,omitempty"`
	Mapping   *Mapping        `json:"mapping,omitempty"`
	Unmapped  []Unmapped      `json:"unmapped,omitempty"`
	Ambiguous bool            `json:"date_ambiguous,omitempty"`
	Notes     []string        `json:"notes,omitempty"`
	Report    *Report         `json:"report,omitempty"`
	Responses []data.Response `json:"responses,omitempty"`
	ReportCSV string          `json:"report_csv,omitempty"`
}

type goldenSource struct {
	Format, Encoding string
	EncodingGuessed  bool   `json:",omitempty"`
	Delimiter        string `json:",omitempty"`
	Sheets           []string
	Sheet            string `json:",omitempty"`
	Layout           Layout
	HeaderRow        int
	HeaderRows       int
	Headers          []string
	Notes            []string `json:",omitempty"`
}

// importCorpusFile runs a file through Open, Scan, Guess and Run as the
// import wizard would, accepting every proposal.
func importCorpusFile(t *testing.T, path string) golden {
	t.Helper()
	var opt corpusOptions
	base := strings.TrimSuffix(path, filepath.Ext(path))
	if b, err := os.ReadFile(base + ".options.json"); err == nil {
		if err := json.Unmarshal(b, &opt); err != nil {
			t.Fatalf("options: %v", err)
		}
	}
	var sv *data.Survey
	if b, err := os.ReadFile(base + ".survey.json"); err == nil {
		sv = new(data.Survey)
		if err := json.Unmarshal(b, sv); err != nil {
			t.Fatalf("survey: %v", err)
		}
	}
	var g golden
	f, err := OpenPath(path, opt.Options)
	if err != nil {
		g.Error = err.Error()
		return g
	}
	defer f.Close()
	s := f.Source
	g.Source = &goldenSource{Format: s.Format, Encoding: s.Encoding, EncodingGuessed: s.EncodingGuessed, Sheets: s.Sheets,
		Sheet: s.Sheet, Layout: s.Layout, HeaderRow: s.HeaderRow, HeaderRows: s.HeaderRows, Headers: s.Headers, Notes: s.Notes.Strings()}
	if s.Delimiter != 0 {
		g.Source.Delimiter = string(s.Delimiter)
	}
	p, err := Scan(f, 0)
	if err != nil {
		g.Error = err.Error()
		return g
	}
	prop, err := Guess(f.Source, p, sv)
	if err != nil {
		g.Error = err.Error()
		return g
	}
	if sv == nil {
		sv = prop.Survey
		g.Survey = sv
	}
	m := prop.Mapping
	for i := range m.Columns {
		c := &m.Columns[i]
		if vm := opt.ValueMap[jsonID(c.QuestionID)]; c.Target == TargetQuestion && vm != nil {
			c.ValueMap = vm
		}
	}
	if opt.Loc != "" {
		loc, err := time.LoadLocation(opt.Loc)
		if err != nil {
			t.Fatal(err)
		}
		m.Loc = loc
	}
	g.Mapping, g.Unmapped, g.Ambiguous, g.Notes = &m, prop.Unmapped, prop.DateAmbiguous, prop.Notes.Strings()
	rep, err := Run(f, sv, m, func(r data.Response) error {
		g.Responses = append(g.Responses, r)
		return nil
	})
	if err != nil {
		g.Error = err.Error()
	}
	g.Report = &rep
	var buf bytes.Buffer
	if err := rep.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		g.ReportCSV = buf.String()
	}
	return g
}

func jsonID(id uint32) string {
	b, _ := json.Marshal(id)
	return string(b)
}

func TestCorpusFilesImportAsTheirGoldenOutputsSay(t *testing.T) {
	if *update {
		if err := writeGeneratedCorpus(corpusDir); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			got := importCorpusFile(t, filepath.Join(corpusDir, name))
			checkGolden(t, filepath.Join(corpusDir, strings.TrimSuffix(name, filepath.Ext(name))+".golden.json"), got)
		})
	}
	if n < 40 {
		t.Errorf("the corpus has %d files, want at least 40", n)
	}
}

func checkGolden(t *testing.T, path string, got golden) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden output (run go test -update): %v", err)
	}
	if !bytes.Equal(b, want) {
		failed := filepath.Join("testdata", "failed", filepath.Base(path))
		os.MkdirAll(filepath.Dir(failed), 0o755)
		os.WriteFile(failed, b, 0o644)
		t.Errorf("output differs from %s; got written to %s (diff them; go test -update accepts it)", path, failed)
	}
}

// A 10 MB cell is read and refused for being too long, never a panic, and
// the other rows import; the file is made here rather than committed.
func TestA10MBCommentIsRefusedAndTheOtherRowsImport(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Date,Overall satisfaction,Comment\n2023-09-01,5,short\n2023-09-02,4,\"")
	b.WriteString(strings.Repeat("very long comment, ", 10<<20/19))
	b.WriteString("\"\n2023-09-03,3,after\n")
	path := filepath.Join(t.TempDir(), "huge_field.csv")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got := importCorpusFile(t, path)
	if got.Error != "" {
		t.Fatal(got.Error)
	}
	r := got.Report
	if r.Read != 3 || r.Imported != 2 || r.Skipped != 1 {
		t.Fatalf("read %d, imported %d, skipped %d; want 3, 2, 1", r.Read, r.Imported, r.Skipped)
	}
	p := r.Problems[0]
	if p.Row != 3 || p.Column != "C (Comment)" || !strings.Contains(p.Reason, "longer than 32 KB") || len(p.Value) > 1000 {
		t.Errorf("problem = row %d, column %q, reason %q, value of %d bytes", p.Row, p.Column, p.Reason, len(p.Value))
	}
	if got.Responses[1].CollectedAt.Day() != 3 {
		t.Errorf("the row after the huge cell has date %v", got.Responses[1].CollectedAt)
	}
}
