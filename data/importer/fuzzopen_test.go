package importer

import (
	"bytes"
	"testing"
)

// FuzzOpen: whatever the bytes, Open and reading the rows never panic,
// and a refusal names the file.
func FuzzOpen(f *testing.F) {
	for _, s := range []string{qualtricsCSV, limeCodesCSV, limeTextCSV, msFormsCSV, monkeyOldCSV, typeformHTMLCSV, jotformCSV,
		koboCSV, rRowNamesCSV, pandasCSV, "Statement,Very dissatisfied,Dissatisfied,Neutral,Satisfied,Very satisfied\nStaff,2,5,10,40,43\n",
		"Date,Score\r2023-09-01,5\r", "Date,Score,Score\n2023-09-01,5,4\n", "\x1f\x8b\x08\x00", "PK\x03\x04", "a,b\n\xc3\xa9,\xe9\n",
		"\xc5\xb8\xc0\xd3\xbd\xba\xc5\xc6\xc7\xc1,1\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		file, err := Open("fuzz.csv", bytes.NewReader(in), int64(len(in)), Options{})
		if err != nil {
			if len(err.Error()) < 10 || err.Error()[:10] != "fuzz.csv: " {
				t.Fatalf("refusal %q does not name the file", err)
			}
			return
		}
		defer file.Close()
		if _, err := file.Preview(20); err != nil && !bytes.Contains([]byte(err.Error()), []byte("fuzz.csv")) {
			t.Fatalf("row error %q does not name the file", err)
		}
	})
}
