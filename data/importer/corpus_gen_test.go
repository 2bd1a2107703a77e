package importer

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"csatdesk/data"
	"csatdesk/data/export"
)

// The corpus files that are not plain UTF-8 text are made here from
// readable sources and committed; go test -update rewrites them.

const latvian1257 = `Datums;Filiāle;Darbinieks;Apmierinātība;Vērtējums (1–5);Ieteiktu draugiem (0–10);Vidējais čeks, EUR;Komentārs
01.09.2023;Rīga;Jānis;Ļoti apmierināts;5,0;9;12,50;Ātra apkalpošana
02.09.2023;Jūrmala;Līga;Apmierināts;4,0;8;8,90;
03.09.2023;Rīga;Jānis;Neitrāli;3,0;7;15,00;Gaidījām ilgi
13.09.2023;Liepāja;Pēteris;Neapmierināts;2,0;4;6,30;Auksts ēdiens
14.09.2023;Rīga;Līga;Ļoti neapmierināts;1,0;1;9,99;Šausmīgi
15.09.2023;Jūrmala;Pēteris;Apmierināta;4,5;9;11,20;Pusotra zvaigzne?
`

const russian1251 = `Дата;Магазин;Сотрудник;Оценка;Насколько легко было оформить заказ?;Комментарий
01.09.2023;Центральный;Анна;5;Очень легко;Отлично, спасибо
02.09.2023;Северный;Иван;4;Легко;
03.09.2023;Центральный;Пётр;3;Скорее сложно;Долго ждали ответа
04.09.2023;Северный;Анна;2;Сложно;
05.09.2023;Центральный;Иван;1;Очень сложно;Ужасно
`

const italian1252 = `Data;Negozio;Soddisfazione;Commento
01/09/2023;Centro;Molto soddisfatto;Perché no? Tutto perfetto
13/09/2023;Stazione;Soddisfatta;Più veloce, per favore
14/09/2023;Centro;Né soddisfatto né insoddisfatto;È andata così così
15/09/2023;Stazione;Insoddisfatto;Caffè freddo
`

const utf16Text = "Date\tStore\tOverall satisfaction\tComment\r\n" +
	"01.09.2023\tOld Town\tVery satisfied\tGreat — ļoti labi\r\n" +
	"02.09.2023\tHarbour\tSatisfied\t\r\n" +
	"13.09.2023\tOld Town\tDissatisfied\t\"Slow,\r\ncold\"\r\n" +
	"14.09.2023\tHarbour\t非常满意\t好\r\n"

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var b bytes.Buffer
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if bigEndian {
			binary.Write(&b, binary.BigEndian, u)
		} else {
			binary.Write(&b, binary.LittleEndian, u)
		}
	}
	return b.Bytes()
}

func mustEncode(cm *charmap.Charmap, s string) []byte {
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// writeGeneratedCorpus writes the generated corpus files into dir.
func writeGeneratedCorpus(dir string) error {
	files := map[string][]byte{
		"latvian_1257_semicolon.csv": mustEncode(charmap.Windows1257, latvian1257),
		"russian_1251_semicolon.csv": mustEncode(charmap.Windows1251, russian1251),
		"italian_1252_semicolon.csv": mustEncode(charmap.Windows1252, italian1252),
		"utf8_bom.csv":               append([]byte("\ufeff"), "Date,Overall satisfaction,Comment\n2023-09-01,5,BOM before Date\n2023-09-02,4,\n"...),
		"utf16le_unicode_text.txt":   utf16Bytes(utf16Text, false, true),
		"utf16be_unicode_text.txt":   utf16Bytes(utf16Text, true, true),
		"utf16le_no_bom.txt":         utf16Bytes(utf16Text, false, false),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	for name, make := range map[string]func() (*excelize.File, error){
		"xlsx_two_sheets_merged_header.xlsx": xlsxTwoSheetsMerged,
		"xlsx_pick_second_sheet.xlsx":        xlsxTwoSheetsMerged,
		"xlsx_empty_first_sheet.xlsx":        xlsxEmptyFirstSheet,
		"xlsx_typed_cells.xlsx":              xlsxTypedCells,
	} {
		x, err := make()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		err = x.SaveAs(filepath.Join(dir, name))
		x.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return writeOwnExport(dir)
}

// xlsxTwoSheetsMerged: sheet "Responses" with a two-row header whose top
// cells are merged (Date and Branch down two rows, Satisfaction across
// three), real date cells and numbers; sheet "Visits" a plain list.
func xlsxTwoSheetsMerged() (*excelize.File, error) {
	x := excelize.NewFile()
	s := "Responses"
	if err := x.SetSheetName("Sheet1", s); err != nil {
		return nil, err
	}
	set := func(sheet, cell string, v any) {
		if err := x.SetCellValue(sheet, cell, v); err != nil {
			panic(err)
		}
	}
	set(s, "A1", "Date")
	set(s, "B1", "Branch")
	set(s, "C1", "Satisfaction")
	set(s, "C2", "Food")
	set(s, "D2", "Service")
	set(s, "E2", "Overall")
	set(s, "F1", "Comment")
	for _, m := range [][2]string{{"A1", "A2"}, {"B1", "B2"}, {"C1", "E1"}, {"F1", "F2"}} {
		if err := x.MergeCell(s, m[0], m[1]); err != nil {
			return nil, err
		}
	}
	style, err := x.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	if err != nil {
		return nil, err
	}
	rows := []struct {
		at                     time.Time
		branch                 string
		food, service, overall any
		comment                string
	}{
		{time.Date(2023, 9, 1, 10, 1, 10, 0, time.UTC), "Old Town", 5, 4, "Very satisfied", "Lovely"},
		{time.Date(2023, 9, 2, 12, 0, 0, 0, time.UTC), "Harbour", 4, 4, "Satisfied", ""},
		{time.Date(2023, 9, 13, 18, 30, 0, 0, time.UTC), "Old Town", 2, 3, "Dissatisfied", "Cold soup"},
		{time.Date(2023, 9, 14, 9, 0, 0, 0, time.UTC), "Harbour", "six", 5, "Very satisfied", "food scored in words"},
	}
	for i, r := range rows {
		n := i + 3
		set(s, fmt.Sprintf("A%d", n), r.at)
		x.SetCellStyle(s, fmt.Sprintf("A%d", n), fmt.Sprintf("A%d", n), style)
		set(s, fmt.Sprintf("B%d", n), r.branch)
		set(s, fmt.Sprintf("C%d", n), r.food)
		set(s, fmt.Sprintf("D%d", n), r.service)
		set(s, fmt.Sprintf("E%d", n), r.overall)
		set(s, fmt.Sprintf("F%d", n), r.comment)
	}
	if _, err := x.NewSheet("Visits"); err != nil {
		return nil, err
	}
	set("Visits", "A1", "Visit date")
	set("Visits", "B1", "Would you come again?")
	set("Visits", "A2", "2023-10-01")
	set("Visits", "B2", "Yes")
	set("Visits", "A3", "2023-10-02")
	set("Visits", "B3", "No")
	return x, nil
}

func xlsxEmptyFirstSheet() (*excelize.File, error) {
	x := excelize.NewFile()
	if _, err := x.NewSheet("Data"); err != nil {
		return nil, err
	}
	x.SetCellValue("Data", "A1", "Date")
	x.SetCellValue("Data", "B1", "Overall satisfaction")
	x.SetCellValue("Data", "A2", "2023-09-01")
	x.SetCellValue("Data", "B2", 5)
	return x, nil
}

// xlsxTypedCells: booleans, floats with binary noise, a formula, a blank
// row in the middle and a vertically merged data cell.
func xlsxTypedCells() (*excelize.File, error) {
	x := excelize.NewFile()
	s := "Sheet1"
	x.SetSheetRow(s, "A1", &[]any{"Date", "Store", "Overall satisfaction", "Came back", "Comment"})
	x.SetSheetRow(s, "A2", &[]any{45170.5, "Old Town", 4.000000000000001, true, "float noise"})
	x.SetSheetRow(s, "A3", &[]any{45171, "", 3, false, "store merged from above"})
	x.MergeCell(s, "B2", "B3")
	x.SetSheetRow(s, "A5", &[]any{45172, "Harbour", nil, true, "row 4 left blank; formula below"})
	x.SetCellFormula(s, "C5", "=2+3")
	return x, nil
}

// writeOwnExport writes a file with CSAT Desk's own exporter, and its
// survey, for the round trip.
func writeOwnExport(dir string) error {
	sv, rs := ownExportFixture()
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, sv, []string{"location", "staff"}, func(fn func(data.Response) error) error {
		for _, r := range rs {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "csatdesk_export.csv"), buf.Bytes(), 0o644); err != nil {
		return err
	}
	b, err := json.MarshalIndent(sv, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "csatdesk_export.survey.json"), append(b, '\n'), 0o644)
}

// ownExportFixture is a survey with every kind of question and responses
// that use every field, with fixed IDs.
func ownExportFixture() (*data.Survey, []data.Response) {
	sv := &data.Survey{ID: 42, Name: "Café visits", Version: 3, Language: "en",
		Created: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), Updated: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}
	q := data.NewQuestion(data.KindRating, "Overall, how satisfied are you?", 5)
	q.Code = "overall"
	sv.AddQuestion(q)
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "How likely are you to recommend us?", 0))
	ces := data.NewQuestion(data.KindCES, "It was easy to order", 0)
	ces.Required = false
	sv.AddQuestion(ces)
	yn := data.NewQuestion(data.KindYesNo, "Will you come back?", 0)
	yn.Required = false
	sv.AddQuestion(yn)
	ch := data.NewQuestion(data.KindChoice, "What did you order?", 0)
	ch.Choices, ch.Max, ch.Required, ch.Code = []string{"Coffee", "Tea", "Cake"}, 3, false, "order"
	sv.AddQuestion(ch)
	sv.AddQuestion(data.NewQuestion(data.KindText, "What could we do better?", 0))
	riga, _ := time.LoadLocation("Europe/Riga")
	id := func(s string) data.ResponseID {
		v, err := data.ParseResponseID(strings.Repeat("0", 32-len(s)) + s)
		if err != nil {
			panic(err)
		}
		return v
	}
	rs := []data.Response{
		{ID: id("18a1f0c2d3e4f5a6b7c8d9e0f1a2b3c4"), SurveyID: 42, SurveyVersion: 3, CollectedAt: time.Date(2023, 9, 1, 10, 1, 10, 0, time.UTC),
			Channel: "paper", FormNumber: "A-0001", Tags: map[string]string{"location": "Old Town", "staff": "Anna"},
			Answers: map[uint32]int{1: 5, 2: 10, 3: 7, 4: 1, 5: 1}, Texts: map[uint32]string{6: "Nothing, \"really\""}, Comment: "Call me: +371 2000 0000"},
		{ID: id("18a1f0c2d3e4f5a6b7c8d9e0f1a2b3c5"), SurveyID: 42, SurveyVersion: 3, CollectedAt: time.Date(2023, 9, 2, 23, 30, 0, 0, riga),
			Channel: "web", Tags: map[string]string{"location": "Harbour"},
			Answers: map[uint32]int{1: 2, 2: 0, 4: 0}, Texts: map[uint32]string{6: "=cheaper coffee"}, Comment: "-10% next time?\nSecond line"},
		{ID: id("18a1f0c2d3e4f5a6b7c8d9e0f1a2b3c6"), SurveyID: 42, SurveyVersion: 3, CollectedAt: time.Date(2023, 9, 3, 8, 0, 0, 0, time.FixedZone("", -5*3600)),
			Answers: map[uint32]int{1: 3, 2: 7, 3: 4, 5: 3}},
	}
	return sv, rs
}
