package scan_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"csatdesk/data/scan"
	"csatdesk/data/scan/scantest"
)

// FuzzRead reads tiny images of any content: Read must answer (a reading
// or a problem), never panic or hang.
func FuzzRead(f *testing.F) {
	f.Add([]byte{8, 8, 0, 255})
	f.Add([]byte{40, 60, 0, 0, 0, 255, 255, 255, 0, 255})
	f.Add(bytes.Repeat([]byte{63, 63, 0}, 100))
	lay := scantest.MakeLayout(scantest.Surveys()[0])
	find := scantest.Finder(lay)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 3 {
			return
		}
		w, h := 1+int(b[0])%96, 1+int(b[1])%96
		g := image.NewGray(image.Rect(0, 0, w, h))
		px := b[2:]
		for i := range g.Pix {
			g.Pix[i] = px[i%len(px)]
		}
		pr, page := scan.Read(scan.Page{Image: g}, find)
		if pr == nil || (!pr.Identified && pr.Problem == "") || (pr.Identified && page == nil) {
			t.Fatalf("no answer: %+v", pr)
		}
	})
}

// FuzzPages opens files of any content as PDF, TIFF, JPEG or PNG: Pages
// must give pages or errors, never panic or hang.
func FuzzPages(f *testing.F) {
	g := image.NewGray(image.Rect(0, 0, 12, 9))
	var j, p bytes.Buffer
	_ = jpeg.Encode(&j, g, nil)
	_ = png.Encode(&p, g)
	f.Add(j.Bytes())
	f.Add(p.Bytes())
	f.Add(scantest.TIFF(g, g))
	f.Add(scantest.PDFRepeat(j.Bytes(), 2))
	f.Add([]byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "in")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		n := 0
		err := scan.Pages(context.Background(), path, func(p scan.Page) error {
			n++
			if p.Image == nil && p.Err == nil {
				t.Fatalf("page %d has neither an image nor an error", p.Index)
			}
			if p.Image != nil {
				if b := p.Image.Bounds(); int64(b.Dx())*int64(b.Dy()) > scan.MaxPixels {
					t.Fatalf("page %d is over the pixel budget: %v", p.Index, b)
				}
			}
			return nil
		})
		if err == nil && n == 0 {
			t.Fatal("no page and no error")
		}
	})
}
