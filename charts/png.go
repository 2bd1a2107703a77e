package charts

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
)

// EncodePNG writes img to w as a PNG.
func EncodePNG(w io.Writer, img image.Image) error {
	if img == nil {
		return fmt.Errorf("charts: encode PNG: no image")
	}
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(w, img); err != nil {
		return fmt.Errorf("charts: encode PNG: %w", err)
	}
	return nil
}

// WritePNGFile writes img as a PNG file at path. It writes a temporary file
// in the same directory and renames it over path, so a crash or a full disk
// never leaves a half-written chart behind.
func WritePNGFile(path string, img image.Image) (err error) {
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
	if err = EncodePNG(tmp, img); err != nil {
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
