package scan_test

import (
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
