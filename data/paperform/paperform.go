// Package paperform prints surveys as paper questionnaires: a print-ready
// PDF with one form per customer, for a café table, a shop counter or a
// delivery box.
//
// Each form carries the business and survey name, boxes for the date, a
// pre-printed form number in the top right corner (consecutive across the
// batch, so staff can enter every sheet exactly once and find it again),
// the numbered questions with circled numbers or tick boxes matching each
// question's scale and labels, ruled lines for comments, and a contact
// area at the end. Text is wrapped to the page and a long survey continues
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
// MaxCount, a negative FirstNumber or an unknown Paper is an error wrapping
// ErrOptions. Every form has the same number of pages.
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
	size, err := opt.pageSize()
	if err != nil {
		return err
	}
	p, err := newPrinter(size)
	if err != nil {
		return err
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
		return err
	}
	for i := 0; i < opt.Count; i++ {
		f.draw(opt.FormNumber(i))
	}
	if p.err != nil {
		return fmt.Errorf("cannot print the survey: %w", p.err)
	}
	if _, err := p.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("cannot write the PDF: %w", err)
	}
	return nil
}

// PagesPerForm returns how many pages each form of sv takes with opt (its
// Count is ignored).
func PagesPerForm(sv data.Survey, opt Options) (int, error) {
	if err := sv.Validate(); err != nil {
		return 0, fmt.Errorf("cannot print the survey: %w", err)
	}
	size, err := opt.pageSize()
	if err != nil {
		return 0, err
	}
	p, err := newPrinter(size)
	if err != nil {
		return 0, err
	}
	lang := opt.Lang
	if lang == "" {
		lang = sv.Language
	}
	f := &form{p: p, sv: sv, w: wordsFor(lang), business: opt.Business, letter: size.H < 800}
	if err := f.layout(); err != nil {
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
