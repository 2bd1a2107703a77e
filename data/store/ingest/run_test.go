package ingest

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"csatdesk/data"
	"csatdesk/data/importer"
)

// TestImportReportsTheCorpusAsRunDoes imports every CSV of the importer's
// corpus into a store and checks that the report is the one importer.Run —
// which the corpus, fuzz and benchmark tests of data/importer call — gives
// for the same file: both are importer.RunWith, and this keeps them so.
func TestImportReportsTheCorpusAsRunDoes(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "importer", "testdata", "corpus", "*.csv"))
	if err != nil || len(paths) < 20 {
		t.Fatalf("corpus: %d files, %v", len(paths), err)
	}
	compared := 0
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".csv")
		t.Run(name, func(t *testing.T) {
			f, err := importer.OpenPath(path, importer.Options{})
			if err != nil {
				t.Skipf("not opened: %v", err)
			}
			defer f.Close()
			prof, err := importer.Scan(f, 0)
			if err != nil {
				t.Skipf("not scanned: %v", err)
			}
			prop, err := importer.Guess(f.Source, prof, nil)
			if err != nil {
				t.Skipf("no proposal: %v", err)
			}
			want, runErr := importer.Run(f, prop.Survey, prop.Mapping, func(data.Response) error { return nil })
			hash, err := HashFile(path)
			if err != nil {
				t.Fatal(err)
			}
			st := openStore(t, filepath.Join(t.TempDir(), "t.db"))
			sv := *prop.Survey
			got, err := Import(context.Background(), st, f, &sv, prop.Mapping, Options{Hash: hash, TotalRows: prof.Rows})
			if (err == nil) != (runErr == nil) {
				t.Fatalf("Import: %v; Run: %v", err, runErr)
			}
			if want.Imported == 0 && len(got.Problems) > 0 {
				got.Problems = got.Problems[1:] // the note that no survey was kept
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Import reports\n%+v\nRun reports\n%+v", got, want)
			}
			compared++
		})
	}
	if compared < 20 {
		t.Errorf("only %d corpus files compared", compared)
	}
}
