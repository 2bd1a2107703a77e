// Package paperform prints surveys as paper questionnaires: a print-ready
// PDF with one form per customer, for a café table, a shop counter or a
// delivery box.
//
// Each form carries the business and survey name, boxes for the date, a
// pre-printed form number in the top right corner (consecutive across the
// batch, so staff can enter every sheet exactly once and find it again),
// the numbered questions with a square box to cross for every answer
// (scale points with their numbers and labels, yes/no, choices), ruled
// lines for comments, and a contact area at the end.
//
// Every page is also machine-readable: four solid squares in its corners,
// a QR code (scan.Code: survey, layout hash, form number, page) and boxes
// at the positions Layout returns, so a scan or phone photo of a filled
// form can be read by package scan. Text is wrapped to the page and a long survey continues
// on further pages of the same form; every page repeats the form number.
//
// The PDF embeds the subset of assets.FontTTF it uses, so Latin, Latvian,
// Cyrillic and Chinese all print. Labels the font cannot show (emoji) are
// left off and the scale numbers remain.
package paperform

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/signintech/gopdf"

	"csatdesk/data"
	"csatdesk/data/scan"
)

// Options says how to print a batch of forms.
type Options struct {
	// Paper is "A4" (the default when empty) or "Letter".
	Paper string
	// Count is the number of forms to print, at least 1.
	Count int
	// FirstNumber is the number printed on the first form (1 when 0); the
	// following forms count up from it.
	FirstNumber int
	// NumberPrefix goes before the number: "A-" prints "A-0001".
	NumberPrefix string
	// Business is printed at the top; empty uses the survey's Business.
	Business string
	// Lang is the language of the fixed words on the form (Date, Form
	// no., Comments, …): en, ru, lv, it, zh_Hans or zh_Hant. Empty uses
	// the survey's Language; unknown languages print English.
	Lang string
}

// MaxCount is the largest batch Write prints at once.
const MaxCount = 10000

// ErrOptions is wrapped by errors about Options.
var ErrOptions = errors.New("invalid print options")

// FormNumber returns the form number printed on the i-th form (0-based)
// of a batch: the prefix and the number with at least four digits.
func (o Options) FormNumber(i int) string {
	first := o.FirstNumber
	if first == 0 {
		first = 1
	}
	return fmt.Sprintf("%s%04d", o.NumberPrefix, first+i)
}

// pageSize returns the page size of o.Paper in points.
func (o Options) pageSize() (gopdf.Rect, error) {
	switch strings.ToLower(strings.TrimSpace(o.Paper)) {
	case "", "a4":
		return *gopdf.PageSizeA4, nil
	case "letter", "us letter":
		return *gopdf.PageSizeLetter, nil
	}
	return gopdf.Rect{}, fmt.Errorf("%w: paper %q: use A4 or Letter", ErrOptions, o.Paper)
}

// Write prints opt.Count forms of sv as one PDF to w. The survey must be
// valid (its error wraps data.ErrInvalid); a Count below 1 or above
// MaxCount, a negative FirstNumber, a NumberPrefix with "|" or an unknown
// Paper is an error wrapping ErrOptions. Every form has the same number of
// pages, and every form is printed with the layout Layout returns for sv
// and opt: only the form number and the page codes differ.
func Write(w io.Writer, sv data.Survey, opt Options) error {
	if err := sv.Validate(); err != nil {
		return fmt.Errorf("cannot print the survey: %w", err)
	}
	if opt.Count < 1 {
		return fmt.Errorf("%w: print at least one form (count %d)", ErrOptions, opt.Count)
	}
	if opt.Count > MaxCount {
		return fmt.Errorf("%w: print at most %d forms at once (count %d)", ErrOptions, MaxCount, opt.Count)
	}
	if opt.FirstNumber < 0 {
		return fmt.Errorf("%w: the first form number %d is negative", ErrOptions, opt.FirstNumber)
	}
	if strings.Contains(opt.NumberPrefix, "|") {
		return fmt.Errorf("%w: the form number prefix %q may not contain \"|\"", ErrOptions, opt.NumberPrefix)
	}
	l, err := Layout(sv, opt)
	if err != nil {
		return err
	}
	f, err := newForm(sv, opt)
	if err != nil {
		return err
	}
	f.code = l.Hash()
	p := f.p
	for i := 0; i < opt.Count; i++ {
		if i == 0 {
			// The first form is drawn recording where things go: it must
			// be exactly the layout the reader is given.
			f.rec = &recorder{l: f.newLayout(opt)}
		}
		f.draw(opt.FormNumber(i))
		if i == 0 {
			if got := f.rec.l.Hash(); got != f.code && p.err == nil {
				return fmt.Errorf("cannot print the survey: the form was drawn unlike its layout (%s, want %s)", got, f.code)
			}
			f.rec = nil
		}
	}
	if p.err != nil {
		return fmt.Errorf("cannot print the survey: %w", p.err)
	}
	if _, err := p.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("cannot write the PDF: %w", err)
	}
	return nil
}

// Layout returns where the forms Write prints for sv and opt put their
// corner squares, page codes, answer boxes and writing spaces (opt's
// Count, FirstNumber and NumberPrefix do not change it). It is the same
// for every form of a batch and for every batch printed with the same
// survey version, paper, language and business name; its Hash is printed
// in every page code.
func Layout(sv data.Survey, opt Options) (*scan.Layout, error) {
	if err := sv.Validate(); err != nil {
		return nil, fmt.Errorf("cannot print the survey: %w", err)
	}
	f, err := newForm(sv, opt)
	if err != nil {
		return nil, err
	}
	f.rec = &recorder{l: f.newLayout(opt)}
	f.draw("0")
	if f.p.err != nil {
		return nil, fmt.Errorf("cannot print the survey: %w", f.p.err)
	}
	return f.rec.l, nil
}

// newLayout returns the empty layout of f's pages.
func (f *form) newLayout(opt Options) *scan.Layout {
	l := &scan.Layout{
		Format:        scan.LayoutFormat,
		SurveyID:      f.sv.ID,
		SurveyVersion: f.sv.Version,
		Paper:         opt.paperName(),
		PageW:         mm(f.p.W),
		PageH:         mm(f.p.H),
	}
	for i, m := range f.p.markRects() {
		l.Marks[i] = mmRect(m[0], m[1], m[2], m[3])
	}
	return l
}

// paperName returns "A4" or "Letter" (o.Paper must be valid).
func (o Options) paperName() string {
	if s := strings.ToLower(strings.TrimSpace(o.Paper)); s == "letter" || s == "us letter" {
		return "Letter"
	}
	return "A4"
}

// newForm lays out sv for opt on a new printer.
func newForm(sv data.Survey, opt Options) (*form, error) {
	size, err := opt.pageSize()
	if err != nil {
		return nil, err
	}
	p, err := newPrinter(size)
	if err != nil {
		return nil, err
	}
	lang := opt.Lang
	if strings.TrimSpace(lang) == "" {
		lang = sv.Language
	}
	business := strings.TrimSpace(opt.Business)
	if business == "" {
		business = strings.TrimSpace(sv.Business)
	}
	f := &form{p: p, sv: sv, w: wordsFor(lang), business: business, letter: size.H < 800}
	if err := f.layout(); err != nil {
		return nil, err
	}
	return f, nil
}

// PagesPerForm returns how many pages each form of sv takes with opt (its
// Count is ignored).
func PagesPerForm(sv data.Survey, opt Options) (int, error) {
	if err := sv.Validate(); err != nil {
		return 0, fmt.Errorf("cannot print the survey: %w", err)
	}
	f, err := newForm(sv, opt)
	if err != nil {
		return 0, err
	}
	return len(f.pages), nil
}

// WriteFile writes the PDF to path through a temporary file in the same
// folder that is renamed into place, so a failed print never leaves half a
// file behind.
func WriteFile(path string, sv data.Survey, opt Options) (err error) {
	var buf bytes.Buffer
	if err := Write(&buf, sv, opt); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot save the PDF: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("cannot save the PDF: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot save the PDF: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot save the PDF: %w", err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("cannot save the PDF: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot save the PDF: %w", err)
	}
	return nil
}
