package scan_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"csatdesk/data/scan"
	"csatdesk/data/scan/scantest"
)

// TestDumpPage writes one corpus page and its straightened reading to
// a folder, to look at: CSATDESK_SCAN_DUMP="phone photo, full resolution:3"
// (class:index) and CSATDESK_SCAN_DUMP_DIR (default the temp folder).
func TestDumpPage(t *testing.T) {
	spec := os.Getenv("CSATDESK_SCAN_DUMP")
	if spec == "" {
		t.Skip("set CSATDESK_SCAN_DUMP=class:index")
	}
	cl, idx, _ := strings.Cut(spec, ":")
	i, _ := strconv.Atoi(idx)
	dir := os.Getenv("CSATDESK_SCAN_DUMP_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	c := corpus(t, 11)
	s := c.Sample(scantest.Class(cl), i)
	pr, page := scan.Read(scan.Page{Image: s.Image}, c.Finder())
	fmt.Printf("%s (%s)\n%+v\n%+v\n", s.Name, s.Notes, scantest.Check(s, pr), pr)
	if f, err := os.Create(filepath.Join(dir, "scan-orig.png")); err == nil {
		_ = png.Encode(f, s.Image)
		f.Close()
	}
	if page != nil {
		if f, err := os.Create(filepath.Join(dir, "scan-page.png")); err == nil {
			_ = png.Encode(f, page)
			f.Close()
		}
	}
}
