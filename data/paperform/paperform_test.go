package paperform

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/signintech/gopdf"

	"csatdesk/data"
	"csatdesk/data/bank"
)

var pageObj = regexp.MustCompile(`/Type /Page\b[^s]`)

func pages(pdf []byte) int { return len(pageObj.FindAll(pdf, -1)) }

func template(t testing.TB, lang, id, business string) data.Survey {
	tpl, ok := bank.TemplateByID(lang, id)
	if !ok {
		t.Fatalf("no template %s", id)
	}
	return tpl.Survey(lang, business)
}

// longSurvey has n questions of every kind, some with long text.
func longSurvey(n int) data.Survey {
	sv := data.Survey{Name: "Everything", Business: "Acme", Language: "en"}
	kinds := []data.Kind{data.KindRating, data.KindNPS, data.KindCES, data.KindYesNo, data.KindChoice, data.KindText}
	for i := range n {
		k := kinds[i%len(kinds)]
		text := fmt.Sprintf("Question %d about something", i+1)
		if i%7 == 0 {
			text += strings.Repeat(" with a very long explanation that must wrap", 8)
		}
		q := data.NewQuestion(k, text, []int{3, 5, 7, 10}[i%4])
		if k == data.KindChoice {
			q.Choices = []string{"Breakfast", "Lunch", "Dinner", "Just a coffee", "A very long choice label that goes on and on until it has to wrap onto a second line"}
			q.Max = len(q.Choices)
		}
		sv.AddQuestion(q)
	}
	return sv
}

func TestAFormIsAPDFWithCountTimesPagesPerForm(t *testing.T) {
	cases := []struct {
		name    string
		sv      data.Survey
		opt     Options
		perForm int // 0: ask PagesPerForm
	}{
		{"one English restaurant form", template(t, "en", "restaurant", "Blue Door Café"), Options{Count: 1}, 1},
		{"ten after-purchase forms", template(t, "en", "after_purchase", "Acme"), Options{Count: 10, NumberPrefix: "A-"}, 1},
		{"Letter paper", template(t, "en", "after_support", "Acme"), Options{Count: 3, Paper: "Letter"}, 1},
		{"a Chinese survey", template(t, "zh_Hans", "quarterly_nps", "上海小笼包"), Options{Count: 2}, 1},
		{"a traditional Chinese survey", template(t, "zh_Hant", "website", "台北咖啡館"), Options{Count: 2}, 1},
		{"a Latvian survey", template(t, "lv", "after_purchase", "Kafejnīca Rīga"), Options{Count: 2}, 1},
		{"a Russian survey", template(t, "ru", "restaurant", "Кафе «Пушкин»"), Options{Count: 2, Lang: "ru"}, 1},
		{"an Italian survey", template(t, "it", "quarterly_nps", "Caffè Roma"), Options{Count: 2}, 1},
		{"a 60-question survey paginates", longSurvey(60), Options{Count: 3}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, c.sv, c.opt); err != nil {
				t.Fatal(err)
			}
			pdf := buf.Bytes()
			if !bytes.HasPrefix(pdf, []byte("%PDF")) {
				t.Fatalf("output starts %q", pdf[:min(8, len(pdf))])
			}
			per, err := PagesPerForm(c.sv, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if c.perForm != 0 && per != c.perForm {
				t.Errorf("%d pages per form, want %d", per, c.perForm)
			}
			if c.perForm == 0 && per < 4 {
				t.Errorf("60 questions fit on %d pages: something is not drawn", per)
			}
			if got := pages(pdf); got != c.opt.Count*per {
				t.Errorf("%d pages, want %d forms × %d", got, c.opt.Count, per)
			}
		})
	}
}

func TestThePaperSizeIsInTheMediaBox(t *testing.T) {
	cases := []struct{ paper, box string }{
		{"", "/MediaBox [ 0 0 595.00 842.00 ]"},
		{"A4", "/MediaBox [ 0 0 595.00 842.00 ]"},
		{"letter", "/MediaBox [ 0 0 612.00 792.00 ]"},
		{"Letter", "/MediaBox [ 0 0 612.00 792.00 ]"},
	}
	sv := template(t, "en", "restaurant", "Acme")
	for _, c := range cases {
		var buf bytes.Buffer
		if err := Write(&buf, sv, Options{Paper: c.paper, Count: 1}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(buf.Bytes(), []byte(c.box)) {
			t.Errorf("paper %q: no %s", c.paper, c.box)
		}
	}
}

func TestBadSurveysAndOptionsAreRefused(t *testing.T) {
	good := template(t, "en", "restaurant", "Acme")
	noName := good
	noName.Name = ""
	cases := []struct {
		name string
		sv   data.Survey
		opt  Options
		want error
	}{
		{"an invalid survey", noName, Options{Count: 1}, data.ErrInvalid},
		{"a survey without questions", data.Survey{Name: "x"}, Options{Count: 1}, data.ErrInvalid},
		{"no forms", good, Options{Count: 0}, ErrOptions},
		{"a negative count", good, Options{Count: -3}, ErrOptions},
		{"too many forms", good, Options{Count: MaxCount + 1}, ErrOptions},
		{"a negative first number", good, Options{Count: 1, FirstNumber: -1}, ErrOptions},
		{"an unknown paper", good, Options{Count: 1, Paper: "A5"}, ErrOptions},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, c.sv, c.opt)
			if !errors.Is(err, c.want) {
				t.Fatalf("Write = %v, want %v", err, c.want)
			}
			if buf.Len() != 0 {
				t.Error("something was written before the error")
			}
		})
	}
}

func TestFormNumbersAreConsecutiveAcrossTheBatch(t *testing.T) {
	cases := []struct {
		opt  Options
		i    int
		want string
	}{
		{Options{}, 0, "0001"},
		{Options{NumberPrefix: "A-"}, 0, "A-0001"},
		{Options{NumberPrefix: "A-", FirstNumber: 120}, 5, "A-0125"},
		{Options{NumberPrefix: "Café ", FirstNumber: 99999}, 1, "Café 100000"},
	}
	for _, c := range cases {
		if got := c.opt.FormNumber(c.i); got != c.want {
			t.Errorf("FormNumber(%d) = %q, want %q", c.i, got, c.want)
		}
	}
}

func TestLongTextWrapsWithinTheWidth(t *testing.T) {
	p, err := newPrinter(Options{}.pageSizeMust())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, text string
		maxLines   int
	}{
		{"English words", strings.Repeat("How satisfied are you with the speed of resolution? ", 10), 0},
		{"Chinese without spaces", strings.Repeat("您对解决速度的满意度如何？", 20), 0},
		{"one endless word", strings.Repeat("x", 500), 0},
		{"a cut to three lines", strings.Repeat("word ", 200), 3},
		{"Latvian with newlines", "Cik apmierināti esat\nar ēdienu un dzērieniem?", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := p.wrap(c.text, qSize, 200, c.maxLines)
			if c.maxLines > 0 && len(lines) != c.maxLines {
				t.Errorf("%d lines, want %d", len(lines), c.maxLines)
			}
			for _, l := range lines {
				if w := p.measure(l, qSize); w > 200.01 {
					t.Errorf("line %q is %.1f wide", l, w)
				}
				if strings.HasPrefix(l, "？") {
					t.Errorf("line %q starts with closing punctuation", l)
				}
			}
			if strings.Contains(c.text, "\n") && len(lines) != 2 {
				t.Errorf("newline not kept: %q", lines)
			}
		})
	}
}

func TestEmojiLabelsFallBackToNumbers(t *testing.T) {
	sv := data.Survey{Name: "Faces"}
	q := data.NewQuestion(data.KindRating, "How was it? 😀", 5)
	q.Labels = bank.Labels("en", bank.PresetEmoji, 5)
	sv.AddQuestion(q)
	var buf bytes.Buffer
	if err := Write(&buf, sv, Options{Count: 1}); err != nil {
		t.Fatal(err)
	}
	if pages(buf.Bytes()) != 1 {
		t.Error("want one page")
	}
}

func TestWriteFileReplacesTheFileAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "forms.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	sv := template(t, "it", "after_support", "Caffè Roma")
	if err := WriteFile(path, sv, Options{Count: 2}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("file starts %q, err %v", b[:min(8, len(b))], err)
	}
	if err := WriteFile(path, sv, Options{Count: 0}); err == nil {
		t.Fatal("a bad batch was written")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if b2, _ := os.ReadFile(path); !bytes.Equal(b, b2) {
		t.Error("a failed write changed the file")
	}
}

func BenchmarkWrite50Forms(b *testing.B) {
	b.ReportAllocs()
	sv := template(b, "en", "restaurant", "Blue Door Café")
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, sv, Options{Count: 50, NumberPrefix: "A-"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB/pdf")
}

func (o Options) pageSizeMust() gopdf.Rect {
	r, err := o.pageSize()
	if err != nil {
		panic(err)
	}
	return r
}

// TestSamplesCanBeWrittenForALook writes sample PDFs to $PAPERFORM_OUT to
// render with pdftoppm and inspect by eye; it is skipped otherwise.
func TestSamplesCanBeWrittenForALook(t *testing.T) {
	dir := os.Getenv("PAPERFORM_OUT")
	if dir == "" {
		t.Skip("set PAPERFORM_OUT to a folder to write sample forms")
	}
	cases := []struct {
		file string
		sv   data.Survey
		opt  Options
	}{
		{"en-restaurant.pdf", template(t, "en", "restaurant", "Blue Door Café"), Options{Count: 2, NumberPrefix: "A-"}},
		{"lv-after_purchase.pdf", template(t, "lv", "after_purchase", "Kafejnīca Rīga"), Options{Count: 2, NumberPrefix: "A-"}},
		{"zh_Hans-quarterly_nps.pdf", template(t, "zh_Hans", "quarterly_nps", "上海小笼包餐厅"), Options{Count: 2, NumberPrefix: "A-"}},
		{"ru-restaurant-letter.pdf", template(t, "ru", "restaurant", "Кафе «Пушкин»"), Options{Count: 1, Paper: "Letter", FirstNumber: 251}},
		{"en-long.pdf", longSurvey(60), Options{Count: 1, NumberPrefix: "B-"}},
		{"en-mixed.pdf", mixedSurvey("en"), Options{Count: 1, NumberPrefix: "M-"}},
		{"ru-mixed.pdf", mixedSurvey("ru"), Options{Count: 1, NumberPrefix: "M-"}},
		{"zh_Hans-mixed.pdf", mixedSurvey("zh_Hans"), Options{Count: 1, NumberPrefix: "M-"}},
	}
	for _, c := range cases {
		if err := WriteFile(filepath.Join(dir, c.file), c.sv, c.opt); err != nil {
			t.Fatal(err)
		}
	}
}
