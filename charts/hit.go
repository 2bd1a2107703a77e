package charts

import (
	"image"

	"csatdesk/data"
)

// Spot is a point of a rendered chart that the pointer can ask about: the
// window shows its period, n, value and range when the mouse is over its
// Area (hover) or it is tapped.
type Spot struct {
	// Area is the part of the image, in pixels, that belongs to the
	// point: its period's column across the plot, so the pointer need not
	// hit the marker itself.
	Area image.Rectangle
	// At is the marker's centre, where a tooltip points.
	At image.Point
	// Index is the point's index in the series drawn.
	Index int
	// Label is the period's label ("2026-03").
	Label string
	// Value, Low and High are the CSAT % (or the Scale's value) and its
	// 95 % range.
	Value, Low, High float64
	// Scale is the trend's axis when it is not CSAT % (NPS, CES).
	Scale *Scale
	// N is the number of answers.
	N uint64
	// Partial is set when the point holds only part of its period (the
	// range starts or ends inside it).
	Partial bool
}

// Map is where the points of a rendered chart are, in the image's pixels.
type Map []Spot

// Hit returns the spot whose area holds pixel (x, y) of the image.
func (m Map) Hit(x, y int) (Spot, bool) {
	pt := image.Pt(x, y)
	for _, s := range m {
		if pt.In(s.Area) {
			return s, true
		}
	}
	return Spot{}, false
}

// TrendMapped is Trend that also returns where its points are.
func TrendMapped(points []data.TrendPoint, opt TrendOptions) (image.Image, Map, error) {
	img, geom, err := renderTrend(points, opt)
	if err != nil {
		return nil, nil, err
	}
	return img, trendMap(points, geom, opt), nil
}

// trendMap places the valid points of a trend rendered with geom.
func trendMap(points []data.TrendPoint, geom plotGeom, opt TrendOptions) Map {
	cmp := opt.Compare
	n := len(points)
	if n == 0 || geom.box.Width() <= 0 {
		return nil
	}
	if len(cmp) > n {
		cmp = cmp[:n]
	}
	lo, hi, _ := opt.yRange(points, cmp, opt.Band.normalized(opt.Locale))
	part := partial(points, opt.From, opt.To)
	half := max(1, geom.box.Width()/(2*n))
	var m Map
	for i, p := range points {
		if !validPoint(p) {
			continue
		}
		x, y := geom.x(float64(i)), geom.y(clamp(p.Value, lo, hi))
		m = append(m, Spot{
			Area:  image.Rect(x-half, geom.box.Top, x+half+1, geom.box.Bottom+1),
			At:    image.Pt(x, y),
			Index: i, Label: p.Label, Value: p.Value, Low: p.Low, High: p.High, N: p.N, Partial: part[i], Scale: opt.Scale,
		})
	}
	return m
}
