package scan

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// This file is the reader's entry points: Pages (files to page images),
// Read (one page image to a PageRead) and Crop (review crops). The steps
// of Read live in their own files: gray.go (grey conversion, scaling),
// corners.go (the four corner squares), homography.go (mm ↔ px),
// qr.go (the page code), boxes.go (ink in the boxes).

// RectPxPerMM is the resolution of the straightened page images Read
// returns (and Crop cuts from): 6 px per mm, about 150 dpi.
const RectPxPerMM = 6

// Finder returns the layout a page code names, or (nil, nil) when this
// database has no such layout (a form of another database or survey).
type Finder func(c Code) (*Layout, error)

// Page is one page image taken from a file.
type Page struct {
	File  string
	Index int // page within the file, from 0
	// Image is the decoded page; nil when Err says why it could not be
	// decoded (the file's other pages are still read).
	Image image.Image
	Err   error
}

// MaxPixels is the largest page image Pages decodes (80 Mpx, a 600 dpi A3
// scan has 70). A larger image is refused from its header, before any
// pixel is decoded.
const MaxPixels = 80_000_000

// MinPxPerMM is the lowest resolution Read reads (about 75 dpi: a photo
// sent through a chat app still reads; a 75 dpi scan does not).
const MinPxPerMM = 3.0

// The messages Read and Pages put in PageRead.Problem / PageRead.Advice
// and Page.Err. They are English sentences; the ones with a %-verb take
// one argument.
const (
	MsgNoImage      = "this PDF page has no scanned image; export the scan as images or rescan"
	MsgEncrypted    = "this PDF is password-protected; save it without a password and scan it again"
	MsgTooLarge     = "the image is too large (%d×%d pixels); scan at 200–300 dpi"
	MsgLowRes       = "the scan's resolution is too low (%d dpi); scan at 200–300 dpi"
	MsgBlank        = "the page is blank"
	MsgNoCorners    = "the four corner squares of a CSAT Desk form were not found on this page (not a form, or a corner is cut off or covered)"
	MsgNoCode       = "the page's QR code could not be read"
	MsgNotOurs      = "this page's QR code is not a CSAT Desk form's (another app's code)"
	MsgOtherSurvey  = "this is a form of another survey or database"
	MsgBadCode      = "the page's QR code is damaged or from another version of CSAT Desk"
	MsgBadLayout    = "the form's layout could not be loaded: %v"
	MsgUnsupported  = "this file type cannot be read; use PDF, TIFF, JPEG or PNG"
	AdviceGrey      = "this is a black-and-white scan: light marks may be lost; scan in greyscale"
	AdviceSharper   = "this photo is blurred or heavily compressed; take a sharper photo (or send it as a file, not compressed by a chat app)"
	AdviceLowDetail = "the page was photographed or scanned at a low resolution; scan at 200–300 dpi or take a closer photo"
)

// Pages calls fn with every page image in the file at path, in order: each
// page of a PDF (its page images) or of a multi-page TIFF, or the single
// image of a JPEG (turned upright by its EXIF orientation) or PNG. It stops
// when ctx is cancelled or fn returns an error, and returns that error.
func Pages(ctx context.Context, path string, fn func(Page) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer f.Close()
	var head [16]byte
	n, _ := f.ReadAt(head[:], 0)
	kind := sniff(head[:n])
	if kind == "" {
		kind = strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	}
	switch kind {
	case "pdf":
		return pdfPages(ctx, f, path, fn)
	case "tif", "tiff":
		return tiffPages(ctx, f, path, fn)
	case "jpg", "jpeg", "png", "gif", "bmp":
		img, err := decodeImageFile(f)
		return fn(Page{File: path, Image: img, Err: err})
	}
	return fn(Page{File: path, Err: errors.New(MsgUnsupported)})
}

// sniff names a file type from its first bytes ("" when unknown).
func sniff(b []byte) string {
	switch {
	case len(b) >= 5 && string(b[:5]) == "%PDF-":
		return "pdf"
	case len(b) >= 4 && (string(b[:4]) == "II*\x00" || string(b[:4]) == "MM\x00*"):
		return "tif"
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return "jpg"
	case len(b) >= 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return "png"
	}
	return ""
}

// Read reads one page image: finds the corner squares, straightens the
// page, decodes its code, asks find for the layout and scores every box.
// It never fails: a page it cannot read comes back with Identified false
// and a Problem. The second result is the straightened page at RectPxPerMM
// (nil when the page was not identified), for review crops and audit.
func Read(p Page, find Finder) (pr *PageRead, rect *image.Gray) {
	pr = &PageRead{File: p.File, Index: p.Index}
	defer func() {
		if r := recover(); r != nil {
			// A reader bug must not take the batch down: the page goes to
			// review with the reason.
			pr = &PageRead{File: p.File, Index: p.Index, Problem: fmt.Sprintf("the page could not be read (internal error: %v)", r)}
			rect = nil
		}
	}()
	if p.Err != nil {
		pr.Problem = p.Err.Error()
		return pr, nil
	}
	if p.Image == nil || p.Image.Bounds().Dx() < 8 || p.Image.Bounds().Dy() < 8 {
		pr.Problem = MsgBlank
		return pr, nil
	}
	b := p.Image.Bounds()
	if int64(b.Dx())*int64(b.Dy()) > MaxPixels {
		pr.Problem = fmt.Sprintf(MsgTooLarge, b.Dx(), b.Dy())
		return pr, nil
	}
	g := toGray(p.Image)
	rect = readGray(g, find, pr)
	return pr, rect
}

// Crop returns the part of a straightened page inside r (mm), clipped to
// the page.
func Crop(page *image.Gray, r Rect) *image.Gray {
	if page == nil {
		return image.NewGray(image.Rect(0, 0, 0, 0))
	}
	x0 := int(math.Floor(r.X * RectPxPerMM))
	y0 := int(math.Floor(r.Y * RectPxPerMM))
	x1 := int(math.Ceil((r.X + r.W) * RectPxPerMM))
	y1 := int(math.Ceil((r.Y + r.H) * RectPxPerMM))
	cr := image.Rect(x0, y0, x1, y1).Add(page.Rect.Min).Intersect(page.Rect)
	out := image.NewGray(image.Rect(0, 0, cr.Dx(), cr.Dy()))
	for y := 0; y < cr.Dy(); y++ {
		copy(out.Pix[y*out.Stride:y*out.Stride+cr.Dx()], page.Pix[page.PixOffset(cr.Min.X, cr.Min.Y+y):])
	}
	return out
}

// Accepted reports whether q may be stored without review: it was read
// clearly, or it is a cleanly empty optional question.
func (q QuestionRead) Accepted(optional bool) bool {
	if q.State == Clear {
		return true
	}
	return optional && q.State == Blank && q.Confidence >= 0.9
}
