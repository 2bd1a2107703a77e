package scan

import (
	"context"
	"errors"
	"image"
)

// This file is the reader's entry points. Their bodies are being built
// (issue 14); until then they report errNotBuilt so the batch and review
// code can be written against the final signatures.

var errNotBuilt = errors.New("scan: the page reader is not built yet")

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

// Pages calls fn with every page image in the file at path, in order: each
// page of a PDF (its page images) or of a multi-page TIFF, or the single
// image of a JPEG (turned upright by its EXIF orientation) or PNG. It stops
// when ctx is cancelled or fn returns an error, and returns that error.
func Pages(ctx context.Context, path string, fn func(Page) error) error {
	return errNotBuilt
}

// Read reads one page image: finds the corner squares, straightens the
// page, decodes its code, asks find for the layout and scores every box.
// It never fails: a page it cannot read comes back with Identified false
// and a Problem. The second result is the straightened page at RectPxPerMM
// (nil when the page was not identified), for review crops and audit.
func Read(p Page, find Finder) (*PageRead, *image.Gray) {
	return &PageRead{File: p.File, Index: p.Index, Problem: errNotBuilt.Error()}, nil
}

// Crop returns the part of a straightened page inside r (mm), clipped to
// the page.
func Crop(page *image.Gray, r Rect) *image.Gray {
	return nil
}
