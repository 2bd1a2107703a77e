package scan

import (
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// qrFound is a decoded QR code: its text and the direction of its top
// edge (from its top-left finder pattern to its top-right one) in the
// image it was found in.
type qrFound struct {
	text   string
	dx, dy float64
	at     pt // its top-left finder pattern
}

// decodeQR looks for one QR code in g (the part inside r).
func decodeQR(g *image.Gray, r image.Rectangle, harder bool) (qrFound, bool) {
	r = r.Intersect(g.Rect)
	if r.Dx() < 21 || r.Dy() < 21 {
		return qrFound{}, false
	}
	src, err := gozxing.NewPlanarYUVLuminanceSource(g.Pix, g.Stride, g.Rect.Dy(), r.Min.X, r.Min.Y, r.Dx(), r.Dy(), false)
	if err != nil {
		return qrFound{}, false
	}
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(src))
	if err != nil {
		return qrFound{}, false
	}
	hints := map[gozxing.DecodeHintType]interface{}{}
	if harder {
		hints[gozxing.DecodeHintType_TRY_HARDER] = true
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil || res == nil {
		return qrFound{}, false
	}
	q := qrFound{text: res.GetText()}
	pts := res.GetResultPoints()
	if len(pts) >= 3 {
		// gozxing gives bottom-left, top-left, top-right.
		tl, tr := pts[1], pts[2]
		q.dx, q.dy = tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY()
		q.at = pt{tl.GetX() + float64(r.Min.X), tl.GetY() + float64(r.Min.Y)}
	}
	return q, true
}
