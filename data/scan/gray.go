package scan

import (
	"image"
	"image/color"
)

// toGray returns img as an 8-bit grey image whose bounds start at (0,0).
// JPEG images (YCbCr) give their luma plane without any conversion.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.Gray:
		if b.Min == (image.Point{}) {
			return m
		}
		out := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			copy(out.Pix[y*w:(y+1)*w], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):])
		}
		return out
	case *image.YCbCr:
		out := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			copy(out.Pix[y*w:(y+1)*w], m.Y[m.YOffset(b.Min.X, b.Min.Y+y):])
		}
		return out
	case *image.RGBA:
		out := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			o := out.Pix[y*w : (y+1)*w]
			for x := range o {
				r, g, bb := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2])
				o[x] = uint8((19595*r + 38470*g + 7471*bb + 1<<15) >> 16)
			}
		}
		return out
	case *image.NRGBA:
		out := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			o := out.Pix[y*w : (y+1)*w]
			for x := range o {
				r, g, bb, a := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2]), uint32(row[4*x+3])
				// Transparent parts count as white paper.
				l := (19595*r + 38470*g + 7471*bb + 1<<15) >> 16
				o[x] = uint8((l*a + 255*(255-a)) / 255)
			}
		}
		return out
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			out.Pix[y*w+x] = color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
		}
	}
	return out
}

// shrink returns g reduced by the integer factor f (box average).
func shrink(g *image.Gray, f int) *image.Gray {
	if f <= 1 {
		return g
	}
	w, h := g.Rect.Dx()/f, g.Rect.Dy()/f
	out := image.NewGray(image.Rect(0, 0, w, h))
	acc := make([]uint32, w)
	n := uint32(f * f)
	for y := 0; y < h; y++ {
		clear(acc)
		for dy := 0; dy < f; dy++ {
			row := g.Pix[(y*f+dy)*g.Stride:]
			for x := 0; x < w; x++ {
				s := uint32(0)
				for _, v := range row[x*f : x*f+f] {
					s += uint32(v)
				}
				acc[x] += s
			}
		}
		o := out.Pix[y*out.Stride:]
		for x := 0; x < w; x++ {
			o[x] = uint8(acc[x] / n)
		}
	}
	return out
}

// levels counts how the page's pixels spread over grey levels: it returns
// the share of pixels at the two most frequent levels and the share that
// are neither near black nor near white.
func levels(g *image.Gray) (twoTop, mid float64) {
	var hist [256]int
	step := 1 + len(g.Pix)/400_000
	n := 0
	for i := 0; i < len(g.Pix); i += step {
		hist[g.Pix[i]]++
		n++
	}
	if n == 0 {
		return 1, 0
	}
	a, b := 0, 0
	midN := 0
	for v, c := range hist {
		if c > a {
			a, b = c, a
		} else if c > b {
			b = c
		}
		if v > 40 && v < 215 {
			midN += c
		}
	}
	return float64(a+b) / float64(n), float64(midN) / float64(n)
}
