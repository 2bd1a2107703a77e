package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// FuzzReadCSV feeds arbitrary bytes through the whole import: Open, Scan,
// Guess (making a survey) and Run. Nothing may panic, and the report must
// add up.
func FuzzReadCSV(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(corpusDir, "*.csv"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil && len(b) < 4096 {
			f.Add(b)
		}
	}
	f.Add([]byte("a,b\n\"unclosed,1\n"))
	f.Add([]byte("\xff\xfeD\x00a\x00t\x00e\x00\t\x00S\x00\n\x00"))
	f.Add([]byte("Date;Score\n01.09.2023;4,0\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Open("fuzz.csv", bytes.NewReader(b), int64(len(b)), Options{})
		if err != nil {
			return
		}
		defer file.Close()
		if len(file.Source.Headers) != len(file.Source.Columns) {
			t.Fatalf("%d headers, %d columns", len(file.Source.Headers), len(file.Source.Columns))
		}
		p, err := Scan(file, 0)
		if err != nil {
			return
		}
		prop, err := Guess(file.Source, p, nil)
		if err != nil {
			return
		}
		if err := prop.Survey.Validate(); err != nil && prop.Survey.Name != "" {
			t.Fatalf("Guess made an invalid survey: %v", err)
		}
		m := prop.Mapping
		if m.DefaultDate.IsZero() {
			m.DefaultDate = time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)
		}
		rep, err := Run(file, prop.Survey, m, func(r data.Response) error {
			if err := r.Validate(prop.Survey); err != nil {
				t.Fatalf("Run emitted an invalid response: %v", err)
			}
			return nil
		})
		if err != nil {
			return
		}
		if rep.Read != rep.Imported+rep.Skipped+rep.Blank {
			t.Fatalf("read %d != imported %d + skipped %d + blank %d", rep.Read, rep.Imported, rep.Skipped, rep.Blank)
		}
		for _, pr := range rep.Problems {
			if pr.Row < 2 || pr.Reason == "" {
				t.Fatalf("problem without a place or a reason: %+v", pr)
			}
		}
		var out bytes.Buffer
		if err := rep.WriteCSV(&out); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParseValue: any text on any kind of question either maps to a value
// on the question's scale or is refused; labels normalise idempotently.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"4", "4/5", "4 из 5", "4,0", "★★★★☆", "😀", "Очень доволен", "Ļoti apmierināts",
		"非常满意", "Molto soddisfatto", "Yes", "Нет", "10 - Extremely likely", "-1", "1e400", "NaN", "4.000000001", "(5)", "5 stars"} {
		for k := range data.Kinds {
			f.Add(uint8(k), uint8(5), s)
		}
	}
	f.Fuzz(func(t *testing.T, kind, points uint8, s string) {
		k := data.Kinds[int(kind)%len(data.Kinds)]
		q := data.NewQuestion(k, "Q", data.RatingScales[int(points)%len(data.RatingScales)])
		if k == data.KindChoice {
			q.Choices, q.Max = []string{"Coffee", "Tea", "Cake"}, 3
		}
		v, ok := ParseValue(q, s)
		if ok && (v < q.Min || v > q.Max) {
			t.Fatalf("ParseValue(%q) = %d, off the %d–%d scale", s, v, q.Min, q.Max)
		}
		if ok && strings.TrimSpace(s) == "" {
			t.Fatalf("ParseValue(%q) accepted a blank", s)
		}
		n := NormalizeLabel(s)
		if NormalizeLabel(n) != n {
			t.Fatalf("NormalizeLabel is not idempotent on %q: %q then %q", s, n, NormalizeLabel(n))
		}
		ParseDate(s, MDY, nil)
		ParseDate(s, DMY, time.UTC)
	})
}
