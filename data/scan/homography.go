package scan

import (
	"image"
	"math"
)

// pt is a point (px or mm).
type pt struct{ X, Y float64 }

// homography maps a plane to a plane: (x,y) → ((a x + b y + c)/(g x + h y + 1),
// (d x + e y + f)/(g x + h y + 1)).
type homography [8]float64

// apply maps p.
func (m *homography) apply(x, y float64) (float64, float64) {
	w := m[6]*x + m[7]*y + 1
	if w == 0 {
		w = 1e-12
	}
	return (m[0]*x + m[1]*y + m[2]) / w, (m[3]*x + m[4]*y + m[5]) / w
}

// solveHomography returns the homography taking src[i] to dst[i]; ok is
// false when the points are degenerate.
func solveHomography(src, dst [4]pt) (homography, bool) {
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := src[i].X, src[i].Y, dst[i].X, dst[i].Y
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return homography{}, false
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < 8; r++ {
			if r == c {
				continue
			}
			f := a[r][c] / a[c][c]
			for k := c; k < 9; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	var m homography
	for i := 0; i < 8; i++ {
		m[i] = a[i][8] / a[i][i]
		if math.IsNaN(m[i]) || math.IsInf(m[i], 0) {
			return homography{}, false
		}
	}
	return m, true
}

// warp returns the w×h image whose pixel (u,v) shows the point
// m((u+0.5)/scale, (v+0.5)/scale) of src (bilinear; white outside). When
// the source is much finer than the output, each output pixel averages
// 2×2 samples so thin light lines keep their ink.
func warp(src *image.Gray, m *homography, w, h int, scale float64, super bool) *image.Gray {
	out := image.NewGray(image.Rect(0, 0, w, h))
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	sample := func(x, y float64) float64 {
		x -= 0.5
		y -= 0.5
		x0, y0 := math.Floor(x), math.Floor(y)
		ix, iy := int(x0), int(y0)
		if ix < 0 || iy < 0 || ix+1 >= sw || iy+1 >= sh {
			if ix < -1 || iy < -1 || ix >= sw || iy >= sh {
				return 255
			}
			cx := min(max(ix, 0), sw-1)
			cy := min(max(iy, 0), sh-1)
			return float64(src.Pix[cy*src.Stride+cx])
		}
		fx, fy := x-x0, y-y0
		o := iy*src.Stride + ix
		p00, p10 := float64(src.Pix[o]), float64(src.Pix[o+1])
		p01, p11 := float64(src.Pix[o+src.Stride]), float64(src.Pix[o+src.Stride+1])
		return (p00*(1-fx)+p10*fx)*(1-fy) + (p01*(1-fx)+p11*fx)*fy
	}
	for v := 0; v < h; v++ {
		row := out.Pix[v*out.Stride:]
		for u := 0; u < w; u++ {
			var s float64
			if super {
				for _, d := range [4][2]float64{{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}} {
					x, y := m.apply((float64(u)+d[0])/scale, (float64(v)+d[1])/scale)
					s += sample(x, y)
				}
				s /= 4
			} else {
				x, y := m.apply((float64(u)+0.5)/scale, (float64(v)+0.5)/scale)
				s = sample(x, y)
			}
			row[u] = uint8(s + 0.5)
		}
	}
	return out
}
