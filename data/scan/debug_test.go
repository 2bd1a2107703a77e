package scan_test

import (
	"image"
	"image/png"
	"os"
	"strconv"
	"testing"

	"csatdesk/data/scan"
	"csatdesk/data/scan/scantest"
)

func TestDebugDump(t *testing.T) {
	cl := os.Getenv("DUMP_CLASS")
	if cl == "" {
		t.Skip()
	}
	i, _ := strconv.Atoi(os.Getenv("DUMP_I"))
	c := scantest.New(1)
	if os.Getenv("PRINTED") != "" {
		c, _ = scantest.NewPrinted(1)
	}
	s := c.Sample(scantest.Class(cl), i)
	pr, page := scan.Read(scan.Page{Image: s.Image}, c.Finder())
	t.Logf("%+v", pr)
	f, _ := os.Create("/tmp/sr-orig.png")
	png.Encode(f, s.Image)
	f.Close()
	if page != nil {
		f, _ = os.Create("/tmp/sr-page.png")
		png.Encode(f, page)
		f.Close()
	}
}

func TestDebugCrop(t *testing.T) {
	cl := os.Getenv("DUMP_CLASS")
	if cl == "" {
		t.Skip()
	}
	i, _ := strconv.Atoi(os.Getenv("DUMP_I"))
	q, _ := strconv.Atoi(os.Getenv("DUMP_Q"))
	c := scantest.New(1)
	if os.Getenv("PRINTED") != "" {
		c, _ = scantest.NewPrinted(1)
	}
	s := c.Sample(scantest.Class(cl), i)
	_, page := scan.Read(scan.Page{Image: s.Image}, c.Finder())
	for _, qb := range s.Layout.Pages[s.Code.Page-1].Questions {
		if int(qb.QuestionID) != q {
			continue
		}
		b := qb.Boxes[len(qb.Boxes)-1].R
		g := scan.Crop(page, scan.Rect{X: b.X - 3, Y: b.Y - 3, W: b.W + 6, H: b.H + 6})
		big := image.NewGray(image.Rect(0, 0, g.Rect.Dx()*10, g.Rect.Dy()*10))
		for y := 0; y < big.Rect.Dy(); y++ {
			for x := 0; x < big.Rect.Dx(); x++ {
				big.Pix[y*big.Stride+x] = g.Pix[(y/10)*g.Stride+x/10]
			}
		}
		f, _ := os.Create("/tmp/sr-box.png")
		png.Encode(f, big)
		f.Close()
	}
}
