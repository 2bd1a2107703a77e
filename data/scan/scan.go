// Package scan reads printed CSAT Desk paper forms from scans and phone
// photos: it finds the four corner squares of a page, corrects the
// perspective, decodes the page's QR code (which survey, which printed
// layout, which form serial, which page), and scores the ink in every
// answer box against the paper white around it.
//
// The contract between the parts of the scanning feature lives in this
// file: a Layout says where a printed form put everything (computed once
// when the form is printed and stored with the survey version, so an old
// printout is always read with its own layout); a Code is what the QR on
// every page holds; a PageRead is what reading one page image found, with
// the per-box scores kept for audit and review.
//
// All positions are millimetres from the top-left corner of the page as
// printed at 100 %.
package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// LayoutFormat is the version of the layout rules: bump it when the
// printer places things differently, so stored layouts keep their meaning.
const LayoutFormat = 1

// AppTag opens every CSAT Desk page code, so a page of another app's form
// is told apart from a damaged one.
const AppTag = "CSATDESK"

// Rect is a rectangle in millimetres from the page's top-left corner.
type Rect struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Center returns the centre of r.
func (r Rect) Center() (x, y float64) { return r.X + r.W/2, r.Y + r.H/2 }

// Box is one answer box: crossing it answers Value.
type Box struct {
	Value int  `json:"v"`
	R     Rect `json:"r"`
}

// QuestionBoxes is where one question sits on a page.
type QuestionBoxes struct {
	QuestionID uint32 `json:"q"`
	// Row covers the question's text and its boxes: the crop a reviewer
	// sees.
	Row Rect `json:"row"`
	// Boxes are the answer boxes in value order; empty for open questions.
	Boxes []Box `json:"boxes,omitempty"`
	// Write is the writing space of an open question (or the comment
	// lines); zero when the question has boxes.
	Write Rect `json:"write,omitempty"`
}

// PageLayout is one page of a printed form.
type PageLayout struct {
	// QR is where the page code is printed.
	QR Rect `json:"qr"`
	// Questions are the questions on this page, in print order.
	Questions []QuestionBoxes `json:"questions"`
	// Comment is the writing space of the general comment, when it is on
	// this page (zero otherwise).
	Comment Rect `json:"comment,omitempty"`
	// Date is the area of the date boxes, when printed on this page.
	Date Rect `json:"date,omitempty"`
}

// Layout is everything the reader needs to know about one printed form
// design. Layouts are stored per survey and looked up by their Hash.
type Layout struct {
	Format        int    `json:"format"`
	SurveyID      uint64 `json:"survey"`
	SurveyVersion int    `json:"sv"`
	// Paper is "A4" or "Letter"; PageW and PageH are its size in mm.
	Paper string  `json:"paper"`
	PageW float64 `json:"pw"`
	PageH float64 `json:"ph"`
	// Marks are the four solid corner squares: top-left, top-right,
	// bottom-right, bottom-left.
	Marks [4]Rect      `json:"marks"`
	Pages []PageLayout `json:"pages"`
}

// Hash returns a short, stable fingerprint of the layout (16 hex
// digits), printed in every page code.
func (l *Layout) Hash() string {
	b, err := json.Marshal(l)
	if err != nil {
		// A Layout holds only numbers and strings: Marshal cannot fail.
		panic(fmt.Sprintf("scan: layout hash: %v", err))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Code is what the QR code on every printed page holds.
type Code struct {
	SurveyID uint64
	// Layout is the Hash of the layout the page was printed with.
	Layout string
	// Serial is the form number printed on the form ("A-0001").
	Serial string
	// Page is the page of the form, from 1.
	Page int
}

// ErrNotOurs is returned by ParseCode for a QR code of another app.
var ErrNotOurs = errors.New("not a CSAT Desk form")

// String encodes c for the QR code: "CSATDESK1|12|<layout>|<serial>|<page>".
// The serial is last but one and may not contain "|".
func (c Code) String() string {
	return fmt.Sprintf("%s%d|%d|%s|%s|%d", AppTag, LayoutFormat, c.SurveyID, c.Layout, c.Serial, c.Page)
}

// ParseCode decodes the text of a page's QR code.
func ParseCode(s string) (Code, error) {
	var c Code
	if !strings.HasPrefix(s, AppTag) {
		return c, ErrNotOurs
	}
	parts := strings.Split(s, "|")
	if len(parts) != 5 {
		return c, fmt.Errorf("page code %q: want 5 parts, got %d", s, len(parts))
	}
	if parts[0] != AppTag+strconv.Itoa(LayoutFormat) {
		return c, fmt.Errorf("page code %q: unknown format %q", s, parts[0])
	}
	id, err := strconv.ParseUint(parts[1], 10, 64)
	if err != nil {
		return c, fmt.Errorf("page code %q: survey: %w", s, err)
	}
	page, err := strconv.Atoi(parts[4])
	if err != nil || page < 1 {
		return c, fmt.Errorf("page code %q: bad page %q", s, parts[4])
	}
	return Code{SurveyID: id, Layout: parts[2], Serial: parts[3], Page: page}, nil
}

// State says how clearly a question was read.
type State int

// The reading states. Only Clear is stored without review.
const (
	// Clear: exactly one box is clearly marked (or, for an optional
	// question, clearly none is).
	Clear State = iota
	// Blank: no box is marked where an answer is expected.
	Blank
	// Faint: the strongest mark is too light to be sure.
	Faint
	// Double: two or more boxes are marked.
	Double
	// Unread: the question could not be read at all (its area is off the
	// image or damaged).
	Unread
)

// NoAnswer is the value meaning "no answer" in QuestionRead.Value.
const NoAnswer = -1

// QuestionRead is what reading found for one question on one page.
type QuestionRead struct {
	QuestionID uint32 `json:"q"`
	// Value is the suggested answer, NoAnswer for none.
	Value int   `json:"v"`
	State State `json:"s"`
	// Confidence is 0..1; review sorts by it, least sure first.
	Confidence float64 `json:"c"`
	// Scores is the ink of each box (0 = paper white, 1 = fully inked),
	// in the order of QuestionBoxes.Boxes; kept for audit.
	Scores []float64 `json:"scores,omitempty"`
}

// PageRead is the result of reading one page image.
type PageRead struct {
	// File and Index say where the page came from (Index from 0 within
	// a PDF or TIFF; 0 for a photo).
	File  string `json:"file"`
	Index int    `json:"index"`
	// Identified is true when the page's code was read and its layout
	// found; Code is then set.
	Identified bool `json:"identified"`
	Code       Code `json:"code"`
	// Problem says, in words for the user, why the page was not read
	// (empty when it was).
	Problem string `json:"problem,omitempty"`
	// PxPerMM is the resolution found from the corner squares.
	PxPerMM float64 `json:"pxmm,omitempty"`
	// Advice is set when the input is readable but poor (a
	// black-and-white scan, a compressed or blurred photo).
	Advice    string         `json:"advice,omitempty"`
	Questions []QuestionRead `json:"questions,omitempty"`
}
