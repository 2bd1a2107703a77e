package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"csatdesk/data"
	"csatdesk/data/export"
)

func openBytes(t *testing.T, name string, b []byte, opt Options) (*File, error) {
	t.Helper()
	return Open(name, bytes.NewReader(b), int64(len(b)), opt)
}

func TestOpenDetectsTheEncoding(t *testing.T) {
	const ru = "Дата;Оценка;Комментарий\n01.09.2023;Очень доволен;Всё хорошо, спасибо\n"
	const lv = "Datums;Vērtējums;Komentārs\n01.09.2023;Ļoti apmierināts;Ātri un garšīgi, paldies\n"
	const it = "Data;Soddisfazione;Commento\n01/09/2023;Molto soddisfatto;Perché è così buono? Più caffè\n"
	const fr = "Date;Note;Commentaire\n01.09.2023;5;Très bien, café délicieux, à bientôt\n"
	cases := []struct {
		name    string
		in      []byte
		want    string
		guessed bool
	}{
		{"plain UTF-8", []byte("a,b\n1,2\n"), UTF8, false},
		{"UTF-8 with a BOM", []byte("\ufeffa,b\n1,2\n"), UTF8BOM, false},
		{"UTF-16LE with a BOM", utf16Bytes("a\tb\r\n1\t2\r\n", false, true), UTF16LE, false},
		{"UTF-16BE with a BOM", utf16Bytes("a\tb\r\n1\t2\r\n", true, true), UTF16BE, false},
		{"UTF-16LE without a BOM", utf16Bytes("Date\tScore\r\n2023-09-01\t5\r\n", false, false), UTF16LE, true},
		{"UTF-16BE without a BOM", utf16Bytes("Date\tScore\r\n2023-09-01\t5\r\n", true, false), UTF16BE, true},
		{"Russian in Windows-1251", mustEncode(charmap.Windows1251, ru), Windows1251, true},
		{"Latvian in Windows-1257", mustEncode(charmap.Windows1257, lv), Windows1257, true},
		{"Italian in Windows-1252", mustEncode(charmap.Windows1252, it), Windows1252, true},
		{"French in Windows-1252", mustEncode(charmap.Windows1252, fr), Windows1252, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := openBytes(t, "x.csv", c.in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Source.Encoding != c.want || f.Source.EncodingGuessed != c.guessed {
				t.Errorf("encoding %s (guessed %v), want %s (guessed %v)", f.Source.Encoding, f.Source.EncodingGuessed, c.want, c.guessed)
			}
			if h := f.Source.Headers[0]; strings.ContainsAny(h, "\ufeff\x00�") {
				t.Errorf("first header %q keeps a BOM, NUL or bad character", h)
			}
		})
	}
}

func TestOpenDetectsTheDelimiter(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want rune
	}{
		{"commas", "a,b,c\n1,2,3\n", ','},
		{"semicolons with decimal commas", "Date;Score;Bill, EUR\n01.09.2023;4,0;12,50\n02.09.2023;5,0;8,10\n", ';'},
		{"tabs with commas in text", "Date\tComment\n2023-09-01\tslow, cold, late\n", '\t'},
		{"bars", "a|b\n1|2\n", '|'},
		{"commas inside quotes do not count", "Date,Comment\n2023-09-01,\"a; b; c\"\n", ','},
		{"a single column keeps the comma", "Score\n5\n4\n", ','},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := openBytes(t, "x.csv", []byte(c.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if f.Source.Delimiter != c.want {
				t.Errorf("delimiter %q, want %q", f.Source.Delimiter, c.want)
			}
		})
	}
}

func TestOpenRecognisesLayoutsFromTheHeader(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want Layout
		rows int
	}{
		{"Google Forms in English", "Timestamp,Email Address,How satisfied?\n9/1/2023 10:01:10,a@b.c,5\n", LayoutGoogleForms, 1},
		{"Google Forms in Russian", "Отметка времени,Оценка\n01.09.2023 10:01:10,5\n", LayoutGoogleForms, 1},
		{"SurveyMonkey with its second header row", "Respondent ID,Collector ID,Start Date,End Date,Q1\n,,,,Response\n1,2,09/01/2023,09/01/2023,5\n", LayoutSurveyMonkey, 2},
		{"Typeform", "#,Rate us,Submit Date (UTC),Network ID\nabc,5,2023-09-01 10:00:00,x\n", LayoutTypeform, 1},
		{"our own export", "response_id,collected_at,channel,form_number,overall,comment\n", LayoutCSATDesk, 1},
		{"anything else", "Date,Score\n2023-09-01,5\n", LayoutGeneric, 1},
		{"a generic two-row header with a spanning name", "Date,Scores,,Comment\n,Food,Service,\n2023-09-01,5,4,ok\n", LayoutGeneric, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := openBytes(t, "x.csv", []byte(c.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if f.Source.Layout != c.want || f.Source.HeaderRows != c.rows {
				t.Errorf("layout %s with %d header rows, want %s with %d", f.Source.Layout, f.Source.HeaderRows, c.want, c.rows)
			}
		})
	}
}

func TestTwoHeaderRowsMergeIntoOneName(t *testing.T) {
	f, err := openBytes(t, "x.csv", []byte("Date,Scores,,Comment\n,Food,Service,\n2023-09-01,5,4,ok\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Date", "Scores / Food", "Scores / Service", "Comment"}
	if strings.Join(f.Source.Headers, "|") != strings.Join(want, "|") {
		t.Errorf("headers %q, want %q", f.Source.Headers, want)
	}
}

func TestOpenRefusesWhatItCannotRead(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		opt  Options
		want error
	}{
		{"an empty file", nil, Options{}, ErrEmpty},
		{"white space only", []byte(" \n\r\n\t\n"), Options{}, ErrEmpty},
		{"an old .xls workbook", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), Options{}, ErrOldExcel},
		{"a PDF", []byte("%PDF-1.7 ..."), Options{}, ErrNotSpreadsheet},
		{"a broken zip", []byte("PK\x03\x04garbage"), Options{}, ErrNotSpreadsheet},
		{"an unknown encoding", []byte("a,b\n"), Options{Encoding: "KOI8-R"}, ErrUnknownEncoding},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := openBytes(t, "bad.csv", c.in, c.opt)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), "bad.csv: ") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestRowNumbersAreWhatASpreadsheetShows(t *testing.T) {
	in := "\nDate,Comment\n2023-09-01,\"two\nlines\"\n\n2023-09-02,x\r\n2023-09-03,\"three\r\nlines\r\nhere\"\n2023-09-04,y\n"
	f, err := openBytes(t, "x.csv", []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []int
	for rows.Next() {
		got = append(got, rows.Row())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// Header in row 2 (after a blank line); a quoted line break does not
	// start a row, a blank line is a row.
	want := []int{3, 5, 6, 7}
	if len(got) != len(want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("rows %v, want %v", got, want)
		}
	}
}

func TestAnUnclosedQuoteIsRefusedWithItsRowAndColumn(t *testing.T) {
	f, err := openBytes(t, "x.csv", []byte("Date,Score,Comment\n2023-09-01,5,ok\n2023-09-02,4,\"never closed\n2023-09-03,3,x\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(f, &data.Survey{Name: "S", Questions: []data.Question{{ID: 1, Text: "Score", Kind: data.KindRating, Min: 1, Max: 5, SatisfiedFrom: 4}}},
		Mapping{Columns: []ColumnMap{{Column: 0, Target: TargetCollectedAt}, {Column: 1, Target: TargetQuestion, QuestionID: 1}}},
		func(data.Response) error { return nil })
	var ce *CellError
	if !errors.As(err, &ce) || ce.Row != 3 || ce.Col != 2 || !errors.Is(err, ErrUnclosedQuote) {
		t.Fatalf("err = %v, want an unclosed quote at row 3, column C", err)
	}
}

func TestOurOwnExportComesBackExactly(t *testing.T) {
	sv, want := ownExportFixture()
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, sv, []string{"location", "staff"}, func(fn func(data.Response) error) error {
		for _, r := range want {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	f, err := openBytes(t, "export.csv", buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Source.Layout != LayoutCSATDesk {
		t.Fatalf("layout %s", f.Source.Layout)
	}
	p, err := Scan(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	prop, err := Guess(f.Source, p, sv)
	if err != nil {
		t.Fatal(err)
	}
	var got []data.Response
	rep, err := Run(f, sv, prop.Mapping, func(r data.Response) error { got = append(got, r); return nil })
	if err != nil || rep.Imported != len(want) || rep.Skipped != 0 {
		t.Fatalf("imported %d, skipped %d, err %v; problems %v", rep.Imported, rep.Skipped, err, rep.Problems)
	}
	for i := range want {
		w, g := want[i], got[i]
		if !g.CollectedAt.Equal(w.CollectedAt) || data.DayOf(g.CollectedAt) != data.DayOf(w.CollectedAt) {
			t.Errorf("response %d: collected %v, want %v (same instant and day)", i, g.CollectedAt, w.CollectedAt)
		}
		g.CollectedAt, w.CollectedAt = time0, time0
		gj, wj := mustJSON(t, g), mustJSON(t, w)
		if gj != wj {
			t.Errorf("response %d:\n got %s\nwant %s", i, gj, wj)
		}
	}
}

var time0 time.Time

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
