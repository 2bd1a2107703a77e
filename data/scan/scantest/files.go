package scantest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"

	"github.com/signintech/gopdf"
)

// This file writes page images the way scanners and phones hand them
// over: multi-page TIFF, JPEG with an EXIF orientation, a PDF of scanned
// page images.

// TIFF returns an uncompressed 8-bit grey multi-page TIFF of pages
// (golang.org/x/image/tiff writes only one page).
func TIFF(pages ...*image.Gray) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("II*\x00")
	_ = binary.Write(&b, le, uint32(0)) // first IFD, patched below
	prevNext := 4
	for _, g := range pages {
		w, h := g.Rect.Dx(), g.Rect.Dy()
		dataOff := b.Len()
		for y := 0; y < h; y++ {
			b.Write(g.Pix[y*g.Stride : y*g.Stride+w])
		}
		if b.Len()%2 == 1 {
			b.WriteByte(0)
		}
		ifd := b.Len()
		raw := b.Bytes()
		le.PutUint32(raw[prevNext:], uint32(ifd))
		type ent struct {
			tag, typ uint16
			val      uint32
		}
		ents := []ent{
			{256, 4, uint32(w)}, {257, 4, uint32(h)}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
			{273, 4, uint32(dataOff)}, {277, 3, 1}, {278, 4, uint32(h)}, {279, 4, uint32(w * h)},
		}
		_ = binary.Write(&b, le, uint16(len(ents)))
		for _, e := range ents {
			_ = binary.Write(&b, le, e.tag)
			_ = binary.Write(&b, le, e.typ)
			_ = binary.Write(&b, le, uint32(1))
			if e.typ == 3 {
				_ = binary.Write(&b, le, uint16(e.val))
				_ = binary.Write(&b, le, uint16(0))
			} else {
				_ = binary.Write(&b, le, e.val)
			}
		}
		prevNext = b.Len()
		_ = binary.Write(&b, le, uint32(0))
	}
	return b.Bytes()
}

// JPEGWithOrientation encodes img as a JPEG at quality q carrying EXIF
// orientation o (1..8) in an APP1 segment.
func JPEGWithOrientation(img image.Image, o, q int) ([]byte, error) {
	var j bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: q}); err != nil {
		return nil, err
	}
	var t bytes.Buffer
	be := binary.BigEndian
	t.WriteString("MM\x00*")
	_ = binary.Write(&t, be, uint32(8))
	_ = binary.Write(&t, be, uint16(1))
	_ = binary.Write(&t, be, uint16(0x0112))
	_ = binary.Write(&t, be, uint16(3))
	_ = binary.Write(&t, be, uint32(1))
	_ = binary.Write(&t, be, uint16(o))
	_ = binary.Write(&t, be, uint16(0))
	_ = binary.Write(&t, be, uint32(0))
	app1 := append([]byte("Exif\x00\x00"), t.Bytes()...)
	var out bytes.Buffer
	out.Write(j.Bytes()[:2])
	out.Write([]byte{0xFF, 0xE1})
	_ = binary.Write(&out, be, uint16(len(app1)+2))
	out.Write(app1)
	out.Write(j.Bytes()[2:])
	return out.Bytes(), nil
}

// PDFOfImages returns a PDF with one A4 page per image (as JPEG at
// quality q), the way a scanner's "scan to PDF" writes a stack.
func PDFOfImages(q int, imgs ...image.Image) ([]byte, error) {
	js := make([][]byte, len(imgs))
	for i, img := range imgs {
		var j bytes.Buffer
		if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: q}); err != nil {
			return nil, err
		}
		js[i] = j.Bytes()
	}
	return PDFOfJPEGs(js...)
}

// PDFOfJPEGs returns a PDF with one A4 page per JPEG file.
func PDFOfJPEGs(jpegs ...[]byte) ([]byte, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	for i, j := range jpegs {
		h, err := gopdf.ImageHolderByBytes(j)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		pdf.AddPage()
		if err := pdf.ImageByHolder(h, 0, 0, gopdf.PageSizeA4); err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	var out bytes.Buffer
	if _, err := pdf.WriteTo(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// PDFRepeat returns an n-page A4 PDF whose pages all show the same JPEG
// (one image object, one content stream): a big scanned stack, written in
// milliseconds.
func PDFRepeat(jpg []byte, n int) []byte {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg))
	if err != nil {
		return nil
	}
	var b bytes.Buffer
	var offs []int
	obj := func(body string, stream []byte) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offs), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	var kids bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", 5+i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, kids.String()), nil)
	cs := "/DeviceGray"
	if cfg.ColorModel != nil && cfg.ColorModel != color.GrayModel {
		cs = "/DeviceRGB"
	}
	obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", cfg.Width, cfg.Height, cs, len(jpg)), jpg)
	content := []byte("q 595 0 0 842 0 0 cm /Im0 Do Q")
	obj(fmt.Sprintf("<< /Length %d >>", len(content)), content)
	for i := 0; i < n; i++ {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 3 0 R >> >> /Contents 4 0 R >>", nil)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}
