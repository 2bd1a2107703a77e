package importer

import (
	"testing"
	"time"
)

// TestParseDateReadsRealExports: the date and time forms of real exports
// (issue 12): Google Forms' own CSV with its zone, Italian Google Sheets
// with dots in the time, ISO with T/Z/offset, Excel serials, two-digit
// years.
func TestParseDateReadsRealExports(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		in    string
		order DateOrder
		want  time.Time // compared as instants
	}{
		{"2021/08/10 12:08:56 PM GMT-3", "", time.Date(2021, 8, 10, 15, 8, 56, 0, time.UTC)},
		{"2021/08/10 9:08:56 AM GMT+5:30", "", time.Date(2021, 8, 10, 3, 38, 56, 0, time.UTC)},
		{"2021/08/10 12:08:56 a. m. GMT-3", "", time.Date(2021, 8, 10, 3, 8, 56, 0, time.UTC)},
		{"2021/08/10 1:08:56 p. m. GMT-03:00", "", time.Date(2021, 8, 10, 16, 8, 56, 0, time.UTC)},
		{"28/03/2025 0.15.35", DMY, time.Date(2025, 3, 28, 0, 15, 35, 0, rome)},
		{"28/03/2025 14.05", DMY, time.Date(2025, 3, 28, 14, 5, 0, 0, rome)},
		{"5/16/2018 12:42", MDY, time.Date(2018, 5, 16, 12, 42, 0, 0, rome)},
		{"5/16/18 12:42", MDY, time.Date(2018, 5, 16, 12, 42, 0, 0, rome)},
		{"16.05.18", "", time.Date(2018, 5, 16, 0, 0, 0, 0, rome)},
		{"2023-09-01T10:01:10Z", "", time.Date(2023, 9, 1, 10, 1, 10, 0, time.UTC)},
		{"2023-09-01T10:01:10.123+02:00", "", time.Date(2023, 9, 1, 8, 1, 10, 123e6, time.UTC)},
		{"2023-09-01T10:01:10+0200", "", time.Date(2023, 9, 1, 8, 1, 10, 0, time.UTC)},
		{"2023-09-01 10:01:10 UTC", "", time.Date(2023, 9, 1, 10, 1, 10, 0, time.UTC)},
		{"45170", "", time.Date(2023, 9, 1, 0, 0, 0, 0, rome)},
		{"45170.5", "", time.Date(2023, 9, 1, 12, 0, 0, 0, rome)},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in, c.order, rome)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", c.in, err)
			continue
		}
		if !got.Equal(c.want) {
			t.Errorf("ParseDate(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"2021/08/10 12:08:56 PM GMT-99", "28/03/2025 0.15.35.1.2", "3-4 hours"} {
		if _, err := ParseDate(bad, DMY, rome); err == nil {
			t.Errorf("ParseDate(%q) accepted it", bad)
		}
	}
}

// TestGuessFindsTimestampHeadersOfRealExports: the timestamp column in the
// languages and tools of issue 12 is the date, and the submission's date is
// preferred to the start's.
func TestGuessFindsTimestampHeadersOfRealExports(t *testing.T) {
	for _, h := range []string{"Carimbo de data/hora", "Marca temporal", "Informazioni cronologiche", "Horodateur", "Zeitstempel",
		"Отметка времени", "Laika zīmogs", "时间戳", "時間戳記", "タイムスタンプ", "타임스탬프", "Submitted At", "submitdate",
		"Completion time", "EndDate", "RecordedDate", "_submission_time", "Submission Date"} {
		csv := h + ",How satisfied are you?\n2023-09-01 10:00:00,5\n2023-09-02 11:00:00,4\n"
		prop := guessCSV(t, csv)
		if got := prop.Mapping.Columns[0].Target; got != TargetCollectedAt {
			t.Errorf("%q: column A is %v, want the date", h, got)
		}
		if prop.NoDate {
			t.Errorf("%q: NoDate set", h)
		}
	}
	pairs := []struct{ start, end string }{
		{"StartDate", "EndDate"}, {"StartDate", "RecordedDate"}, {"Start time", "Completion time"}, {"startdate", "submitdate"},
		{"start", "_submission_time"}, {"datestamp", "submitdate"},
	}
	for _, p := range pairs {
		for _, order := range [][2]string{{p.start, p.end}, {p.end, p.start}} {
			csv := order[0] + "," + order[1] + ",How satisfied are you?\n2023-09-01 10:00:00,2023-09-01 10:05:00,5\n2023-09-02 11:00:00,2023-09-02 11:05:00,4\n"
			prop := guessCSV(t, csv)
			for i, c := range prop.Mapping.Columns[:2] {
				want := TargetIgnore
				if order[i] == p.end {
					want = TargetCollectedAt
				}
				if c.Target != want {
					t.Errorf("%v: column %q is %v, want %v", order, order[i], c.Target, want)
				}
			}
		}
	}
}
