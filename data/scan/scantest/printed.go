package scantest

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"csatdesk/data"
	"csatdesk/data/bank"
	"csatdesk/data/paperform"
	"csatdesk/data/scan"
)

// PrintedDPI is the resolution printed pages are rasterised at.
const PrintedDPI = 300

// printedSurvey is one survey printed by the app (paperform), its layout,
// and its pages rasterised by pdftoppm on first use.
type printedSurvey struct {
	sv       data.Survey
	lay      *scan.Layout
	optional map[uint32]bool
	once     sync.Once
	pages    []*image.Gray
	err      error
}

// ErrNoRasteriser is returned by NewPrinted when pdftoppm is missing.
var ErrNoRasteriser = errors.New("pdftoppm is not installed")

// NewPrinted returns the corpus of seed over forms the app prints itself
// (paperform.Write, rasterised with pdftoppm at PrintedDPI): several
// surveys (faces, stars and words 1–5, 1–10, NPS 0–10, CES, yes/no,
// choice) in the app's six languages.
func NewPrinted(seed uint64) (*Corpus, error) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return nil, ErrNoRasteriser
	}
	c := &Corpus{Seed: seed}
	for _, sv := range PrintedSurveys() {
		opt := paperform.Options{Count: 1}
		lay, err := paperform.Layout(sv, opt)
		if err != nil {
			return nil, fmt.Errorf("layout of %q: %w", sv.Name, err)
		}
		ps := &printedSurvey{sv: sv, lay: lay, optional: map[uint32]bool{}}
		for _, q := range sv.Questions {
			ps.optional[q.ID] = !q.Required
		}
		c.printed = append(c.printed, ps)
		c.Layouts = append(c.Layouts, lay)
	}
	return c, nil
}

// PrintedSurveys are the surveys of the printed corpus, one per language
// of the app.
func PrintedSurveys() []data.Survey {
	type qd struct {
		k      data.Kind
		text   string
		n      int
		preset bank.LabelPreset
	}
	mk := func(id uint64, lang, name string, qs ...qd) data.Survey {
		sv := data.Survey{ID: id, Version: 1, Name: name, Business: "Corpus Café", Language: lang}
		for i, d := range qs {
			q := data.NewQuestion(d.k, d.text, d.n)
			if d.preset != "" {
				q.Labels = bank.Labels(lang, d.preset, d.n)
			}
			if d.k == data.KindChoice {
				q.Choices = []string{"A", "B", "C", "D"}
				q.Max = 4
			}
			q.Required = i%4 != 3
			sv.AddQuestion(q)
		}
		return sv
	}
	r5 := func(t string, p bank.LabelPreset) qd { return qd{data.KindRating, t, 5, p} }
	return []data.Survey{
		mk(201, "en", "Faces", r5("How was your visit?", bank.PresetEmoji), r5("How was the food?", bank.PresetEmoji),
			r5("How was the service?", bank.PresetStars), r5("How clean was it?", bank.PresetWords),
			r5("How fast was it?", bank.PresetEmoji), r5("Value for money?", bank.PresetEmoji),
			qd{data.KindText, "What could we do better?", 0, ""}),
		mk(202, "ru", "Шкала 1–10", qd{data.KindRating, "Как вам обслуживание?", 10, bank.PresetWords},
			qd{data.KindRating, "Чистота", 10, bank.PresetNumbers}, qd{data.KindRating, "Скорость", 10, bank.PresetWords},
			qd{data.KindRating, "Цена", 10, bank.PresetWords}, qd{data.KindYesNo, "Вы придёте снова?", 0, ""},
			qd{data.KindYesNo, "Вы нашли то, что искали?", 0, ""}),
		mk(203, "lv", "NPS", qd{data.KindNPS, "Vai jūs mūs ieteiktu?", 11, bank.PresetWords},
			qd{data.KindCES, "Bija viegli pasūtīt.", 7, bank.PresetWords}, r5("Ēdiens", bank.PresetStars),
			r5("Apkalpošana", bank.PresetStars), qd{data.KindNPS, "Vai jūs ieteiktu mūsu veikalu?", 11, bank.PresetWords}),
		mk(204, "it", "Sì/No", qd{data.KindYesNo, "Il cibo era caldo?", 0, ""}, qd{data.KindYesNo, "Il servizio era veloce?", 0, ""},
			qd{data.KindYesNo, "Il tavolo era pulito?", 0, ""}, qd{data.KindYesNo, "Torneresti?", 0, ""},
			qd{data.KindYesNo, "Hai trovato parcheggio?", 0, ""}, qd{data.KindYesNo, "Hai prenotato?", 0, ""},
			qd{data.KindYesNo, "Era il tuo compleanno?", 0, ""}, qd{data.KindYesNo, "Sei soddisfatto?", 0, ""}),
		mk(205, "zh_Hans", "选择", qd{data.KindChoice, "您吃了什么？", 0, ""}, r5("服务怎么样？", bank.PresetWords),
			r5("食物怎么样？", bank.PresetEmoji), qd{data.KindChoice, "您从哪里听说我们？", 0, ""},
			r5("环境怎么样？", bank.PresetWords), r5("价格怎么样？", bank.PresetStars)),
		mk(206, "zh_Hant", "綜合", r5("您對這次訪問滿意嗎？", bank.PresetEmoji), qd{data.KindNPS, "您會推薦我們嗎？", 11, bank.PresetWords},
			qd{data.KindYesNo, "您找到想要的嗎？", 0, ""}, qd{data.KindChoice, "您點了什麼？", 0, ""},
			qd{data.KindRating, "清潔程度", 10, bank.PresetWords}, qd{data.KindCES, "點餐很容易。", 7, bank.PresetWords},
			r5("服務速度", bank.PresetStars), r5("價格", bank.PresetWords), qd{data.KindText, "還有什麼建議？", 0, ""}),
	}
}

// raster prints the survey once and rasterises its pages.
func (ps *printedSurvey) raster() ([]*image.Gray, error) {
	ps.once.Do(func() {
		var buf bytes.Buffer
		if ps.err = paperform.Write(&buf, ps.sv, paperform.Options{Count: 1}); ps.err != nil {
			return
		}
		ps.pages, ps.err = Rasterise(buf.Bytes(), PrintedDPI)
	})
	return ps.pages, ps.err
}

// Rasterise renders every page of a PDF as a grey image at dpi with
// pdftoppm (as a scanner driver would hand it over).
func Rasterise(pdf []byte, dpi int) ([]*image.Gray, error) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, ErrNoRasteriser
	}
	dir, err := os.MkdirTemp("", "scantest")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	if b, err := exec.Command(bin, "-gray", "-r", fmt.Sprint(dpi), "-png", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, b)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	var out []*image.Gray
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		g, ok := img.(*image.Gray)
		if !ok {
			g = image.NewGray(img.Bounds())
			draw.Draw(g, g.Rect, img, img.Bounds().Min, draw.Src)
		}
		out = append(out, g)
	}
	return out, nil
}
