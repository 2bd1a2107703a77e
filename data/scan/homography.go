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
// m((u+0.5)/scale, (v+0.5)/scale) of src (bilinear; white outside).
func warp(src *image.Gray, m *homography, w, h int, scale float64) *image.Gray {
	out := image.NewGray(image.Rect(0, 0, w, h))
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	pix, stride := src.Pix, src.Stride
	for v := 0; v < h; v++ {
		row := out.Pix[v*out.Stride : v*out.Stride+w]
		y := (float64(v) + 0.5) / scale
		// Numerators and denominator are linear in x along the row.
		nx0, ny0, d0 := m[1]*y+m[2], m[4]*y+m[5], m[7]*y+1
		for u := range row {
			x := (float64(u) + 0.5) / scale
			d := m[6]*x + d0
			if d == 0 {
				row[u] = 255
				continue
			}
			sx := (m[0]*x+nx0)/d - 0.5
			sy := (m[3]*x+ny0)/d - 0.5
			if !(sx >= 0 && sy >= 0 && sx < float64(sw-1) && sy < float64(sh-1)) {
				if sx > -1 && sy > -1 && sx < float64(sw) && sy < float64(sh) {
					cx := min(max(int(sx+0.5), 0), sw-1)
					cy := min(max(int(sy+0.5), 0), sh-1)
					row[u] = pix[cy*stride+cx]
				} else {
					row[u] = 255
				}
				continue
			}
			ix, iy := int(sx), int(sy)
			fx, fy := sx-float64(ix), sy-float64(iy)
			o := iy*stride + ix
			p00, p10 := float64(pix[o]), float64(pix[o+1])
			p01, p11 := float64(pix[o+stride]), float64(pix[o+stride+1])
			row[u] = uint8((p00+(p10-p00)*fx)*(1-fy) + (p01+(p11-p01)*fx)*fy + 0.5)
		}
	}
	return out
}
