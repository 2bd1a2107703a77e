package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"csatdesk/data"
)

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipOf(s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	io.WriteString(zw, s)
	zw.Close()
	return buf.Bytes()
}

// Files that are no spreadsheet, renamed .csv, are refused saying what
// they look like, with the file's name.
func TestFilesThatAreNoSpreadsheetSayWhatTheyLookLike(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"a gzip archive", gzipOf("Date,Score\n2023-09-01,5\n"), "not a spreadsheet: this looks like a gzip archive"},
		{"a zip that is no workbook", zipOf(t, map[string]string{"answers.csv": "Date,Score\n"}), "looks like a zip archive, not an Excel workbook"},
		{"an OpenDocument spreadsheet", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), "OpenDocument spreadsheet"},
		{"a PDF", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "looks like a PDF document"},
		{"a PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "looks like an image"},
		{"a 7z archive", []byte("7z\xbc\xaf\x27\x1c\x00\x04rest"), "compressed archive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := openBytes(t, "answers.csv", c.in, Options{})
			if !errors.Is(err, ErrNotSpreadsheet) || !strings.HasPrefix(err.Error(), "answers.csv: ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want ErrNotSpreadsheet naming the file and saying %q", err, c.want)
			}
			// The window's words name the file too.
			if p, ok := data.ProblemOf(err); !ok || p.Kind != KindInFile || p.Args["File"] != "answers.csv" || p.String() != err.Error() {
				t.Errorf("err %v carries no Problem naming the file for the window to translate: %#v", err, p)
			}
		})
	}
}

// A CSV of 100,000 columns is refused at once (it took 141 s and made a
// survey of 100,001 questions).
func TestTooManyColumnsAreRefusedAtOnce(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 100000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("Q")
	}
	b.WriteString("\n")
	start := time.Now()
	_, err := openBytes(t, "wide.csv", []byte(b.String()+strings.Repeat("5,", 99999)+"5\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), "wide.csv: row 1 has 100000 columns, more than the 2000") {
		t.Fatalf("err = %v, want a refusal naming the file, the row and the count", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	// Up to the limit is read.
	if _, err := openBytes(t, "ok.csv", []byte(strings.Repeat("Q,", MaxColumns-1)+"Q\n"+strings.Repeat("5,", MaxColumns-1)+"5\n"), Options{}); err != nil {
		t.Errorf("%d columns: %v", MaxColumns, err)
	}
}

func TestASummaryTableIsRefusedWithThatReason(t *testing.T) {
	cases := []struct {
		name, in string
		refused  bool
	}{
		{"counts per scale point", "Statement,Very dissatisfied,Dissatisfied,Neutral,Satisfied,Very satisfied\nThe staff were friendly,2,5,10,40,43\nThe room was clean,1,3,12,44,40\nCheck-in was quick,4,8,20,38,30\n", true},
		{"percentages with a total", "Question,Strongly disagree,Disagree,Neither agree nor disagree,Agree,Strongly agree,Total\nEasy to book,3%,5%,12%,45%,35%,100%\n", true},
		{"numbered points", "Item,1,2,3,4,5\nFood,0,2,8,30,60\nService,1,1,9,35,54\n", true},
		// Results tables as people publish them.
		{"CSAT and NPS per cohort", "Program,Sprint,Cohort,CSAT,NPS\nAiCE,Sprint 1,C9,87,61\nAiCE,Sprint 1,C10,87,61\nPF,Sprint 2,C9,88,64\n", true},
		{"percentages per module", "Course;Date;Type;Total number of participants;Course content (%);Trainers (%);Average (%)\nModule 1;19.02.2024; ToT;9;100;100;100\nModule 2;20.02.2024;/ ToT;9;99;99;99\nModule 3;21.02.2024;;22;91;90;90.5\n", true},
		{"a long table of % per label", "degree_name,year,satis_name,degree_satis_value\n공학계열,2018,매우 불만족,9.41\n공학계열,2018,불만족,25.34\n공학계열,2018,보통,36.73\n공학계열,2018,만족,23.7\n공학계열,2018,매우 만족,4.82\n교육계열,2018,매우 불만족,3.31\n교육계열,2018,불만족,16.48\n교육계열,2018,보통,33.27\n교육계열,2018,만족,40.04\n교육계열,2018,매우 만족,6.9\n", true},
		{"an NPS answer per response", "Date,NPS,Comment\n2023-09-01,9,ok\n2023-09-02,3,slow\n2023-09-03,-1,no answer code\n2023-09-04,99,\n2023-09-05,10,\n", false},
		{"ratings per numbered question", "Name,1,2,3,4,5\nMarco,5,4,4,3,5\nSara,2,3,4,5,5\n", false},
		{"counts and averages per response", "Date,Number of visits,Average spend,Satisfaction\n2023-09-01,3,12.5,5\n2023-09-02,1,30,4\n", false},
		{"labels per response, not in a cycle", "Date,Satisfaction,Spend\n2023-09-01,Satisfied,12.5\n2023-09-02,Very satisfied,8.2\n2023-09-03,Dissatisfied,30.1\n2023-09-04,Satisfied,7.5\n2023-09-05,Neutral,9.9\n2023-09-06,Very satisfied,11.1\n", false},
		{"answers as labels, one row per response", "Date,Very satisfied,Satisfied,Neutral,Comment\n2023-09-01,1,0,0,ok\n2023-09-02,0,1,0,fine\n", false},
		{"a plain survey", "Date,Satisfaction,Comment\n2023-09-01,Very satisfied,ok\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := openBytes(t, "summary.csv", []byte(c.in), Options{})
			if !c.refused {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				f.Close()
				return
			}
			p, ok := data.ProblemOf(err)
			if ok && p.Kind == KindInFile {
				p, ok = p.Args["Reason"].(data.Problem)
			}
			if !ok || (p.Kind != KindAggregateTable && p.Kind != KindResultsTable) || !strings.HasPrefix(err.Error(), "summary.csv: this is a ") {
				t.Fatalf("err = %v, want a summary table refusal naming the file", err)
			}
		})
	}
}

// minimalWorkbook writes the parts of an XLSX around a sheet's XML.
func minimalWorkbook(t *testing.T, sheet func(w io.Writer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	sheet(w)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A small XLSX that unpacks to 1 GB is refused before it is unpacked, and
// memory stays small (such a file took 3.9 GB).
func TestAZipBombWorkbookIsRefused(t *testing.T) {
	// The sheet is 1 GiB of spaces: one deflated MiB repeated (deflate
	// blocks ending in a sync flush can follow one another), then the end.
	const mib = 1 << 20
	spaces := bytes.Repeat([]byte{' '}, mib)
	var block bytes.Buffer
	fw, _ := flate.NewWriter(&block, flate.BestCompression)
	fw.Write(spaces)
	fw.Flush()
	var tail bytes.Buffer
	fw2, _ := flate.NewWriter(&tail, flate.BestCompression)
	fw2.Close()
	crc := crc32.NewIEEE()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>`},
	} {
		w, _ := zw.Create(p[0])
		io.WriteString(w, p[1])
	}
	for i := 0; i < 1024; i++ {
		crc.Write(spaces)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(block.Len()*1024 + tail.Len()), UncompressedSize64: 1024 * mib})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1024; i++ {
		w.Write(block.Bytes())
	}
	w.Write(tail.Bytes())
	zw.Close()
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 2*mib {
		t.Fatalf("the bomb is %d bytes", buf.Len())
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = OpenPath(path, Options{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrNotSpreadsheet) || !strings.Contains(err.Error(), "bomb.xlsx: the workbook unpacks to 1024 MB") {
		t.Fatalf("err = %v, want a refusal naming the file and the size", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
		t.Errorf("refusing it allocated %d MB", grew>>20)
	}
}

func TestADamagedWorkbookSaysSo(t *testing.T) {
	good := minimalWorkbook(t, func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c></row>`)
		// cut off: no closing tags
	})
	cases := map[string][]byte{
		"an unfinished sheet": good,
		"a file cut in half":  good[:len(good)/2],
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			f, err := openBytes(t, "forms.xlsx", in, Options{})
			if err == nil {
				// excelize may only notice while reading the rows.
				_, err = f.Preview(10)
				f.Close()
			}
			if !errors.Is(err, ErrDamagedWorkbook) || !errors.Is(err, ErrNotSpreadsheet) || !strings.Contains(err.Error(), "the workbook is damaged or incomplete") || strings.Contains(err.Error(), "XML syntax") {
				t.Fatalf("err = %v, want 'the workbook is damaged or incomplete'", err)
			}
			if !strings.HasPrefix(err.Error(), "forms.xlsx") {
				t.Errorf("err %q does not name the file", err)
			}
		})
	}
}

// Microsoft Forms' XLSX keeps its times as date cells (numbers shown as
// dates): they are read as dates, not serial numbers; other numbers stay
// as they are, and cells past the named columns get columns of their own
// (no CSV hint about separators for a workbook).
func TestWorkbookDateCellsAreReadAsDates(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	sh := x.GetSheetName(0)
	head := []any{"ID", "Start time", "Completion time", "Email", "Name", "How satisfied are you with our service?", "Score"}
	x.SetSheetRow(sh, "A1", &head)
	dt, _ := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("m/d/yy h:mm:ss")})
	day, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	dec, _ := x.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	start := time.Date(2023, 9, 1, 10, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		r := i + 2
		row := []any{i + 1, start.Add(time.Duration(i) * 24 * time.Hour), start.Add(time.Duration(i)*24*time.Hour + 5*time.Minute), "anonymous", "", "Very satisfied", 45000 + i}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		x.SetSheetRow(sh, cell, &row)
		b, _ := excelize.CoordinatesToCellName(2, r)
		c, _ := excelize.CoordinatesToCellName(3, r)
		x.SetCellStyle(sh, b, c, dt)
		g, _ := excelize.CoordinatesToCellName(7, r)
		x.SetCellStyle(sh, g, g, dec)
	}
	x.SetCellValue(sh, "H2", 45170)
	x.SetCellStyle(sh, "H2", "H2", day)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := openBytes(t, "forms.xlsx", buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Source.Layout != LayoutMicrosoftForms {
		t.Errorf("layout %s", f.Source.Layout)
	}
	if len(f.Source.Columns) != 8 {
		t.Errorf("%d columns, want 8 (the unnamed H too)", len(f.Source.Columns))
	}
	rows, err := f.Preview(3)
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][1] + "|" + rows[0][2] + "|" + rows[2][2]; got != "2023-09-01 10:00:00|2023-09-01 10:05:00|2023-09-03 10:05:00" {
		t.Errorf("date cells read as %q", got)
	}
	if rows[0][0] != "1" || rows[0][6] != "45000" || rows[0][7] != "2023-09-01" {
		t.Errorf("other cells read as %q", rows[0])
	}
}

func ptr[T any](v T) *T { return &v }

// countingReaderAt counts the bytes read.
type countingReaderAt struct {
	r io.ReaderAt
	n int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

func bigCSV(size int) []byte {
	var b bytes.Buffer
	b.WriteString("Timestamp,Email Address,How satisfied are you with our service?,How likely are you to recommend us?,Any comments?\n")
	row := "2023/09/01 10:01:10 AM GMT+3,someone@example.com,Very satisfied,9,\"Friendly staff, quick service, I will come again\"\n"
	b.Write(bytes.Repeat([]byte(row), size/len(row)+1))
	return b.Bytes()
}

// Open detects the encoding and layout from the file's head only: on a
// 50 MB file it reads well under a megabyte.
func TestOpenReadsOnlyTheHead(t *testing.T) {
	in := bigCSV(50 << 20)
	cr := &countingReaderAt{r: bytes.NewReader(in)}
	start := time.Now()
	f, err := Open("big.csv", cr, int64(len(in)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := time.Since(start)
	f.Close()
	if cr.n > 1<<20 {
		t.Errorf("Open read %d bytes of a %d byte file", cr.n, len(in))
	}
	if d > 500*time.Millisecond {
		t.Errorf("Open took %v on 50 MB, budget 0.5 s", d)
	}
}

// BenchmarkOpen50MB: detecting the encoding, delimiter, header and layout
// of a 50 MB Google-Forms-shaped CSV (budget: < 0.5 s).
func BenchmarkOpen50MB(b *testing.B) {
	in := bigCSV(50 << 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := Open("big.csv", bytes.NewReader(in), int64(len(in)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkOpen50MBLegacy: the same for a file in a legacy code page,
// where the detector library runs.
func BenchmarkOpen50MBLegacy(b *testing.B) {
	in := mustEncodeB(b, bigCSV(50<<20))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := Open("big.csv", bytes.NewReader(in), int64(len(in)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

func mustEncodeB(b *testing.B, in []byte) []byte {
	s := strings.ReplaceAll(string(in), "Very satisfied", "Très satisfait, café crème")
	out, err := charmapWindows1252().NewEncoder().Bytes([]byte(s))
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func charmapWindows1252() *charmap.Charmap { return charmap.Windows1252 }

// readMerges finds the merged cells by searching the sheet's bytes: a tag
// across the search's chunks, or with a namespace prefix, is found too,
// and a sheet cut off before its end is damaged.
func TestMergedCellsAreFoundInLargeSheets(t *testing.T) {
	cell := `<row r="1"><c r="A1" t="inlineStr"><is><t>x &lt;mergeCells&gt;</t></is></c></row>`
	for _, c := range []struct {
		name, pad, prefix string
		cut               bool
		want              int
	}{
		{"after 256 KB", strings.Repeat(" ", 256<<10-20), "", false, 2},
		{"with a prefix", "", "x:", false, 2},
		{"none", "", "", false, 0},
		{"cut off", "", "", true, -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := c.prefix
			in := minimalWorkbook(t, func(w io.Writer) {
				io.WriteString(w, `<?xml version="1.0"?><`+p+`worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><`+p+`sheetData>`+cell+c.pad+`</`+p+`sheetData>`)
				if c.want > 0 {
					io.WriteString(w, `<`+p+`mergeCells count="2"><`+p+`mergeCell ref="A1:B1"/><`+p+`mergeCell ref="C1:C2"/></`+p+`mergeCells>`)
				}
				if !c.cut {
					io.WriteString(w, `</`+p+`worksheet>`)
				}
			})
			ms, err := readMerges(bytes.NewReader(in), int64(len(in)), "Sheet1")
			if c.want < 0 {
				if err == nil {
					t.Fatal("a sheet cut off was read")
				}
				return
			}
			if err != nil || len(ms) != c.want {
				t.Fatalf("merges %v, err %v; want %d", ms, err, c.want)
			}
		})
	}
}

// A workbook's answers that reach past its named columns, far below the
// rows Open reads, still get a column (from the sheet's dimension, as
// Excel and Google Sheets write it): a workbook is never told its
// "separator" is wrong.
func TestWorkbookCellsPastTheHeaderGetColumns(t *testing.T) {
	in := minimalWorkbook(t, func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D40"/><sheetData>`)
		io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Score</t></is></c></row>`)
		for r := 2; r <= 40; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>2023-09-01</t></is></c><c r="B%d"><v>5</v></c>`, r, r, r)
			if r == 40 {
				io.WriteString(w, `<c r="D40" t="inlineStr"><is><t>late note</t></is></c>`)
			}
			io.WriteString(w, `</row>`)
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	f, err := openBytes(t, "wide.xlsx", in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if len(f.Source.Columns) != 4 {
		t.Errorf("%d columns, want 4 (to D)", len(f.Source.Columns))
	}
	rows, err := f.Preview(100)
	if err != nil || len(rows) != 39 || cell(rows[38], 3) != "late note" {
		t.Errorf("%d rows, err %v", len(rows), err)
	}
}
