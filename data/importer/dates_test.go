package importer

import (
	"testing"
	"time"
)

func TestParseDateReadsTheFormsPeopleAndExportsUse(t *testing.T) {
	riga, err := time.LoadLocation("Europe/Riga")
	if err != nil {
		t.Fatal(err)
	}
	d := func(y int, m time.Month, day, h, min, s int, loc *time.Location) time.Time {
		return time.Date(y, m, day, h, min, s, 0, loc)
	}
	cases := []struct {
		name  string
		in    string
		order DateOrder
		want  time.Time
	}{
		{"an ISO date is midnight in the business's zone", "2023-09-01", "", d(2023, 9, 1, 0, 0, 0, riga)},
		{"an ISO time with Z stays in UTC", "2023-09-01T10:01:10Z", "", d(2023, 9, 1, 10, 1, 10, time.UTC)},
		{"an ISO time with an offset keeps it", "2023-09-01T10:01:10+03:00", "", d(2023, 9, 1, 7, 1, 10, time.UTC)},
		{"an ISO time with a space", "2023-09-01 10:01:10", "", d(2023, 9, 1, 10, 1, 10, riga)},
		{"fractions of a second are kept", "2023-09-01T10:01:10.250Z", "", time.Date(2023, 9, 1, 10, 1, 10, 250e6, time.UTC)},
		{"a US date is month first", "9/1/2023 10:01:10", MDY, d(2023, 9, 1, 10, 1, 10, riga)},
		{"a US date without an order is month first", "9/1/2023", "", d(2023, 9, 1, 0, 0, 0, riga)},
		{"a US afternoon time", "09/01/2023 01:15:00 PM", MDY, d(2023, 9, 1, 13, 15, 0, riga)},
		{"twelve AM is midnight", "09/01/2023 12:05 AM", MDY, d(2023, 9, 1, 0, 5, 0, riga)},
		{"a European date is day first", "01.09.2023", "", d(2023, 9, 1, 0, 0, 0, riga)},
		{"a dotted date is day first even in a US column", "01.09.2023 10:01:10", MDY, d(2023, 9, 1, 10, 1, 10, riga)},
		{"a slashed date read day first", "13/09/2023", DMY, d(2023, 9, 13, 0, 0, 0, riga)},
		{"a year-first date with slashes", "2023/9/1", "", d(2023, 9, 1, 0, 0, 0, riga)},
		{"a Chinese morning time", "2023/9/1 上午10:01:10", "", d(2023, 9, 1, 10, 1, 10, riga)},
		{"a Chinese afternoon time", "2023/9/1 下午2:30:00", "", d(2023, 9, 1, 14, 30, 0, riga)},
		{"a two-digit year", "9/1/23", MDY, d(2023, 9, 1, 0, 0, 0, riga)},
		{"a Russian year abbreviation", "01.09.2023 г.", "", d(2023, 9, 1, 0, 0, 0, riga)},
		{"an Excel serial number", "45170", "", d(2023, 9, 1, 0, 0, 0, riga)},
		{"an Excel serial number with a time", "45170.5", "", d(2023, 9, 1, 12, 0, 0, riga)},
		{"an Excel serial number with a decimal comma", "45170,25", "", d(2023, 9, 1, 6, 0, 0, riga)},
		{"an English month name", "Sep 1, 2023", "", d(2023, 9, 1, 0, 0, 0, riga)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseDate(c.in, c.order, riga)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", c.in, err)
			}
			if !got.Equal(c.want) {
				t.Errorf("ParseDate(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParseDateRefusesWhatIsNotADate(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		order DateOrder
	}{
		{"a blank", "  ", ""},
		{"a word", "yesterday", ""},
		{"month 13", "2023-13-01", ""},
		{"the 31st of September", "31.09.2023", ""},
		{"a day-first date in a month-first column", "13/09/2023", MDY},
		{"a small number is no Excel date", "45", ""},
		{"a score is no Excel date", "4.5", ""},
		{"hour 25", "2023-09-01 25:00", ""},
		{"an AM hour of 13", "9/1/2023 13:00 PM", MDY},
		{"a year far in the past", "01.01.1066", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, err := ParseDate(c.in, c.order, nil); err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", c.in, got)
			}
		})
	}
}

func TestDetectDateOrderUsesTheWholeColumn(t *testing.T) {
	cases := []struct {
		name      string
		values    []string
		want      DateOrder
		ambiguous bool
	}{
		{"a day above 12 first proves day first", []string{"01/09/2023", "13/09/2023"}, DMY, false},
		{"a day above 12 second proves month first", []string{"9/1/2023", "9/13/2023 10:00"}, MDY, false},
		{"small numbers only are ambiguous, slashes month first", []string{"01/02/2023", "03/04/2023"}, MDY, true},
		{"small numbers with dashes are ambiguous, day first", []string{"01-02-2023"}, DMY, true},
		{"proof both ways is ambiguous, the majority wins", []string{"13/01/2023", "14/01/2023", "01/13/2023"}, DMY, true},
		{"dotted dates are day first", []string{"01.02.2023", "03.04.2023"}, DMY, false},
		{"ISO dates need no order", []string{"2023-09-01", "2023/9/1"}, YMD, false},
		{"nothing to judge", nil, YMD, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, amb := DetectDateOrder(c.values)
			if got != c.want || amb != c.ambiguous {
				t.Errorf("DetectDateOrder = %s, %v; want %s, %v", got, amb, c.want, c.ambiguous)
			}
		})
	}
}
