package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // scans saved as GIF
	_ "image/jpeg" // photos
	_ "image/png"  // photos and scans saved as PNG
	"io"
	"os"
	"strings"

	_ "golang.org/x/image/bmp" // scans saved as BMP
	"golang.org/x/image/tiff"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// This file turns files into page images: PDF (the page images, one page
// at a time), multi-page TIFF (every page, each on its own), JPEG (EXIF
// orientation applied), PNG. Every image is checked against MaxPixels from
// its header before it is decoded.

func init() {
	// pdfcpu would otherwise write a config folder (config.yml, fonts,
	// certificates) into the user's config directory on first use, and
	// exit the program if it could not.
	model.ConfigPath = "disable"
}

// decodeLimited decodes one image from data after checking its size.
func decodeLimited(data []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the image cannot be decoded: %w", err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, fmt.Errorf(MsgTooLarge, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the image cannot be decoded: %w", err)
	}
	return img, nil
}

// maxFileBytes is the largest single image file read into memory.
const maxFileBytes = 1 << 30

// decodeImageFile decodes a JPEG, PNG, GIF or BMP file, turning a JPEG
// upright by its EXIF orientation.
func decodeImageFile(f *os.File) (image.Image, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	if st.Size() > maxFileBytes {
		return nil, fmt.Errorf("the file is too large (%d MB)", st.Size()>>20)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("scan: reading %s: %w", f.Name(), err)
	}
	img, err := decodeLimited(data)
	if err != nil {
		return nil, err
	}
	if o := exifOrientation(data); o > 1 {
		img = orient(toGray(img), o)
	}
	return img, nil
}

// exifOrientation returns the EXIF orientation (1..8) of a JPEG, 1 when
// it has none.
func exifOrientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 1
	}
	p := 2
	for p+4 <= len(data) {
		if data[p] != 0xFF {
			return 1
		}
		m := data[p+1]
		if m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 || m == 0xFF {
			p += 2
			if m == 0xFF {
				p--
			}
			continue
		}
		if m == 0xDA || m == 0xD9 {
			return 1 // image data: no EXIF before it
		}
		n := int(binary.BigEndian.Uint16(data[p+2:]))
		if n < 2 || p+2+n > len(data) {
			return 1
		}
		seg := data[p+4 : p+2+n]
		if m == 0xE1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		p += 2 + n
	}
	return 1
}

// tiffOrientation reads tag 0x0112 of IFD0 of a TIFF structure.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	n := int(bo.Uint16(t[off:]))
	for i := 0; i < n; i++ {
		e := off + 2 + 12*i
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			v := int(bo.Uint16(t[e+8:]))
			if v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient applies EXIF orientation o to g: the result is what the camera
// saw upright.
func orient(g *image.Gray, o int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride:]
		for x := 0; x < w; x++ {
			var u, v int
			switch o {
			case 2:
				u, v = w-1-x, y
			case 3:
				u, v = w-1-x, h-1-y
			case 4:
				u, v = x, h-1-y
			case 5:
				u, v = y, x
			case 6:
				u, v = h-1-y, x
			case 7:
				u, v = h-1-y, w-1-x
			case 8:
				u, v = y, w-1-x
			default:
				u, v = x, y
			}
			out.Pix[v*out.Stride+u] = row[x]
		}
	}
	return out
}

// tiffView is a TIFF file seen as if its first page were page ifd: the
// header's first-IFD offset is replaced, everything else read through.
type tiffView struct {
	f   io.ReaderAt
	hdr [8]byte
	pos int64
}

func (v *tiffView) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for off < 8 && len(p) > 0 {
		p[0] = v.hdr[off]
		p = p[1:]
		off++
		n++
	}
	if len(p) == 0 {
		return n, nil
	}
	m, err := v.f.ReadAt(p, off)
	return n + m, err
}

func (v *tiffView) Read(p []byte) (int, error) {
	n, err := v.ReadAt(p, v.pos)
	v.pos += int64(n)
	return n, err
}

// maxTIFFPages bounds a TIFF's page walk (a loop of IFDs ends it too).
const maxTIFFPages = 100_000

// tiffPages calls fn with each page of a (multi-page) TIFF.
func tiffPages(ctx context.Context, f *os.File, path string, fn func(Page) error) error {
	var hdr [8]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return fn(Page{File: path, Err: fmt.Errorf("the TIFF file is damaged: %w", err)})
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if hdr[0] == 'M' {
		bo = binary.BigEndian
	}
	off := int64(bo.Uint32(hdr[4:]))
	if off == 0 {
		return fn(Page{File: path, Err: errors.New("the TIFF file has no pages")})
	}
	seen := map[int64]bool{}
	for i := 0; off != 0 && i < maxTIFFPages; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if seen[off] {
			break
		}
		seen[off] = true
		v := &tiffView{f: f, hdr: hdr}
		bo.PutUint32(v.hdr[4:], uint32(off))
		p := Page{File: path, Index: i}
		p.Image, p.Err = decodeTIFFPage(v)
		// The next page's offset, after the entries.
		var nb [2]byte
		next := int64(0)
		if _, err := f.ReadAt(nb[:], off); err == nil {
			cnt := int64(bo.Uint16(nb[:]))
			var ob [4]byte
			if _, err := f.ReadAt(ob[:], off+2+12*cnt); err == nil {
				next = int64(bo.Uint32(ob[:]))
			}
		} else if p.Err == nil {
			p.Err = errors.New("the TIFF page is damaged (cut short)")
		}
		if err := fn(p); err != nil {
			return err
		}
		off = next
	}
	return nil
}

// decodeTIFFPage decodes the first page of v after checking its size.
func decodeTIFFPage(v *tiffView) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("the TIFF page is damaged: %v", r)
		}
	}()
	cfg, err := tiff.DecodeConfig(v)
	if err != nil {
		return nil, fmt.Errorf("the TIFF page is damaged: %w", err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, fmt.Errorf(MsgTooLarge, cfg.Width, cfg.Height)
	}
	v.pos = 0
	img, err = tiff.Decode(v)
	if err != nil {
		return nil, fmt.Errorf("the TIFF page is damaged: %w", err)
	}
	return img, nil
}

// pdfPages calls fn with the scanned image of each page of a PDF. The
// document's structure is read once; each page's image is decoded only
// when its turn comes, and dropped after (with its compressed bytes once
// no later page shows it). pdfcpu reads every object's compressed bytes
// up front, so a PDF costs about its file size in memory at the start,
// never its decoded pages.
func pdfPages(ctx context.Context, f *os.File, path string, fn func(Page) error) (err error) {
	var pc *model.Context
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("the PDF is damaged: %v", r)
			}
		}()
		conf := model.NewDefaultConfiguration()
		conf.Cmd = model.EXTRACTIMAGES
		conf.ValidationMode = model.ValidationRelaxed
		pc, err = api.ReadValidateAndOptimize(f, conf)
	}()
	if err != nil {
		msg := strings.ToLower(err.Error())
		if strings.Contains(msg, "password") || strings.Contains(msg, "encrypt") {
			return fn(Page{File: path, Err: errors.New(MsgEncrypted)})
		}
		return fn(Page{File: path, Err: fmt.Errorf("the PDF cannot be read: %w", err)})
	}
	if pc.Encrypt != nil && pc.E != nil && len(pc.UserPW) > 0 {
		return fn(Page{File: path, Err: errors.New(MsgEncrypted)})
	}
	if pc.PageCount < 1 {
		return fn(Page{File: path, Err: errors.New("the PDF has no pages")})
	}
	for i := 1; i <= pc.PageCount; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := Page{File: path, Index: i - 1}
		p.Image, p.Err = pdfPageImage(pc, i)
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// pdfPageImage decodes the largest image of page n (from 1).
func pdfPageImage(pc *model.Context, n int) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("the PDF page is damaged: %v", r)
		}
	}()
	objs := pdfcpu.ImageObjNrs(pc, n)
	if len(objs) == 0 {
		return nil, errors.New(MsgNoImage)
	}
	var best []byte
	bestPx := int64(-1)
	for _, nr := range objs {
		obj := pc.Optimize.ImageObjects[nr]
		if obj == nil || obj.ImageDict == nil {
			continue
		}
		w := obj.ImageDict.IntEntry("Width")
		h := obj.ImageDict.IntEntry("Height")
		if w != nil && h != nil && int64(*w)*int64(*h) > MaxPixels {
			return nil, fmt.Errorf(MsgTooLarge, *w, *h)
		}
		mi, err := pdfcpu.ExtractImage(pc, obj.ImageDict, false, obj.ResourceNames[n-1], nr, false)
		if err != nil || mi == nil || mi.Reader == nil {
			continue
		}
		data, err := readAllLimited(mi.Reader)
		// The decoded stream is not needed again, nor the encoded one
		// when no later page shows this image.
		obj.ImageDict.Content = nil
		last := true
		for pn := range obj.ResourceNames {
			if pn > n-1 {
				last = false
			}
		}
		if last {
			obj.ImageDict.Raw = nil
		}
		if err != nil {
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			continue
		}
		if px := int64(cfg.Width) * int64(cfg.Height); px > bestPx {
			best, bestPx = data, px
		}
	}
	if best == nil {
		return nil, errors.New("this PDF page's image is in a format that cannot be read (JBIG2 or JPEG 2000); export the scan as TIFF, PNG or JPEG")
	}
	return decodeLimited(best)
}

func readAllLimited(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxFileBytes {
		return nil, errors.New("the page image is too large")
	}
	return b, nil
}
