package scan

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// ErrBadLayout is wrapped by every error about a layout that cannot be
// right (Validate, DecodeLayout).
var ErrBadLayout = errors.New("invalid form layout")

// Page returns the layout of page n (from 1, as in Code.Page), or nil when
// the form has no such page.
func (l *Layout) Page(n int) *PageLayout {
	if l == nil || n < 1 || n > len(l.Pages) {
		return nil
	}
	return &l.Pages[n-1]
}

// Validate reports what is wrong with l: an unknown Format, a page size
// that is not a page, a rectangle off the page or of no size, a box that
// is not square, a question twice. The error wraps ErrBadLayout.
func (l *Layout) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrBadLayout, fmt.Sprintf(format, a...))
	}
	if l == nil {
		return bad("no layout")
	}
	if l.Format < 1 || l.Format > LayoutFormat {
		return bad("format %d is unknown (this version reads up to %d)", l.Format, LayoutFormat)
	}
	if !(l.PageW >= 50 && l.PageW <= 1000 && l.PageH >= 50 && l.PageH <= 1000) {
		return bad("page %g×%g mm", l.PageW, l.PageH)
	}
	if len(l.Pages) == 0 {
		return bad("no pages")
	}
	on := func(r Rect, what string) error {
		if !(r.W > 0 && r.H > 0 && r.X >= 0 && r.Y >= 0 && r.X+r.W <= l.PageW+0.001 && r.Y+r.H <= l.PageH+0.001) {
			return bad("%s %+v is not on the %g×%g mm page", what, r, l.PageW, l.PageH)
		}
		return nil
	}
	for i, m := range l.Marks {
		if err := on(m, fmt.Sprintf("corner square %d", i+1)); err != nil {
			return err
		}
	}
	seen := map[uint32]bool{}
	for pi, p := range l.Pages {
		if err := on(p.QR, fmt.Sprintf("page %d code", pi+1)); err != nil {
			return err
		}
		for _, q := range p.Questions {
			if seen[q.QuestionID] {
				return bad("question %d is on the form twice", q.QuestionID)
			}
			seen[q.QuestionID] = true
			if err := on(q.Row, fmt.Sprintf("question %d", q.QuestionID)); err != nil {
				return err
			}
			for _, b := range q.Boxes {
				if err := on(b.R, fmt.Sprintf("question %d box %d", q.QuestionID, b.Value)); err != nil {
					return err
				}
				if math.Abs(b.R.W-b.R.H) > 0.01 {
					return bad("question %d box %d is not square (%g×%g mm)", q.QuestionID, b.Value, b.R.W, b.R.H)
				}
			}
		}
	}
	return nil
}

// EncodeLayout returns l as stored: its JSON, the same bytes Hash sums.
func EncodeLayout(l *Layout) ([]byte, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	b, err := json.Marshal(l)
	if err != nil {
		return nil, fmt.Errorf("encode the form layout: %w", err)
	}
	return b, nil
}

// DecodeLayout reads a layout EncodeLayout wrote and validates it; the
// error wraps ErrBadLayout.
func DecodeLayout(b []byte) (*Layout, error) {
	var l Layout
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadLayout, err)
	}
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return &l, nil
}
