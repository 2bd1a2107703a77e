package scan_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"csatdesk/data"
	"csatdesk/data/paperform"
	"csatdesk/data/scan"
	"csatdesk/data/scan/scantest"
)

// The Bad input table of issue 14: every input gets a clear message per
// page, never a panic or a hang.

var (
	quickOnce    sync.Once
	quickCorpus  *scantest.Corpus
	quickSamples = map[scantest.Class]scantest.Sample{}
	quickMu      sync.Mutex
)

// sample returns (and caches) the i-th page of class cl of the corpus
// drawn by scantest's own rasteriser.
func sample(t testing.TB, cl scantest.Class) (scantest.Sample, *scantest.Corpus) {
	t.Helper()
	quickOnce.Do(func() { quickCorpus = scantest.New(3) })
	quickMu.Lock()
	defer quickMu.Unlock()
	s, ok := quickSamples[cl]
	if !ok {
		s = quickCorpus.Sample(cl, 0)
		quickSamples[cl] = s
	}
	return s, quickCorpus
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// allPages collects Pages' pages of path.
func allPages(t *testing.T, path string) ([]scan.Page, error) {
	t.Helper()
	var out []scan.Page
	err := scan.Pages(context.Background(), path, func(p scan.Page) error {
		out = append(out, p)
		return nil
	})
	return out, err
}

func TestAPDFWithoutImagesSaysSoPerPage(t *testing.T) {
	sv := data.Survey{ID: 9, Version: 1, Name: "Vector", Language: "en"}
	for i := 0; i < 14; i++ {
		sv.AddQuestion(data.NewQuestion(data.KindNPS, "Would you recommend us?", 11))
	}
	var buf bytes.Buffer
	if err := paperform.Write(&buf, sv, paperform.Options{Count: 2}); err != nil {
		t.Fatal(err)
	}
	pages, err := allPages(t, writeFile(t, "printed.pdf", buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("got %d pages, want one per printed page", len(pages))
	}
	for _, p := range pages {
		if p.Err == nil || p.Err.Error() != scan.MsgNoImage {
			t.Errorf("page %d: err %v, want %q", p.Index, p.Err, scan.MsgNoImage)
		}
		if pr, _ := scan.Read(p, nil); pr.Problem != scan.MsgNoImage {
			t.Errorf("page %d: Read says %q", p.Index, pr.Problem)
		}
	}
}

func TestAScannedPDFIsReadPageByPage(t *testing.T) {
	s, c := sample(t, scantest.Scan150)
	blank := image.NewGray(image.Rect(0, 0, 400, 560))
	for i := range blank.Pix {
		blank.Pix[i] = 250
	}
	pdf, err := scantest.PDFOfImages(80, s.Image, blank)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := allPages(t, writeFile(t, "scan.pdf", pdf))
	if err != nil || len(pages) != 2 {
		t.Fatalf("pages %d, err %v", len(pages), err)
	}
	pr, page := scan.Read(pages[0], c.Finder())
	if !pr.Identified || pr.Code != s.Code || page == nil {
		t.Fatalf("page 1: %+v", pr)
	}
	if pr.File != pages[0].File || pr.Index != 0 {
		t.Errorf("page 1 comes from %s #%d", pr.File, pr.Index)
	}
	if r := scantest.Check(s, pr); r.Silent > 0 {
		t.Errorf("silent errors: %v", r.Wrong)
	}
	if pr, _ := scan.Read(pages[1], c.Finder()); pr.Identified || pr.Problem != scan.MsgBlank || pr.Index != 1 {
		t.Errorf("page 2: %+v", pr)
	}
}

func TestAnEncryptedPDFIsRefusedClearly(t *testing.T) {
	s, _ := sample(t, scantest.Scan150)
	pdf, err := scantest.PDFOfImages(60, s.Image)
	if err != nil {
		t.Fatal(err)
	}
	var enc bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &enc, model.NewAESConfiguration("user", "owner", 256)); err != nil {
		t.Fatal(err)
	}
	pages, err := allPages(t, writeFile(t, "locked.pdf", enc.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || pages[0].Err == nil || pages[0].Err.Error() != scan.MsgEncrypted {
		t.Fatalf("pages %+v", pages)
	}
}

func TestA2000PagePDFStreams(t *testing.T) {
	t0 := time.Now()
	var tiny bytes.Buffer
	if err := jpeg.Encode(&tiny, image.NewGray(image.Rect(0, 0, 32, 45)), nil); err != nil {
		t.Fatal(err)
	}
	pdf := scantest.PDFRepeat(tiny.Bytes(), 2000)
	t.Logf("PDF written (%d KB) in %v", len(pdf)>>10, time.Since(t0))
	path := writeFile(t, "big.pdf", pdf)
	start := time.Now()
	n := 0
	err := scan.Pages(context.Background(), path, func(p scan.Page) error {
		if p.Index != n || p.Err != nil || p.Image == nil {
			t.Fatalf("page %d: index %d err %v", n, p.Index, p.Err)
		}
		n++
		return nil
	})
	if err != nil || n != 2000 {
		t.Fatalf("%d pages, err %v", n, err)
	}
	t.Logf("2,000 pages in %v", time.Since(start))
	// Cancelling stops at once.
	start = time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = scan.Pages(ctx, path, func(p scan.Page) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	t.Logf("cancelled after %v", time.Since(start))
	if !errors.Is(err, context.Canceled) || n != 10 {
		t.Fatalf("after cancel: %d pages, err %v", n, err)
	}
}

// hugePNG returns the header of a w×h PNG (no pixel data).
func hugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grey
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// bigImage claims to be 20,000×20,000 pixels and has none: reading a
// pixel panics.
type bigImage struct{}

func (bigImage) ColorModel() color.Model { return color.GrayModel }
func (bigImage) Bounds() image.Rectangle { return image.Rect(0, 0, 20000, 20000) }
func (bigImage) At(x, y int) color.Color { panic("a pixel of the huge image was read") }

func TestA20000x20000ImageIsRefusedFromItsHeader(t *testing.T) {
	pages, err := allPages(t, writeFile(t, "huge.png", hugePNG(20000, 20000)))
	if err != nil || len(pages) != 1 {
		t.Fatalf("pages %d err %v", len(pages), err)
	}
	if pages[0].Err == nil || !strings.Contains(pages[0].Err.Error(), "too large (20000×20000") {
		t.Fatalf("err %v", pages[0].Err)
	}
	pr, _ := scan.Read(scan.Page{Image: bigImage{}}, nil)
	if !strings.Contains(pr.Problem, "too large") {
		t.Fatalf("Read of a 20000×20000 image: %q", pr.Problem)
	}
}

func TestATruncatedTIFFKeepsItsEarlierPages(t *testing.T) {
	s1, c := sample(t, scantest.Scan150)
	g := s1.Image.(*image.Gray)
	tif := scantest.TIFF(g, g, g)
	// Cut into the third page's pixels.
	third := len(tif) - 200 - g.Rect.Dx()*g.Rect.Dy()/2
	pages, err := allPages(t, writeFile(t, "stack.tif", tif[:third]))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3 (two good, one broken)", len(pages))
	}
	for i := 0; i < 2; i++ {
		if pages[i].Err != nil {
			t.Fatalf("page %d: %v", i, pages[i].Err)
		}
		if pr, _ := scan.Read(pages[i], c.Finder()); !pr.Identified {
			t.Errorf("page %d: %s", i, pr.Problem)
		}
	}
	if pages[2].Err == nil {
		t.Fatal("the cut page has no error")
	}
	if pr, _ := scan.Read(pages[2], c.Finder()); pr.Problem == "" {
		t.Error("the cut page has no problem")
	}
	// A whole multi-page TIFF gives every page.
	pages, _ = allPages(t, writeFile(t, "whole.tif", tif))
	if len(pages) != 3 || pages[2].Err != nil {
		t.Fatalf("whole TIFF: %d pages", len(pages))
	}
}

func TestFormsOfAnotherSurveyOrAppAreNamed(t *testing.T) {
	s, c := sample(t, scantest.Scan150)
	none := func(scan.Code) (*scan.Layout, error) { return nil, nil }
	if pr, _ := scan.Read(scan.Page{Image: s.Image}, none); pr.Identified || pr.Problem != scan.MsgOtherSurvey {
		t.Errorf("another survey: %+v", pr)
	}
	broken := func(scan.Code) (*scan.Layout, error) { return nil, errors.New("disk on fire") }
	if pr, _ := scan.Read(scan.Page{Image: s.Image}, broken); !strings.Contains(pr.Problem, "disk on fire") {
		t.Errorf("finder error: %q", pr.Problem)
	}
	// Another app's QR code in the same place.
	other := c.SampleWithCode(scantest.Scan150, 0, "https://example.com/menu").Image
	if pr, _ := scan.Read(scan.Page{Image: other}, c.Finder()); pr.Problem != scan.MsgNotOurs {
		t.Errorf("another app's code: %+v", pr)
	}
}

func TestBlankUpsideDownSidewaysAndScreenPages(t *testing.T) {
	_, c := sample(t, scantest.Scan150)
	blank := image.NewGray(image.Rect(0, 0, 1650, 2330))
	for i := range blank.Pix {
		blank.Pix[i] = uint8(236 + i%7)
	}
	if pr, _ := scan.Read(scan.Page{Image: blank}, c.Finder()); pr.Problem != scan.MsgBlank {
		t.Errorf("blank: %q", pr.Problem)
	}
	s, _ := sample(t, scantest.Scan150)
	g := s.Image.(*image.Gray)
	for _, turn := range []int{1, 2, 3} {
		r := rotate(g, turn)
		pr, page := scan.Read(scan.Page{Image: r}, c.Finder())
		if !pr.Identified || page == nil {
			t.Errorf("turned %d×90°: %q", turn, pr.Problem)
			continue
		}
		if res := scantest.Check(s, pr); res.Silent > 0 || res.Accepted < res.Questions*8/10 {
			t.Errorf("turned %d×90°: %d of %d accepted, silent %v", turn, res.Accepted, res.Questions, res.Wrong)
		}
	}
	screen := c.Sample(scantest.Screen, 0).Image
	pr, _ := scan.Read(scan.Page{Image: screen}, c.Finder())
	if !pr.Identified && pr.Problem == "" {
		t.Error("a photo of a screen: no reading and no problem")
	}
	if pr.Identified {
		if res := scantest.Check(c.Sample(scantest.Screen, 0), pr); res.Silent > 0 {
			t.Errorf("a photo of a screen: silent errors %v", res.Wrong)
		}
	}
	t.Logf("photo of a screen: identified %v, problem %q, advice %q", pr.Identified, pr.Problem, pr.Advice)
}

// rotate turns g by turn quarter turns clockwise.
func rotate(g *image.Gray, turn int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ow, oh := w, h
	if turn%2 == 1 {
		ow, oh = h, w
	}
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var u, v int
			switch turn {
			case 1:
				u, v = h-1-y, x
			case 2:
				u, v = w-1-x, h-1-y
			case 3:
				u, v = y, w-1-x
			}
			out.Pix[v*out.Stride+u] = g.Pix[y*g.Stride+x]
		}
	}
	return out
}

func TestJPEGOrientationAndPNG(t *testing.T) {
	s, c := sample(t, scantest.Scan150)
	g := s.Image.(*image.Gray)
	// A camera stores the picture turned and says so in EXIF: 6 means
	// "turn 90° clockwise to view".
	j, err := scantest.JPEGWithOrientation(rotate(g, 3), 6, 90)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := allPages(t, writeFile(t, "photo.jpg", j))
	if err != nil || len(pages) != 1 || pages[0].Err != nil {
		t.Fatalf("jpeg: %v %v", err, pages)
	}
	if b := pages[0].Image.Bounds(); b.Dx() != g.Rect.Dx() || b.Dy() != g.Rect.Dy() {
		t.Fatalf("jpeg not turned upright: %v", b)
	}
	if pr, _ := scan.Read(pages[0], c.Finder()); !pr.Identified {
		t.Fatalf("jpeg: %s", pr.Problem)
	}
	var pb bytes.Buffer
	if err := png.Encode(&pb, g); err != nil {
		t.Fatal(err)
	}
	pages, err = allPages(t, writeFile(t, "scan.png", pb.Bytes()))
	if err != nil || len(pages) != 1 {
		t.Fatal(err)
	}
	if pr, _ := scan.Read(pages[0], c.Finder()); !pr.Identified {
		t.Fatalf("png: %s", pr.Problem)
	}
	pages, _ = allPages(t, writeFile(t, "notes.txt", []byte("hello")))
	if len(pages) != 1 || pages[0].Err == nil || pages[0].Err.Error() != scan.MsgUnsupported {
		t.Fatalf("text file: %+v", pages)
	}
}

func TestEveryEXIFOrientationIsUndone(t *testing.T) {
	// A 3×2 image with distinct pixels; each orientation's stored form
	// must come back as the original.
	src := image.NewGray(image.Rect(0, 0, 3, 2))
	copy(src.Pix, []uint8{10, 60, 110, 160, 210, 250})
	stored := map[int]func(*image.Gray) *image.Gray{
		1: func(g *image.Gray) *image.Gray { return g },
		3: func(g *image.Gray) *image.Gray { return rotate(g, 2) },
		6: func(g *image.Gray) *image.Gray { return rotate(g, 3) },
		8: func(g *image.Gray) *image.Gray { return rotate(g, 1) },
	}
	for o, f := range stored {
		got := scan.Orient(f(src), o)
		if got.Rect != src.Rect || !bytes.Equal(got.Pix, src.Pix) {
			t.Errorf("orientation %d: got %v", o, got.Pix)
		}
	}
}

func TestALowResolutionScanIsNamed(t *testing.T) {
	s, c := sample(t, scantest.Scan150)
	g := s.Image.(*image.Gray)
	// 50 dpi: every 3×3 pixels averaged.
	w, h := g.Rect.Dx()/3, g.Rect.Dy()/3
	low := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum := 0
			for k := 0; k < 9; k++ {
				sum += int(g.Pix[(3*y+k/3)*g.Stride+3*x+k%3])
			}
			low.Pix[y*low.Stride+x] = uint8(sum / 9)
		}
	}
	pr, _ := scan.Read(scan.Page{Image: low}, c.Finder())
	if pr.Identified || !strings.Contains(pr.Problem, "resolution is too low") || !strings.Contains(pr.Problem, "scan at 200–300 dpi") {
		t.Fatalf("50 dpi: %+v", pr)
	}
	t.Log(pr.Problem)
}

func TestReadingAPDFWritesNothingToTheUsersConfig(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	s, _ := sample(t, scantest.Scan150)
	pdf, err := scantest.PDFOfImages(60, s.Image)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := allPages(t, writeFile(t, "scan.pdf", pdf)); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(home); len(entries) > 0 {
		t.Fatalf("reading a PDF wrote %v into the home folder", entries[0].Name())
	}
}
