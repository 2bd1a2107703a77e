package charts

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
)

// EncodePNG writes img to w as a PNG. A dpi above 0 is stored in a pHYs
// chunk (pixels per metre), so word processors and print dialogs place
// the chart at its intended physical size: 1920 px at 144 DPI is 13.3 in
// wide, 2480 px at 300 DPI an A4 text width.
func EncodePNG(w io.Writer, img image.Image, dpi float64) error {
	if img == nil {
		return fmt.Errorf("charts: encode PNG: no image")
	}
	out := w
	if dpi > 0 && finite(dpi) {
		out = &physWriter{w: w, ppm: PixelsPerMetre(dpi)}
	}
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(out, img); err != nil {
		return fmt.Errorf("charts: encode PNG: %w", err)
	}
	return nil
}

// PixelsPerMetre is dpi as PNG's pHYs unit: 300 DPI is 11811 px/m.
func PixelsPerMetre(dpi float64) uint32 {
	return uint32(math.Round(dpi / 0.0254))
}

// pngHeadLen is the PNG signature and the IHDR chunk, which image/png
// writes first and pHYs must follow (it must come before IDAT).
const pngHeadLen = 8 + 4 + 4 + 13 + 4

// physWriter passes a PNG through, adding a pHYs chunk after IHDR.
type physWriter struct {
	w    io.Writer
	ppm  uint32
	n    int // bytes passed so far
	done bool
}

func (p *physWriter) Write(b []byte) (int, error) {
	if p.done {
		return p.w.Write(b)
	}
	head := min(len(b), pngHeadLen-p.n)
	if _, err := p.w.Write(b[:head]); err != nil {
		return 0, err
	}
	p.n += head
	if p.n < pngHeadLen {
		return len(b), nil
	}
	p.done = true
	if _, err := p.w.Write(physChunk(p.ppm)); err != nil {
		return head, err
	}
	if _, err := p.w.Write(b[head:]); err != nil {
		return head, err
	}
	return len(b), nil
}

// physChunk is a pHYs chunk of ppm pixels per metre both ways.
func physChunk(ppm uint32) []byte {
	c := make([]byte, 4+4+9+4)
	binary.BigEndian.PutUint32(c[0:], 9)
	copy(c[4:], "pHYs")
	binary.BigEndian.PutUint32(c[8:], ppm)
	binary.BigEndian.PutUint32(c[12:], ppm)
	c[16] = 1 // unit: metre
	binary.BigEndian.PutUint32(c[17:], crc32.ChecksumIEEE(c[4:17]))
	return c
}

// WritePNGFile writes img as a PNG file at path, with dpi in its pHYs
// chunk (see EncodePNG). It writes a temporary file
// in the same directory and renames it over path, so a crash or a full disk
// never leaves a half-written chart behind.
func WritePNGFile(path string, img image.Image, dpi float64) (err error) {
	if img == nil {
		return fmt.Errorf("charts: write %s: no image", path)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("charts: write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = EncodePNG(tmp, img, dpi); err != nil {
		return fmt.Errorf("charts: write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("charts: write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("charts: write %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("charts: write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("charts: write %s: %w", path, err)
	}
	return nil
}
