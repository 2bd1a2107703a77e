package importer

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxOfRows writes a Microsoft-Forms-shaped workbook of n rows, its
// times as date cells when dates is true.
func xlsxOfRows(b testing.TB, n int, dates bool) []byte {
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	style := 0
	if dates {
		style, _ = x.NewStyle(&excelize.Style{CustomNumFmt: ptr("m/d/yy h:mm:ss")})
	}
	sw.SetRow("A1", []any{"ID", "Start time", "Completion time", "Email", "Name", "How satisfied are you?", "Comment"})
	t0 := time.Date(2023, 9, 1, 10, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		ts := t0.Add(time.Duration(i) * time.Minute)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		var start, end any = ts.Format("2006-01-02 15:04:05"), ts.Add(3 * time.Minute).Format("2006-01-02 15:04:05")
		if dates {
			start, end = excelize.Cell{StyleID: style, Value: ts}, excelize.Cell{StyleID: style, Value: ts.Add(3 * time.Minute)}
		}
		sw.SetRow(cell, []any{i + 1, start, end, "anonymous", "", "Very satisfied", "Friendly staff, quick service"})
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchmarkReadXLSX(b *testing.B, dates bool) {
	in := xlsxOfRows(b, 20000, dates)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := Open("forms.xlsx", bytes.NewReader(in), int64(len(in)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows()
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		f.Close()
		if n != 20000 {
			b.Fatalf("%d rows", n)
		}
	}
}

// BenchmarkReadXLSX20kRows: reading a workbook with its times as text.
func BenchmarkReadXLSX20kRows(b *testing.B) { benchmarkReadXLSX(b, false) }

// BenchmarkReadXLSX20kRowsDateCells: the same with the times as date
// cells, turned into ISO text.
func BenchmarkReadXLSX20kRowsDateCells(b *testing.B) { benchmarkReadXLSX(b, true) }
